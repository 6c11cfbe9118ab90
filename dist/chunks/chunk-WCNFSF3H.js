import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  resourceKey
} from "./chunk-LLJRTO2H.js";

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
var FIELD_ERROR_TYPES = [
  "Forbidden",
  "Invalid value",
  "Required value",
  "Unsupported value",
  "Duplicate value",
  "Not found",
  "Too long",
  "Too many",
  "Internal error"
], CAUSE_START = new RegExp(`(?:^\\* |^|, |\\[|\\n\\* )([A-Za-z][\\w.\\[\\]*"=\\-/]*): (${FIELD_ERROR_TYPES.join("|")}): ?`, "g"), BLOCK_START = /^(Error from server(?: \(|: )|The [A-Z]\w* "[^"]*" is invalid:|error: |Warning: |The connection to the server )/;
function splitBlocks(stderr) {
  let blocks = [], current;
  for (let line of stderr.replace(/\r\n/g, `
`).split(`
`))
    BLOCK_START.test(line) || !current ? (current && blocks.push(current.join(`
`)), current = [line]) : current.push(line);
  return current && blocks.push(current.join(`
`)), blocks.map((block) => block.trimEnd()).filter((block) => block.trim() !== "");
}
function parseCauses(text) {
  let body = text.trim();
  body.startsWith("[") && body.endsWith("]") && (body = body.slice(1, -1));
  let starts = [];
  CAUSE_START.lastIndex = 0;
  for (let match = CAUSE_START.exec(body); match; match = CAUSE_START.exec(body))
    starts.push({ index: match.index, end: match.index + match[0].length, field: match[1] ?? "", type: match[2] ?? "" });
  return starts.length === 0 ? body ? [{ field: "", type: "", detail: body }] : [] : starts.map((start, position) => {
    let next = starts[position + 1], detail = body.slice(start.end, next ? next.index : void 0);
    return detail = detail.replace(/^\s*\n/, "").trimEnd(), { field: start.field, type: start.type, detail };
  });
}
var SHORT_FORM = /^The ([A-Z]\w*) "([^"]*)" is invalid: ?([\s\S]*)$/, QUALIFIED_INVALID = /(?:^|: )([A-Z]\w*)(?:\.([a-z0-9][\w.-]*))? "([^"]+)" is invalid: ?([\s\S]*)$/, RESOURCE_MESSAGE = /(?:^|: )([a-z][a-z0-9]*)(?:\.([a-z0-9][\w.-]*))? "([^"]+)" (is forbidden|not found|already exists)(: [\s\S]*)?$/, OPERATION_ON = /Operation cannot be fulfilled on ([a-z][a-z0-9]*)(?:\.([a-z0-9][\w.-]*))? "([^"]+)"/;
function parseKubectlErrors(stderr) {
  let parsed = { objects: [], general: [], warnings: [] };
  for (let block of splitBlocks(stderr)) {
    if (block.startsWith("Warning: ")) {
      parsed.warnings.push(block);
      continue;
    }
    let short = SHORT_FORM.exec(block);
    if (short) {
      let [, kind = "", name = "", rest = ""] = short;
      parsed.objects.push({ kind, name, reason: "Invalid", causes: parseCauses(rest), message: block.trim() });
      continue;
    }
    let server = /^Error from server \(([A-Za-z]+)\): ([\s\S]*)$/.exec(block);
    if (server) {
      let reason = server[1] ?? "", object = parseServerBlock(reason, server[2] ?? "");
      object ? parsed.objects.push(object) : parsed.general.push(block.trim());
      continue;
    }
    parsed.general.push(block.trim());
  }
  return parsed;
}
function parseServerBlock(reason, body) {
  let named = /^Name: "([^"]*)", Namespace: "([^"]*)"$/m.exec(body), gvk = /GroupVersionKind: "([^"]*), Kind=([A-Za-z0-9]+)"/.exec(body), message = body, forLine = /^(?:for|from server for): "[^"]*": (?:error when [a-z]+ "[^"]*": )?([\s\S]*)$/m.exec(body);
  forLine && (message = forLine[1] ?? body);
  let invalid = QUALIFIED_INVALID.exec(message);
  if (invalid) {
    let [, kind = "", group, name = "", rest = ""] = invalid, error = { kind, name, reason, causes: parseCauses(rest), message: trimMessage(message) };
    return group && (error.group = group), named?.[2] && (error.namespace = named[2]), error;
  }
  if (named && gvk) {
    let group = (gvk[1] ?? "").includes("/") ? (gvk[1] ?? "").split("/")[0] : void 0, error = { kind: gvk[2] ?? "", name: named[1] ?? "", reason, causes: [], message: trimMessage(message) };
    return group && (error.group = group), named[2] && (error.namespace = named[2]), error;
  }
  let resource = RESOURCE_MESSAGE.exec(message.split(`
`)[0] ?? "");
  if (resource && resource[4] !== "not found") {
    let [, plural = "", group, name = ""] = resource, error = { kind: "", resource: plural, name, reason, causes: [], message: trimMessage(message) };
    return group && (error.group = group), error;
  }
  let operation = OPERATION_ON.exec(message);
  if (operation) {
    let [, plural = "", group, name = ""] = operation, error = { kind: "", resource: plural, name, reason, causes: [], message: trimMessage(message) };
    return group && (error.group = group), error;
  }
}
function trimMessage(message) {
  return message.trim();
}
function pluralOf(kind) {
  let lower = kind.toLowerCase();
  return lower === "endpoints" ? lower : /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : /(s|x|z|ch|sh)$/.test(lower) ? `${lower}es` : `${lower}s`;
}
var TRANSIENT_PATTERNS = [
  /The connection to the server \S+ was refused/,
  /connect: connection refused/,
  /TLS handshake timeout/,
  /i\/o timeout/,
  /connection reset by peer/,
  /http2: client connection lost/,
  /unexpected EOF/,
  /net\/http: request canceled/,
  /Client\.Timeout exceeded/,
  /etcdserver: (leader changed|request timed out|too many requests)/,
  /Error from server \((TooManyRequests|InternalError|ServiceUnavailable|Timeout|ServerTimeout)\)/,
  /the server is currently unable to handle the request/,
  /the server has received too many requests/,
  /the server was unable to return a response in the time allotted/,
  /\b(429|500|502|503|504) (Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)/,
  /no route to host/
];
function isTransient(stderr) {
  return TRANSIENT_PATTERNS.some((pattern) => pattern.test(stderr));
}
function credentialSentence(problem) {
  return `${problem.explanation} The server said: "${problem.quote}"`;
}
function credentialProblem(stderr) {
  let lines = stderr.split(`
`).map((line) => line.trim()).filter(Boolean), find = (pattern) => lines.find((line) => pattern.test(line)), unauthorized = find(/You must be logged in to the server|the server has asked for the client to provide credentials|\(Unauthorized\)|^Unauthorized$/);
  if (unauthorized)
    return {
      kind: "unauthorized",
      quote: unauthorized,
      explanation: "the API server rejected the credentials in the kubeconfig (401 Unauthorized): its user token or client certificate is invalid, expired or for another cluster. Update the kubeconfig secret."
    };
  let forbidden = find(/cannot [a-z]+ resource "[^"]+"/);
  if (forbidden) {
    let who = /User "([^"]+)"/.exec(forbidden)?.[1];
    return {
      kind: "forbidden",
      quote: forbidden,
      explanation: `the kubeconfig's identity${who ? ` "${who}"` : ""} is authenticated but not allowed to do this (403 Forbidden by RBAC). Grant it the missing permission (Role/ClusterRole binding) or use a kubeconfig with more rights.`
    };
  }
  let certificate = find(/x509: |certificate signed by unknown authority|certificate has expired/);
  if (certificate)
    return {
      kind: "certificate",
      quote: certificate,
      explanation: "kubectl does not trust the API server's TLS certificate: the kubeconfig's certificate-authority-data does not belong to this cluster, or a certificate expired."
    };
}
var RECREATABLE_KINDS = /* @__PURE__ */ new Set(["StatefulSet", "Deployment", "DaemonSet", "ReplicaSet", "Service", "Job"]), IMMUTABLE_PATTERNS = [
  /field is immutable/,
  /may not change once set/,
  /updates to statefulset spec for fields other than/,
  /spec is immutable after creation/,
  /field can not be less than previous value/,
  /pod updates may not change fields other than/,
  /\bis immutable\b/,
  /\bimmutable field\b/
];
function isImmutableCause(cause) {
  let text = `${cause.type}: ${cause.detail}`;
  return IMMUTABLE_PATTERNS.some((pattern) => pattern.test(text));
}
function classifyObjectError(error) {
  let immutable = error.causes.filter(isImmutableCause);
  return error.kind === "PersistentVolumeClaim" && immutable.length > 0 ? "pvc" : immutable.length > 0 && immutable.length === error.causes.length && RECREATABLE_KINDS.has(error.kind) ? "recreatable" : immutable.length > 0 ? "immutable" : "rejected";
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
function groupOf(apiVersion) {
  return apiVersion.includes("/") ? apiVersion.split("/")[0] ?? "" : "";
}
function typedRef(object) {
  let group = groupOf(object.apiVersion);
  return `${object.kind.toLowerCase()}${group ? `.${group}` : ""}/${object.metadata.name}`;
}
function keyOf(object) {
  return resourceKey({ kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name });
}
function describe(id) {
  return `${id.kind}/${id.namespace ? `${id.namespace}/` : ""}${id.name}`;
}
function errorNames(error, object) {
  return !(error.name !== object.metadata.name || error.kind && error.kind !== object.kind || !error.kind && error.resource && error.resource !== pluralOf(object.kind) || error.group !== void 0 && error.group !== groupOf(object.apiVersion) || error.namespace && object.metadata.namespace && error.namespace !== object.metadata.namespace);
}
function sameObject(candidate, desired) {
  return candidate.kind !== desired.kind || candidate.metadata?.name !== desired.metadata.name || groupOf(candidate.apiVersion ?? "") !== groupOf(desired.apiVersion) ? !1 : !desired.metadata.namespace || !candidate.metadata.namespace || candidate.metadata.namespace === desired.metadata.namespace;
}
function itemsOf(stdout) {
  let text = stdout.trim();
  if (!text) return [];
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!value || typeof value != "object") return [];
  let record = value;
  return Array.isArray(record.items) ? record.items.filter(isObject) : isObject(value) ? [value] : [];
}
function isObject(value) {
  return !!value && typeof value == "object" && typeof value.kind == "string";
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
  parseKubectlErrors,
  isTransient,
  credentialSentence,
  credentialProblem,
  classifyObjectError,
  allowedStatefulSetFields,
  selectorMatches,
  selectorArgument,
  selectorOf,
  groupOf,
  typedRef,
  keyOf,
  describe,
  errorNames,
  sameObject,
  itemsOf,
  hasDrifted,
  appliedClientSide,
  differences,
  parseFieldPath,
  valueAt,
  ownerUids,
  uidOf
};
