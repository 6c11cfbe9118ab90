import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  KubectlClient
} from "../chunks/chunk-LZ2HUVNT.js";
import {
  Kubectl
} from "../chunks/chunk-XXCUKRE6.js";
import {
  require_dist
} from "../chunks/chunk-DHW3Q5BD.js";
import {
  __toESM
} from "../chunks/chunk-WQYZTGJH.js";

// src/migrations/testing.ts
var import_yaml = __toESM(require_dist(), 1);
var ALIASES = {
  pvc: "persistentvolumeclaim",
  pv: "persistentvolume",
  sts: "statefulset",
  deploy: "deployment",
  ds: "daemonset",
  rs: "replicaset",
  cm: "configmap",
  svc: "service",
  ns: "namespace",
  sc: "storageclass",
  po: "pod",
  sa: "serviceaccount",
  ing: "ingress",
  cj: "cronjob"
};
function kindMatches(reference, kind) {
  let base = (reference.split(".")[0] ?? reference).toLowerCase(), wanted = kind.toLowerCase();
  return [base, ALIASES[base], base.replace(/s$/, ""), base.replace(/es$/, "")].some((form) => form === wanted);
}
function selectorMatches(selector, labels = {}) {
  return selector ? selector.split(",").every((term) => {
    let notEqual = /^([^!=]+)!=(.*)$/.exec(term);
    if (notEqual) return labels[notEqual[1].trim()] !== notEqual[2].trim();
    let equal = /^([^=]+)==?(.*)$/.exec(term);
    return equal ? labels[equal[1].trim()] === equal[2].trim() : term.startsWith("!") ? !(term.slice(1).trim() in labels) : term.trim() in labels;
  }) : !0;
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
function option(args, short, long) {
  for (let i = 0; i < args.length; i++) {
    let arg = args[i];
    if (arg === short || arg === long) return args[i + 1];
    if (arg.startsWith(`${long}=`)) return arg.slice(long.length + 1);
  }
}
var ok = (stdout) => ({ exitCode: 0, stdout, stderr: "" }), notFound = (reference, name) => ({
  exitCode: 1,
  stdout: "",
  stderr: `Error from server (NotFound): ${reference.toLowerCase()} "${name}" not found
`
});
function emulator(cluster, defaultNamespace) {
  let namespaceOf = (args) => option(args, "-n", "--namespace") ?? defaultNamespace, find = (reference, name, namespace) => cluster.objects.find((o) => kindMatches(reference, o.kind) && o.metadata.name === name && (!o.metadata.namespace || o.metadata.namespace === namespace));
  return async (_command, fullArgs, options = {}) => {
    let args = fullArgs.filter((a) => !a.startsWith("--request-timeout=") && !a.startsWith("--context="));
    cluster.calls.push(args);
    let [verb] = args, dry = args.some((a) => a.startsWith("--dry-run=") && a !== "--dry-run=none");
    if (verb === "get") {
      let references = [];
      for (let i = 1; i < args.length; i++) {
        let arg = args[i];
        ["-n", "--namespace", "-l", "-o"].includes(arg) ? i++ : arg.startsWith("-") || references.push(arg);
      }
      let namespace = namespaceOf(args), selector = option(args, "-l", "--selector");
      if (references.length === 1 && !references[0].includes("/")) {
        let items = cluster.objects.filter(
          (o) => kindMatches(references[0], o.kind) && (!o.metadata.namespace || o.metadata.namespace === namespace) && selectorMatches(selector, o.metadata.labels)
        );
        return ok(JSON.stringify({ apiVersion: "v1", kind: "List", items, metadata: { resourceVersion: "" } }));
      }
      let found = [];
      for (let reference of references) {
        let [kind, name] = reference.split("/"), object = find(kind, name, namespace);
        if (object) found.push(object);
        else if (!args.includes("--ignore-not-found")) return notFound(kind, name);
      }
      return references.length === 1 ? ok(found[0] ? JSON.stringify(found[0]) : "") : ok(JSON.stringify({ apiVersion: "v1", kind: "List", items: found, metadata: { resourceVersion: "" } }));
    }
    if (verb === "patch") {
      let [kind, name] = (args[1] ?? "").split("/"), object = find(kind, name, namespaceOf(args));
      if (!object) return notFound(kind, name);
      let patch = JSON.parse(option(args, "-p", "--patch") ?? "null"), patched = (option(args, "--type", "--type") ?? "strategic") === "json" ? jsonPatch(object, patch) : mergePatch(object, patch);
      return dry || (cluster.objects[cluster.objects.indexOf(object)] = patched), ok(JSON.stringify(patched));
    }
    if (verb === "delete") {
      let [kind, name] = (args[1] ?? "").split("/"), object = find(kind, name, namespaceOf(args));
      return object ? (dry || cluster.objects.splice(cluster.objects.indexOf(object), 1), ok(`${object.kind.toLowerCase()} "${name}" deleted${dry ? " (server dry run)" : ""}
`)) : args.includes("--ignore-not-found") ? ok("") : notFound(kind, name);
    }
    if (verb === "apply") {
      let object = (0, import_yaml.parse)(options.input ?? ""), existing = find(object.kind, object.metadata.name, object.metadata.namespace ?? namespaceOf(args));
      return dry || (existing ? cluster.objects[cluster.objects.indexOf(existing)] = object : cluster.objects.push(object)), ok(`${object.kind.toLowerCase()}/${object.metadata.name} serverside-applied
`);
    }
    return { exitCode: 1, stdout: "", stderr: `createRecordedContext: kubectl ${verb} is not emulated
` };
  };
}
function createRecordedContext(objects, options = {}) {
  let cluster = {
    calls: [],
    mutations() {
      return this.calls.filter(
        (args) => ["patch", "delete", "apply", "create", "replace"].includes(args[0] ?? "") && !args.some((a) => a.startsWith("--dry-run="))
      );
    },
    objects: objects.map((o) => structuredClone(o)),
    logs: [],
    find(kind, name, namespace) {
      return this.objects.find(
        (o) => kindMatches(kind, o.kind) && o.metadata.name === name && (!namespace || !o.metadata.namespace || o.metadata.namespace === namespace)
      );
    }
  }, dryRun = options.dryRun ?? !1, signal = options.signal ?? new AbortController().signal, kubectl = new Kubectl(emulator(cluster, options.defaultNamespace ?? "default")), context = {
    kube: new KubectlClient(kubectl, { dryRun, signal }),
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
