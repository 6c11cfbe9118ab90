import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-DHW3Q5BD.js";
import {
  ConfigurationError,
  EnvironmentError
} from "./chunk-F5XTP6AN.js";
import {
  __toESM
} from "./chunk-WQYZTGJH.js";

// src/k8s/unreachable.ts
var CAUSE_TEXT = {
  refused: "the connection was refused (nothing listens there: the API server is down, or the address or port is wrong)",
  dns: "its host name does not resolve (DNS)",
  tls: "its TLS certificate is not trusted (the kubeconfig's certificate-authority-data is not this server's, or the address is not in the certificate)",
  timeout: "it did not answer in time (a firewall or allowed_networks rule, or the server is overloaded)",
  network: "the network path to it failed"
}, KLOG_LINE = /^[EWI]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [\w.-]+:\d+\] /;
function withoutKlogNoise(stderr) {
  let lines = stderr.trim().split(`
`), kept = lines.filter((line) => !KLOG_LINE.test(line));
  return (kept.length > 0 ? kept : lines).join(`
`).trim();
}
var PATTERNS = [
  { cause: "dns", pattern: /\blookup \S+( on \S+)?: (no such host|server misbehaving|Temporary failure in name resolution)|no such host/ },
  { cause: "refused", pattern: /The connection to the server \S+ was refused|connect: connection refused/ },
  {
    cause: "tls",
    pattern: /tls: failed to verify certificate|x509: |certificate signed by unknown authority|tls: handshake failure|first record does not look like a TLS handshake/
  },
  {
    cause: "timeout",
    pattern: /i\/o timeout|TLS handshake timeout|Client\.Timeout exceeded|context deadline exceeded|dial tcp [^:]+:\d+: connect: (operation|connection) timed out/
  },
  { cause: "network", pattern: /no route to host|network is unreachable|connection reset by peer/ }
];
function serverOf(text) {
  let url = /(?:Get|Post|Patch|Put|Delete) \\?"(https?:\/\/[^/"\\?]+)/.exec(text)?.[1];
  if (url) return url;
  let named = /The connection to the server (\S+) was refused/.exec(text)?.[1];
  if (named) return named;
  let lookup = /\blookup (\S+?)( on \S+)?: /.exec(text)?.[1];
  return lookup || /validate certificate for (\S+) because/.exec(text)?.[1];
}
function classifyUnreachable(stderr) {
  if (/Error from server/.test(stderr)) return;
  let match = PATTERNS.find(({ pattern }) => pattern.test(stderr));
  if (!match) return;
  let detail = (withoutKlogNoise(stderr).split(`
`).find((line) => match.pattern.test(line)) ?? withoutKlogNoise(stderr).split(`
`)[0] ?? "").trim(), server = serverOf(stderr);
  return { cause: match.cause, ...server ? { server } : {}, detail };
}
var ClusterUnreachableError = class extends EnvironmentError {
  constructor(unreachable, notDone) {
    super(unreachableSentence(unreachable, notDone), "cluster-unreachable");
    this.unreachable = unreachable;
    this.notDone = notDone;
  }
  unreachable;
  notDone;
  name = "ClusterUnreachableError";
};
function unreachableSentence(unreachable, notDone) {
  let where = unreachable.server ? `the Kubernetes API server ${unreachable.server}` : "the Kubernetes API server", fallback = unreachable.server && /^(http:\/\/)?localhost:8080$/.test(unreachable.server) ? " (kubectl falls back to localhost:8080 when it has no kubeconfig)" : "";
  return `Cannot reach ${where}${fallback}: ${CAUSE_TEXT[unreachable.cause]}; ${notDone}. kubectl said: ${unreachable.detail}`;
}
function unlessUnreachable(result, notDone) {
  if (result.exitCode === 0) return result;
  let unreachable = classifyUnreachable(result.stderr);
  if (unreachable) throw new ClusterUnreachableError(unreachable, notDone);
  return result;
}

// src/k8s/probe.ts
async function probeCluster(kubectl, options) {
  let attempts = options.attempts ?? 3, delay = 1e3;
  for (let attempt = 1; ; attempt++) {
    let answer = await kubectl.version();
    if (answer.exitCode === 0) return answer;
    let unreachable = classifyUnreachable(answer.stderr);
    if (!unreachable) return answer;
    if (options.server && (unreachable.server = options.server), attempt < attempts && (unreachable.cause === "refused" || unreachable.cause === "timeout")) {
      options.logger?.info(`${unreachable.detail} (attempt ${attempt} of ${attempts}; retrying in ${delay / 1e3} s)`), await options.clock.sleep(delay), delay *= 2;
      continue;
    }
    throw new ClusterUnreachableError(unreachable, options.notDone);
  }
}

// src/k8s/kubeconfig.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFileSync } from "node:fs";
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
      `${origin} has no current-context, so kubectl would not know which cluster to use (contexts: ${list(contexts).map((c) => String(c.name)).join(", ") || "none"}). Set current-context.`
    );
  let context = list(contexts).find((c) => c.name === current)?.context;
  if (!context) throw new ConfigurationError(`${origin}: current-context "${current}" is not one of its contexts.`);
  let clusterName = typeof context.cluster == "string" ? context.cluster : "", cluster = list(clusters).find((c) => c.name === clusterName)?.cluster;
  if (!cluster) throw new ConfigurationError(`${origin}: context "${current}" names cluster "${clusterName}", which it does not define.`);
  if (typeof cluster.server != "string" || cluster.server.trim() === "")
    throw new ConfigurationError(`${origin}: cluster "${clusterName}" (context "${current}") has no server URL.`);
  return { context: current, cluster: clusterName, server: cluster.server.trim() };
}
function checkKubeconfigFile(path, flag = "--kubeconfig") {
  let text;
  try {
    text = readFileSync(path, "utf8");
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

export {
  checkKubeconfigFile,
  checkKubeconfigInput,
  emptyKubeconfigError,
  kubeconfigSecrets,
  withoutKlogNoise,
  ClusterUnreachableError,
  unlessUnreachable,
  probeCluster
};
