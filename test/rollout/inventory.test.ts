import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/log.js';
import { recordRelease } from '../../src/rollout/releases.js';
import { rollbackToRelease } from '../../src/rollout/rollback.js';
import { FakeKube } from '../helpers/fake-kube.js';
import { releaseStore } from './release-store.js';
import { FakeClock } from './helpers.js';

const SECRET_VALUE = 'c3VwZXItc2VjcmV0LXBhc3N3b3Jk';
const secret = (name: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: db\n  labels:\n    app: postgres\ndata:\n  POSTGRES_PASSWORD: ${SECRET_VALUE}\n`;
const configMap = (name: string, app = 'postgres') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: db\n  labels:\n    app: ${app}\ndata:\n  a: "1"\n`;

function store() {
  const fake = new FakeKube();
  releaseStore(fake);
  // No workload in these releases: the waiter has nothing to read (a read would be an unexpected call).
  return { fake, kube: fake };
}

describe('release inventory', () => {
  it('lists every object, Secrets by identity (never a value), marks the record, carries forward what it is told to', async () => {
    const { fake, kube } = store();
    const first = await recordRelease(
      {
        environment: 'prod',
        sha: 'a',
        manifests: [secret('pg-secret'), configMap('pg-init'), configMap('api-old', 'api')].join('---\n'),
        time: new Date('2026-11-20T10:00:00Z'),
      },
      { kube },
    );
    expect(first.previous).toBeUndefined();
    expect(first.record.inventoryVersion).toBe(1);
    expect(first.record.inventory).toEqual([
      { group: '', kind: 'Secret', namespace: 'db', name: 'pg-secret', labels: { app: 'postgres' } },
      { group: '', kind: 'ConfigMap', namespace: 'db', name: 'pg-init', labels: { app: 'postgres' } },
      { group: '', kind: 'ConfigMap', namespace: 'db', name: 'api-old', labels: { app: 'api' } },
    ]);
    for (const call of fake.calls) expect(JSON.stringify(call.body ?? '')).not.toContain(SECRET_VALUE);

    // The next deploy applied only postgres; api's entries are carried forward, postgres's old ones are not.
    const second = await recordRelease(
      {
        environment: 'prod',
        sha: 'b',
        manifests: configMap('pg-init'),
        time: new Date('2026-11-21T10:00:00Z'),
        carryForward: (entry) => entry.labels?.app === 'api',
      },
      { kube },
    );
    expect(second.previous?.revision).toBe(1);
    expect(second.record.inventory?.map((e) => e.name)).toEqual(['pg-init', 'api-old']);
  });

  it('k8sapp rollback to an earlier release deletes nothing and lists what the newest release has that it lacks', async () => {
    const { fake, kube } = store();
    await recordRelease({ environment: 'prod', sha: 'a', manifests: configMap('pg-init'), time: new Date('2026-11-20T10:00:00Z') }, { kube });
    await recordRelease(
      {
        environment: 'prod',
        sha: 'b',
        manifests: [configMap('pg-init'), configMap('pg-extra'), secret('pg-secret')].join('---\n'),
        time: new Date('2026-11-21T10:00:00Z'),
      },
      { kube },
    );
    const logger = new RecordingLogger();
    const report = await rollbackToRelease(
      { environment: 'prod', wait: { timeoutSeconds: 5 } },
      { kube, clock: new FakeClock('2026-11-22T10:00:00Z'), logger, reapply: async () => ({ ok: true, message: 'ok' }) },
    );
    expect(report).toMatchObject({ mode: 'release', release: 1, leftInPlace: ['ConfigMap db/pg-extra', 'Secret db/pg-secret'] });
    expect(fake.of('delete')).toEqual([]);
    expect(logger.lines.join('\n')).toContain('not in release 1, left in place (a rollback never deletes): ConfigMap db/pg-extra, Secret db/pg-secret');
  });
});
