import { mkdtemp, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ResourceInfo } from '../../src/k8s/client.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { FIXTURES } from './fake-kubectl.js';
import { BUILT_IN, SERVER_VERSION } from './fake-kube.js';

/**
 * A small kube-apiserver stand-in for tests that run the real HttpKubeClient (bundle tests, CLI runs): plain HTTP on
 * 127.0.0.1 and a random port, the REST paths the client uses, an in-memory object store with the server's rules
 * (server-side apply create-or-merge, AlreadyExists, resourceVersion preconditions, NotFound), Status bodies of the
 * real shape, a request log, and per-test overrides that replay recorded answers. A request no route knows is
 * answered 404 as the real server does and kept in `unhandled`, so a test can assert there was none.
 */
export interface FakeRequest {
  method: string;
  /** Without the query. */
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** The raw body ('' when none). */
  body: string;
}

export interface FakeResponse {
  status: number;
  /** An object is sent as JSON, a string as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** A watch answer: each event one JSON line, then the stream ends. */
  events?: unknown[];
}

export type FakeHandler = (request: FakeRequest) => FakeResponse | undefined | Promise<FakeResponse | undefined>;

export interface FakeApiServerOptions {
  /** The bearer token the server accepts (anything else is 401); `null` accepts every request. */
  token?: string | null;
  /** The context namespace written into the kubeconfig. */
  namespace?: string;
  /** A watch with nothing to say ends at once (default), or holds until its timeoutSeconds like the real server. */
  watch?: 'end' | 'hold';
}

/** The real server's Status body for a refusal. */
export function statusBody(
  code: number,
  reason: string,
  message: string,
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: { reason?: string; message: string; field?: string }[] },
): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

/** A recorded Status (`<case>/<variant>/api-status.json`) as an override's answer: its code and its bytes. */
export function recordedAnswer(path: string, headers?: Record<string, string>): FakeResponse {
  const body = readFileSync(join(FIXTURES, path), 'utf8');
  return { status: (JSON.parse(body) as { code: number }).code, body, ...(headers ? { headers } : {}) };
}

interface Target {
  apiVersion: string;
  group: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export class FakeApiServer {
  readonly requests: FakeRequest[] = [];
  /** Requests no route (and no override) answered. */
  readonly unhandled: FakeRequest[] = [];
  readonly token: string | null;
  private readonly overrides: { method: string; path: RegExp; handler: FakeHandler }[] = [];
  private readonly store = new Map<string, KubernetesObject>();
  private readonly kinds = new Map<string, ResourceInfo & { apiVersion: string; kind: string }>();
  private readonly podLogs = new Map<string, string>();
  private readonly open = new Set<http.ServerResponse>();
  private revision = 1000;
  private uids = 0;

  private constructor(
    private readonly server: http.Server,
    private readonly options: FakeApiServerOptions,
  ) {
    this.token = options.token === undefined ? 'fake-apiserver-token' : options.token;
    for (const [kind, info] of Object.entries(BUILT_IN)) this.kinds.set(`${info.apiVersion}/${kind}`, { ...info, kind });
  }

  static async start(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
    const holder: { fake?: FakeApiServer } = {};
    const server = http.createServer((req, res) => void holder.fake?.handle(req, res));
    const fake = (holder.fake = new FakeApiServer(server, options));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Answers matching requests first; a handler returning undefined lets the store answer. Later overrides win. */
  on(method: string, path: RegExp, handler: FakeHandler): this {
    this.overrides.unshift({ method: method.toUpperCase(), path, handler });
    return this;
  }

  /** Teaches discovery a kind (a CRD's). */
  kind(apiVersion: string, kind: string, info: ResourceInfo): this {
    this.kinds.set(`${apiVersion}/${kind}`, { ...info, apiVersion, kind });
    return this;
  }

  /** Puts objects in the store as if created earlier (uid, resourceVersion, generation set). */
  seed(...objects: KubernetesObject[]): this {
    for (const object of objects) {
      const target = this.targetOfObject(object);
      this.store.set(keyOf(target, object.metadata.name), this.stamp(structuredClone(object), undefined, 'seed', 'Update'));
    }
    return this;
  }

  /** What the store holds for this object, or undefined. */
  object(apiVersion: string, kind: string, name: string, namespace?: string): KubernetesObject | undefined {
    const info = this.kinds.get(`${apiVersion}/${kind}`);
    const stored = this.store.get(`${apiVersion}|${kind}|${info?.namespaced ? (namespace ?? 'default') : ''}|${name}`);
    return stored ? structuredClone(stored) : undefined;
  }

  objects(): KubernetesObject[] {
    return [...this.store.values()].map((o) => structuredClone(o));
  }

  /** The log a pod's container answers. */
  logs(namespace: string, pod: string, text: string): this {
    this.podLogs.set(`${namespace}/${pod}`, text);
    return this;
  }

  /** The requests that changed (or would change) something: everything but GET. */
  writes(): FakeRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  /** A kubeconfig pointing at this server with its token (a fresh temp file unless a path is given). */
  async writeKubeconfig(path?: string): Promise<string> {
    const file = path ?? join(await mkdtemp(join(tmpdir(), 'k8sapp-fake-apiserver-')), 'kubeconfig');
    const user = this.token === null ? '{}' : `{ token: ${JSON.stringify(this.token)} }`;
    await writeFile(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `  - name: fake\n    cluster: { server: ${JSON.stringify(this.url)} }`,
        'users:',
        `  - name: fake\n    user: ${user}`,
        'contexts:',
        `  - name: fake\n    context: { cluster: fake, user: fake, namespace: ${JSON.stringify(this.options.namespace ?? 'default')} }`,
        'current-context: fake',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    return file;
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(request);
    let answer: FakeResponse | undefined;
    try {
      for (const override of this.overrides) {
        if (override.method !== request.method || !override.path.test(request.path)) continue;
        answer = await override.handler(request);
        if (answer) break;
      }
      answer ??= this.authorize(request) ?? this.route(request);
    } catch (error) {
      answer = { status: 500, body: statusBody(500, 'InternalError', `fake-apiserver: ${(error as Error).message}`) };
    }
    if (!answer) {
      this.unhandled.push(request);
      answer = { status: 404, body: statusBody(404, 'NotFound', 'the server could not find the requested resource', {}) };
    }
    this.respond(request, res, answer);
  }

  private respond(request: FakeRequest, res: http.ServerResponse, answer: FakeResponse): void {
    const headers = { ...answer.headers };
    if (answer.events || answer === HOLD) {
      res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', ...headers });
      for (const event of answer.events ?? []) res.write(`${JSON.stringify(event)}\n`);
      if (answer !== HOLD) {
        res.end();
        return;
      }
      // Holds the watch open until its timeoutSeconds (or the client goes away), as the real server does.
      this.open.add(res);
      const timer = setTimeout(() => res.end(), Number(request.query.timeoutSeconds ?? 300) * 1000);
      res.on('close', () => {
        clearTimeout(timer);
        this.open.delete(res);
      });
      return;
    }
    const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status, { 'Content-Type': headers['Content-Type'] ?? 'application/json', ...headers });
    res.end(text);
  }

  private authorize(request: FakeRequest): FakeResponse | undefined {
    if (this.token === null || request.headers.authorization === `Bearer ${this.token}`) return undefined;
    return { status: 401, body: statusBody(401, 'Unauthorized', 'Unauthorized') };
  }

  private route(request: FakeRequest): FakeResponse | undefined {
    if (request.method === 'GET' && request.path === '/version') return { status: 200, body: { ...SERVER_VERSION, platform: 'linux/amd64' } };
    const discovery = this.discovery(request);
    if (discovery) return discovery;
    const target = this.targetOfPath(request.path);
    if (!target) return undefined;
    if (target.subresource === 'log' && target.kind === 'Pod' && request.method === 'GET') return this.podLog(target, request);
    if (target.subresource && target.subresource !== 'status' && target.subresource !== 'scale') return undefined;
    if (target.name === undefined) {
      if (request.method === 'GET') return request.query.watch === '1' || request.query.watch === 'true' ? this.watch() : this.list(target, request);
      if (request.method === 'POST') return this.create(target, request);
      return undefined;
    }
    switch (request.method) {
      case 'GET':
        return this.get(target);
      case 'PATCH':
        return request.headers['content-type'] === 'application/apply-patch+yaml' ? this.apply(target, request) : this.patch(target, request);
      case 'PUT':
        return this.replace(target, request);
      case 'DELETE':
        return this.remove(target, request);
      default:
        return undefined;
    }
  }

  private discovery(request: FakeRequest): FakeResponse | undefined {
    if (request.method !== 'GET') return undefined;
    const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(request.path);
    if (!match) return undefined;
    const groupVersion = match[1] ?? `${match[2]}/${match[3]}`;
    const kinds = [...this.kinds.values()].filter((k) => k.apiVersion === groupVersion);
    if (kinds.length === 0) return { status: 404, body: statusBody(404, 'NotFound', 'the server could not find the requested resource', {}) };
    const resources = kinds.flatMap((k) => [
      {
        name: k.plural,
        singularName: k.kind.toLowerCase(),
        namespaced: k.namespaced,
        kind: k.kind,
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      },
      // Subresources are listed too (the client must skip them).
      ...(['Deployment', 'StatefulSet', 'Pod'].includes(k.kind)
        ? [{ name: `${k.plural}/status`, singularName: '', namespaced: k.namespaced, kind: k.kind, verbs: ['get', 'patch'] }]
        : []),
      ...(k.kind === 'Pod' ? [{ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] }] : []),
    ]);
    return { status: 200, body: { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources } };
  }

  private targetOfPath(path: string): Target | undefined {
    const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.+)$/.exec(path);
    if (!match) return undefined;
    const apiVersion = match[1] ?? `${match[2]}/${match[3]}`;
    const segments = (match[4] ?? '').split('/').map(decodeURIComponent);
    const byPlural = (plural: string | undefined, namespaced: boolean) =>
      [...this.kinds.values()].find((k) => k.apiVersion === apiVersion && k.plural === plural && k.namespaced === namespaced);
    let namespace: string | undefined;
    let rest = segments;
    if (segments[0] === 'namespaces' && segments.length >= 3 && byPlural(segments[2], true)) {
      namespace = segments[1];
      rest = segments.slice(2);
    }
    const info = byPlural(rest[0], namespace !== undefined) ?? (namespace === undefined ? byPlural(rest[0], true) : undefined);
    if (!info || rest.length > 3) return undefined;
    return {
      apiVersion,
      group: apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '',
      kind: info.kind,
      plural: info.plural,
      namespaced: info.namespaced,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(rest[1] !== undefined ? { name: rest[1] } : {}),
      ...(rest[2] !== undefined ? { subresource: rest[2] } : {}),
    };
  }

  private targetOfObject(object: KubernetesObject): Target {
    const info = this.kinds.get(`${object.apiVersion}/${object.kind}`);
    if (!info) throw new Error(`fake-apiserver: unknown kind ${object.apiVersion}/${object.kind} (teach it with .kind())`);
    return {
      apiVersion: object.apiVersion,
      group: object.apiVersion.includes('/') ? object.apiVersion.slice(0, object.apiVersion.indexOf('/')) : '',
      kind: object.kind,
      plural: info.plural,
      namespaced: info.namespaced,
      ...(info.namespaced ? { namespace: object.metadata.namespace ?? 'default' } : {}),
    };
  }

  private notFound(target: Target, name: string): FakeResponse {
    return {
      status: 404,
      body: statusBody(404, 'NotFound', `${resourceName(target)} "${name}" not found`, {
        name,
        ...(target.group ? { group: target.group } : {}),
        kind: target.plural,
      }),
    };
  }

  private get(target: Target): FakeResponse {
    const stored = this.store.get(keyOf(target, target.name ?? ''));
    return stored ? { status: 200, body: stored } : this.notFound(target, target.name ?? '');
  }

  private list(target: Target, request: FakeRequest): FakeResponse {
    const selector = parseLabelSelector(request.query.labelSelector);
    const fields = parseLabelSelector(request.query.fieldSelector);
    const items = [...this.store.values()]
      .filter((o) => o.apiVersion === target.apiVersion && o.kind === target.kind)
      .filter((o) => !target.namespaced || target.namespace === undefined || o.metadata.namespace === target.namespace)
      .filter((o) => selector.every((term) => term.test(o.metadata.labels?.[term.key])))
      .filter((o) =>
        fields.every((term) =>
          term.test(term.key === 'metadata.name' ? o.metadata.name : term.key === 'metadata.namespace' ? o.metadata.namespace : undefined),
        ),
      )
      // Items of a list carry no kind/apiVersion, as the real server sends them.
      .map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
    return { status: 200, body: { kind: `${target.kind}List`, apiVersion: target.apiVersion, metadata: { resourceVersion: String(this.revision) }, items } };
  }

  private watch(): FakeResponse {
    return this.options.watch === 'hold' ? HOLD : { status: 200, events: [] };
  }

  private podLog(target: Target, request: FakeRequest): FakeResponse {
    const text = this.podLogs.get(`${target.namespace}/${target.name}`);
    if (text === undefined) return this.notFound(target, target.name ?? '');
    const tail = request.query.tailLines === undefined ? undefined : Number(request.query.tailLines);
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return { status: 200, body: (tail === undefined ? lines : lines.slice(-tail)).map((l) => `${l}\n`).join(''), headers: { 'Content-Type': 'text/plain' } };
  }

  private parseBody(request: FakeRequest): { object: KubernetesObject } | { refusal: FakeResponse } {
    try {
      const value = parse(request.body) as unknown;
      if (typeof value === 'object' && value !== null && 'metadata' in value) return { object: value as KubernetesObject };
    } catch {
      // answered below
    }
    return { refusal: { status: 400, body: statusBody(400, 'BadRequest', 'the body of the request was in an unknown format') } };
  }

  private checkIdentity(target: Target, object: KubernetesObject, name: string): FakeResponse | undefined {
    if (object.apiVersion !== target.apiVersion || object.kind !== target.kind) {
      return {
        status: 400,
        body: statusBody(
          400,
          'BadRequest',
          `the API version in the data (${object.apiVersion}) does not match the expected API version (${target.apiVersion})`,
        ),
      };
    }
    if (object.metadata?.name !== undefined && object.metadata.name !== name) {
      return { status: 400, body: statusBody(400, 'BadRequest', 'the name of the object does not match the name on the URL') };
    }
    if (target.namespaced && object.metadata?.namespace !== undefined && object.metadata.namespace !== target.namespace) {
      return { status: 400, body: statusBody(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request') };
    }
    return undefined;
  }

  private apply(target: Target, request: FakeRequest): FakeResponse {
    const name = target.name ?? '';
    if (!request.query.fieldManager)
      return { status: 400, body: statusBody(400, 'BadRequest', 'PATCH requests with apply content type must have a fieldManager') };
    const sent = this.parseBody(request);
    if ('refusal' in sent) return sent.refusal;
    const object = sent.object;
    const refused = this.checkIdentity(target, object, name);
    if (refused) return refused;
    const key = keyOf(target, name);
    const existing = this.store.get(key);
    const merged: KubernetesObject = {
      ...(existing ?? {}),
      ...structuredClone(object),
      metadata: { ...(existing?.metadata ?? {}), ...structuredClone(object.metadata), name, ...(target.namespaced ? { namespace: target.namespace } : {}) },
    };
    const result = this.stamp(merged, existing, request.query.fieldManager, 'Apply', request.query.dryRun === 'All');
    if (request.query.dryRun !== 'All') this.store.set(key, result);
    return { status: existing ? 200 : 201, body: result };
  }

  private patch(target: Target, request: FakeRequest): FakeResponse {
    const name = target.name ?? '';
    const key = keyOf(target, name);
    const existing = this.store.get(key);
    if (!existing) return this.notFound(target, name);
    let patch: unknown;
    try {
      patch = JSON.parse(request.body);
    } catch {
      return { status: 400, body: statusBody(400, 'BadRequest', 'the body of the request was in an unknown format') };
    }
    const type = request.headers['content-type'];
    const patched =
      type === 'application/json-patch+json'
        ? jsonPatch(structuredClone(existing), patch as JsonPatchOp[])
        : (mergePatch(structuredClone(existing), patch) as KubernetesObject);
    const result = this.stamp(patched, existing, request.query.fieldManager ?? 'unknown', 'Update', request.query.dryRun === 'All');
    if (request.query.dryRun !== 'All') this.store.set(key, result);
    return { status: 200, body: result };
  }

  private create(target: Target, request: FakeRequest): FakeResponse {
    const sent = this.parseBody(request);
    if ('refusal' in sent) return sent.refusal;
    const object = sent.object;
    const name = object.metadata.name;
    const refused = this.checkIdentity(target, object, name);
    if (refused) return refused;
    const key = keyOf(target, name);
    if (this.store.has(key)) {
      return {
        status: 409,
        body: statusBody(409, 'AlreadyExists', `${resourceName(target)} "${name}" already exists`, {
          name,
          ...(target.group ? { group: target.group } : {}),
          kind: target.plural,
        }),
      };
    }
    const created = this.stamp(
      { ...object, metadata: { ...object.metadata, ...(target.namespaced ? { namespace: target.namespace } : {}) } },
      undefined,
      request.query.fieldManager ?? 'unknown',
      'Update',
      request.query.dryRun === 'All',
    );
    if (request.query.dryRun !== 'All') this.store.set(key, created);
    return { status: 201, body: created };
  }

  private replace(target: Target, request: FakeRequest): FakeResponse {
    const name = target.name ?? '';
    const sent = this.parseBody(request);
    if ('refusal' in sent) return sent.refusal;
    const object = sent.object;
    const refused = this.checkIdentity(target, object, name);
    if (refused) return refused;
    const key = keyOf(target, name);
    const existing = this.store.get(key);
    if (!existing) return this.notFound(target, name);
    const precondition = object.metadata.resourceVersion;
    if (precondition !== undefined && precondition !== existing.metadata.resourceVersion) {
      return {
        status: 409,
        body: statusBody(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${resourceName(target)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
          { name, ...(target.group ? { group: target.group } : {}), kind: target.plural },
        ),
      };
    }
    const replaced = this.stamp(
      { ...object, metadata: { ...object.metadata, ...(target.namespaced ? { namespace: target.namespace } : {}) } },
      existing,
      request.query.fieldManager ?? 'unknown',
      'Update',
      request.query.dryRun === 'All',
    );
    if (request.query.dryRun !== 'All') this.store.set(key, replaced);
    return { status: 200, body: replaced };
  }

  private remove(target: Target, request: FakeRequest): FakeResponse {
    const name = target.name ?? '';
    const key = keyOf(target, name);
    const existing = this.store.get(key);
    if (!existing) return this.notFound(target, name);
    const options = (request.body ? JSON.parse(request.body) : {}) as { preconditions?: { uid?: string }; dryRun?: string[] };
    const uid = options.preconditions?.uid;
    if (uid !== undefined && uid !== existing.metadata.uid) {
      return {
        status: 409,
        // The words and details kube-apiserver 1.28 sends (checked on the lab): the Kind, not the plural, and no group.
        body: statusBody(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${target.kind} "${name}": the UID in the precondition (${uid}) does not match the UID in record (${String(existing.metadata.uid)}). The object might have been deleted and then recreated`,
          { name, kind: target.kind },
        ),
      };
    }
    const dryRun = options.dryRun?.includes('All') || request.query.dryRun === 'All';
    if (!dryRun) this.store.delete(key);
    return {
      status: 200,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: { name, ...(target.group ? { group: target.group } : {}), kind: target.plural, uid: existing.metadata.uid },
      },
    };
  }

  /** Server-set metadata: uid and creationTimestamp once, resourceVersion on each write, generation when the spec changes. */
  private stamp(
    object: KubernetesObject,
    existing: KubernetesObject | undefined,
    manager: string,
    operation: 'Apply' | 'Update',
    dryRun = false,
  ): KubernetesObject {
    const resourceVersion = dryRun ? String(this.revision) : String(++this.revision);
    const specChanged = !existing || JSON.stringify((existing as { spec?: unknown }).spec) !== JSON.stringify((object as { spec?: unknown }).spec);
    const generation = existing ? Number(existing.metadata.generation ?? 1) + (specChanged ? 1 : 0) : 1;
    const managedFields = [
      ...((existing?.metadata.managedFields as { manager: string }[] | undefined) ?? []).filter((f) => f.manager !== manager),
      { manager, operation, apiVersion: object.apiVersion, time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), fieldsType: 'FieldsV1', fieldsV1: {} },
    ];
    return {
      ...object,
      metadata: {
        ...object.metadata,
        uid: existing?.metadata.uid ?? `00000000-0000-4000-8000-${String(++this.uids).padStart(12, '0')}`,
        resourceVersion,
        generation,
        creationTimestamp: existing?.metadata.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        managedFields,
      },
    };
  }
}

/** The answer that holds a watch open (see respond). */
const HOLD: FakeResponse = { status: 200 };

function keyOf(target: Target, name: string): string {
  return `${target.apiVersion}|${target.kind}|${target.namespaced ? (target.namespace ?? 'default') : ''}|${name}`;
}

/** `deployments.apps`, `configmaps`: how the server names a resource in its messages. */
function resourceName(target: Target): string {
  return target.group ? `${target.plural}.${target.group}` : target.plural;
}

/** Equality-based selectors: `a=b`, `a==b`, `a!=b`, `a` (exists), `!a`. */
function parseLabelSelector(selector: string | undefined): { key: string; test: (value: string | undefined) => boolean }[] {
  if (!selector) return [];
  return selector
    .split(',')
    .map((term) => term.trim())
    .filter(Boolean)
    .map((term) => {
      const notEqual = /^([^!=]+)!=(.*)$/.exec(term);
      if (notEqual) return { key: notEqual[1]!.trim(), test: (v: string | undefined) => v !== notEqual[2]!.trim() };
      const equal = /^([^!=]+)==?(.*)$/.exec(term);
      if (equal) return { key: equal[1]!.trim(), test: (v: string | undefined) => v === equal[2]!.trim() };
      if (term.startsWith('!')) return { key: term.slice(1), test: (v: string | undefined) => v === undefined };
      return { key: term, test: (v: string | undefined) => v !== undefined };
    });
}

type JsonPatchOp = { op: 'add' | 'replace' | 'remove' | 'test'; path: string; value?: unknown };

function jsonPatch<T>(document: T, ops: JsonPatchOp[]): T {
  for (const op of ops) {
    const keys = op.path
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop() ?? '';
    let parent = document as Record<string, unknown>;
    for (const key of keys) parent = parent[key] as Record<string, unknown>;
    if (op.op === 'test') {
      if (JSON.stringify(parent[last]) !== JSON.stringify(op.value)) throw new Error(`json patch test failed at ${op.path}`);
    } else if (op.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (Array.isArray(parent) && op.op === 'add') {
      parent.splice(last === '-' ? parent.length : Number(last), 0, op.value);
    } else parent[last] = op.value;
  }
  return document;
}

/** RFC 7386 (strategic merge is treated the same: enough for the fields k8sapp patches). */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}
