import { describe, expect, it } from 'vitest';
import { imagesOf, isReadyPod, list, mustGet, waitRolledOut, type Obj } from './helpers/cluster.js';
import { describeRun } from './helpers/k8sapp.js';
import { BROKEN_IMAGE, configMap, daemonSet, deployment, IMAGE, IMAGE_NEXT, statefulSet, type StatefulSetOptions } from './helpers/manifests.js';
import { expectExit, scenario, SCENARIO_TIMEOUT_MS, workloadResult } from './helpers/scenario.js';

interface Case {
  name: string;
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  make(image: string, extra?: StatefulSetOptions): Obj;
  replicas: number;
}

const cases: Case[] = [
  { name: 'Deployment', kind: 'Deployment', replicas: 2, make: (image, extra) => deployment('app', { image, replicas: 2, ...extra }) },
  {
    name: 'StatefulSet replicas 1 (OrderedReady)',
    kind: 'StatefulSet',
    replicas: 1,
    make: (image, extra) => statefulSet('app', { image, replicas: 1, ...extra }),
  },
  {
    name: 'StatefulSet replicas 3 OrderedReady',
    kind: 'StatefulSet',
    replicas: 3,
    make: (image, extra) => statefulSet('app', { image, replicas: 3, ...extra }),
  },
  {
    name: 'StatefulSet replicas 3 Parallel',
    kind: 'StatefulSet',
    replicas: 3,
    make: (image, extra) => statefulSet('app', { image, replicas: 3, podManagementPolicy: 'Parallel', ...extra }),
  },
  { name: 'DaemonSet', kind: 'DaemonSet', replicas: 1, make: (image, extra) => daemonSet('app', { image, ...extra }) },
];

/** The workload's live pods: every one Ready and running `image`, none left on another image. */
async function expectPodsOn(namespace: string, image: string, count: number): Promise<void> {
  const pods = (await list('pods', namespace, 'app=app')).filter((pod) => !pod.metadata.deletionTimestamp);
  expect(pods.map((pod) => pod.spec.containers[0].image)).toEqual(Array(count).fill(image));
  expect(pods.every(isReadyPod)).toBe(true);
}

describe.concurrent.each(['undo', 'release'] as const)('rollback: %s', (mode) => {
  for (const c of cases) {
    it(
      `${c.name}: a broken image is rolled back to the last good revision, comes back Ready, and the next deploy rolls forward`,
      async (t) => {
        const s = await scenario(t, `rb ${mode} ${c.name}`, {
          resources: [c.make(IMAGE), configMap('app-config', { version: '1' }, { app: 'app' })],
          environmentSettings: { rollback: mode },
          serviceDefaults: { rollback_on_failure: true },
        });
        const first = await s.deploy();
        expectExit(first, 0);
        expect(first.json?.status).toBe('succeeded');
        await waitRolledOut(c.kind, 'app', s.namespace);

        await s.infra.update({ resources: [c.make(BROKEN_IMAGE), configMap('app-config', { version: '2' }, { app: 'app' })] });
        const broken = await s.deploy();
        expectExit(broken, 1);
        expect(broken.json?.status, describeRun(broken)).toBe('rolled-back');
        const result = workloadResult(broken, c.kind, 'app');
        expect(result.status).toBe('failed');
        expect(result.reason).toMatch(/ErrImagePull|ImagePullBackOff/);
        expect(broken.json?.rollback?.status, describeRun(broken)).toBe('succeeded');
        const rolledBack = broken.json?.rollback?.workloads.find((w: Obj) => w.kind === c.kind && w.name === 'app');
        expect(rolledBack?.action).toBe(mode === 'undo' ? 'undone' : 'reapplied');
        expect(rolledBack?.status).toBe('succeeded');

        // The cluster runs the last good revision again, every pod Ready on it.
        const live = await waitRolledOut(c.kind, 'app', s.namespace);
        expect(imagesOf(live)).toEqual([IMAGE]);
        await expectPodsOn(s.namespace, IMAGE, c.replicas);
        // `release` re-applies the whole last good release (ConfigMaps included); `undo` only reverts the workload.
        expect((await mustGet('configmap', 'app-config', s.namespace)).data.version).toBe(mode === 'release' ? '1' : '2');

        // The deploy after the rollback takes the fields back from kubectl's rollout manager and rolls forward.
        await s.infra.update({ resources: [c.make(IMAGE_NEXT), configMap('app-config', { version: '3' }, { app: 'app' })] });
        const next = await s.deploy();
        expectExit(next, 0);
        expect(next.json?.status).toBe('succeeded');
        const forward = await waitRolledOut(c.kind, 'app', s.namespace);
        expect(imagesOf(forward)).toEqual([IMAGE_NEXT]);
        await expectPodsOn(s.namespace, IMAGE_NEXT, c.replicas);
        expect((await mustGet('configmap', 'app-config', s.namespace)).data.version).toBe('3');
      },
      SCENARIO_TIMEOUT_MS,
    );
  }
});

describe.concurrent('rollback: the seed incident', () => {
  it.for(['undo', 'release'] as const)(
    'StatefulSet replicas 1 whose new revision hits FailedCreate (env value and valueFrom) is rolled back (%s) and comes back Ready',
    { timeout: SCENARIO_TIMEOUT_MS },
    async (mode, t) => {
      const good = statefulSet('app', { replicas: 1, env: [{ name: 'MODE', value: 'good' }] });
      const s = await scenario(t, `rb failedcreate ${mode}`, {
        resources: [good],
        environmentSettings: { rollback: mode },
        serviceDefaults: { rollback_on_failure: true },
      });
      expectExit(await s.deploy(), 0);
      const before = await waitRolledOut('StatefulSet', 'app', s.namespace);

      const bad = statefulSet('app', {
        replicas: 1,
        env: [{ name: 'MODE', value: 'bad', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
      });
      await s.infra.update({ resources: [bad] });
      const run = await s.deploy();
      expectExit(run, 1);
      const result = workloadResult(run, 'StatefulSet', 'app');
      expect(result.reason, describeRun(run)).toBe('FailedCreate');
      expect(result.message).toContain('may not be specified when `value` is not empty');
      expect(run.json?.status, describeRun(run)).toBe('rolled-back');
      expect(run.json?.rollback?.status).toBe('succeeded');

      const live = await waitRolledOut('StatefulSet', 'app', s.namespace);
      expect(live.spec.template.spec.containers[0].env).toEqual([{ name: 'MODE', value: 'good' }]);
      expect(live.status.currentRevision).toBe(before.status.currentRevision);
      const pods = await list('pods', s.namespace, 'app=app');
      expect(pods.map((p) => p.metadata.name)).toEqual(['app-0']);
      expect(pods.every(isReadyPod)).toBe(true);
    },
  );

  it(
    'dev keeps a failed rollout in place when rollback_on_failure is off (nothing rolled back)',
    async (t) => {
      const s = await scenario(t, 'rb off', { resources: [deployment('app')] });
      expectExit(await s.deploy(), 0);
      await s.infra.update({ resources: [deployment('app', { image: BROKEN_IMAGE })] });
      const run = await s.deploy();
      expectExit(run, 1);
      expect(run.json?.status).toBe('failed');
      expect(run.json?.rollback).toBeNull();
      expect(imagesOf(await mustGet('deployment', 'app', s.namespace))).toEqual([BROKEN_IMAGE]);
    },
    SCENARIO_TIMEOUT_MS,
  );
});

describe.concurrent('releases and k8sapp rollback', () => {
  it(
    'every successful deploy is recorded; k8sapp rollback restores the release before the newest, ConfigMaps included',
    async (t) => {
      const s = await scenario(t, 'releases', { resources: [deployment('app'), configMap('app-config', { version: '1' }, { app: 'app' })] });
      expectExit(await s.deploy(['--sha', 'aaaaaaa1']), 0);
      await s.infra.update({ resources: [deployment('app', { image: IMAGE_NEXT }), configMap('app-config', { version: '2' }, { app: 'app' })] });
      expectExit(await s.deploy(['--sha', 'bbbbbbb2']), 0);
      await waitRolledOut('Deployment', 'app', s.namespace);

      const releases = await s.k8sapp('releases');
      expectExit(releases, 0);
      expect(releases.json?.configMap).toBe(`default/k8sapp-releases-${s.environment}`);
      expect(releases.json?.releases.map((r: Obj) => [r.revision, r.sha])).toEqual([
        [2, 'bbbbbbb2'],
        [1, 'aaaaaaa1'],
      ]);

      const rollback = await s.k8sapp('rollback');
      expectExit(rollback, 0);
      expect(rollback.json?.status, describeRun(rollback)).toBe('succeeded');
      expect(rollback.json?.release).toBe(1);
      const live = await waitRolledOut('Deployment', 'app', s.namespace);
      expect(imagesOf(live)).toEqual([IMAGE]);
      expect((await mustGet('configmap', 'app-config', s.namespace)).data.version).toBe('1');

      const to = await s.k8sapp('rollback', ['--to', '2']);
      expectExit(to, 0);
      expect(imagesOf(await waitRolledOut('Deployment', 'app', s.namespace))).toEqual([IMAGE_NEXT]);
      expect((await mustGet('configmap', 'app-config', s.namespace)).data.version).toBe('2');
    },
    SCENARIO_TIMEOUT_MS,
  );
});
