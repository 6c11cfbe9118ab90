import http from 'node:http';
import https from 'node:https';
import type { KubernetesObject } from '../manifests/resource.js';
import { apiErrorFrom, KubeApiError, UnknownKindError } from './api-error.js';
import {
  FIELD_MANAGER,
  groupOfApiVersion,
  type ApplyOptions,
  type DeleteOptions,
  type KindRef,
  type KubeClient,
  type ListOptions,
  type LogOptions,
  type ObjectList,
  type ObjectRef,
  type PatchOptions,
  type ResourceInfo,
  type ServerVersion,
  type WatchEvent,
  type WatchOptions,
  type WriteOptions,
} from './client.js';
import type { Connection, Credentials } from './connection.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.js';
import { ClusterUnreachableError, type Unreachable, type UnreachableCause } from './unreachable.js';

export interface HttpClientOptions {
  /** Bound on every request but watches, so a hung API server cannot hang a deployment. */
  requestTimeoutMs?: number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  /** Told about each retry (a retry is progress, shown as a line, not an annotation). */
  onRetry?: (message: string) => void;
  /** Sockets kept open to the server: the bound on requests in flight. */
  maxSockets?: number;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: string;
  contentType?: string;
  /** Watches stream: no overall timeout, an abort signal instead. */
  stream?: boolean;
  signal?: AbortSignal;
}

const PATCH_TYPES: Record<PatchOptions['type'], string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/**
 * KubeClient over node:http(s): keep-alive sockets (one TLS handshake, many requests), discovery cached per
 * group/version, every request through the one retry policy, every refusal parsed into a KubeApiError.
 */
export class HttpKubeClient implements KubeClient {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private agentFor?: Credentials;
  private tlsAgent?: https.Agent;
  private readonly discovery = new Map<string, Promise<Map<string, ResourceInfo> | undefined>>();
  private readonly options: Required<Omit<HttpClientOptions, 'onRetry'>> & Pick<HttpClientOptions, 'onRetry'>;

  constructor(
    readonly connection: Connection,
    options: HttpClientOptions = {},
  ) {
    this.base = new URL(connection.server);
    this.options = {
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      retry: options.retry ?? DEFAULT_RETRY,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      maxSockets: options.maxSockets ?? 32,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    };
    this.agent = new http.Agent({ keepAlive: true, maxSockets: this.options.maxSockets });
  }

  /** Closes idle keep-alive sockets so the process can exit. */
  close(): void {
    this.agent.destroy();
    this.tlsAgent?.destroy();
  }

  async version(): Promise<ServerVersion> {
    return JSON.parse((await this.send({ method: 'GET', path: '/version' })).body) as ServerVersion;
  }

  async apply(object: KubernetesObject, options: ApplyOptions = {}): Promise<KubernetesObject> {
    const path = await this.objectPath(object.apiVersion, object.kind, object.metadata.name, object.metadata.namespace);
    const answer = await this.send({
      method: 'PATCH',
      path,
      query: { fieldManager: options.fieldManager ?? FIELD_MANAGER, force: String(options.force ?? true), dryRun: options.dryRun ? 'All' : undefined },
      // JSON is YAML: the apply-patch+yaml content type takes it as is.
      body: JSON.stringify(object),
      contentType: 'application/apply-patch+yaml',
    });
    return JSON.parse(answer.body) as KubernetesObject;
  }

  async get(ref: ObjectRef): Promise<KubernetesObject | undefined> {
    const path = await this.objectPath(ref.apiVersion, ref.kind, ref.name, ref.namespace);
    try {
      return JSON.parse((await this.send({ method: 'GET', path })).body) as KubernetesObject;
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return undefined;
      throw error;
    }
  }

  async list(kind: KindRef, options: ListOptions = {}): Promise<ObjectList> {
    const path = await this.collectionPath(kind.apiVersion, kind.kind, kind.namespace, true);
    const answer = await this.send({ method: 'GET', path, query: { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector } });
    const list = JSON.parse(answer.body) as { items?: KubernetesObject[]; metadata?: { resourceVersion?: string } };
    // Items of a list carry no kind/apiVersion on the wire; callers get whole objects.
    const items = (list.items ?? []).map((item) => ({ ...item, apiVersion: kind.apiVersion, kind: kind.kind }));
    return { items, resourceVersion: list.metadata?.resourceVersion ?? '' };
  }

  async create(object: KubernetesObject, options: WriteOptions = {}): Promise<KubernetesObject> {
    const path = await this.collectionPath(object.apiVersion, object.kind, object.metadata.namespace, false);
    const answer = await this.send({ method: 'POST', path, query: writeQuery(options), body: JSON.stringify(object), contentType: 'application/json' });
    return JSON.parse(answer.body) as KubernetesObject;
  }

  async replace(object: KubernetesObject, options: WriteOptions = {}): Promise<KubernetesObject> {
    const path = await this.objectPath(object.apiVersion, object.kind, object.metadata.name, object.metadata.namespace);
    const answer = await this.send({ method: 'PUT', path, query: writeQuery(options), body: JSON.stringify(object), contentType: 'application/json' });
    return JSON.parse(answer.body) as KubernetesObject;
  }

  async patch(ref: ObjectRef, patch: unknown, options: PatchOptions): Promise<KubernetesObject> {
    const path = (await this.objectPath(ref.apiVersion, ref.kind, ref.name, ref.namespace)) + (options.subresource ? `/${options.subresource}` : '');
    const answer = await this.send({ method: 'PATCH', path, query: writeQuery(options), body: JSON.stringify(patch), contentType: PATCH_TYPES[options.type] });
    return JSON.parse(answer.body) as KubernetesObject;
  }

  async delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<'deleted' | 'not-found'> {
    const path = await this.objectPath(ref.apiVersion, ref.kind, ref.name, ref.namespace);
    const body = {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
      ...(options.dryRun ? { dryRun: ['All'] } : {}),
      ...(options.uid ? { preconditions: { uid: options.uid } } : {}),
    };
    try {
      await this.send({ method: 'DELETE', path, body: JSON.stringify(body), contentType: 'application/json' });
      return 'deleted';
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return 'not-found';
      throw error;
    }
  }

  async *watch(kind: KindRef, options: WatchOptions): AsyncIterable<WatchEvent> {
    const path = await this.collectionPath(kind.apiVersion, kind.kind, kind.namespace, true);
    const query = {
      watch: '1',
      allowWatchBookmarks: 'true',
      resourceVersion: options.resourceVersion,
      timeoutSeconds: String(options.timeoutSeconds ?? 300),
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
    };
    let response: http.IncomingMessage;
    try {
      ({ response } = await this.open({ method: 'GET', path, query, stream: true, ...(options.signal ? { signal: options.signal } : {}) }));
    } catch (error) {
      if (options.signal?.aborted) return;
      throw error;
    }
    // Decoded as a stream: a character split across two chunks stays one character.
    response.setEncoding('utf8');
    let buffered = '';
    const eventOf = (line: string): WatchEvent => {
      const event = JSON.parse(line) as WatchEvent;
      if (event.type === 'ERROR') {
        // 410 Gone: the resourceVersion is too old; the caller lists again.
        throw apiErrorFrom((event.object as { code?: number }).code ?? 500, JSON.stringify(event.object), `WATCH ${path}`);
      }
      if (event.type !== 'BOOKMARK') event.object = { ...event.object, apiVersion: kind.apiVersion, kind: kind.kind };
      return event;
    };
    try {
      for await (const chunk of response) {
        buffered += chunk as string;
        let newline: number;
        while ((newline = buffered.indexOf('\n')) !== -1) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line) yield eventOf(line);
        }
      }
      if (buffered.trim()) yield eventOf(buffered.trim());
    } catch (error) {
      if (options.signal?.aborted) return;
      if (error instanceof KubeApiError || error instanceof SyntaxError) throw error;
      // The connection broke mid-watch: like a server-side timeout, the watch ends and the caller lists again
      // (a list goes through the retry policy, so a server really gone is reported there).
    } finally {
      response.destroy();
    }
  }

  async logs(pod: { name: string; namespace: string }, options: LogOptions = {}): Promise<string> {
    const answer = await this.send({
      method: 'GET',
      path: `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}/log`,
      query: {
        container: options.container,
        previous: options.previous ? 'true' : undefined,
        tailLines: options.tailLines === undefined ? undefined : String(options.tailLines),
      },
    });
    return answer.body;
  }

  /** Discovery of one group/version (`/api/v1`, `/apis/apps/v1`), asked once per run; again once for a kind it lacked (a CRD just created). */
  async resourceOf(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const found = (await this.discover(apiVersion))?.get(kind);
    if (found) return found;
    this.discovery.delete(apiVersion);
    return (await this.discover(apiVersion))?.get(kind);
  }

  private discover(apiVersion: string): Promise<Map<string, ResourceInfo> | undefined> {
    let pending = this.discovery.get(apiVersion);
    if (!pending) {
      pending = this.fetchDiscovery(apiVersion);
      pending.catch(() => this.discovery.delete(apiVersion));
      this.discovery.set(apiVersion, pending);
    }
    return pending;
  }

  private async fetchDiscovery(apiVersion: string): Promise<Map<string, ResourceInfo> | undefined> {
    const path = groupOfApiVersion(apiVersion) === '' ? `/api/${apiVersion}` : `/apis/${apiVersion}`;
    let body: string;
    try {
      body = (await this.send({ method: 'GET', path })).body;
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return undefined;
      throw error;
    }
    const list = JSON.parse(body) as { resources?: { name: string; kind: string; namespaced: boolean }[] };
    const kinds = new Map<string, ResourceInfo>();
    for (const resource of list.resources ?? []) {
      if (resource.name.includes('/')) continue; // subresources: deployments/status, pods/log
      kinds.set(resource.kind, { plural: resource.name, namespaced: resource.namespaced });
    }
    return kinds;
  }

  private async info(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const info = await this.resourceOf(apiVersion, kind);
    if (!info) throw new UnknownKindError(apiVersion, kind);
    return info;
  }

  private async collectionPath(apiVersion: string, kind: string, namespace: string | undefined, allowAllNamespaces: boolean): Promise<string> {
    const info = await this.info(apiVersion, kind);
    const prefix = groupOfApiVersion(apiVersion) === '' ? `/api/${apiVersion}` : `/apis/${apiVersion}`;
    if (!info.namespaced) return `${prefix}/${info.plural}`;
    const ns = namespace ?? (allowAllNamespaces ? undefined : this.connection.namespace);
    return ns === undefined ? `${prefix}/${info.plural}` : `${prefix}/namespaces/${encodeURIComponent(ns)}/${info.plural}`;
  }

  private async objectPath(apiVersion: string, kind: string, name: string, namespace: string | undefined): Promise<string> {
    const info = await this.info(apiVersion, kind);
    const prefix = groupOfApiVersion(apiVersion) === '' ? `/api/${apiVersion}` : `/apis/${apiVersion}`;
    if (!info.namespaced) return `${prefix}/${info.plural}/${encodeURIComponent(name)}`;
    return `${prefix}/namespaces/${encodeURIComponent(namespace ?? this.connection.namespace)}/${info.plural}/${encodeURIComponent(name)}`;
  }

  /**
   * One request through the retry policy. A 401 asks the credential source again once, when it has something to ask
   * (an exec plugin's expired token, a rotated token file); a fixed token is not sent twice.
   */
  private async send(spec: RequestSpec): Promise<Answer> {
    let refreshed = false;
    return withRetry(
      async () => {
        try {
          return await this.once(spec);
        } catch (error) {
          if (!refreshed && error instanceof KubeApiError && error.code === 401 && this.connection.credentials.invalidate()) {
            refreshed = true;
            return this.once(spec);
          }
          throw error;
        }
      },
      this.options.retry,
      {
        sleep: this.options.sleep,
        // A progress line: the client's own words, not the final sentence ("…; nothing was changed.") it may never reach.
        onRetry: (error, attempt, delay) =>
          this.options.onRetry?.(
            `${spec.method} ${spec.path}: ${error instanceof ClusterUnreachableError ? error.unreachable.detail : error.message.split('\n')[0]} (attempt ${attempt} of ${this.options.retry.attempts}; retrying in ${(delay / 1000).toFixed(1)} s)`,
          ),
      },
    );
  }

  private async once(spec: RequestSpec): Promise<Answer> {
    const { response, body } = await this.open(spec);
    return { status: response.statusCode ?? 0, headers: response.headers, body: body ?? '' };
  }

  /**
   * Sends the request. A 2xx answer resolves with its whole body, or (`stream`) with the response still streaming;
   * any other answer rejects with the typed error. The timeout bounds everything up to the last byte (up to the
   * headers for a stream): a server that stops halfway is as unreachable as one that never answers.
   */
  private async open(spec: RequestSpec): Promise<{ response: http.IncomingMessage; body?: string }> {
    if (spec.signal?.aborted) throw abortError();
    const credentials = await this.connection.credentials.current();
    const url = new URL(this.base.pathname.replace(/\/$/, '') + spec.path, this.base);
    for (const [key, value] of Object.entries(spec.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'k8sapp' };
    if (spec.body !== undefined) {
      headers['Content-Type'] = spec.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(spec.body));
    }
    if (credentials.token) headers.Authorization = `Bearer ${credentials.token}`;
    else if (credentials.basic)
      headers.Authorization = `Basic ${Buffer.from(`${credentials.basic.username}:${credentials.basic.password}`).toString('base64')}`;
    const isTls = url.protocol === 'https:';
    const agent = isTls ? this.tls(credentials) : this.agent;
    const requestLine = `${spec.method} ${spec.path}`;
    return new Promise((resolve, reject) => {
      const request = (isTls ? https : http).request(url, { method: spec.method, headers, agent });
      let settled = false;
      let timedOut = false;
      const onAbort = () => request.destroy(abortError());
      const settle = (outcome: { error: Error } | { value: { response: http.IncomingMessage; body?: string } }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timeout);
        if ('error' in outcome) {
          spec.signal?.removeEventListener('abort', onAbort);
          reject(outcome.error);
        } else resolve(outcome.value);
      };
      const failed = (error: NodeJS.ErrnoException): Error => {
        if (spec.signal?.aborted) return abortError();
        if (timedOut) return unreachableError(timeoutError(this.options.requestTimeoutMs), this.connection.server);
        return unreachableError(error, this.connection.server);
      };
      const timeout = setTimeout(() => {
        timedOut = true;
        request.destroy(timeoutError(this.options.requestTimeoutMs));
      }, this.options.requestTimeoutMs);
      spec.signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error: NodeJS.ErrnoException) => settle({ error: failed(error) }));
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        if (ok && spec.stream) {
          response.on('close', () => spec.signal?.removeEventListener('abort', onAbort));
          settle({ value: { response } });
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error: NodeJS.ErrnoException) => settle({ error: failed(error) }));
        response.on('close', () => {
          if (!response.complete) settle({ error: failed(Object.assign(new Error('the server closed the connection mid-answer'), { code: 'ECONNRESET' })) });
        });
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          spec.signal?.removeEventListener('abort', onAbort);
          if (ok) settle({ value: { response, body } });
          else settle({ error: apiErrorFrom(status, body, requestLine, response.headers['retry-after']) });
        });
      });
      request.end(spec.body);
    });
  }

  /** One TLS agent per set of client credentials (an exec plugin may hand out a new certificate). */
  private tls(credentials: Credentials): https.Agent {
    if (this.tlsAgent && this.agentFor?.clientCertificate === credentials.clientCertificate && this.agentFor?.clientKey === credentials.clientKey)
      return this.tlsAgent;
    this.tlsAgent?.destroy();
    this.agentFor = credentials;
    this.tlsAgent = new https.Agent({
      keepAlive: true,
      maxSockets: this.options.maxSockets,
      ...(this.connection.ca ? { ca: this.connection.ca } : {}),
      ...(credentials.clientCertificate ? { cert: credentials.clientCertificate, key: credentials.clientKey } : {}),
      rejectUnauthorized: !this.connection.insecureSkipTlsVerify,
      ...(this.connection.tlsServerName ? { servername: this.connection.tlsServerName } : {}),
    });
    return this.tlsAgent;
  }
}

function writeQuery(options: { fieldManager?: string; dryRun?: boolean }): Record<string, string | undefined> {
  return { fieldManager: options.fieldManager ?? FIELD_MANAGER, dryRun: options.dryRun ? 'All' : undefined };
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_|EPROTO$|ERR_OSSL)/;

/** Maps a socket-level failure to the one classification of "could not reach the server". */
export function unreachableCause(error: NodeJS.ErrnoException): UnreachableCause {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'dns';
  if (TLS_CODES.test(code)) return 'tls';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return 'timeout';
  return 'network';
}

function unreachableError(error: NodeJS.ErrnoException, server: string): ClusterUnreachableError {
  const unreachable: Unreachable = {
    cause: unreachableCause(error),
    server: withoutUserinfo(server),
    detail: `${error.code && !error.message.includes(error.code) ? `${error.code}: ` : ''}${error.message}`,
  };
  return new ClusterUnreachableError(unreachable, 'nothing was changed');
}

/** A server URL as messages show it: never with a user:password part. */
function withoutUserinfo(server: string): string {
  try {
    const url = new URL(server);
    if (!url.username && !url.password) return server;
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return server.replace(/\/\/[^/@]*@/, '//');
  }
}

function timeoutError(ms: number): NodeJS.ErrnoException {
  return Object.assign(new Error(`no answer within ${ms / 1000} s`), { code: 'ETIMEDOUT' });
}

function abortError(): Error {
  return Object.assign(new Error('the request was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}
