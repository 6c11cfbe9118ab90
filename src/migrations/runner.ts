import { errorMessage, type Finding } from '../errors.js';
import { code, inlineText, markdownTable, type Cell } from '../report/markdown.js';
import type { KubeClient } from '../k8s/client.js';
import type { Clock, Logger } from '../log.js';
import type { KubernetesObject } from '../manifests/resource.js';
import { MigrationKube } from './kube.js';
import { parseDeprecationAfter, type LoadedMigration } from './loader.js';
import { appendRunRecords, recordName, type MigrationRunRecord } from './record.js';
import type { Migration, MigrationContext } from './types.js';

export type MigrationMode = 'plan' | 'run';

/** The four places the deploy pipeline calls the runner. */
export type MigrationPoint = 'generic-pre' | 'component-pre' | 'component-post' | 'generic-post';

export interface MigrationRequest {
  environment: string;
  /** The components (deploy-control services) this deploy applies, in the order it applies them. */
  components: readonly string[];
  /** The rendered objects of this deploy; Secret values are removed before a migration sees them. */
  manifests: readonly KubernetesObject[];
  /** Built-ins first, then the user's in file-name order: the order they run in. */
  migrations: readonly LoadedMigration[];
  /** `plan`: evaluate isNeeded only, run nothing, record nothing. `run`: run what is needed and record it. */
  mode: MigrationMode;
  timeoutSeconds: number;
  slowSeconds: number;
  /** The commit being deployed, kept in the record. */
  sha?: string;
  /** The release being deployed (e.g. a tag), for `deprecated.after` given as a release. */
  release?: string;
  /** Namespace of the record ConfigMap; default: the manifests' namespace when they share one, else `default`. */
  recordNamespace?: string;
}

export interface MigrationDeps {
  kube: KubeClient;
  clock: Clock;
  logger: Logger;
  /** An AbortSignal that aborts after `ms`; default AbortSignal.timeout (unref'd, never keeps the process alive). */
  timer?: (ms: number) => AbortSignal;
}

export type MigrationStatus = 'not-needed' | 'would-run' | 'succeeded' | 'failed' | 'timed-out' | 'not-reached';

export interface MigrationResult {
  id: string;
  description: string;
  phase: 'pre' | 'post';
  file: string;
  builtin: boolean;
  point: MigrationPoint;
  component?: string;
  /** isNeeded's answer; absent when it threw or was not reached. */
  needed?: boolean;
  status: MigrationStatus;
  isNeededMs: number;
  runMs?: number;
  /** isNeeded + run. */
  durationMs: number;
  /** Longer than slow_seconds. */
  slow: boolean;
  error?: string;
  /** What the migration logged. */
  messages: string[];
  deprecated?: { note: string; after: string; past: boolean };
}

export interface MigrationPointReport {
  point: MigrationPoint;
  component?: string;
  results: MigrationResult[];
  /** A migration failed or timed out here: after a `pre` point, do not apply; after a `post` point, fail the deploy. */
  failed: boolean;
}

export interface MigrationReport {
  environment: string;
  mode: MigrationMode;
  status: 'succeeded' | 'failed';
  results: MigrationResult[];
  /** Migrations whose components are not part of this deploy. */
  outOfScope: string[];
  /** Deprecation warnings, located on the migration's file. */
  findings: Finding[];
  record: { name: string; namespace: string; written: number; error?: string };
}

class MigrationTimeout extends Error {
  override name = 'MigrationTimeout';
}

/** Removes Secret values: a migration learns which Secrets and keys exist, never what they hold. */
export function redactSecrets(manifests: readonly KubernetesObject[]): KubernetesObject[] {
  return manifests.map((object) => {
    if (object.kind !== 'Secret') return object;
    const copy: KubernetesObject = { ...object };
    for (const field of ['data', 'stringData'] as const) {
      const values = object[field];
      if (values && typeof values === 'object') {
        copy[field] = Object.fromEntries(Object.keys(values).map((key) => [key, '']));
      }
    }
    return copy;
  });
}

/** The manifests' namespace when every namespaced object shares one; else `default`. */
export function defaultRecordNamespace(manifests: readonly KubernetesObject[]): string {
  const namespaces = new Set(manifests.map((m) => m.metadata.namespace).filter((n): n is string => Boolean(n)));
  return namespaces.size === 1 ? [...namespaces][0]! : 'default';
}

/** Whether `deprecated.after` has passed: a date once it is over, a release once the deployed release reaches it. */
export function isPastDeprecation(after: string, now: Date, release?: string): boolean {
  const parsed = parseDeprecationAfter(after);
  if (!parsed) return false;
  if (parsed.kind === 'date') {
    const end = after.length === 10 ? parsed.date.getTime() + 86_400_000 : parsed.date.getTime();
    return now.getTime() >= end;
  }
  const current = release ? parseDeprecationAfter(release) : undefined;
  if (!current || current.kind !== 'release') return false;
  for (let i = 0; i < 3; i++) {
    const a = current.parts[i] ?? 0;
    const b = parsed.parts[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

export function deprecationFindings(migrations: readonly LoadedMigration[], now: Date, release?: string): Finding[] {
  const findings: Finding[] = [];
  for (const loaded of migrations) {
    const deprecated = loaded.migration.deprecated;
    if (!deprecated || !isPastDeprecation(deprecated.after, now, release)) continue;
    findings.push({
      severity: 'warning',
      code: 'MIGRATION_DEPRECATED',
      message: `migration ${loaded.migration.id} is past its removal point (${deprecated.after}): ${deprecated.note} — delete this file once every cluster has run it`,
      location: loaded.deprecatedLocation ?? { file: loaded.file, line: 1 },
      key: 'deprecated',
    });
  }
  return findings;
}

/**
 * A measured run time: "120 ms", "1.5 s". (A wait until a deployment window opens reads differently:
 * gate/windows.ts `formatTimeUntil`, "in 14 h 20 min".)
 */
export function formatElapsed(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * One deploy's migrations. The pipeline calls, in order: `genericPre()` before anything is applied;
 * `componentPre(c)` just before applying component c; `componentPost(c)` after c has rolled out; `genericPost()` at
 * the end. A point's report says `failed` when a migration failed or timed out: stop before apply after a `pre`
 * point, fail the deploy after a `post` point. Each migration is considered once per deploy: a component migration
 * at the first of its components (pre) or after the last of its components in this deploy (post).
 */
export class MigrationSession {
  private readonly request: MigrationRequest;
  private readonly deps: MigrationDeps;
  private readonly results: MigrationResult[] = [];
  private readonly considered = new Set<string>();
  private readonly postDone = new Set<string>();
  private readonly findings: Finding[];
  private readonly manifests: KubernetesObject[];
  private readonly record: MigrationReport['record'];

  constructor(request: MigrationRequest, deps: MigrationDeps) {
    this.request = request;
    this.deps = deps;
    this.manifests = redactSecrets(request.manifests);
    this.findings = deprecationFindings(request.migrations, deps.clock.now(), request.release);
    this.record = {
      name: recordName(request.environment),
      namespace: request.recordNamespace ?? defaultRecordNamespace(request.manifests),
      written: 0,
    };
    for (const finding of this.findings) deps.logger.warning(finding.message);
  }

  /** Generic `pre` migrations: before anything is applied. */
  genericPre(): Promise<MigrationPointReport> {
    return this.point(
      'generic-pre',
      undefined,
      this.due((m) => m.components.length === 0 && m.phase === 'pre'),
    );
  }

  /** Component `pre` migrations: just before `component` is applied. */
  componentPre(component: string): Promise<MigrationPointReport> {
    return this.point(
      'component-pre',
      component,
      this.due((m) => m.phase === 'pre' && m.components.includes(component)),
    );
  }

  /** Component `post` migrations: after `component` has rolled out (and after all its other components in this deploy). */
  componentPost(component: string): Promise<MigrationPointReport> {
    this.postDone.add(component);
    const inDeploy = (m: Migration) => m.components.filter((c) => this.request.components.includes(c));
    return this.point(
      'component-post',
      component,
      this.due((m) => m.phase === 'post' && m.components.includes(component) && inDeploy(m).every((c) => this.postDone.has(c))),
    );
  }

  /** Generic `post` migrations: at the end, after every rollout. */
  genericPost(): Promise<MigrationPointReport> {
    return this.point(
      'generic-post',
      undefined,
      this.due((m) => m.components.length === 0 && m.phase === 'post'),
    );
  }

  report(): MigrationReport {
    const failed = this.results.some((r) => r.status === 'failed' || r.status === 'timed-out');
    return {
      environment: this.request.environment,
      mode: this.request.mode,
      status: failed ? 'failed' : 'succeeded',
      results: [...this.results],
      outOfScope: this.request.migrations
        .filter((l) => l.migration.components.length > 0 && !l.migration.components.some((c) => this.request.components.includes(c)))
        .map((l) => l.migration.id),
      findings: [...this.findings],
      record: { ...this.record },
    };
  }

  /** Migrations in scope and not yet considered that `when` selects, marked as considered. */
  private due(when: (migration: Migration) => boolean): LoadedMigration[] {
    const selected = this.request.migrations.filter((loaded) => {
      const m = loaded.migration;
      if (this.considered.has(m.id)) return false;
      if (m.components.length > 0 && !m.components.some((c) => this.request.components.includes(c))) return false;
      return when(m);
    });
    for (const loaded of selected) this.considered.add(loaded.migration.id);
    return selected;
  }

  private async point(point: MigrationPoint, component: string | undefined, due: LoadedMigration[]): Promise<MigrationPointReport> {
    const report: MigrationPointReport = { point, results: [], failed: false };
    if (component !== undefined) report.component = component;
    if (due.length === 0) return report;
    const title = `Migrations ${point}${component ? ` (${component})` : ''}${this.request.mode === 'plan' ? ' — plan' : ''}`;
    await this.deps.logger.group(title, async () => {
      for (const loaded of due) {
        if (report.failed && this.request.mode === 'run') {
          report.results.push(this.result(loaded, point, component, { status: 'not-reached', isNeededMs: 0, durationMs: 0 }));
          this.deps.logger.info(`${loaded.migration.id}: not reached (an earlier migration failed)`);
          continue;
        }
        const result = await this.evaluate(loaded, point, component);
        report.results.push(result);
        if (result.status === 'failed' || result.status === 'timed-out') report.failed = true;
      }
      await this.writeRecord(report.results);
    });
    this.results.push(...report.results);
    return report;
  }

  private async evaluate(loaded: LoadedMigration, point: MigrationPoint, component: string | undefined): Promise<MigrationResult> {
    const { clock, logger } = this.deps;
    const m = loaded.migration;
    const messages: string[] = [];
    const timeoutMs = (m.timeoutSeconds ?? this.request.timeoutSeconds) * 1000;
    const started = clock.now();
    let needed: boolean | undefined;
    let isNeededMs = 0;
    try {
      needed = await this.call(m, component, messages, timeoutMs, (context) => m.isNeeded(context));
      if (typeof needed !== 'boolean') throw new Error(`isNeeded returned ${JSON.stringify(needed)}, not true or false`);
    } catch (error) {
      isNeededMs = clock.now().getTime() - started.getTime();
      const timedOut = error instanceof MigrationTimeout;
      logger.warning(`${m.id}: isNeeded ${timedOut ? 'timed out' : 'failed'} after ${formatElapsed(isNeededMs)}: ${errorMessage(error)}`);
      return this.result(loaded, point, component, {
        status: timedOut ? 'timed-out' : 'failed',
        isNeededMs,
        durationMs: isNeededMs,
        error: `isNeeded: ${errorMessage(error)}`,
        messages,
        slow: isNeededMs > this.request.slowSeconds * 1000,
      });
    }
    isNeededMs = clock.now().getTime() - started.getTime();
    if (!needed) {
      logger.info(`${m.id}: not needed, skipped (checked in ${formatElapsed(isNeededMs)})`);
      return this.finish(loaded, point, component, { needed, status: 'not-needed', isNeededMs, durationMs: isNeededMs, messages });
    }
    if (this.request.mode === 'plan') {
      logger.info(`${m.id}: needed — would run (checked in ${formatElapsed(isNeededMs)}): ${m.description}`);
      return this.finish(loaded, point, component, { needed, status: 'would-run', isNeededMs, durationMs: isNeededMs, messages });
    }
    logger.info(`${m.id}: needed (checked in ${formatElapsed(isNeededMs)}), running: ${m.description}`);
    const runStarted = clock.now();
    try {
      await this.call(m, component, messages, timeoutMs, (context) => m.run(context));
    } catch (error) {
      const runMs = clock.now().getTime() - runStarted.getTime();
      const timedOut = error instanceof MigrationTimeout;
      logger.warning(`${m.id}: ${timedOut ? 'timed out' : 'failed'} after ${formatElapsed(runMs)}: ${errorMessage(error)}`);
      return this.finish(loaded, point, component, {
        needed,
        status: timedOut ? 'timed-out' : 'failed',
        isNeededMs,
        runMs,
        durationMs: isNeededMs + runMs,
        error: errorMessage(error),
        messages,
        startedAt: runStarted,
      });
    }
    const runMs = clock.now().getTime() - runStarted.getTime();
    logger.info(`${m.id}: succeeded in ${formatElapsed(runMs)}`);
    return this.finish(loaded, point, component, {
      needed,
      status: 'succeeded',
      isNeededMs,
      runMs,
      durationMs: isNeededMs + runMs,
      messages,
      startedAt: runStarted,
    });
  }

  private finish(
    loaded: LoadedMigration,
    point: MigrationPoint,
    component: string | undefined,
    fields: Omit<Partial<MigrationResult>, 'status'> & { status: MigrationStatus; isNeededMs: number; durationMs: number; startedAt?: Date },
  ): MigrationResult {
    const { startedAt, ...rest } = fields;
    const slow = rest.durationMs > this.request.slowSeconds * 1000;
    if (slow) {
      this.deps.logger.warning(
        `${loaded.migration.id} is slow: ${formatElapsed(rest.durationMs)}, more than slow_seconds (${this.request.slowSeconds} s)` +
          (rest.status === 'not-needed' ? '; isNeeded should answer with one cheap read once the cluster is migrated' : ''),
      );
    }
    const result = this.result(loaded, point, component, { ...rest, slow });
    if (startedAt) this.runRecords.set(result, startedAt);
    return result;
  }

  private readonly runRecords = new Map<MigrationResult, Date>();

  private result(
    loaded: LoadedMigration,
    point: MigrationPoint,
    component: string | undefined,
    fields: Partial<MigrationResult> & { status: MigrationStatus; isNeededMs: number; durationMs: number },
  ): MigrationResult {
    const m = loaded.migration;
    const result: MigrationResult = {
      id: m.id,
      description: m.description,
      phase: m.phase,
      file: loaded.file,
      builtin: loaded.builtin,
      point,
      slow: false,
      messages: [],
      ...fields,
    };
    if (component !== undefined) result.component = component;
    if (m.deprecated) {
      result.deprecated = { ...m.deprecated, past: isPastDeprecation(m.deprecated.after, this.deps.clock.now(), this.request.release) };
    }
    return result;
  }

  /** Calls isNeeded or run with a fresh context whose signal aborts at the timeout, racing the two. */
  private async call<T>(
    migration: Migration,
    component: string | undefined,
    messages: string[],
    timeoutMs: number,
    body: (context: MigrationContext) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    const timer = (this.deps.timer ?? ((ms: number) => AbortSignal.timeout(ms)))(timeoutMs);
    const onTimeout = () => controller.abort(new MigrationTimeout(`${migration.id} did not finish within ${formatElapsed(timeoutMs)} (timeout_seconds)`));
    if (timer.aborted) onTimeout();
    else timer.addEventListener('abort', onTimeout, { once: true });
    const dryRun = this.request.mode === 'plan';
    const { logger } = this.deps;
    const context: MigrationContext = {
      kube: new MigrationKube(this.deps.kube, { dryRun, signal: controller.signal }),
      environment: this.request.environment,
      components: this.request.components,
      manifests: this.manifests,
      log: {
        info: (message) => {
          messages.push(message);
          logger.info(`  ${migration.id}: ${message}`);
        },
        warning: (message) => {
          messages.push(`warning: ${message}`);
          logger.warning(`${migration.id}: ${message}`);
        },
      },
      signal: controller.signal,
      dryRun,
    };
    if (component !== undefined) context.component = component;
    const abortError = () => {
      const reason: unknown = controller.signal.reason;
      return reason instanceof Error ? reason : new Error(String(reason));
    };
    const aborted = new Promise<never>((_, reject) => {
      if (controller.signal.aborted) reject(abortError());
      controller.signal.addEventListener('abort', () => reject(abortError()), { once: true });
    });
    aborted.catch(() => undefined);
    try {
      return await Promise.race([body(context), aborted]);
    } finally {
      timer.removeEventListener('abort', onTimeout);
    }
  }

  private async writeRecord(results: readonly MigrationResult[]): Promise<void> {
    if (this.request.mode !== 'run') return;
    const runs: MigrationRunRecord[] = [];
    for (const result of results) {
      const startedAt = this.runRecords.get(result);
      if (!startedAt || result.runMs === undefined) continue;
      const run: MigrationRunRecord = {
        id: result.id,
        phase: result.phase,
        startedAt: startedAt.toISOString(),
        durationMs: result.runMs,
        outcome: result.status === 'succeeded' ? 'succeeded' : result.status === 'timed-out' ? 'timed-out' : 'failed',
        sha: this.request.sha || 'unknown',
      };
      if (result.component) run.component = result.component;
      if (result.error) run.error = result.error.slice(0, 1000);
      runs.push(run);
    }
    if (runs.length === 0) return;
    try {
      await appendRunRecords(this.deps.kube, { environment: this.request.environment, namespace: this.record.namespace }, runs);
      this.record.written += runs.length;
      this.deps.logger.info(`recorded ${runs.length} run(s) in ConfigMap ${this.record.namespace}/${this.record.name}`);
    } catch (error) {
      this.record.error = errorMessage(error);
      this.deps.logger.warning(`could not record the migration run(s) in ConfigMap ${this.record.namespace}/${this.record.name}: ${errorMessage(error)}`);
    }
  }
}

export function createMigrationSession(request: MigrationRequest, deps: MigrationDeps): MigrationSession {
  return new MigrationSession(request, deps);
}

/**
 * All four points in order, with nothing applied in between: what `k8sapp migrations` and the migrations action do.
 * In `run` mode it stops at the first point that fails; the rest are reported as not reached.
 */
export async function runMigrations(request: MigrationRequest, deps: MigrationDeps): Promise<MigrationReport> {
  const session = createMigrationSession(request, deps);
  const steps: (() => Promise<MigrationPointReport>)[] = [
    () => session.genericPre(),
    ...request.components.map((c) => () => session.componentPre(c)),
    ...request.components.map((c) => () => session.componentPost(c)),
    () => session.genericPost(),
  ];
  for (const step of steps) {
    const point = await step();
    if (point.failed && request.mode === 'run') break;
  }
  const report = session.report();
  if (request.mode === 'run' && report.status === 'failed') {
    const reached = new Set(report.results.map((r) => r.id));
    for (const loaded of request.migrations) {
      const m = loaded.migration;
      if (reached.has(m.id) || report.outOfScope.includes(m.id)) continue;
      report.results.push({
        id: m.id,
        description: m.description,
        phase: m.phase,
        file: loaded.file,
        builtin: loaded.builtin,
        point: pointOf(m),
        status: 'not-reached',
        isNeededMs: 0,
        durationMs: 0,
        slow: false,
        messages: [],
      });
    }
  }
  return report;
}

function pointOf(m: Migration): MigrationPoint {
  if (m.components.length === 0) return m.phase === 'pre' ? 'generic-pre' : 'generic-post';
  return m.phase === 'pre' ? 'component-pre' : 'component-post';
}

const STATUS_TEXT: Record<MigrationStatus, string> = {
  'not-needed': 'not needed',
  'would-run': 'would run',
  succeeded: '✅ ran',
  failed: '❌ failed',
  'timed-out': '⏱️ timed out',
  'not-reached': 'not reached',
};

/** The job-summary section: one row per migration considered. */
export function migrationSummaryMarkdown(report: MigrationReport): string {
  const lines = [`### Migrations (${report.environment}, ${report.mode === 'plan' ? 'plan — nothing was run' : 'run'})`, ''];
  if (report.results.length === 0) {
    lines.push('No migrations in scope.');
  } else {
    const rows: Cell[][] = [];
    for (const r of report.results) {
      const when = `${r.point}${r.component ? ` (${r.component})` : ''}`;
      const needed = r.needed === undefined ? '—' : r.needed ? 'yes' : 'no';
      const notes = [
        r.slow ? '⚠️ slow (more than slow_seconds)' : '',
        r.error ?? '',
        r.deprecated?.past ? `deprecated: ${r.deprecated.note}` : '',
        ...r.messages,
      ]
        .filter(Boolean)
        .join('\n');
      rows.push([code(r.id), when, needed, STATUS_TEXT[r.status], formatElapsed(r.durationMs), notes]);
    }
    lines.push(markdownTable(['Migration', 'When', 'Needed', 'Outcome', 'Duration', 'Notes'], rows));
  }
  if (report.outOfScope.length) lines.push('', `Not in this deploy's components: ${report.outOfScope.map((id) => `\`${id}\``).join(', ')}.`);
  if (report.record.written) lines.push('', `Recorded ${report.record.written} run(s) in ConfigMap \`${report.record.namespace}/${report.record.name}\`.`);
  if (report.record.error) lines.push('', `⚠️ The runs could not be recorded: ${inlineText(report.record.error)}`);
  return `${lines.join('\n')}\n`;
}
