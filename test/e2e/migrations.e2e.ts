import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultStorageClass, getObject, isLab, list, mustGet, ownedBy, waitFor, waitRolledOut, type Obj } from './helpers/cluster.js';
import { describeRun, type CliRun } from './helpers/k8sapp.js';
import { configMap, deployment, statefulSet } from './helpers/manifests.js';
import { expectExit, scenario, SCENARIO_TIMEOUT_MS } from './helpers/scenario.js';

const uids = (objects: readonly Obj[]) => Object.fromEntries(objects.map((o) => [o.metadata.name, o.metadata.uid as string]));
const migration = (run: CliRun, id: string) => (run.json?.migrations?.results ?? []).find((r: Obj) => r.id === id);

/** The runs recorded in `k8sapp-migrations-<env>`: id → list of runs. */
async function records(environment: string, namespace: string): Promise<Record<string, Obj[]>> {
  const cm =
    (await getObject('configmap', `k8sapp-migrations-${environment}`, namespace)) ??
    (await getObject('configmap', `k8sapp-migrations-${environment}`, 'default'));
  if (!cm) return {};
  return Object.fromEntries(Object.entries((cm.data ?? {}) as Record<string, string>).map(([id, text]) => [id, JSON.parse(text) as Obj[]]));
}

/**
 * An expandable StorageClass: the cluster default's provisioner and binding mode (kind: local-path) with
 * allowVolumeExpansion, or on the lab (no default class) one its simulated provisioner serves.
 */
async function expandableClass(name: string): Promise<Obj> {
  const base = await defaultStorageClass();
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name },
    provisioner: base?.provisioner ?? 'lab.example/fake',
    volumeBindingMode: base?.volumeBindingMode ?? 'Immediate',
    reclaimPolicy: 'Delete',
    allowVolumeExpansion: true,
  };
}

const USER_MIGRATIONS = {
  '001-label-legacy-config.mjs': `
export default {
  id: '001-label-legacy-config',
  description: 'Labels the legacy ConfigMap migrated=true before anything is applied.',
  phase: 'pre',
  components: [],
  async isNeeded(ctx) {
    const namespace = ctx.manifests.find((o) => o.kind === 'ConfigMap').metadata.namespace;
    const cm = await ctx.kube.get('configmap', 'legacy', { namespace });
    return cm !== undefined && cm.metadata.labels?.migrated !== 'true';
  },
  async run(ctx) {
    const namespace = ctx.manifests.find((o) => o.kind === 'ConfigMap').metadata.namespace;
    await ctx.kube.patch('configmap', 'legacy', { metadata: { labels: { migrated: 'true' } } }, { namespace });
    ctx.log.info('legacy labelled');
  },
};
`,
  '002-annotate-after-rollout.mjs': `
export default {
  id: '002-annotate-after-rollout',
  description: 'Marks the app Deployment once it has rolled out.',
  phase: 'post',
  components: ['app'],
  async isNeeded(ctx) {
    const namespace = ctx.manifests.find((o) => o.kind === 'Deployment').metadata.namespace;
    const d = await ctx.kube.get('deployment', 'app', { namespace });
    return d.metadata.annotations?.['e2e.k8sapp.io/post'] !== 'done';
  },
  async run(ctx) {
    const namespace = ctx.manifests.find((o) => o.kind === 'Deployment').metadata.namespace;
    const d = await ctx.kube.get('deployment', 'app', { namespace });
    if ((d.status?.readyReplicas ?? 0) < 1) throw new Error('post migration ran before the rollout finished');
    await ctx.kube.patch('deployment', 'app', { metadata: { annotations: { 'e2e.k8sapp.io/post': 'done' } } }, { namespace });
  },
};
`,
};

describe.concurrent('migrations', () => {
  it(
    'grow-statefulset-volumes: the PVCs grow before the StatefulSet is recreated; pods and PVCs survive; recorded once',
    async (t) => {
      const className = `e2e-expand-${randomBytes(3).toString('hex')}`;
      const storageClass = await expandableClass(className);
      const sts = (storage: string) => statefulSet('app', { replicas: 2, storage, storageClassName: className });
      const s = await scenario(t, 'mig grow volumes', {
        resources: [storageClass, sts('1Gi')],
        global: { migrations: { builtin: ['grow-statefulset-volumes'] } },
        services: { app: {} },
      });
      s.cleanupClusterObject('storageclass', className);
      expectExit(await s.deploy(), 0);
      await waitRolledOut('StatefulSet', 'app', s.namespace);
      const pods = uids(await list('pods', s.namespace, 'app=app'));
      const pvcs = uids(await list('pvc', s.namespace));
      expect(Object.keys(pvcs).sort()).toEqual(['data-app-0', 'data-app-1']);

      await s.infra.update({ resources: [storageClass, sts('2Gi')] });
      const plan = await s.k8sapp('migrations');
      expectExit(plan, 0);
      expect(plan.json?.results.find((r: Obj) => r.id === 'grow-statefulset-volumes')?.status, describeRun(plan)).toBe('would-run');

      const run = await s.deploy(['--sha', 'abc1234']);
      expectExit(run, 0);
      expect(migration(run, 'grow-statefulset-volumes')?.status, describeRun(run)).toBe('succeeded');
      expect(run.json?.resources.find((r: Obj) => r.kind === 'StatefulSet')?.action).toBe('recreated');
      const live = await waitRolledOut('StatefulSet', 'app', s.namespace);
      const claims = await list('pvc', s.namespace);
      expect(uids(claims)).toEqual(pvcs);
      expect(claims.map((c) => c.spec.resources.requests.storage)).toEqual(['2Gi', '2Gi']);
      if (await isLab()) {
        // The lab's simulated resizer expands bound claims (kind's local-path has no resizer: the request is what we can check).
        await waitFor(
          'the PVCs to reach 2Gi',
          async () => {
            const current = await list('pvc', s.namespace);
            return current.every((c) => c.status.capacity?.storage === '2Gi') || undefined;
          },
          60,
        );
      }
      const livePods = await list('pods', s.namespace, 'app=app');
      expect(uids(livePods)).toEqual(pods);
      expect(ownedBy(livePods, live.metadata.uid).length).toBe(2);

      const recorded = await records(s.environment, s.namespace);
      expect(recorded['grow-statefulset-volumes']?.map((r) => [r.outcome, r.sha])).toEqual([['succeeded', 'abc1234']]);

      // Migrated: the next deploy asks once and does nothing; no new record.
      const again = await s.deploy();
      expectExit(again, 0);
      expect(migration(again, 'grow-statefulset-volumes')?.status).toBe('not-needed');
      expect((await records(s.environment, s.namespace))['grow-statefulset-volumes']?.length).toBe(1);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'grow-statefulset-volumes refuses a class without allowVolumeExpansion before anything is applied',
    async (t) => {
      const className = `e2e-fixed-${randomBytes(3).toString('hex')}`;
      const storageClass = { ...(await expandableClass(className)), allowVolumeExpansion: false };
      const sts = (storage: string) => statefulSet('app', { storage, storageClassName: className });
      const s = await scenario(t, 'mig grow refused', {
        resources: [storageClass, sts('1Gi'), configMap('app-config', { version: '1' }, { app: 'app' })],
        global: { migrations: { builtin: ['grow-statefulset-volumes'] } },
        services: { app: {} },
      });
      s.cleanupClusterObject('storageclass', className);
      expectExit(await s.deploy(), 0);
      const before = await waitRolledOut('StatefulSet', 'app', s.namespace);

      await s.infra.update({ resources: [storageClass, sts('2Gi'), configMap('app-config', { version: '2' }, { app: 'app' })] });
      const run = await s.deploy();
      expectExit(run, 1);
      expect(migration(run, 'grow-statefulset-volumes')?.status, describeRun(run)).toBe('failed');
      expect(migration(run, 'grow-statefulset-volumes')?.error).toMatch(/allowVolumeExpansion/);
      const after = await mustGet('statefulset', 'app', s.namespace);
      expect(after.metadata.uid).toBe(before.metadata.uid);
      expect((await mustGet('configmap', 'app-config', s.namespace)).data.version).toBe('1');
      expect((await list('pvc', s.namespace)).map((c) => c.spec.resources.requests.storage)).toEqual(['1Gi']);
      // (A refusal from isNeeded is not written to the migrations record: only runs are; see the report.)
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'user migrations: pre before apply, post after the rollout, recorded; once migrated they are not run again',
    async (t) => {
      const s = await scenario(t, 'mig user', { resources: [deployment('app'), configMap('legacy', { a: '1' }, { app: 'app' })] });
      expectExit(await s.deploy(), 0);
      expect((await mustGet('configmap', 'legacy', s.namespace)).metadata.labels.migrated).toBeUndefined();

      await s.infra.update({ migrations: USER_MIGRATIONS });
      const planned = await s.k8sapp('migrations');
      expectExit(planned, 0);
      expect(planned.json?.results.map((r: Obj) => [r.id, r.status])).toEqual([
        ['001-label-legacy-config', 'would-run'],
        ['002-annotate-after-rollout', 'would-run'],
      ]);
      expect((await mustGet('configmap', 'legacy', s.namespace)).metadata.labels.migrated).toBeUndefined();

      const run = await s.deploy(['--sha', 'feed123']);
      expectExit(run, 0);
      expect(migration(run, '001-label-legacy-config')?.status, describeRun(run)).toBe('succeeded');
      expect(migration(run, '002-annotate-after-rollout')?.status, describeRun(run)).toBe('succeeded');
      expect((await mustGet('configmap', 'legacy', s.namespace)).metadata.labels.migrated).toBe('true');
      expect((await mustGet('deployment', 'app', s.namespace)).metadata.annotations['e2e.k8sapp.io/post']).toBe('done');
      const recorded = await records(s.environment, s.namespace);
      expect(recorded['001-label-legacy-config']?.map((r) => [r.phase, r.outcome, r.sha])).toEqual([['pre', 'succeeded', 'feed123']]);
      expect(recorded['002-annotate-after-rollout']?.map((r) => [r.phase, r.component, r.outcome])).toEqual([['post', 'app', 'succeeded']]);

      const again = await s.deploy();
      expectExit(again, 0);
      expect(again.json?.migrations.results.map((r: Obj) => r.status)).toEqual(['not-needed', 'not-needed']);
      const after = await records(s.environment, s.namespace);
      expect(after['001-label-legacy-config']?.length).toBe(1);
      expect(after['002-annotate-after-rollout']?.length).toBe(1);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'a failing pre migration stops the deploy before anything is applied, and is recorded as failed',
    async (t) => {
      const s = await scenario(t, 'mig pre fails', { resources: [deployment('app')] });
      expectExit(await s.deploy(), 0);
      await s.infra.update({
        resources: [deployment('app'), configMap('added-later', { a: '1' }, { app: 'app' })],
        migrations: {
          '001-refuse.mjs': `export default {
  id: '001-refuse', description: 'Always refuses.', phase: 'pre', components: [],
  async isNeeded() { return true; },
  async run() { throw new Error('refusing: a backup is needed first'); },
};\n`,
        },
      });
      const run = await s.deploy();
      expectExit(run, 1);
      expect(run.json?.status).toBe('failed');
      expect(migration(run, '001-refuse')?.status, describeRun(run)).toBe('failed');
      expect(run.json?.errors.join('\n')).toContain('refusing: a backup is needed first');
      expect(run.json?.phases.map((p: Obj) => p.name)).not.toContain('apply');
      expect(await getObject('configmap', 'added-later', s.namespace)).toBeUndefined();
      expect((await records(s.environment, s.namespace))['001-refuse']?.map((r) => r.outcome)).toEqual(['failed']);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'a migration module that does not load is a configuration error (exit 2) before any cluster call',
    async (t) => {
      const s = await scenario(t, 'mig broken module', { resources: [deployment('app')], migrations: { '001-broken.mjs': 'export default { id: 42 };\n' } });
      const run = await s.deploy();
      expectExit(run, 2);
      expect(run.stdout + run.stderr).toContain('001-broken.mjs');
      expect(await getObject('namespace', s.namespace)).toBeUndefined();
    },
    SCENARIO_TIMEOUT_MS,
  );
});
