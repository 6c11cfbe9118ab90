import type { KubernetesObject } from '../manifests/resource.js';

/**
 * Readiness rules per kind, ported from kstatus (sigs.k8s.io/cli-utils/pkg/kstatus/status: generic.go
 * `checkGenericProperties`/`checkGeneration`, core.go `deploymentConditions`, `stsConditions`,
 * `daemonsetConditions`, `pvcConditions`) and Flux's stricter Job rule (fluxcd/pkg runtime/statusreaders/job.go
 * `jobConditions`: Current only on Complete=True, never merely "started"). Deviations are marked "k8sapp:".
 */
export type RolloutState = 'InProgress' | 'Current' | 'Failed' | 'Terminating' | 'NotFound';

export interface StatusResult {
  state: RolloutState;
  /** kstatus-style reason: LessReady, LatestGenerationNotObserved, ProgressDeadlineExceeded, JobFailed … */
  reason: string;
  message: string;
  /** For progress lines: how many are ready out of how many wanted. */
  ready: number;
  desired: number;
}

type Json = Record<string, unknown>;

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

function field(object: unknown, path: string): unknown {
  let node: unknown = object;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Json)[key];
  }
  return node;
}

export function intField(object: unknown, path: string, fallback: number): number {
  const value = field(object, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function stringField(object: unknown, path: string, fallback = ''): string {
  const value = field(object, path);
  return typeof value === 'string' ? value : fallback;
}

export function conditionsOf(object: unknown): Condition[] {
  const conditions = field(object, 'status.conditions');
  if (!Array.isArray(conditions)) return [];
  return conditions.filter((c): c is Condition => typeof c === 'object' && c !== null && typeof (c as Json).type === 'string');
}

export function findCondition(object: unknown, type: string): Condition | undefined {
  return conditionsOf(object).find((c) => c.type === type);
}

const result = (state: RolloutState, reason: string, message: string, ready: number, desired: number): StatusResult => ({
  state,
  reason,
  message,
  ready,
  desired,
});

/** The rollout state of one live object (undefined = not found). */
export function computeStatus(object: KubernetesObject | undefined): StatusResult {
  if (!object) return result('NotFound', 'NotFound', 'the object does not exist', 0, 1);
  const [ready, desired] = readyCounts(object);
  const generic = checkGenericProperties(object);
  if (generic) return { ...generic, ready, desired };
  switch (object.kind) {
    case 'Deployment':
      return deploymentStatus(object, ready, desired);
    case 'StatefulSet':
      return statefulSetStatus(object, ready, desired);
    case 'DaemonSet':
      return daemonSetStatus(object, ready, desired);
    case 'Job':
      return jobStatus(object, ready, desired);
    case 'ReplicaSet':
      return replicaSetStatus(object, ready, desired);
    case 'Pod':
      return podStatus(object);
    case 'PersistentVolumeClaim': {
      const phase = stringField(object, 'status.phase', 'unknown');
      return phase === 'Bound' ? result('Current', 'Bound', 'PVC is Bound', 1, 1) : result('InProgress', 'NotBound', `PVC is not Bound. phase: ${phase}`, 0, 1);
    }
    default:
      return result('Current', 'AlwaysReady', `${object.kind} has no rollout to wait for`, 1, 1);
  }
}

/**
 * The one readiness rule for any caller that must know whether an object is ready (the rollout waiter, the apply
 * engine's recreation waits): kstatus Current. Undefined (not found) is not ready.
 */
export function isCurrent(object: KubernetesObject | undefined): boolean {
  return computeStatus(object).state === 'Current';
}

/** Ready/desired pairs for progress lines (`postgres 1/3 ready`). */
export function readyCounts(object: KubernetesObject): [number, number] {
  switch (object.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return [intField(object, 'status.readyReplicas', 0), intField(object, 'spec.replicas', 1)];
    case 'DaemonSet':
      return [intField(object, 'status.numberReady', 0), intField(object, 'status.desiredNumberScheduled', 0)];
    case 'Job': {
      const parallelism = intField(object, 'spec.parallelism', 1);
      return [intField(object, 'status.succeeded', 0), intField(object, 'spec.completions', parallelism)];
    }
    case 'PersistentVolumeClaim':
      return [stringField(object, 'status.phase') === 'Bound' ? 1 : 0, 1];
    default:
      return [1, 1];
  }
}

/** generic.go checkGenericProperties: deletion, observedGeneration lag, standard Reconciling/Stalled conditions. */
function checkGenericProperties(object: KubernetesObject): Omit<StatusResult, 'ready' | 'desired'> | undefined {
  if (stringField(object, 'metadata.deletionTimestamp')) {
    return { state: 'Terminating', reason: 'Terminating', message: 'Resource scheduled for deletion' };
  }
  const generation = field(object, 'metadata.generation');
  const observed = field(object, 'status.observedGeneration');
  if (typeof generation === 'number' && typeof observed === 'number' && observed !== generation) {
    return {
      state: 'InProgress',
      reason: 'LatestGenerationNotObserved',
      message: `${object.kind} generation is ${generation}, but latest observed generation is ${observed}`,
    };
  }
  for (const condition of conditionsOf(object)) {
    if (condition.type === 'Reconciling' && condition.status === 'True') {
      return { state: 'InProgress', reason: condition.reason ?? 'Reconciling', message: condition.message ?? '' };
    }
    if (condition.type === 'Stalled' && condition.status === 'True') {
      return { state: 'Failed', reason: condition.reason ?? 'Stalled', message: condition.message ?? '' };
    }
  }
  return undefined;
}

/** core.go deploymentConditions. */
function deploymentStatus(object: KubernetesObject, ready: number, desired: number): StatusResult {
  // Without progressDeadlineSeconds the controller never sets Progressing; kstatus then treats it as progressing.
  let progressing = field(object, 'spec.progressDeadlineSeconds') === undefined;
  let available = false;
  for (const condition of conditionsOf(object)) {
    if (condition.type === 'Progressing') {
      if (condition.reason === 'ProgressDeadlineExceeded') {
        return result('Failed', 'ProgressDeadlineExceeded', condition.message ?? 'Progress deadline exceeded', ready, desired);
      }
      if (condition.status === 'True' && condition.reason === 'NewReplicaSetAvailable') progressing = true;
    } else if (condition.type === 'Available' && condition.status === 'True') {
      available = true;
    }
  }
  const spec = intField(object, 'spec.replicas', 1);
  const replicas = intField(object, 'status.replicas', 0);
  const updated = intField(object, 'status.updatedReplicas', 0);
  const readyReplicas = intField(object, 'status.readyReplicas', 0);
  const availableReplicas = intField(object, 'status.availableReplicas', 0);
  if (spec > replicas) return result('InProgress', 'LessReplicas', `Replicas: ${replicas}/${spec}`, ready, desired);
  if (spec > updated) return result('InProgress', 'LessUpdated', `Updated: ${updated}/${spec}`, ready, desired);
  if (replicas > spec) return result('InProgress', 'ExtraPods', `Pending termination: ${replicas - spec}`, ready, desired);
  if (updated > availableReplicas) {
    return result('InProgress', 'LessAvailable', `Available: ${availableReplicas}/${updated}`, ready, desired);
  }
  if (spec > readyReplicas) return result('InProgress', 'LessReady', `Ready: ${readyReplicas}/${spec}`, ready, desired);
  if (!progressing) return result('InProgress', 'ReplicaSetNotAvailable', 'ReplicaSet not Available', ready, desired);
  if (!available) return result('InProgress', 'DeploymentNotAvailable', 'Deployment not Available', ready, desired);
  return result('Current', 'Available', `Deployment is available. Replicas: ${replicas}`, ready, desired);
}

/**
 * core.go stsConditions. k8sapp: the API server defaults `partition: 0` for RollingUpdate, and kstatus then never
 * compares revisions; we apply the partition rule only for partition > 0 and otherwise also require
 * currentRevision == updateRevision, as `kubectl rollout status` does for a non-partitioned update.
 */
function statefulSetStatus(object: KubernetesObject, ready: number, desired: number): StatusResult {
  const spec = intField(object, 'spec.replicas', 1);
  const readyReplicas = intField(object, 'status.readyReplicas', 0);
  const updated = intField(object, 'status.updatedReplicas', 0);
  const replicas = intField(object, 'status.replicas', 0);
  const partition = intField(object, 'spec.updateStrategy.rollingUpdate.partition', 0);
  if (spec > replicas) return result('InProgress', 'LessReplicas', `Replicas: ${replicas}/${spec}`, ready, desired);
  if (spec > readyReplicas) return result('InProgress', 'LessReady', `Ready: ${readyReplicas}/${spec}`, ready, desired);
  if (replicas > spec) return result('InProgress', 'ExtraPods', `Pending termination: ${replicas - spec}`, ready, desired);
  // k8sapp: kstatus calls OnDelete Current at once, even with no pod created or Ready; we still require the pods to be
  // there and Ready, and only skip the revision checks (pods change revision when someone deletes them).
  if (stringField(object, 'spec.updateStrategy.type') === 'OnDelete') {
    return result('Current', 'OnDelete', `StatefulSet is using the OnDelete update strategy; ${readyReplicas}/${spec} ready`, ready, desired);
  }
  if (partition > 0) {
    if (updated < spec - partition) {
      return result('InProgress', 'PartitionRollout', `updated: ${updated}/${spec - partition}`, ready, desired);
    }
    return result('Current', 'PartitionRolloutComplete', `Partition rollout complete. updated: ${updated}`, ready, desired);
  }
  if (spec > updated) return result('InProgress', 'LessUpdated', `Updated: ${updated}/${spec}`, ready, desired);
  const current = stringField(object, 'status.currentRevision');
  const update = stringField(object, 'status.updateRevision');
  if (current !== update) {
    return result('InProgress', 'RevisionMismatch', 'Waiting for updated revision to match current', ready, desired);
  }
  return result('Current', 'AllReplicasReady', `All replicas scheduled as expected. Replicas: ${replicas}`, ready, desired);
}

/** core.go daemonsetConditions, including checkGenerationSet (the controller always sets both fields). */
function daemonSetStatus(object: KubernetesObject, ready: number, desired: number): StatusResult {
  if (typeof field(object, 'metadata.generation') !== 'number') {
    return result('InProgress', 'NoGeneration', 'DaemonSet metadata.generation not found', ready, desired);
  }
  if (typeof field(object, 'status.observedGeneration') !== 'number') {
    return result('InProgress', 'NoObservedGeneration', 'DaemonSet status.observedGeneration not found', ready, desired);
  }
  const wanted = intField(object, 'status.desiredNumberScheduled', -1);
  if (wanted === -1) return result('InProgress', 'NoDesiredNumber', 'Missing .status.desiredNumberScheduled', ready, desired);
  const current = intField(object, 'status.currentNumberScheduled', 0);
  const updated = intField(object, 'status.updatedNumberScheduled', 0);
  const available = intField(object, 'status.numberAvailable', 0);
  const readyNumber = intField(object, 'status.numberReady', 0);
  if (wanted > current) return result('InProgress', 'LessCurrent', `Current: ${current}/${wanted}`, ready, desired);
  if (wanted > updated) return result('InProgress', 'LessUpdated', `Updated: ${updated}/${wanted}`, ready, desired);
  if (wanted > available) return result('InProgress', 'LessAvailable', `Available: ${available}/${wanted}`, ready, desired);
  if (wanted > readyNumber) return result('InProgress', 'LessReady', `Ready: ${readyNumber}/${wanted}`, ready, desired);
  return result('Current', 'AllScheduled', `All replicas scheduled as expected. Replicas: ${wanted}`, ready, desired);
}

/** Flux's jobConditions: Complete=True → Current, Failed=True → Failed, anything else (even running) → InProgress. */
function jobStatus(object: KubernetesObject, ready: number, desired: number): StatusResult {
  const parallelism = intField(object, 'spec.parallelism', 1);
  const completions = intField(object, 'spec.completions', parallelism);
  const succeeded = intField(object, 'status.succeeded', 0);
  const failed = intField(object, 'status.failed', 0);
  for (const condition of conditionsOf(object)) {
    if (condition.type === 'Complete' && condition.status === 'True') {
      return result('Current', 'JobComplete', `Job Completed. succeeded: ${succeeded}/${completions}`, ready, desired);
    }
    if (condition.type === 'Failed' && condition.status === 'True') {
      const why = [condition.reason, condition.message].filter(Boolean).join(': ');
      return result('Failed', 'JobFailed', `Job Failed. failed: ${failed}/${completions}${why ? ` (${why})` : ''}`, ready, desired);
    }
  }
  return result('InProgress', 'JobInProgress', 'Job in progress', ready, desired);
}

/** core.go replicasetConditions. */
function replicaSetStatus(object: KubernetesObject, ready: number, desired: number): StatusResult {
  if (conditionsOf(object).some((c) => c.type === 'ReplicaFailure' && c.status === 'True')) {
    return result('InProgress', 'ReplicaFailure', 'Replica Failure condition. Check Pods', ready, desired);
  }
  const spec = intField(object, 'spec.replicas', 1);
  const replicas = intField(object, 'status.replicas', 0);
  const readyReplicas = intField(object, 'status.readyReplicas', 0);
  const available = intField(object, 'status.availableReplicas', 0);
  const labelled = intField(object, 'status.fullyLabeledReplicas', 0);
  if (spec > labelled) return result('InProgress', 'LessLabelled', `Labelled: ${labelled}/${spec}`, ready, desired);
  if (spec > available) return result('InProgress', 'LessAvailable', `Available: ${available}/${spec}`, ready, desired);
  if (spec > readyReplicas) return result('InProgress', 'LessReady', `Ready: ${readyReplicas}/${spec}`, ready, desired);
  if (replicas > spec) return result('InProgress', 'ExtraPods', `Pending termination: ${replicas - spec}`, ready, desired);
  return result('Current', 'ReplicaSetAvailable', `ReplicaSet is available. Replicas: ${replicas}`, ready, desired);
}

/**
 * core.go podConditions. k8sapp: a pod that ended in phase Failed is Failed, not Current (kstatus calls it
 * reconciled; k8sapp asks whether it is ready), and an unschedulable pod stays InProgress (kstatus fails it after
 * 15 s on the wall clock; the diagnosis owns that grace, on the injected clock).
 */
function podStatus(object: KubernetesObject): StatusResult {
  const phase = stringField(object, 'status.phase');
  const readyCondition = findCondition(object, 'Ready')?.status === 'True';
  const counts = (isReady: boolean): [number, number] => [isReady ? 1 : 0, 1];
  switch (phase) {
    case 'Succeeded':
      return result('Current', 'PodSucceeded', 'Pod has completed successfully', ...counts(true));
    case 'Failed':
      return result('Failed', 'PodFailed', 'Pod has completed, but not successfully', ...counts(false));
    case 'Running': {
      if (readyCondition) return result('Current', 'PodReady', 'Pod is Ready', ...counts(true));
      const looping = (field(object, 'status.containerStatuses') as { name?: string; state?: { waiting?: { reason?: string } } }[] | undefined) ?? [];
      const names = looping.filter((c) => c.state?.waiting?.reason === 'CrashLoopBackOff').map((c) => c.name ?? '');
      if (names.length) return result('Failed', 'ContainerCrashLooping', `Containers in CrashLoop state: ${names.join(',')}`, ...counts(false));
      return result('InProgress', 'PodRunningNotReady', 'Pod is running but is not Ready', ...counts(false));
    }
    case 'Pending': {
      const scheduled = findCondition(object, 'PodScheduled');
      if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
        return result('InProgress', 'PodNotScheduled', 'Pod has not been scheduled', ...counts(false));
      }
      return result('InProgress', 'PodPending', 'Pod is in the Pending phase', ...counts(false));
    }
    default:
      return result('InProgress', 'PodNotObserved', 'Pod phase not available', ...counts(false));
  }
}
