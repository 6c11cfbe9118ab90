import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  DEFAULT_LOG_TAIL_LINES,
  DEFAULT_MAX_API_ERRORS,
  DEFAULT_POLL_INTERVAL_SECONDS,
  DEFAULT_PROGRESS_EVERY_SECONDS,
  DEFAULT_THRESHOLDS,
  computeStatus,
  conditionsOf,
  credentialProblemOf,
  credentialSentence,
  findCondition,
  intField,
  refKey,
  refLabel,
  stringField,
  valueAt
} from "./chunk-HHK5WSHU.js";
import {
  selectorArgument,
  selectorMatches,
  selectorOf
} from "./chunk-XURGQUZU.js";
import {
  builtInKind
} from "./chunk-DAQUB7XV.js";
import {
  CLUSTER_SCOPED_KINDS,
  WORKLOAD_KINDS,
  belongsToService,
  idOf,
  serviceOf
} from "./chunk-LLJRTO2H.js";
import {
  ClusterUnreachableError,
  unreachableSentence
} from "./chunk-ONP5N6JI.js";
import {
  KubeApiError,
  isAlreadyExists,
  isConflict
} from "./chunk-YFCLFOYO.js";
import {
  groupOfApiVersion
} from "./chunk-JNJT7SPT.js";
import {
  environmentSettings,
  rolloutTimeoutOf,
  unknownEnvironment
} from "./chunk-ZQ3QI6WY.js";
import {
  inlineText,
  markdownTable
} from "./chunk-3F3HULD2.js";
import {
  redactCredentials
} from "./chunk-4WAREM3A.js";
import {
  require_dist
} from "./chunk-DHW3Q5BD.js";
import {
  ConfigurationError,
  EnvironmentError
} from "./chunk-LJ22TVXO.js";
import {
  __toESM
} from "./chunk-WQYZTGJH.js";

// src/rollout/summary.ts
var ns = (namespace) => namespace ?? "";
function rolloutTable(report) {
  return [
    ["Workload", "Namespace", "Status", "Seconds", "Reason", "Message"],
    ...report.workloads.map((w) => [`${w.kind}/${w.name}`, ns(w.namespace), w.status, String(w.seconds), w.reason, w.message])
  ];
}
function diagnosisRows(report) {
  return [...report.workloads.flatMap((w) => w.diagnosis), ...report.rollback.workloads.flatMap((w) => w.diagnosis)];
}
function diagnosisTable(rows) {
  return [
    ["Workload", "Pod", "Container", "Reason", "Message", "Since", "Events"],
    ...rows.map((row) => [
      `${row.workload}${row.fatal ? " \u274C" : ""}`,
      row.pod ?? "",
      row.container ?? "",
      row.reason,
      row.message + (row.logs?.length ? `
last log lines:
${row.logs.join(`
`)}` : ""),
      row.since ?? "",
      row.count === void 0 ? "" : String(row.count)
    ])
  ];
}
function rollbackTable(report) {
  return [
    ["Workload", "Action", "Result", "Seconds", "Pods deleted", "Message"],
    ...report.rollback.workloads.map((w) => [
      `${w.kind}/${w.name}`,
      w.action,
      w.status ?? "",
      w.seconds === void 0 ? "" : String(w.seconds),
      w.deletedPods.join(", "),
      w.message
    ])
  ];
}
function verdictLine(report) {
  let failed = report.workloads.filter((w) => w.status !== "succeeded");
  if (report.status === "succeeded") return `rollout succeeded: ${report.workloads.length} workload(s) ready`;
  let names = failed.map((w) => `${w.kind}/${w.name} (${w.status}: ${w.reason})`).join(", ");
  return report.status === "rolled-back" ? `rollout failed and was rolled back (${report.rollback.mode}): ${names}` : `rollout failed: ${names}${report.rollback.status === "failed" ? "; rollback did not restore every workload" : ""}`;
}

// src/rollout/config.ts
var import_yaml = __toESM(require_dist(), 1);
var ROLLBACK_CHOICES = ["auto", "never", "undo", "release"], WAITABLE_KINDS = /* @__PURE__ */ new Set([...WORKLOAD_KINDS, "PersistentVolumeClaim"]);
function rolloutSettings(control, environment, overrides) {
  let findings = [], env = control?.config.environments[environment];
  if (control && !env) throw unknownEnvironment(control.config, environment, control);
  let timeoutSeconds = rolloutTimeoutOf(env);
  if (overrides.timeout !== void 0) {
    let parsed = Number(overrides.timeout);
    !Number.isInteger(parsed) || parsed <= 0 ? findings.push({ severity: "error", code: "INPUT", message: `timeout must be a whole number of seconds > 0, got "${overrides.timeout}"`, key: "timeout" }) : timeoutSeconds = parsed;
  }
  let choice = overrides.rollback ?? "auto";
  if (ROLLBACK_CHOICES.includes(choice) || findings.push({
    severity: "error",
    code: "INPUT",
    message: `rollback must be one of ${ROLLBACK_CHOICES.join(", ")}, got "${overrides.rollback}"`,
    key: "rollback"
  }), findings.length) throw ConfigurationError.fromFindings("invalid rollout settings", findings);
  if (choice !== "auto") return { timeoutSeconds, rollback: { mode: choice } };
  if (!control || !env) throw new ConfigurationError("rollback: auto needs deploy-control.yaml (control-file / --root); pass never, undo or release instead");
  let settings = environmentSettings(control.config, environment);
  return { timeoutSeconds, rollback: { mode: settings.rollback, services: settings.rollbackOnFailure } };
}
function parseWorkloads(text, source = "workloads") {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  let items = Array.isArray(parsed) ? parsed : parsed?.workloads;
  if (!Array.isArray(items)) throw new ConfigurationError(`${source} must be a JSON array of {kind, namespace, name} (or the apply report with "workloads")`);
  let findings = [], refs = [];
  if (items.forEach((item, index) => {
    let entry2 = item;
    if (typeof entry2?.kind != "string" || typeof entry2.name != "string" || entry2.namespace !== void 0 && typeof entry2.namespace != "string") {
      findings.push({
        severity: "error",
        code: "INPUT",
        message: `${source}[${index}] needs string "kind" and "name" (and optional "namespace")`,
        key: `${source}[${index}]`
      });
      return;
    }
    if (!WAITABLE_KINDS.has(entry2.kind)) {
      findings.push({
        severity: "error",
        code: "INPUT",
        message: `${source}[${index}]: cannot wait for kind ${entry2.kind} (supported: ${[...WAITABLE_KINDS].join(", ")})`,
        key: `${source}[${index}].kind`
      });
      return;
    }
    refs.push({ kind: entry2.kind, ...entry2.namespace ? { namespace: entry2.namespace } : {}, name: entry2.name });
  }), findings.length) throw ConfigurationError.fromFindings(`invalid ${source}`, findings);
  return refs;
}
function workloadsOf(manifests) {
  return (0, import_yaml.parseAllDocuments)(manifests).map((document) => document.toJS()).filter((object) => !!object && WORKLOAD_KINDS.has(object.kind)).map((object) => ({ kind: object.kind, ...object.metadata.namespace ? { namespace: object.metadata.namespace } : {}, name: object.metadata.name }));
}

// src/rollout/releases.ts
import { createHash } from "node:crypto";
var import_yaml2 = __toESM(require_dist(), 1);
import { gunzipSync, gzipSync } from "node:zlib";

// src/prune/inventory.ts
var PRUNE_ANNOTATION = "k8sapp.io/prune", PRUNE_ALLOW = "allow", INVENTORY_VERSION = 1, SERVICE_LABELS = ["app.kubernetes.io/name", "app"];
function inventoryEntry(object) {
  let entry2 = { group: groupOfApiVersion(object.apiVersion ?? ""), kind: object.kind, name: object.metadata.name };
  object.metadata.namespace && !CLUSTER_SCOPED_KINDS.has(object.kind) && (entry2.namespace = object.metadata.namespace);
  let labels = Object.fromEntries(
    SERVICE_LABELS.filter((key) => object.metadata.labels?.[key] !== void 0).map((key) => [key, String(object.metadata.labels?.[key])])
  );
  return Object.keys(labels).length > 0 && (entry2.labels = labels), object.metadata.annotations?.[PRUNE_ANNOTATION] === PRUNE_ALLOW && (entry2.pruneAllowed = !0), entry2;
}
function entryKey(entry2) {
  return `${entry2.kind}/${entry2.namespace ?? ""}/${entry2.name}`;
}
function entryObject(entry2) {
  return {
    apiVersion: entry2.group ? `${entry2.group}/v1` : "v1",
    kind: entry2.kind,
    metadata: { name: entry2.name, ...entry2.namespace ? { namespace: entry2.namespace } : {}, ...entry2.labels ? { labels: entry2.labels } : {} }
  };
}
function uniqueEntries(entries) {
  let seen = /* @__PURE__ */ new Set();
  return entries.filter((entry2) => {
    let key = `${entry2.group}/${entryKey(entry2)}`;
    return seen.has(key) ? !1 : (seen.add(key), !0);
  });
}

// src/rollout/releases.ts
var DEFAULT_KEEP_RELEASES = 10, RELEASE_BYTES_LIMIT = 900 * 1024, DEFAULT_RELEASE_NAMESPACE = "default", INDEX_KEY = "releases.json", RELEASE_FIELD_MANAGER = "k8sapp-releases", ReleaseStoreError = class extends EnvironmentError {
  constructor(message) {
    super(message, "release-store"), this.name = "ReleaseStoreError";
  }
};
function releaseConfigMapName(options) {
  return options.name ?? `k8sapp-releases-${options.environment}`;
}
var releaseKey = (revision) => `r${revision}.yaml.gz`;
function stripSecrets(manifests) {
  let kept = [], stripped = [], inventory = [], visit = (object) => {
    if (object.kind === "List" && Array.isArray(object.items)) {
      for (let item of object.items) visit(item);
      return;
    }
    object.metadata?.name && inventory.push(inventoryEntry(object)), object.kind === "Secret" ? stripped.push(`${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`.replace(/^\//, "")) : kept.push(object);
  };
  if (typeof manifests != "string") for (let object of manifests) visit(object);
  else
    for (let document of (0, import_yaml2.parseAllDocuments)(manifests)) {
      if (document.errors.length) throw new ReleaseStoreError(`cannot parse manifests: ${document.errors[0]?.message}`);
      let value = document.toJS();
      value && typeof value == "object" && typeof value.kind == "string" && visit(value);
    }
  return { manifests: kept.map((object) => (0, import_yaml2.stringify)(object)).join(`---
`), objects: kept, stripped, inventory: uniqueEntries(inventory) };
}
var RECORD_ATTEMPTS = 3, storeRef = (options) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  name: releaseConfigMapName(options),
  namespace: options.namespace ?? DEFAULT_RELEASE_NAMESPACE
});
function storeFailure(error, what, notDone) {
  if (error instanceof ClusterUnreachableError) return new ClusterUnreachableError(error.unreachable, notDone);
  if (!(error instanceof KubeApiError)) return error instanceof Error ? error : new Error(String(error));
  let credentials = credentialProblemOf(error);
  return new ReleaseStoreError(`${what}: ${credentials ? credentialSentence(credentials) : error.message}`);
}
async function readStore(options, kube) {
  let configMap;
  try {
    configMap = await kube.get(storeRef(options));
  } catch (error) {
    throw storeFailure(error, "cannot read release records", `no release record of ${options.environment} was read`);
  }
  if (!configMap) return { index: [], binaryData: {} };
  let { data, binaryData } = configMap;
  return { index: JSON.parse(data?.[INDEX_KEY] ?? "[]"), binaryData: binaryData ?? {}, object: configMap };
}
async function writeStore(configMap, store, kube, revision) {
  try {
    store.object ? await kube.replace(configMap, { fieldManager: RELEASE_FIELD_MANAGER }) : await kube.create(configMap, { fieldManager: RELEASE_FIELD_MANAGER });
  } catch (error) {
    throw isConflict(error) || isAlreadyExists(error) ? new ReleaseConflict(`cannot record release ${revision}: ${error.message}`) : storeFailure(error, `cannot record release ${revision}`, `release ${revision} was not recorded`);
  }
}
async function recordRelease(request, deps) {
  for (let attempt = 1; ; attempt++)
    try {
      return await recordReleaseOnce(request, deps);
    } catch (error) {
      if (!(error instanceof ReleaseConflict) || attempt >= RECORD_ATTEMPTS)
        throw error instanceof ReleaseConflict ? new ReleaseStoreError(error.message) : error;
    }
}
var ReleaseConflict = class extends Error {
};
async function recordReleaseOnce(request, deps) {
  let { manifests, objects, stripped, inventory: applied } = stripSecrets(request.manifests), keep = Math.max(1, request.keep ?? DEFAULT_KEEP_RELEASES), limit = request.maxBytes ?? RELEASE_BYTES_LIMIT, store = await readStore(request, deps.kube), compressed = gzipSync(Buffer.from(manifests, "utf8"), { level: 9 }).toString("base64"), previous = store.index[0], revision = (previous?.revision ?? 0) + 1, carried = request.carryForward ? (previous?.inventory ?? []).filter(request.carryForward) : [], record = {
    revision,
    sha: request.sha,
    time: request.time.toISOString(),
    digest: `sha256:${createHash("sha256").update(manifests).digest("hex")}`,
    objects: objects.length,
    strippedSecrets: stripped,
    bytes: compressed.length,
    ...request.images?.length ? { images: request.images.map(({ image, digest }) => ({ image, digest })) } : {},
    inventoryVersion: INVENTORY_VERSION,
    inventory: uniqueEntries([...applied, ...carried])
  }, index = [record, ...store.index.filter((r) => store.binaryData[releaseKey(r.revision)] !== void 0)], binaryData = { ...store.binaryData, [releaseKey(revision)]: compressed }, dropped = [], size = () => JSON.stringify(index).length + INDEX_KEY.length + index.reduce((sum, r) => sum + releaseKey(r.revision).length + (binaryData[releaseKey(r.revision)]?.length ?? 0), 0);
  for (; index.length > keep || index.length > 1 && size() > limit; ) {
    let oldest = index.pop();
    dropped.push(oldest.revision);
  }
  if (size() > limit)
    throw new ReleaseStoreError(
      `release ${revision} is ${compressed.length} bytes compressed, more than the ${limit}-byte budget of ConfigMap ${releaseConfigMapName(request)}; it was not recorded`
    );
  let kept = new Set(index.map((r) => releaseKey(r.revision))), { managedFields: _managed, ...read } = store.object?.metadata ?? { name: "" }, configMap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      // What others put on it (annotations, labels) stays; resourceVersion is the precondition of the replace.
      ...read,
      name: releaseConfigMapName(request),
      namespace: request.namespace ?? DEFAULT_RELEASE_NAMESPACE,
      labels: { ...read.labels, "app.kubernetes.io/managed-by": "k8sapp", "k8sapp.io/environment": request.environment }
    },
    data: { [INDEX_KEY]: JSON.stringify(index) },
    binaryData: Object.fromEntries(Object.entries(binaryData).filter(([key]) => kept.has(key)))
  };
  return await writeStore(configMap, store, deps.kube, revision), { record, dropped, configMap: `${configMap.metadata.namespace ?? ""}/${configMap.metadata.name}`, ...previous ? { previous } : {} };
}
async function listReleases(options, deps) {
  let store = await readStore(options, deps.kube);
  return store.index.filter((r) => store.binaryData[releaseKey(r.revision)] !== void 0);
}
async function loadRelease(options, deps) {
  let store = await readStore(options, deps.kube), available = store.index.filter((r) => store.binaryData[releaseKey(r.revision)] !== void 0), where = `ConfigMap ${options.namespace ?? DEFAULT_RELEASE_NAMESPACE}/${releaseConfigMapName(options)}`, newest = available[0];
  if (!newest) throw new ReleaseStoreError(`no release is recorded for environment ${options.environment} (${where})`);
  let record;
  if (options.revision !== void 0) {
    if (record = available.find((r) => r.revision === options.revision), !record)
      throw new ReleaseStoreError(
        `release ${options.revision} is not recorded for ${options.environment}; available: ${available.map((r) => r.revision).join(", ")}`
      );
  } else if (options.which === "previous") {
    if (record = available[1], !record) throw new ReleaseStoreError(`only one release is recorded for ${options.environment}: there is no previous release to go back to`);
  } else
    record = newest;
  let manifests = gunzipSync(Buffer.from(store.binaryData[releaseKey(record.revision)], "base64")).toString("utf8"), objects = (0, import_yaml2.parseAllDocuments)(manifests).map((document) => document.toJS()).filter((object) => !!object && typeof object == "object");
  return { record, manifests, objects, newest: available[0] };
}
function releaseIdentities(loaded) {
  if (loaded.record.inventory) return new Set(loaded.record.inventory.map(entryKey));
  let keys = loaded.objects.map(
    (o) => entryKey({ kind: o.kind, ...o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}, name: o.metadata?.name ?? "" })
  );
  for (let secret of loaded.record.strippedSecrets) {
    let [namespace, name] = secret.includes("/") ? secret.split("/") : [void 0, secret];
    keys.push(entryKey({ kind: "Secret", ...namespace ? { namespace } : {}, name: name ?? "" }));
  }
  return new Set(keys);
}
function leftInPlaceBy(restored, now) {
  let kept = releaseIdentities(restored);
  return now.filter((id) => !kept.has(entryKey(id))).map((id) => `${id.kind} ${id.namespace ? `${id.namespace}/` : ""}${id.name}`);
}

// src/rollout/rollback.ts
import { isDeepStrictEqual as isDeepStrictEqual2 } from "node:util";

// src/rollout/revisions.ts
import { isDeepStrictEqual } from "node:util";
var REVISION_ANNOTATION = "deployment.kubernetes.io/revision", HASH_LABEL = "pod-template-hash", DEPLOYMENT_OWN_ANNOTATIONS = /* @__PURE__ */ new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION_ANNOTATION,
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to"
]), isControlledBy = (object, owner) => Array.isArray(object.metadata.ownerReferences) && object.metadata.ownerReferences.some((o) => o.controller === !0 && o.uid === owner.metadata.uid);
async function replicaSetRevisions(deployment, kube) {
  let selector = selectorOf(deployment);
  if (!selector) return [];
  let namespace = deployment.metadata.namespace, { items } = await kube.list(
    { apiVersion: "apps/v1", kind: "ReplicaSet", ...namespace ? { namespace } : {} },
    { labelSelector: selectorArgument(selector) }
  );
  return items.filter((rs) => isControlledBy(rs, deployment)).flatMap((rs) => {
    let number = Number(rs.metadata.annotations?.[REVISION_ANNOTATION]);
    if (!Number.isInteger(number)) return [];
    let available = rs.status?.availableReplicas ?? 0;
    return [
      {
        number,
        name: rs.metadata.name,
        template: withoutHashLabel(rs.spec?.template),
        readyPods: available,
        object: rs
      }
    ];
  });
}
async function controllerRevisions(workload, kube) {
  let selector = selectorOf(workload);
  if (!selector) return [];
  let namespace = workload.metadata.namespace, scope = namespace ? { namespace } : {}, labelSelector = selectorArgument(selector), [{ items }, pods] = await Promise.all([
    kube.list({ apiVersion: "apps/v1", kind: "ControllerRevision", ...scope }, { labelSelector }),
    kube.list({ apiVersion: "v1", kind: "Pod", ...scope }, { labelSelector })
  ]), readyByHash = /* @__PURE__ */ new Map();
  for (let pod of pods.items) {
    let hash = pod.metadata.labels?.["controller-revision-hash"];
    hash && findCondition(pod, "Ready")?.status === "True" && readyByHash.set(hash, (readyByHash.get(hash) ?? 0) + 1);
  }
  return items.filter((revision) => isControlledBy(revision, workload)).map((revision) => {
    let hash = revision.metadata.labels?.["controller-revision-hash"], readyPods = (readyByHash.get(revision.metadata.name) ?? 0) + (hash && hash !== revision.metadata.name ? readyByHash.get(hash) ?? 0 : 0);
    return { number: Number(revision.revision), name: revision.metadata.name, template: templateOfData(revision.data), readyPods, object: revision };
  });
}
function chooseRevision(kind, name, revisions, liveTemplate) {
  let sorted = [...revisions].sort((a, b) => b.number - a.number), [newest, previous] = sorted;
  if (!newest || !previous)
    return { found: "none", why: kind === "Deployment" ? `no rollout history found for deployment "${name}"` : "no last revision to roll back to" };
  let working = sorted.slice(1).find((revision) => revision.readyPods > 0), chosen = working ?? previous, why = working ? `revision ${working.number} (${working.name}), whose pods are Ready` : `the previous revision ${previous.number} (${previous.name})`;
  return sameTemplate(chosen.template, liveTemplate) ? { found: "current", revision: chosen, why: `current template already matches revision ${chosen.number}` } : { found: "revision", revision: chosen, why };
}
function deploymentUndoPatch(deployment, revision) {
  let annotations = {};
  for (let [key, value] of Object.entries(deployment.metadata.annotations ?? {})) DEPLOYMENT_OWN_ANNOTATIONS.has(key) && (annotations[key] = value);
  for (let [key, value] of Object.entries(revision.object.metadata.annotations ?? {})) DEPLOYMENT_OWN_ANNOTATIONS.has(key) || (annotations[key] = value);
  return [
    { op: "replace", path: "/spec/template", value: revision.template },
    // `add` replaces the annotations as kubectl's `replace` does, and also works on a Deployment that has none.
    { op: "add", path: "/metadata/annotations", value: annotations }
  ];
}
function templateOfData(data) {
  let template = data?.spec?.template;
  if (!template) return;
  let { $patch: _patch, ...rest } = template;
  return rest;
}
function withoutHashLabel(template) {
  let copy = structuredClone(template);
  return copy?.metadata?.labels && delete copy.metadata.labels[HASH_LABEL], copy;
}
function sameTemplate(a, b) {
  return isDeepStrictEqual(withoutHashLabel(a), withoutHashLabel(b));
}

// src/rollout/diagnose.ts
var DEFAULT_IMAGE_PULL_RETRY_GRACE_SECONDS = 90, IMAGE_PULL_REASONS = /* @__PURE__ */ new Set(["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull"]), PERMANENT_PULL_FAILURE = /code = NotFound|: not found|manifest unknown|name unknown|pull access denied|repository does not exist|unauthorized|authentication required|403 Forbidden|invalid reference format/i;
function isPermanentPullFailure(message) {
  return PERMANENT_PULL_FAILURE.test(message);
}
var STARTING_REASONS = /* @__PURE__ */ new Set(["ContainerCreating", "PodInitializing"]);
function eventLastSeen(event) {
  return event.lastTimestamp ?? event.series?.lastObservedTime ?? event.eventTime ?? event.metadata?.creationTimestamp ?? void 0;
}
function eventFirstSeen(event) {
  return event.firstTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp ?? void 0;
}
function eventCount(event) {
  return event.series?.count ?? event.count ?? 1;
}
function containerStatuses(pod) {
  let status = pod.status ?? {};
  return [...status.initContainerStatuses ?? [], ...status.containerStatuses ?? []].filter((item) => typeof item == "object" && item !== null && typeof item.name == "string");
}
function specImage(pod, container) {
  let spec = pod.spec ?? {};
  return [...spec.initContainers ?? [], ...spec.containers ?? []].find((c) => c.name === container)?.image;
}
function newReplicaSetName(deployment) {
  let message = findCondition(deployment, "Progressing")?.message ?? "";
  return /[Rr]eplica ?[Ss]et "([^"]+)"/.exec(message)?.[1];
}
function ownedBy(workload, pod) {
  let owners = pod.metadata.ownerReferences ?? [], controller = owners.find((owner) => owner.controller) ?? owners[0];
  return controller ? workload.kind === "Deployment" ? controller.kind === "ReplicaSet" && (controller.name ?? "").startsWith(`${workload.metadata.name}-`) : controller.kind === workload.kind && controller.name === workload.metadata.name : !0;
}
function currentRevisionPods(workload, pods) {
  let selector = selectorOf(workload), selected = selector ? pods.filter((pod) => selectorMatches(selector, pod.metadata.labels) && ownedBy(workload, pod)) : [], label = (pod, key) => pod.metadata.labels?.[key];
  if (workload.kind === "Deployment") {
    let replicaSet = newReplicaSetName(workload), hash = replicaSet?.startsWith(`${workload.metadata.name}-`) ? replicaSet.slice(workload.metadata.name.length + 1) : void 0;
    if (hash) return selected.filter((pod) => label(pod, "pod-template-hash") === hash);
  } else if (workload.kind === "StatefulSet") {
    let revision = stringField(workload, "status.updateRevision");
    if (revision) return selected.filter((pod) => label(pod, "controller-revision-hash") === revision);
  } else if (workload.kind === "DaemonSet") {
    let generation = intField(workload, "metadata.generation", -1);
    if (generation >= 0) return selected.filter((pod) => label(pod, "pod-template-generation") === String(generation));
  }
  return selected;
}
function claimNames(workload, pods) {
  let names = /* @__PURE__ */ new Set();
  workload.kind === "PersistentVolumeClaim" && names.add(workload.metadata.name);
  for (let pod of pods) {
    let volumes = pod.spec?.volumes ?? [];
    for (let volume of volumes) volume.persistentVolumeClaim?.claimName && names.add(volume.persistentVolumeClaim.claimName);
  }
  if (workload.kind === "StatefulSet") {
    let templates = workload.spec?.volumeClaimTemplates ?? [], replicas = intField(workload, "spec.replicas", 1);
    for (let template of templates)
      for (let ordinal = 0; ordinal < replicas; ordinal++) names.add(`${template.metadata?.name}-${workload.metadata.name}-${ordinal}`);
  }
  return names;
}
var Diagnoser = class {
  constructor(thresholds, startedAt, afterRollback = !1) {
    this.afterRollback = afterRollback;
    this.thresholds = thresholds, this.startedAt = startedAt.getTime();
  }
  afterRollback;
  firstSeen = /* @__PURE__ */ new Map();
  /** When each signal's grace period ends (first observation + threshold): the waiter judges again at that moment. */
  dueAt = /* @__PURE__ */ new Map();
  /** Each event's count and last-seen time when this wait first saw it. */
  eventBaseline = /* @__PURE__ */ new Map();
  thresholds;
  startedAt;
  /** Seconds a signal has been observed, counting from its first observation. */
  heldFor(key, now) {
    let first = this.firstSeen.get(key);
    return first === void 0 ? (this.firstSeen.set(key, now), 0) : (now - first) / 1e3;
  }
  /** Notes when a signal observed since `heldFor(key)` will have been held `seconds`, so the verdict is not late. */
  dueAfter(key, seconds2) {
    let first = this.firstSeen.get(key);
    first !== void 0 && Number.isFinite(seconds2) && this.dueAt.set(key, first + seconds2 * 1e3);
  }
  /** The earliest moment after `now` at which a grace period ends (a verdict may change then), if any. */
  nextDecisionAfter(now) {
    let at = now.getTime(), next = 1 / 0;
    for (let due of this.dueAt.values()) due > at && due < next && (next = due);
    return Number.isFinite(next) ? new Date(next) : void 0;
  }
  since(key) {
    let first = this.firstSeen.get(key);
    return first === void 0 ? void 0 : new Date(first).toISOString();
  }
  fresh(event) {
    let last = eventLastSeen(event);
    return !!last && this.freshTime(last);
  }
  /**
   * After a rollback, whether a FailedCreate is about the restored template. Events of the template it replaced go
   * on arriving for a moment (the controller records them asynchronously, its last sync of the bad template may
   * still be in flight), so an event counts only when the controller repeats it after it has observed the restored
   * generation: the first such poll takes the baseline, a later one must show it again.
   */
  repeatedAfterRollback(key, event, generationObserved) {
    if (!this.afterRollback) return !0;
    if (!generationObserved) return !1;
    let seen = { count: eventCount(event), last: eventLastSeen(event) }, baseline = this.eventBaseline.get(key);
    return baseline ? seen.count > baseline.count || seen.last !== void 0 && seen.last !== baseline.last : (this.eventBaseline.set(key, seen), !1);
  }
  freshTime(time) {
    return Date.parse(time) >= this.startedAt - this.thresholds.eventClockSkewSeconds * 1e3;
  }
  observe(snapshot, now) {
    let at = now.getTime(), { ref, live, status } = snapshot, workload = `${ref.kind}/${ref.name}`, base = { workload, ...ref.namespace ? { namespace: ref.namespace } : {} }, rows = [];
    if (!live)
      return rows.push({ ...base, reason: "NotFound", message: `${workload} does not exist in the cluster`, fatal: !0 }), rows;
    if (status.state === "Failed") {
      let condition = ref.kind === "Deployment" ? findCondition(live, "Progressing") : findCondition(live, "Failed"), updated = condition?.lastUpdateTime ?? condition?.lastTransitionTime, stale = ref.kind === "Deployment" && status.reason === "ProgressDeadlineExceeded" && !!updated && !this.freshTime(updated), waited = stale ? this.heldFor(`${workload}/stale-deadline`, at) : 0, deadline = intField(live, "spec.progressDeadlineSeconds", 600);
      stale && this.dueAfter(`${workload}/stale-deadline`, deadline);
      let pending = stale && waited < deadline;
      rows.push({
        ...base,
        reason: status.reason,
        message: pending ? `${status.message} (reported at ${updated}, before this rollout began; waiting for the controller to re-evaluate)` : status.message,
        ...condition?.lastTransitionTime ? { since: condition.lastTransitionTime } : {},
        fatal: !pending
      });
    }
    let pods = currentRevisionPods(live, snapshot.pods), events = snapshot.events.filter((event) => event.type !== "Normal" || event.reason === "BackOff"), podEvents = (pod) => events.filter((e) => e.involvedObject?.kind === "Pod" && e.involvedObject.name === pod), generationObserved = intField(live, "metadata.generation", 0) === intField(live, "status.observedGeneration", -1) || live.kind === "PersistentVolumeClaim", newReplicaSet = ref.kind === "Deployment" ? newReplicaSetName(live) : void 0, ownsEvent = (event) => {
      let involved = event.involvedObject ?? {};
      if (involved.kind === ref.kind && involved.name === ref.name) return !0;
      if (ref.kind !== "Deployment" || involved.kind !== "ReplicaSet" || !involved.name) return !1;
      if (newReplicaSet) return involved.name === newReplicaSet;
      let rest = involved.name.startsWith(`${ref.name}-`) ? involved.name.slice(ref.name.length + 1) : "";
      return /^[a-z0-9]+$/.test(rest);
    };
    for (let event of events) {
      if (event.reason !== "FailedCreate" || !ownsEvent(event) || !this.fresh(event)) continue;
      let key = `${workload}/FailedCreate/${event.involvedObject?.kind}/${event.involvedObject?.name}`, held = this.heldFor(key, at);
      this.dueAfter(key, this.thresholds.failedCreateGraceSeconds), rows.push({
        ...base,
        reason: "FailedCreate",
        message: `${event.involvedObject?.kind ?? ""} ${event.involvedObject?.name ?? ""}: ${event.message ?? ""}`.trim(),
        since: eventFirstSeen(event) ?? this.since(key),
        count: eventCount(event),
        fatal: generationObserved && held >= this.thresholds.failedCreateGraceSeconds && this.repeatedAfterRollback(key, event, generationObserved)
      });
    }
    for (let pod of pods) {
      let podRows = this.podRows(base, pod, podEvents(pod.metadata.name), at, ref.kind);
      rows.push(...generationObserved ? podRows : podRows.map((row) => ({ ...row, fatal: !1 })));
    }
    let claims = claimNames(live, pods);
    for (let claim of claims) {
      let pvc = snapshot.pvcs.find((item) => item.metadata.name === claim);
      if (pvc && stringField(pvc, "status.phase") === "Bound") continue;
      let failures = events.filter(
        (e) => e.involvedObject?.kind === "PersistentVolumeClaim" && e.involvedObject.name === claim && e.reason === "ProvisioningFailed" && this.fresh(e)
      ), latest = failures.at(-1);
      if (!latest) continue;
      let key = `${workload}/pvc/${claim}`, held = this.heldFor(key, at);
      this.dueAfter(key, this.thresholds.provisioningFailedGraceSeconds), rows.push({
        ...base,
        reason: "ProvisioningFailed",
        message: `PersistentVolumeClaim ${claim} is ${pvc ? stringField(pvc, "status.phase", "Pending") : "Pending"}: ${latest.message ?? ""}`,
        since: eventFirstSeen(latest) ?? this.since(key),
        count: failures.reduce((sum, e) => sum + eventCount(e), 0),
        fatal: held >= this.thresholds.provisioningFailedGraceSeconds
      });
    }
    return !rows.length && status.state !== "Current" && rows.push({ ...base, reason: status.reason, message: status.message, fatal: !1 }), rows;
  }
  podRows(base, pod, events, at, kind) {
    let rows = [], podName = pod.metadata.name, t = this.thresholds, scheduled = findCondition(pod, "PodScheduled");
    if (scheduled?.status === "False" && scheduled.reason === "Unschedulable") {
      let key = `${podName}/Unschedulable`, held = this.heldFor(key, at);
      this.dueAfter(key, t.unschedulableGraceSeconds);
      let event = events.filter((e) => e.reason === "FailedScheduling").at(-1);
      rows.push({
        ...base,
        pod: podName,
        reason: "FailedScheduling",
        message: event?.message ?? scheduled.message ?? "Pod could not be scheduled",
        since: scheduled.lastTransitionTime ?? this.since(key),
        ...event ? { count: eventCount(event) } : {},
        fatal: held >= t.unschedulableGraceSeconds
      });
    }
    for (let container of containerStatuses(pod)) {
      let waiting = container.state?.waiting, image = specImage(pod, container.name) ?? container.image, where = { ...base, pod: podName, container: container.name };
      if (waiting?.reason && IMAGE_PULL_REASONS.has(waiting.reason)) {
        let key = `${podName}/${container.name}/image`, held = this.heldFor(key, at), pulls = events.filter((e) => e.reason === "Failed" && (e.message ?? "").startsWith("Failed to pull image")), latest = pulls.at(-1), detail = latest?.message ?? waiting.message ?? waiting.reason, grace = isPermanentPullFailure(`${latest?.message ?? ""} ${waiting.message ?? ""}`) ? t.imagePullGraceSeconds : t.imagePullRetryGraceSeconds ?? DEFAULT_IMAGE_PULL_RETRY_GRACE_SECONDS;
        this.dueAfter(key, grace), rows.push({
          ...where,
          reason: waiting.reason,
          message: `image "${image ?? "?"}": ${detail}`,
          ...image ? { image } : {},
          since: (pulls[0] && eventFirstSeen(pulls[0])) ?? this.since(key),
          ...latest ? { count: pulls.reduce((sum, e) => sum + eventCount(e), 0) } : {},
          fatal: waiting.reason === "InvalidImageName" || waiting.reason === "ErrImageNeverPull" || held >= grace
        });
      } else if (waiting?.reason === "CrashLoopBackOff") {
        let restarts = container.restartCount ?? 0, last = container.lastState?.terminated, termination = last ? `; last termination: ${last.reason ?? "unknown"} (exit code ${last.exitCode ?? "?"})${last.message ? `: ${redactCredentials(last.message.trim())}` : ""}` : "", backoffs = events.filter((e) => e.reason === "BackOff" && /restarting failed container/i.test(e.message ?? "")), key = `${podName}/${container.name}/crash`;
        this.heldFor(key, at), rows.push({
          ...where,
          reason: "CrashLoopBackOff",
          message: `restarted ${restarts} time${restarts === 1 ? "" : "s"}${termination}`,
          ...image ? { image } : {},
          restarts,
          since: last?.finishedAt ?? this.since(key),
          ...backoffs.length ? { count: backoffs.reduce((sum, e) => sum + eventCount(e), 0) } : {},
          // A Job's restarts are its retries: backoffLimit (the Job's Failed condition) decides, not k8sapp.
          fatal: kind !== "Job" && restarts >= t.crashLoopRestarts
        });
      } else if (waiting?.reason === "CreateContainerConfigError" || waiting?.reason === "CreateContainerError") {
        let key = `${podName}/${container.name}/config`, held = this.heldFor(key, at);
        this.dueAfter(key, t.configErrorGraceSeconds);
        let event = events.filter((e) => e.reason === "Failed" && (e.message ?? "").startsWith("Error:")).at(-1);
        rows.push({
          ...where,
          reason: waiting.reason,
          message: waiting.message ?? event?.message ?? waiting.reason,
          since: (event && eventFirstSeen(event)) ?? this.since(key),
          ...event ? { count: eventCount(event) } : {},
          fatal: held >= t.configErrorGraceSeconds
        });
      } else if (waiting?.reason && !STARTING_REASONS.has(waiting.reason))
        rows.push({ ...where, reason: waiting.reason, message: waiting.message ?? "", fatal: !1 });
      else if (container.state?.running && container.ready === !1) {
        let probe = events.filter((e) => e.reason === "Unhealthy").at(-1);
        rows.push({
          ...where,
          reason: "NotReady",
          message: probe?.message ?? "container is running but not ready (readiness probe)",
          ...(container.restartCount ?? 0) > 0 ? { restarts: container.restartCount } : {},
          ...probe ? { count: eventCount(probe), since: eventFirstSeen(probe) } : {},
          fatal: !1
        });
      } else if (container.state?.terminated && container.state.terminated.reason !== "Completed") {
        let end = container.state.terminated;
        rows.push({
          ...where,
          reason: end.reason ?? "Terminated",
          message: `exit code ${end.exitCode ?? "?"}${end.message ? `: ${redactCredentials(end.message)}` : ""}`,
          fatal: !1
        });
      }
    }
    return rows;
  }
};

// src/rollout/feed.ts
var WATCH_TIMEOUT_SECONDS = 300;
function isApiFailure(error) {
  return error instanceof KubeApiError || error instanceof ClusterUnreachableError;
}
var Feed = class {
  constructor(kube, kind, selectors, onChange) {
    this.kube = kube;
    this.kind = kind;
    this.selectors = selectors;
    this.onChange = onChange;
  }
  kube;
  kind;
  selectors;
  onChange;
  objects = /* @__PURE__ */ new Map();
  resourceVersion = "";
  abort;
  watching = !1;
  everListed = !1;
  /** A bug thrown inside the watch (not an API failure): thrown by the next refresh, never swallowed. */
  failure;
  /** Lists unless a watch keeps the objects current; throws the API's error (the objects seen before stay). */
  async refresh() {
    if (this.failure !== void 0) throw this.failure;
    if (this.watching) return;
    let list = await this.kube.list(this.kind, this.selectors);
    this.objects = new Map(list.items.map((object) => [object.metadata.name, object])), this.resourceVersion = list.resourceVersion, this.everListed = !0, this.startWatch();
  }
  /** Whether the objects were ever read (a first list that failed knows nothing, not "none"). */
  get listed() {
    return this.everListed;
  }
  items() {
    return [...this.objects.values()];
  }
  find(name) {
    return this.objects.get(name);
  }
  close() {
    this.abort?.abort(), this.abort = void 0, this.watching = !1;
  }
  startWatch() {
    let abort = new AbortController();
    this.abort = abort, this.watching = !0;
    let events = this.kube.watch(this.kind, {
      ...this.selectors,
      resourceVersion: this.resourceVersion,
      signal: abort.signal,
      timeoutSeconds: WATCH_TIMEOUT_SECONDS
    });
    this.follow(events, abort.signal);
  }
  async follow(events, signal) {
    try {
      for await (let event of events) {
        if (signal.aborted) break;
        let outcome = this.take(event);
        if (outcome === "ended") break;
        outcome === "changed" && this.onChange();
      }
    } catch (error) {
      !signal.aborted && !isApiFailure(error) && (this.failure = error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.abort?.signal === signal && (this.watching = !1);
    }
  }
  /** Applies one event; `ended` when the watch cannot go on (an ERROR event: 410 Expired and the like). */
  take(event) {
    if (event.type === "ERROR") return "ended";
    let version = event.object.metadata?.resourceVersion;
    if (version && (this.resourceVersion = version), event.type === "BOOKMARK") return "quiet";
    let name = event.object.metadata.name;
    return event.type === "DELETED" ? this.objects.delete(name) : this.objects.set(name, event.object), "changed";
  }
};

// src/rollout/selector.ts
function combinedSelector(selectors) {
  if (selectors.length === 0) return;
  if (selectors.length === 1) return selectorArgument(selectors[0]) || void 0;
  let keys = /* @__PURE__ */ new Set(), values = /* @__PURE__ */ new Set();
  for (let selector of selectors) {
    let labels = Object.entries(selector.matchLabels ?? {});
    if (labels.length !== 1 || (selector.matchExpressions ?? []).length > 0) return;
    let [key, value] = labels[0];
    keys.add(key), values.add(value);
  }
  if (keys.size === 1)
    return `${[...keys][0]} in (${[...values].sort().join(",")})`;
}

// src/rollout/waiter.ts
function kindRef(kind, namespace) {
  let builtIn = builtInKind(kind);
  if (!builtIn) throw new Error(`bug: the rollout cannot wait for kind ${kind}`);
  return { apiVersion: builtIn.apiVersion, kind: builtIn.kind, namespace };
}
var Wakeup = class {
  pending = !1;
  resolve;
  notify() {
    this.resolve ? this.resolve() : this.pending = !0;
  }
  /** Sleeps on the injected clock for `milliseconds`, or until a change is reported (also one reported before). */
  async sleep(clock, milliseconds) {
    if (this.pending) {
      this.pending = !1;
      return;
    }
    let timer = new AbortController(), woken = new Promise((resolve) => this.resolve = resolve);
    try {
      await Promise.race([clock.sleep(milliseconds, timer.signal), woken]);
    } finally {
      timer.abort(), this.resolve = void 0, this.pending = !1;
    }
  }
}, LiveState = class {
  constructor(kube, onChange) {
    this.kube = kube;
    this.onChange = onChange;
  }
  kube;
  onChange;
  feeds = /* @__PURE__ */ new Map();
  used = /* @__PURE__ */ new Set();
  feed(kind, selectors) {
    let key = JSON.stringify([kind.kind, kind.namespace, selectors.labelSelector ?? "", selectors.fieldSelector ?? ""]);
    this.used.add(key);
    let feed = this.feeds.get(key);
    return feed || (feed = new Feed(this.kube, kind, selectors, this.onChange), this.feeds.set(key, feed)), feed;
  }
  /** Closes the feeds this poll did not ask for. */
  closeUnused() {
    for (let [key, feed] of this.feeds)
      this.used.has(key) || (feed.close(), this.feeds.delete(key));
    this.used = /* @__PURE__ */ new Set();
  }
  close() {
    for (let feed of this.feeds.values()) feed.close();
    this.feeds.clear();
  }
}, drainDelivered = () => new Promise((resolve) => setImmediate(resolve));
function failureText(error) {
  return error instanceof KubeApiError ? error.message.split(`
`)[0] || `${error.code} ${error.reason}` : error instanceof ClusterUnreachableError ? unreachableSentence(error.unreachable, "the workloads could not be observed") : String(error);
}
async function refreshed(feed) {
  try {
    await feed.refresh();
    return;
  } catch (error) {
    if (!isApiFailure(error)) throw error;
    return failureText(error);
  }
}
function groupBy(items, key) {
  let groups = /* @__PURE__ */ new Map();
  for (let item of items) groups.set(key(item), [...groups.get(key(item)) ?? [], item]);
  return groups;
}
async function waitForWorkloads(refs, options, deps) {
  let { kube, clock, logger } = deps, interval = (options.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS) * 1e3, progressEvery = (options.progressEverySeconds ?? DEFAULT_PROGRESS_EVERY_SECONDS) * 1e3, timeout = options.timeoutSeconds * 1e3, maxApiErrors = options.maxApiErrors ?? DEFAULT_MAX_API_ERRORS, thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds }, start = clock.now(), diagnoser = new Diagnoser(thresholds, start, options.afterRollback === !0), nameCounts = /* @__PURE__ */ new Map();
  for (let ref of refs) nameCounts.set(ref.name, (nameCounts.get(ref.name) ?? 0) + 1);
  let tracked = refs.map((ref) => ({
    ref,
    label: (nameCounts.get(ref.name) ?? 0) > 1 ? `${ref.kind.toLowerCase()}/${ref.name}` : ref.name,
    ...ref.namespace ? { namespace: ref.namespace } : {},
    rows: [],
    lastLineAt: -1 / 0
  })), wakeup = new Wakeup(), live = new LiveState(kube, () => wakeup.notify()), apiErrors = 0, finish = (item, status, elapsed, rows, reason, message) => {
    item.result = {
      kind: item.ref.kind,
      ...item.ref.namespace ? { namespace: item.ref.namespace } : {},
      name: item.ref.name,
      status,
      seconds: Math.round(elapsed / 100) / 10,
      reason,
      message,
      ready: item.status?.ready ?? 0,
      desired: item.status?.desired ?? 0,
      diagnosis: rows,
      ...item.live ? { live: item.live } : {}
    };
  };
  try {
    for (; ; ) {
      let pending = tracked.filter((item) => !item.result);
      if (!pending.length) break;
      await drainDelivered();
      let now = clock.now(), elapsed = now.getTime() - start.getTime(), apiFailure = await observeWorkloads(pending, tracked, live, kube);
      if (apiFailure) {
        if (apiErrors++, logger.warning(`reading the workloads failed (${apiErrors}/${maxApiErrors}): ${apiFailure}`), apiErrors >= maxApiErrors) {
          for (let item of pending) {
            let row = {
              workload: `${item.ref.kind}/${item.ref.name}`,
              ...item.ref.namespace ? { namespace: item.ref.namespace } : {},
              reason: "ApiError",
              message: apiFailure,
              fatal: !0
            };
            finish(item, "failed", elapsed, [row], "ApiError", apiFailure);
          }
          break;
        }
      } else
        apiErrors = 0;
      let material = await observeMaterial(
        pending.filter((item) => item.status && item.status.state !== "Current"),
        live
      );
      live.closeUnused();
      for (let item of pending) {
        let status = item.status;
        if (!status) continue;
        if (status.state === "Current") {
          finish(item, "succeeded", elapsed, [], status.reason, status.message), logger.info(`${item.label} ready after ${seconds(elapsed)} s (${status.ready}/${status.desired})`);
          continue;
        }
        let found = material.get(item.namespace ?? "") ?? { pods: [], pvcs: [], events: [] };
        item.rows = diagnoser.observe({ ref: item.ref, live: item.live, status, ...found }, now);
        let fatal = item.rows.filter((row) => row.fatal);
        if (fatal.length) {
          await attachLogs(item.rows, item.namespace, options.logTailLines ?? DEFAULT_LOG_TAIL_LINES, kube);
          let first = fatal[0];
          finish(item, "failed", elapsed, item.rows, first.reason, first.message), logger.info(`${item.label} FAILED after ${seconds(elapsed)} s: ${first.reason}${first.pod ? ` (pod ${first.pod})` : ""}: ${first.message}`);
          continue;
        }
        let line = `${item.label} ${status.ready}/${status.desired} ready`, state = `${line} ${status.reason}`;
        (state !== item.lastLine || now.getTime() - item.lastLineAt >= progressEvery) && (logger.info(`${line}, ${seconds(elapsed)} s${state !== item.lastLine ? ` (${status.message})` : ""}`), item.lastLine = state, item.lastLineAt = now.getTime());
      }
      let stillPending = tracked.filter((item) => !item.result);
      if (!stillPending.length) break;
      if (elapsed >= timeout) {
        for (let item of stillPending) {
          let status = item.status, message = `not ready after ${seconds(timeout)} s: ${status?.message ?? "never observed"}`;
          finish(item, "timed-out", elapsed, item.rows, status?.reason ?? "Timeout", message), logger.info(`${item.label} TIMED OUT after ${seconds(elapsed)} s: ${status?.message ?? ""}`);
        }
        break;
      }
      let due = diagnoser.nextDecisionAfter(now), untilDue = due ? due.getTime() - now.getTime() : 1 / 0;
      await wakeup.sleep(clock, Math.min(interval, timeout - elapsed, untilDue));
    }
  } finally {
    live.close();
  }
  let byKey = new Map(tracked.map((item) => [refKey(item.ref), item.result]));
  return refs.map((ref) => byKey.get(refKey(ref)));
}
async function observeWorkloads(pending, tracked, live, kube) {
  let failures = [], placed = pending.filter((item) => item.namespace !== void 0), namesOf = groupBy(
    tracked.filter((item) => item.namespace !== void 0),
    (item) => `${item.ref.kind}/${item.namespace}`
  ), groups = [...groupBy(placed, (item) => `${item.ref.kind}/${item.namespace}`)].map(async ([key, group]) => {
    let first = group[0], selectors = new Set((namesOf.get(key) ?? []).map((item) => item.ref.name)).size === 1 ? { fieldSelector: `metadata.name=${first.ref.name}` } : {}, feed = live.feed(kindRef(first.ref.kind, first.namespace), selectors);
    if (failures.push(await refreshed(feed)), !!feed.listed)
      for (let item of group)
        item.live = feed.find(item.ref.name), item.status = computeStatus(item.live);
  }), unplaced = pending.filter((item) => item.namespace === void 0).map(async (item) => {
    let { apiVersion, kind } = kindRef(item.ref.kind, "");
    try {
      item.live = await kube.get({ apiVersion, kind, name: item.ref.name });
    } catch (error) {
      if (!isApiFailure(error)) throw error;
      failures.push(failureText(error));
      return;
    }
    item.status = computeStatus(item.live), item.live?.metadata.namespace && (item.namespace = item.live.metadata.namespace);
  });
  return await Promise.all([...groups, ...unplaced]), failures.find((failure) => failure !== void 0);
}
async function observeMaterial(inProgress, live) {
  let material = /* @__PURE__ */ new Map(), placed = inProgress.filter((item) => item.namespace !== void 0), namespaces = [...groupBy(placed, (item) => item.namespace)].map(async ([namespace, group]) => {
    let selectors = group.filter((item) => item.live).map((item) => selectorOf(item.live)).filter((s) => s !== void 0), selector = group.every((item) => item.ref.kind === "PersistentVolumeClaim") ? void 0 : combinedSelector(selectors), labelled = selector ? { labelSelector: selector } : {}, pods = live.feed(kindRef("Pod", namespace), labelled), pvcs = live.feed(kindRef("PersistentVolumeClaim", namespace), labelled), events = live.feed(kindRef("Event", namespace), { fieldSelector: "type=Warning" });
    await Promise.all([refreshed(pods), refreshed(pvcs), refreshed(events)]), material.set(namespace, { pods: pods.items(), pvcs: pvcs.items(), events: events.items() });
  });
  return await Promise.all(namespaces), material;
}
var seconds = (milliseconds) => Math.round(milliseconds / 1e3);
async function attachLogs(rows, namespace, tail, kube) {
  if (!(tail <= 0 || namespace === void 0)) {
    for (let row of rows)
      if (!(row.reason !== "CrashLoopBackOff" || !row.pod || row.logs))
        try {
          let log = await kube.logs({ name: row.pod, namespace }, { ...row.container ? { container: row.container } : {}, previous: !0, tailLines: tail });
          row.logs = redactCredentials(log).replace(/\n$/, "").split(`
`).slice(-tail);
        } catch (error) {
          if (!isApiFailure(error)) throw error;
          row.logs = [`(previous log unavailable: ${failureText(error)})`];
        }
  }
}

// src/rollout/rollback.ts
function undoRefusal(live) {
  if (live) {
    if (live.kind === "Deployment") {
      let progressing = conditionsOf(live).find((c) => c.type === "Progressing");
      if (progressing?.reason === "NewReplicaSetAvailable" && intField(live, "status.replicas", 0) === intField(live, "status.updatedReplicas", -1))
        return `its pod template did not change in this deploy (${progressing.message ?? "the current ReplicaSet had already rolled out"})`;
    } else if (live.kind === "StatefulSet") {
      let current = stringField(live, "status.currentRevision"), partition = intField(live, "spec.updateStrategy.rollingUpdate.partition", 0);
      if (current && partition === 0 && current === stringField(live, "status.updateRevision"))
        return `its pod template did not change in this deploy (currentRevision = updateRevision = ${current})`;
    }
  }
}
var ROLLBACK_FIELD_MANAGER = "k8sapp-rollback", OBSERVE_ATTEMPTS = 15, UNDOABLE_KINDS = /* @__PURE__ */ new Set(["Deployment", "StatefulSet", "DaemonSet"]), reapply = async (manifests, { kube }) => {
  let applied = [];
  for (let line of manifests.split(`
`).filter((l) => l.trim())) {
    let object = JSON.parse(line);
    try {
      await kube.apply(object, { force: !0 }), applied.push(`${object.kind}/${object.metadata.name}`);
    } catch (error) {
      if (!(error instanceof KubeApiError)) throw error;
      return { ok: !1, message: `${object.kind}/${object.metadata.name}: ${error.message}` };
    }
  }
  return { ok: !0, message: `${applied.length} object(s) applied` };
};
function workloadRef(ref) {
  let apiVersion = builtInKind(ref.kind)?.apiVersion;
  if (!apiVersion) throw new Error(`bug: ${ref.kind} is not a workload kind`);
  return { apiVersion, kind: ref.kind, name: ref.name, ...ref.namespace ? { namespace: ref.namespace } : {} };
}
async function readLive(ref, kube) {
  try {
    return await kube.get(workloadRef(ref));
  } catch (error) {
    if (error instanceof KubeApiError) return;
    throw error;
  }
}
async function forceStatefulSetRollback(ref, badRevision, deps, intervalSeconds) {
  if (!badRevision) return { deleted: [], note: "no bad revision known" };
  let live;
  for (let attempt = 0; attempt < OBSERVE_ATTEMPTS && (live = await readLive(ref, deps.kube), !(live && intField(live, "metadata.generation", 0) === intField(live, "status.observedGeneration", -1))); attempt++)
    live = void 0, await deps.clock.sleep(intervalSeconds * 1e3);
  if (!live) return { deleted: [], note: "the controller did not observe the reverted template in time; no pods deleted" };
  if (stringField(live, "status.updateRevision") === badRevision)
    return { deleted: [], note: `the template still is revision ${badRevision}; no pods deleted` };
  let selector = selectorOf(live);
  if (!selector) return { deleted: [], note: "StatefulSet has no selector" };
  let namespace = live.metadata.namespace ?? ref.namespace, pods = await listOrWarn({ apiVersion: "v1", kind: "Pod", ...namespace ? { namespace } : {} }, selectorArgument(selector), deps), deleted = [];
  for (let pod of pods)
    if (selectorMatches(selector, pod.metadata.labels) && pod.metadata.labels?.["controller-revision-hash"] === badRevision && findCondition(pod, "Ready")?.status !== "True")
      try {
        let uid = typeof pod.metadata.uid == "string" ? { uid: pod.metadata.uid } : {};
        await deps.kube.delete({ apiVersion: "v1", kind: "Pod", name: pod.metadata.name, ...namespace ? { namespace } : {} }, uid) === "deleted" && deleted.push(pod.metadata.name);
      } catch (error) {
        if (!(error instanceof KubeApiError)) throw error;
        deps.logger.warning(`could not delete pod ${pod.metadata.name}: ${error.message}`);
      }
  return {
    deleted,
    note: deleted.length ? `deleted pod(s) on bad revision ${badRevision}: ${deleted.join(", ")}` : `no pod was on bad revision ${badRevision}`
  };
}
async function listOrWarn(kind, labelSelector, deps) {
  try {
    return (await deps.kube.list(kind, { labelSelector })).items;
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    return deps.logger.warning(`could not list ${kind.kind}s (${labelSelector}): ${error.message}`), [];
  }
}
function entry(result, action, message, deletedPods = []) {
  return {
    kind: result.kind,
    ...result.namespace ? { namespace: result.namespace } : {},
    name: result.name,
    action,
    message,
    deletedPods,
    diagnosis: []
  };
}
async function rollbackWorkloads(request, deps) {
  let { logger } = deps, interval = request.wait.pollIntervalSeconds ?? 2;
  if (request.mode === "never" || !request.workloads.length)
    return { mode: request.mode, workloads: [], status: "none" };
  let entries = [], release, leftInPlace = [];
  if (request.mode === "undo")
    for (let result of request.workloads) {
      let undone2 = await undoWorkload(result, request, deps, interval);
      logger.info(undone2.message), entries.push(undone2);
    }
  else {
    let loaded;
    try {
      loaded = await loadRelease({ environment: request.environment, ...request.releaseStore, which: "latest" }, deps);
    } catch (error) {
      let message = error instanceof Error ? error.message : String(error);
      return { mode: request.mode, status: "failed", message, workloads: request.workloads.map((w) => entry(w, "error", message)) };
    }
    release = loaded.record.revision;
    let chosen = loaded.objects.filter((object) => !request.services || [...request.services].some((service) => belongsToService(object, service))), inRelease = (w) => chosen.some((o) => o.kind === w.kind && o.metadata.name === w.name && (o.metadata.namespace ?? w.namespace) === w.namespace), badRevisions = new Map(
      request.workloads.filter((w) => w.kind === "StatefulSet" && w.live).map((w) => [refLabel(w), stringField(w.live, "status.updateRevision") || void 0])
    ), ofServices = (object) => !request.services || [...request.services].some((service) => belongsToService(object, service));
    leftInPlace = leftInPlaceBy(loaded, (request.applied ?? []).filter(ofServices).map(idOf)), leftInPlace.length && logger.info(`not in release ${release}, left in place (a rollback never deletes): ${leftInPlace.join(", ")}`);
    let manifests = chosen.map((object) => JSON.stringify(object)).join(`
`), applied = chosen.length ? await (deps.reapply ?? reapply)(manifests, deps) : { ok: !1, message: "nothing of the failed services is in the release" };
    logger.info(`re-applied release ${release} (${chosen.length} objects, sha ${loaded.record.sha}): ${applied.ok ? "ok" : applied.message}`);
    for (let result of request.workloads)
      if (!inRelease(result))
        entries.push(entry(result, "not-in-release", `${refLabel(result)} is not part of release ${release}; left as it is`));
      else if (!applied.ok)
        entries.push(entry(result, "error", `re-applying release ${release} failed: ${applied.message}`));
      else if (result.kind === "StatefulSet") {
        let { deleted, note } = await forceStatefulSetRollback(result, badRevisions.get(refLabel(result)), deps, interval);
        logger.info(`${refLabel(result)}: ${note}`), entries.push(entry(result, "reapplied", `release ${release} re-applied; ${note}`, deleted));
      } else
        entries.push(entry(result, "reapplied", `release ${release} re-applied`));
  }
  let toWait = entries.filter((e) => e.action === "undone" || e.action === "reapplied");
  toWait.length && (logger.info(`waiting for the rollback of ${toWait.map(refLabel).join(", ")}`), await waitForRollback(toWait, request.wait, deps));
  let succeeded = entries.length > 0 && entries.every((e) => (e.action === "undone" || e.action === "reapplied") && e.status === "succeeded");
  return {
    mode: request.mode,
    workloads: entries,
    status: succeeded ? "succeeded" : "failed",
    ...release !== void 0 ? { release } : {},
    ...leftInPlace.length ? { leftInPlace } : {}
  };
}
async function undoWorkload(result, request, deps, interval) {
  let label = refLabel(result);
  if (!UNDOABLE_KINDS.has(result.kind)) return entry(result, "not-supported", `${label}: a ${result.kind} has no revisions to undo; fix it and deploy again`);
  let good = await knownGoodTemplate(result, request, deps);
  return good.found === "nothing-to-undo" ? entry(result, "nothing-to-undo", `${label}: not rolled back: ${good.why}`) : good.found === "unknown" ? revisionUndo(result, good.why, deps, interval) : restoreTemplate(result, good, deps, interval);
}
async function knownGoodTemplate(result, request, deps) {
  let before = request.templatesBefore?.get(refKey(result));
  return before ? before.template === void 0 ? { found: "nothing-to-undo", why: "this deploy created it, so there is no earlier revision to return to" } : before.changed ? { found: "template", template: before.template, source: "the pod template it had before this deploy" } : {
    found: "nothing-to-undo",
    why: "this deploy did not change its pod template (k8sapp compared it with the live template before applying), so the running revision is the last good one"
  } : knownGoodFromRelease(result, request, deps);
}
async function knownGoodFromRelease(result, request, deps) {
  let loaded;
  try {
    loaded = await loadRelease({ environment: request.environment, ...request.releaseStore, which: "latest" }, deps);
  } catch (error) {
    if (!(error instanceof ReleaseStoreError)) throw error;
    return { found: "unknown", why: error.message };
  }
  let release = `release ${loaded.record.revision} (sha ${loaded.record.sha})`, recorded = loaded.objects.find(
    (o) => o.kind === result.kind && o.metadata.name === result.name && (o.metadata.namespace ?? result.namespace) === result.namespace
  );
  if (!recorded) return { found: "unknown", why: `it is not part of ${release}` };
  let template;
  try {
    let manifest = {
      ...recorded,
      metadata: { ...recorded.metadata, ...result.namespace && !recorded.metadata.namespace ? { namespace: result.namespace } : {} }
    };
    template = valueAt(await deps.kube.apply(manifest, { dryRun: !0 }), ["spec", "template"]);
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    return { found: "unknown", why: `the server's dry run of its manifest in ${release} failed: ${error.message}` };
  }
  return template === void 0 ? { found: "unknown", why: `the server's dry run of its manifest in ${release} returned no pod template` } : isDeepStrictEqual2(valueAt(result.live, ["spec", "template"]), template) ? { found: "nothing-to-undo", why: `its pod template is the one of ${release}, the last good deploy, so there is nothing to return to` } : { found: "template", template, source: `the pod template of ${release}` };
}
async function restoreTemplate(result, good, deps, interval) {
  let label = refLabel(result), badRevision = result.kind === "StatefulSet" ? await observedUpdateRevision(result, deps) : void 0, patch = [{ op: "replace", path: "/spec/template", value: good.template }];
  try {
    await deps.kube.patch(workloadRef(result), patch, { type: "json", fieldManager: ROLLBACK_FIELD_MANAGER });
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    return entry(result, "error", `${label}: restoring ${good.source} failed: ${error.message}`);
  }
  return undone(result, `${label}: restored ${good.source}`, badRevision, deps, interval);
}
async function observedUpdateRevision(ref, deps) {
  let live = await readLive(ref, deps.kube) ?? ref.live;
  if (live)
    return stringField(live, "status.updateRevision") || void 0;
}
async function revisionUndo(result, unknown, deps, interval) {
  let label = refLabel(result), refusal = result.status === "succeeded" ? void 0 : undoRefusal(result.live);
  if (refusal)
    return entry(
      result,
      "nothing-to-undo",
      `${label}: not rolled back: k8sapp does not know its last good revision (${unknown}) and ${refusal}; \`rollout undo\` could revert the previous, completed rollout`
    );
  try {
    let live = await deps.kube.get(workloadRef(result));
    if (!live) return entry(result, "error", `${label}: rollout undo failed: it no longer exists`);
    if (result.kind === "Deployment" && live.spec?.paused === !0)
      return entry(result, "error", `${label}: rollout undo failed: a paused Deployment cannot be rolled back; resume it first`);
    let revisions = result.kind === "Deployment" ? await replicaSetRevisions(live, deps.kube) : await controllerRevisions(live, deps.kube), choice = chooseRevision(result.kind, result.name, revisions, valueAt(live, ["spec", "template"]));
    if (choice.found === "none")
      return entry(result, "nothing-to-undo", `${label}: first deployment, there is no previous revision to roll back to (${choice.why})`);
    if (choice.found === "current")
      return entry(result, "nothing-to-undo", `${label}: the previous revision equals the current one, nothing was rolled back (${choice.why})`);
    let badRevision = result.kind === "StatefulSet" && stringField(live, "status.updateRevision") || void 0, ref = workloadRef(result);
    return result.kind === "Deployment" ? await deps.kube.patch(ref, deploymentUndoPatch(live, choice.revision), { type: "json", fieldManager: ROLLBACK_FIELD_MANAGER }) : await deps.kube.patch(ref, choice.revision.object.data, { type: "strategic", fieldManager: ROLLBACK_FIELD_MANAGER }), undone(result, `${label}: rolled back to ${choice.why} (rollout undo: ${unknown})`, badRevision, deps, interval);
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    return entry(result, "error", `${label}: rollout undo failed: ${error.message}`);
  }
}
async function undone(result, message, badRevision, deps, interval) {
  if (result.kind !== "StatefulSet") return entry(result, "undone", message);
  let { deleted, note } = await forceStatefulSetRollback(result, badRevision, deps, interval);
  return entry(result, "undone", `${message}; ${note}`, deleted);
}
async function rollbackToRelease(request, deps) {
  let { logger } = deps, loaded = await loadRelease(
    {
      environment: request.environment,
      ...request.releaseStore,
      ...request.revision !== void 0 ? { revision: request.revision } : { which: "previous" }
    },
    deps
  ), release = loaded.record.revision, leftInPlace = loaded.newest.revision === release ? [] : leftInPlaceBy(loaded, loaded.newest.inventory ?? []);
  leftInPlace.length && logger.info(`not in release ${release}, left in place (a rollback never deletes): ${leftInPlace.join(", ")}`);
  let workloads = loaded.objects.filter((o) => UNDOABLE_KINDS.has(o.kind) || o.kind === "Job").map((o) => ({ kind: o.kind, ...o.metadata.namespace ? { namespace: o.metadata.namespace } : {}, name: o.metadata.name })), badRevisions = /* @__PURE__ */ new Map();
  for (let ref of workloads.filter((w) => w.kind === "StatefulSet")) {
    let live = await readLive(ref, deps.kube);
    if (live && computeStatus(live).state !== "Current") {
      let revision = stringField(live, "status.updateRevision");
      revision && badRevisions.set(refLabel(ref), revision);
    }
  }
  let applied = await (deps.reapply ?? reapply)(loaded.objects.map((o) => JSON.stringify(o)).join(`
`), deps);
  logger.info(`re-applied release ${release} (sha ${loaded.record.sha}, ${loaded.objects.length} objects): ${applied.ok ? "ok" : applied.message}`);
  let base = (ref) => ({
    ...ref,
    action: "reapplied",
    message: `release ${release} re-applied`,
    deletedPods: [],
    diagnosis: []
  });
  if (!applied.ok)
    return {
      mode: "release",
      release,
      status: "failed",
      message: `re-applying release ${release} failed: ${applied.message}`,
      workloads: workloads.map((ref) => ({ ...base(ref), action: "error", message: applied.message }))
    };
  let entries = workloads.map(base);
  for (let item of entries.filter((e) => e.kind === "StatefulSet")) {
    let { deleted, note } = await forceStatefulSetRollback(item, badRevisions.get(refLabel(item)), deps, request.wait.pollIntervalSeconds ?? 2);
    item.deletedPods = deleted, badRevisions.has(refLabel(item)) && (item.message += `; ${note}`);
  }
  return await waitForRollback(entries, request.wait, deps), {
    mode: "release",
    release,
    status: entries.every((e) => e.status === "succeeded") ? "succeeded" : "failed",
    workloads: entries,
    ...leftInPlace.length ? { leftInPlace } : {}
  };
}
async function waitForRollback(entries, wait, deps) {
  (await waitForWorkloads(entries, { ...wait, afterRollback: !0 }, deps)).forEach((result, index) => {
    let target = entries[index];
    target.status = result.status, target.seconds = result.seconds, target.diagnosis = result.diagnosis;
  });
}

// src/rollout/rollout.ts
function workloadService(result) {
  let object = result.live ?? { apiVersion: "", kind: result.kind, metadata: { name: result.name } };
  return serviceOf(object);
}
function rollbackEligible(result, rollback) {
  return !rollback.services || rollback.services[workloadService(result)] === !0;
}
async function runRollout(request, deps) {
  let { logger } = deps, wait = { ...request.wait, timeoutSeconds: request.timeoutSeconds }, results = await logger.group(
    `Wait for ${request.workloads.length} workload(s) (timeout ${request.timeoutSeconds} s)`,
    () => waitForWorkloads(request.workloads, wait, deps)
  ), failed = results.filter((r) => r.status !== "succeeded"), eligible = failed.filter((r) => rollbackEligible(r, request.rollback));
  for (let result of failed.filter((r) => !eligible.includes(r)))
    logger.info(`${result.kind}/${result.name}: not rolled back (rollback_on_failure is not set for service ${workloadService(result)})`);
  let services = request.rollback.services ? new Set(eligible.map(workloadService)) : void 0, rollback = request.rollback.mode !== "never" && eligible.length ? await logger.group(
    `Rollback (${request.rollback.mode})`,
    () => rollbackWorkloads(
      {
        mode: request.rollback.mode,
        environment: request.environment,
        workloads: eligible,
        ...services ? { services } : {},
        ...request.releaseStore ? { releaseStore: request.releaseStore } : {},
        ...request.templatesBefore ? { templatesBefore: request.templatesBefore } : {},
        ...request.applied ? { applied: request.applied } : {},
        wait
      },
      deps
    )
  ) : { mode: request.rollback.mode, workloads: [], status: "none" }, status = failed.length ? rollback.status === "succeeded" ? "rolled-back" : "failed" : "succeeded", report = {
    status,
    environment: request.environment,
    workloads: results.map((r) => ({
      kind: r.kind,
      ...r.namespace ? { namespace: r.namespace } : {},
      name: r.name,
      status: r.status,
      seconds: r.seconds,
      reason: r.reason,
      message: r.message,
      diagnosis: r.diagnosis
    })),
    rollback,
    results
  };
  if (status === "succeeded" && request.record)
    try {
      let recorded = await recordRelease({ environment: request.environment, ...request.releaseStore, ...request.record, time: deps.clock.now() }, deps);
      report.release = { recorded: recorded.record, dropped: recorded.dropped };
      let stripped = recorded.record.strippedSecrets.length ? `; Secrets left out: ${recorded.record.strippedSecrets.join(", ")}` : "";
      logger.info(`recorded release ${recorded.record.revision} in ${recorded.configMap}${stripped}`);
    } catch (error) {
      let message = error instanceof Error ? error.message : String(error);
      report.release = { error: message }, logger.warning(`release not recorded: ${message}`);
    }
  return report;
}
function publicReport(result) {
  let { results: _results, ...report } = result;
  return report;
}

// src/rollout/markdown.ts
function tableMarkdown(table) {
  let [header = [], ...rows] = table;
  return markdownTable(header, rows);
}
function rolloutSections(rollout, rollback = null, level = 3) {
  let heading = "#".repeat(level), lines = [];
  rollout.workloads.length ? lines.push(tableMarkdown(rolloutTable(rollout)), "") : lines.push("No workload changed, nothing to wait for.", "");
  let rows = diagnosisRows(rollout);
  rows.length && lines.push(`${heading} Diagnosis`, "", tableMarkdown(diagnosisTable(rows)), "");
  let shown = rollback ?? rollout.rollback;
  return (shown.workloads.length || shown.message) && (lines.push(`${heading} Rollback (${shown.mode}${shown.release ? `, release ${shown.release}` : ""}): ${shown.status}`, ""), shown.message && lines.push(inlineText(shown.message), ""), shown.workloads.length && lines.push(tableMarkdown(rollbackTable({ ...rollout, rollback: shown })), ""), shown.leftInPlace?.length && lines.push(inlineText(`Not in release ${shown.release ?? ""}, left in place (a rollback never deletes): ${shown.leftInPlace.join(", ")}`), "")), lines;
}

export {
  rolloutTable,
  diagnosisRows,
  diagnosisTable,
  rollbackTable,
  verdictLine,
  ROLLBACK_CHOICES,
  rolloutSettings,
  parseWorkloads,
  workloadsOf,
  PRUNE_ANNOTATION,
  PRUNE_ALLOW,
  entryKey,
  entryObject,
  DEFAULT_RELEASE_NAMESPACE,
  ReleaseStoreError,
  releaseConfigMapName,
  recordRelease,
  listReleases,
  rollbackWorkloads,
  rollbackToRelease,
  workloadService,
  rollbackEligible,
  runRollout,
  publicReport,
  rolloutSections
};
