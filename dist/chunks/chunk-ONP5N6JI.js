import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  KubeApiError,
  UnknownKindError,
  apiErrorFrom
} from "./chunk-YFCLFOYO.js";
import {
  FIELD_MANAGER,
  groupOfApiVersion
} from "./chunk-JNJT7SPT.js";
import {
  isRecord
} from "./chunk-5YOTZDGR.js";
import {
  readKubeconfigText
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

// src/k8s/unreachable.ts
var CAUSE_TEXT = {
  refused: "the connection was refused (nothing listens there: the API server is down, or the address or port is wrong)",
  dns: "its host name does not resolve (DNS)",
  tls: "its TLS certificate is not trusted (the kubeconfig's certificate-authority-data is not this server's, or the address is not in the certificate)",
  timeout: "it did not answer in time (a firewall or allowed_networks rule, or the server is overloaded)",
  network: "the network path to it failed"
}, ClusterUnreachableError = class extends EnvironmentError {
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
  return `Cannot reach ${unreachable.server ? `the Kubernetes API server ${unreachable.server}` : "the Kubernetes API server"}: ${CAUSE_TEXT[unreachable.cause]}; ${notDone}. (${unreachable.detail})`;
}

// src/k8s/connection.ts
var import_yaml = __toESM(require_dist(), 1);
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, isAbsolute, join } from "node:path";
function loadConnection(options = {}) {
  let env = options.env ?? process.env, sources = options.content !== void 0 ? [{ origin: "the kubeconfig input", base: process.cwd(), text: options.content }] : readKubeconfigFiles(options.kubeconfig, env);
  if (sources.length === 0) {
    let inCluster = inClusterConnection(env);
    if (inCluster) return inCluster;
    throw new ConfigurationError(
      `No kubeconfig: set KUBECONFIG or --kubeconfig (or the action's "kubeconfig" input) to a kubeconfig file; ~/.kube/config does not exist either.`
    );
  }
  let docs = sources.map((source) => ({ ...source, doc: parseDocument(source.text, source.origin) })), origin = docs.map((d) => d.origin).join(", "), contextName = options.context ?? docs.map((d) => d.doc["current-context"]).find((c) => typeof c == "string" && c !== "");
  if (!contextName) throw new ConfigurationError(`${origin} has no current-context, so there is no cluster to use. Set current-context (or pass --context).`);
  let context = findNamed(docs, "contexts", "context", contextName);
  if (!context) throw new ConfigurationError(`${origin}: context "${contextName}" is not one of its contexts.`);
  let clusterName = typeof context.value.cluster == "string" ? context.value.cluster : "", cluster = findNamed(docs, "clusters", "cluster", clusterName);
  if (!cluster) throw new ConfigurationError(`${origin}: context "${contextName}" names cluster "${clusterName}", which it does not define.`);
  let server = typeof cluster.value.server == "string" ? cluster.value.server.trim().replace(/\/+$/, "") : "";
  if (!server) throw new ConfigurationError(`${origin}: cluster "${clusterName}" (context "${contextName}") has no server URL.`);
  let userName = typeof context.value.user == "string" ? context.value.user : "", user = userName ? findNamed(docs, "users", "user", userName) : void 0;
  if (userName && !user) throw new ConfigurationError(`${origin}: context "${contextName}" names user "${userName}", which it does not define.`);
  let namespace = typeof context.value.namespace == "string" && context.value.namespace ? context.value.namespace : "default", ca = dataOrFile(cluster.value, "certificate-authority", cluster.base, `cluster "${clusterName}"`);
  return {
    server,
    namespace,
    ...ca ? { ca } : {},
    ...cluster.value["insecure-skip-tls-verify"] === !0 ? { insecureSkipTlsVerify: !0 } : {},
    ...typeof cluster.value["tls-server-name"] == "string" ? { tlsServerName: cluster.value["tls-server-name"] } : {},
    credentials: credentialSource(user?.value ?? {}, user?.base ?? process.cwd(), `user "${userName}"`, {
      server,
      ...ca ? { ca } : {},
      runPlugin: options.runPlugin ?? runPlugin,
      env
    })
  };
}
function readKubeconfigFiles(explicit, env) {
  let list = (explicit ?? env.KUBECONFIG ?? "").split(delimiter).map((p) => p.trim()).filter(Boolean);
  if (list.length === 0) {
    let fallback = join(env.HOME ?? homedir(), ".kube", "config");
    if (!existsSync(fallback)) return [];
    list.push(fallback);
  }
  let found = [];
  for (let path of list)
    try {
      found.push({ origin: path, base: dirname(path), text: readKubeconfigText(path) });
    } catch (error) {
      let code = error.code;
      if (code === "ENOENT" && list.length > 1) continue;
      throw new ConfigurationError(`kubeconfig ${path}: ${code === "ENOENT" ? "no such file" : `cannot be read (${code ?? "error"})`}.`);
    }
  return found;
}
function parseDocument(text, origin) {
  let doc;
  try {
    doc = (0, import_yaml.parse)(text);
  } catch {
    throw new ConfigurationError(`${origin} is not a kubeconfig: it does not parse as YAML; content not shown (it holds credentials).`);
  }
  if (!doc || typeof doc != "object" || Array.isArray(doc))
    throw new ConfigurationError(`${origin} is not a kubeconfig: expected a YAML mapping with clusters, contexts, users and current-context.`);
  return doc;
}
function findNamed(docs, list, field, name) {
  for (let { doc, base } of docs) {
    let entry = (Array.isArray(doc[list]) ? doc[list] : []).find((e) => e && e.name === name);
    if (entry) return { value: entry[field] ?? {}, base };
  }
}
function dataOrFile(section, key, base, owner) {
  let data = section[`${key}-data`];
  if (typeof data == "string" && data.trim() !== "") return Buffer.from(data, "base64").toString("utf8");
  let path = section[key];
  if (typeof path != "string" || path === "") return;
  let full = isAbsolute(path) ? path : join(base, path);
  try {
    return readFileSync(full, "utf8");
  } catch (error) {
    throw new ConfigurationError(`kubeconfig ${owner}: ${key} ${full} cannot be read (${error.code ?? "error"}).`);
  }
}
function credentialSource(user, base, owner, plugin) {
  if (user["auth-provider"] !== void 0)
    throw new ConfigurationError(
      `kubeconfig ${owner} uses an auth-provider, which Kubernetes removed in 1.26; use an exec credential plugin (for example kubelogin or gke-gcloud-auth-plugin).`
    );
  let clientCertificate = dataOrFile(user, "client-certificate", base, owner), clientKey = dataOrFile(user, "client-key", base, owner);
  if (!!clientCertificate != !!clientKey)
    throw new ConfigurationError(`kubeconfig ${owner} has a client certificate without its key (or a key without its certificate).`);
  let basic = typeof user.username == "string" && typeof user.password == "string" ? { username: user.username, password: user.password } : void 0, fixed = {
    ...typeof user.token == "string" && user.token ? { token: user.token } : {},
    ...clientCertificate && clientKey ? { clientCertificate, clientKey } : {},
    ...basic ? { basic } : {}
  }, seen = new Set([fixed.token, fixed.clientKey, basic?.password].filter((s) => !!s));
  if (isRecord(user.exec)) return execSource(user.exec, owner, fixed, plugin, seen);
  let tokenFile = typeof user.tokenFile == "string" && user.tokenFile ? isAbsolute(user.tokenFile) ? user.tokenFile : join(base, user.tokenFile) : void 0;
  return tokenFile && !fixed.token ? tokenFileSource(tokenFile, owner, fixed, seen) : { current: () => Promise.resolve(fixed), invalidate: () => !1, secrets: () => [...seen] };
}
function tokenFileSource(path, owner, fixed, seen) {
  let cached;
  return {
    current: () => {
      if (!cached || Date.now() - cached.at > 6e4) {
        let token;
        try {
          token = readFileSync(path, "utf8").trim();
        } catch (error) {
          throw new ConfigurationError(`kubeconfig ${owner}: tokenFile ${path} cannot be read (${error.code ?? "error"}).`);
        }
        seen.add(token), cached = { token, at: Date.now() };
      }
      return Promise.resolve({ ...fixed, token: cached.token });
    },
    invalidate: () => (cached = void 0, !0),
    secrets: () => [...seen]
  };
}
function execSource(exec, owner, fixed, plugin, seen) {
  let command = typeof exec.command == "string" ? exec.command : "";
  if (!command) throw new ConfigurationError(`kubeconfig ${owner}: exec has no command.`);
  let apiVersion = typeof exec.apiVersion == "string" ? exec.apiVersion : "client.authentication.k8s.io/v1", args = Array.isArray(exec.args) ? exec.args.map(String) : [], extraEnv = {};
  for (let entry of Array.isArray(exec.env) ? exec.env.filter(isRecord) : [])
    typeof entry.name == "string" && (extraEnv[entry.name] = typeof entry.value == "string" ? entry.value : "");
  let cached, running, run = async () => {
    let info = {
      apiVersion,
      kind: "ExecCredential",
      spec: {
        interactive: !1,
        ...exec.provideClusterInfo === !0 ? { cluster: { server: plugin.server, ...plugin.ca ? { "certificate-authority-data": Buffer.from(plugin.ca).toString("base64") } : {} } } : {}
      }
    }, env = {};
    for (let [key, value] of Object.entries(plugin.env)) value !== void 0 && (env[key] = value);
    Object.assign(env, extraEnv, { KUBERNETES_EXEC_INFO: JSON.stringify(info) });
    let output;
    try {
      output = await plugin.runPlugin(command, args, env);
    } catch (error) {
      let hint = typeof exec.installHint == "string" ? ` ${exec.installHint.trim()}` : "", said = masked(error.message, [...seen, ...Object.values(extraEnv), ...args.flatMap(secretOfArgument)]);
      throw new ConfigurationError(`kubeconfig ${owner}: the credential plugin "${command}" failed: ${said}${hint}`);
    }
    let status = parsePluginOutput(output, command, owner), credentials = { ...fixed, ...status.credentials };
    for (let secret of [credentials.token, credentials.clientKey]) secret && seen.add(secret);
    return cached = { credentials, expires: status.expires ?? Number.POSITIVE_INFINITY }, credentials;
  };
  return {
    current: () => cached && Date.now() < cached.expires ? Promise.resolve(cached.credentials) : (running ??= run().finally(() => {
      running = void 0;
    }), running),
    invalidate: () => (cached = void 0, !0),
    secrets: () => [...seen]
  };
}
function secretOfArgument(argument) {
  let match = /^--?[\w-]*(secret|token|password|key)[\w-]*=(.+)$/i.exec(argument);
  return match?.[2] ? [match[2]] : [];
}
function masked(text, secrets) {
  let result = text;
  for (let secret of secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) result = result.split(secret).join("***");
  return result;
}
function parsePluginOutput(output, command, owner) {
  let value;
  try {
    value = JSON.parse(output);
  } catch {
    throw new ConfigurationError(`kubeconfig ${owner}: the credential plugin "${command}" printed no ExecCredential JSON.`);
  }
  let status = isRecord(value) && isRecord(value.status) ? value.status : void 0;
  if (!status) throw new ConfigurationError(`kubeconfig ${owner}: the credential plugin "${command}" printed an ExecCredential without status.`);
  let credentials = {
    ...typeof status.token == "string" && status.token ? { token: status.token } : {},
    ...typeof status.clientCertificateData == "string" && typeof status.clientKeyData == "string" ? { clientCertificate: status.clientCertificateData, clientKey: status.clientKeyData } : {}
  };
  if (!credentials.token && !credentials.clientCertificate)
    throw new ConfigurationError(`kubeconfig ${owner}: the credential plugin "${command}" gave neither a token nor a client certificate.`);
  let expiry = typeof status.expirationTimestamp == "string" ? Date.parse(status.expirationTimestamp) : Number.NaN;
  return { credentials, ...Number.isNaN(expiry) ? {} : { expires: expiry - 1e4 } };
}
var runPlugin = (command, args, env) => new Promise((resolve, reject) => {
  execFile(command, args, { env, timeout: 6e4, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
    if (!error) {
      resolve(stdout);
      return;
    }
    let code = error.code, how = code === "ENOENT" ? "it is not installed (not found on PATH)" : error.killed ? "it did not finish within 60 s" : typeof code == "number" ? `it exited with code ${code}` : `it could not be run (${code ?? "error"})`, last = stderr.trim().split(`
`).slice(-1)[0]?.trim();
    reject(new Error(`${how}${last ? `: ${last}` : ""}`));
  });
});
function inClusterConnection(env) {
  let host = env.KUBERNETES_SERVICE_HOST, port = env.KUBERNETES_SERVICE_PORT, folder = "/var/run/secrets/kubernetes.io/serviceaccount";
  if (!host || !port || !existsSync(join(folder, "token"))) return;
  let seen = /* @__PURE__ */ new Set(), namespace = existsSync(join(folder, "namespace")) ? readFileSync(join(folder, "namespace"), "utf8").trim() : "default";
  return {
    server: `https://${host.includes(":") ? `[${host}]` : host}:${port}`,
    namespace: namespace || "default",
    ...existsSync(join(folder, "ca.crt")) ? { ca: readFileSync(join(folder, "ca.crt"), "utf8") } : {},
    credentials: tokenFileSource(join(folder, "token"), "in-cluster service account", {}, seen)
  };
}

// src/k8s/http.ts
import http from "node:http";
import https from "node:https";

// src/k8s/retry.ts
var DEFAULT_RETRY = { attempts: 5, baseDelayMs: 250, maxDelayMs: 4e3, maxRetryAfterMs: 3e4 }, RETRIED_CAUSES = /* @__PURE__ */ new Set(["refused", "timeout", "network"]);
function retryDelay(error, attempt, policy, random = Math.random) {
  if (attempt >= policy.attempts) return;
  let backoff = () => Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
  if (error instanceof ClusterUnreachableError) return RETRIED_CAUSES.has(error.unreachable.cause) ? backoff() : void 0;
  if (error instanceof KubeApiError) {
    if (error.code === 429 || error.reason === "TooManyRequests") {
      let after = (error.retryAfterSeconds ?? 1) * 1e3;
      return after > policy.maxRetryAfterMs ? void 0 : Math.max(after, backoff());
    }
    if (error.code >= 500 || error.reason === "ServerTimeout" || error.reason === "Timeout")
      return error.retryAfterSeconds !== void 0 ? Math.min(error.retryAfterSeconds * 1e3, policy.maxRetryAfterMs) : backoff();
  }
}
async function withRetry(call, policy, hooks) {
  for (let attempt = 1; ; attempt++)
    try {
      return await call();
    } catch (error) {
      let delay = retryDelay(error, attempt, policy, hooks.random);
      if (delay === void 0) throw error;
      hooks.onRetry?.(error, attempt, delay), await hooks.sleep(delay);
    }
}

// src/k8s/http.ts
var PATCH_TYPES = {
  json: "application/json-patch+json",
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json"
}, HttpKubeClient = class {
  constructor(connection, options = {}) {
    this.connection = connection;
    this.base = new URL(connection.server), this.options = {
      requestTimeoutMs: options.requestTimeoutMs ?? 3e4,
      retry: options.retry ?? DEFAULT_RETRY,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      maxSockets: options.maxSockets ?? 32,
      ...options.onRetry ? { onRetry: options.onRetry } : {}
    }, this.agent = new http.Agent({ keepAlive: !0, maxSockets: this.options.maxSockets });
  }
  connection;
  base;
  agent;
  agentFor;
  tlsAgent;
  discovery = /* @__PURE__ */ new Map();
  options;
  /** Closes idle keep-alive sockets so the process can exit. */
  close() {
    this.agent.destroy(), this.tlsAgent?.destroy();
  }
  async version() {
    return JSON.parse((await this.send({ method: "GET", path: "/version" })).body);
  }
  async apply(object, options = {}) {
    let path = await this.objectPath(object.apiVersion, object.kind, object.metadata.name, object.metadata.namespace), answer = await this.send({
      method: "PATCH",
      path,
      query: { fieldManager: options.fieldManager ?? FIELD_MANAGER, force: String(options.force ?? !0), dryRun: options.dryRun ? "All" : void 0 },
      // JSON is YAML: the apply-patch+yaml content type takes it as is.
      body: JSON.stringify(object),
      contentType: "application/apply-patch+yaml"
    });
    return JSON.parse(answer.body);
  }
  async get(ref) {
    let path = await this.objectPath(ref.apiVersion, ref.kind, ref.name, ref.namespace);
    try {
      return JSON.parse((await this.send({ method: "GET", path })).body);
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return;
      throw error;
    }
  }
  async list(kind, options = {}) {
    let path = await this.collectionPath(kind.apiVersion, kind.kind, kind.namespace, !0), answer = await this.send({ method: "GET", path, query: { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector } }), list = JSON.parse(answer.body);
    return { items: (list.items ?? []).map((item) => ({ ...item, apiVersion: kind.apiVersion, kind: kind.kind })), resourceVersion: list.metadata?.resourceVersion ?? "" };
  }
  async create(object, options = {}) {
    let path = await this.collectionPath(object.apiVersion, object.kind, object.metadata.namespace, !1), answer = await this.send({ method: "POST", path, query: writeQuery(options), body: JSON.stringify(object), contentType: "application/json" });
    return JSON.parse(answer.body);
  }
  async replace(object, options = {}) {
    let path = await this.objectPath(object.apiVersion, object.kind, object.metadata.name, object.metadata.namespace), answer = await this.send({ method: "PUT", path, query: writeQuery(options), body: JSON.stringify(object), contentType: "application/json" });
    return JSON.parse(answer.body);
  }
  async patch(ref, patch, options) {
    let path = await this.objectPath(ref.apiVersion, ref.kind, ref.name, ref.namespace) + (options.subresource ? `/${options.subresource}` : ""), answer = await this.send({ method: "PATCH", path, query: writeQuery(options), body: JSON.stringify(patch), contentType: PATCH_TYPES[options.type] });
    return JSON.parse(answer.body);
  }
  async delete(ref, options = {}) {
    let path = await this.objectPath(ref.apiVersion, ref.kind, ref.name, ref.namespace), body = {
      apiVersion: "v1",
      kind: "DeleteOptions",
      ...options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {},
      ...options.dryRun ? { dryRun: ["All"] } : {},
      ...options.uid ? { preconditions: { uid: options.uid } } : {}
    };
    try {
      return await this.send({ method: "DELETE", path, body: JSON.stringify(body), contentType: "application/json" }), "deleted";
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return "not-found";
      throw error;
    }
  }
  async *watch(kind, options) {
    let path = await this.collectionPath(kind.apiVersion, kind.kind, kind.namespace, !0), query = {
      watch: "1",
      allowWatchBookmarks: "true",
      resourceVersion: options.resourceVersion,
      timeoutSeconds: String(options.timeoutSeconds ?? 300),
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector
    }, response;
    try {
      ({ response } = await this.open({ method: "GET", path, query, stream: !0, ...options.signal ? { signal: options.signal } : {} }));
    } catch (error) {
      if (options.signal?.aborted) return;
      throw error;
    }
    response.setEncoding("utf8");
    let buffered = "", eventOf = (line) => {
      let event = JSON.parse(line);
      if (event.type === "ERROR")
        throw apiErrorFrom(event.object.code ?? 500, JSON.stringify(event.object), `WATCH ${path}`);
      return event.type !== "BOOKMARK" && (event.object = { ...event.object, apiVersion: kind.apiVersion, kind: kind.kind }), event;
    };
    try {
      for await (let chunk of response) {
        buffered += chunk;
        let newline;
        for (; (newline = buffered.indexOf(`
`)) !== -1; ) {
          let line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1), line && (yield eventOf(line));
        }
      }
      buffered.trim() && (yield eventOf(buffered.trim()));
    } catch (error) {
      if (options.signal?.aborted) return;
      if (error instanceof KubeApiError || error instanceof SyntaxError) throw error;
    } finally {
      response.destroy();
    }
  }
  async logs(pod, options = {}) {
    return (await this.send({
      method: "GET",
      path: `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}/log`,
      query: {
        container: options.container,
        previous: options.previous ? "true" : void 0,
        tailLines: options.tailLines === void 0 ? void 0 : String(options.tailLines)
      }
    })).body;
  }
  /** Discovery of one group/version (`/api/v1`, `/apis/apps/v1`), asked once per run; again once for a kind it lacked (a CRD just created). */
  async resourceOf(apiVersion, kind) {
    let found = (await this.discover(apiVersion))?.get(kind);
    return found || (this.discovery.delete(apiVersion), (await this.discover(apiVersion))?.get(kind));
  }
  discover(apiVersion) {
    let pending = this.discovery.get(apiVersion);
    return pending || (pending = this.fetchDiscovery(apiVersion), pending.catch(() => this.discovery.delete(apiVersion)), this.discovery.set(apiVersion, pending)), pending;
  }
  async fetchDiscovery(apiVersion) {
    let path = groupOfApiVersion(apiVersion) === "" ? `/api/${apiVersion}` : `/apis/${apiVersion}`, body;
    try {
      body = (await this.send({ method: "GET", path })).body;
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return;
      throw error;
    }
    let list = JSON.parse(body), kinds = /* @__PURE__ */ new Map();
    for (let resource of list.resources ?? [])
      resource.name.includes("/") || kinds.set(resource.kind, { plural: resource.name, namespaced: resource.namespaced });
    return kinds;
  }
  async info(apiVersion, kind) {
    let info = await this.resourceOf(apiVersion, kind);
    if (!info) throw new UnknownKindError(apiVersion, kind);
    return info;
  }
  async collectionPath(apiVersion, kind, namespace, allowAllNamespaces) {
    let info = await this.info(apiVersion, kind), prefix = groupOfApiVersion(apiVersion) === "" ? `/api/${apiVersion}` : `/apis/${apiVersion}`;
    if (!info.namespaced) return `${prefix}/${info.plural}`;
    let ns = namespace ?? (allowAllNamespaces ? void 0 : this.connection.namespace);
    return ns === void 0 ? `${prefix}/${info.plural}` : `${prefix}/namespaces/${encodeURIComponent(ns)}/${info.plural}`;
  }
  async objectPath(apiVersion, kind, name, namespace) {
    let info = await this.info(apiVersion, kind), prefix = groupOfApiVersion(apiVersion) === "" ? `/api/${apiVersion}` : `/apis/${apiVersion}`;
    return info.namespaced ? `${prefix}/namespaces/${encodeURIComponent(namespace ?? this.connection.namespace)}/${info.plural}/${encodeURIComponent(name)}` : `${prefix}/${info.plural}/${encodeURIComponent(name)}`;
  }
  /**
   * One request through the retry policy. A 401 asks the credential source again once, when it has something to ask
   * (an exec plugin's expired token, a rotated token file); a fixed token is not sent twice.
   */
  async send(spec) {
    let refreshed = !1;
    return withRetry(
      async () => {
        try {
          return await this.once(spec);
        } catch (error) {
          if (!refreshed && error instanceof KubeApiError && error.code === 401 && this.connection.credentials.invalidate())
            return refreshed = !0, this.once(spec);
          throw error;
        }
      },
      this.options.retry,
      {
        sleep: this.options.sleep,
        // A progress line: the client's own words, not the final sentence ("…; nothing was changed.") it may never reach.
        onRetry: (error, attempt, delay) => this.options.onRetry?.(
          `${spec.method} ${spec.path}: ${error instanceof ClusterUnreachableError ? error.unreachable.detail : error.message.split(`
`)[0]} (attempt ${attempt} of ${this.options.retry.attempts}; retrying in ${(delay / 1e3).toFixed(1)} s)`
        )
      }
    );
  }
  async once(spec) {
    let { response, body } = await this.open(spec);
    return { status: response.statusCode ?? 0, headers: response.headers, body: body ?? "" };
  }
  /**
   * Sends the request. A 2xx answer resolves with its whole body, or (`stream`) with the response still streaming;
   * any other answer rejects with the typed error. The timeout bounds everything up to the last byte (up to the
   * headers for a stream): a server that stops halfway is as unreachable as one that never answers.
   */
  async open(spec) {
    if (spec.signal?.aborted) throw abortError();
    let credentials = await this.connection.credentials.current(), url = new URL(this.base.pathname.replace(/\/$/, "") + spec.path, this.base);
    for (let [key, value] of Object.entries(spec.query ?? {})) value !== void 0 && url.searchParams.set(key, value);
    let headers = { Accept: "application/json", "User-Agent": "k8sapp" };
    spec.body !== void 0 && (headers["Content-Type"] = spec.contentType ?? "application/json", headers["Content-Length"] = String(Buffer.byteLength(spec.body))), credentials.token ? headers.Authorization = `Bearer ${credentials.token}` : credentials.basic && (headers.Authorization = `Basic ${Buffer.from(`${credentials.basic.username}:${credentials.basic.password}`).toString("base64")}`);
    let isTls = url.protocol === "https:", agent = isTls ? this.tls(credentials) : this.agent, requestLine = `${spec.method} ${spec.path}`;
    return new Promise((resolve, reject) => {
      let request = (isTls ? https : http).request(url, { method: spec.method, headers, agent }), settled = !1, timedOut = !1, onAbort = () => request.destroy(abortError()), settle = (outcome) => {
        settled || (settled = !0, clearTimeout(timeout), "error" in outcome ? (spec.signal?.removeEventListener("abort", onAbort), reject(outcome.error)) : resolve(outcome.value));
      }, failed = (error) => spec.signal?.aborted ? abortError() : timedOut ? unreachableError(timeoutError(this.options.requestTimeoutMs), this.connection.server) : unreachableError(error, this.connection.server), timeout = setTimeout(() => {
        timedOut = !0, request.destroy(timeoutError(this.options.requestTimeoutMs));
      }, this.options.requestTimeoutMs);
      spec.signal?.addEventListener("abort", onAbort, { once: !0 }), request.on("error", (error) => settle({ error: failed(error) })), request.on("response", (response) => {
        let status = response.statusCode ?? 0, ok = status >= 200 && status < 300;
        if (ok && spec.stream) {
          response.on("close", () => spec.signal?.removeEventListener("abort", onAbort)), settle({ value: { response } });
          return;
        }
        let chunks = [];
        response.on("data", (chunk) => chunks.push(chunk)), response.on("error", (error) => settle({ error: failed(error) })), response.on("close", () => {
          response.complete || settle({ error: failed(Object.assign(new Error("the server closed the connection mid-answer"), { code: "ECONNRESET" })) });
        }), response.on("end", () => {
          let body = Buffer.concat(chunks).toString("utf8");
          spec.signal?.removeEventListener("abort", onAbort), settle(ok ? { value: { response, body } } : { error: apiErrorFrom(status, body, requestLine, response.headers["retry-after"]) });
        });
      }), request.end(spec.body);
    });
  }
  /** One TLS agent per set of client credentials (an exec plugin may hand out a new certificate). */
  tls(credentials) {
    return this.tlsAgent && this.agentFor?.clientCertificate === credentials.clientCertificate && this.agentFor?.clientKey === credentials.clientKey ? this.tlsAgent : (this.tlsAgent?.destroy(), this.agentFor = credentials, this.tlsAgent = new https.Agent({
      keepAlive: !0,
      maxSockets: this.options.maxSockets,
      ...this.connection.ca ? { ca: this.connection.ca } : {},
      ...credentials.clientCertificate ? { cert: credentials.clientCertificate, key: credentials.clientKey } : {},
      rejectUnauthorized: !this.connection.insecureSkipTlsVerify,
      ...this.connection.tlsServerName ? { servername: this.connection.tlsServerName } : {}
    }), this.tlsAgent);
  }
};
function writeQuery(options) {
  return { fieldManager: options.fieldManager ?? FIELD_MANAGER, dryRun: options.dryRun ? "All" : void 0 };
}
var TLS_CODES = /^(ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_|EPROTO$|ERR_OSSL)/;
function unreachableCause(error) {
  let code = error.code ?? "";
  return code === "ECONNREFUSED" ? "refused" : code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME" ? "dns" : TLS_CODES.test(code) ? "tls" : code === "ETIMEDOUT" || code === "ESOCKETTIMEDOUT" ? "timeout" : "network";
}
function unreachableError(error, server) {
  let unreachable = {
    cause: unreachableCause(error),
    server: withoutUserinfo(server),
    detail: `${error.code && !error.message.includes(error.code) ? `${error.code}: ` : ""}${error.message}`
  };
  return new ClusterUnreachableError(unreachable, "nothing was changed");
}
function withoutUserinfo(server) {
  try {
    let url = new URL(server);
    return !url.username && !url.password ? server : (url.username = "", url.password = "", url.toString().replace(/\/$/, ""));
  } catch {
    return server.replace(/\/\/[^/@]*@/, "//");
  }
}
function timeoutError(ms) {
  return Object.assign(new Error(`no answer within ${ms / 1e3} s`), { code: "ETIMEDOUT" });
}
function abortError() {
  return Object.assign(new Error("the request was aborted"), { name: "AbortError", code: "ABORT_ERR" });
}

// src/k8s/connect.ts
function connectKube(options, http2 = {}) {
  return new HttpKubeClient(loadConnection(options), http2);
}
var defaultKubeFactory = (options, http2) => connectKube(options, http2);

export {
  ClusterUnreachableError,
  unreachableSentence,
  connectKube,
  defaultKubeFactory
};
