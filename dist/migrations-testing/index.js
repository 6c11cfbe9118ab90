import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  MigrationKube
} from "../chunks/chunk-SS62L5NX.js";
import {
  parseSelector,
  selectorMatches
} from "../chunks/chunk-XURGQUZU.js";
import {
  builtInKind
} from "../chunks/chunk-DAQUB7XV.js";
import {
  KubeApiError
} from "../chunks/chunk-YFCLFOYO.js";
import "../chunks/chunk-JNJT7SPT.js";
import "../chunks/chunk-5YOTZDGR.js";
import {
  errorMessage
} from "../chunks/chunk-LJ22TVXO.js";
import "../chunks/chunk-WQYZTGJH.js";

// src/migrations/testing.ts
var MUTATING = /* @__PURE__ */ new Set(["patch", "delete", "create", "replace", "apply"]);
function kindMatches(reference, kind) {
  return (builtInKind(reference)?.kind ?? reference).toLowerCase() === kind.toLowerCase();
}
function mergePatch(target, patch) {
  if (patch === null || typeof patch != "object" || Array.isArray(patch)) return patch;
  let result = target && typeof target == "object" && !Array.isArray(target) ? { ...target } : {};
  for (let [key, value] of Object.entries(patch))
    value === null ? delete result[key] : result[key] = mergePatch(result[key], value);
  return result;
}
function jsonPatch(target, operations) {
  let root = structuredClone(target);
  for (let operation of operations) {
    let parts = operation.path.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~")), last = parts.pop(), node = root;
    for (let part of parts) node = node?.[part];
    if (node == null || typeof node != "object") throw new Error(`json patch path ${operation.path} does not exist`);
    let record = node;
    if (operation.op === "remove")
      Array.isArray(node) ? node.splice(Number(last), 1) : delete record[last];
    else if (operation.op === "add" && Array.isArray(node))
      node.splice(last === "-" ? node.length : Number(last), 0, operation.value);
    else if (operation.op === "add" || operation.op === "replace")
      record[last] = operation.value;
    else throw new Error(`json patch op ${operation.op} is not emulated`);
  }
  return root;
}
function fieldSelectorMatches(selector, object) {
  return selector ? selector.split(",").every((term) => {
    let match = /^([^!=]+)(!=|==?)(.*)$/.exec(term.trim());
    if (!match) throw new Error(`createRecordedContext: field selector "${term}" is not emulated`);
    let [, path, operator, wanted] = match, value = object;
    for (let part of path.trim().split(".")) value = value?.[part];
    let equal = (typeof value == "string" || typeof value == "number" ? String(value) : "") === wanted.trim();
    return operator === "!=" ? !equal : equal;
  }) : !0;
}
var notFound = (ref) => new KubeApiError(404, "NotFound", `${ref.kind.toLowerCase()}s "${ref.name}" not found`, { name: ref.name, kind: ref.kind.toLowerCase(), causes: [] }), InMemoryKube = class {
  constructor(cluster) {
    this.cluster = cluster;
  }
  cluster;
  revision = 1e3;
  version() {
    return Promise.resolve({ major: "1", minor: "28", gitVersion: "v1.28.0" });
  }
  get(ref) {
    this.record({ verb: "get", ...ref });
    let found = this.find(ref);
    return Promise.resolve(found ? structuredClone(found) : void 0);
  }
  list(kind, options = {}) {
    this.record({ verb: "list", ...kind, options: { ...options } });
    let selector;
    try {
      selector = options.labelSelector ? parseSelector(options.labelSelector) : void 0;
    } catch (error) {
      return Promise.reject(new KubeApiError(400, "BadRequest", `unable to parse requirement: ${errorMessage(error)}`, { causes: [] }));
    }
    let items = this.cluster.objects.filter(
      (o) => kindMatches(kind.kind, o.kind) && (kind.namespace === void 0 || !o.metadata.namespace || o.metadata.namespace === kind.namespace) && (!selector || selectorMatches(selector, o.metadata.labels)) && fieldSelectorMatches(options.fieldSelector, o)
    );
    return Promise.resolve({ items: structuredClone(items), resourceVersion: String(this.revision) });
  }
  patch(ref, patch, options) {
    this.record({ verb: "patch", ...ref, body: patch, options: { ...options } });
    let object = this.find(ref);
    if (!object) return Promise.reject(notFound(ref));
    let patched = options.type === "json" ? jsonPatch(object, patch) : mergePatch(object, patch);
    return Promise.resolve(this.store(object, patched, options.dryRun));
  }
  delete(ref, options = {}) {
    this.record({ verb: "delete", ...ref, options: { ...options } });
    let object = this.find(ref);
    return object ? (options.dryRun || this.cluster.objects.splice(this.cluster.objects.indexOf(object), 1), Promise.resolve("deleted")) : Promise.resolve("not-found");
  }
  create(object, options = {}) {
    return this.record({ verb: "create", ...refOf(object), body: object, options: { ...options } }), this.find(refOf(object)) ? Promise.reject(new KubeApiError(409, "AlreadyExists", `${object.kind.toLowerCase()}s "${object.metadata.name}" already exists`)) : Promise.resolve(this.store(void 0, object, options.dryRun));
  }
  replace(object, options = {}) {
    this.record({ verb: "replace", ...refOf(object), body: object, options: { ...options } });
    let existing = this.find(refOf(object));
    if (!existing) return Promise.reject(notFound(refOf(object)));
    let wanted = object.metadata.resourceVersion;
    return wanted !== void 0 && wanted !== existing.metadata.resourceVersion ? Promise.reject(
      new KubeApiError(
        409,
        "Conflict",
        `Operation cannot be fulfilled on ${object.kind.toLowerCase()}s "${object.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`
      )
    ) : Promise.resolve(this.store(existing, object, options.dryRun));
  }
  apply(object, options = {}) {
    return this.record({ verb: "apply", ...refOf(object), body: object, options: { ...options } }), Promise.resolve(this.store(this.find(refOf(object)), object, options.dryRun));
  }
  // eslint-disable-next-line require-yield, @typescript-eslint/require-await -- no changes happen in a recorded cluster
  async *watch() {
  }
  logs() {
    return Promise.reject(new Error("createRecordedContext: container logs are not emulated"));
  }
  resourceOf(apiVersion, kind) {
    let builtIn = builtInKind(kind);
    if (builtIn?.apiVersion === apiVersion) return Promise.resolve({ plural: `${kind.toLowerCase()}s`, namespaced: builtIn.namespaced });
    let objects = this.cluster.objects.filter((o) => o.kind === kind && o.apiVersion === apiVersion);
    return objects.length === 0 ? Promise.resolve(void 0) : Promise.resolve({ plural: `${kind.toLowerCase()}s`, namespaced: objects.some((o) => o.metadata.namespace) });
  }
  find(ref) {
    return this.cluster.objects.find(
      (o) => kindMatches(ref.kind, o.kind) && o.metadata.name === ref.name && (!o.metadata.namespace || o.metadata.namespace === ref.namespace)
    );
  }
  /** Writes (unless a dry run) with a new resourceVersion; returns what the server would store. */
  store(existing, object, dryRun) {
    let stored = structuredClone(object);
    return stored.metadata.resourceVersion = String(dryRun ? this.revision : ++this.revision), dryRun ? stored : (existing ? this.cluster.objects[this.cluster.objects.indexOf(existing)] = stored : this.cluster.objects.push(stored), structuredClone(stored));
  }
  record(call) {
    this.cluster.calls.push(call);
  }
};
function refOf(object) {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...object.metadata.namespace ? { namespace: object.metadata.namespace } : {}
  };
}
function createRecordedContext(objects, options = {}) {
  let cluster = {
    calls: [],
    mutations() {
      return this.calls.filter((call) => MUTATING.has(call.verb) && call.options?.dryRun !== !0);
    },
    objects: objects.map((o) => structuredClone(o)),
    logs: [],
    find(kind, name, namespace) {
      return this.objects.find(
        (o) => kindMatches(kind, o.kind) && o.metadata.name === name && (!namespace || !o.metadata.namespace || o.metadata.namespace === namespace)
      );
    }
  }, dryRun = options.dryRun ?? !1, signal = options.signal ?? new AbortController().signal, context = {
    kube: new MigrationKube(new InMemoryKube(cluster), { dryRun, signal, defaultNamespace: options.defaultNamespace ?? "default" }),
    environment: options.environment ?? "test",
    components: options.components ?? [],
    manifests: options.manifests ?? [],
    log: {
      info: (message) => cluster.logs.push(message),
      warning: (message) => cluster.logs.push(`warning: ${message}`)
    },
    signal,
    dryRun,
    cluster
  };
  return options.component !== void 0 && (context.component = options.component), context;
}
export {
  createRecordedContext
};
