import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getObject, isReadyPod, list, mustGet, ownedBy, waitFor, waitRolledOut, type Obj } from './helpers/cluster.js';
import { describeRun } from './helpers/k8sapp.js';
import { configMap, daemonSet, deployment, IMAGE_NEXT, job, service, statefulSet } from './helpers/manifests.js';
import { expectExit, scenario, SCENARIO_TIMEOUT_MS } from './helpers/scenario.js';

const uids = (objects: readonly Obj[]) => Object.fromEntries(objects.map((o) => [o.metadata.name, o.metadata.uid as string]));
const livePods = async (namespace: string, selector = 'app=app') => (await list('pods', namespace, selector)).filter((p) => !p.metadata.deletionTimestamp);
const resource = (run: { json?: Obj }, kind: string, name: string) => (run.json?.resources ?? []).find((r: Obj) => r.kind === kind && r.name === name);
const recreation = (run: { json?: Obj }, kind: string, name: string) => (run.json?.recreated ?? []).find((r: Obj) => r.kind === kind && r.name === name);

describe.concurrent('staged server-side apply', () => {
  it(
    'a Namespace, a CRD and an object of that CRD in one overlay: stage 1 first, all created; a second deploy changes nothing',
    async (t) => {
      const suffix = randomBytes(3).toString('hex');
      const plural = `widgets${suffix}`;
      const group = 'e2e.k8sapp.io';
      const crd = {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: `${plural}.${group}` },
        spec: {
          group,
          scope: 'Namespaced',
          names: { plural, singular: `widget${suffix}`, kind: `Widget${suffix}`, listKind: `Widget${suffix}List` },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } },
            },
          ],
        },
      };
      const widget = { apiVersion: `${group}/v1`, kind: `Widget${suffix}`, metadata: { name: 'w1' }, spec: { size: 3 } };
      const s = await scenario(t, 'staged apply', { resources: [crd, widget, configMap('app-config', { a: '1' }, { app: 'app' })], services: { app: {} } });
      s.cleanupClusterObject('customresourcedefinition', `${plural}.${group}`);

      const run = await s.deploy();
      expectExit(run, 0);
      expect(resource(run, 'Namespace', s.namespace)?.action, describeRun(run)).toBe('created');
      expect(resource(run, 'CustomResourceDefinition', `${plural}.${group}`)?.action).toBe('created');
      expect(resource(run, `Widget${suffix}`, 'w1')?.action).toBe('created');
      expect(run.stderr.indexOf('Apply stage 1')).toBeLessThan(run.stderr.indexOf('Apply stage 2'));
      const established = (await mustGet('crd', `${plural}.${group}`)).status.conditions.find((c: Obj) => c.type === 'Established');
      expect(established?.status).toBe('True');
      const live = await mustGet(`${plural}.${group}`, 'w1', s.namespace);
      expect(live.spec.size).toBe(3);

      const again = await s.deploy();
      expectExit(again, 0);
      expect(again.json?.resources.map((r: Obj) => r.action)).toEqual(again.json?.resources.map(() => 'unchanged'));
      expect((await mustGet(`${plural}.${group}`, 'w1', s.namespace)).metadata.resourceVersion).toBe(live.metadata.resourceVersion);
    },
    SCENARIO_TIMEOUT_MS,
  );
});

describe.concurrent('immutable-field recovery', () => {
  it(
    'StatefulSet storage (volumeClaimTemplates): recreated with cascade orphan; pods and PVCs survive',
    async (t) => {
      const s = await scenario(t, 'imm sts storage', { resources: [statefulSet('app', { replicas: 2, storage: '1Gi' })] });
      expectExit(await s.deploy(), 0);
      const before = await waitRolledOut('StatefulSet', 'app', s.namespace);
      const podsBefore = uids(await livePods(s.namespace));
      const pvcsBefore = uids(await list('pvc', s.namespace));
      expect(Object.keys(pvcsBefore).sort()).toEqual(['data-app-0', 'data-app-1']);

      await s.infra.update({ resources: [statefulSet('app', { replicas: 2, storage: '2Gi' })] });
      const run = await s.deploy();
      expectExit(run, 0);
      expect(resource(run, 'StatefulSet', 'app')?.action, describeRun(run)).toBe('recreated');
      const r = recreation(run, 'StatefulSet', 'app');
      expect(r?.cascade).toBe('orphan');
      expect(r?.fields).toEqual(['spec.volumeClaimTemplates[0].spec.resources.requests.storage (1Gi → 2Gi)']);

      const after = await waitRolledOut('StatefulSet', 'app', s.namespace);
      expect(after.metadata.uid).not.toBe(before.metadata.uid);
      expect(after.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('2Gi');
      const pods = await livePods(s.namespace);
      expect(uids(pods)).toEqual(podsBefore);
      expect(ownedBy(pods, after.metadata.uid).length).toBe(2);
      expect(uids(await list('pvc', s.namespace))).toEqual(pvcsBefore);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'StatefulSet selector: recreated; orphaned pods replaced one at a time, PVCs reused, no orphan left',
    async (t) => {
      const s = await scenario(t, 'imm sts selector', { resources: [statefulSet('app', { replicas: 2, storage: '1Gi' })] });
      expectExit(await s.deploy(), 0);
      await waitRolledOut('StatefulSet', 'app', s.namespace);
      const podsBefore = uids(await livePods(s.namespace));
      const pvcsBefore = uids(await list('pvc', s.namespace));

      await s.infra.update({ resources: [statefulSet('app', { replicas: 2, storage: '1Gi', selector: { app: 'app', track: 'v2' } })] });
      const run = await s.deploy();
      expectExit(run, 0);
      expect(resource(run, 'StatefulSet', 'app')?.action, describeRun(run)).toBe('recreated');
      expect(recreation(run, 'StatefulSet', 'app')?.orphansRemoved?.sort()).toEqual(['pod/app-0', 'pod/app-1'].sort());
      expect(recreation(run, 'StatefulSet', 'app')?.orphansLeft).toEqual([]);

      const after = await waitRolledOut('StatefulSet', 'app', s.namespace);
      const pods = await livePods(s.namespace);
      expect(pods.map((p) => p.metadata.name).sort()).toEqual(['app-0', 'app-1']);
      for (const pod of pods) {
        expect(pod.metadata.uid).not.toBe(podsBefore[pod.metadata.name]);
        expect(pod.metadata.labels.track).toBe('v2');
      }
      expect(ownedBy(pods, after.metadata.uid).length).toBe(2);
      expect(uids(await list('pvc', s.namespace))).toEqual(pvcsBefore);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'StatefulSet podManagementPolicy: recreated; the running pods are adopted (same UIDs), PVCs survive',
    async (t) => {
      const s = await scenario(t, 'imm sts pmp', { resources: [statefulSet('app', { replicas: 2, storage: '1Gi' })] });
      expectExit(await s.deploy(), 0);
      await waitRolledOut('StatefulSet', 'app', s.namespace);
      const podsBefore = uids(await livePods(s.namespace));
      const pvcsBefore = uids(await list('pvc', s.namespace));

      await s.infra.update({ resources: [statefulSet('app', { replicas: 2, storage: '1Gi', podManagementPolicy: 'Parallel' })] });
      const run = await s.deploy();
      expectExit(run, 0);
      expect(resource(run, 'StatefulSet', 'app')?.action, describeRun(run)).toBe('recreated');
      expect(recreation(run, 'StatefulSet', 'app')?.fields?.join(' ')).toContain('podManagementPolicy');
      const after = await waitRolledOut('StatefulSet', 'app', s.namespace);
      expect(after.spec.podManagementPolicy).toBe('Parallel');
      const pods = await waitFor(
        'pods adopted by the new StatefulSet',
        async () => {
          const current = await livePods(s.namespace);
          return ownedBy(current, after.metadata.uid).length === 2 ? current : undefined;
        },
        60,
      );
      expect(uids(pods)).toEqual(podsBefore);
      expect(uids(await list('pvc', s.namespace))).toEqual(pvcsBefore);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'Deployment selector: recreated; the old ReplicaSet and its pods are removed once the new one is available',
    async (t) => {
      const s = await scenario(t, 'imm deploy selector', { resources: [deployment('app', { replicas: 2 })] });
      expectExit(await s.deploy(), 0);
      await waitRolledOut('Deployment', 'app', s.namespace);
      const oldSets = await list('replicasets', s.namespace, 'app=app');
      expect(oldSets.length).toBe(1);

      await s.infra.update({ resources: [deployment('app', { replicas: 2, selector: { app: 'app', track: 'v2' } })] });
      const run = await s.deploy();
      expectExit(run, 0);
      expect(resource(run, 'Deployment', 'app')?.action, describeRun(run)).toBe('recreated');
      expect(recreation(run, 'Deployment', 'app')?.orphansLeft).toEqual([]);
      const after = await waitRolledOut('Deployment', 'app', s.namespace);
      const sets = await list('replicasets', s.namespace, 'app=app');
      expect(sets.map((rs) => rs.metadata.uid)).not.toContain(oldSets[0]?.metadata.uid);
      expect(sets.every((rs) => rs.metadata.ownerReferences?.[0]?.uid === after.metadata.uid)).toBe(true);
      const pods = await livePods(s.namespace);
      expect(pods.length).toBe(2);
      expect(pods.every((p) => p.metadata.labels.track === 'v2' && isReadyPod(p))).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'DaemonSet selector: recreated; the old pods are removed once the new ones are ready',
    async (t) => {
      const s = await scenario(t, 'imm ds selector', { resources: [daemonSet('app')] });
      expectExit(await s.deploy(), 0);
      await waitRolledOut('DaemonSet', 'app', s.namespace);
      const podsBefore = uids(await livePods(s.namespace));

      await s.infra.update({ resources: [daemonSet('app', { selector: { app: 'app', track: 'v2' } })] });
      const run = await s.deploy();
      expectExit(run, 0);
      expect(resource(run, 'DaemonSet', 'app')?.action, describeRun(run)).toBe('recreated');
      expect(recreation(run, 'DaemonSet', 'app')?.orphansLeft).toEqual([]);
      const after = await waitRolledOut('DaemonSet', 'app', s.namespace);
      const pods = await livePods(s.namespace);
      expect(pods.length).toBe(after.status.desiredNumberScheduled);
      for (const pod of pods) expect(Object.values(podsBefore)).not.toContain(pod.metadata.uid);
      expect(ownedBy(pods, after.metadata.uid).length).toBe(pods.length);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'Service clusterIP: recreated with the new address (and a warning that clients must reconnect)',
    async (t) => {
      const octet = () => 150 + Math.floor(Math.random() * 100);
      const [first, second] = [`10.96.${octet()}.${octet()}`, `10.96.${octet()}.${octet()}`];
      const s = await scenario(t, 'imm svc clusterip', { resources: [service('app', { clusterIP: first })] });
      expectExit(await s.deploy(), 0);
      const before = await mustGet('service', 'app', s.namespace);
      expect(before.spec.clusterIP).toBe(first);

      await s.infra.update({ resources: [service('app', { clusterIP: second })] });
      const run = await s.deploy();
      expectExit(run, 0);
      expect(resource(run, 'Service', 'app')?.action, describeRun(run)).toBe('recreated');
      const after = await mustGet('service', 'app', s.namespace);
      expect(after.metadata.uid).not.toBe(before.metadata.uid);
      expect(after.spec.clusterIP).toBe(second);
      expect(JSON.stringify(run.json?.warnings ?? []) + JSON.stringify(recreation(run, 'Service', 'app') ?? {})).toContain(first);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'Service made headless (clusterIP None): recreated headless',
    async (t) => {
      const s = await scenario(t, 'imm svc headless', { resources: [service('app')] });
      expectExit(await s.deploy(), 0);
      const before = await mustGet('service', 'app', s.namespace);
      expect(before.spec.clusterIP).not.toBe('None');

      await s.infra.update({ resources: [service('app', { clusterIP: 'None' })] });
      const run = await s.deploy();
      expectExit(run, 0);
      expect(resource(run, 'Service', 'app')?.action, describeRun(run)).toBe('recreated');
      expect((await mustGet('service', 'app', s.namespace)).spec.clusterIP).toBe('None');
    },
    SCENARIO_TIMEOUT_MS,
  );

  // A forced server-side apply changes the type in place (the server clears the clusterIP itself: fixture
  // svc-type-clusterip-to-externalname), so the Service must be configured, not needlessly re-created.
  it(
    'Service type ClusterIP → ExternalName: configured in place (same object), no recreation',
    async (t) => {
      const s = await scenario(t, 'imm svc type', { resources: [service('app')] });
      expectExit(await s.deploy(), 0);
      const before = await mustGet('service', 'app', s.namespace);

      await s.infra.update({ resources: [service('app', { type: 'ExternalName', externalName: 'db.example.internal' })] });
      const run = await s.deploy();
      expectExit(run, 0);
      expect(resource(run, 'Service', 'app')?.action, describeRun(run)).toBe('configured');
      const after = await mustGet('service', 'app', s.namespace);
      expect(after.metadata.uid).toBe(before.metadata.uid);
      expect(after.spec.type).toBe('ExternalName');
      expect(after.spec.externalName).toBe('db.example.internal');
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'Job template: the finished Job is recreated (foreground) and the new one runs to completion',
    async (t) => {
      const s = await scenario(t, 'imm job', { resources: [job('app', { command: ['sh', '-c', 'echo one'] })] });
      expectExit(await s.deploy(), 0);
      const before = await mustGet('job', 'app', s.namespace);
      expect(before.status.succeeded).toBe(1);

      await s.infra.update({ resources: [job('app', { command: ['sh', '-c', 'echo two'], image: IMAGE_NEXT })] });
      const run = await s.deploy();
      expectExit(run, 0);
      expect(resource(run, 'Job', 'app')?.action, describeRun(run)).toBe('recreated');
      expect(recreation(run, 'Job', 'app')?.cascade).toBe('foreground');
      const after = await mustGet('job', 'app', s.namespace);
      expect(after.metadata.uid).not.toBe(before.metadata.uid);
      expect(after.spec.template.spec.containers[0].command).toEqual(['sh', '-c', 'echo two']);
      expect(after.status.succeeded).toBe(1);
      const pods = await list('pods', s.namespace, 'app=app');
      expect(pods.every((p) => p.metadata.ownerReferences?.[0]?.uid === after.metadata.uid)).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'deploy --dry-run: the recreation is planned with its field, and nothing changes',
    async (t) => {
      const s = await scenario(t, 'imm dry run', {
        resources: [statefulSet('app', { storage: '1Gi' }), configMap('app-config', { version: '1' }, { app: 'app' })],
      });
      expectExit(await s.deploy(), 0);
      const before = await waitRolledOut('StatefulSet', 'app', s.namespace);
      const releases = (await mustGet('configmap', `k8sapp-releases-${s.environment}`, 'default')).metadata.resourceVersion;

      await s.infra.update({ resources: [statefulSet('app', { storage: '2Gi' }), configMap('app-config', { version: '2' }, { app: 'app' })] });
      const run = await s.deploy(['--dry-run']);
      expectExit(run, 0);
      expect(run.json?.dryRun).toBe(true);
      expect(resource(run, 'StatefulSet', 'app')?.action, describeRun(run)).toBe('recreated');
      expect(recreation(run, 'StatefulSet', 'app')?.status).toBe('planned');
      expect(resource(run, 'ConfigMap', 'app-config')?.action).toBe('configured');
      expect(run.json?.rollout).toBeNull();
      const after = await mustGet('statefulset', 'app', s.namespace);
      expect(after.metadata.uid).toBe(before.metadata.uid);
      expect(after.metadata.generation).toBe(before.metadata.generation);
      expect(after.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('1Gi');
      expect((await mustGet('configmap', 'app-config', s.namespace)).data.version).toBe('1');
      expect((await mustGet('configmap', `k8sapp-releases-${s.environment}`, 'default')).metadata.resourceVersion).toBe(releases);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'immutable_recovery: fail reports the field and changes nothing',
    async (t) => {
      const s = await scenario(t, 'imm fail', {
        resources: [statefulSet('app', { storage: '1Gi' }), configMap('app-config', { version: '1' }, { app: 'app' })],
        environmentSettings: { immutable_recovery: 'fail' },
      });
      expectExit(await s.deploy(), 0);
      const before = await waitRolledOut('StatefulSet', 'app', s.namespace);

      await s.infra.update({ resources: [statefulSet('app', { storage: '2Gi' }), configMap('app-config', { version: '2' }, { app: 'app' })] });
      const run = await s.deploy();
      expectExit(run, 1);
      expect(run.json?.status).toBe('failed');
      expect(resource(run, 'StatefulSet', 'app')?.action, describeRun(run)).toBe('failed');
      expect(run.json?.errors.join('\n')).toContain('spec.volumeClaimTemplates[0].spec.resources.requests.storage (1Gi → 2Gi)');
      const after = await mustGet('statefulset', 'app', s.namespace);
      expect(after.metadata.uid).toBe(before.metadata.uid);
      expect(after.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('1Gi');
      // The stage was refused as a whole: the ConfigMap beside it is untouched too.
      expect((await mustGet('configmap', 'app-config', s.namespace)).data.version).toBe('1');
      expect(await getObject('configmap', `k8sapp-releases-${s.environment}`, 'default')).toBeDefined();
    },
    SCENARIO_TIMEOUT_MS,
  );
});
