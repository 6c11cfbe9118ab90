import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);

// src/migrations/kube.ts
var KubeCallError = class extends Error {
  name = "KubeCallError";
  args;
  result;
  constructor(what, args, result) {
    let detail = (result.stderr || result.stdout).trim().split(`
`).slice(0, 5).join(`
`);
    super(`${what} failed (kubectl exit ${result.exitCode}): ${detail}`), this.args = args, this.result = result;
  }
}, UNDELETABLE = /* @__PURE__ */ new Set([
  "pvc",
  "persistentvolumeclaim",
  "persistentvolumeclaims",
  "pv",
  "persistentvolume",
  "persistentvolumes",
  "ns",
  "namespace",
  "namespaces"
]), WORKLOADS = /* @__PURE__ */ new Set([
  "sts",
  "statefulset",
  "statefulsets",
  "deploy",
  "deployment",
  "deployments",
  "ds",
  "daemonset",
  "daemonsets",
  "rs",
  "replicaset",
  "replicasets"
]);
function baseKind(kind) {
  return (kind.split(".")[0] ?? kind).toLowerCase();
}
var KubectlClient = class {
  dryRun;
  kubectl;
  signal;
  constructor(kubectl, options) {
    this.kubectl = kubectl, this.dryRun = options.dryRun, this.signal = options.signal;
  }
  async get(kind, name, options = {}) {
    this.checkOpen(`get ${kind}/${name}`);
    let args = [`${kind}/${name}`], result = await this.kubectl.get(args, { namespace: options.namespace, ignoreNotFound: !0 });
    if (result.exitCode !== 0) throw new KubeCallError(`kubectl get ${kind}/${name}`, args, result);
    if (result.stdout.trim() !== "")
      return parseJson(result.stdout, `kubectl get ${kind}/${name}`);
  }
  async list(kind, options = {}) {
    this.checkOpen(`list ${kind}`);
    let result = await this.kubectl.get([kind], {
      namespace: options.namespace,
      selector: options.selector,
      fieldSelector: options.fieldSelector
    });
    if (result.exitCode !== 0) throw new KubeCallError(`kubectl get ${kind}`, [kind], result);
    let list = parseJson(result.stdout, `kubectl get ${kind}`);
    return Array.isArray(list.items) ? list.items : [];
  }
  async patch(kind, name, patch, options = {}) {
    this.checkOpen(`patch ${kind}/${name}`);
    let result = await this.kubectl.patch(kind, name, patch, {
      namespace: options.namespace,
      type: options.type ?? "merge",
      subresource: options.subresource,
      dryRun: this.dryRun ? "server" : "none"
    });
    if (result.exitCode !== 0) throw new KubeCallError(`kubectl patch ${kind}/${name}`, [kind, name], result);
    return parseJson(result.stdout, `kubectl patch ${kind}/${name}`);
  }
  async delete(kind, name, options = {}) {
    let base = baseKind(kind);
    if (UNDELETABLE.has(base))
      throw new Error(
        `refusing to delete ${kind}/${name}: k8sapp never deletes PersistentVolumeClaims, PersistentVolumes or Namespaces, because that loses data. Do it by hand if it is really meant.`
      );
    this.checkOpen(`delete ${kind}/${name}`);
    let result = await this.kubectl.delete(kind, name, {
      namespace: options.namespace,
      cascade: options.cascade ?? (WORKLOADS.has(base) ? "orphan" : "background"),
      ignoreNotFound: !0,
      dryRun: this.dryRun ? "server" : "none"
    });
    if (result.exitCode !== 0) throw new KubeCallError(`kubectl delete ${kind}/${name}`, [kind, name], result);
  }
  checkOpen(what) {
    if (this.signal?.aborted)
      throw new Error(`${what} refused: the migration was aborted (${String(this.signal.reason ?? "timed out")})`);
  }
};
function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} did not print JSON: ${text.slice(0, 200)}`);
  }
}

export {
  KubectlClient
};
