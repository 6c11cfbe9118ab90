import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { ConfigurationError } from '../errors.js';
import { readKubeconfigText } from './kubeconfig.js';
import { isRecord } from '../json.js';

/**
 * Everything needed to reach one API server as one identity, read from a kubeconfig the way kubectl reads it:
 * the current (or named) context, its cluster (server, CA, TLS server name, insecure flag) and its user (bearer token,
 * token file, client certificate and key, basic auth, or an exec credential plugin such as `aws eks get-token`).
 * Credentials stay in memory; nothing here writes a file.
 */
export interface Connection {
  /** The server URL, without a trailing slash. */
  server: string;
  /** The context's namespace (kubectl's default for objects that name none): `default` unless set. */
  namespace: string;
  ca?: string;
  insecureSkipTlsVerify?: boolean;
  tlsServerName?: string;
  credentials: CredentialSource;
}

export interface Credentials {
  token?: string;
  clientCertificate?: string;
  clientKey?: string;
  basic?: { username: string; password: string };
}

/** Credentials now; an exec plugin or token file is asked again when what it gave expires (or after a 401). */
export interface CredentialSource {
  current(): Promise<Credentials>;
  /**
   * After a 401: forget cached plugin output (or a token file's contents) so the next call asks again. False when
   * there is nothing to ask again (a fixed token, a certificate): the 401 is final.
   */
  invalidate(): boolean;
  /** Every secret string the source has handed out so far (for masking). */
  secrets(): string[];
}

interface Named<T> {
  name?: unknown;
  cluster?: T;
  context?: T;
  user?: T;
}

interface KubeconfigDocument {
  'current-context'?: unknown;
  clusters?: unknown;
  contexts?: unknown;
  users?: unknown;
}

export interface ConnectionOptions {
  /** Kubeconfig file(s); several joined with the path delimiter, as KUBECONFIG allows. Default: $KUBECONFIG, ~/.kube/config. */
  kubeconfig?: string;
  /** Kubeconfig content instead of a file (an action's `kubeconfig` input): relative paths resolve against cwd. */
  content?: string;
  context?: string;
  env?: NodeJS.ProcessEnv;
  /** Runs an exec credential plugin; tests inject one. */
  runPlugin?: PluginRunner;
}

export type PluginRunner = (command: string, args: string[], env: Record<string, string>) => Promise<string>;

/** Reads the kubeconfig and resolves the context into a Connection; a ConfigurationError names what is wrong. */
export function loadConnection(options: ConnectionOptions = {}): Connection {
  const env = options.env ?? process.env;
  const sources =
    options.content !== undefined
      ? [{ origin: 'the kubeconfig input', base: process.cwd(), text: options.content }]
      : readKubeconfigFiles(options.kubeconfig, env);
  if (sources.length === 0) {
    const inCluster = inClusterConnection(env);
    if (inCluster) return inCluster;
    throw new ConfigurationError(
      'No kubeconfig: set KUBECONFIG or --kubeconfig (or the action\'s "kubeconfig" input) to a kubeconfig file; ~/.kube/config does not exist either.',
    );
  }
  const docs = sources.map((source) => ({ ...source, doc: parseDocument(source.text, source.origin) }));
  const origin = docs.map((d) => d.origin).join(', ');
  const contextName = options.context ?? docs.map((d) => d.doc['current-context']).find((c): c is string => typeof c === 'string' && c !== '');
  if (!contextName) throw new ConfigurationError(`${origin} has no current-context, so there is no cluster to use. Set current-context (or pass --context).`);
  const context = findNamed<Record<string, unknown>>(docs, 'contexts', 'context', contextName);
  if (!context) throw new ConfigurationError(`${origin}: context "${contextName}" is not one of its contexts.`);
  const clusterName = typeof context.value.cluster === 'string' ? context.value.cluster : '';
  const cluster = findNamed<Record<string, unknown>>(docs, 'clusters', 'cluster', clusterName);
  if (!cluster) throw new ConfigurationError(`${origin}: context "${contextName}" names cluster "${clusterName}", which it does not define.`);
  const server = typeof cluster.value.server === 'string' ? cluster.value.server.trim().replace(/\/+$/, '') : '';
  if (!server) throw new ConfigurationError(`${origin}: cluster "${clusterName}" (context "${contextName}") has no server URL.`);
  const userName = typeof context.value.user === 'string' ? context.value.user : '';
  const user = userName ? findNamed<Record<string, unknown>>(docs, 'users', 'user', userName) : undefined;
  if (userName && !user) throw new ConfigurationError(`${origin}: context "${contextName}" names user "${userName}", which it does not define.`);
  const namespace = typeof context.value.namespace === 'string' && context.value.namespace ? context.value.namespace : 'default';
  const ca = dataOrFile(cluster.value, 'certificate-authority', cluster.base, `cluster "${clusterName}"`);
  return {
    server,
    namespace,
    ...(ca ? { ca } : {}),
    ...(cluster.value['insecure-skip-tls-verify'] === true ? { insecureSkipTlsVerify: true } : {}),
    ...(typeof cluster.value['tls-server-name'] === 'string' ? { tlsServerName: cluster.value['tls-server-name'] } : {}),
    credentials: credentialSource(user?.value ?? {}, user?.base ?? process.cwd(), `user "${userName}"`, {
      server,
      ...(ca ? { ca } : {}),
      runPlugin: options.runPlugin ?? runPlugin,
      env,
    }),
  };
}

function readKubeconfigFiles(explicit: string | undefined, env: NodeJS.ProcessEnv): { origin: string; base: string; text: string }[] {
  const list = (explicit ?? env.KUBECONFIG ?? '')
    .split(delimiter)
    .map((p) => p.trim())
    .filter(Boolean);
  if (list.length === 0) {
    const fallback = join(env.HOME ?? homedir(), '.kube', 'config');
    if (!existsSync(fallback)) return [];
    list.push(fallback);
  }
  const found: { origin: string; base: string; text: string }[] = [];
  for (const path of list) {
    try {
      found.push({ origin: path, base: dirname(path), text: readKubeconfigText(path) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // kubectl skips missing files of a KUBECONFIG list; a single named file that is missing is an error.
      if (code === 'ENOENT' && list.length > 1) continue;
      throw new ConfigurationError(`kubeconfig ${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`}.`);
    }
  }
  return found;
}

function parseDocument(text: string, origin: string): KubeconfigDocument {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    throw new ConfigurationError(`${origin} is not a kubeconfig: it does not parse as YAML; content not shown (it holds credentials).`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ConfigurationError(`${origin} is not a kubeconfig: expected a YAML mapping with clusters, contexts, users and current-context.`);
  }
  return doc;
}

/** The first definition of a name across the files wins, as kubectl merges KUBECONFIG lists. */
function findNamed<T>(
  docs: { base: string; doc: KubeconfigDocument }[],
  list: 'clusters' | 'contexts' | 'users',
  field: 'cluster' | 'context' | 'user',
  name: string,
): { value: T; base: string } | undefined {
  for (const { doc, base } of docs) {
    const entries = Array.isArray(doc[list]) ? (doc[list] as Named<T>[]) : [];
    const entry = entries.find((e) => e && e.name === name);
    if (entry) return { value: (entry[field] ?? {}) as T, base };
  }
  return undefined;
}

/** `<key>-data` (base64) or `<key>` (a path, relative to the kubeconfig's folder). */
function dataOrFile(section: Record<string, unknown>, key: string, base: string, owner: string): string | undefined {
  const data = section[`${key}-data`];
  if (typeof data === 'string' && data.trim() !== '') return Buffer.from(data, 'base64').toString('utf8');
  const path = section[key];
  if (typeof path !== 'string' || path === '') return undefined;
  const full = isAbsolute(path) ? path : join(base, path);
  try {
    return readFileSync(full, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`kubeconfig ${owner}: ${key} ${full} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

interface PluginContext {
  server: string;
  ca?: string;
  runPlugin: PluginRunner;
  env: NodeJS.ProcessEnv;
}

function credentialSource(user: Record<string, unknown>, base: string, owner: string, plugin: PluginContext): CredentialSource {
  if (user['auth-provider'] !== undefined) {
    throw new ConfigurationError(
      `kubeconfig ${owner} uses an auth-provider, which Kubernetes removed in 1.26; use an exec credential plugin (for example kubelogin or gke-gcloud-auth-plugin).`,
    );
  }
  const clientCertificate = dataOrFile(user, 'client-certificate', base, owner);
  const clientKey = dataOrFile(user, 'client-key', base, owner);
  if (Boolean(clientCertificate) !== Boolean(clientKey)) {
    throw new ConfigurationError(`kubeconfig ${owner} has a client certificate without its key (or a key without its certificate).`);
  }
  const basic = typeof user.username === 'string' && typeof user.password === 'string' ? { username: user.username, password: user.password } : undefined;
  const fixed: Credentials = {
    ...(typeof user.token === 'string' && user.token ? { token: user.token } : {}),
    ...(clientCertificate && clientKey ? { clientCertificate, clientKey } : {}),
    ...(basic ? { basic } : {}),
  };
  const seen = new Set<string>([fixed.token, fixed.clientKey, basic?.password].filter((s): s is string => Boolean(s)));
  if (isRecord(user.exec)) return execSource(user.exec, owner, fixed, plugin, seen);
  const tokenFile =
    typeof user.tokenFile === 'string' && user.tokenFile ? (isAbsolute(user.tokenFile) ? user.tokenFile : join(base, user.tokenFile)) : undefined;
  if (tokenFile && !fixed.token) return tokenFileSource(tokenFile, owner, fixed, seen);
  return { current: () => Promise.resolve(fixed), invalidate: () => false, secrets: () => [...seen] };
}

/** Re-read once a minute, as client-go does: projected service-account tokens rotate. */
function tokenFileSource(path: string, owner: string, fixed: Credentials, seen: Set<string>): CredentialSource {
  let cached: { token: string; at: number } | undefined;
  return {
    current: () => {
      if (!cached || Date.now() - cached.at > 60_000) {
        let token: string;
        try {
          token = readFileSync(path, 'utf8').trim();
        } catch (error) {
          throw new ConfigurationError(`kubeconfig ${owner}: tokenFile ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
        }
        seen.add(token);
        cached = { token, at: Date.now() };
      }
      return Promise.resolve({ ...fixed, token: cached.token });
    },
    invalidate: () => {
      cached = undefined;
      return true;
    },
    secrets: () => [...seen],
  };
}

/** An exec credential plugin (client.authentication.k8s.io v1 or v1beta1), run again when its answer expires. */
function execSource(exec: Record<string, unknown>, owner: string, fixed: Credentials, plugin: PluginContext, seen: Set<string>): CredentialSource {
  const command = typeof exec.command === 'string' ? exec.command : '';
  if (!command) throw new ConfigurationError(`kubeconfig ${owner}: exec has no command.`);
  const apiVersion = typeof exec.apiVersion === 'string' ? exec.apiVersion : 'client.authentication.k8s.io/v1';
  const args = Array.isArray(exec.args) ? exec.args.map(String) : [];
  const extraEnv: Record<string, string> = {};
  for (const entry of Array.isArray(exec.env) ? exec.env.filter(isRecord) : []) {
    if (typeof entry.name === 'string') extraEnv[entry.name] = typeof entry.value === 'string' ? entry.value : '';
  }
  let cached: { credentials: Credentials; expires: number } | undefined;
  // Requests in flight together wait for one run of the plugin, not one run each.
  let running: Promise<Credentials> | undefined;
  const run = async (): Promise<Credentials> => {
    const info = {
      apiVersion,
      kind: 'ExecCredential',
      spec: {
        interactive: false,
        ...(exec.provideClusterInfo === true
          ? { cluster: { server: plugin.server, ...(plugin.ca ? { 'certificate-authority-data': Buffer.from(plugin.ca).toString('base64') } : {}) } }
          : {}),
      },
    };
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(plugin.env)) if (value !== undefined) env[key] = value;
    Object.assign(env, extraEnv, { KUBERNETES_EXEC_INFO: JSON.stringify(info) });
    let output: string;
    try {
      output = await plugin.runPlugin(command, args, env);
    } catch (error) {
      const hint = typeof exec.installHint === 'string' ? ` ${exec.installHint.trim()}` : '';
      // The plugin's own words may repeat what it was given (its env, its arguments): masked before they are shown.
      const said = masked((error as Error).message, [...seen, ...Object.values(extraEnv), ...args.flatMap(secretOfArgument)]);
      throw new ConfigurationError(`kubeconfig ${owner}: the credential plugin "${command}" failed: ${said}${hint}`);
    }
    const status = parsePluginOutput(output, command, owner);
    const credentials: Credentials = { ...fixed, ...status.credentials };
    for (const secret of [credentials.token, credentials.clientKey]) if (secret) seen.add(secret);
    cached = { credentials, expires: status.expires ?? Number.POSITIVE_INFINITY };
    return credentials;
  };
  return {
    current: () => {
      if (cached && Date.now() < cached.expires) return Promise.resolve(cached.credentials);
      running ??= run().finally(() => {
        running = undefined;
      });
      return running;
    },
    invalidate: () => {
      cached = undefined;
      return true;
    },
    secrets: () => [...seen],
  };
}

/** `--client-secret=abc` → `abc`: the value of an argument whose name says it is a secret. */
function secretOfArgument(argument: string): string[] {
  const match = /^--?[\w-]*(secret|token|password|key)[\w-]*=(.+)$/i.exec(argument);
  return match?.[2] ? [match[2]] : [];
}

function masked(text: string, secrets: string[]): string {
  let result = text;
  for (const secret of secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) result = result.split(secret).join('***');
  return result;
}

function parsePluginOutput(output: string, command: string, owner: string): { credentials: Credentials; expires?: number } {
  let value: unknown;
  try {
    value = JSON.parse(output);
  } catch {
    throw new ConfigurationError(`kubeconfig ${owner}: the credential plugin "${command}" printed no ExecCredential JSON.`);
  }
  const status = isRecord(value) && isRecord(value.status) ? value.status : undefined;
  if (!status) throw new ConfigurationError(`kubeconfig ${owner}: the credential plugin "${command}" printed an ExecCredential without status.`);
  const credentials: Credentials = {
    ...(typeof status.token === 'string' && status.token ? { token: status.token } : {}),
    ...(typeof status.clientCertificateData === 'string' && typeof status.clientKeyData === 'string'
      ? { clientCertificate: status.clientCertificateData, clientKey: status.clientKeyData }
      : {}),
  };
  if (!credentials.token && !credentials.clientCertificate) {
    throw new ConfigurationError(`kubeconfig ${owner}: the credential plugin "${command}" gave neither a token nor a client certificate.`);
  }
  const expiry = typeof status.expirationTimestamp === 'string' ? Date.parse(status.expirationTimestamp) : Number.NaN;
  // Ask again 10 s before it expires, so a request is not sent with a token that dies on the way.
  return { credentials, ...(Number.isNaN(expiry) ? {} : { expires: expiry - 10_000 }) };
}

/** Runs the plugin; a failure says how it failed and the last line the plugin wrote, never the command line (it can hold secrets). */
const runPlugin: PluginRunner = (command, args, env) =>
  new Promise((resolve, reject) => {
    execFile(command, args, { env, timeout: 60_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) {
        resolve(stdout);
        return;
      }
      const code = (error as NodeJS.ErrnoException).code as string | number | undefined;
      const how =
        code === 'ENOENT'
          ? 'it is not installed (not found on PATH)'
          : error.killed
            ? 'it did not finish within 60 s'
            : typeof code === 'number'
              ? `it exited with code ${code}`
              : `it could not be run (${code ?? 'error'})`;
      const last = stderr.trim().split('\n').slice(-1)[0]?.trim();
      reject(new Error(`${how}${last ? `: ${last}` : ''}`));
    });
  });

/** Inside a pod: the service account's token and CA, as client-go's InClusterConfig. */
function inClusterConnection(env: NodeJS.ProcessEnv): Connection | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  const folder = '/var/run/secrets/kubernetes.io/serviceaccount';
  if (!host || !port || !existsSync(join(folder, 'token'))) return undefined;
  const seen = new Set<string>();
  const namespace = existsSync(join(folder, 'namespace')) ? readFileSync(join(folder, 'namespace'), 'utf8').trim() : 'default';
  return {
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    namespace: namespace || 'default',
    ...(existsSync(join(folder, 'ca.crt')) ? { ca: readFileSync(join(folder, 'ca.crt'), 'utf8') } : {}),
    credentials: tokenFileSource(join(folder, 'token'), 'in-cluster service account', {}, seen),
  };
}
