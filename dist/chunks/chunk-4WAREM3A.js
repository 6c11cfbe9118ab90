import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-DHW3Q5BD.js";
import {
  ConfigurationError
} from "./chunk-LJ22TVXO.js";
import {
  __toESM
} from "./chunk-WQYZTGJH.js";

// src/k8s/kubeconfig.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFileSync, statSync } from "node:fs";
function checkKubeconfig(text, origin) {
  let config;
  try {
    config = (0, import_yaml.parse)(text);
  } catch (error) {
    let line = error.linePos?.[0]?.line;
    throw new ConfigurationError(
      `${origin} is not a kubeconfig: it does not parse as YAML${line ? ` (line ${line})` : ""}; content not shown (it holds credentials).`
    );
  }
  if (!config || typeof config != "object" || Array.isArray(config))
    throw new ConfigurationError(`${origin} is not a kubeconfig: expected a YAML mapping with clusters, contexts, users and current-context.`);
  let { "current-context": current, contexts, clusters } = config, list = (value) => Array.isArray(value) ? value : [];
  if (typeof current != "string" || current === "")
    throw new ConfigurationError(
      `${origin} has no current-context, so there is no cluster to use (contexts: ${list(contexts).map((c) => String(c.name)).join(", ") || "none"}). Set current-context.`
    );
  let context = list(contexts).find((c) => c.name === current)?.context;
  if (!context) throw new ConfigurationError(`${origin}: current-context "${current}" is not one of its contexts.`);
  let clusterName = typeof context.cluster == "string" ? context.cluster : "", cluster = list(clusters).find((c) => c.name === clusterName)?.cluster;
  if (!cluster) throw new ConfigurationError(`${origin}: context "${current}" names cluster "${clusterName}", which it does not define.`);
  if (typeof cluster.server != "string" || cluster.server.trim() === "")
    throw new ConfigurationError(`${origin}: cluster "${clusterName}" (context "${current}") has no server URL.`);
  return { context: current, cluster: clusterName, server: cluster.server.trim() };
}
var read = /* @__PURE__ */ new Map();
function readKubeconfigText(path) {
  let cached = read.get(path);
  if (cached !== void 0) return cached;
  let text = readFileSync(path, "utf8");
  return statSync(path).isFile() || read.set(path, text), text;
}
function checkKubeconfigFile(path, flag = "--kubeconfig") {
  let text;
  try {
    text = readKubeconfigText(path);
  } catch (error) {
    let code = error.code;
    throw new ConfigurationError(
      `${flag} ${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a kubeconfig file" : `cannot be read (${code ?? "error"})`}.`
    );
  }
  return checkKubeconfig(text, `${flag} ${path}`);
}
function checkKubeconfigInput(content, environment) {
  if (content === void 0 || content.trim() === "") throw emptyKubeconfigError(environment);
  return checkKubeconfig(content, `Input "kubeconfig" (the KUBECONFIG secret of environment "${environment}")`);
}
function emptyKubeconfigError(environment) {
  return new ConfigurationError(
    `Input "kubeconfig" is empty, so there is no cluster to deploy "${environment}" to; nothing was attempted. Usually the environment secret KUBECONFIG of the GitHub environment "${environment}" does not exist, or the job lacks \`environment: ${environment}\` (environment secrets reach only jobs that name their environment). Add the secret under Settings \u2192 Environments \u2192 ${environment} \u2192 Environment secrets (the hetzner-k8s workflow stores it there), give the job \`environment: ${environment}\` and pass \`kubeconfig: \${{ secrets.KUBECONFIG }}\`.`
  );
}
function kubeconfigSecrets(text) {
  let config;
  try {
    config = (0, import_yaml.parse)(text);
  } catch {
    return [];
  }
  let found = /* @__PURE__ */ new Set(), add = (value) => {
    typeof value != "string" || value.trim().length < 4 || found.add(value.trim());
  }, addData = (value) => {
    if (typeof value != "string" || value.trim() === "") return;
    add(value);
    let decoded = Buffer.from(value.trim(), "base64").toString("utf8");
    add(decoded);
    for (let line of decoded.split(/\r?\n/)) !line.startsWith("-----") && line.trim().length >= 8 && add(line);
  }, users = config?.users;
  for (let entry of Array.isArray(users) ? users : []) {
    let user = entry?.user;
    if (!user || typeof user != "object") continue;
    add(user.token), add(user.password), addData(user["client-key-data"]), addData(user["client-certificate-data"]);
    let exec = user.exec;
    for (let variable of Array.isArray(exec?.env) ? exec.env : []) add(variable?.value);
    let provider = user["auth-provider"];
    for (let value of Object.values(provider?.config ?? {})) add(value);
  }
  return [...found];
}

// src/secrets/mask.ts
function redactor(values) {
  let needles = /* @__PURE__ */ new Set();
  for (let value of Object.values(values))
    if (!(value.length < 4))
      for (let form of secretForms(value)) needles.add(form);
  let sorted = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text;
    for (let needle of sorted) result = result.split(needle).join("***");
    return result;
  };
}
function secretForms(value) {
  let forms = /* @__PURE__ */ new Set([value, Buffer.from(value, "utf8").toString("base64")]), escaped = JSON.stringify(value).slice(1, -1);
  escaped !== value && forms.add(escaped);
  for (let line of value.split(/\r?\n/)) line.trim().length >= 8 && forms.add(line);
  return [...forms];
}
function redactCredentials(text) {
  return text.replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, "-----BEGIN PRIVATE KEY----- *** -----END PRIVATE KEY-----").replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, "$1***@").replace(/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, "$1 ***").replace(
    /((?:[A-Za-z0-9_.-]*(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth))["']?\s*[:=]\s*["']?)([^\s"',;&]+)/gi,
    "$1***"
  );
}

export {
  readKubeconfigText,
  checkKubeconfigFile,
  checkKubeconfigInput,
  emptyKubeconfigError,
  kubeconfigSecrets,
  redactor,
  secretForms,
  redactCredentials
};
