import type { RollbackMode as ConfiguredRollbackMode } from '../config/deploy-control.js';
import type { KubernetesObject } from '../manifests/resource.js';

/** A workload to wait for, as the apply report lists it. */
export interface WorkloadRef {
  kind: string;
  namespace?: string;
  name: string;
}

/** One line of the diagnosis table: what is wrong, where, since when, how often. */
export interface DiagnosisRow {
  /** `StatefulSet/postgres` (namespace in its own column of the JSON). */
  workload: string;
  namespace?: string;
  pod?: string;
  container?: string;
  reason: string;
  message: string;
  /** ISO time the condition started (event firstTimestamp, condition transition, or first observation). */
  since?: string;
  /** How often the matching event was reported. */
  count?: number;
  image?: string;
  restarts?: number;
  /** Last lines of the previous container's log (CrashLoopBackOff). */
  logs?: string[];
  /** True when this row alone proves the rollout cannot succeed (fail-fast). */
  fatal: boolean;
}

export type WorkloadOutcome = 'succeeded' | 'failed' | 'timed-out';

export interface WorkloadResult {
  kind: string;
  namespace?: string;
  name: string;
  status: WorkloadOutcome;
  /** Seconds from the start of the wait to the verdict. */
  seconds: number;
  /** kstatus reason of the last observation (or the fail-fast reason). */
  reason: string;
  message: string;
  ready: number;
  desired: number;
  diagnosis: DiagnosisRow[];
  /** The last observed live object (for rollback decisions); not serialised into reports. */
  live?: KubernetesObject;
}

/**
 * Fail-fast thresholds. Each is how long a signal must persist (on k8sapp's clock, from its first observation)
 * before the rollout is declared failed; see docs/rollout.md. Override per call via `thresholds`.
 */
export interface FailFastThresholds {
  /** ErrImagePull / ImagePullBackOff on a pod of the new revision whose pull failed for good (not found, denied). */
  imagePullGraceSeconds: number;
  /**
   * ErrImagePull / ImagePullBackOff whose cause looks transient or is unknown (registry 5xx, rate limit, timeout):
   * the kubelet keeps retrying, so a registry blip must not roll back a healthy deploy. Default 90.
   */
  imagePullRetryGraceSeconds?: number;
  /** CrashLoopBackOff with at least this many restarts. */
  crashLoopRestarts: number;
  /** CreateContainerConfigError (missing Secret/ConfigMap or key). */
  configErrorGraceSeconds: number;
  /** FailedCreate warning events on the workload or its ReplicaSet. */
  failedCreateGraceSeconds: number;
  /** Pod Unschedulable (FailedScheduling) — generous: a cluster autoscaler may still add a node. */
  unschedulableGraceSeconds: number;
  /** PVC Pending with a ProvisioningFailed event. */
  provisioningFailedGraceSeconds: number;
  /** Events are "fresh" when last seen at or after (wait start − this), to tolerate runner/API clock skew. */
  eventClockSkewSeconds: number;
}

export const DEFAULT_THRESHOLDS: FailFastThresholds = {
  imagePullGraceSeconds: 4,
  imagePullRetryGraceSeconds: 90,
  crashLoopRestarts: 1,
  configErrorGraceSeconds: 4,
  failedCreateGraceSeconds: 0,
  unschedulableGraceSeconds: 60,
  provisioningFailedGraceSeconds: 6,
  eventClockSkewSeconds: 2,
};

/** Seconds between judgements of the live state (kept current by list + watch; a watch that ended is listed again). */
export const DEFAULT_POLL_INTERVAL_SECONDS = 2;
/** A progress line per workload at least this often, besides every state change. */
export const DEFAULT_PROGRESS_EVERY_SECONDS = 30;
/** Lines of the previous container's log quoted for CrashLoopBackOff. */
export const DEFAULT_LOG_TAIL_LINES = 20;
/** Consecutive polls whose read of the workloads failed, tolerated before the wait gives up (API server down, RBAC). */
export const DEFAULT_MAX_API_ERRORS = 5;

/** deploy-control's `rollback` mode, or 'never': the run asked for no rollback. */
export type RollbackMode = 'never' | ConfiguredRollbackMode;

export interface RollbackWorkload {
  kind: string;
  namespace?: string;
  name: string;
  /** undone: `rollout undo` ran; reapplied: release manifests re-applied; nothing-to-undo: first deployment. */
  action: 'undone' | 'reapplied' | 'nothing-to-undo' | 'not-supported' | 'not-in-release' | 'error';
  message: string;
  /** Pods deleted on the bad revision (StatefulSet forced rollback). Never PVCs. */
  deletedPods: string[];
  /** Outcome of waiting for the rolled-back workload; absent when nothing was rolled back. */
  status?: WorkloadOutcome;
  seconds?: number;
  diagnosis: DiagnosisRow[];
}

export interface RollbackReport {
  mode: RollbackMode;
  workloads: RollbackWorkload[];
  /** none: nothing needed or allowed; succeeded: every rolled-back workload is ready again; failed otherwise. */
  status: 'none' | 'succeeded' | 'failed';
  /** Release revision re-applied in `release` mode. */
  release?: number;
  message?: string;
  /**
   * `release` mode: objects that exist now (applied by the failed deploy, or in the newest release) but are not in the
   * restored release, as `Kind namespace/name`. A rollback never deletes; they stay and are listed here.
   */
  leftInPlace?: string[];
}

/** A workload's result as reports show it: without counts and the live object. */
export type PublicWorkloadResult = Omit<WorkloadResult, 'ready' | 'desired' | 'live'>;

/** The shared Rollout report contract (TEAM.md). */
export interface RolloutReport {
  status: 'succeeded' | 'failed' | 'rolled-back';
  environment?: string;
  workloads: PublicWorkloadResult[];
  rollback: RollbackReport;
}

/**
 * What k8sapp itself knew of a workload's pod template just before it applied it. The controllers' status fields
 * cannot say what a deploy changed (a StatefulSet sets currentRevision = updateRevision whenever replicas,
 * updatedReplicas and readyReplicas are all 0, as while its only pod is replaced), so rollback decides from this.
 */
export interface TemplateBefore {
  /** The live `spec.template` read before the apply; absent when this deploy created the workload. */
  template?: unknown;
  /** Whether the server's dry run of the manifest differed from `template` (true when the workload is new). */
  changed: boolean;
}

/** Templates before the apply, by refKey. */
export type TemplatesBefore = ReadonlyMap<string, TemplateBefore>;

export function refLabel(ref: WorkloadRef): string {
  return `${ref.kind}/${ref.name}`;
}

export function refKey(ref: WorkloadRef): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}
