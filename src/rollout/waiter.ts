import type { Kubectl } from '../k8s/kubectl.js';
import type { Clock, Logger } from '../log.js';
import type { KubernetesObject } from '../manifests/resource.js';
import { Diagnoser, redactCredentials, type KubeEvent } from './diagnose.js';
import { selectorOf, type LabelSelector } from '../k8s/selector.js';
import { combinedSelector } from './selector.js';
import { computeStatus, type StatusResult } from './status.js';
import {
  DEFAULT_LOG_TAIL_LINES,
  DEFAULT_MAX_API_ERRORS,
  DEFAULT_POLL_INTERVAL_SECONDS,
  DEFAULT_PROGRESS_EVERY_SECONDS,
  DEFAULT_THRESHOLDS,
  refKey,
  type DiagnosisRow,
  type FailFastThresholds,
  type WorkloadRef,
  type WorkloadResult,
} from './types.js';

export interface RolloutDeps {
  kubectl: Kubectl;
  clock: Clock;
  logger: Logger;
}

export interface WaitOptions {
  timeoutSeconds: number;
  pollIntervalSeconds?: number;
  progressEverySeconds?: number;
  thresholds?: Partial<FailFastThresholds>;
  logTailLines?: number;
  maxApiErrors?: number;
  /**
   * The wait after a rollback: a FailedCreate reported before it began describes the template just replaced, so it
   * counts only once the controller repeats it.
   */
  afterRollback?: boolean;
}

/** Parses `kubectl get … -o json` output: a List, a single object, or nothing (--ignore-not-found). */
export function parseObjects(stdout: string): KubernetesObject[] {
  const text = stdout.trim();
  if (!text) return [];
  const parsed = JSON.parse(text) as KubernetesObject & { items?: KubernetesObject[] };
  if (Array.isArray(parsed.items)) return parsed.items;
  return [parsed];
}

function groupByNamespace(refs: readonly WorkloadRef[]): Map<string, WorkloadRef[]> {
  const groups = new Map<string, WorkloadRef[]>();
  for (const ref of refs) {
    const key = ref.namespace ?? '';
    groups.set(key, [...(groups.get(key) ?? []), ref]);
  }
  return groups;
}

const firstLine = (text: string) => text.trim().split('\n')[0] ?? '';

interface Tracked {
  ref: WorkloadRef;
  label: string;
  result?: WorkloadResult;
  live?: KubernetesObject;
  status?: StatusResult;
  rows: DiagnosisRow[];
  lastLine?: string;
  lastLineAt: number;
}

/**
 * Waits for every workload at once: each interval ONE `kubectl get kind/name … -o json` per namespace for all
 * pending workloads, plus (while any is still in progress) one `get pods,persistentvolumeclaims -l …` and one
 * `get events --field-selector=type=Warning` per namespace for the diagnosis. Stops a workload early when the
 * diagnosis proves it cannot succeed; bounded by `timeoutSeconds`.
 */
export async function waitForWorkloads(refs: readonly WorkloadRef[], options: WaitOptions, deps: RolloutDeps): Promise<WorkloadResult[]> {
  const { kubectl, clock, logger } = deps;
  const interval = (options.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS) * 1000;
  const progressEvery = (options.progressEverySeconds ?? DEFAULT_PROGRESS_EVERY_SECONDS) * 1000;
  const timeout = options.timeoutSeconds * 1000;
  const maxApiErrors = options.maxApiErrors ?? DEFAULT_MAX_API_ERRORS;
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const start = clock.now();
  const diagnoser = new Diagnoser(thresholds, start, options.afterRollback === true);
  const nameCounts = new Map<string, number>();
  for (const ref of refs) nameCounts.set(ref.name, (nameCounts.get(ref.name) ?? 0) + 1);
  const tracked: Tracked[] = refs.map((ref) => ({
    ref,
    label: (nameCounts.get(ref.name) ?? 0) > 1 ? `${ref.kind.toLowerCase()}/${ref.name}` : ref.name,
    rows: [],
    lastLineAt: -Infinity,
  }));
  let apiErrors = 0;

  const finish = (item: Tracked, status: WorkloadResult['status'], elapsed: number, rows: DiagnosisRow[], reason: string, message: string) => {
    item.result = {
      kind: item.ref.kind,
      ...(item.ref.namespace ? { namespace: item.ref.namespace } : {}),
      name: item.ref.name,
      status,
      seconds: Math.round(elapsed / 100) / 10,
      reason,
      message,
      ready: item.status?.ready ?? 0,
      desired: item.status?.desired ?? 0,
      diagnosis: rows,
      ...(item.live ? { live: item.live } : {}),
    };
  };

  for (;;) {
    const pending = tracked.filter((item) => !item.result);
    if (!pending.length) break;
    const now = clock.now();
    const elapsed = now.getTime() - start.getTime();

    // 1. Workload objects: one get per namespace for all pending workloads.
    let apiFailure: string | undefined;
    for (const [namespace, group] of groupByNamespace(pending.map((item) => item.ref))) {
      const answer = await kubectl.get(
        group.map((ref) => `${ref.kind.toLowerCase()}/${ref.name}`),
        { ...(namespace ? { namespace } : {}), ignoreNotFound: true },
      );
      if (answer.exitCode !== 0) {
        apiFailure = firstLine(answer.stderr) || `kubectl get exited with ${answer.exitCode}`;
        continue;
      }
      const objects = parseObjects(answer.stdout);
      for (const item of pending.filter((p) => (p.ref.namespace ?? '') === namespace)) {
        item.live = objects.find((o) => o.kind === item.ref.kind && o.metadata.name === item.ref.name);
        item.status = computeStatus(item.live);
      }
    }
    if (apiFailure) {
      apiErrors++;
      logger.warning(`kubectl get failed (${apiErrors}/${maxApiErrors}): ${apiFailure}`);
      if (apiErrors >= maxApiErrors) {
        for (const item of pending) {
          finish(
            item,
            'failed',
            elapsed,
            [
              {
                workload: `${item.ref.kind}/${item.ref.name}`,
                ...(item.ref.namespace ? { namespace: item.ref.namespace } : {}),
                reason: 'ApiError',
                message: apiFailure,
                fatal: true,
              },
            ],
            'ApiError',
            apiFailure,
          );
        }
        break;
      }
    } else {
      apiErrors = 0;
    }

    // 2. Diagnosis material for namespaces that still have unfinished workloads.
    const inProgress = pending.filter((item) => item.status && item.status.state !== 'Current');
    const material = new Map<string, { pods: KubernetesObject[]; pvcs: KubernetesObject[]; events: KubeEvent[] }>();
    for (const [namespace, group] of groupByNamespace(inProgress.map((item) => item.ref))) {
      const scope = namespace ? { namespace } : {};
      const selectors = inProgress
        .filter((item) => group.includes(item.ref) && item.live)
        .map((item) => selectorOf(item.live))
        .filter((s): s is LabelSelector => s !== undefined);
      const onlyClaims = group.every((ref) => ref.kind === 'PersistentVolumeClaim');
      const selector = combinedSelector(selectors);
      const podsAnswer = await kubectl.get(['pods,persistentvolumeclaims'], { ...scope, ...(selector && !onlyClaims ? { selector } : {}) });
      const eventsAnswer = await kubectl.get(['events'], { ...scope, fieldSelector: 'type=Warning' });
      const listed = podsAnswer.exitCode === 0 ? parseObjects(podsAnswer.stdout) : [];
      material.set(namespace, {
        pods: listed.filter((o) => o.kind === 'Pod'),
        pvcs: listed.filter((o) => o.kind === 'PersistentVolumeClaim'),
        events: eventsAnswer.exitCode === 0 ? parseObjects(eventsAnswer.stdout) : [],
      });
    }

    // 3. Verdicts.
    for (const item of pending) {
      const status = item.status;
      if (!status) continue;
      if (status.state === 'Current') {
        finish(item, 'succeeded', elapsed, [], status.reason, status.message);
        logger.info(`${item.label} ready after ${seconds(elapsed)} s (${status.ready}/${status.desired})`);
        continue;
      }
      const found = material.get(item.ref.namespace ?? '') ?? { pods: [], pvcs: [], events: [] };
      item.rows = diagnoser.observe({ ref: item.ref, live: item.live, status, ...found }, now);
      const fatal = item.rows.filter((row) => row.fatal);
      if (fatal.length) {
        await attachLogs(item.rows, item.ref.namespace, options.logTailLines ?? DEFAULT_LOG_TAIL_LINES, kubectl);
        const first = fatal[0] as DiagnosisRow;
        finish(item, 'failed', elapsed, item.rows, first.reason, first.message);
        logger.info(`${item.label} FAILED after ${seconds(elapsed)} s: ${first.reason}${first.pod ? ` (pod ${first.pod})` : ''}: ${first.message}`);
        continue;
      }
      const line = `${item.label} ${status.ready}/${status.desired} ready`;
      const state = `${line} ${status.reason}`;
      if (state !== item.lastLine || now.getTime() - item.lastLineAt >= progressEvery) {
        logger.info(`${line}, ${seconds(elapsed)} s${state !== item.lastLine ? ` (${status.message})` : ''}`);
        item.lastLine = state;
        item.lastLineAt = now.getTime();
      }
    }

    const stillPending = tracked.filter((item) => !item.result);
    if (!stillPending.length) break;
    if (elapsed >= timeout) {
      for (const item of stillPending) {
        const status = item.status;
        const message = `not ready after ${seconds(timeout)} s: ${status?.message ?? 'never observed'}`;
        finish(item, 'timed-out', elapsed, item.rows, status?.reason ?? 'Timeout', message);
        logger.info(`${item.label} TIMED OUT after ${seconds(elapsed)} s: ${status?.message ?? ''}`);
      }
      break;
    }
    await clock.sleep(Math.min(interval, timeout - elapsed));
  }
  const byKey = new Map(tracked.map((item) => [refKey(item.ref), item.result as WorkloadResult]));
  return refs.map((ref) => byKey.get(refKey(ref)) as WorkloadResult);
}

const seconds = (milliseconds: number) => Math.round(milliseconds / 1000);

/** Adds the last lines of the previous container's log to CrashLoopBackOff rows. */
async function attachLogs(rows: DiagnosisRow[], namespace: string | undefined, tail: number, kubectl: Kubectl): Promise<void> {
  if (tail <= 0) return;
  for (const row of rows) {
    if (row.reason !== 'CrashLoopBackOff' || !row.pod || row.logs) continue;
    const answer = await kubectl.logs(row.pod, {
      ...(namespace ? { namespace } : {}),
      ...(row.container ? { container: row.container } : {}),
      previous: true,
      tail,
    });
    row.logs =
      answer.exitCode === 0
        ? redactCredentials(answer.stdout).replace(/\n$/, '').split('\n').slice(-tail)
        : [`(previous log unavailable: ${firstLine(answer.stderr)})`];
  }
}
