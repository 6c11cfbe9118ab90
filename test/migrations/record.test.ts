import { describe, expect, it } from 'vitest';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { RecordingLogger } from '../../src/log.js';
import { readRunRecords, recordName } from '../../src/migrations/record.js';
import { runMigrations, type MigrationRequest } from '../../src/migrations/runner.js';
import { fail, FakeKubectl, ok } from '../helpers/fake-kubectl.js';
import { fakeMigration, ManualClock } from './helpers.js';

const earlier = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'k8sapp-migrations-dev', namespace: 'apps', resourceVersion: '812' },
  data: {
    'old-one': JSON.stringify([{ id: 'old-one', phase: 'pre', startedAt: '2026-01-02T03:04:05.000Z', durationMs: 5, outcome: 'succeeded', sha: 'deadbeef' }]),
  },
};

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
  it('a write that lost the race (Conflict) re-reads the record and merges again, keeping the other run', async () => {
    const clock = new ManualClock('2026-05-04T10:00:00Z');
    const theirs = { ...earlier, metadata: { ...earlier.metadata, resourceVersion: '813' }, data: { ...earlier.data, other: '[]' } };
    const fake = new FakeKubectl()
      .on(['get', 'configmap/k8sapp-migrations-dev'], ok(JSON.stringify(earlier)), ok(JSON.stringify(theirs)))
      .on(
        ['apply'],
        fail(
          'Error from server (Conflict): Operation cannot be fulfilled on configmaps "k8sapp-migrations-dev": the object has been modified; please apply your changes to the latest version and try again',
        ),
        ok('configmap/k8sapp-migrations-dev serverside-applied\n'),
      );
    const migrations = [fakeMigration(clock, { id: 'grow', isNeededMs: 3, runMs: 250 }, [])];
    await runMigrations(request(migrations), { kubectl: new Kubectl(fake.executor), clock, logger: new RecordingLogger(), timer: clock.timer });
    const writes = fake.calls.filter((call) => call.args[0] === 'apply');
    expect(writes).toHaveLength(2);
    const second = JSON.parse(writes[1]!.input!);
    expect(second.metadata.resourceVersion).toBe('813');
    expect(Object.keys(second.data).sort()).toEqual(['grow', 'old-one', 'other']);
  });

  it('reads the record ConfigMap, keeps earlier runs and server-side applies the merged data', async () => {
    const clock = new ManualClock('2026-05-04T10:00:00Z');
    const fake = new FakeKubectl()
      .on(['get', 'configmap/k8sapp-migrations-dev'], ok(JSON.stringify(earlier)))
      .on(['apply'], ok('configmap/k8sapp-migrations-dev serverside-applied\n'));
    const migrations = [
      fakeMigration(clock, { id: 'grow', isNeededMs: 3, runMs: 250 }, []),
      fakeMigration(clock, { id: 'skip-me', needed: false }, []),
      fakeMigration(clock, { id: 'pg-guard', components: ['postgres'], fail: 'no backup Job completed' }, []),
    ];
    const report = await runMigrations(request(migrations), { kubectl: new Kubectl(fake.executor), clock, logger: new RecordingLogger(), timer: clock.timer });

    expect(fake.commands()).toEqual([
      ['get', 'configmap/k8sapp-migrations-dev', '-n', 'apps', '--ignore-not-found', '-o', 'json'],
      ['apply', '--server-side', '--field-manager=k8sapp-migrations', '--force-conflicts', '-f', '-'],
      ['get', 'configmap/k8sapp-migrations-dev', '-n', 'apps', '--ignore-not-found', '-o', 'json'],
      ['apply', '--server-side', '--field-manager=k8sapp-migrations', '--force-conflicts', '-f', '-'],
    ]);
    const first = JSON.parse(fake.calls[1]!.input!);
    expect(first.metadata).toEqual({
      name: 'k8sapp-migrations-dev',
      namespace: 'apps',
      labels: { 'app.kubernetes.io/part-of': 'k8sapp', 'k8sapp.io/record': 'migrations', 'k8sapp.io/environment': 'dev' },
      // The read's resourceVersion: a precondition, so a concurrent writer's runs are not silently replaced.
      resourceVersion: '812',
    });
    expect(Object.keys(first.data).sort()).toEqual(['grow', 'old-one']);
    expect(first.data['old-one']).toBe(earlier.data['old-one']);
    expect(JSON.parse(first.data.grow)).toEqual([
      { id: 'grow', phase: 'pre', startedAt: '2026-05-04T10:00:00.003Z', durationMs: 250, outcome: 'succeeded', sha: '0123abcd' },
    ]);
    const second = JSON.parse(fake.calls[3]!.input!);
    expect(JSON.parse(second.data['pg-guard'])).toEqual([
      expect.objectContaining({ id: 'pg-guard', component: 'postgres', outcome: 'failed', error: 'no backup Job completed', sha: '0123abcd' }),
    ]);
    expect(report.record).toEqual({ name: 'k8sapp-migrations-dev', namespace: 'apps', written: 2 });
  });

  it('a failed record write is reported and warned about, not hidden', async () => {
    const clock = new ManualClock();
    const fake = new FakeKubectl()
      .on(['get', 'configmap/k8sapp-migrations-dev'], ok(''))
      .on(
        ['apply'],
        fail('Error from server (Forbidden): configmaps "k8sapp-migrations-dev" is forbidden: User "deployer" cannot patch resource "configmaps"'),
      );
    const logger = new RecordingLogger();
    const report = await runMigrations(request([fakeMigration(clock, { id: 'grow' }, [])]), {
      kubectl: new Kubectl(fake.executor),
      clock,
      logger,
      timer: clock.timer,
    });
    expect(report.status).toBe('succeeded');
    expect(report.record.written).toBe(0);
    expect(report.record.error).toMatch(/writing k8sapp-migrations-dev failed: Error from server \(Forbidden\)/);
    expect(logger.lines.some((l) => l.startsWith('warning: could not record the migration run(s) in ConfigMap apps/k8sapp-migrations-dev'))).toBe(true);
  });

  it('reads the record back per migration id', async () => {
    const fake = new FakeKubectl().on(['get'], ok(JSON.stringify(earlier)));
    const records = await readRunRecords(new Kubectl(fake.executor), { environment: 'dev', namespace: 'apps' });
    expect(records['old-one']![0]!.sha).toBe('deadbeef');
  });

  it('names the record after the environment, as a valid ConfigMap name', () => {
    expect(recordName('prod')).toBe('k8sapp-migrations-prod');
    expect(recordName('Staging_EU')).toBe('k8sapp-migrations-staging-eu');
  });
});
