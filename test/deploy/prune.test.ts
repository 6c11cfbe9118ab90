import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deployJson } from '../../src/deploy/json.js';
import { runDeploy } from '../../src/deploy/pipeline.js';
import { deployMarkdown } from '../../src/deploy/summary.js';
import type { DeployDependencies, DeployRequest } from '../../src/deploy/types.js';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { inventoryEntry } from '../../src/prune/inventory.js';
import type { ReleaseRecord } from '../../src/rollout/releases.js';
import { apiError, call, type FakeKube, type KubeCall } from '../helpers/fake-kube.js';
import { FakeKubectl } from '../helpers/fake-kubectl.js';
import { FakeClock } from '../rollout/helpers.js';
import {
  apiFor,
  clusterWrites,
  controlFor,
  deadlineDeployment,
  NS,
  overlayObjects,
  readyDeployment,
  releasesHolding,
  releasesOf,
  scriptNewObjects,
} from './helpers.js';

const SECRET = 'pa55-Word_for-web';
const SHA = '0123456789abcdef0123456789abcdef01234567';
const K8SAPP_OWNED = [{ manager: 'k8sapp', operation: 'Apply', fieldsV1: { 'f:data': {} } }];

function setup(control = controlFor('web', { prune: true }), overrides: Partial<DeployRequest> = {}) {
  const fake = new FakeKubectl();
  const kube = apiFor(fake);
  const deps: DeployDependencies = {
    kustomize: new Kubectl(fake.executor),
    kube,
    clock: new FakeClock('2026-11-23T10:00:00Z'),
    logger: new RecordingLogger(),
    registerSecret: () => undefined,
  };
  const request: DeployRequest = {
    environment: 'dev',
    control,
    trigger: 'auto',
    secrets: { PASSWORD: SECRET },
    dryRun: false,
    git: { sha: SHA, ref: 'refs/heads/dev' },
    migrations: [],
    ...overrides,
  };
  return { fake, kube, deps, request };
}

const oldConfig: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'web-old', namespace: NS, labels: { app: 'web' } },
  data: { a: '1' },
};

/** The release store as an earlier deploy left it: release 4 with `objects` (and its inventory unless `legacy`). */
function storeWith(objects: KubernetesObject[], legacy = false): KubernetesObject {
  const record: ReleaseRecord = {
    revision: 4,
    sha: 'earlier',
    time: '2026-11-20T10:00:00Z',
    digest: 'sha256:x',
    objects: objects.length,
    strippedSecrets: [],
    bytes: 10,
    ...(legacy ? {} : { inventoryVersion: 1, inventory: objects.map(inventoryEntry) }),
  };
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'k8sapp-releases-dev', namespace: 'default', resourceVersion: '7' },
    data: { 'releases.json': JSON.stringify([record]) },
    binaryData: {
      'r4.yaml.gz': gzipSync(
        Buffer.from(
          objects
            .filter((o) => o.kind !== 'Secret')
            .map((o) => JSON.stringify(o))
            .join('\n---\n'),
        ),
      ).toString('base64'),
    },
  };
}

/**
 * The cluster after an earlier deploy: the release store holds release 4 with `previous`; the objects returned are
 * `liveOld` as the server keeps them (owned by k8sapp's field manager), for scriptNewObjects' live state — listed and
 * deleted through the API like every other object.
 */
async function earlierDeploy(fake: FakeKubectl, previous: KubernetesObject[], liveOld: KubernetesObject[], legacy = false): Promise<KubernetesObject[]> {
  await releasesHolding(fake, storeWith(previous, legacy));
  return liveOld.map((o) => ({ ...o, metadata: { ...o.metadata, uid: `uid-${o.metadata.name}`, managedFields: K8SAPP_OWNED } }));
}

/** The release record as this deploy wrote it (replacing the store's release 4). */
function writtenRelease(kube: FakeKube): Record<string, string> {
  return releasesOf(kube).stored()?.data ?? {};
}

/** The deletes, as `Kind namespace/name propagation`. */
function deletes(kube: FakeKube): string[] {
  return kube.of('delete').map((c) => `${c.kind} ${c.namespace}/${c.name} ${String(c.options?.propagationPolicy)}`);
}

/** Whether a call asked about `name` (by name or by field selector). */
const about = (name: string) => (c: KubeCall) => c.name === name || JSON.stringify(c.options ?? {}).includes(name);

describe('deploy with prune: true', () => {
  it('after a recorded release, deletes what the overlay no longer renders; the new inventory lists the Secret by identity only', async () => {
    const { fake, kube, deps, request } = setup();
    const live = await earlierDeploy(fake, [...overlayObjects('web'), oldConfig], [oldConfig]);
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'), live);

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    // The apply went through the API (one request per object), then the release record (replacing release 4's store
    // with its resourceVersion), then the prune's delete — by uid, in the background; kubectl only built the overlay.
    expect(clusterWrites(fake)).toEqual([
      'apply ConfigMap/web-config',
      'apply Secret/web-secret',
      'apply Deployment/web',
      'replace ConfigMap/k8sapp-releases-dev',
      'delete ConfigMap/web-old',
    ]);
    expect(kube.of('delete')[0]).toMatchObject({ namespace: NS, options: { propagationPolicy: 'Background', uid: 'uid-web-old' } });
    expect(fake.commands().map((args) => args[0])).toEqual(['kustomize']);
    expect(report.phases.map((p) => p.name).slice(-2)).toEqual(['release', 'prune']);
    expect(report.prune).toMatchObject({ status: 'succeeded', previousRevision: 4, objects: [{ kind: 'ConfigMap', name: 'web-old', action: 'pruned' }] });
    const written = writtenRelease(kube);
    const [record] = JSON.parse(written['releases.json'] ?? '[]') as ReleaseRecord[];
    expect(record?.revision).toBe(5);
    expect(record?.inventoryVersion).toBe(1);
    expect(record?.inventory?.map((e) => `${e.kind}/${e.name}`)).toEqual(['ConfigMap/web-config', 'Secret/web-secret', 'Deployment/web']);
    expect(written['releases.json']).not.toContain(SECRET);
    expect(written['releases.json']).not.toContain('StrongBase64Password');
    expect(deployMarkdown(report)).toContain('| ConfigMap apps/web-old | pruned |');
    expect(deployJson(report).prune?.objects[0]).toMatchObject({ name: 'web-old', action: 'pruned' });
  });

  it('a failed rollout prunes nothing: no delete, no prune phase', async () => {
    const { fake, kube, deps, request } = setup(controlFor('web', { prune: true, rollback_on_failure: false }));
    const live = await earlierDeploy(fake, [...overlayObjects('web'), oldConfig], [oldConfig]);
    scriptNewObjects(fake, overlayObjects('web'), () => deadlineDeployment('web'), live);

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('failed');
    expect(kube.of('delete')).toEqual([]);
    expect(report.phases.map((p) => p.name)).not.toContain('prune');
    expect(report.prune).toBeNull();
  });

  it('a release that could not be recorded prunes nothing (its inventory is what the next prune compares with)', async () => {
    const { fake, kube, deps, request } = setup();
    // The store holds release 4, so the record is a replace; RBAC refuses it (the rule answers before the store's).
    kube.on(
      call('replace', { kind: 'ConfigMap', name: 'k8sapp-releases-dev' }),
      apiError(
        403,
        'Forbidden',
        'configmaps "k8sapp-releases-dev" is forbidden: User "system:serviceaccount:ci:deployer" cannot update resource "configmaps" in API group "" in the namespace "default"',
        [],
        { name: 'k8sapp-releases-dev', kind: 'configmaps' },
      ),
    );
    const live = await earlierDeploy(fake, [...overlayObjects('web'), oldConfig], [oldConfig]);
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'), live);

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    expect(report.release?.error).toContain('forbidden');
    expect(kube.of('replace').map((c) => c.name)).toEqual(['k8sapp-releases-dev']);
    expect(kube.of('delete')).toEqual([]);
    expect(report.prune).toBeNull();
    expect(report.notes).toContain('Nothing was pruned: prune runs only after the release is recorded (its inventory is what the next prune compares with).');
  });

  it('prune: false (the default) never reads or deletes old objects', async () => {
    const { fake, kube, deps, request } = setup(controlFor('web'));
    const live = await earlierDeploy(fake, [...overlayObjects('web'), oldConfig], [oldConfig]);
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'), live);

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    expect(kube.calls.filter(about('web-old'))).toEqual([]);
    expect(kube.of('delete')).toEqual([]);
    expect(report.prune).toBeNull();
  });

  it('the first deploy after a release that predates the inventory prunes nothing and says so', async () => {
    const { fake, kube, deps, request } = setup();
    const live = await earlierDeploy(fake, [...overlayObjects('web'), oldConfig], [oldConfig], true);
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'), live);

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    expect(kube.of('delete')).toEqual([]);
    expect(report.prune?.status).toBe('skipped');
    expect(report.prune?.message).toMatch(
      /Release 4 of dev was recorded before k8sapp kept an inventory: nothing is pruned this time .* This deploy recorded one/,
    );
    expect(report.phases.at(-1)).toMatchObject({ name: 'prune', outcome: 'skipped' });
  });

  it('dry run: lists "would prune" from the newest release, changes nothing', async () => {
    const { fake, kube, deps, request } = setup(controlFor('web', { prune: true }), { dryRun: true });
    const live = await earlierDeploy(fake, [...overlayObjects('web'), oldConfig], [oldConfig]);
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'), live);

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    expect(clusterWrites(fake)).toEqual([]);
    // Prune's one read of the old object: a LIST of its kind in its namespace, by name.
    expect(kube.calls.filter(about('web-old')).map((c) => [c.verb, c.kind, c.namespace, c.options?.fieldSelector])).toEqual([
      ['list', 'ConfigMap', NS, 'metadata.name=web-old'],
    ]);
    expect(report.prune).toMatchObject({ status: 'planned', objects: [{ name: 'web-old', action: 'would-prune' }] });
    expect(deployMarkdown(report)).toContain('| ConfigMap apps/web-old | would prune |');
  });

  it('--service web: objects of the service not deployed are no candidates and stay in the inventory', async () => {
    const control = controlFor('web', { prune: true });
    control.config.environments.dev!.services!.api = { enabled: true, auto_deploy: true, require_approval: false, rollback_on_failure: false };
    const apiOld: KubernetesObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api-old', namespace: NS, labels: { app: 'api' } }, data: {} };
    const { fake, kube, deps, request } = setup(control, { services: ['web'] });
    const live = await earlierDeploy(fake, [...overlayObjects('web'), oldConfig, apiOld], [oldConfig, apiOld]);
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'), live);

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    expect(deletes(kube)).toEqual(['ConfigMap apps/web-old Background']);
    expect(kube.calls.some(about('api-old'))).toBe(false);
    const [record] = JSON.parse(writtenRelease(kube)['releases.json'] ?? '[]') as ReleaseRecord[];
    expect(record?.inventory?.map((e) => e.name)).toContain('api-old');
    expect(record?.inventory?.map((e) => e.name)).not.toContain('web-old');
  });

  it('rollback: release never deletes; it reports what the failed deploy applied that the release lacks', async () => {
    const { fake, kube, deps, request } = setup(controlFor('web', { prune: true, rollback: 'release' }));
    const next = [
      ...overlayObjects('web'),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-new', namespace: NS, labels: { app: 'web' } }, data: {} },
    ];
    await earlierDeploy(fake, overlayObjects('web'), []);
    // Healthy once the release went through the engine again (its dry runs follow the deploy's own).
    const dryRuns = () =>
      apiFor(fake)
        .of('apply')
        .filter((c) => c.options?.dryRun).length;
    scriptNewObjects(fake, next, () => (dryRuns() > next.length ? readyDeployment('web') : deadlineDeployment('web')));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('rolled-back');
    expect(report.rollback?.leftInPlace).toEqual(['ConfigMap apps/web-new']);
    expect(kube.of('delete')).toEqual([]);
    expect(report.prune).toBeNull();
    expect(deployMarkdown(report)).toContain('left in place (a rollback never deletes): ConfigMap apps/web-new');
  });
});
