import type { Clock } from '../../src/log.js';
import type { LoadedMigration } from '../../src/migrations/loader.js';
import type { Migration, MigrationContext } from '../../src/migrations/types.js';

/** A clock that moves only when told; timers it hands out abort when their deadline passes. */
export class ManualClock implements Clock {
  private time: number;
  private readonly timers: { deadline: number; controller: AbortController }[] = [];
  constructor(start = '2026-05-04T10:00:00Z') {
    this.time = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.time);
  }
  async sleep(ms: number): Promise<void> {
    this.advance(ms);
  }
  advance(ms: number): void {
    this.time += ms;
    for (const timer of this.timers) if (timer.deadline <= this.time && !timer.controller.signal.aborted) timer.controller.abort(new Error('timeout'));
  }
  readonly timer = (ms: number): AbortSignal => {
    const controller = new AbortController();
    this.timers.push({ deadline: this.time + ms, controller });
    return controller.signal;
  };
  /** Timers handed out and not fired: each isNeeded/run call must get one. */
  get timerCount(): number {
    return this.timers.length;
  }
}

export interface FakeOptions {
  id: string;
  phase?: 'pre' | 'post';
  components?: string[];
  needed?: boolean | (() => boolean);
  isNeededMs?: number;
  runMs?: number;
  fail?: string;
  hang?: boolean;
  deprecated?: { note: string; after: string };
  timeoutSeconds?: number;
}

/** A scripted migration that advances the clock by its durations and records every call with its context. */
export function fakeMigration(clock: ManualClock, options: FakeOptions, calls: string[]): LoadedMigration & { contexts: MigrationContext[] } {
  const contexts: MigrationContext[] = [];
  const migration: Migration = {
    id: options.id,
    description: `fake ${options.id}`,
    phase: options.phase ?? 'pre',
    components: options.components ?? [],
    async isNeeded(context) {
      contexts.push(context);
      calls.push(`isNeeded ${options.id}${context.component ? `@${context.component}` : ''}`);
      clock.advance(options.isNeededMs ?? 2);
      const needed = options.needed ?? true;
      return typeof needed === 'function' ? needed() : needed;
    },
    async run(context) {
      contexts.push(context);
      calls.push(`run ${options.id}${context.component ? `@${context.component}` : ''}`);
      context.log.info(`working on ${options.id}`);
      clock.advance(options.runMs ?? 10);
      // A real migration awaits I/O: yield once, so a timeout that fired meanwhile wins the race.
      await new Promise((done) => setImmediate(done));
      if (options.hang) await new Promise(() => undefined);
      if (options.fail) throw new Error(options.fail);
    },
  };
  if (options.deprecated) migration.deprecated = options.deprecated;
  if (options.timeoutSeconds) migration.timeoutSeconds = options.timeoutSeconds;
  return {
    migration,
    file: `/repo/infra/migrations/${options.id}.mjs`,
    builtin: false,
    contexts,
    deprecatedLocation: options.deprecated ? { file: `/repo/infra/migrations/${options.id}.mjs`, line: 7 } : undefined,
  };
}
