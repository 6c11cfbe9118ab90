import { describe, expect, it } from 'vitest';
import { imagesOf, list, mustGet, type Obj } from './helpers/cluster.js';
import { describeRun } from './helpers/k8sapp.js';
import { BROKEN_IMAGE, CRASH, deployment, IMAGE, statefulSet } from './helpers/manifests.js';
import { expectExit, scenario, SCENARIO_TIMEOUT_MS, workloadResult } from './helpers/scenario.js';

interface Case {
  name: string;
  workload: Obj;
  reason: RegExp;
  message: RegExp;
  check?: (row: Obj, namespace: string) => Promise<void> | void;
}

/** A StorageClass name that exists nowhere: the real PV controller reports ProvisioningFailed ("… not found"). */
const MISSING_CLASS = 'unbound';

const cases: Case[] = [
  {
    name: 'ImagePullBackOff (a tag that does not exist)',
    workload: deployment('app', { image: BROKEN_IMAGE }),
    reason: /^(ErrImagePull|ImagePullBackOff)$/,
    message: /Failed to pull image "busybox:1\.36-broken"/,
    check: (row) => expect(row.image).toBe(BROKEN_IMAGE),
  },
  {
    name: 'CrashLoopBackOff (exit 1)',
    workload: deployment('app', { command: CRASH }),
    reason: /^CrashLoopBackOff$/,
    message: /.+/,
    check: (row) => expect(row.restarts).toBeGreaterThanOrEqual(1),
  },
  {
    name: 'FailedCreate, StatefulSet (env value and valueFrom: the seed incident)',
    workload: statefulSet('app', { env: [{ name: 'PASSWORD', value: 'x', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] }),
    reason: /^FailedCreate$/,
    message: /may not be specified when `value` is not empty/,
  },
  {
    name: 'FailedCreate, Deployment (missing ServiceAccount, on the new ReplicaSet)',
    workload: deployment('app', { serviceAccountName: 'no-such-account' }),
    reason: /^FailedCreate$/,
    message: /serviceaccount "no-such-account" not found/,
  },
  {
    name: 'CreateContainerConfigError (env from a Secret that does not exist)',
    workload: deployment('app', { env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'missing', key: 'password' } } }] }),
    reason: /^CreateContainerConfigError$/,
    message: /secret "missing" not found/,
  },
  {
    name: 'Unschedulable (a node selector no node matches)',
    workload: deployment('app', { nodeSelector: { 'k8sapp.io/e2e-no-such-node': 'true' } }),
    // The diagnosis names the scheduler's event (docs/rollout.md: Pod Unschedulable, FailedScheduling).
    reason: /^(Unschedulable|FailedScheduling)$/,
    message: /node\(s\) didn't match Pod's node affinity\/selector/,
  },
  {
    name: 'ProvisioningFailed (a StorageClass that does not exist)',
    workload: statefulSet('app', { storage: '1Gi', storageClassName: MISSING_CLASS }),
    reason: /^ProvisioningFailed$/,
    message: new RegExp(`storageclass.storage.k8s.io "${MISSING_CLASS}" not found`),
    check: async (_row, namespace) => {
      const [pvc] = await list('pvc', namespace);
      expect(pvc?.status.phase).toBe('Pending');
    },
  },
];

describe.concurrent('fail-fast diagnosis', () => {
  for (const c of cases) {
    it(
      `${c.name}: failed (not timed out) with the cause quoted; nothing rolled back without rollback_on_failure`,
      async (t) => {
        // A generous rollout_timeout: the workload must be reported failed by the diagnosis, long before it.
        const s = await scenario(t, `diag ${c.name}`, { resources: [c.workload], environmentSettings: { rollout_timeout: 600 } });
        const run = await s.deploy();
        expectExit(run, 1);
        expect(run.json?.status).toBe('failed');
        const result = workloadResult(run, c.workload.kind, 'app');
        expect(result.status, describeRun(run)).toBe('failed');
        expect(result.reason, describeRun(run)).toMatch(c.reason);
        const row = (result.diagnosis as Obj[]).find((d) => c.reason.test(d.reason) && d.fatal);
        expect(row, describeRun(run)).toBeDefined();
        expect(`${row?.message} ${result.message}`).toMatch(c.message);
        await c.check?.(row as Obj, s.namespace);
        expect(run.json?.rollback).toBeNull();
        // What failed stays as applied, for debugging.
        expect(imagesOf(await mustGet(c.workload.kind, 'app', s.namespace))).toEqual(imagesOf(c.workload).map((i) => i ?? IMAGE));
      },
      SCENARIO_TIMEOUT_MS,
    );
  }
});
