import { ConfigurationError } from '../errors.js';
import { DOCKER_HUB_DOMAIN } from './reference.js';
import { isRecord } from '../json.js';

/** A username and password for one registry (or a path below it), and where it came from — never the values. */
export interface RegistryCredential {
  username: string;
  password: string;
  /** e.g. `pull secret shop/regcred` or `--registry-config`; shown to the user, never the values. */
  source: string;
}

interface Entry {
  domain: string;
  /** Repository path prefix the entry is limited to ('' = the whole registry), as the kubelet's keyring matches. */
  path: string;
  credential: RegistryCredential;
}

/**
 * Credentials keyed the way the kubelet's keyring matches them: registry domain, then the longest repository path
 * prefix. `https://index.docker.io/v1/`, `registry-1.docker.io` and `docker.io` all mean Docker Hub.
 */
export class CredentialStore {
  private readonly entries: Entry[] = [];

  add(key: string, credential: RegistryCredential): void {
    this.entries.push({ ...normalizeRegistryKey(key), credential });
  }

  merge(other: CredentialStore): void {
    this.entries.push(...other.entries);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The credential for `domain/repository`; the longest matching path wins, the first added among equals. */
  lookup(domain: string, repository: string): RegistryCredential | undefined {
    let best: Entry | undefined;
    for (const entry of this.entries) {
      if (entry.domain !== domain) continue;
      if (entry.path && repository !== entry.path && !repository.startsWith(`${entry.path}/`)) continue;
      if (!best || entry.path.length > best.path.length) best = entry;
    }
    return best?.credential;
  }

  /** Every secret string a log could show: passwords, usernames with them, and their base64 forms. */
  secretValues(): string[] {
    return this.entries
      .flatMap(({ credential: { username, password } }) => [password, Buffer.from(`${username}:${password}`).toString('base64')])
      .filter((value) => value.length >= 4);
  }
}

/** `https://index.docker.io/v1/` → docker.io; `https://ghcr.io/v2/` → ghcr.io; `registry.example/team` → path team. */
export function normalizeRegistryKey(key: string): { domain: string; path: string } {
  let rest = key.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  rest = rest.replace(/\/+$/, '');
  const slash = rest.indexOf('/');
  let domain = (slash === -1 ? rest : rest.slice(0, slash)).toLowerCase();
  let path = slash === -1 ? '' : rest.slice(slash + 1);
  if (domain === 'index.docker.io' || domain === 'registry-1.docker.io' || domain === 'registry.hub.docker.com') domain = DOCKER_HUB_DOMAIN;
  // API version suffixes are part of how clients wrote the key, not a repository path.
  if (/^v[12]$/.test(path)) path = '';
  return { domain, path };
}

function entryCredential(key: string, value: unknown, source: string, origin: string): RegistryCredential | undefined {
  if (!isRecord(value)) throw new ConfigurationError(`${origin}: the entry for "${key}" is not an object with auth or username/password.`);
  if (typeof value.auth === 'string' && value.auth !== '') {
    const decoded = Buffer.from(value.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) throw new ConfigurationError(`${origin}: the auth of "${key}" is not base64 of "username:password".`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source };
  }
  if (typeof value.username === 'string' && typeof value.password === 'string') return { username: value.username, password: value.password, source };
  // An entry with only an identitytoken or a credential helper cannot be used without that helper; it is skipped.
  return undefined;
}

/**
 * A Docker config: `{"auths": {KEY: {auth} | {username, password}}}` (config.json, kubernetes.io/dockerconfigjson)
 * or the legacy `{KEY: {auth}}` (.dockercfg, kubernetes.io/dockercfg). Errors never quote a value.
 */
export function parseDockerConfig(text: string, source: string, origin = source): CredentialStore {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`${origin} is not JSON in the Docker config.json format ({"auths": {"registry": {"auth": "base64(user:password)"}}}).`);
  }
  if (!isRecord(parsed)) throw new ConfigurationError(`${origin} is not a JSON object in the Docker config.json format.`);
  const auths = isRecord(parsed.auths) ? parsed.auths : 'auths' in parsed ? undefined : parsed;
  if (!auths) throw new ConfigurationError(`${origin}: "auths" must be an object of registry entries.`);
  const store = new CredentialStore();
  for (const [key, value] of Object.entries(auths)) {
    const credential = entryCredential(key, value, source, origin);
    if (credential) store.add(key, credential);
  }
  return store;
}

/** A pull secret as the API returns it; only the two Docker types hold registry credentials. */
export interface PullSecretObject {
  type?: string;
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
}

/** Credentials of one pull secret, or why it holds none (wrong type, missing key). */
export function credentialsOfSecret(secret: PullSecretObject): { store: CredentialStore } | { problem: string } {
  const where = `pull secret ${secret.metadata.namespace ?? 'default'}/${secret.metadata.name}`;
  const key = secret.type === 'kubernetes.io/dockerconfigjson' ? '.dockerconfigjson' : secret.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : undefined;
  if (!key) return { problem: `${where} has type ${secret.type ?? '(none)'}, not kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg` };
  const data = secret.data?.[key];
  if (!data) return { problem: `${where} has no ${key} key` };
  try {
    return { store: parseDockerConfig(Buffer.from(data, 'base64').toString('utf8'), where) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}
