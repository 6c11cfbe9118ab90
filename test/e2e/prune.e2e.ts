import { describe, expect, it } from 'vitest';
import { getObject, kubectlOk, list, waitFor, waitRolledOut, type Obj } from './helpers/cluster.js';
import { describeRun, type CliRun } from './helpers/k8sapp.js';
import { BROKEN_IMAGE, configMap, deployment, statefulSet } from './helpers/manifests.js';
import { exists, expectExit, scenario, SCENARIO_TIMEOUT_MS } from './helpers/scenario.js';

/** The prune row of one object in a deploy's (or plan's) JSON. */
function pruneRow(run: CliRun, kind: string, name: string): Obj {
  const found = (run.json?.prune?.objects ?? []).find((row: Obj) => row.kind === kind && row.name === name);
  if (!found) throw new Error(`no prune row for ${kind}/${name}\n${describeRun(run)}`);
  return found as Obj;
}

const app = () => deployment('app');
const appConfig = () => configMap('app-config', { version: '1' }, { app: 'app' });

describe.concurrent('prune', () => {
  it(
    'a ConfigMap and a Deployment removed from the overlay disappear (pods too); plan and dry run list them first',
    async (t) => {
      const s = await scenario(t, 'prune cm deploy', {
        resources: [app(), appConfig(), configMap('old-config', { a: '1' }, { app: 'app' }), deployment('old', { replicas: 2 })],
        environmentSettings: { prune: true },
        services: { app: {}, old: {} },
      });
      const first = await s.deploy();
      expectExit(first, 0);
      // The first release: nothing earlier to compare with.
      expect(first.json?.prune?.status, describeRun(first)).toBe('skipped');
      await waitRolledOut('Deployment', 'old', s.namespace);
      const oldUid = (await getObject('deployment', 'old', s.namespace))?.metadata.uid as string;

      // The component leaves deploy-control with its manifests (a service that selects nothing is refused).
      await s.infra.update({ resources: [app(), appConfig()], services: { app: {} } });
      const plan = await s.k8sapp('plan');
      expectExit(plan, 0);
      expect(pruneRow(plan, 'ConfigMap', 'old-config').action).toBe('would-prune');
      expect(pruneRow(plan, 'Deployment', 'old').action).toBe('would-prune');
      const dry = await s.deploy(['--dry-run']);
      expectExit(dry, 0);
      expect(pruneRow(dry, 'Deployment', 'old').action).toBe('would-prune');
      expect(await exists('deployment', 'old', s.namespace)).toBe(true);

      const run = await s.deploy();
      expectExit(run, 0);
      expect(run.json?.prune?.status, describeRun(run)).toBe('succeeded');
      expect(pruneRow(run, 'ConfigMap', 'old-config').action).toBe('pruned');
      expect(pruneRow(run, 'Deployment', 'old').action).toBe('pruned');
      expect(run.json?.phases.map((p: Obj) => p.name).slice(-2)).toEqual(['release', 'prune']);
      expect(await exists('configmap', 'old-config', s.namespace)).toBe(false);
      expect(await exists('deployment', 'old', s.namespace)).toBe(false);
      // Background cascade: the Deployment's pods go as well (never orphaned).
      await waitFor("the pruned Deployment's pods to go", async () => {
        const pods = (await list('pods', s.namespace, 'app=old')).filter((pod) => !pod.metadata.deletionTimestamp);
        return pods.length === 0;
      });
      // What stays rendered is untouched.
      expect(await exists('configmap', 'app-config', s.namespace)).toBe(true);
      expect(await exists('deployment', 'app', s.namespace)).toBe(true);
      expect(oldUid).toBeTruthy();
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'a removed StatefulSet is pruned and its PVC stays; the summary says so',
    async (t) => {
      const s = await scenario(t, 'prune sts pvc', {
        resources: [app(), statefulSet('db', { replicas: 1, storage: '1Gi' })],
        environmentSettings: { prune: true },
        services: { app: {}, db: {} },
      });
      expectExit(await s.deploy(), 0);
      await waitRolledOut('StatefulSet', 'db', s.namespace);
      const claim = await getObject('pvc', 'data-db-0', s.namespace);
      expect(claim).toBeDefined();

      await s.infra.update({ resources: [app()], services: { app: {} } });
      const run = await s.deploy();
      expectExit(run, 0);
      const row = pruneRow(run, 'StatefulSet', 'db');
      expect(row.action, describeRun(run)).toBe('pruned');
      expect(row.reason).toContain('data-db-0');
      expect(await exists('statefulset', 'db', s.namespace)).toBe(false);
      const after = await getObject('pvc', 'data-db-0', s.namespace);
      expect(after?.metadata.uid).toBe(claim?.metadata.uid);
      expect(after?.metadata.deletionTimestamp).toBeUndefined();
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'a Namespace removed from the overlay stays (kept: protected), and so do the objects in it',
    async (t) => {
      const s = await scenario(t, 'prune namespace', { resources: [app(), appConfig()], environmentSettings: { prune: true } });
      expectExit(await s.deploy(), 0);

      await s.infra.update({ namespaceObject: false });
      const run = await s.deploy();
      expectExit(run, 0);
      const row = pruneRow(run, 'Namespace', s.namespace);
      expect(row.action, describeRun(run)).toBe('kept');
      expect(row.reason).toMatch(/^protected: a Namespace is never pruned unless its manifest carried the annotation k8sapp.io\/prune: allow/);
      const namespace = await getObject('namespace', s.namespace);
      expect(namespace?.status.phase).toBe('Active');
      expect(await exists('configmap', 'app-config', s.namespace)).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'prune: false keeps everything that was removed from the overlay',
    async (t) => {
      const s = await scenario(t, 'prune off', {
        resources: [app(), appConfig(), configMap('old-config', { a: '1' }, { app: 'app' })],
        environmentSettings: { prune: false },
      });
      expectExit(await s.deploy(), 0);
      await s.infra.update({ resources: [app(), appConfig()] });
      const run = await s.deploy();
      expectExit(run, 0);
      expect(run.json?.prune, describeRun(run)).toBeNull();
      expect(run.json?.phases.map((p: Obj) => p.name)).not.toContain('prune');
      expect(await exists('configmap', 'old-config', s.namespace)).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'an object another field manager edited is left alone and reported',
    async (t) => {
      const s = await scenario(t, 'prune edited', {
        resources: [app(), appConfig(), configMap('old-config', { a: '1' }, { app: 'app' }), configMap('untouched', { a: '1' }, { app: 'app' })],
        environmentSettings: { prune: true },
      });
      expectExit(await s.deploy(), 0);
      // Someone edits it by hand (field manager kubectl-patch).
      await kubectlOk(['patch', 'configmap', 'old-config', '-n', s.namespace, '--type=merge', '-p', '{"data":{"hand":"edited"}}']);

      await s.infra.update({ resources: [app(), appConfig()] });
      const run = await s.deploy();
      expectExit(run, 0);
      const row = pruneRow(run, 'ConfigMap', 'old-config');
      expect(row.action, describeRun(run)).toBe('left-alone');
      expect(row.reason).toBe('edited by kubectl-patch');
      expect(pruneRow(run, 'ConfigMap', 'untouched').action).toBe('pruned');
      expect((await getObject('configmap', 'old-config', s.namespace))?.data.hand).toBe('edited');
      expect(await exists('configmap', 'untouched', s.namespace)).toBe(false);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'a broken deploy prunes nothing',
    async (t) => {
      const s = await scenario(t, 'prune broken', {
        resources: [app(), appConfig(), configMap('old-config', { a: '1' }, { app: 'app' })],
        environmentSettings: { prune: true },
      });
      expectExit(await s.deploy(), 0);

      await s.infra.update({ resources: [deployment('app', { image: BROKEN_IMAGE }), appConfig()] });
      const run = await s.deploy();
      expectExit(run, 1);
      expect(run.json?.status, describeRun(run)).toBe('failed');
      expect(run.json?.prune).toBeNull();
      expect(run.json?.phases.map((p: Obj) => p.name)).not.toContain('prune');
      expect(await exists('configmap', 'old-config', s.namespace)).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
