import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  resourceKey
} from "./chunk-LLJRTO2H.js";
import {
  KubeApiError,
  UnknownKindError,
  isForbidden,
  isUnauthorized
} from "./chunk-YFCLFOYO.js";
import {
  groupOfApiVersion
} from "./chunk-JNJT7SPT.js";

// src/rollout/types.ts
var DEFAULT_THRESHOLDS = {
  imagePullGraceSeconds: 4,
  imagePullRetryGraceSeconds: 90,
  crashLoopRestarts: 1,
  configErrorGraceSeconds: 4,
  failedCreateGraceSeconds: 0,
  unschedulableGraceSeconds: 60,
  provisioningFailedGraceSeconds: 6,
  eventClockSkewSeconds: 2
}, DEFAULT_POLL_INTERVAL_SECONDS = 2, DEFAULT_PROGRESS_EVERY_SECONDS = 30, DEFAULT_LOG_TAIL_LINES = 20, DEFAULT_MAX_API_ERRORS = 5;
function refLabel(ref) {
  return `${ref.kind}/${ref.name}`;
}
function refKey(ref) {
  return `${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;
}

// src/apply/errors.ts
function objectErrorOf(error, object) {
  let id = {
    kind: object.kind,
    name: object.metadata.name,
    ...object.metadata.namespace ? { namespace: object.metadata.namespace } : {}
  };
  return error instanceof UnknownKindError ? { ...id, reason: "UnknownKind", code: 0, causes: [], message: error.message } : {
    ...id,
    reason: error.reason,
    code: error.code,
    causes: error.details.causes.map((cause) => ({ field: cause.field ?? "", type: cause.reason ?? "", detail: cause.message })),
    message: error.message
  };
}
function credentialSentence(problem) {
  return `${problem.explanation} The server said: "${problem.quote}"`;
}
var UNAUTHORIZED_EXPLANATION = "the API server rejected the credentials in the kubeconfig (401 Unauthorized): its user token or client certificate is invalid, expired or for another cluster. Update the kubeconfig secret.";
function forbiddenExplanation(who) {
  return `the kubeconfig's identity${who ? ` "${who}"` : ""} is authenticated but not allowed to do this (403 Forbidden by RBAC). Grant it the missing permission (Role/ClusterRole binding) or use a kubeconfig with more rights.`;
}
function credentialProblemOf(error) {
  if (!(error instanceof KubeApiError)) return;
  let quote = error.message.trim().split(`
`)[0] ?? "";
  if (isUnauthorized(error)) return { kind: "unauthorized", quote: quote || "Unauthorized", explanation: UNAUTHORIZED_EXPLANATION };
  if (isForbidden(error)) return { kind: "forbidden", quote, explanation: forbiddenExplanation(/User "([^"]+)"/.exec(quote)?.[1]) };
}
var RECREATABLE_KINDS = /* @__PURE__ */ new Set(["StatefulSet", "Deployment", "DaemonSet", "ReplicaSet", "Service", "Job"]), IMMUTABLE_FIELDS = {
  StatefulSet: [{ field: /^spec$/, reasons: ["FieldValueForbidden"] }],
  Deployment: [{ field: /^spec\.selector$/ }],
  ReplicaSet: [{ field: /^spec\.selector$/ }],
  DaemonSet: [{ field: /^spec\.selector$/ }],
  Job: [{ field: /^spec\.(selector|template|completions|completionMode)$/ }],
  Service: [{ field: /^spec\.clusterIPs?(\[\d+\])?$/ }],
  PersistentVolumeClaim: [{ field: /^spec(\.resources\.requests\.storage)?$/, reasons: ["FieldValueForbidden"] }],
  ConfigMap: [{ field: /^(data|binaryData)$/, reasons: ["FieldValueForbidden"] }],
  Secret: [{ field: /^(data|stringData|type)$/, reasons: ["FieldValueForbidden"] }],
  Pod: [{ field: /^spec$/, reasons: ["FieldValueForbidden"] }]
}, IMMUTABLE_TEXT = /\bis immutable\b|\bimmutable field\b|may not change once set/i;
function isImmutableCause(kind, reason, cause) {
  return reason === "Invalid" && (IMMUTABLE_FIELDS[kind] ?? []).some((rule) => rule.field.test(cause.field) && (!rule.reasons || rule.reasons.includes(cause.type))) || IMMUTABLE_TEXT.test(cause.detail);
}
function classifyObjectError(error) {
  if (error.reason === "UnknownKind") return "rejected";
  let causes = error.causes.length > 0 ? error.causes : [{ field: "", type: "", detail: error.message }], immutable = causes.filter((cause) => isImmutableCause(error.kind, error.reason, cause));
  return error.kind === "PersistentVolumeClaim" && immutable.length > 0 ? "pvc" : immutable.length > 0 && immutable.length === causes.length && RECREATABLE_KINDS.has(error.kind) ? "recreatable" : immutable.length > 0 ? "immutable" : "rejected";
}
function allowedStatefulSetFields(detail) {
  let list = /fields other than (.*) are forbidden/.exec(detail)?.[1];
  return list ? [...list.matchAll(/'([^']+)'/g)].map((match) => match[1] ?? "").filter(Boolean) : [];
}

// src/apply/objects.ts
import { isDeepStrictEqual } from "node:util";
function keyOf(object) {
  return resourceKey({ kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name });
}
function describe(id) {
  return `${id.kind}/${id.namespace ? `${id.namespace}/` : ""}${id.name}`;
}
function sameObject(candidate, desired) {
  return candidate.kind !== desired.kind || candidate.metadata?.name !== desired.metadata.name || groupOfApiVersion(candidate.apiVersion ?? "") !== groupOfApiVersion(desired.apiVersion) ? !1 : !desired.metadata.namespace || !candidate.metadata.namespace || candidate.metadata.namespace === desired.metadata.namespace;
}
function hasDrifted(live, dryRun) {
  if (!isDeepStrictEqual(live.metadata.labels ?? {}, dryRun.metadata.labels ?? {}) || !isDeepStrictEqual(live.metadata.annotations ?? {}, dryRun.metadata.annotations ?? {})) return !0;
  let strip = (object) => {
    let { metadata: _metadata, status: _status, ...rest } = object;
    return rest;
  };
  return !isDeepStrictEqual(strip(live), strip(dryRun));
}
function appliedClientSide(live) {
  return Object.hasOwn(live.metadata.annotations ?? {}, "kubectl.kubernetes.io/last-applied-configuration");
}
function comparable(value) {
  return typeof value == "string" || typeof value == "number" || typeof value == "boolean" || typeof value == "bigint" ? String(value) : JSON.stringify(value);
}
function differences(desired, live, path = "") {
  if (Array.isArray(desired)) {
    if (!Array.isArray(live)) return [{ path, desired, live }];
    let found = [];
    for (let [index, item] of desired.entries()) found.push(...differences(item, live[index], `${path}[${index}]`));
    return found;
  }
  if (desired && typeof desired == "object") {
    if (!live || typeof live != "object" || Array.isArray(live)) return [{ path, desired, live }];
    let found = [];
    for (let [key, value] of Object.entries(desired))
      found.push(...differences(value, live[key], path ? `${path}.${key}` : key));
    return found;
  }
  return desired == null ? [] : live == null || comparable(desired) !== comparable(live) ? [{ path, desired, live }] : [];
}
function parseFieldPath(field2) {
  let segments = [];
  for (let part of field2.split(".")) {
    let match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    match[1] && segments.push(match[1]);
    for (let index of (match[2] ?? "").matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}
function valueAt(object, path) {
  let current = object;
  for (let segment of path) {
    if (current === null || typeof current != "object") return;
    current = current[segment];
  }
  return current;
}
function ownerUids(object) {
  return (object.metadata.ownerReferences ?? []).filter((owner) => owner.controller !== !1).map((owner) => owner.uid ?? "");
}
function uidOf(object) {
  let uid = object?.metadata?.uid;
  return typeof uid == "string" ? uid : void 0;
}

// src/rollout/status.ts
function field(object, path) {
  let node = object;
  for (let key of path.split(".")) {
    if (node === null || typeof node != "object") return;
    node = node[key];
  }
  return node;
}
function intField(object, path, fallback) {
  let value = field(object, path);
  return typeof value == "number" && Number.isFinite(value) ? value : fallback;
}
function stringField(object, path, fallback = "") {
  let value = field(object, path);
  return typeof value == "string" ? value : fallback;
}
function conditionsOf(object) {
  let conditions = field(object, "status.conditions");
  return Array.isArray(conditions) ? conditions.filter((c) => typeof c == "object" && c !== null && typeof c.type == "string") : [];
}
function findCondition(object, type) {
  return conditionsOf(object).find((c) => c.type === type);
}
var result = (state, reason, message, ready, desired) => ({
  state,
  reason,
  message,
  ready,
  desired
});
function computeStatus(object) {
  if (!object) return result("NotFound", "NotFound", "the object does not exist", 0, 1);
  let [ready, desired] = readyCounts(object), generic = checkGenericProperties(object);
  if (generic) return { ...generic, ready, desired };
  switch (object.kind) {
    case "Deployment":
      return deploymentStatus(object, ready, desired);
    case "StatefulSet":
      return statefulSetStatus(object, ready, desired);
    case "DaemonSet":
      return daemonSetStatus(object, ready, desired);
    case "Job":
      return jobStatus(object, ready, desired);
    case "ReplicaSet":
      return replicaSetStatus(object, ready, desired);
    case "Pod":
      return podStatus(object);
    case "PersistentVolumeClaim": {
      let phase = stringField(object, "status.phase", "unknown");
      return phase === "Bound" ? result("Current", "Bound", "PVC is Bound", 1, 1) : result("InProgress", "NotBound", `PVC is not Bound. phase: ${phase}`, 0, 1);
    }
    default:
      return result("Current", "AlwaysReady", `${object.kind} has no rollout to wait for`, 1, 1);
  }
}
function isCurrent(object) {
  return computeStatus(object).state === "Current";
}
function readyCounts(object) {
  switch (object.kind) {
    case "Deployment":
    case "StatefulSet":
    case "ReplicaSet":
      return [intField(object, "status.readyReplicas", 0), intField(object, "spec.replicas", 1)];
    case "DaemonSet":
      return [intField(object, "status.numberReady", 0), intField(object, "status.desiredNumberScheduled", 0)];
    case "Job": {
      let parallelism = intField(object, "spec.parallelism", 1);
      return [intField(object, "status.succeeded", 0), intField(object, "spec.completions", parallelism)];
    }
    case "PersistentVolumeClaim":
      return [stringField(object, "status.phase") === "Bound" ? 1 : 0, 1];
    default:
      return [1, 1];
  }
}
function checkGenericProperties(object) {
  if (stringField(object, "metadata.deletionTimestamp"))
    return { state: "Terminating", reason: "Terminating", message: "Resource scheduled for deletion" };
  let generation = field(object, "metadata.generation"), observed = field(object, "status.observedGeneration");
  if (typeof generation == "number" && typeof observed == "number" && observed !== generation)
    return {
      state: "InProgress",
      reason: "LatestGenerationNotObserved",
      message: `${object.kind} generation is ${generation}, but latest observed generation is ${observed}`
    };
  for (let condition of conditionsOf(object)) {
    if (condition.type === "Reconciling" && condition.status === "True")
      return { state: "InProgress", reason: condition.reason ?? "Reconciling", message: condition.message ?? "" };
    if (condition.type === "Stalled" && condition.status === "True")
      return { state: "Failed", reason: condition.reason ?? "Stalled", message: condition.message ?? "" };
  }
}
function deploymentStatus(object, ready, desired) {
  let progressing = field(object, "spec.progressDeadlineSeconds") === void 0, available = !1;
  for (let condition of conditionsOf(object))
    if (condition.type === "Progressing") {
      if (condition.reason === "ProgressDeadlineExceeded")
        return result("Failed", "ProgressDeadlineExceeded", condition.message ?? "Progress deadline exceeded", ready, desired);
      condition.status === "True" && condition.reason === "NewReplicaSetAvailable" && (progressing = !0);
    } else condition.type === "Available" && condition.status === "True" && (available = !0);
  let spec = intField(object, "spec.replicas", 1), replicas = intField(object, "status.replicas", 0), updated = intField(object, "status.updatedReplicas", 0), readyReplicas = intField(object, "status.readyReplicas", 0), availableReplicas = intField(object, "status.availableReplicas", 0);
  return spec > replicas ? result("InProgress", "LessReplicas", `Replicas: ${replicas}/${spec}`, ready, desired) : spec > updated ? result("InProgress", "LessUpdated", `Updated: ${updated}/${spec}`, ready, desired) : replicas > spec ? result("InProgress", "ExtraPods", `Pending termination: ${replicas - spec}`, ready, desired) : updated > availableReplicas ? result("InProgress", "LessAvailable", `Available: ${availableReplicas}/${updated}`, ready, desired) : spec > readyReplicas ? result("InProgress", "LessReady", `Ready: ${readyReplicas}/${spec}`, ready, desired) : progressing ? available ? result("Current", "Available", `Deployment is available. Replicas: ${replicas}`, ready, desired) : result("InProgress", "DeploymentNotAvailable", "Deployment not Available", ready, desired) : result("InProgress", "ReplicaSetNotAvailable", "ReplicaSet not Available", ready, desired);
}
function statefulSetStatus(object, ready, desired) {
  let spec = intField(object, "spec.replicas", 1), readyReplicas = intField(object, "status.readyReplicas", 0), updated = intField(object, "status.updatedReplicas", 0), replicas = intField(object, "status.replicas", 0), partition = intField(object, "spec.updateStrategy.rollingUpdate.partition", 0);
  if (spec > replicas) return result("InProgress", "LessReplicas", `Replicas: ${replicas}/${spec}`, ready, desired);
  if (spec > readyReplicas) return result("InProgress", "LessReady", `Ready: ${readyReplicas}/${spec}`, ready, desired);
  if (replicas > spec) return result("InProgress", "ExtraPods", `Pending termination: ${replicas - spec}`, ready, desired);
  if (stringField(object, "spec.updateStrategy.type") === "OnDelete")
    return result("Current", "OnDelete", `StatefulSet is using the OnDelete update strategy; ${readyReplicas}/${spec} ready`, ready, desired);
  if (partition > 0)
    return updated < spec - partition ? result("InProgress", "PartitionRollout", `updated: ${updated}/${spec - partition}`, ready, desired) : result("Current", "PartitionRolloutComplete", `Partition rollout complete. updated: ${updated}`, ready, desired);
  if (spec > updated) return result("InProgress", "LessUpdated", `Updated: ${updated}/${spec}`, ready, desired);
  let current = stringField(object, "status.currentRevision"), update = stringField(object, "status.updateRevision");
  return current !== update ? result("InProgress", "RevisionMismatch", "Waiting for updated revision to match current", ready, desired) : result("Current", "AllReplicasReady", `All replicas scheduled as expected. Replicas: ${replicas}`, ready, desired);
}
function daemonSetStatus(object, ready, desired) {
  if (typeof field(object, "metadata.generation") != "number")
    return result("InProgress", "NoGeneration", "DaemonSet metadata.generation not found", ready, desired);
  if (typeof field(object, "status.observedGeneration") != "number")
    return result("InProgress", "NoObservedGeneration", "DaemonSet status.observedGeneration not found", ready, desired);
  let wanted = intField(object, "status.desiredNumberScheduled", -1);
  if (wanted === -1) return result("InProgress", "NoDesiredNumber", "Missing .status.desiredNumberScheduled", ready, desired);
  let current = intField(object, "status.currentNumberScheduled", 0), updated = intField(object, "status.updatedNumberScheduled", 0), available = intField(object, "status.numberAvailable", 0), readyNumber = intField(object, "status.numberReady", 0);
  return wanted > current ? result("InProgress", "LessCurrent", `Current: ${current}/${wanted}`, ready, desired) : wanted > updated ? result("InProgress", "LessUpdated", `Updated: ${updated}/${wanted}`, ready, desired) : wanted > available ? result("InProgress", "LessAvailable", `Available: ${available}/${wanted}`, ready, desired) : wanted > readyNumber ? result("InProgress", "LessReady", `Ready: ${readyNumber}/${wanted}`, ready, desired) : result("Current", "AllScheduled", `All replicas scheduled as expected. Replicas: ${wanted}`, ready, desired);
}
function jobStatus(object, ready, desired) {
  let parallelism = intField(object, "spec.parallelism", 1), completions = intField(object, "spec.completions", parallelism), succeeded = intField(object, "status.succeeded", 0), failed = intField(object, "status.failed", 0);
  for (let condition of conditionsOf(object)) {
    if (condition.type === "Complete" && condition.status === "True")
      return result("Current", "JobComplete", `Job Completed. succeeded: ${succeeded}/${completions}`, ready, desired);
    if (condition.type === "Failed" && condition.status === "True") {
      let why = [condition.reason, condition.message].filter(Boolean).join(": ");
      return result("Failed", "JobFailed", `Job Failed. failed: ${failed}/${completions}${why ? ` (${why})` : ""}`, ready, desired);
    }
  }
  return result("InProgress", "JobInProgress", "Job in progress", ready, desired);
}
function replicaSetStatus(object, ready, desired) {
  if (conditionsOf(object).some((c) => c.type === "ReplicaFailure" && c.status === "True"))
    return result("InProgress", "ReplicaFailure", "Replica Failure condition. Check Pods", ready, desired);
  let spec = intField(object, "spec.replicas", 1), replicas = intField(object, "status.replicas", 0), readyReplicas = intField(object, "status.readyReplicas", 0), available = intField(object, "status.availableReplicas", 0), labelled = intField(object, "status.fullyLabeledReplicas", 0);
  return spec > labelled ? result("InProgress", "LessLabelled", `Labelled: ${labelled}/${spec}`, ready, desired) : spec > available ? result("InProgress", "LessAvailable", `Available: ${available}/${spec}`, ready, desired) : spec > readyReplicas ? result("InProgress", "LessReady", `Ready: ${readyReplicas}/${spec}`, ready, desired) : replicas > spec ? result("InProgress", "ExtraPods", `Pending termination: ${replicas - spec}`, ready, desired) : result("Current", "ReplicaSetAvailable", `ReplicaSet is available. Replicas: ${replicas}`, ready, desired);
}
function podStatus(object) {
  let phase = stringField(object, "status.phase"), readyCondition = findCondition(object, "Ready")?.status === "True", counts = (isReady) => [isReady ? 1 : 0, 1];
  switch (phase) {
    case "Succeeded":
      return result("Current", "PodSucceeded", "Pod has completed successfully", ...counts(!0));
    case "Failed":
      return result("Failed", "PodFailed", "Pod has completed, but not successfully", ...counts(!1));
    case "Running": {
      if (readyCondition) return result("Current", "PodReady", "Pod is Ready", ...counts(!0));
      let names = (field(object, "status.containerStatuses") ?? []).filter((c) => c.state?.waiting?.reason === "CrashLoopBackOff").map((c) => c.name ?? "");
      return names.length ? result("Failed", "ContainerCrashLooping", `Containers in CrashLoop state: ${names.join(",")}`, ...counts(!1)) : result("InProgress", "PodRunningNotReady", "Pod is running but is not Ready", ...counts(!1));
    }
    case "Pending": {
      let scheduled = findCondition(object, "PodScheduled");
      return scheduled?.status === "False" && scheduled.reason === "Unschedulable" ? result("InProgress", "PodNotScheduled", "Pod has not been scheduled", ...counts(!1)) : result("InProgress", "PodPending", "Pod is in the Pending phase", ...counts(!1));
    }
    default:
      return result("InProgress", "PodNotObserved", "Pod phase not available", ...counts(!1));
  }
}

export {
  DEFAULT_THRESHOLDS,
  DEFAULT_POLL_INTERVAL_SECONDS,
  DEFAULT_PROGRESS_EVERY_SECONDS,
  DEFAULT_LOG_TAIL_LINES,
  DEFAULT_MAX_API_ERRORS,
  refLabel,
  refKey,
  objectErrorOf,
  credentialSentence,
  credentialProblemOf,
  classifyObjectError,
  allowedStatefulSetFields,
  keyOf,
  describe,
  sameObject,
  hasDrifted,
  appliedClientSide,
  differences,
  parseFieldPath,
  valueAt,
  ownerUids,
  uidOf,
  intField,
  stringField,
  conditionsOf,
  findCondition,
  computeStatus,
  isCurrent
};
