import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  selectServiceResources
} from "./chunk-TMJPOBLI.js";
import {
  plainStyle,
  textTable
} from "./chunk-OORLVQZO.js";
import {
  allowedStatefulSetFields,
  appliedClientSide,
  classifyObjectError,
  credentialProblemOf,
  credentialSentence,
  describe,
  differences,
  hasDrifted,
  isCurrent,
  keyOf,
  objectErrorOf,
  ownerUids,
  parseFieldPath,
  refKey,
  sameObject,
  uidOf,
  valueAt
} from "./chunk-HHK5WSHU.js";
import {
  selectorArgument,
  selectorMatches,
  selectorOf
} from "./chunk-XURGQUZU.js";
import {
  renderOverlay,
  resourcesFromYaml
} from "./chunk-F3BAHKAQ.js";
import {
  WORKLOAD_KINDS,
  findPlaceholders,
  idOf
} from "./chunk-LLJRTO2H.js";
import {
  ClusterUnreachableError
} from "./chunk-ONP5N6JI.js";
import {
  KubeApiError,
  UnknownKindError,
  isConflict
} from "./chunk-YFCLFOYO.js";
import {
  FIELD_MANAGER,
  groupOfApiVersion,
  refOf
} from "./chunk-JNJT7SPT.js";
import {
  environmentSettings,
  overlayPath
} from "./chunk-ZQ3QI6WY.js";
import {
  inlineText,
  markdown,
  markdownTable,
  parseYaml
} from "./chunk-3F3HULD2.js";
import {
  isRecord
} from "./chunk-5YOTZDGR.js";
import {
  redactor,
  secretForms
} from "./chunk-4WAREM3A.js";
import {
  ConfigurationError,
  firstLine
} from "./chunk-LJ22TVXO.js";

// src/apply/secrets.ts
var ALWAYS_PRESENT = /* @__PURE__ */ new Set(["github_token"]);
function parseSecretValues(text, origin) {
  if (text === void 0 || text.trim() === "") return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    try {
      value = parseYaml(text, origin).value;
    } catch {
      throw new ConfigurationError(`${origin} is neither valid JSON nor YAML (content not shown: it holds secrets).`);
    }
  }
  if (value === null || typeof value != "object" || Array.isArray(value))
    throw new ConfigurationError(`${origin} must be an object of NAME: value pairs, e.g. \${{ toJSON(secrets) }}.`);
  let values = {};
  for (let [key, entry] of Object.entries(value))
    if (typeof entry == "number" || typeof entry == "boolean") values[key] = String(entry);
    else if (typeof entry == "string") values[key] = entry;
    else throw new ConfigurationError(`${origin}: the value of "${key}" must be a string.`);
  return values;
}
function substituteSecrets(resources, values, registerSecret) {
  for (let value of Object.values(values))
    if (value !== "")
      for (let form of secretForms(value)) registerSecret(form);
  let used = /* @__PURE__ */ new Set(), substituted = [], lowerIndex = /* @__PURE__ */ new Map();
  for (let name of Object.keys(values)) name.includes("/") || lowerIndex.set(name.toLowerCase(), name);
  let lookup = (object, key) => {
    let candidates = [
      object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}/${key}` : void 0,
      `${object.metadata.name}/${key}`,
      key,
      lowerIndex.get(key.toLowerCase())
    ];
    for (let candidate of candidates)
      if (candidate !== void 0 && Object.hasOwn(values, candidate))
        return used.add(candidate), candidate;
  }, result = resources.map((resource) => {
    if (resource.object.kind !== "Secret") return resource;
    let object = structuredClone(resource.object);
    for (let field of ["data", "stringData"]) {
      let entries = object[field];
      if (!(!entries || typeof entries != "object"))
        for (let key of Object.keys(entries)) {
          let name = lookup(object, key);
          if (name === void 0) continue;
          let value = values[name] ?? "";
          entries[key] = field === "data" ? Buffer.from(value, "utf8").toString("base64") : value, substituted.push(`Secret/${object.metadata.namespace ?? ""}/${object.metadata.name}: ${key}`);
        }
    }
    return { object, source: resource.source };
  }), unused = Object.keys(values).filter((name) => !used.has(name) && !ALWAYS_PRESENT.has(name.toLowerCase()));
  return { resources: result, unused, substituted, placeholders: findPlaceholders(result) };
}

// src/apply/context.ts
var ApplyAbort = class extends Error {
  name = "ApplyAbort";
}, MAX_QUOTE = 600, ApplyContext = class {
  constructor(request, kube, clock, logger) {
    this.request = request;
    this.kube = kube;
    this.clock = clock;
    this.logger = logger;
    this.report = {
      environment: request.environment,
      mode: request.dryRun ? "plan" : "apply",
      ok: !0,
      resources: [],
      recreated: [],
      placeholders: [],
      errors: [],
      warnings: [],
      workloads: [],
      templatesBefore: /* @__PURE__ */ new Map()
    }, this.redact = redactor(request.secrets);
    let settings = environmentSettings(request.control.config, request.environment);
    this.policy = request.immutableRecovery ?? settings.immutableRecovery, this.readyTimeoutMs = (request.readyTimeoutSeconds ?? settings.rolloutTimeoutSeconds) * 1e3;
  }
  request;
  kube;
  clock;
  logger;
  report;
  redact;
  policy;
  readyTimeoutMs;
  results = /* @__PURE__ */ new Map();
  record(object, action, reason) {
    let result = { ...idOf(object), action };
    reason && (result.reason = this.redact(reason)), this.results.set(keyOf(object), result);
  }
  resultOf(object) {
    return this.results.get(keyOf(object));
  }
  allResults() {
    return [...this.results.values()];
  }
  fail(message) {
    this.report.ok = !1, this.report.errors.push(this.redact(message));
  }
  warn(message) {
    this.report.warnings.push(this.redact(message)), this.logger.warning(this.redact(message));
  }
  /**
   * One API call that must be answered for the run to go on: credentials or RBAC refused, or no answer at all (the
   * client has already retried), stop the apply with one sentence; every other refusal is the caller's to judge.
   */
  async call(what, request) {
    try {
      return await request();
    } catch (error) {
      throw abortFor(what, error) ?? error;
    }
  }
  /**
   * One object's own request (dry run, apply): its refusal comes back as that object's error, an unknown kind too;
   * what concerns the whole run (credentials, an unreachable server) stops it.
   */
  async ask(what, object, request) {
    try {
      return { object, result: await request() };
    } catch (error) {
      let abort = abortFor(what, error);
      if (abort) throw abort;
      if (error instanceof KubeApiError || error instanceof UnknownKindError) return { object, error: objectErrorOf(error, object) };
      throw error;
    }
  }
};
function abortFor(what, error) {
  let credentials = credentialProblemOf(error);
  if (credentials) return new ApplyAbort(`${what}: ${credentialSentence(credentials)}`);
  if (error instanceof ClusterUnreachableError) return new ApplyAbort(`${what}: ${error.message}`);
}
function clip(text) {
  let trimmed = text.trim();
  return trimmed.length > MAX_QUOTE ? `${trimmed.slice(0, MAX_QUOTE)}\u2026` : trimmed;
}
function summarize(objects) {
  let names = objects.slice(0, 3).map((object) => describe(idOf(object)));
  return `${objects.length} object(s) (${names.join(", ")}${objects.length > 3 ? ", \u2026" : ""})`;
}

// src/k8s/concurrency.ts
async function mapLimit(items, limit, fn) {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`bug: mapLimit needs a positive limit, got ${limit}`);
  let results = new Array(items.length), next = 0, failure, worker = async () => {
    for (; !failure && next < items.length; ) {
      let index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  if (await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker)), failure) throw failure.error;
  return results;
}

// src/apply/plan.ts
import { isDeepStrictEqual } from "node:util";

// src/apply/live.ts
async function readLive(context, objects) {
  let places = /* @__PURE__ */ new Map(), discovered = /* @__PURE__ */ new Map();
  for (let object of objects) {
    let type = `${object.apiVersion}/${object.kind}`;
    discovered.has(type) || discovered.set(
      type,
      context.call(`discovering ${object.kind} in ${object.apiVersion}`, () => context.kube.resourceOf(object.apiVersion, object.kind))
    );
    let info = await discovered.get(type);
    if (!info) continue;
    let namespace = info.namespaced ? object.metadata.namespace : void 0;
    if (info.namespaced && !namespace) continue;
    let kind = { apiVersion: object.apiVersion, kind: object.kind, ...namespace ? { namespace } : {} }, key = `${object.apiVersion}/${object.kind}/${namespace ?? ""}`, place = places.get(key) ?? { kind, objects: [] };
    place.objects.push(object), places.set(key, place);
  }
  let live = /* @__PURE__ */ new Map();
  return await mapLimit([...places.values()], 16, async ({ kind, objects: wanted }) => {
    let only = wanted.length === 1 ? wanted[0] : void 0, options = only ? { fieldSelector: `metadata.name=${only.metadata.name}` } : {}, what = `reading the live state of ${summarize(wanted)}`, { items } = await context.call(what, () => context.kube.list(kind, options));
    for (let object of wanted) {
      let found = items.find((item) => sameObject(item, object));
      found && live.set(keyOf(object), found);
    }
  }), live;
}
async function readLivePlaced(context, unplaced, placed) {
  let located = unplaced.flatMap((object) => {
    let namespace = placed(object);
    return namespace ? [{ original: object, located: { ...object, metadata: { ...object.metadata, namespace } } }] : [];
  }), found = await readLive(
    context,
    located.map((entry) => entry.located)
  ), live = /* @__PURE__ */ new Map();
  for (let entry of located) {
    let object = found.get(keyOf(entry.located));
    object && live.set(keyOf(entry.original), object);
  }
  return live;
}

// src/apply/plan.ts
var TEMPLATED_KINDS = /* @__PURE__ */ new Set(["Deployment", "StatefulSet", "DaemonSet"]);
async function planStage(context, objects) {
  let live = await readLive(context, objects), answers = await dryRun(context, objects), unplaced = objects.filter((object) => !object.metadata.namespace && !live.has(keyOf(object))), placed = await readLivePlaced(context, unplaced, (object) => answers.get(keyOf(object))?.result?.metadata.namespace);
  for (let [key, object] of placed) live.set(key, object);
  for (let object of objects) rememberTemplate(context, object, live.get(keyOf(object)), answers.get(keyOf(object))?.result);
  return objects.map((object) => predict(context, object, live.get(keyOf(object)), answers.get(keyOf(object))));
}
async function dryRun(context, objects) {
  let answers = await mapLimit(
    objects,
    16,
    (object) => context.ask(`server-side dry run of ${describe(idOf(object))}`, object, () => context.kube.apply(object, { dryRun: !0 }))
  );
  return new Map(answers.map((answer) => [keyOf(answer.object), answer]));
}
function predict(context, object, current, answer) {
  if (answer?.error) return judge(context, object, current, answer.error);
  if (!current) return { object, prediction: "create" };
  let result = answer?.result;
  if (!result) return { object, live: current, prediction: "rejected", reason: "the server-side dry run returned no result for this object" };
  object.kind === "Service" && valueAt(current, ["spec", "clusterIP"]) === "None" && valueAt(object, ["spec", "clusterIP"]) === void 0 && context.warn(
    `${describe(idOf(object))} stays headless (clusterIP: None): its manifest no longer sets clusterIP, but the server keeps a Service's clusterIP, so applying cannot give it a virtual IP. If that is intended, delete the Service by hand and deploy again; otherwise put "clusterIP: None" back into the manifest.`
  );
  let changes = hasDrifted(current, result) || appliedClientSide(current);
  return { object, live: current, prediction: changes ? "configure" : "unchanged" };
}
function rememberTemplate(context, object, current, dryRun2) {
  if (!TEMPLATED_KINDS.has(object.kind)) return;
  let key = refKey(idOf(object)), before = valueAt(current, ["spec", "template"]);
  if (!current || before === void 0) {
    context.report.templatesBefore.set(key, { changed: !0 });
    return;
  }
  let after = dryRun2 ? valueAt(dryRun2, ["spec", "template"]) : void 0;
  context.report.templatesBefore.set(key, { template: before, changed: !dryRun2 || !isDeepStrictEqual(before, after) });
}
function judge(context, object, live, error) {
  let serverSays = `server: "${context.redact(clip(error.message))}"`, fields = blockingFields(error, object, live), fieldText = fields.join(", "), id = describe(idOf(object)), refused = (reason) => ({ object, live, error, fields, prediction: "blocked", reason });
  switch (classifyObjectError(error)) {
    case "recreatable":
      return context.policy === "recreate" ? { object, live, error, fields, prediction: "recreate", reason: `immutable field ${fieldText} changed; ${serverSays}` } : refused(
        `immutable field ${fieldText} of ${id} blocks the change and immutable_recovery is "fail"; change it back or recreate ${id} deliberately; ${serverSays}`
      );
    case "pvc":
      return refused(`${pvcGuidance(error, fieldText)} ${serverSays}`);
    case "immutable":
      return refused(`field ${fieldText} cannot change and k8sapp never re-creates a ${object.kind}: ${immutableGuidance(object.kind)} ${serverSays}`);
    default:
      return error.reason === "UnknownKind" ? { object, live, error, prediction: "rejected", reason: error.message } : { object, live, error, prediction: "rejected", reason: `the server rejected it: "${context.redact(clip(error.message))}"` };
  }
}
function blockingFields(error, desired, live) {
  let fields = [], secret = desired.kind === "Secret", show = (difference) => {
    let scalar = (value) => value == null || ["string", "number", "boolean", "bigint"].includes(typeof value);
    if (secret || !scalar(difference.desired) || !scalar(difference.live)) return difference.path;
    let text = `${String(difference.live ?? "(unset)")} \u2192 ${String(difference.desired)}`;
    return text.length > 80 ? difference.path : `${difference.path} (${text})`;
  };
  for (let cause of error.causes) {
    if (!live) {
      cause.field && fields.push(cause.field);
      continue;
    }
    let allowed = error.kind === "StatefulSet" && cause.field === "spec" ? allowedStatefulSetFields(cause.detail) : [], found;
    if (allowed.length > 0) {
      let spec = { ...desired.spec ?? {} };
      for (let key of allowed) delete spec[key];
      found = differences(spec, live.spec, "spec");
    } else {
      let path = parseFieldPath(cause.field);
      found = differences(valueAt(desired, path), valueAt(live, path), cause.field);
    }
    found.length === 0 ? fields.push(cause.field || "(unknown field)") : fields.push(...found.slice(0, 5).map(show));
  }
  return [...new Set(fields)];
}
function pvcGuidance(error, fields) {
  let advice = error.causes.some((cause) => cause.field === "spec.resources.requests.storage") ? "a PersistentVolumeClaim can only grow: restore the previous size, or create a new claim and migrate the data" : "a PersistentVolumeClaim only allows resources.requests to grow (on a bound claim whose StorageClass allows expansion); storageClassName, accessModes and the rest cannot change: restore the previous value, or create a new claim under a new name and migrate the data";
  return `${fields} cannot change: ${advice}. k8sapp never deletes a PersistentVolumeClaim (its data would be lost).`;
}
function immutableGuidance(kind) {
  return kind === "ConfigMap" || kind === "Secret" ? `an immutable ${kind} cannot be edited; give it a new name (e.g. a kustomize generator with a hash suffix) or remove "immutable: true" and delete it by hand.` : kind === "Pod" ? "a bare Pod cannot change this field; manage it with a Deployment or delete the Pod by hand." : `delete ${kind} by hand if re-creating it is safe.`;
}

// src/apply/recreate.ts
var ORPHANING_KINDS = /* @__PURE__ */ new Set(["StatefulSet", "Deployment", "DaemonSet", "ReplicaSet"]), POLICY = { orphan: "Orphan", foreground: "Foreground", background: "Background" };
function newRecreation(context, entry, status) {
  let object = entry.object, cascade = object.kind === "Job" ? "foreground" : object.kind === "Service" ? "background" : "orphan", recreation = {
    ...idOf(object),
    status,
    fields: entry.fields ?? [],
    serverMessage: context.redact(clip(entry.error?.message ?? "")),
    cascade,
    preserved: [],
    orphansRemoved: [],
    orphansLeft: []
  };
  if (object.kind === "Service") {
    let before = valueAt(entry.live, ["spec", "clusterIP"]);
    recreation.warning = `Service re-created: its clusterIP changes${typeof before == "string" ? ` (was ${before})` : ""}; clients that resolved or cached the old address must reconnect.`;
  }
  return object.kind === "Job" && (recreation.warning = "Job re-created: it runs again from the start (its old pods were deleted first)."), recreation;
}
function predictedPreservation(entry) {
  if (!entry.live || !ORPHANING_KINDS.has(entry.object.kind)) return [];
  let preserved = [selectorKeepsPods(entry.object, entry.live) ? "running pods (adopted by the new object)" : "running pods until the new object is ready"];
  return entry.object.kind === "StatefulSet" && preserved.push("PersistentVolumeClaims (never deleted)"), preserved;
}
function selectorKeepsPods(desired, live) {
  let labels = valueAt(live, ["spec", "template", "metadata", "labels"]);
  return selectorMatches(selectorOf(desired), labels);
}
async function recreate(context, entries) {
  let deleted = [];
  for (let entry of entries) {
    let recreation = newRecreation(context, entry, "recreated");
    context.report.recreated.push(recreation);
    let id = describe(idOf(entry.object)), orphans = entry.live ? await planOrphans(context, entry.object, entry.live) : void 0;
    orphans && recreation.preserved.push(...orphans.preserved), context.logger.info(`Re-creating ${id}: ${entry.reason}`);
    let what = `deleting ${id} (cascade ${recreation.cascade}) to re-create it`, failure = await deleteAndWait(context, entry, POLICY[recreation.cascade], what);
    if (failure) {
      recreation.status = "failed";
      let reason = `${entry.reason}; then ${what} failed: ${failure}`;
      context.record(entry.object, "failed", reason), context.fail(`${id}: ${reason}`);
      continue;
    }
    deleted.push({ entry, recreation, orphans });
  }
  if (deleted.length === 0) return;
  let answers = await mapLimit(
    deleted,
    16,
    ({ entry }) => context.ask(`re-applying ${describe(idOf(entry.object))}`, entry.object, () => context.kube.apply(entry.object))
  );
  for (let [index, { entry, recreation, orphans }] of deleted.entries()) {
    let id = describe(idOf(entry.object)), second = answers[index]?.error;
    if (second) {
      recreation.status = "failed";
      let reason = `still refused after re-creation. First: ${entry.reason}. After deleting it: "${context.redact(clip(second.message))}". It is now absent from the cluster; fix the manifest and deploy again.`;
      context.record(entry.object, "failed", reason), context.fail(`${id}: ${reason}`);
      continue;
    }
    context.record(entry.object, "recreated", entry.reason), recreation.warning && context.warn(`${id}: ${recreation.warning}`), orphans && orphans.orphaned.length > 0 && await cleanupOrphans(context, entry.object, recreation, orphans);
  }
}
async function deleteAndWait(context, entry, propagationPolicy, what) {
  let ref = refOfLive(entry), uid = uidOf(entry.live);
  try {
    await context.call(what, () => context.kube.delete(ref, { propagationPolicy, ...uid ? { uid } : {} }));
  } catch (error) {
    if (isConflict(error)) return;
    if (error instanceof KubeApiError) return `"${context.redact(clip(error.message))}"`;
    throw error;
  }
  return await poll(context, `${describe(idOf(entry.object))} to be deleted`, context.readyTimeoutMs, 1e3, async () => {
    let current = await context.call(`waiting for ${describe(idOf(entry.object))} to be deleted`, () => context.kube.get(ref));
    return !current || uid !== void 0 && uidOf(current) !== uid;
  }) ? void 0 : `it was still being deleted after ${Math.round(context.readyTimeoutMs / 1e3)}s`;
}
function refOfLive(entry) {
  let namespace = entry.object.metadata.namespace ?? entry.live?.metadata.namespace;
  return { apiVersion: entry.object.apiVersion, kind: entry.object.kind, name: entry.object.metadata.name, ...namespace ? { namespace } : {} };
}
async function planOrphans(context, desired, live) {
  if (!ORPHANING_KINDS.has(desired.kind)) return;
  let oldSelector = selectorOf(live), oldUid = uidOf(live);
  if (!oldSelector || !oldUid) return;
  let childKind = desired.kind === "Deployment" ? "replicaset" : "pod", namespace = desired.metadata.namespace ?? live.metadata.namespace, what = `listing the ${childKind}s of ${describe(idOf(desired))}`, children = (await context.call(what, () => listChildren(context, childKind, namespace, oldSelector))).filter((child) => ownerUids(child).includes(oldUid)), newSelector = selectorOf(desired), adopted = children.filter((child) => selectorMatches(newSelector, child.metadata.labels)), orphaned = children.filter((child) => !adopted.includes(child)), preserved = adopted.map((child) => `${childKind}/${child.metadata.name} (adopted by the new ${desired.kind})`);
  return desired.kind === "StatefulSet" && preserved.push(...claimNames(live, children).map((claim) => `persistentvolumeclaim/${claim} (never deleted)`)), { childKind, ...namespace ? { namespace } : {}, oldUid, oldSelector, orphaned: orphaned.map((child) => child.metadata.name), preserved };
}
async function listChildren(context, childKind, namespace, selector) {
  let kind = childKind === "replicaset" ? { apiVersion: "apps/v1", kind: "ReplicaSet" } : { apiVersion: "v1", kind: "Pod" }, { items } = await context.kube.list({ ...kind, ...namespace ? { namespace } : {} }, { labelSelector: selectorArgument(selector) });
  return items;
}
async function cleanupOrphans(context, desired, recreation, plan) {
  let id = describe(idOf(desired));
  await context.logger.group(`Orphans of ${id}`, async () => {
    desired.kind === "StatefulSet" ? await replaceStatefulSetOrphans(context, desired, recreation, plan) : await retireOrphans(context, desired, recreation, plan);
  });
}
async function replaceStatefulSetOrphans(context, desired, recreation, plan) {
  let id = describe(idOf(desired)), pods = [...plan.orphaned].sort((a, b) => ordinal(a) - ordinal(b)), spec = desired.spec ?? {}, first = Number(spec.ordinals?.start ?? 0), wanted = (pod) => ordinal(pod) >= first && ordinal(pod) < first + Number(spec.replicas ?? 1);
  for (let [index, pod] of pods.entries()) {
    context.logger.info(`Replacing orphaned pod ${pod} so the new StatefulSet can create its own`);
    let outcome = await deleteStatefulSetOrphan(context, pod, plan);
    if (outcome.failed) {
      leaveOrphans(
        context,
        recreation,
        pods.slice(index).map((name) => `pod/${name}`),
        `deleting pod ${pod} failed: ${outcome.failed}`
      );
      return;
    }
    if (outcome.removed && recreation.orphansRemoved.push(`pod/${pod}`), !wanted(pod)) continue;
    let ref = { apiVersion: "v1", kind: "Pod", name: pod, ...plan.namespace ? { namespace: plan.namespace } : {} };
    if (!await waitFor(context, `pod ${pod} of the new StatefulSet ${id} to be ready`, ref, (replacement) => {
      let owners = replacement ? ownerUids(replacement) : [];
      return !!replacement && !owners.includes(plan.oldUid) && owners.length > 0 && isCurrent(replacement);
    })) {
      leaveOrphans(
        context,
        recreation,
        pods.slice(index + 1).map((name) => `pod/${name}`),
        `pod ${pod} of the new StatefulSet did not become ready in time`
      );
      return;
    }
  }
}
async function deleteStatefulSetOrphan(context, pod, plan) {
  let found;
  try {
    found = (await listChildren(context, "pod", plan.namespace, plan.oldSelector)).find((child) => child.metadata.name === pod);
  } catch (error) {
    return { removed: !1, failed: failureText(context, `re-reading orphaned pod ${pod}`, error) };
  }
  let owners = found ? ownerUids(found).filter((uid2) => uid2 !== plan.oldUid) : [], uid = uidOf(found);
  if (!found || owners.length > 0 || !uid)
    return context.logger.info(`pod ${pod} is ${found ? "owned by a controller now" : "already gone"}; not deleting it`), { removed: !1 };
  let ref = { apiVersion: "v1", kind: "Pod", name: pod, ...plan.namespace ? { namespace: plan.namespace } : {} };
  try {
    return { removed: await context.kube.delete(ref, { uid }) === "deleted" };
  } catch (error) {
    return isConflict(error) ? { removed: !1 } : { removed: !1, failed: failureText(context, `deleting orphaned pod ${pod}`, error) };
  }
}
async function retireOrphans(context, desired, recreation, plan) {
  let id = describe(idOf(desired)), ref = { apiVersion: desired.apiVersion, kind: desired.kind, name: desired.metadata.name, ...plan.namespace ? { namespace: plan.namespace } : {} }, ready = await waitFor(context, `the new ${id} to be ready`, ref, isCurrent), refs = plan.orphaned.map((name) => `${plan.childKind}/${name}`);
  if (!ready) {
    leaveOrphans(context, recreation, refs, `the new ${desired.kind} did not become ready in time; the old ${plan.childKind}s keep serving`);
    return;
  }
  let stillOrphaned = (await context.call(`re-reading the orphans of ${id}`, () => listChildren(context, plan.childKind, plan.namespace, plan.oldSelector))).filter((child) => plan.orphaned.includes(child.metadata.name) && ownerUids(child).length === 0);
  for (let child of stillOrphaned) {
    let childRef = `${plan.childKind}/${child.metadata.name}`, uid = uidOf(child);
    try {
      await context.kube.delete(
        { apiVersion: child.apiVersion, kind: child.kind, name: child.metadata.name, ...plan.namespace ? { namespace: plan.namespace } : {} },
        { ...uid ? { uid } : {}, ...plan.childKind === "replicaset" ? { propagationPolicy: "Background" } : {} }
      ) === "deleted" && recreation.orphansRemoved.push(childRef);
    } catch (error) {
      if (isConflict(error)) continue;
      leaveOrphans(context, recreation, [childRef], `deleting ${childRef} failed: ${failureText(context, `deleting orphaned ${childRef}`, error)}`);
    }
  }
}
function failureText(context, what, error) {
  let credentials = credentialProblemOf(error);
  if (credentials) throw new ApplyAbort(`${what}: ${credentialSentence(credentials)}`);
  if (error instanceof KubeApiError || error instanceof ClusterUnreachableError) return `"${context.redact(firstLine(error.message))}"`;
  throw error;
}
function leaveOrphans(context, recreation, refs, why) {
  recreation.orphansLeft.push(...refs), refs.length !== 0 && context.fail(
    `${describe(recreation)}: orphaned ${refs.join(", ")} still running without an owner: ${why}. Delete them once the new ${recreation.kind} is ready (kubectl delete ${refs.join(" ")}${recreation.namespace ? ` -n ${recreation.namespace}` : ""}).`
  );
}
async function waitFor(context, what, ref, done) {
  return poll(context, what, context.readyTimeoutMs, 2e3, async () => done(await context.call(`waiting for ${what}`, () => context.kube.get(ref))));
}
async function poll(context, what, limitMs, intervalMs, check) {
  let { clock, logger } = context, start = clock.now().getTime(), polls = 0;
  for (; ; ) {
    if (await check()) return !0;
    let elapsed = clock.now().getTime() - start;
    if (elapsed >= limitMs) return !1;
    polls++ % 5 === 0 && logger.info(`Waiting for ${what} (${Math.round(elapsed / 1e3)}s of ${Math.round(limitMs / 1e3)}s)`), await clock.sleep(intervalMs);
  }
}
function claimNames(live, pods) {
  return (valueAt(live, ["spec", "volumeClaimTemplates"]) ?? []).flatMap((template) => pods.map((pod) => `${template.metadata?.name ?? ""}-${pod.metadata.name}`));
}
function ordinal(pod) {
  let match = /-(\d+)$/.exec(pod);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

// src/apply/csa-upgrade.ts
var LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
function csaUpgradePatch(live, ssaManager) {
  if (!Object.hasOwn(live.metadata.annotations ?? {}, LAST_APPLIED)) return;
  let entries = live.metadata.managedFields ?? [], csaManagers = new Set(entries.filter((e) => e.operation === "Update" && ownsLastApplied(e.fieldsV1)).map((e) => e.manager ?? "")), upgraded = entries.map((e) => structuredClone(e));
  for (let csaManager of csaManagers) upgraded = upgradedManagedFields(upgraded, csaManager, ssaManager);
  if (JSON.stringify(upgraded) !== JSON.stringify(entries))
    return [
      { op: "replace", path: "/metadata/managedFields", value: upgraded },
      // `replace`, not `test`: a concurrent writer makes etcd answer 409 Conflict rather than the API server 422.
      { op: "replace", path: "/metadata/resourceVersion", value: live.metadata.resourceVersion }
    ];
}
function ownsLastApplied(fields) {
  let annotations = fields?.["f:metadata"]?.["f:annotations"];
  return annotations !== void 0 && Object.hasOwn(annotations, `f:${LAST_APPLIED}`);
}
var isMain = (e) => !e.subresource;
function upgradedManagedFields(entries, csaManager, ssaManager) {
  let target = entries.findIndex((e) => e.manager === ssaManager && e.operation === "Apply" && isMain(e));
  if (target === -1) {
    if (target = entries.findIndex((e) => e.manager === csaManager && e.operation === "Update" && isMain(e)), target === -1) return entries;
    entries[target] = { ...entries[target], operation: "Apply", manager: ssaManager };
  }
  let into = entries[target], csa = entries.find((e) => e.manager === csaManager && e.operation === "Update" && isMain(e) && e.apiVersion === into.apiVersion);
  return csa && (into.fieldsV1 = unionFields(into.fieldsV1 ?? {}, csa.fieldsV1 ?? {})), entries.filter((e) => !(e.manager === csaManager && e.operation === "Update" && isMain(e)));
}
function unionFields(a, b) {
  let result = { ...a };
  for (let [key, value] of Object.entries(b)) {
    let mine = result[key];
    result[key] = isRecord(mine) && isRecord(value) ? unionFields(mine, value) : isRecord(mine) ? mine : value;
  }
  return result;
}

// src/apply/stages.ts
var STAGE_ONE_KINDS = /* @__PURE__ */ new Set(["Namespace", "CustomResourceDefinition"]);
function stagesOf(objects) {
  return [
    ["Namespaces and CustomResourceDefinitions", objects.filter((object) => STAGE_ONE_KINDS.has(object.kind))],
    ["Resources", objects.filter((object) => !STAGE_ONE_KINDS.has(object.kind))]
  ];
}
var StageRunner = class {
  constructor(context) {
    this.context = context;
  }
  context;
  /** Plan mode: namespaces and custom kinds that stage one would create, so stage two cannot dry-run into them. */
  pendingNamespaces = /* @__PURE__ */ new Set();
  pendingKinds = /* @__PURE__ */ new Set();
  /** Returns false when the stage was refused and later stages must not run. */
  async run(objects, first) {
    let { context } = this, deferred = context.request.dryRun ? objects.filter((object) => this.isDeferred(object)) : [];
    for (let object of deferred) {
      let why = object.metadata.namespace && this.pendingNamespaces.has(object.metadata.namespace) ? `namespace ${object.metadata.namespace} is created first` : "its CustomResourceDefinition is created first";
      context.record(object, "created", `predicted: ${why} (not dry-run)`);
    }
    let checked = objects.filter((object) => !deferred.includes(object));
    if (checked.length === 0) return !0;
    let planned = await planStage(context, checked);
    if (context.request.dryRun)
      return this.reportPlan(planned), first && this.rememberPending(planned), !0;
    let refused = planned.filter((entry) => entry.prediction === "blocked" || entry.prediction === "rejected");
    if (refused.length > 0) {
      for (let entry of refused)
        context.record(entry.object, "failed", entry.reason), context.fail(`${describe(idOf(entry.object))}: ${entry.reason}`);
      let note = `not applied: the server's dry run refused ${refused.length} object(s) of this stage, so nothing in it was changed`;
      for (let entry of planned) refused.includes(entry) || context.record(entry.object, "skipped", note);
      return !1;
    }
    for (let entry of planned) entry.prediction === "unchanged" && context.record(entry.object, "unchanged");
    let toApply = planned.filter((entry) => entry.prediction !== "unchanged");
    return toApply.length === 0 ? (context.logger.info("Nothing to change in this stage."), !0) : (await this.applyAndRecover(toApply), first && await this.waitForCrds(toApply.map((entry) => entry.object)), !toApply.some((entry) => context.resultOf(entry.object)?.action === "failed"));
  }
  isDeferred(object) {
    return object.metadata.namespace && this.pendingNamespaces.has(object.metadata.namespace) ? !0 : this.pendingKinds.has(`${object.kind}.${groupOfApiVersion(object.apiVersion)}`);
  }
  rememberPending(planned) {
    for (let entry of planned)
      if (entry.prediction === "create" && (entry.object.kind === "Namespace" && this.pendingNamespaces.add(entry.object.metadata.name), entry.object.kind === "CustomResourceDefinition")) {
        let spec = entry.object.spec;
        spec?.names?.kind && this.pendingKinds.add(`${spec.names.kind}.${spec.group ?? ""}`);
      }
  }
  reportPlan(planned) {
    let { context } = this;
    for (let entry of planned)
      switch (entry.prediction) {
        case "create":
          context.record(entry.object, "created");
          break;
        case "configure":
          context.record(entry.object, "configured");
          break;
        case "unchanged":
          context.record(entry.object, "unchanged");
          break;
        case "recreate": {
          context.record(entry.object, "recreated", entry.reason);
          let recreation = newRecreation(context, entry, "planned");
          recreation.preserved = predictedPreservation(entry), entry.live && ORPHANING_KINDS.has(entry.object.kind) && !selectorKeepsPods(entry.object, entry.live) && (recreation.warning = `the selector changes: the running pods will not be adopted; k8sapp removes them once the new ${entry.object.kind} is ready`), context.report.recreated.push(recreation);
          break;
        }
        default:
          context.record(entry.object, "failed", entry.reason), context.fail(`${describe(idOf(entry.object))}: ${entry.reason ?? "refused"}`);
      }
  }
  /** Server-side apply of each object (field manager k8sapp, forced), then re-creation of what immutable fields refused. */
  async applyAndRecover(toApply) {
    let { context } = this;
    context.logger.info(`Server-side apply (field manager k8sapp, conflicts forced) of ${toApply.length} object(s), ${16} at a time`);
    let answers = await mapLimit(toApply, 16, async (entry) => {
      let upgrade = entry.live ? csaUpgradePatch(entry.live, FIELD_MANAGER) : void 0;
      if (upgrade) {
        let taken = await context.ask(
          `taking over ${describe(idOf(entry.object))} from client-side apply`,
          entry.object,
          () => context.kube.patch(refOf(entry.live), upgrade, { type: "json", fieldManager: FIELD_MANAGER })
        );
        taken.error && context.logger.info(`${describe(idOf(entry.object))}: client-side ownership not taken over: ${taken.error.message}`);
      }
      return context.ask(`applying ${describe(idOf(entry.object))}`, entry.object, () => context.kube.apply(entry.object));
    }), recover = [];
    for (let [index, entry] of toApply.entries()) {
      let error = answers[index]?.error;
      if (!error) {
        context.record(entry.object, entry.prediction === "create" ? "created" : "configured");
        continue;
      }
      let judged = judge(context, entry.object, entry.live, error);
      judged.prediction === "recreate" ? recover.push(judged) : (context.record(entry.object, "failed", judged.reason), context.fail(`${describe(idOf(entry.object))}: ${judged.reason}`));
    }
    recover.length > 0 && await recreate(context, recover);
  }
  /**
   * New or changed CustomResourceDefinitions must be Established, and their kinds served by discovery, before a
   * custom resource of them is applied.
   */
  async waitForCrds(objects) {
    let { context } = this, crds = objects.filter(
      (object) => object.kind === "CustomResourceDefinition" && ["created", "configured", "recreated"].includes(context.resultOf(object)?.action ?? "")
    );
    if (crds.length === 0) return;
    let limit = (context.request.crdTimeoutSeconds ?? 60) * 1e3, pending = crds;
    if (!await poll(context, `${crds.length} CustomResourceDefinition(s) to be established`, limit, 1e3, async () => {
      let served = await mapLimit(pending, 16, (crd) => this.crdServed(crd));
      return pending = pending.filter((_, index) => !served[index]), pending.length === 0;
    }))
      throw new ApplyAbort(`CustomResourceDefinition(s) ${pending.map((crd) => crd.metadata.name).join(", ")} not established within ${limit / 1e3}s`);
  }
  async crdServed(crd) {
    let { context } = this, ref = { apiVersion: crd.apiVersion, kind: crd.kind, name: crd.metadata.name }, current = await context.call(`reading CustomResourceDefinition ${crd.metadata.name}`, () => context.kube.get(ref));
    if (!current || !established(current)) return !1;
    let spec = current.spec ?? {}, version = spec.versions?.find((candidate) => candidate.served !== !1)?.name;
    if (!spec.group || !spec.names?.kind || !version) return !0;
    let apiVersion = `${spec.group}/${version}`, kind = spec.names.kind;
    return await context.call(`discovering ${kind} in ${apiVersion}`, () => context.kube.resourceOf(apiVersion, kind)) !== void 0;
  }
};
function established(crd) {
  return (valueAt(crd, ["status", "conditions"]) ?? []).some((condition) => condition.type === "Established" && condition.status === "True");
}

// src/apply/engine.ts
async function applyEnvironment(request, deps) {
  let context = new ApplyContext(request, deps.kube, deps.clock, deps.logger), resources = await deps.logger.group("Build", () => build(request, deps)), order = new Map(resources.map((resource, index) => [keyOf(resource.object), index])), selected = prepare(context, resources);
  return selected && await applyStages(context, selected), finish(context, order);
}
async function build(request, deps) {
  let given = request.manifests, overlay = given?.origin ?? overlayPath(request.control, request.environment), resources;
  if (given)
    resources = resourcesFromYaml(given.yaml, overlay);
  else {
    if (!deps.kubectl) throw new Error("bug: applyEnvironment needs kubectl (for kubectl kustomize) when no manifests are given");
    deps.logger.info(`kubectl kustomize ${overlay}`), resources = (await renderOverlay(deps.kubectl, overlay)).resources;
  }
  return deps.logger.info(`${given ? "Read" : "Built"} ${resources.length} object(s) from ${overlay}.`), resources;
}
function prepare(context, resources) {
  let { request, logger } = context, substitution = substituteSecrets(resources, request.secrets, request.registerSecret), { selected, skipped } = selectServiceResources(request.control, request.environment, substitution.resources, request.services);
  for (let [object, reason] of skipped) context.record(object, "skipped", reason);
  let selectedKeys = new Set(selected.map((resource) => keyOf(resource.object))), placeholders = substitution.placeholders.filter(
    (placeholder) => selectedKeys.has(keyOf({ apiVersion: "v1", kind: "Secret", metadata: { name: placeholder.secret, namespace: placeholder.namespace } }))
  );
  context.report.placeholders = placeholders.map(({ secret, namespace, key, field }) => ({ secret, ...namespace ? { namespace } : {}, key, field })), substitution.unused.length > 0 && context.warn(`Supplied secret value(s) matched no Secret key and were not used: ${substitution.unused.join(", ")}`), logger.info(`${selected.length} object(s) selected, ${skipped.length} skipped; ${substitution.substituted.length} secret value(s) substituted in memory.`);
  let objects = selected.map((resource) => resource.object);
  if (placeholders.length === 0) return objects;
  for (let placeholder of placeholders) {
    let where = `${placeholder.namespace ? `${placeholder.namespace}/` : ""}${placeholder.secret}`;
    context.fail(
      `Secret ${where}: key ${placeholder.key} (${placeholder.field}) still holds a placeholder; supply a value named "${placeholder.key}" or "${placeholder.secret}/${placeholder.key}" in the secrets input. Refusing to deploy a well-known value.`
    );
  }
  if (request.dryRun) return objects;
  for (let object of objects) context.record(object, "skipped", "not applied: unresolved secret placeholders (see errors)");
}
async function applyStages(context, objects) {
  let runner = new StageRunner(context), stopped;
  for (let [index, [name, stage]] of stagesOf(objects).entries())
    if (stage.length !== 0) {
      if (stopped) {
        for (let object of stage) context.record(object, "skipped", stopped);
        continue;
      }
      try {
        let verb = context.request.dryRun ? "Plan" : "Apply";
        await context.logger.group(`${verb} stage ${index + 1}: ${name} (${stage.length})`, () => runner.run(stage, index === 0)) || (stopped = "not applied: an earlier stage failed (see errors)");
      } catch (error) {
        if (!(error instanceof ApplyAbort)) throw error;
        let message = context.redact(error.message);
        context.fail(message);
        for (let object of stage) context.resultOf(object) || context.record(object, "failed", firstLine(message));
        stopped = "not applied: an earlier stage failed (see errors)";
      }
    }
}
function finish(context, order) {
  let report = context.report, position = (result) => order.get(resourceKeyOf(result)) ?? Number.MAX_SAFE_INTEGER;
  report.resources = context.allResults().sort((a, b) => position(a) - position(b)), report.workloads = report.resources.filter((result) => WORKLOAD_KINDS.has(result.kind) && ["created", "configured", "recreated"].includes(result.action)).map(({ kind, namespace, name }) => ({ kind, ...namespace ? { namespace } : {}, name }));
  let waited = new Set(report.workloads.map((workload) => refKey(workload)));
  for (let key of [...report.templatesBefore.keys()]) waited.has(key) || report.templatesBefore.delete(key);
  return report.errors.length > 0 && (report.ok = !1), report;
}
function resourceKeyOf(id) {
  return keyOf({ apiVersion: "", kind: id.kind, metadata: { name: id.name, ...id.namespace ? { namespace: id.namespace } : {} } });
}

// src/apply/render.ts
var PLAN_WORDS = {
  created: "create",
  configured: "change",
  unchanged: "unchanged",
  recreated: "**re-create**",
  failed: "**refused**",
  skipped: "skip"
};
function applyMarkdown(report) {
  let plan = report.mode === "plan", lines = [];
  lines.push(`### k8sapp ${plan ? "plan" : "apply"}: ${report.environment} ${report.ok ? "\u2705" : "\u274C"}`, "");
  let counts2 = /* @__PURE__ */ new Map();
  for (let resource of report.resources) counts2.set(resource.action, (counts2.get(resource.action) ?? 0) + 1);
  if (lines.push(
    [...counts2].map(([action, count]) => `${count} ${plan ? PLAN_WORDS[action].replace(/\*/g, "") : action}`).join(" \xB7 ") || "no resources",
    ""
  ), report.resources.length > 0) {
    let rows = report.resources.map((resource) => [
      markdown(plan ? PLAN_WORDS[resource.action] : resource.action),
      resource.kind,
      resource.namespace ?? "",
      resource.name,
      resource.reason ?? ""
    ]);
    lines.push(markdownTable([plan ? "Would" : "Action", "Kind", "Namespace", "Name", "Reason"], rows), "");
  }
  if (report.recreated.length > 0) {
    lines.push(plan ? "#### Would be re-created (immutable fields)" : "#### Re-created (immutable fields)", "");
    let rows = report.recreated.map((recreation) => {
      let id = `${recreation.kind}/${recreation.namespace ? `${recreation.namespace}/` : ""}${recreation.name}${recreation.status === "failed" ? " (failed)" : ""}`, note = [recreation.warning, recreation.orphansLeft.length ? `orphans left: ${recreation.orphansLeft.join(", ")}` : ""].filter(Boolean).join("; ");
      return [
        id,
        recreation.fields.join(", "),
        POLICY[recreation.cascade],
        recreation.preserved.join(", ") || "\u2014",
        recreation.orphansRemoved.join(", ") || "\u2014",
        note
      ];
    });
    lines.push(markdownTable(["Resource", "Field", "Propagation", "Preserved", "Orphans removed", "Note"], rows), "");
  }
  if (report.placeholders.length > 0) {
    lines.push("#### Unresolved secret placeholders", "");
    for (let placeholder of report.placeholders)
      lines.push(
        `- Secret \`${placeholder.namespace ? `${placeholder.namespace}/` : ""}${placeholder.secret}\` key \`${placeholder.key}\` (${placeholder.field})`
      );
    lines.push("");
  }
  if (report.errors.length > 0) {
    lines.push("#### Errors", "");
    for (let error of report.errors) lines.push(`- ${inlineText(error)}`);
    lines.push("");
  }
  if (report.warnings.length > 0) {
    lines.push("#### Warnings", "");
    for (let warning of report.warnings) lines.push(`- ${inlineText(warning)}`);
    lines.push("");
  }
  return lines.join(`
`);
}
var TEXT_PLAN_WORDS = { ...PLAN_WORDS, recreated: "re-create", failed: "refused" };
function counts(report, words) {
  let tally = /* @__PURE__ */ new Map();
  for (let resource of report.resources) tally.set(resource.action, (tally.get(resource.action) ?? 0) + 1);
  return [...tally].map(([action, count]) => `${count} ${words(action)}`).join(", ") || "no resources";
}
function recreationId(recreation) {
  return `${recreation.kind}/${recreation.namespace ? `${recreation.namespace}/` : ""}${recreation.name}${recreation.status === "failed" ? " (failed)" : ""}`;
}
function renderText(report, style = plainStyle) {
  let plan = report.mode === "plan", word = (action) => plan ? TEXT_PLAN_WORDS[action] : action, colour = (action, text) => action === "failed" ? style.red(text) : action === "recreated" ? style.yellow(text) : text, verdict = report.ok ? style.green(plan ? "would apply" : "applied") : style.red(plan ? "would fail" : "failed"), lines = [`k8sapp ${plan ? "plan" : "apply"} ${report.environment}: ${verdict} (${counts(report, word)})`];
  if (report.resources.length > 0) {
    let rows = report.resources.map((r) => [colour(r.action, word(r.action)), r.kind, r.namespace ?? "", r.name, r.reason ?? ""]);
    lines.push("", textTable([[plan ? "WOULD" : "ACTION", "KIND", "NAMESPACE", "NAME", "REASON"], ...rows], { style }));
  }
  if (report.recreated.length > 0) {
    lines.push("", plan ? "Would be re-created (immutable fields):" : "Re-created (immutable fields):");
    let rows = report.recreated.map((r) => [
      recreationId(r),
      r.fields.join(`
`),
      POLICY[r.cascade],
      r.preserved.join(", ") || "-",
      r.orphansRemoved.join(", ") || "-",
      [r.warning, r.orphansLeft.length ? `orphans left: ${r.orphansLeft.join(", ")}` : ""].filter(Boolean).join("; ")
    ]);
    lines.push(textTable([["RESOURCE", "FIELD", "PROPAGATION", "PRESERVED", "ORPHANS REMOVED", "NOTE"], ...rows], { style, indent: "  " }));
  }
  if (report.placeholders.length > 0) {
    lines.push("", "Unresolved secret placeholders:");
    for (let p of report.placeholders) lines.push(`  Secret ${p.namespace ? `${p.namespace}/` : ""}${p.secret} key ${p.key} (${p.field})`);
  }
  (report.errors.length || report.warnings.length) && lines.push("");
  for (let error of report.errors) lines.push(`${style.red("error:")} ${error}`);
  for (let warning of report.warnings) lines.push(`${style.yellow("warning:")} ${warning}`);
  return lines.join(`
`);
}
function reportJson(report) {
  let { templatesBefore: _templates, ...shown } = report;
  return JSON.stringify(shown, null, 2);
}

export {
  parseSecretValues,
  substituteSecrets,
  POLICY,
  applyEnvironment,
  applyMarkdown,
  renderText,
  reportJson
};
