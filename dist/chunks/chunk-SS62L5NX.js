import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  builtInKind
} from "./chunk-DAQUB7XV.js";
import {
  KubeApiError,
  UnknownKindError
} from "./chunk-YFCLFOYO.js";
import {
  describeRef
} from "./chunk-JNJT7SPT.js";

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
  MigrationKube
};
