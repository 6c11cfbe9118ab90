import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  resourceKey
} from "./chunk-LLJRTO2H.js";
import {
  groupOfApiVersion
} from "./chunk-KIYCU4HI.js";
import {
  KubeApiError,
  UnknownKindError,
  isForbidden,
  isUnauthorized
} from "./chunk-XQWYDNPR.js";

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
}, DEFAULT_POLL_INTERVAL_SECONDS = 2, DEFAULT_PROGRESS_EVERY_SECONDS = 30, DEFAULT_LOG_TAIL_LINES = 20, DEFAULT_MAX_API_ERRORS = 5, DEFAULT_ROLLOUT_TIMEOUT_SECONDS = 300;
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

// src/k8s/selector.ts
function selectorMatches(selector, labels) {
  if (!selector) return !1;
  let have = labels ?? {}, matchLabels = Object.entries(selector.matchLabels ?? {}), expressions = selector.matchExpressions ?? [];
  if (matchLabels.length === 0 && expressions.length === 0) return !1;
  for (let [key, value] of matchLabels) if (have[key] !== value) return !1;
  for (let expression of expressions) {
    let value = have[expression.key], values = expression.values ?? [];
    switch (expression.operator) {
      case "In":
        if (value === void 0 || !values.includes(value)) return !1;
        break;
      case "NotIn":
        if (value !== void 0 && values.includes(value)) return !1;
        break;
      case "Exists":
        if (value === void 0) return !1;
        break;
      case "DoesNotExist":
        if (value !== void 0) return !1;
        break;
      default:
        return !1;
    }
  }
  return !0;
}
function selectorArgument(selector) {
  let parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (let expression of selector.matchExpressions ?? []) {
    let values = (expression.values ?? []).join(",");
    expression.operator === "In" ? parts.push(`${expression.key} in (${values})`) : expression.operator === "NotIn" ? parts.push(`${expression.key} notin (${values})`) : expression.operator === "Exists" ? parts.push(expression.key) : expression.operator === "DoesNotExist" && parts.push(`!${expression.key}`);
  }
  return parts.join(",");
}
function selectorOf(object) {
  let selector = object?.spec?.selector;
  return selector && typeof selector == "object" ? selector : void 0;
}

// src/apply/objects.ts
import { isDeepStrictEqual } from "node:util";
var groupOf = groupOfApiVersion;
function keyOf(object) {
  return resourceKey({ kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name });
}
function describe(id) {
  return `${id.kind}/${id.namespace ? `${id.namespace}/` : ""}${id.name}`;
}
function sameObject(candidate, desired) {
  return candidate.kind !== desired.kind || candidate.metadata?.name !== desired.metadata.name || groupOf(candidate.apiVersion ?? "") !== groupOf(desired.apiVersion) ? !1 : !desired.metadata.namespace || !candidate.metadata.namespace || candidate.metadata.namespace === desired.metadata.namespace;
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
function parseFieldPath(field) {
  let segments = [];
  for (let part of field.split(".")) {
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

export {
  DEFAULT_THRESHOLDS,
  DEFAULT_POLL_INTERVAL_SECONDS,
  DEFAULT_PROGRESS_EVERY_SECONDS,
  DEFAULT_LOG_TAIL_LINES,
  DEFAULT_MAX_API_ERRORS,
  DEFAULT_ROLLOUT_TIMEOUT_SECONDS,
  refLabel,
  refKey,
  objectErrorOf,
  credentialSentence,
  credentialProblemOf,
  classifyObjectError,
  allowedStatefulSetFields,
  selectorMatches,
  selectorArgument,
  selectorOf,
  groupOf,
  keyOf,
  describe,
  sameObject,
  hasDrifted,
  appliedClientSide,
  differences,
  parseFieldPath,
  valueAt,
  ownerUids,
  uidOf
};
