import type { KubernetesObject } from '../manifests/resource.js';
import { selectorMatches, selectorOf } from '../k8s/selector.js';
import { findCondition, intField, stringField, type StatusResult } from './status.js';
import type { DiagnosisRow, FailFastThresholds, WorkloadRef } from './types.js';
import { redactCredentials } from '../secrets/mask.js';

const DEFAULT_IMAGE_PULL_RETRY_GRACE_SECONDS = 90;

/** The parts of a core/v1 Event the diagnosis reads. */
export interface KubeEvent {
  metadata?: { uid?: string; name?: string; creationTimestamp?: string };
  involvedObject?: { kind?: string; name?: string; namespace?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
}

/** What one observation saw for one workload. `pods` and `events` may hold the whole namespace: they are filtered here. */
export interface WorkloadSnapshot {
  ref: WorkloadRef;
  live: KubernetesObject | undefined;
  status: StatusResult;
  pods: readonly KubernetesObject[];
  pvcs: readonly KubernetesObject[];
  events: readonly KubeEvent[];
}

export const IMAGE_PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
/**
 * Pull failures that retrying will not fix (containerd/CRI-O wording for a missing tag or repository, or a registry that
 * refuses the credentials). Anything else — 5xx, 429 toomanyrequests, timeouts, connection errors — may be a blip.
 */
const PERMANENT_PULL_FAILURE =
  /code = NotFound|: not found|manifest unknown|name unknown|pull access denied|repository does not exist|unauthorized|authentication required|403 Forbidden|invalid reference format/i;

export function isPermanentPullFailure(message: string): boolean {
  return PERMANENT_PULL_FAILURE.test(message);
}

/** Waiting reasons that are a normal part of starting a container. */
const STARTING_REASONS = new Set(['ContainerCreating', 'PodInitializing']);

export function eventLastSeen(event: KubeEvent): string | undefined {
  return event.lastTimestamp ?? event.series?.lastObservedTime ?? event.eventTime ?? event.metadata?.creationTimestamp ?? undefined;
}

export function eventFirstSeen(event: KubeEvent): string | undefined {
  return event.firstTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp ?? undefined;
}

function eventCount(event: KubeEvent): number {
  return event.series?.count ?? event.count ?? 1;
}

type Json = Record<string, unknown>;
interface ContainerStatus {
  name: string;
  image?: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string }; running?: Json; terminated?: { reason?: string; exitCode?: number; message?: string } };
  lastState?: { terminated?: { reason?: string; exitCode?: number; message?: string; finishedAt?: string } };
}

function containerStatuses(pod: KubernetesObject): ContainerStatus[] {
  const status = (pod.status ?? {}) as Json;
  const list = [...((status.initContainerStatuses as unknown[]) ?? []), ...((status.containerStatuses as unknown[]) ?? [])];
  return list.filter((item): item is ContainerStatus => typeof item === 'object' && item !== null && typeof (item as Json).name === 'string');
}

function specImage(pod: KubernetesObject, container: string): string | undefined {
  const spec = (pod.spec ?? {}) as { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[] };
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].find((c) => c.name === container)?.image;
}

/** The ReplicaSet a Deployment is rolling out, read from its Progressing condition (`ReplicaSet "web-6f9…" …`). */
export function newReplicaSetName(deployment: KubernetesObject): string | undefined {
  const message = findCondition(deployment, 'Progressing')?.message ?? '';
  return /[Rr]eplica ?[Ss]et "([^"]+)"/.exec(message)?.[1];
}

/** True unless the pod names a controller other than the workload (a Deployment's pods belong to its ReplicaSets). */
function ownedBy(workload: KubernetesObject, pod: KubernetesObject): boolean {
  const owners = (pod.metadata as { ownerReferences?: { kind?: string; name?: string; controller?: boolean }[] }).ownerReferences ?? [];
  const controller = owners.find((owner) => owner.controller) ?? owners[0];
  if (!controller) return true;
  if (workload.kind === 'Deployment') return controller.kind === 'ReplicaSet' && (controller.name ?? '').startsWith(`${workload.metadata.name}-`);
  return controller.kind === workload.kind && controller.name === workload.metadata.name;
}

/**
 * The workload's pods that belong to the revision being rolled out, so a leftover pod of an older revision cannot
 * fail (or pass) the new one: Deployment → pod-template-hash of the new ReplicaSet; StatefulSet → updateRevision;
 * DaemonSet → pod-template-generation == metadata.generation; Job → all its pods. Pods another controller owns
 * (a broad selector) never count. When the revision is known but has no pods yet the answer is empty — never the
 * old revision's pods. Falls back to every selected pod only when the revision cannot be told.
 */
export function currentRevisionPods(workload: KubernetesObject, pods: readonly KubernetesObject[]): KubernetesObject[] {
  const selector = selectorOf(workload);
  const selected = selector ? pods.filter((pod) => selectorMatches(selector, pod.metadata.labels) && ownedBy(workload, pod)) : [];
  const label = (pod: KubernetesObject, key: string) => pod.metadata.labels?.[key];
  if (workload.kind === 'Deployment') {
    const replicaSet = newReplicaSetName(workload);
    const hash = replicaSet?.startsWith(`${workload.metadata.name}-`) ? replicaSet.slice(workload.metadata.name.length + 1) : undefined;
    if (hash) return selected.filter((pod) => label(pod, 'pod-template-hash') === hash);
  } else if (workload.kind === 'StatefulSet') {
    const revision = stringField(workload, 'status.updateRevision');
    if (revision) return selected.filter((pod) => label(pod, 'controller-revision-hash') === revision);
  } else if (workload.kind === 'DaemonSet') {
    const generation = intField(workload, 'metadata.generation', -1);
    if (generation >= 0) return selected.filter((pod) => label(pod, 'pod-template-generation') === String(generation));
  }
  return selected;
}

/** PVC names a workload needs: claims its pods mount plus StatefulSet volumeClaimTemplates per ordinal. */
export function claimNames(workload: KubernetesObject, pods: readonly KubernetesObject[]): Set<string> {
  const names = new Set<string>();
  if (workload.kind === 'PersistentVolumeClaim') names.add(workload.metadata.name);
  for (const pod of pods) {
    const volumes = ((pod.spec as Json | undefined)?.volumes as { persistentVolumeClaim?: { claimName?: string } }[] | undefined) ?? [];
    for (const volume of volumes) if (volume.persistentVolumeClaim?.claimName) names.add(volume.persistentVolumeClaim.claimName);
  }
  if (workload.kind === 'StatefulSet') {
    const templates = ((workload.spec as Json | undefined)?.volumeClaimTemplates as { metadata?: { name?: string } }[] | undefined) ?? [];
    const replicas = intField(workload, 'spec.replicas', 1);
    for (const template of templates) {
      for (let ordinal = 0; ordinal < replicas; ordinal++) names.add(`${template.metadata?.name}-${workload.metadata.name}-${ordinal}`);
    }
  }
  return names;
}

/**
 * Turns observations (after every watch event and at least every poll interval) into diagnosis rows and fail-fast
 * verdicts. It remembers when each signal was first observed, so
 * grace periods run on k8sapp's (injected) clock and never on the API server's.
 */
export class Diagnoser {
  private readonly firstSeen = new Map<string, number>();
  /** When each signal's grace period ends (first observation + threshold): the waiter judges again at that moment. */
  private readonly dueAt = new Map<string, number>();
  /** Each event's count and last-seen time when this wait first saw it. */
  private readonly eventBaseline = new Map<string, { count: number; last: string | undefined }>();
  private readonly thresholds: FailFastThresholds;
  private readonly startedAt: number;

  constructor(
    thresholds: FailFastThresholds,
    startedAt: Date,
    private readonly afterRollback = false,
  ) {
    this.thresholds = thresholds;
    this.startedAt = startedAt.getTime();
  }

  /** Seconds a signal has been observed, counting from its first observation. */
  private heldFor(key: string, now: number): number {
    const first = this.firstSeen.get(key);
    if (first === undefined) {
      this.firstSeen.set(key, now);
      return 0;
    }
    return (now - first) / 1000;
  }

  /** Notes when a signal observed since `heldFor(key)` will have been held `seconds`, so the verdict is not late. */
  private dueAfter(key: string, seconds: number): void {
    const first = this.firstSeen.get(key);
    if (first !== undefined && Number.isFinite(seconds)) this.dueAt.set(key, first + seconds * 1000);
  }

  /** The earliest moment after `now` at which a grace period ends (a verdict may change then), if any. */
  nextDecisionAfter(now: Date): Date | undefined {
    const at = now.getTime();
    let next = Infinity;
    for (const due of this.dueAt.values()) if (due > at && due < next) next = due;
    return Number.isFinite(next) ? new Date(next) : undefined;
  }

  private since(key: string): string | undefined {
    const first = this.firstSeen.get(key);
    return first === undefined ? undefined : new Date(first).toISOString();
  }

  private fresh(event: KubeEvent): boolean {
    const last = eventLastSeen(event);
    return !!last && this.freshTime(last);
  }

  /**
   * After a rollback, whether a FailedCreate is about the restored template. Events of the template it replaced go
   * on arriving for a moment (the controller records them asynchronously, its last sync of the bad template may
   * still be in flight), so an event counts only when the controller repeats it after it has observed the restored
   * generation: the first such poll takes the baseline, a later one must show it again.
   */
  private repeatedAfterRollback(key: string, event: KubeEvent, generationObserved: boolean): boolean {
    if (!this.afterRollback) return true;
    if (!generationObserved) return false;
    const seen = { count: eventCount(event), last: eventLastSeen(event) };
    const baseline = this.eventBaseline.get(key);
    if (!baseline) {
      this.eventBaseline.set(key, seen);
      return false;
    }
    return seen.count > baseline.count || (seen.last !== undefined && seen.last !== baseline.last);
  }

  private freshTime(time: string): boolean {
    return Date.parse(time) >= this.startedAt - this.thresholds.eventClockSkewSeconds * 1000;
  }

  observe(snapshot: WorkloadSnapshot, now: Date): DiagnosisRow[] {
    const at = now.getTime();
    const { ref, live, status } = snapshot;
    const workload = `${ref.kind}/${ref.name}`;
    const base = { workload, ...(ref.namespace ? { namespace: ref.namespace } : {}) };
    const rows: DiagnosisRow[] = [];
    if (!live) {
      rows.push({ ...base, reason: 'NotFound', message: `${workload} does not exist in the cluster`, fatal: true });
      return rows;
    }
    if (status.state === 'Failed') {
      const condition = ref.kind === 'Deployment' ? findCondition(live, 'Progressing') : findCondition(live, 'Failed');
      // The Deployment controller keeps a ProgressDeadlineExceeded from an earlier rollout until the next one makes
      // progress (a revert to an existing ReplicaSet does not reset it): only a deadline that passed during this wait
      // proves anything.
      const updated = (condition as { lastUpdateTime?: string } | undefined)?.lastUpdateTime ?? condition?.lastTransitionTime;
      // Such a stale verdict counts once the controller has had its own progressDeadlineSeconds in this wait.
      const stale = ref.kind === 'Deployment' && status.reason === 'ProgressDeadlineExceeded' && !!updated && !this.freshTime(updated);
      const waited = stale ? this.heldFor(`${workload}/stale-deadline`, at) : 0;
      const deadline = intField(live, 'spec.progressDeadlineSeconds', 600);
      if (stale) this.dueAfter(`${workload}/stale-deadline`, deadline);
      const pending = stale && waited < deadline;
      rows.push({
        ...base,
        reason: status.reason,
        message: pending ? `${status.message} (reported at ${updated}, before this rollout began; waiting for the controller to re-evaluate)` : status.message,
        ...(condition?.lastTransitionTime ? { since: condition.lastTransitionTime } : {}),
        fatal: !pending,
      });
    }

    const pods = currentRevisionPods(live, snapshot.pods);
    const events = snapshot.events.filter((event) => event.type !== 'Normal' || event.reason === 'BackOff');
    const podEvents = (pod: string) => events.filter((e) => e.involvedObject?.kind === 'Pod' && e.involvedObject.name === pod);

    // FailedCreate on the workload or (Deployment) its new ReplicaSet: pods cannot even be created (seed incident).
    const generationObserved =
      intField(live, 'metadata.generation', 0) === intField(live, 'status.observedGeneration', -1) || live.kind === 'PersistentVolumeClaim';
    const newReplicaSet = ref.kind === 'Deployment' ? newReplicaSetName(live) : undefined;
    const ownsEvent = (event: KubeEvent): boolean => {
      const involved = event.involvedObject ?? {};
      if (involved.kind === ref.kind && involved.name === ref.name) return true;
      if (ref.kind !== 'Deployment' || involved.kind !== 'ReplicaSet' || !involved.name) return false;
      if (newReplicaSet) return involved.name === newReplicaSet;
      const rest = involved.name.startsWith(`${ref.name}-`) ? involved.name.slice(ref.name.length + 1) : '';
      return /^[a-z0-9]+$/.test(rest);
    };
    for (const event of events) {
      if (event.reason !== 'FailedCreate' || !ownsEvent(event) || !this.fresh(event)) continue;
      const key = `${workload}/FailedCreate/${event.involvedObject?.kind}/${event.involvedObject?.name}`;
      const held = this.heldFor(key, at);
      this.dueAfter(key, this.thresholds.failedCreateGraceSeconds);
      rows.push({
        ...base,
        reason: 'FailedCreate',
        message: `${event.involvedObject?.kind ?? ''} ${event.involvedObject?.name ?? ''}: ${event.message ?? ''}`.trim(),
        since: eventFirstSeen(event) ?? this.since(key),
        count: eventCount(event),
        fatal: generationObserved && held >= this.thresholds.failedCreateGraceSeconds && this.repeatedAfterRollback(key, event, generationObserved),
      });
    }

    // Until the controller has observed the applied generation, the revision it names is the previous one: its pods'
    // troubles (often the very reason for this deploy) are shown but prove nothing about the new revision.
    for (const pod of pods) {
      const podRows = this.podRows(base, pod, podEvents(pod.metadata.name), at, ref.kind);
      rows.push(...(generationObserved ? podRows : podRows.map((row) => ({ ...row, fatal: false }))));
    }

    // PVCs stuck Pending because provisioning failed.
    const claims = claimNames(live, pods);
    for (const claim of claims) {
      const pvc = snapshot.pvcs.find((item) => item.metadata.name === claim);
      if (pvc && stringField(pvc, 'status.phase') === 'Bound') continue;
      const failures = events.filter(
        (e) => e.involvedObject?.kind === 'PersistentVolumeClaim' && e.involvedObject.name === claim && e.reason === 'ProvisioningFailed' && this.fresh(e),
      );
      const latest = failures.at(-1);
      if (!latest) continue;
      const key = `${workload}/pvc/${claim}`;
      const held = this.heldFor(key, at);
      this.dueAfter(key, this.thresholds.provisioningFailedGraceSeconds);
      rows.push({
        ...base,
        reason: 'ProvisioningFailed',
        message: `PersistentVolumeClaim ${claim} is ${pvc ? stringField(pvc, 'status.phase', 'Pending') : 'Pending'}: ${latest.message ?? ''}`,
        since: eventFirstSeen(latest) ?? this.since(key),
        count: failures.reduce((sum, e) => sum + eventCount(e), 0),
        fatal: held >= this.thresholds.provisioningFailedGraceSeconds,
      });
    }

    // Nothing specific found while still in progress: say what kstatus says, so a timeout is never unexplained.
    if (!rows.length && status.state !== 'Current') {
      rows.push({ ...base, reason: status.reason, message: status.message, fatal: false });
    }
    return rows;
  }

  private podRows(base: { workload: string; namespace?: string }, pod: KubernetesObject, events: KubeEvent[], at: number, kind: string): DiagnosisRow[] {
    const rows: DiagnosisRow[] = [];
    const podName = pod.metadata.name;
    const t = this.thresholds;
    const scheduled = findCondition(pod, 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      const key = `${podName}/Unschedulable`;
      const held = this.heldFor(key, at);
      this.dueAfter(key, t.unschedulableGraceSeconds);
      const event = events.filter((e) => e.reason === 'FailedScheduling').at(-1);
      rows.push({
        ...base,
        pod: podName,
        reason: 'FailedScheduling',
        message: event?.message ?? scheduled.message ?? 'Pod could not be scheduled',
        since: scheduled.lastTransitionTime ?? this.since(key),
        ...(event ? { count: eventCount(event) } : {}),
        fatal: held >= t.unschedulableGraceSeconds,
      });
    }
    for (const container of containerStatuses(pod)) {
      const waiting = container.state?.waiting;
      const image = specImage(pod, container.name) ?? container.image;
      const where = { ...base, pod: podName, container: container.name };
      if (waiting?.reason && IMAGE_PULL_REASONS.has(waiting.reason)) {
        const key = `${podName}/${container.name}/image`;
        const held = this.heldFor(key, at);
        const pulls = events.filter((e) => e.reason === 'Failed' && (e.message ?? '').startsWith('Failed to pull image'));
        const latest = pulls.at(-1);
        const detail = latest?.message ?? waiting.message ?? waiting.reason;
        const permanent = isPermanentPullFailure(`${latest?.message ?? ''} ${waiting.message ?? ''}`);
        const grace = permanent ? t.imagePullGraceSeconds : (t.imagePullRetryGraceSeconds ?? DEFAULT_IMAGE_PULL_RETRY_GRACE_SECONDS);
        this.dueAfter(key, grace);
        rows.push({
          ...where,
          reason: waiting.reason,
          message: `image "${image ?? '?'}": ${detail}`,
          ...(image ? { image } : {}),
          since: (pulls[0] && eventFirstSeen(pulls[0])) ?? this.since(key),
          ...(latest ? { count: pulls.reduce((sum, e) => sum + eventCount(e), 0) } : {}),
          fatal: waiting.reason === 'InvalidImageName' || waiting.reason === 'ErrImageNeverPull' || held >= grace,
        });
      } else if (waiting?.reason === 'CrashLoopBackOff') {
        const restarts = container.restartCount ?? 0;
        const last = container.lastState?.terminated;
        const termination = last
          ? `; last termination: ${last.reason ?? 'unknown'} (exit code ${last.exitCode ?? '?'})${last.message ? `: ${redactCredentials(last.message.trim())}` : ''}`
          : '';
        const backoffs = events.filter((e) => e.reason === 'BackOff' && /restarting failed container/i.test(e.message ?? ''));
        const key = `${podName}/${container.name}/crash`;
        this.heldFor(key, at);
        rows.push({
          ...where,
          reason: 'CrashLoopBackOff',
          message: `restarted ${restarts} time${restarts === 1 ? '' : 's'}${termination}`,
          ...(image ? { image } : {}),
          restarts,
          since: last?.finishedAt ?? this.since(key),
          ...(backoffs.length ? { count: backoffs.reduce((sum, e) => sum + eventCount(e), 0) } : {}),
          // A Job's restarts are its retries: backoffLimit (the Job's Failed condition) decides, not k8sapp.
          fatal: kind !== 'Job' && restarts >= t.crashLoopRestarts,
        });
      } else if (waiting?.reason === 'CreateContainerConfigError' || waiting?.reason === 'CreateContainerError') {
        const key = `${podName}/${container.name}/config`;
        const held = this.heldFor(key, at);
        this.dueAfter(key, t.configErrorGraceSeconds);
        const event = events.filter((e) => e.reason === 'Failed' && (e.message ?? '').startsWith('Error:')).at(-1);
        rows.push({
          ...where,
          reason: waiting.reason,
          message: waiting.message ?? event?.message ?? waiting.reason,
          since: (event && eventFirstSeen(event)) ?? this.since(key),
          ...(event ? { count: eventCount(event) } : {}),
          fatal: held >= t.configErrorGraceSeconds,
        });
      } else if (waiting?.reason && !STARTING_REASONS.has(waiting.reason)) {
        rows.push({ ...where, reason: waiting.reason, message: waiting.message ?? '', fatal: false });
      } else if (container.state?.running && container.ready === false) {
        const probe = events.filter((e) => e.reason === 'Unhealthy').at(-1);
        rows.push({
          ...where,
          reason: 'NotReady',
          message: probe?.message ?? 'container is running but not ready (readiness probe)',
          ...((container.restartCount ?? 0) > 0 ? { restarts: container.restartCount } : {}),
          ...(probe ? { count: eventCount(probe), since: eventFirstSeen(probe) } : {}),
          fatal: false,
        });
      } else if (container.state?.terminated && container.state.terminated.reason !== 'Completed') {
        const end = container.state.terminated;
        rows.push({
          ...where,
          reason: end.reason ?? 'Terminated',
          message: `exit code ${end.exitCode ?? '?'}${end.message ? `: ${redactCredentials(end.message)}` : ''}`,
          fatal: false,
        });
      }
    }
    return rows;
  }
}
