import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  parseYamlStream
} from "./chunk-3GC3UQPK.js";
import {
  ConfigurationError
} from "./chunk-F5XTP6AN.js";

// src/k8s/kubectl.ts
var FIELD_MANAGER = "k8sapp", Kubectl = class {
  exec;
  options;
  constructor(exec, options = {}) {
    this.exec = exec, this.options = options;
  }
  get binary() {
    return this.options.binary ?? "kubectl";
  }
  /** Renders an overlay offline; needs no cluster. */
  kustomize(directory) {
    return this.run(["kustomize", directory], void 0, !1);
  }
  apply(manifest, options = {}) {
    let args = ["apply", "--server-side", `--field-manager=${options.fieldManager ?? FIELD_MANAGER}`];
    return options.forceConflicts && args.push("--force-conflicts"), options.dryRun && options.dryRun !== "none" && args.push(`--dry-run=${options.dryRun}`), options.output && args.push("-o", options.output), args.push("-f", "-"), this.run(args, manifest);
  }
  /** `kubectl diff --server-side`: exit 0 no change, 1 differences, >1 error. */
  diff(manifest, options = {}) {
    let args = ["diff", "--server-side", `--field-manager=${options.fieldManager ?? FIELD_MANAGER}`];
    return options.forceConflicts && args.push("--force-conflicts"), args.push("-f", "-"), this.run(args, manifest);
  }
  /** One `get -o json` for any number of `kind/name` references or one kind; a List comes back for several. */
  get(resources, options = {}) {
    let args = ["get", ...resources];
    return args.push(...scopeArgs(options)), options.selector && args.push("-l", options.selector), options.fieldSelector && args.push(`--field-selector=${options.fieldSelector}`), options.ignoreNotFound && args.push("--ignore-not-found"), options.showManagedFields && args.push("--show-managed-fields"), args.push("-o", "json"), this.run(args);
  }
  delete(kind, name, options = {}) {
    let args = ["delete", `${kind}/${name}`];
    return options.namespace && args.push("-n", options.namespace), options.cascade && args.push(`--cascade=${options.cascade}`), options.ignoreNotFound && args.push("--ignore-not-found"), options.wait !== void 0 && args.push(`--wait=${options.wait}`), options.dryRun && options.dryRun !== "none" && args.push(`--dry-run=${options.dryRun}`), this.run(args);
  }
  patch(kind, name, patch, options = {}) {
    let args = ["patch", `${kind}/${name}`];
    return options.namespace && args.push("-n", options.namespace), args.push(`--type=${options.type ?? "merge"}`, "-p", JSON.stringify(patch)), options.subresource && args.push(`--subresource=${options.subresource}`), options.dryRun && options.dryRun !== "none" && args.push(`--dry-run=${options.dryRun}`), options.fieldManager && args.push(`--field-manager=${options.fieldManager}`), args.push("-o", "json"), this.run(args);
  }
  rolloutHistory(kind, name, options = {}) {
    let args = ["rollout", "history", `${kind}/${name}`];
    return options.namespace && args.push("-n", options.namespace), this.run(args);
  }
  logs(pod, options = {}) {
    let args = ["logs", pod];
    return options.namespace && args.push("-n", options.namespace), options.container && args.push("-c", options.container), options.previous && args.push("--previous"), options.tail !== void 0 && args.push(`--tail=${options.tail}`), this.run(args);
  }
  version() {
    return this.run(["version", "-o", "json"]);
  }
  /** Escape hatch for read-only calls not covered above; mutating calls get a named method so tests see intent. */
  raw(args, input) {
    return this.run([...args], input);
  }
  run(args, input, server = !0) {
    let full = [];
    this.options.context && full.push(`--context=${this.options.context}`), server && full.push(`--request-timeout=${this.options.requestTimeoutSeconds ?? 30}s`), full.push(...args);
    let env = {};
    return this.options.kubeconfig && (env.KUBECONFIG = this.options.kubeconfig), this.exec(this.binary, full, { input, env });
  }
};
function scopeArgs(options) {
  return options.allNamespaces ? ["--all-namespaces"] : options.namespace ? ["-n", options.namespace] : [];
}

// src/manifests/render.ts
function kustomizeMessage(stderr) {
  let block = /err=<\n([\s\S]*?)\n\s*>/.exec(stderr);
  if (block?.[1])
    return block[1].split(`
`).map((line) => line.replace(/^\t/, "")).join(`
`).trim();
  let quoted = /err="((?:[^"\\]|\\.)*)"/.exec(stderr);
  if (quoted?.[1] !== void 0)
    try {
      return JSON.parse(`"${quoted[1]}"`).trim();
    } catch {
      return quoted[1].trim();
    }
  return stderr.replace(/^[EWI]\d{4} [^\]]*\] /gm, "").trim() || "kubectl kustomize failed without a message";
}
function resourcesFromYaml(yaml, origin) {
  let resources = [];
  for (let document of parseYamlStream(yaml, origin)) {
    let object = document.value;
    if (!object || typeof object != "object" || typeof object.kind != "string" || typeof object.metadata?.name != "string")
      throw new ConfigurationError(`${origin}: the built stream holds a document without kind or metadata.name.`, [
        { severity: "error", code: "MANIFEST_SHAPE", message: "document without kind or metadata.name", location: document.locate([]) }
      ]);
    resources.push({ object, source: document });
  }
  return resources;
}
async function renderOverlay(kubectl, overlay) {
  let built = await kubectl.kustomize(overlay);
  if (built.exitCode !== 0) {
    let message = kustomizeMessage(built.stderr);
    throw new ConfigurationError(`kubectl kustomize ${overlay} failed:
${message}`, [
      { severity: "error", code: "KUSTOMIZE_BUILD", message, location: { file: overlay } }
    ]);
  }
  return { overlay, yaml: built.stdout, resources: resourcesFromYaml(built.stdout, overlay) };
}

export {
  Kubectl,
  kustomizeMessage,
  resourcesFromYaml,
  renderOverlay
};
