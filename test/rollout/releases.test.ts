import { stringify } from 'yaml';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ClusterUnreachableError } from '../../src/k8s/unreachable.js';
import { listReleases, loadRelease, RECORD_ATTEMPTS, recordRelease, ReleaseStoreError, stripSecrets } from '../../src/rollout/releases.js';
import { apiError, call, FakeKube, unreachable } from '../helpers/fake-kube.js';
import { releaseStore } from './release-store.js';

/** A FakeKube holding the release ConfigMap the way the API server does (resourceVersion preconditions). */
function store(namespace = 'default', environment = 'prod') {
  const fake = new FakeKube();
  const configMap = releaseStore(fake, { namespace, environment });
  return { fake, kube: fake, stored: () => configMap.stored() as { data: Record<string, string>; binaryData: Record<string, string> }, configMap };
}

const SECRET_VALUE = 'c3VwZXItc2VjcmV0LXBhc3N3b3Jk';
const manifests = (version: string) =>
  [
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: postgres-secret\n  namespace: db\ndata:\n  POSTGRES_PASSWORD: ${SECRET_VALUE}\n`,
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: postgres-init\n  namespace: db\ndata:\n  version: "${version}"\n`,
    `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: postgres\n  namespace: db\nspec:\n  replicas: 1\n`,
  ].join('---\n');

describe('release records', () => {
  it('round trip: record, list newest first, load latest and previous; Secrets are stripped entirely and said so', async () => {
    const { fake, kube, stored } = store();
    const first = await recordRelease({ environment: 'prod', sha: 'aaa111', manifests: manifests('1'), time: new Date('2026-11-20T10:00:00Z') }, { kube });
    const second = await recordRelease({ environment: 'prod', sha: 'bbb222', manifests: manifests('2'), time: new Date('2026-11-21T10:00:00Z') }, { kube });
    expect(first.record).toMatchObject({ revision: 1, sha: 'aaa111', objects: 2, strippedSecrets: ['db/postgres-secret'] });
    expect(second.record.revision).toBe(2);
    expect(second.record.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.record.digest).not.toBe(first.record.digest);

    // The first write creates the ConfigMap, the second replaces it with the resourceVersion it read.
    const writes = fake.calls.filter((c) => c.verb === 'create' || c.verb === 'replace');
    expect(writes.map((c) => [c.verb, c.namespace, c.name, c.options])).toEqual([
      ['create', 'default', 'k8sapp-releases-prod', { fieldManager: 'k8sapp-releases' }],
      ['replace', 'default', 'k8sapp-releases-prod', { fieldManager: 'k8sapp-releases' }],
    ]);
    expect((writes[1]?.body as { metadata: { resourceVersion?: string } }).metadata.resourceVersion).toBe('1');
    for (const write of writes) {
      expect(JSON.stringify(write.body)).not.toContain(SECRET_VALUE);
      expect(JSON.stringify(write.body)).not.toContain('POSTGRES_PASSWORD');
    }
    const configMap = stored();
    expect(Object.keys(configMap.binaryData).sort()).toEqual(['r1.yaml.gz', 'r2.yaml.gz']);

    const releases = await listReleases({ environment: 'prod' }, { kube });
    expect(releases.map((r) => [r.revision, r.sha])).toEqual([
      [2, 'bbb222'],
      [1, 'aaa111'],
    ]);
    const latest = await loadRelease({ environment: 'prod' }, { kube });
    expect(latest.record.revision).toBe(2);
    expect(latest.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/postgres-init', 'StatefulSet/postgres']);
    expect(latest.manifests).toContain('version: "2"');
    expect(latest.manifests).not.toContain('Secret');
    const previous = await loadRelease({ environment: 'prod', which: 'previous' }, { kube });
    expect(previous.manifests).toContain('version: "1"');
    const byRevision = await loadRelease({ environment: 'prod', revision: 1 }, { kube });
    expect(byRevision.record.sha).toBe('aaa111');
    await expect(loadRelease({ environment: 'prod', revision: 9 }, { kube })).rejects.toThrow('release 9 is not recorded for prod; available: 2, 1');
  });

  it('keeps the last N releases, dropping the oldest first', async () => {
    const { kube, stored } = store();
    for (let i = 1; i <= 5; i++) {
      await recordRelease({ environment: 'prod', sha: `sha${i}`, manifests: manifests(String(i)), time: new Date(Date.UTC(2026, 10, i)), keep: 3 }, { kube });
    }
    expect((await listReleases({ environment: 'prod' }, { kube })).map((r) => r.revision)).toEqual([5, 4, 3]);
    expect(Object.keys(stored().binaryData).sort()).toEqual(['r3.yaml.gz', 'r4.yaml.gz', 'r5.yaml.gz']);
  });

  it('stays within the ConfigMap size budget: drops oldest first, refuses a release that alone is too big', async () => {
    const { kube } = store();
    // Incompressible payloads: ~6 KB of random base64 per release against a 15 KB budget.
    const big = () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: blob\ndata:\n  blob: ${randomBytes(4500).toString('base64')}\n`;
    for (let i = 1; i <= 4; i++) {
      await recordRelease({ environment: 'prod', sha: `s${i}`, manifests: big(), time: new Date(), maxBytes: 15_000 }, { kube });
    }
    const kept = await listReleases({ environment: 'prod' }, { kube });
    expect(kept.map((r) => r.revision)).toEqual([4, 3]);
    const huge = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: blob\ndata:\n  blob: ${randomBytes(30_000).toString('base64')}\n`;
    await expect(recordRelease({ environment: 'prod', sha: 's5', manifests: huge, time: new Date(), maxBytes: 15_000 }, { kube })).rejects.toThrow(
      ReleaseStoreError,
    );
    expect((await listReleases({ environment: 'prod' }, { kube })).map((r) => r.revision)).toEqual([4, 3]);
  });

  it('uses a configurable namespace and reports a missing store clearly', async () => {
    const { kube } = store('k8sapp-system', 'dev');
    await expect(loadRelease({ environment: 'dev', namespace: 'k8sapp-system' }, { kube })).rejects.toThrow(
      'no release is recorded for environment dev (ConfigMap k8sapp-system/k8sapp-releases-dev)',
    );
    await recordRelease({ environment: 'dev', namespace: 'k8sapp-system', sha: 'x', manifests: manifests('1'), time: new Date() }, { kube });
    await expect(loadRelease({ environment: 'dev', namespace: 'k8sapp-system', which: 'previous' }, { kube })).rejects.toThrow('no previous release');
  });

  it('stripSecrets also removes Secrets inside a List', () => {
    const result = stripSecrets(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: SECRET_VALUE } },
          { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } },
        ],
      }),
    );
    expect(result.stripped).toEqual(['s']);
    expect(result.objects.map((o) => o.kind)).toEqual(['Service']);
    expect(result.manifests).not.toContain(SECRET_VALUE);
  });

  it('objects the pipeline holds are recorded exactly as their YAML stream would be (no round trip needed)', () => {
    const objects = [
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'apps', labels: { app: 'web' } } },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'apps', labels: { app: 'web' } },
        spec: { replicas: 2, template: { spec: { containers: [{ name: 'm', image: 'busybox:1.36', args: ['a: b', '--x=1'] }] } } },
      },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'apps' }, data: { 'config.yaml': 'key: value\nlist:\n  - 1\n', n: '007' } },
    ];
    const fromStream = stripSecrets(objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n'));
    const fromObjects = stripSecrets(objects);
    expect(fromObjects).toEqual(fromStream);
    expect(fromObjects.stripped).toEqual(['apps/s']);
  });
});

describe('release records with concurrent writers', () => {
  it('a release recorded by another run between our read and our write is kept (resourceVersion precondition, retry on Conflict)', async () => {
    const fake = new FakeKube();
    const configMap = releaseStore(fake);
    await recordRelease({ environment: 'prod', sha: 'first', manifests: manifests('1'), time: new Date('2026-11-20T10:00:00Z') }, { kube: fake });
    // Another deploy of the same environment records its release right after our read: our replace gets Conflict.
    configMap.hooks.afterRead = () =>
      recordRelease({ environment: 'prod', sha: 'other', manifests: manifests('other'), time: new Date('2026-11-21T10:00:00Z') }, { kube: fake }).then(
        () => undefined,
      );
    const ours = await recordRelease({ environment: 'prod', sha: 'ours', manifests: manifests('2'), time: new Date('2026-11-21T10:00:01Z') }, { kube: fake });
    expect(ours.record.revision).toBe(3);
    // The other run replaces on "1" (now "2"); ours on "1" gets Conflict; read again, ours replaces on "2".
    expect(fake.of('replace').map((c) => [(c.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion])).toEqual([['1'], ['1'], ['2']]);
    expect((await listReleases({ environment: 'prod' }, { kube: fake })).map((r) => [r.revision, r.sha])).toEqual([
      [3, 'ours'],
      [2, 'other'],
      [1, 'first'],
    ]);
  });

  it('two runs creating the first record at once: AlreadyExists for the second, which reads again and records revision 2', async () => {
    const fake = new FakeKube();
    const configMap = releaseStore(fake);
    configMap.hooks.afterRead = () =>
      recordRelease({ environment: 'prod', sha: 'other', manifests: manifests('other'), time: new Date('2026-11-21T10:00:00Z') }, { kube: fake }).then(
        () => undefined,
      );
    const ours = await recordRelease({ environment: 'prod', sha: 'ours', manifests: manifests('1'), time: new Date('2026-11-21T10:00:01Z') }, { kube: fake });
    expect(ours.record.revision).toBe(2);
    expect(fake.of('create')).toHaveLength(2); // the other run's, then ours (AlreadyExists)
    expect(fake.of('replace')).toHaveLength(1);
    expect((await listReleases({ environment: 'prod' }, { kube: fake })).map((r) => r.sha)).toEqual(['ours', 'other']);
  });

  it(`gives up after ${RECORD_ATTEMPTS} conflicts in a row with the server's words, as a ReleaseStoreError`, async () => {
    const fake = new FakeKube();
    const configMap = releaseStore(fake);
    await recordRelease({ environment: 'prod', sha: 'first', manifests: manifests('1'), time: new Date() }, { kube: fake });
    const replacesBefore = fake.of('replace').length;
    // Someone writes after every one of our reads.
    const interfere = () => {
      configMap.touch();
      configMap.hooks.afterRead = interfere;
    };
    configMap.hooks.afterRead = interfere;
    const error = await recordRelease({ environment: 'prod', sha: 'ours', manifests: manifests('2'), time: new Date() }, { kube: fake }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReleaseStoreError);
    expect((error as Error).message).toContain(
      'cannot record release 2: Operation cannot be fulfilled on configmaps "k8sapp-releases-prod": the object has been modified',
    );
    expect(fake.of('replace').length - replacesBefore).toBe(RECORD_ATTEMPTS);
  });
});

describe('release store failures', () => {
  it('rejected credentials say so (401), an RBAC refusal names the identity', async () => {
    const unauthorized = new FakeKube().on(call('get'), apiError(401, 'Unauthorized', 'Unauthorized'));
    await expect(listReleases({ environment: 'prod' }, { kube: unauthorized })).rejects.toThrow(
      /^cannot read release records: the API server rejected the credentials in the kubeconfig \(401 Unauthorized\)/,
    );
    const forbidden = new FakeKube().on(
      call('get'),
      apiError(
        403,
        'Forbidden',
        'configmaps "k8sapp-releases-prod" is forbidden: User "ci" cannot get resource "configmaps" in API group "" in the namespace "default"',
      ),
    );
    await expect(listReleases({ environment: 'prod' }, { kube: forbidden })).rejects.toThrow(
      'the kubeconfig\'s identity "ci" is authenticated but not allowed',
    );
  });

  it('an unreachable server is one sentence saying which record was not read or written', async () => {
    const fake = new FakeKube().on(call('get'), unreachable('refused'));
    const error = await loadRelease({ environment: 'prod' }, { kube: fake }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterUnreachableError);
    expect((error as Error).message).toContain('no release record of prod was read');
    const write = new FakeKube().on(call('get'), undefined).on(call('create'), unreachable('timeout'));
    await expect(recordRelease({ environment: 'prod', sha: 's', manifests: manifests('1'), time: new Date() }, { kube: write })).rejects.toThrow(
      'release 1 was not recorded',
    );
  });
});
