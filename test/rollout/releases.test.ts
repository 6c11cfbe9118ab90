import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { listReleases, loadRelease, recordRelease, ReleaseStoreError, stripSecrets } from '../../src/rollout/releases.js';
import { FakeKubectl, fail, ok } from '../helpers/fake-kubectl.js';

/** A FakeKubectl that keeps the release ConfigMap applied to it and returns it on get. */
function store(namespace = 'default', environment = 'prod') {
  const fake = new FakeKubectl();
  let stored = '';
  fake.on(['get', `configmap/k8sapp-releases-${environment}`, '-n', namespace], () => ok(stored));
  fake.on(['apply'], (call) => {
    stored = call.input ?? '';
    return ok(`configmap/k8sapp-releases-${environment} serverside-applied\n`);
  });
  return {
    fake,
    kubectl: new Kubectl(fake.executor),
    stored: () => JSON.parse(stored) as { data: Record<string, string>; binaryData: Record<string, string> },
  };
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
    const { fake, kubectl, stored } = store();
    const first = await recordRelease({ environment: 'prod', sha: 'aaa111', manifests: manifests('1'), time: new Date('2026-11-20T10:00:00Z') }, { kubectl });
    const second = await recordRelease({ environment: 'prod', sha: 'bbb222', manifests: manifests('2'), time: new Date('2026-11-21T10:00:00Z') }, { kubectl });
    expect(first.record).toMatchObject({ revision: 1, sha: 'aaa111', objects: 2, strippedSecrets: ['db/postgres-secret'] });
    expect(second.record.revision).toBe(2);
    expect(second.record.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.record.digest).not.toBe(first.record.digest);

    const applies = fake.calls.filter((c) => c.args[0] === 'apply');
    expect(applies[0]?.args).toEqual(['apply', '--server-side', '--field-manager=k8sapp-releases', '--force-conflicts', '-f', '-']);
    for (const call of applies) {
      expect(call.input).not.toContain(SECRET_VALUE);
      expect(call.input).not.toContain('POSTGRES_PASSWORD');
    }
    const configMap = stored();
    expect(Object.keys(configMap.binaryData).sort()).toEqual(['r1.yaml.gz', 'r2.yaml.gz']);

    const releases = await listReleases({ environment: 'prod' }, { kubectl });
    expect(releases.map((r) => [r.revision, r.sha])).toEqual([
      [2, 'bbb222'],
      [1, 'aaa111'],
    ]);
    const latest = await loadRelease({ environment: 'prod' }, { kubectl });
    expect(latest.record.revision).toBe(2);
    expect(latest.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/postgres-init', 'StatefulSet/postgres']);
    expect(latest.manifests).toContain('version: "2"');
    expect(latest.manifests).not.toContain('Secret');
    const previous = await loadRelease({ environment: 'prod', which: 'previous' }, { kubectl });
    expect(previous.manifests).toContain('version: "1"');
    const byRevision = await loadRelease({ environment: 'prod', revision: 1 }, { kubectl });
    expect(byRevision.record.sha).toBe('aaa111');
    await expect(loadRelease({ environment: 'prod', revision: 9 }, { kubectl })).rejects.toThrow('release 9 is not recorded for prod; available: 2, 1');
  });

  it('keeps the last N releases, dropping the oldest first', async () => {
    const { kubectl, stored } = store();
    for (let i = 1; i <= 5; i++) {
      await recordRelease(
        { environment: 'prod', sha: `sha${i}`, manifests: manifests(String(i)), time: new Date(Date.UTC(2026, 10, i)), keep: 3 },
        { kubectl },
      );
    }
    expect((await listReleases({ environment: 'prod' }, { kubectl })).map((r) => r.revision)).toEqual([5, 4, 3]);
    expect(Object.keys(stored().binaryData).sort()).toEqual(['r3.yaml.gz', 'r4.yaml.gz', 'r5.yaml.gz']);
  });

  it('stays within the ConfigMap size budget: drops oldest first, refuses a release that alone is too big', async () => {
    const { kubectl } = store();
    // Incompressible payloads: ~6 KB of random base64 per release against a 15 KB budget.
    const big = () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: blob\ndata:\n  blob: ${randomBytes(4500).toString('base64')}\n`;
    for (let i = 1; i <= 4; i++) {
      await recordRelease({ environment: 'prod', sha: `s${i}`, manifests: big(), time: new Date(), maxBytes: 15_000 }, { kubectl });
    }
    const kept = await listReleases({ environment: 'prod' }, { kubectl });
    expect(kept.map((r) => r.revision)).toEqual([4, 3]);
    const huge = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: blob\ndata:\n  blob: ${randomBytes(30_000).toString('base64')}\n`;
    await expect(recordRelease({ environment: 'prod', sha: 's5', manifests: huge, time: new Date(), maxBytes: 15_000 }, { kubectl })).rejects.toThrow(
      ReleaseStoreError,
    );
    expect((await listReleases({ environment: 'prod' }, { kubectl })).map((r) => r.revision)).toEqual([4, 3]);
  });

  it('uses a configurable namespace and reports a missing store clearly', async () => {
    const { kubectl } = store('k8sapp-system', 'dev');
    await expect(loadRelease({ environment: 'dev', namespace: 'k8sapp-system' }, { kubectl })).rejects.toThrow(
      'no release is recorded for environment dev (ConfigMap k8sapp-system/k8sapp-releases-dev)',
    );
    await recordRelease({ environment: 'dev', namespace: 'k8sapp-system', sha: 'x', manifests: manifests('1'), time: new Date() }, { kubectl });
    await expect(loadRelease({ environment: 'dev', namespace: 'k8sapp-system', which: 'previous' }, { kubectl })).rejects.toThrow('no previous release');
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
});

describe('release records with concurrent writers', () => {
  it('a release recorded by another run between our read and our write is kept (resourceVersion precondition, retry on Conflict)', async () => {
    const fake = new FakeKubectl();
    const kubectl = new Kubectl(fake.executor);
    let stored: { metadata: Record<string, unknown> } | undefined;
    let resourceVersion = 0;
    let interleave = false;
    fake.on(['get', 'configmap/k8sapp-releases-prod'], async () => {
      const answer = ok(stored ? JSON.stringify(stored) : '');
      if (interleave) {
        interleave = false;
        // Another deploy of the same environment records its release right after we read the ConfigMap.
        await recordRelease({ environment: 'prod', sha: 'other', manifests: manifests('other'), time: new Date('2026-11-21T10:00:00Z') }, { kubectl });
      }
      return answer;
    });
    fake.on(['apply'], (call) => {
      const configMap = JSON.parse(call.input ?? '{}') as { metadata: Record<string, unknown> };
      const precondition = configMap.metadata.resourceVersion;
      if (precondition !== undefined && precondition !== String(resourceVersion)) {
        return fail(
          'Error from server (Conflict): Operation cannot be fulfilled on configmaps "k8sapp-releases-prod": the object has been modified; please apply your changes to the latest version and try again',
        );
      }
      resourceVersion++;
      stored = { ...configMap, metadata: { ...configMap.metadata, resourceVersion: String(resourceVersion) } };
      return ok('configmap/k8sapp-releases-prod serverside-applied\n');
    });
    await recordRelease({ environment: 'prod', sha: 'first', manifests: manifests('1'), time: new Date('2026-11-20T10:00:00Z') }, { kubectl });
    interleave = true;
    const ours = await recordRelease({ environment: 'prod', sha: 'ours', manifests: manifests('2'), time: new Date('2026-11-21T10:00:01Z') }, { kubectl });
    expect(ours.record.revision).toBe(3);
    expect((await listReleases({ environment: 'prod' }, { kubectl })).map((r) => [r.revision, r.sha])).toEqual([
      [3, 'ours'],
      [2, 'other'],
      [1, 'first'],
    ]);
  });
});
