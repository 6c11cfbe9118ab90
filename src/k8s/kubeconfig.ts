import { readFileSync, statSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigurationError } from '../errors.js';

/** The cluster a kubeconfig points the API client at: its current context and that context's server. */
export interface KubeconfigTarget {
  context: string;
  cluster: string;
  server: string;
}

interface Named<T> {
  name?: unknown;
  context?: T;
  cluster?: T;
}

/**
 * Checks kubeconfig content before anything uses it: it parses, names a current context that exists, and that
 * context's cluster has a server. `origin` says where it came from (a file, an input) in every message; the content
 * is never quoted (it holds credentials). Pure: no cluster is contacted.
 */
export function checkKubeconfig(text: string, origin: string): KubeconfigTarget {
  let config: unknown;
  try {
    config = parse(text);
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new ConfigurationError(
      `${origin} is not a kubeconfig: it does not parse as YAML${line ? ` (line ${line})` : ''}; content not shown (it holds credentials).`,
    );
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    throw new ConfigurationError(`${origin} is not a kubeconfig: expected a YAML mapping with clusters, contexts, users and current-context.`);
  }
  const { 'current-context': current, contexts, clusters } = config as { 'current-context'?: unknown; contexts?: unknown; clusters?: unknown };
  const list = <T>(value: unknown) => (Array.isArray(value) ? (value as Named<T>[]) : []);
  if (typeof current !== 'string' || current === '') {
    throw new ConfigurationError(
      `${origin} has no current-context, so there is no cluster to use (contexts: ${
        list(contexts)
          .map((c) => String(c.name))
          .join(', ') || 'none'
      }). Set current-context.`,
    );
  }
  const context = list<{ cluster?: unknown }>(contexts).find((c) => c.name === current)?.context;
  if (!context) throw new ConfigurationError(`${origin}: current-context "${current}" is not one of its contexts.`);
  const clusterName = typeof context.cluster === 'string' ? context.cluster : '';
  const cluster = list<{ server?: unknown }>(clusters).find((c) => c.name === clusterName)?.cluster;
  if (!cluster) throw new ConfigurationError(`${origin}: context "${current}" names cluster "${clusterName}", which it does not define.`);
  if (typeof cluster.server !== 'string' || cluster.server.trim() === '') {
    throw new ConfigurationError(`${origin}: cluster "${clusterName}" (context "${current}") has no server URL.`);
  }
  return { context: current, cluster: clusterName, server: cluster.server.trim() };
}

const read = new Map<string, string>();

/**
 * A kubeconfig file's text. A pipe (`--kubeconfig <(printf '%s' "$KUBECONFIG_TEXT")`, which keeps the credentials off
 * the disk) can be read only once, so its text is kept for the check and the client to share.
 */
export function readKubeconfigText(path: string): string {
  const cached = read.get(path);
  if (cached !== undefined) return cached;
  const text = readFileSync(path, 'utf8');
  // A regular file is read afresh each time (it may be rewritten); only a pipe's one reading is kept.
  if (!statSync(path).isFile()) read.set(path, text);
  return text;
}

/** `--kubeconfig FILE`: the file must exist and be a usable kubeconfig (checkKubeconfig). */
export function checkKubeconfigFile(path: string, flag = '--kubeconfig'): KubeconfigTarget {
  let text: string;
  try {
    text = readKubeconfigText(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigurationError(
      `${flag} ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a kubeconfig file' : `cannot be read (${code ?? 'error'})`}.`,
    );
  }
  return checkKubeconfig(text, `${flag} ${path}`);
}

/**
 * The `kubeconfig` input of an action, which is normally `${{ secrets.KUBECONFIG }}`. Empty is the usual first-run
 * mistake: GitHub gives an empty string for a secret that does not exist or that the job cannot see.
 */
export function checkKubeconfigInput(content: string | undefined, environment: string): KubeconfigTarget {
  if (content === undefined || content.trim() === '') throw emptyKubeconfigError(environment);
  return checkKubeconfig(content, `Input "kubeconfig" (the KUBECONFIG secret of environment "${environment}")`);
}

/** The `kubeconfig` input is empty: which environment's secret, and how to set it. */
export function emptyKubeconfigError(environment: string): ConfigurationError {
  return new ConfigurationError(
    `Input "kubeconfig" is empty, so there is no cluster to deploy "${environment}" to; nothing was attempted. ` +
      `Usually the environment secret KUBECONFIG of the GitHub environment "${environment}" does not exist, or the job lacks ` +
      `\`environment: ${environment}\` (environment secrets reach only jobs that name their environment). Add the secret under ` +
      `Settings → Environments → ${environment} → Environment secrets (the hetzner-k8s workflow stores it there), give the job ` +
      `\`environment: ${environment}\` and pass \`kubeconfig: \${{ secrets.KUBECONFIG }}\`.`,
  );
}

/**
 * The credential values of a kubeconfig — what must never be shown: tokens, passwords, client keys (as written,
 * base64, and each line of the decoded PEM), exec plugin environment values, and the certificate data (not secret
 * in itself, but it identifies the user). Read from the parsed document, so `apiVersion: v1` or `clusters:` are not
 * masked in every later log line the way masking every line of the file would.
 */
export function kubeconfigSecrets(text: string): string[] {
  let config: unknown;
  try {
    config = parse(text);
  } catch {
    return [];
  }
  const found = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value !== 'string' || value.trim().length < 4) return;
    found.add(value.trim());
  };
  const addData = (value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') return;
    add(value);
    const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
    add(decoded);
    for (const line of decoded.split(/\r?\n/)) if (!line.startsWith('-----') && line.trim().length >= 8) add(line);
  };
  const users = (config as { users?: unknown } | null)?.users;
  for (const entry of Array.isArray(users) ? users : []) {
    const user = (entry as { user?: Record<string, unknown> } | null)?.user;
    if (!user || typeof user !== 'object') continue;
    add(user.token);
    add(user.password);
    addData(user['client-key-data']);
    addData(user['client-certificate-data']);
    const exec = user.exec as { env?: unknown } | undefined;
    for (const variable of Array.isArray(exec?.env) ? exec.env : []) add((variable as { value?: unknown } | null)?.value);
    const provider = user['auth-provider'] as { config?: Record<string, unknown> } | undefined;
    for (const value of Object.values(provider?.config ?? {})) add(value);
  }
  return [...found];
}
