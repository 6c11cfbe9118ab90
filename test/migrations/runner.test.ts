import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/log.js';
import type { LoadedMigration } from '../../src/migrations/loader.js';
import { createMigrationSession, migrationSummaryMarkdown, runMigrations, type MigrationRequest } from '../../src/migrations/runner.js';
import type { KubeObject } from '../../src/migrations/types.js';
import { call, FakeKube } from '../helpers/fake-kube.js';
import { fakeMigration, ManualClock } from './helpers.js';

const manifests: KubeObject[] = [
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'postgres', namespace: 'default' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'postgres-secret', namespace: 'default' }, stringData: { POSTGRES_SA_PASSWORD: 's3cr3t-value' } },
];

function setup(migrations: LoadedMigration[], overrides: Partial<MigrationRequest> = {}) {
  const record = { kind: 'ConfigMap', name: 'k8sapp-migrations-dev', namespace: 'default' };
  const fake = new FakeKube().on(call('get', record), undefined).on(call('create', record), (c: { body?: unknown }) => c.body);
  const logger = new RecordingLogger();
  const request: MigrationRequest = {
    environment: 'dev',
    components: ['postgres', 'redis'],
    manifests,
    migrations,
    mode: 'run',
    timeoutSeconds: 600,
    slowSeconds: 60,
    sha: 'abc123',
    ...overrides,
  };
  return { fake, logger, request, kube: fake };
}

describe('migration session: the four points', () => {
  it('runs generic pre first, component pre just before its component, component post after, generic post last', async () => {
    const clock = new ManualClock();
    const calls: string[] = [];
    const migrations = [
      fakeMigration(clock, { id: 'g-pre' }, calls),
      fakeMigration(clock, { id: 'g-post', phase: 'post' }, calls),
      fakeMigration(clock, { id: 'pg-pre', components: ['postgres'] }, calls),
      fakeMigration(clock, { id: 'redis-post', phase: 'post', components: ['redis'] }, calls),
      fakeMigration(clock, { id: 'jaeger-pre', components: ['jaeger'] }, calls),
    ];
    const { request, kube, logger } = setup(migrations);
    const session = createMigrationSession(request, { kube, clock, logger, timer: clock.timer });

    calls.push('-- generic pre');
    expect((await session.genericPre()).results.map((r) => r.id)).toEqual(['g-pre']);
    calls.push('-- pre postgres');
    expect((await session.componentPre('postgres')).results.map((r) => r.id)).toEqual(['pg-pre']);
    calls.push('-- pre redis');
    expect((await session.componentPre('redis')).results).toEqual([]);
    calls.push('-- post postgres');
    await session.componentPost('postgres');
    calls.push('-- post redis');
    expect((await session.componentPost('redis')).results.map((r) => r.id)).toEqual(['redis-post']);
    calls.push('-- generic post');
    expect((await session.genericPost()).results.map((r) => r.id)).toEqual(['g-post']);

    expect(calls).toEqual([
      '-- generic pre',
      'isNeeded g-pre',
      'run g-pre',
      '-- pre postgres',
      'isNeeded pg-pre@postgres',
      'run pg-pre@postgres',
      '-- pre redis',
      '-- post postgres',
      '-- post redis',
      'isNeeded redis-post@redis',
      'run redis-post@redis',
      '-- generic post',
      'isNeeded g-post',
      'run g-post',
    ]);
    const report = session.report();
    expect(report.status).toBe('succeeded');
    expect(report.outOfScope).toEqual(['jaeger-pre']);
  });

  it('a single-component deploy runs only what concerns that component, plus the generic ones', async () => {
    const clock = new ManualClock();
    const calls: string[] = [];
    const migrations = [
      fakeMigration(clock, { id: 'g-pre' }, calls),
      fakeMigration(clock, { id: 'pg-pre', components: ['postgres'] }, calls),
      fakeMigration(clock, { id: 'redis-pre', components: ['redis'] }, calls),
    ];
    const { request, kube, logger } = setup(migrations, { components: ['redis'] });
    const report = await runMigrations(request, { kube, clock, logger, timer: clock.timer });
    expect(calls).toEqual(['isNeeded g-pre', 'run g-pre', 'isNeeded redis-pre@redis', 'run redis-pre@redis']);
    expect(report.outOfScope).toEqual(['pg-pre']);
  });

  it('a migration of several components runs once: pre at the first, post after the last of them in this deploy', async () => {
    const clock = new ManualClock();
    const calls: string[] = [];
    const migrations = [
      fakeMigration(clock, { id: 'both-pre', components: ['postgres', 'redis'] }, calls),
      fakeMigration(clock, { id: 'both-post', phase: 'post', components: ['postgres', 'redis'] }, calls),
    ];
    const { request, kube, logger } = setup(migrations);
    const session = createMigrationSession(request, { kube, clock, logger, timer: clock.timer });
    await session.genericPre();
    expect((await session.componentPre('redis')).results.map((r) => r.id)).toEqual(['both-pre']);
    expect((await session.componentPre('postgres')).results).toEqual([]);
    expect((await session.componentPost('postgres')).results).toEqual([]);
    expect((await session.componentPost('redis')).results.map((r) => r.id)).toEqual(['both-post']);
    expect(calls).toEqual(['isNeeded both-pre@redis', 'run both-pre@redis', 'isNeeded both-post@redis', 'run both-post@redis']);
  });
});

describe('migration session: outcomes', () => {
  it('skips a migration that is not needed, logs the skip with its duration, and writes no record', async () => {
    const clock = new ManualClock();
    const calls: string[] = [];
    const { request, kube, logger, fake } = setup([fakeMigration(clock, { id: 'done-already', needed: false, isNeededMs: 4 }, calls)]);
    const report = await runMigrations(request, { kube, clock, logger, timer: clock.timer });
    expect(calls).toEqual(['isNeeded done-already']);
    expect(report.results[0]).toMatchObject({ id: 'done-already', needed: false, status: 'not-needed', isNeededMs: 4, durationMs: 4, slow: false });
    expect(logger.lines).toContain('done-already: not needed, skipped (checked in 4 ms)');
    expect(fake.calls).toEqual([]);
  });

  it('logs a run with its duration and flags runs slower than slow_seconds', async () => {
    const clock = new ManualClock();
    const calls: string[] = [];
    const migrations = [fakeMigration(clock, { id: 'quick', runMs: 1500 }, calls), fakeMigration(clock, { id: 'slow', runMs: 61_000 }, calls)];
    const { request, kube, logger } = setup(migrations);
    const report = await runMigrations(request, { kube, clock, logger, timer: clock.timer });
    expect(report.results.map((r) => [r.id, r.status, r.runMs, r.slow])).toEqual([
      ['quick', 'succeeded', 1500, false],
      ['slow', 'succeeded', 61_000, true],
    ]);
    expect(logger.lines).toContain('quick: succeeded in 1.5 s');
    expect(logger.lines).toContain('warning: slow is slow: 61.0 s, more than slow_seconds (60 s)');
    expect(report.results[0]!.messages).toEqual(['working on quick']);
    expect(migrationSummaryMarkdown(report)).toContain(
      '| `slow` | generic-pre | yes | ✅ ran | 61.0 s | ⚠️ slow (more than slow_seconds)<br>working on slow |',
    );
  });

  it('a failing pre migration fails its point and the migrations after it are not reached', async () => {
    const clock = new ManualClock();
    const calls: string[] = [];
    const migrations = [
      fakeMigration(clock, { id: 'a-fails', fail: 'volume is not bound' }, calls),
      fakeMigration(clock, { id: 'b-after' }, calls),
      fakeMigration(clock, { id: 'c-component', components: ['postgres'] }, calls),
    ];
    const { request, kube, logger } = setup(migrations);
    const session = createMigrationSession(request, { kube, clock, logger, timer: clock.timer });
    const point = await session.genericPre();
    expect(point.failed).toBe(true);
    expect(point.results.map((r) => [r.id, r.status])).toEqual([
      ['a-fails', 'failed'],
      ['b-after', 'not-reached'],
    ]);
    expect(point.results[0]!.error).toBe('volume is not bound');
    expect(calls).toEqual(['isNeeded a-fails', 'run a-fails']);

    const all = await runMigrations(request, { kube, clock, logger, timer: clock.timer });
    expect(all.status).toBe('failed');
    expect(all.results.map((r) => [r.id, r.status])).toEqual([
      ['a-fails', 'failed'],
      ['b-after', 'not-reached'],
      ['c-component', 'not-reached'],
    ]);
  });

  it('a failing post migration fails the deploy', async () => {
    const clock = new ManualClock();
    const { request, kube, logger } = setup([fakeMigration(clock, { id: 'post-fails', phase: 'post', components: ['postgres'], fail: 'reindex failed' }, [])]);
    const session = createMigrationSession(request, { kube, clock, logger, timer: clock.timer });
    expect((await session.componentPost('postgres')).failed).toBe(true);
    expect(session.report().status).toBe('failed');
  });

  it('an isNeeded that throws fails the migration without running it', async () => {
    const clock = new ManualClock();
    const calls: string[] = [];
    const loaded = fakeMigration(clock, { id: 'broken-check' }, calls);
    loaded.migration.isNeeded = async () => {
      throw new Error('cannot read StatefulSet');
    };
    const { request, kube, logger } = setup([loaded]);
    const report = await runMigrations(request, { kube, clock, logger, timer: clock.timer });
    expect(report.results[0]).toMatchObject({ status: 'failed', error: 'isNeeded: cannot read StatefulSet' });
    expect(calls).toEqual([]);
  });

  it('times a hung migration out, aborts its signal and refuses its later cluster calls', async () => {
    const clock = new ManualClock();
    const calls: string[] = [];
    const hung = fakeMigration(clock, { id: 'hangs', hang: true, runMs: 30_001, timeoutSeconds: 30 }, calls);
    const { request, kube, logger, fake } = setup([hung, fakeMigration(clock, { id: 'next' }, calls)]);
    const report = await runMigrations(request, { kube, clock, logger, timer: clock.timer });
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['hangs', 'timed-out'],
      ['next', 'not-reached'],
    ]);
    expect(report.results[0]!.error).toBe('hangs did not finish within 30.0 s (timeout_seconds)');
    const runContext = hung.contexts[1]!;
    expect(runContext.signal.aborted).toBe(true);
    await expect(runContext.kube.get('statefulset', 'postgres')).rejects.toThrow(/refused: the migration was aborted/);
    expect(fake.calls.filter((c) => c.verb === 'get' && c.kind === 'StatefulSet')).toEqual([]);
  });

  it('uses timeout_seconds from the request when the migration sets none', async () => {
    const clock = new ManualClock();
    const { request, kube, logger } = setup([fakeMigration(clock, { id: 'long', runMs: 120_000 }, [])], { timeoutSeconds: 100 });
    const report = await runMigrations(request, { kube, clock, logger, timer: clock.timer });
    expect(report.results[0]!.status).toBe('timed-out');
  });

  it('plan mode evaluates isNeeded, runs nothing, records nothing, and gives a dry-run client', async () => {
    const clock = new ManualClock();
    const calls: string[] = [];
    const needed = fakeMigration(clock, { id: 'needed' }, calls);
    const migrations = [needed, fakeMigration(clock, { id: 'not-needed', needed: false }, calls)];
    const { request, kube, logger, fake } = setup(migrations, { mode: 'plan' });
    const report = await runMigrations(request, { kube, clock, logger, timer: clock.timer });
    expect(calls).toEqual(['isNeeded needed', 'isNeeded not-needed']);
    expect(report.results.map((r) => [r.id, r.needed, r.status])).toEqual([
      ['needed', true, 'would-run'],
      ['not-needed', false, 'not-needed'],
    ]);
    expect(needed.contexts[0]!.dryRun).toBe(true);
    expect(needed.contexts[0]!.kube.dryRun).toBe(true);
    expect(fake.calls).toEqual([]);
    expect(report.record.written).toBe(0);
  });

  it('hands migrations the manifests without Secret values', async () => {
    const clock = new ManualClock();
    const loaded = fakeMigration(clock, { id: 'reads', needed: false }, []);
    const { request, kube, logger } = setup([loaded]);
    await runMigrations(request, { kube, clock, logger, timer: clock.timer });
    const context = loaded.contexts[0]!;
    expect(JSON.stringify(context.manifests)).not.toContain('s3cr3t-value');
    expect(context.manifests[1]).toMatchObject({ kind: 'Secret', stringData: { POSTGRES_SA_PASSWORD: '' } });
    expect(context.environment).toBe('dev');
    expect(context.components).toEqual(['postgres', 'redis']);
  });
});

describe('deprecation', () => {
  it('warns about a migration past its deprecation date, located on its file', async () => {
    const clock = new ManualClock('2026-07-01T08:00:00Z');
    const migrations = [
      fakeMigration(clock, { id: 'old', needed: false, deprecated: { note: 'all clusters are on PG 18', after: '2026-06-30' } }, []),
      fakeMigration(clock, { id: 'young', needed: false, deprecated: { note: 'not yet', after: '2026-07-01' } }, []),
      fakeMigration(clock, { id: 'by-release', needed: false, deprecated: { note: 'gone in v2', after: 'v2.0.0' } }, []),
    ];
    const { request, kube, logger } = setup(migrations, { release: 'v2.1.0' });
    const report = await runMigrations(request, { kube, clock, logger, timer: clock.timer });
    expect(report.findings).toEqual([
      {
        severity: 'warning',
        code: 'MIGRATION_DEPRECATED',
        message: 'migration old is past its removal point (2026-06-30): all clusters are on PG 18 — delete this file once every cluster has run it',
        location: { file: '/repo/infra/migrations/old.mjs', line: 7 },
        key: 'deprecated',
      },
      expect.objectContaining({ message: expect.stringContaining('migration by-release is past its removal point (v2.0.0)') }),
    ]);
    expect(report.results.map((r) => [r.id, r.deprecated?.past])).toEqual([
      ['old', true],
      ['young', false],
      ['by-release', true],
    ]);
  });

  it('a release-based deprecation is not judged without a release', async () => {
    const clock = new ManualClock();
    const { request, kube, logger } = setup([fakeMigration(clock, { id: 'by-release', needed: false, deprecated: { note: 'x', after: 'v2.0.0' } }, [])]);
    const report = await runMigrations(request, { kube, clock, logger, timer: clock.timer });
    expect(report.findings).toEqual([]);
  });
});
