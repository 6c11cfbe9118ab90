import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  describeRef
} from "./chunk-JNJT7SPT.js";
import {
  KubeApiError,
  UnknownKindError
} from "./chunk-WVTVHVBM.js";

// src/k8s/kinds.ts
var KINDS = [
  { apiVersion: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: !0, short: ["cm"] },
  { apiVersion: "v1", kind: "Secret", plural: "secrets", namespaced: !0 },
  { apiVersion: "v1", kind: "Service", plural: "services", namespaced: !0, short: ["svc"] },
  { apiVersion: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: !0, short: ["sa"] },
  { apiVersion: "v1", kind: "Pod", plural: "pods", namespaced: !0, short: ["po"] },
  { apiVersion: "v1", kind: "Event", plural: "events", namespaced: !0, short: ["ev"] },
  { apiVersion: "v1", kind: "Endpoints", plural: "endpoints", namespaced: !0, short: ["ep"] },
  { apiVersion: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", namespaced: !0, short: ["pvc"] },
  { apiVersion: "v1", kind: "PersistentVolume", plural: "persistentvolumes", namespaced: !1, short: ["pv"] },
  { apiVersion: "v1", kind: "Namespace", plural: "namespaces", namespaced: !1, short: ["ns"] },
  { apiVersion: "v1", kind: "Node", plural: "nodes", namespaced: !1, short: ["no"] },
  { apiVersion: "v1", kind: "ResourceQuota", plural: "resourcequotas", namespaced: !0, short: ["quota"] },
  { apiVersion: "v1", kind: "LimitRange", plural: "limitranges", namespaced: !0, short: ["limits"] },
  { apiVersion: "apps/v1", kind: "Deployment", plural: "deployments", namespaced: !0, short: ["deploy"] },
  { apiVersion: "apps/v1", kind: "StatefulSet", plural: "statefulsets", namespaced: !0, short: ["sts"] },
  { apiVersion: "apps/v1", kind: "DaemonSet", plural: "daemonsets", namespaced: !0, short: ["ds"] },
  { apiVersion: "apps/v1", kind: "ReplicaSet", plural: "replicasets", namespaced: !0, short: ["rs"] },
  { apiVersion: "apps/v1", kind: "ControllerRevision", plural: "controllerrevisions", namespaced: !0 },
  { apiVersion: "batch/v1", kind: "Job", plural: "jobs", namespaced: !0 },
  { apiVersion: "batch/v1", kind: "CronJob", plural: "cronjobs", namespaced: !0, short: ["cj"] },
  { apiVersion: "networking.k8s.io/v1", kind: "Ingress", plural: "ingresses", namespaced: !0, short: ["ing"] },
  { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", plural: "networkpolicies", namespaced: !0, short: ["netpol"] },
  { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", plural: "storageclasses", namespaced: !1, short: ["sc"] },
  { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", plural: "customresourcedefinitions", namespaced: !1, short: ["crd", "crds"] },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", plural: "roles", namespaced: !0 },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", plural: "rolebindings", namespaced: !0 },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", plural: "clusterroles", namespaced: !1 },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", plural: "clusterrolebindings", namespaced: !1 },
  { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", plural: "horizontalpodautoscalers", namespaced: !0, short: ["hpa"] },
  { apiVersion: "policy/v1", kind: "PodDisruptionBudget", plural: "poddisruptionbudgets", namespaced: !0, short: ["pdb"] }
];
function groupOf(apiVersion) {
  let slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}
var BY_SPELLING = /* @__PURE__ */ new Map();
for (let { plural, short, ...kind } of KINDS) {
  let group = groupOf(kind.apiVersion);
  for (let name of [kind.kind.toLowerCase(), plural, ...short ?? []])
    BY_SPELLING.set(name, kind), group && BY_SPELLING.set(`${name}.${group}`, kind);
}
function builtInKindOf(group, kind) {
  let found = BY_SPELLING.get(kind.toLowerCase());
  return found && found.kind === kind && groupOf(found.apiVersion) === group ? found : void 0;
}
function builtInKind(spelling) {
  return BY_SPELLING.get(spelling.toLowerCase());
}

// src/migrations/kube.ts
var KubeCallError = class extends Error {
  name = "KubeCallError";
  /** The Status reason (`NotFound`, `Invalid`, `Forbidden`, …); absent when the server gave no answer at all. */
  reason;
  code;
  constructor(what, cause) {
    let detail = cause instanceof KubeApiError ? `${cause.reason} (${cause.code}): ${cause.message}` : cause instanceof Error ? cause.message : String(cause);
    super(`${what} failed: ${detail}`, { cause }), this.reason = cause instanceof KubeApiError ? cause.reason : void 0, this.code = cause instanceof KubeApiError ? cause.code : void 0;
  }
}, UNDELETABLE = /* @__PURE__ */ new Set(["PersistentVolumeClaim", "PersistentVolume", "Namespace"]), WORKLOADS = /* @__PURE__ */ new Set(["StatefulSet", "Deployment", "DaemonSet", "ReplicaSet"]), PROPAGATION = {
  orphan: "Orphan",
  background: "Background",
  foreground: "Foreground"
}, MigrationKube = class {
  constructor(client, options) {
    this.client = client;
    this.dryRun = options.dryRun, this.signal = options.signal, this.defaultNamespace = options.defaultNamespace ?? contextNamespace(client);
  }
  client;
  dryRun;
  signal;
  defaultNamespace;
  async get(kind, name, options = {}) {
    let ref = await this.ref(`get ${kind}/${name}`, kind, name, options);
    return await this.call(`get ${describeRef(ref)}`, () => this.client.get(ref));
  }
  async list(kind, options = {}) {
    let target = await this.target(`list ${kind}`, kind, options);
    return (await this.call(
      `list ${kind}${target.namespace ? ` in ${target.namespace}` : ""}`,
      () => this.client.list(target, {
        ...options.selector ? { labelSelector: options.selector } : {},
        ...options.fieldSelector ? { fieldSelector: options.fieldSelector } : {}
      })
    )).items;
  }
  async patch(kind, name, patch, options = {}) {
    let ref = await this.ref(`patch ${kind}/${name}`, kind, name, options), subresource = options.subresource;
    if (subresource !== void 0 && subresource !== "status" && subresource !== "scale")
      throw new Error(`patch ${describeRef(ref)}: subresource "${subresource}" is not supported (status or scale)`);
    return await this.call(
      `patch ${describeRef(ref)}`,
      () => this.client.patch(ref, patch, { type: options.type ?? "merge", ...subresource ? { subresource } : {}, ...this.dryRun ? { dryRun: !0 } : {} })
    );
  }
  async delete(kind, name, options = {}) {
    let target = resolveKind(kind, options.apiVersion);
    if (target && UNDELETABLE.has(target.kind))
      throw new Error(
        `refusing to delete ${kind}/${name}: k8sapp never deletes PersistentVolumeClaims, PersistentVolumes or Namespaces, because that loses data. Do it by hand if it is really meant.`
      );
    let ref = await this.ref(`delete ${kind}/${name}`, kind, name, options), cascade = options.cascade ?? (WORKLOADS.has(ref.kind) ? "orphan" : "background");
    await this.call(
      `delete ${describeRef(ref)}`,
      () => this.client.delete(ref, { propagationPolicy: PROPAGATION[cascade], ...this.dryRun ? { dryRun: !0 } : {} })
    );
  }
  async ref(what, kind, name, options) {
    return { ...await this.target(what, kind, options), name };
  }
  /** apiVersion, Kind and namespace (the default one for a namespaced kind that names none; none for a cluster-scoped kind). */
  async target(what, kind, options) {
    this.checkOpen(what);
    let resolved = resolveKind(kind, options.apiVersion);
    if (!resolved)
      throw new Error(
        `${what}: "${kind}" is not a built-in kind k8sapp knows; for a custom resource pass its Kind and apiVersion, e.g. ctx.kube.get('Certificate', 'web', { apiVersion: 'cert-manager.io/v1' })`
      );
    let namespaced = resolved.namespaced;
    if (namespaced === void 0) {
      let info = await this.call(what, () => this.client.resourceOf(resolved.apiVersion, resolved.kind));
      if (!info) throw new KubeCallError(what, new UnknownKindError(resolved.apiVersion, resolved.kind));
      namespaced = info.namespaced;
    }
    return { apiVersion: resolved.apiVersion, kind: resolved.kind, ...namespaced ? { namespace: options.namespace ?? this.defaultNamespace } : {} };
  }
  async call(what, body) {
    this.checkOpen(what);
    try {
      return await body();
    } catch (error) {
      throw error instanceof KubeCallError ? error : new KubeCallError(what, error);
    }
  }
  checkOpen(what) {
    if (this.signal?.aborted)
      throw new Error(`${what} refused: the migration was aborted (${String(this.signal.reason ?? "timed out")})`);
  }
};
function resolveKind(kind, apiVersion) {
  let builtIn = builtInKind(kind);
  return apiVersion === void 0 ? builtIn : builtIn && builtIn.apiVersion.split("/")[0] === apiVersion.split("/")[0] ? { ...builtIn, apiVersion } : { apiVersion, kind };
}
function contextNamespace(client) {
  let namespace = client.connection?.namespace;
  return typeof namespace == "string" && namespace ? namespace : "default";
}

export {
  builtInKindOf,
  builtInKind,
  MigrationKube
};
