import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/log.js';
import { growStatefulSetVolumes } from '../../src/migrations/builtin/grow-statefulset-volumes.js';
import { MigrationKube } from '../../src/migrations/kube.js';
import { builtinMigrations } from '../../src/migrations/prepare.js';
import { runMigrations } from '../../src/migrations/runner.js';
import type { KubeObject, MigrationContext } from '../../src/migrations/types.js';
import { call, FakeKube, listOf, type KubeCall } from '../helpers/fake-kube.js';
import { ManualClock } from './helpers.js';

/** The StatefulSet as `kubectl kustomize` renders the example's dev overlay, with the storage under test. */
function desiredPostgres(storage: string, namespace = 'default'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'postgres', namespace, labels: { app: 'postgres', 'app.kubernetes.io/name': 'postgres', environment: 'dev' } },
    spec: {
      replicas: 1,
      serviceName: 'postgres-headless',
      selector: { matchLabels: { 'app.kubernetes.io/name': 'postgres' } },
      template: { metadata: { labels: { app: 'postgres' } }, spec: { containers: [{ name: 'postgres', image: 'postgis/postgis:18-3.6' }] } },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data', labels: { app: 'postgres', 'app.kubernetes.io/name': 'postgres' } },
          spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'hcloud-volumes', resources: { requests: { storage } } },
        },
      ],
    },
  };
}

/** A live PVC shaped like the API server returns it (cf. fixtures pvc-shrink-bound/…/live-after.yaml). */
function livePvc(
  name: string,
  storage: string,
  options: { phase?: string; capacity?: string; conditions?: object[]; storageClassName?: string | null } = {},
): KubeObject {
  const phase = options.phase ?? 'Bound';
  const spec: Record<string, unknown> = {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage } },
    volumeMode: 'Filesystem',
  };
  if (options.storageClassName !== null) spec.storageClassName = options.storageClassName ?? 'hcloud-volumes';
  if (phase === 'Bound') spec.volumeName = `pvc-4cb67ee9-b505-4c2d-9076-${name.length}dc918cf5f97`;
  const status: Record<string, unknown> = { phase };
  if (phase === 'Bound') {
    status.accessModes = ['ReadWriteOnce'];
    status.capacity = { storage: options.capacity ?? storage };
  }
  if (options.conditions) status.conditions = options.conditions;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      annotations: {
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
        'volume.kubernetes.io/storage-provisioner': 'csi.hetzner.cloud',
      },
      creationTimestamp: '2026-11-22T01:56:12Z',
      finalizers: ['kubernetes.io/pvc-protection'],
      labels: { app: 'postgres', 'app.kubernetes.io/name': 'postgres' },
      name,
      namespace: 'default',
      resourceVersion: '7516',
      uid: '4cb67ee9-b505-4c2d-9076-4dc918cf5f97',
    },
    spec,
    status,
  };
}

function storageClass(allowVolumeExpansion: boolean | undefined): KubeObject {
  const object: KubeObject = {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      creationTimestamp: '2026-11-20T09:12:44Z',
      name: 'hcloud-volumes',
      resourceVersion: '301',
      uid: '9d3f6f9e-7f0c-4d67-8a57-3c1b0f2a11aa',
    },
    provisioner: 'csi.hetzner.cloud',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
  if (allowVolumeExpansion !== undefined) object.allowVolumeExpansion = allowVolumeExpansion;
  return object;
}

const list = (...items: KubeObject[]) => listOf(items);
const PVCS = call('list', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'default' });
const CLASS = call('get', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: 'hcloud-volumes' });
const LIST_PVCS = 'list PersistentVolumeClaim default';
const GET_CLASS = 'get StorageClass hcloud-volumes';

/** Each call in one line: verb, Kind, namespace (when it has one), name. */
function commands(fake: FakeKube): string[] {
  return fake.calls.map((c) => [c.verb, c.kind, c.namespace, c.name].filter(Boolean).join(' '));
}

function mutations(fake: FakeKube): KubeCall[] {
  return fake.calls.filter((c) => ['patch', 'delete', 'apply', 'create', 'replace'].includes(c.verb) && c.options?.dryRun !== true);
}

function context(fake: FakeKube, manifests: KubeObject[], options: { dryRun?: boolean; components?: string[] } = {}) {
  const logs: string[] = [];
  const ctx: MigrationContext = {
    kube: new MigrationKube(fake, { dryRun: options.dryRun ?? false }),
    environment: 'dev',
    components: options.components ?? ['postgres'],
    manifests,
    log: { info: (m) => logs.push(m), warning: (m) => logs.push(`warning: ${m}`) },
    signal: new AbortController().signal,
    dryRun: options.dryRun ?? false,
  };
  return { ctx, logs };
}

describe('grow-statefulset-volumes', () => {
  it('already expanded: not needed, after exactly one read', async () => {
    const fake = new FakeKube().on(PVCS, list(livePvc('data-postgres-0', '20Gi'), livePvc('other-claim', '1Gi')));
    const { ctx } = context(fake, [desiredPostgres('20Gi')]);
    expect(await growStatefulSetVolumes.isNeeded(ctx)).toBe(false);
    expect(commands(fake)).toEqual([LIST_PVCS]);
  });

  it('a fresh install (no PVCs yet) is not needed', async () => {
    const fake = new FakeKube().on(PVCS, list());
    const { ctx } = context(fake, [desiredPostgres('20Gi')]);
    expect(await growStatefulSetVolumes.isNeeded(ctx)).toBe(false);
    expect(fake.calls).toHaveLength(1);
  });

  it('the same size written differently (20Gi vs 21474836480) is not a change', async () => {
    const fake = new FakeKube().on(PVCS, list(livePvc('data-postgres-0', '21474836480')));
    const { ctx } = context(fake, [desiredPostgres('20Gi')]);
    expect(await growStatefulSetVolumes.isNeeded(ctx)).toBe(false);
  });

  it('expandable class: patches each smaller PVC to the desired size and reports FileSystemResizePending', async () => {
    const pending = livePvc('data-postgres-0', '20Gi', {
      capacity: '20Gi',
      conditions: [
        {
          lastProbeTime: null,
          lastTransitionTime: '2026-11-22T02:10:03Z',
          message: 'Waiting for user to (re-)start a pod to finish file system resize of volume on node.',
          status: 'True',
          type: 'FileSystemResizePending',
        },
      ],
    });
    const patched = (c: KubeCall) => livePvc(c.name!, '20Gi', { capacity: '10Gi' });
    const fake = new FakeKube()
      .on(
        PVCS,
        list(livePvc('data-postgres-0', '10Gi'), livePvc('data-postgres-1', '10Gi')),
        list(livePvc('data-postgres-0', '10Gi'), livePvc('data-postgres-1', '10Gi')),
        list(pending, livePvc('data-postgres-1', '20Gi', { capacity: '10Gi', conditions: [{ type: 'Resizing', status: 'True' }] })),
      )
      .on(CLASS, storageClass(true))
      .on(call('patch', { kind: 'PersistentVolumeClaim' }), patched);
    const { ctx, logs } = context(fake, [desiredPostgres('20Gi')]);

    expect(await growStatefulSetVolumes.isNeeded(ctx)).toBe(true);
    await growStatefulSetVolumes.run(ctx);

    const patch = (name: string) => `patch PersistentVolumeClaim default ${name}`;
    expect(commands(fake)).toEqual([LIST_PVCS, GET_CLASS, LIST_PVCS, GET_CLASS, patch('data-postgres-0'), patch('data-postgres-1'), LIST_PVCS]);
    expect(fake.of('patch').map((c) => [c.name, c.body, c.options])).toEqual(
      ['data-postgres-0', 'data-postgres-1'].map((name) => [name, { spec: { resources: { requests: { storage: '20Gi' } } } }, { type: 'merge' }]),
    );
    expect(mutations(fake).map((c) => c.name)).toEqual(['data-postgres-0', 'data-postgres-1']);
    expect(logs).toEqual([
      'data-postgres-0 in namespace default: requested 10Gi → 20Gi',
      'data-postgres-1 in namespace default: requested 10Gi → 20Gi',
      expect.stringMatching(
        /^data-postgres-0 in namespace default: the volume is expanded to 20Gi; FileSystemResizePending: .*restart that pod \(recreating the StatefulSet with the Orphan propagation policy does not restart it\)\.$/,
      ),
      'data-postgres-1 in namespace default: the storage backend is expanding the volume (10Gi → 20Gi).',
    ]);
    expect(logs[2]).toContain('pod postgres-0');
  });

  it('non-expandable class: refuses with a clear message and patches nothing', async () => {
    const fake = new FakeKube().on(PVCS, list(livePvc('data-postgres-0', '10Gi'))).on(CLASS, storageClass(undefined));
    const { ctx } = context(fake, [desiredPostgres('20Gi')]);
    await expect(growStatefulSetVolumes.isNeeded(ctx)).rejects.toThrow(
      /PersistentVolumeClaim data-postgres-0 in namespace default cannot grow 10Gi → 20Gi: StorageClass hcloud-volumes \(provisioner csi\.hetzner\.cloud\) does not set allowVolumeExpansion: true/,
    );
    await expect(growStatefulSetVolumes.run(ctx)).rejects.toThrow(/does not set allowVolumeExpansion: true/);
    expect(mutations(fake)).toEqual([]);
  });

  it('allowVolumeExpansion: false is refused the same way', async () => {
    const fake = new FakeKube().on(PVCS, list(livePvc('data-postgres-0', '10Gi'))).on(CLASS, storageClass(false));
    const { ctx } = context(fake, [desiredPostgres('20Gi')]);
    await expect(growStatefulSetVolumes.isNeeded(ctx)).rejects.toThrow(/refusing to resize volumes/);
  });

  it('shrink: refuses (Kubernetes cannot shrink a volume), after one read, and patches nothing', async () => {
    const fake = new FakeKube().on(PVCS, list(livePvc('data-postgres-0', '20Gi')));
    const { ctx } = context(fake, [desiredPostgres('10Gi')]);
    await expect(growStatefulSetVolumes.isNeeded(ctx)).rejects.toThrow(
      'PersistentVolumeClaim data-postgres-0 in namespace default requests 20Gi but StatefulSet postgres now asks for 10Gi in volumeClaimTemplates "data": Kubernetes cannot shrink a volume.',
    );
    expect(commands(fake)).toEqual([LIST_PVCS]);
  });

  it('an unbound (Pending) claim is refused with what the API server would say', async () => {
    const fake = new FakeKube().on(PVCS, list(livePvc('data-postgres-0', '10Gi', { phase: 'Pending' })));
    const { ctx } = context(fake, [desiredPostgres('20Gi')]);
    await expect(growStatefulSetVolumes.isNeeded(ctx)).rejects.toThrow(/is Pending: Kubernetes only resizes bound claims/);
    expect(mutations(fake)).toEqual([]);
  });

  it('a StorageClass that does not exist is refused', async () => {
    const fake = new FakeKube().on(PVCS, list(livePvc('data-postgres-0', '10Gi'))).on(CLASS, undefined);
    const { ctx } = context(fake, [desiredPostgres('20Gi')]);
    await expect(growStatefulSetVolumes.isNeeded(ctx)).rejects.toThrow(/uses StorageClass hcloud-volumes, which does not exist/);
  });

  it('in dry-run the patches are server dry runs and the status is not read again', async () => {
    const fake = new FakeKube()
      .on(PVCS, list(livePvc('data-postgres-0', '10Gi')))
      .on(CLASS, storageClass(true))
      .on(call('patch', { kind: 'PersistentVolumeClaim', name: 'data-postgres-0' }), livePvc('data-postgres-0', '20Gi', { capacity: '10Gi' }));
    const { ctx, logs } = context(fake, [desiredPostgres('20Gi')], { dryRun: true });
    await growStatefulSetVolumes.run(ctx);
    expect(fake.calls.at(-1)).toEqual(expect.objectContaining({ verb: 'patch', options: { type: 'merge', dryRun: true } }));
    expect(mutations(fake)).toEqual([]);
    expect(logs).toEqual(['data-postgres-0 in namespace default: requested 10Gi → 20Gi (server dry run)']);
  });

  it('looks only at StatefulSets of the components being deployed', async () => {
    const fake = new FakeKube();
    const { ctx } = context(fake, [desiredPostgres('20Gi')], { components: ['redis'] });
    expect(await growStatefulSetVolumes.isNeeded(ctx)).toBe(false);
    expect(fake.calls).toEqual([]);
  });

  it('through the runner: the second deploy after growing does nothing and says so', async () => {
    const clock = new ManualClock();
    const fake = new FakeKube().on(PVCS, list(livePvc('data-postgres-0', '20Gi', { capacity: '20Gi' })));
    const logger = new RecordingLogger();
    const report = await runMigrations(
      {
        environment: 'dev',
        components: ['postgres'],
        manifests: [desiredPostgres('20Gi')],
        migrations: builtinMigrations(['grow-statefulset-volumes']),
        mode: 'run',
        timeoutSeconds: 600,
        slowSeconds: 60,
      },
      { kube: fake, clock, logger, timer: clock.timer },
    );
    expect(report.results).toEqual([
      expect.objectContaining({ id: 'grow-statefulset-volumes', builtin: true, file: 'builtin:grow-statefulset-volumes', needed: false, status: 'not-needed' }),
    ]);
    expect(commands(fake)).toEqual([LIST_PVCS]);
    expect(logger.lines).toContain('grow-statefulset-volumes: not needed, skipped (checked in 0 ms)');
  });
});
