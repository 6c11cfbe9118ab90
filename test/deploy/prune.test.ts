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
import { FakeKube, listOf, type KubeCall } from '../helpers/fake-kube.js';
import { FakeKubectl, ok, type RecordedCall } from '../helpers/fake-kubectl.js';
import { FakeClock } from '../rollout/helpers.js';
import { apiFor, controlFor, deadlineDeployment, engineWrites, isReleaseWrite, NS, overlayObjects, readyDeployment, scriptNewObjects } from './helpers.js';

const SECRET = 'pa55-Word_for-web';
const SHA = '0123456789abcdef0123456789abcdef01234567';
const K8SAPP_OWNED = [{ manager: 'k8sapp', operation: 'Apply', fieldsV1: { 'f:data': {} } }];

function setup(control = controlFor('web', { prune: true }), overrides: Partial<DeployRequest> = {}) {
  const fake = new FakeKubectl();
  const kube = new FakeKube();
  const deps: DeployDependencies = {
    kubectl: new Kubectl(fake.executor),
    kube: apiFor(fake),
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
function storeWith(objects: KubernetesObject[], legacy = false): string {
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
  return JSON.stringify({
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
  });
}

/**
 * Scripts the store (kubectl, the release store's) and the live ConfigMaps prune lists through the API client
 * (present until deleted), before the usual new-objects script.
 */
function scriptCluster(fake: FakeKubectl, kube: FakeKube, previous: KubernetesObject[], liveOld: KubernetesObject[], legacy = false): void {
  const present = new Map(liveOld.map((o) => [o.metadata.name, { ...o, metadata: { ...o.metadata, managedFields: K8SAPP_OWNED } }]));
  const named = (c: KubeCall) => /^metadata\.name=(.*)$/.exec((c.options?.fieldSelector as string | undefined) ?? '')?.[1];
  fake.on((args) => args[0] === 'get' && args[1] === 'configmap/k8sapp-releases-dev', ok(storeWith(previous, legacy)));
  kube
    .on(
      (c) => c.verb === 'list' && c.kind === 'ConfigMap' && c.namespace === NS,
      (c: KubeCall) => listOf([...present.values()].filter((o) => named(c) === undefined || o.metadata.name === named(c))),
    )
    .on(
      (c) => c.verb === 'delete' && c.kind === 'ConfigMap' && c.name === 'web-old',
      () => (present.delete('web-old') ? 'deleted' : 'not-found'),
    );
}

const step = (call: RecordedCall) => (isReleaseWrite(call.args) ? 'release' : call.args.join(' '));

describe('deploy with prune: true', () => {
  it('after a recorded release, deletes what the overlay no longer renders; the new inventory lists the Secret by identity only', async () => {
    const { fake, kube, deps, request } = setup();
    scriptCluster(fake, kube, [...overlayObjects('web'), oldConfig], [oldConfig]);
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    // The apply went through the API (one request per object), before the release record and the prune's delete.
    expect(engineWrites(fake)).toEqual(['apply ConfigMap/web-config', 'apply Secret/web-secret', 'apply Deployment/web']);
    expect(fake.mutatingCalls().map(step)).toEqual(['release', 'delete configmap/web-old -n apps --cascade=background --ignore-not-found --wait=false']);
    expect(report.phases.map((p) => p.name).slice(-2)).toEqual(['release', 'prune']);
    expect(report.prune).toMatchObject({ status: 'succeeded', previousRevision: 4, objects: [{ kind: 'ConfigMap', name: 'web-old', action: 'pruned' }] });
    const written = JSON.parse(fake.calls.find((c) => isReleaseWrite(c.args))?.input ?? '{}') as { data: Record<string, string> };
    const [record] = JSON.parse(written.data['releases.json'] ?? '[]') as ReleaseRecord[];
    expect(record?.inventoryVersion).toBe(1);
    expect(record?.inventory?.map((e) => `${e.kind}/${e.name}`)).toEqual(['ConfigMap/web-config', 'Secret/web-secret', 'Deployment/web']);
    expect(written.data['releases.json']).not.toContain(SECRET);
    expect(written.data['releases.json']).not.toContain('StrongBase64Password');
    expect(deployMarkdown(report)).toContain('| ConfigMap apps/web-old | pruned |');
    expect(deployJson(report).prune?.objects[0]).toMatchObject({ name: 'web-old', action: 'pruned' });
  });

  it('a failed rollout prunes nothing: no delete, no prune phase', async () => {
    const { fake, kube, deps, request } = setup(controlFor('web', { prune: true, rollback_on_failure: false }));
    scriptCluster(fake, kube, [...overlayObjects('web'), oldConfig], [oldConfig]);
    scriptNewObjects(fake, overlayObjects('web'), () => deadlineDeployment('web'));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('failed');
    expect(fake.calls.filter((c) => c.args[0] === 'delete')).toEqual([]);
    expect(kube.of('delete')).toEqual([]);
    expect(report.phases.map((p) => p.name)).not.toContain('prune');
    expect(report.prune).toBeNull();
  });

  it('a release that could not be recorded prunes nothing (its inventory is what the next prune compares with)', async () => {
    const { fake, kube, deps, request } = setup();
    fake.on(isReleaseWrite, { exitCode: 1, stdout: '', stderr: 'Error from server (Forbidden): configmaps "k8sapp-releases-dev" is forbidden' });
    scriptCluster(fake, kube, [...overlayObjects('web'), oldConfig], [oldConfig]);
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    expect(report.release?.error).toContain('Forbidden');
    expect(fake.calls.filter((c) => c.args[0] === 'delete')).toEqual([]);
    expect(kube.of('delete')).toEqual([]);
    expect(report.prune).toBeNull();
    expect(report.notes).toContain('Nothing was pruned: prune runs only after the release is recorded (its inventory is what the next prune compares with).');
  });

  it('prune: false (the default) never reads or deletes old objects', async () => {
    const { fake, kube, deps, request } = setup(controlFor('web'));
    scriptCluster(fake, kube, [...overlayObjects('web'), oldConfig], [oldConfig]);
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    expect(fake.calls.filter((c) => c.args.includes('web-old') || c.args.includes('configmap/web-old'))).toEqual([]);
    expect(kube.calls).toEqual([]);
    expect(report.prune).toBeNull();
  });

  it('the first deploy after a release that predates the inventory prunes nothing and says so', async () => {
    const { fake, kube, deps, request } = setup();
    scriptCluster(fake, kube, [...overlayObjects('web'), oldConfig], [oldConfig], true);
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    expect(fake.calls.filter((c) => c.args[0] === 'delete')).toEqual([]);
    expect(kube.of('delete')).toEqual([]);
    expect(report.prune?.status).toBe('skipped');
    expect(report.prune?.message).toMatch(
      /Release 4 of dev was recorded before k8sapp kept an inventory: nothing is pruned this time .* This deploy recorded one/,
    );
    expect(report.phases.at(-1)).toMatchObject({ name: 'prune', outcome: 'skipped' });
  });

  it('dry run: lists "would prune" from the newest release, changes nothing', async () => {
    const { fake, kube, deps, request } = setup(controlFor('web', { prune: true }), { dryRun: true });
    scriptCluster(fake, kube, [...overlayObjects('web'), oldConfig], [oldConfig]);
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    expect(fake.mutatingCalls()).toEqual([]);
    expect(kube.calls.map((c) => c.verb)).toEqual(['list']);
    expect(report.prune).toMatchObject({ status: 'planned', objects: [{ name: 'web-old', action: 'would-prune' }] });
    expect(deployMarkdown(report)).toContain('| ConfigMap apps/web-old | would prune |');
  });

  it('--service web: objects of the service not deployed are no candidates and stay in the inventory', async () => {
    const control = controlFor('web', { prune: true });
    control.config.environments.dev!.services!.api = { enabled: true, auto_deploy: true, require_approval: false, rollback_on_failure: false };
    const apiOld: KubernetesObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api-old', namespace: NS, labels: { app: 'api' } }, data: {} };
    const { fake, kube, deps, request } = setup(control, { services: ['web'] });
    scriptCluster(fake, kube, [...overlayObjects('web'), oldConfig, apiOld], [oldConfig, apiOld]);
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    expect(deletes(kube)).toEqual(['ConfigMap apps/web-old Background']);
    expect(kube.calls.some((c) => c.name === 'api-old' || JSON.stringify(c.options).includes('api-old'))).toBe(false);
    const written = JSON.parse(fake.calls.find((c) => isReleaseWrite(c.args))?.input ?? '{}') as { data: Record<string, string> };
    const [record] = JSON.parse(written.data['releases.json'] ?? '[]') as ReleaseRecord[];
    expect(record?.inventory?.map((e) => e.name)).toContain('api-old');
    expect(record?.inventory?.map((e) => e.name)).not.toContain('web-old');
  });

  it('rollback: release never deletes; it reports what the failed deploy applied that the release lacks', async () => {
    const { fake, kube, deps, request } = setup(controlFor('web', { prune: true, rollback: 'release' }));
    const next = [
      ...overlayObjects('web'),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-new', namespace: NS, labels: { app: 'web' } }, data: {} },
    ];
    scriptCluster(fake, overlayObjects('web'), []);
    // Healthy once the release went through the engine again (its dry runs follow the deploy's own).
    const dryRuns = () =>
      apiFor(fake)
        .of('apply')
        .filter((c) => c.options?.dryRun).length;
    scriptNewObjects(fake, next, () => (dryRuns() > next.length ? readyDeployment('web') : deadlineDeployment('web')));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('rolled-back');
    expect(report.rollback?.leftInPlace).toEqual(['ConfigMap apps/web-new']);
    expect(fake.calls.filter((c) => c.args[0] === 'delete')).toEqual([]);
    expect(kube.of('delete')).toEqual([]);
    expect(report.prune).toBeNull();
    expect(deployMarkdown(report)).toContain('left in place (a rollback never deletes): ConfigMap apps/web-new');
  });
});
