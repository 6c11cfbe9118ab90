import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/log.js';
import { appendRunRecords, readRunRecords, recordName, type MigrationRunRecord } from '../../src/migrations/record.js';
import { runMigrations, type MigrationRequest } from '../../src/migrations/runner.js';
import { apiError, call, FakeKube, unreachable } from '../helpers/fake-kube.js';
import { fakeMigration, ManualClock } from './helpers.js';

const earlier = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'k8sapp-migrations-dev', namespace: 'apps', resourceVersion: '812', labels: { team: 'platform' } },
  data: {
    'old-one': JSON.stringify([{ id: 'old-one', phase: 'pre', startedAt: '2026-01-02T03:04:05.000Z', durationMs: 5, outcome: 'succeeded', sha: 'deadbeef' }]),
  },
};

const RECORD = { apiVersion: 'v1', kind: 'ConfigMap', name: 'k8sapp-migrations-dev', namespace: 'apps' } as const;
const LABELS = { 'app.kubernetes.io/part-of': 'k8sapp', 'k8sapp.io/record': 'migrations', 'k8sapp.io/environment': 'dev' };
/** What the server answers a replace whose resourceVersion precondition no longer holds. */
const MODIFIED = apiError(
  409,
  'Conflict',
  'Operation cannot be fulfilled on configmaps "k8sapp-migrations-dev": the object has been modified; please apply your changes to the latest version and try again',
  [],
  { name: 'k8sapp-migrations-dev', kind: 'configmaps' },
);
const RUN: MigrationRunRecord = { id: 'grow', phase: 'pre', startedAt: '2026-05-04T10:00:00.003Z', durationMs: 250, outcome: 'succeeded', sha: '0123abcd' };
const TARGET = { environment: 'dev', namespace: 'apps' };
/** The server's answer to a write: the object as sent. */
const written = (c: { body?: unknown }) => c.body;

function request(migrations: MigrationRequest['migrations']): MigrationRequest {
  return {
    environment: 'dev',
    components: ['postgres'],
    manifests: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'postgres', namespace: 'apps' } }],
    migrations,
    mode: 'run',
    timeoutSeconds: 600,
    slowSeconds: 60,
    sha: '0123abcd',
  };
}

describe('the record of what ran, in the cluster', () => {
  it('a replace that lost the race (Conflict) re-reads the record and merges again, keeping the other run', async () => {
    const clock = new ManualClock('2026-05-04T10:00:00Z');
    const theirs = { ...earlier, metadata: { ...earlier.metadata, resourceVersion: '813' }, data: { ...earlier.data, other: '[]' } };
    const fake = new FakeKube().on(call('get', RECORD), earlier, theirs).on(call('replace', RECORD), MODIFIED, written);
    const migrations = [fakeMigration(clock, { id: 'grow', isNeededMs: 3, runMs: 250 }, [])];
    const report = await runMigrations(request(migrations), { kube: fake, clock, logger: new RecordingLogger(), timer: clock.timer });
    expect(fake.calls.map((c) => c.verb)).toEqual(['get', 'replace', 'get', 'replace']);
    const [first, second] = fake.of('replace').map((c) => c.body as typeof earlier);
    expect(first!.metadata.resourceVersion).toBe('812');
    // The second write carries the resourceVersion of the second read and the other writer's run.
    expect(second!.metadata.resourceVersion).toBe('813');
    expect(Object.keys(second!.data).sort()).toEqual(['grow', 'old-one', 'other']);
    expect(report.record).toEqual({ name: 'k8sapp-migrations-dev', namespace: 'apps', written: 1 });
  });

  it('a create that lost the race (AlreadyExists) reads the record the other run created and replaces it', async () => {
    const fake = new FakeKube()
      .on(call('get', RECORD), undefined, earlier)
      .on(call('create', RECORD), apiError(409, 'AlreadyExists', 'configmaps "k8sapp-migrations-dev" already exists'))
      .on(call('replace', RECORD), written);
    await appendRunRecords(fake, TARGET, [RUN]);
    expect(fake.calls.map((c) => c.verb)).toEqual(['get', 'create', 'get', 'replace']);
    const replaced = fake.of('replace')[0]!.body as typeof earlier;
    expect(replaced.metadata.resourceVersion).toBe('812');
    expect(Object.keys(replaced.data).sort()).toEqual(['grow', 'old-one']);
  });

  it("the retries are bounded: after 3 lost races the write fails with the server's reason", async () => {
    const fake = new FakeKube().on(call('get', RECORD), earlier).on(call('replace', RECORD), MODIFIED);
    await expect(appendRunRecords(fake, TARGET, [RUN])).rejects.toThrow(
      'writing k8sapp-migrations-dev failed: Conflict: Operation cannot be fulfilled on configmaps "k8sapp-migrations-dev": the object has been modified',
    );
    expect(fake.of('replace')).toHaveLength(3);
  });

  it('reads the record ConfigMap, keeps earlier runs and replaces it with the read resourceVersion as the precondition', async () => {
    const clock = new ManualClock('2026-05-04T10:00:00Z');
    let stored = earlier;
    const fake = new FakeKube()
      .on(call('get', RECORD), () => stored)
      .on(call('replace', RECORD), (c: { body: unknown }) => {
        stored = {
          ...(c.body as typeof earlier),
          metadata: { ...(c.body as typeof earlier).metadata, resourceVersion: String(Number(stored.metadata.resourceVersion) + 1) },
        };
        return stored;
      });
    const migrations = [
      fakeMigration(clock, { id: 'grow', isNeededMs: 3, runMs: 250 }, []),
      fakeMigration(clock, { id: 'skip-me', needed: false }, []),
      fakeMigration(clock, { id: 'pg-guard', components: ['postgres'], fail: 'no backup Job completed' }, []),
    ];
    const report = await runMigrations(request(migrations), { kube: fake, clock, logger: new RecordingLogger(), timer: clock.timer });

    expect(fake.calls.map((c) => [c.verb, c.kind, c.namespace, c.name])).toEqual([
      ['get', 'ConfigMap', 'apps', 'k8sapp-migrations-dev'],
      ['replace', 'ConfigMap', 'apps', 'k8sapp-migrations-dev'],
      ['get', 'ConfigMap', 'apps', 'k8sapp-migrations-dev'],
      ['replace', 'ConfigMap', 'apps', 'k8sapp-migrations-dev'],
    ]);
    const [firstCall, secondCall] = fake.of('replace');
    expect(firstCall!.options).toEqual({ fieldManager: 'k8sapp-migrations' });
    const first = firstCall!.body as typeof earlier;
    expect(first.metadata).toEqual({
      name: 'k8sapp-migrations-dev',
      namespace: 'apps',
      // Labels someone else set stay; k8sapp's own are added.
      labels: { team: 'platform', ...LABELS },
      // The read's resourceVersion: a precondition, so a concurrent writer's runs are not silently replaced.
      resourceVersion: '812',
    });
    expect(Object.keys(first.data).sort()).toEqual(['grow', 'old-one']);
    expect(first.data['old-one']).toBe(earlier.data['old-one']);
    expect(JSON.parse((first.data as Record<string, string>).grow!)).toEqual([RUN]);
    const second = secondCall!.body as typeof earlier;
    expect(second.metadata.resourceVersion).toBe('813');
    expect(JSON.parse((second.data as Record<string, string>)['pg-guard']!)).toEqual([
      expect.objectContaining({ id: 'pg-guard', component: 'postgres', outcome: 'failed', error: 'no backup Job completed', sha: '0123abcd' }),
    ]);
    expect(report.record).toEqual({ name: 'k8sapp-migrations-dev', namespace: 'apps', written: 2 });
  });

  it('the first run in a cluster creates the record with its labels', async () => {
    const fake = new FakeKube().on(call('get', RECORD), undefined).on(call('create', RECORD), written);
    await appendRunRecords(fake, TARGET, [RUN]);
    const created = fake.of('create')[0]!;
    expect(created.options).toEqual({ fieldManager: 'k8sapp-migrations' });
    expect(created.body).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'k8sapp-migrations-dev', namespace: 'apps', labels: LABELS },
      data: { grow: JSON.stringify([RUN]) },
    });
  });

  it('a failed record write is reported and warned about, not hidden', async () => {
    const clock = new ManualClock();
    const fake = new FakeKube()
      .on(call('get', RECORD), undefined)
      .on(
        call('create', RECORD),
        apiError(403, 'Forbidden', 'configmaps is forbidden: User "deployer" cannot create resource "configmaps" in API group "" in the namespace "apps"'),
      );
    const logger = new RecordingLogger();
    const report = await runMigrations(request([fakeMigration(clock, { id: 'grow' }, [])]), { kube: fake, clock, logger, timer: clock.timer });
    expect(report.status).toBe('succeeded');
    expect(report.record.written).toBe(0);
    expect(report.record.error).toBe(
      'writing k8sapp-migrations-dev failed: Forbidden: configmaps is forbidden: User "deployer" cannot create resource "configmaps" in API group "" in the namespace "apps"',
    );
    expect(fake.of('create')).toHaveLength(1);
    expect(logger.lines.some((l) => l.startsWith('warning: could not record the migration run(s) in ConfigMap apps/k8sapp-migrations-dev'))).toBe(true);
  });

  it('a record that cannot be read is not written over', async () => {
    const fake = new FakeKube().on(call('get', RECORD), unreachable('refused'));
    await expect(appendRunRecords(fake, TARGET, [RUN])).rejects.toThrow(/^reading k8sapp-migrations-dev failed: /);
    expect(fake.calls.map((c) => c.verb)).toEqual(['get']);
  });

  it('reads the record back per migration id', async () => {
    const fake = new FakeKube().on(call('get', RECORD), earlier);
    const records = await readRunRecords(fake, TARGET);
    expect(records['old-one']![0]!.sha).toBe('deadbeef');
  });

  it('names the record after the environment, as a valid ConfigMap name', () => {
    expect(recordName('prod')).toBe('k8sapp-migrations-prod');
    expect(recordName('Staging_EU')).toBe('k8sapp-migrations-staging-eu');
  });
});
