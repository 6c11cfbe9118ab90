import { createHash } from 'node:crypto';
import type { RegistryCredential } from './credentials.js';
import { isLoopbackRegistry, type ImageReference } from './reference.js';

/** The subset of the fetch API the client uses; tests inject one, the edges pass globalThis.fetch. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; signal: AbortSignal; redirect?: 'follow' },
) => Promise<FetchResponse>;
export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Every manifest type a runtime pulls: OCI manifest and index, Docker schema 2 manifest and manifest list. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export type Resolution =
  | { outcome: 'resolved'; digest: string; mediaType?: string }
  /** The registry answered: no such manifest (or repository). */
  | { outcome: 'not-found'; code: 'MANIFEST_UNKNOWN' | 'NAME_UNKNOWN' | 'NOT_FOUND'; message: string }
  /** 401/403 after the challenge: no credentials, or credentials the registry refused. */
  | { outcome: 'unauthorized'; status: number; withCredentials: boolean; message: string }
  /** 5xx, 429, a timeout, a refused connection, TLS trouble: nothing is known about the image. */
  | { outcome: 'unavailable'; message: string };

export interface RegistryClientOptions {
  fetch: FetchLike;
  /** Per HTTP request (connect + answer); default 10 s. */
  timeoutMs?: number;
  /** Tests: a signal factory instead of AbortSignal.timeout. */
  timer?: (ms: number) => AbortSignal;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (and `Basic realm="…"`); several challenges separated by commas. */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  const pattern = /([A-Za-z][\w-]*)(?:\s+((?:[\w-]+\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^\s,]*)\s*,?\s*)*))?/gy;
  let rest = header.trim();
  while (rest) {
    pattern.lastIndex = 0;
    const match = pattern.exec(rest);
    if (!match || match[0] === '') break;
    const params: Record<string, string> = {};
    for (const param of (match[2] ?? '').matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) {
      params[(param[1] ?? '').toLowerCase()] = (param[2] ?? param[3] ?? '').replace(/\\(.)/g, '$1');
    }
    challenges.push({ scheme: (match[1] ?? '').toLowerCase(), params });
    rest = rest.slice(match[0].length).replace(/^[\s,]+/, '');
  }
  return challenges;
}

class Unavailable extends Error {}

function basic(credential: RegistryCredential): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
}

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'no answer before the timeout';
  if (cause?.code) return `${cause.code}${cause.message && !cause.message.includes(cause.code) ? ` (${cause.message})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

/** True for a failure to speak TLS at all (an HTTP-only registry), as opposed to a refused or silent connection. */
function isTlsMismatch(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return /SSL|TLS|EPROTO|wrong version number|ERR_SSL/i.test(`${cause?.code ?? ''} ${cause?.message ?? ''}`);
}

/**
 * A small OCI distribution client: `HEAD /v2/<name>/manifests/<ref>` anonymously, then as the registry's
 * WWW-Authenticate challenge asks (Bearer token from the realm for `repository:<name>:pull`, or Basic), with the
 * credentials for that registry when there are any. Never logs; credentials leave only in Authorization headers.
 */
export class RegistryClient {
  private readonly fetch: FetchLike;
  private readonly timeoutMs: number;
  private readonly timer: (ms: number) => AbortSignal;
  /** Registries that answered plain HTTP on a loopback address (https first, as the runtimes try). */
  private readonly plainHttp = new Set<string>();

  constructor(options: RegistryClientOptions) {
    this.fetch = options.fetch;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.timer = options.timer ?? ((ms) => AbortSignal.timeout(ms));
  }

  async resolve(reference: ImageReference, credential?: RegistryCredential): Promise<Resolution> {
    try {
      return await this.resolveOrThrow(reference, credential);
    } catch (error) {
      if (error instanceof Unavailable) return { outcome: 'unavailable', message: error.message };
      throw error;
    }
  }

  private async resolveOrThrow(reference: ImageReference, credential?: RegistryCredential): Promise<Resolution> {
    const path = `/v2/${reference.repository}/manifests/${reference.manifestReference}`;
    let response = await this.request(reference.registry, path, 'HEAD', {});
    if (response.status === 401) {
      const authorization = await this.authorize(reference, response.headers.get('www-authenticate') ?? '', credential);
      if (typeof authorization !== 'string') return authorization;
      response = await this.request(reference.registry, path, 'HEAD', { authorization });
      return this.verdict(reference, response, path, credential, authorization);
    }
    return this.verdict(reference, response, path, credential, undefined);
  }

  private async verdict(
    reference: ImageReference,
    response: FetchResponse,
    path: string,
    credential: RegistryCredential | undefined,
    authorization: string | undefined,
  ): Promise<Resolution> {
    const headers: Record<string, string> = authorization ? { authorization } : {};
    if (response.status === 405) response = await this.request(reference.registry, path, 'GET', headers);
    if (response.status >= 200 && response.status < 300) {
      const digest = response.headers.get('docker-content-digest') ?? (await this.digestOfBody(reference.registry, path, headers));
      const mediaType = response.headers.get('content-type') ?? undefined;
      return { outcome: 'resolved', digest, ...(mediaType ? { mediaType } : {}) };
    }
    if (response.status === 404) return this.notFound(reference, path, headers);
    if (response.status === 401 || response.status === 403) {
      return {
        outcome: 'unauthorized',
        status: response.status,
        withCredentials: credential !== undefined,
        message: `${response.status} ${response.status === 401 ? 'Unauthorized' : 'Forbidden'}`,
      };
    }
    throw new Unavailable(`HTTP ${response.status}${response.status === 429 ? ' Too Many Requests' : response.status >= 500 ? ' server error' : ''}`);
  }

  /** HEAD has no body: a GET says whether the tag or the whole repository is unknown (MANIFEST_UNKNOWN / NAME_UNKNOWN). */
  private async notFound(reference: ImageReference, path: string, headers: Record<string, string>): Promise<Resolution> {
    let code: 'MANIFEST_UNKNOWN' | 'NAME_UNKNOWN' | 'NOT_FOUND' = 'NOT_FOUND';
    try {
      const tags = await this.request(reference.registry, `/v2/${reference.repository}/tags/list`, 'GET', headers);
      const body = await tags.text();
      if (tags.status === 404 || /NAME_UNKNOWN/.test(body)) code = 'NAME_UNKNOWN';
      else {
        const manifest = await this.request(reference.registry, path, 'GET', headers);
        code = /NAME_UNKNOWN/.test(await manifest.text()) ? 'NAME_UNKNOWN' : 'MANIFEST_UNKNOWN';
      }
    } catch {
      // The 404 of the HEAD is the answer; the detail is a nicety.
    }
    const what = reference.digest ? `digest ${reference.digest}` : `tag ${reference.tag}`;
    const message =
      code === 'NAME_UNKNOWN'
        ? `repository ${reference.repository} does not exist in ${reference.domain}`
        : `${what} of ${reference.repository} does not exist in ${reference.domain}`;
    return { outcome: 'not-found', code, message };
  }

  private async digestOfBody(registry: string, path: string, headers: Record<string, string>): Promise<string> {
    const response = await this.request(registry, path, 'GET', headers);
    return `sha256:${createHash('sha256')
      .update(Buffer.from(await response.arrayBuffer()))
      .digest('hex')}`;
  }

  /** The Authorization header the challenge asks for, or the verdict when it cannot be met. */
  private async authorize(reference: ImageReference, header: string, credential?: RegistryCredential): Promise<string | Resolution> {
    const challenges = parseChallenges(header);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer?.params.realm) {
      const url = new URL(bearer.params.realm);
      if (bearer.params.service) url.searchParams.set('service', bearer.params.service);
      url.searchParams.set('scope', `repository:${reference.repository}:pull`);
      const response = await this.send(url.toString(), 'GET', credential ? { authorization: basic(credential) } : {});
      if (response.status === 401 || response.status === 403) {
        return {
          outcome: 'unauthorized',
          status: response.status,
          withCredentials: credential !== undefined,
          message: `the token endpoint answered ${response.status}`,
        };
      }
      if (response.status < 200 || response.status >= 300) throw new Unavailable(`the token endpoint ${url.origin} answered HTTP ${response.status}`);
      let token: unknown;
      try {
        const body = JSON.parse(await response.text()) as { token?: unknown; access_token?: unknown };
        token = body.token ?? body.access_token;
      } catch {
        token = undefined;
      }
      if (typeof token !== 'string' || token === '') throw new Unavailable(`the token endpoint ${url.origin} answered without a token`);
      return `Bearer ${token}`;
    }
    if (challenges.some((c) => c.scheme === 'basic') && credential) return basic(credential);
    return { outcome: 'unauthorized', status: 401, withCredentials: false, message: '401 Unauthorized' };
  }

  private async request(registry: string, path: string, method: string, headers: Record<string, string>): Promise<FetchResponse> {
    const all = { accept: MANIFEST_ACCEPT, ...headers };
    if (this.plainHttp.has(registry)) return this.send(`http://${registry}${path}`, method, all);
    try {
      return await this.fetchOnce(`https://${registry}${path}`, method, all);
    } catch (error) {
      if (isLoopbackRegistry(registry) && isTlsMismatch(error)) {
        this.plainHttp.add(registry);
        return this.send(`http://${registry}${path}`, method, all);
      }
      throw new Unavailable(describeFailure(error));
    }
  }

  private async send(url: string, method: string, headers: Record<string, string>): Promise<FetchResponse> {
    try {
      return await this.fetchOnce(url, method, headers);
    } catch (error) {
      throw new Unavailable(describeFailure(error));
    }
  }

  private fetchOnce(url: string, method: string, headers: Record<string, string>): Promise<FetchResponse> {
    return this.fetch(url, { method, headers, signal: this.timer(this.timeoutMs), redirect: 'follow' });
  }
}
