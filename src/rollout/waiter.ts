import { KubeApiError } from '../k8s/api-error.js';
import type { KindRef, KubeClient, ListOptions } from '../k8s/client.js';
import { selectorOf, type LabelSelector } from '../k8s/selector.js';
import { ClusterUnreachableError, unreachableSentence } from '../k8s/unreachable.js';
import type { Clock, Logger } from '../log.js';
import type { KubernetesObject } from '../manifests/resource.js';
import { Diagnoser, type KubeEvent } from './diagnose.js';
import { redactCredentials } from '../secrets/mask.js';
import { Feed, isApiFailure } from './feed.js';
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
import { builtInKind } from '../k8s/kinds.js';

export interface RolloutDeps {
  kube: KubeClient;
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

/** The API version of each kind a rollout waits for (WorkloadRef names only the kind), and of the diagnosis material. */
function kindRef(kind: string, namespace: string): KindRef {
  const builtIn = builtInKind(kind);
  if (!builtIn) throw new Error(`bug: the rollout cannot wait for kind ${kind}`);
  return { apiVersion: builtIn.apiVersion, kind: builtIn.kind, namespace };
}

interface Tracked {
  ref: WorkloadRef;
  label: string;
  /** ref.namespace, or the kubeconfig context's namespace the server placed a namespace-less workload in. */
  namespace?: string;
  result?: WorkloadResult;
  live?: KubernetesObject;
  status?: StatusResult;
  rows: DiagnosisRow[];
  lastLine?: string;
  lastLineAt: number;
}

interface Material {
  pods: KubernetesObject[];
  pvcs: KubernetesObject[];
  events: KubeEvent[];
}

/** Wakes the waiter when a watch reports a change, instead of at the next poll. */
class Wakeup {
  private pending = false;
  private resolve: (() => void) | undefined;

  notify(): void {
    if (this.resolve) this.resolve();
    else this.pending = true;
  }

  /** Sleeps on the injected clock for `milliseconds`, or until a change is reported (also one reported before). */
  async sleep(clock: Clock, milliseconds: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    const timer = new AbortController();
    const woken = new Promise<void>((resolve) => (this.resolve = resolve));
    try {
      await Promise.race([clock.sleep(milliseconds, timer.signal), woken]);
    } finally {
      timer.abort();
      this.resolve = undefined;
      this.pending = false;
    }
  }
}

/**
 * The feeds one wait reads, by kind, namespace and selectors. Each poll says which it needs; the others (a namespace
 * whose workloads are all done, a pod selector that narrowed) are closed.
 */
class LiveState {
  private readonly feeds = new Map<string, Feed>();
  private used = new Set<string>();

  constructor(
    private readonly kube: KubeClient,
    private readonly onChange: () => void,
  ) {}

  feed(kind: KindRef, selectors: ListOptions): Feed {
    const key = JSON.stringify([kind.kind, kind.namespace, selectors.labelSelector ?? '', selectors.fieldSelector ?? '']);
    this.used.add(key);
    let feed = this.feeds.get(key);
    if (!feed) {
      feed = new Feed(this.kube, kind, selectors, this.onChange);
      this.feeds.set(key, feed);
    }
    return feed;
  }

  /** Closes the feeds this poll did not ask for. */
  closeUnused(): void {
    for (const [key, feed] of this.feeds) {
      if (this.used.has(key)) continue;
      feed.close();
      this.feeds.delete(key);
    }
    this.used = new Set();
  }

  close(): void {
    for (const feed of this.feeds.values()) feed.close();
    this.feeds.clear();
  }
}

/** Lets watch events already delivered be applied before the state is judged. */
const drainDelivered = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A one-line account of an API failure for warnings and the ApiError row. */
function failureText(error: unknown): string {
  if (error instanceof KubeApiError) return error.message.split('\n')[0] || `${error.code} ${error.reason}`;
  if (error instanceof ClusterUnreachableError) return unreachableSentence(error.unreachable, 'the workloads could not be observed');
  return String(error);
}

/** Refreshes a feed; an API failure is returned (the feed keeps what it saw), anything else is a bug and thrown. */
async function refreshed(feed: Feed): Promise<string | undefined> {
  try {
    await feed.refresh();
    return undefined;
  } catch (error) {
    if (!isApiFailure(error)) throw error;
    return failureText(error);
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * Waits for every workload at once. Live state is read by LIST per kind and namespace (workloads; while any is still
 * in progress its namespace's pods and PVCs by label selector and Warning events) and then kept current by WATCHes
 * from the lists' resourceVersion, so a state change (a pod's ErrImagePull, a FailedCreate event) is judged the
 * moment the server reports it. Each poll interval the state is judged again and any feed whose watch ended is listed
 * again. Stops a workload early when the diagnosis proves it cannot succeed; bounded by `timeoutSeconds`.
 */
export async function waitForWorkloads(refs: readonly WorkloadRef[], options: WaitOptions, deps: RolloutDeps): Promise<WorkloadResult[]> {
  const { kube, clock, logger } = deps;
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
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    rows: [],
    lastLineAt: -Infinity,
  }));
  const wakeup = new Wakeup();
  const live = new LiveState(kube, () => wakeup.notify());
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

  try {
    for (;;) {
      const pending = tracked.filter((item) => !item.result);
      if (!pending.length) break;
      await drainDelivered();
      const now = clock.now();
      const elapsed = now.getTime() - start.getTime();

      // 1. Workload objects: one feed per kind and namespace for all of its workloads.
      const apiFailure = await observeWorkloads(pending, tracked, live, kube);
      if (apiFailure) {
        apiErrors++;
        logger.warning(`reading the workloads failed (${apiErrors}/${maxApiErrors}): ${apiFailure}`);
        if (apiErrors >= maxApiErrors) {
          for (const item of pending) {
            const row: DiagnosisRow = {
              workload: `${item.ref.kind}/${item.ref.name}`,
              ...(item.ref.namespace ? { namespace: item.ref.namespace } : {}),
              reason: 'ApiError',
              message: apiFailure,
              fatal: true,
            };
            finish(item, 'failed', elapsed, [row], 'ApiError', apiFailure);
          }
          break;
        }
      } else {
        apiErrors = 0;
      }

      // 2. Diagnosis material for namespaces that still have unfinished workloads.
      const material = await observeMaterial(
        pending.filter((item) => item.status && item.status.state !== 'Current'),
        live,
      );
      live.closeUnused();

      // 3. Verdicts.
      for (const item of pending) {
        const status = item.status;
        if (!status) continue;
        if (status.state === 'Current') {
          finish(item, 'succeeded', elapsed, [], status.reason, status.message);
          logger.info(`${item.label} ready after ${seconds(elapsed)} s (${status.ready}/${status.desired})`);
          continue;
        }
        const found = material.get(item.namespace ?? '') ?? { pods: [], pvcs: [], events: [] };
        item.rows = diagnoser.observe({ ref: item.ref, live: item.live, status, ...found }, now);
        const fatal = item.rows.filter((row) => row.fatal);
        if (fatal.length) {
          await attachLogs(item.rows, item.namespace, options.logTailLines ?? DEFAULT_LOG_TAIL_LINES, kube);
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
      // Until the next poll, the next grace period's end, or the next change a watch reports.
      const due = diagnoser.nextDecisionAfter(now);
      const untilDue = due ? due.getTime() - now.getTime() : Infinity;
      await wakeup.sleep(clock, Math.min(interval, timeout - elapsed, untilDue));
    }
  } finally {
    live.close();
  }
  const byKey = new Map(tracked.map((item) => [refKey(item.ref), item.result as WorkloadResult]));
  return refs.map((ref) => byKey.get(refKey(ref)) as WorkloadResult);
}

/**
 * Reads the pending workloads' live objects and kstatus verdicts; returns the first API failure. A workload's feed
 * selects it by name when it is the only one of its kind in its namespace. A workload named without a namespace is
 * read by GET (the kubeconfig context's namespace, as kubectl does) until the server has said where it lives.
 */
async function observeWorkloads(pending: Tracked[], tracked: Tracked[], live: LiveState, kube: KubeClient): Promise<string | undefined> {
  const failures: (string | undefined)[] = [];
  const placed = pending.filter((item) => item.namespace !== undefined);
  const namesOf = groupBy(
    tracked.filter((item) => item.namespace !== undefined),
    (item) => `${item.ref.kind}/${item.namespace}`,
  );
  const groups = [...groupBy(placed, (item) => `${item.ref.kind}/${item.namespace}`)].map(async ([key, group]) => {
    const first = group[0] as Tracked;
    const names = new Set((namesOf.get(key) ?? []).map((item) => item.ref.name));
    const selectors = names.size === 1 ? { fieldSelector: `metadata.name=${first.ref.name}` } : {};
    const feed = live.feed(kindRef(first.ref.kind, first.namespace as string), selectors);
    failures.push(await refreshed(feed));
    if (!feed.listed) return;
    for (const item of group) {
      item.live = feed.find(item.ref.name);
      item.status = computeStatus(item.live);
    }
  });
  const unplaced = pending
    .filter((item) => item.namespace === undefined)
    .map(async (item) => {
      const { apiVersion, kind } = kindRef(item.ref.kind, '');
      try {
        item.live = await kube.get({ apiVersion, kind, name: item.ref.name });
      } catch (error) {
        if (!isApiFailure(error)) throw error;
        failures.push(failureText(error));
        return;
      }
      item.status = computeStatus(item.live);
      if (item.live?.metadata.namespace) item.namespace = item.live.metadata.namespace;
    });
  await Promise.all([...groups, ...unplaced]);
  return failures.find((failure) => failure !== undefined);
}

/**
 * Pods and PVCs (one label selector for all of a namespace's unfinished workloads) and Warning events, per namespace.
 * A feed that cannot be read gives what it saw before (nothing, the first time): the workloads' own state decides.
 */
async function observeMaterial(inProgress: Tracked[], live: LiveState): Promise<Map<string, Material>> {
  const material = new Map<string, Material>();
  const placed = inProgress.filter((item) => item.namespace !== undefined);
  const namespaces = [...groupBy(placed, (item) => item.namespace as string)].map(async ([namespace, group]) => {
    const selectors = group
      .filter((item) => item.live)
      .map((item) => selectorOf(item.live))
      .filter((s): s is LabelSelector => s !== undefined);
    const onlyClaims = group.every((item) => item.ref.kind === 'PersistentVolumeClaim');
    const selector = onlyClaims ? undefined : combinedSelector(selectors);
    const labelled = selector ? { labelSelector: selector } : {};
    const pods = live.feed(kindRef('Pod', namespace), labelled);
    const pvcs = live.feed(kindRef('PersistentVolumeClaim', namespace), labelled);
    const events = live.feed(kindRef('Event', namespace), { fieldSelector: 'type=Warning' });
    await Promise.all([refreshed(pods), refreshed(pvcs), refreshed(events)]);
    material.set(namespace, { pods: pods.items(), pvcs: pvcs.items(), events: events.items() });
  });
  await Promise.all(namespaces);
  return material;
}

const seconds = (milliseconds: number) => Math.round(milliseconds / 1000);

/** Adds the last lines of the previous container's log to CrashLoopBackOff rows. */
async function attachLogs(rows: DiagnosisRow[], namespace: string | undefined, tail: number, kube: KubeClient): Promise<void> {
  if (tail <= 0 || namespace === undefined) return;
  for (const row of rows) {
    if (row.reason !== 'CrashLoopBackOff' || !row.pod || row.logs) continue;
    try {
      const log = await kube.logs({ name: row.pod, namespace }, { ...(row.container ? { container: row.container } : {}), previous: true, tailLines: tail });
      row.logs = redactCredentials(log).replace(/\n$/, '').split('\n').slice(-tail);
    } catch (error) {
      if (!isApiFailure(error)) throw error;
      row.logs = [`(previous log unavailable: ${failureText(error)})`];
    }
  }
}
