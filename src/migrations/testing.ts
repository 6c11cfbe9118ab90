/**
 * Test helper for users' migrations: `createRecordedContext(objects)` gives a MigrationContext whose client talks to
 * an in-memory cluster holding `objects` (paste them from `kubectl get … -o json`). The migration's calls go through
 * the same client as a real deploy (kind spellings, namespaces, dry runs, the refusal to delete data); only the API
 * server is replaced by a small in-memory one answering get/list/patch/delete/create/replace/apply.
 */
import { KubeApiError } from '../k8s/api-error.js';
import type {
  ApplyOptions,
  DeleteOptions,
  KindRef,
  KubeClient as ApiClient,
  ListOptions,
  ObjectList,
  ObjectRef,
  PatchOptions,
  ResourceInfo,
  ServerVersion,
  WatchEvent,
  WriteOptions,
} from '../k8s/client.js';
import { builtInKind } from '../k8s/kinds.js';
import { parseSelector, selectorMatches, type LabelSelector } from '../k8s/selector.js';
import { errorMessage } from '../errors.js';
import { MigrationKube } from './kube.js';
import type { KubeObject, MigrationContext } from './types.js';

export interface RecordedContextOptions {
  environment?: string;
  components?: readonly string[];
  component?: string;
  /** The rendered objects of the deploy under test (ctx.manifests). */
  manifests?: readonly KubeObject[];
  /** Mutating calls become server dry runs (the in-memory server then changes nothing). */
  dryRun?: boolean;
  /** Namespace used when a call names none (the kubeconfig context's namespace). Default `default`. */
  defaultNamespace?: string;
  signal?: AbortSignal;
}

/** One request the migration's client sent to the (in-memory) API server. */
export interface RecordedCall {
  verb: 'get' | 'list' | 'patch' | 'delete' | 'create' | 'replace' | 'apply';
  apiVersion: string;
  /** The Kind as the API names it (`StatefulSet`), whatever spelling the migration used. */
  kind: string;
  name?: string;
  namespace?: string;
  /** The patch, or the object sent (create, replace, apply). */
  body?: unknown;
  /** The options sent: selectors, patch type, propagationPolicy, dryRun. */
  options?: Record<string, unknown>;
}

export interface RecordedCluster {
  /** Every API request, in order. */
  calls: RecordedCall[];
  /** Calls that would have changed the cluster (patch/delete/create/replace/apply, not dry runs). */
  mutations(): RecordedCall[];
  /** The objects as they are now (after patches). */
  objects: KubeObject[];
  /** What the migration logged through ctx.log (warnings prefixed `warning: `). */
  logs: string[];
  find(kind: string, name: string, namespace?: string): KubeObject | undefined;
}

export interface RecordedContext extends MigrationContext {
  cluster: RecordedCluster;
}

const MUTATING = new Set<RecordedCall['verb']>(['patch', 'delete', 'create', 'replace', 'apply']);

/** `pvc`, `statefulsets.apps` or `StatefulSet` against a Kind. */
function kindMatches(reference: string, kind: string): boolean {
  return (builtInKind(reference)?.kind ?? reference).toLowerCase() === kind.toLowerCase();
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function jsonPatch(target: unknown, operations: { op: string; path: string; value?: unknown }[]): unknown {
  const root = structuredClone(target) as Record<string, unknown>;
  for (const operation of operations) {
    const parts = operation.path
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop()!;
    let node: unknown = root;
    for (const part of parts) node = (node as Record<string, unknown> | null | undefined)?.[part];
    if (node === undefined || node === null || typeof node !== 'object') throw new Error(`json patch path ${operation.path} does not exist`);
    const record = node as Record<string, unknown>;
    if (operation.op === 'remove') {
      if (Array.isArray(node)) node.splice(Number(last), 1);
      else delete record[last];
    } else if (operation.op === 'add' && Array.isArray(node)) {
      node.splice(last === '-' ? node.length : Number(last), 0, operation.value);
    } else if (operation.op === 'add' || operation.op === 'replace') {
      record[last] = operation.value;
    } else throw new Error(`json patch op ${operation.op} is not emulated`);
  }
  return root;
}

function fieldSelectorMatches(selector: string | undefined, object: KubeObject): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const match = /^([^!=]+)(!=|==?)(.*)$/.exec(term.trim());
    if (!match) throw new Error(`createRecordedContext: field selector "${term}" is not emulated`);
    const [, path, operator, wanted] = match as unknown as [string, string, string, string];
    let value: unknown = object;
    for (const part of path.trim().split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
    const equal = (typeof value === 'string' || typeof value === 'number' ? String(value) : '') === wanted.trim();
    return operator === '!=' ? !equal : equal;
  });
}

const notFound = (ref: ObjectRef): KubeApiError =>
  new KubeApiError(404, 'NotFound', `${ref.kind.toLowerCase()}s "${ref.name}" not found`, { name: ref.name, kind: ref.kind.toLowerCase(), causes: [] });

/**
 * An in-memory API server behind the KubeClient interface: objects keyed by kind, namespace and name, a
 * resourceVersion per write (so a stale replace is a Conflict, a second create AlreadyExists, as on a real server).
 */
class InMemoryKube implements ApiClient {
  private revision = 1000;

  constructor(private readonly cluster: RecordedCluster) {}

  version(): Promise<ServerVersion> {
    return Promise.resolve({ major: '1', minor: '28', gitVersion: 'v1.28.0' });
  }

  get(ref: ObjectRef): Promise<KubeObject | undefined> {
    this.record({ verb: 'get', ...ref });
    const found = this.find(ref);
    return Promise.resolve(found ? structuredClone(found) : undefined);
  }

  list(kind: KindRef, options: ListOptions = {}): Promise<ObjectList> {
    this.record({ verb: 'list', ...kind, options: { ...options } });
    let selector: LabelSelector | undefined;
    try {
      selector = options.labelSelector ? parseSelector(options.labelSelector) : undefined;
    } catch (error) {
      return Promise.reject(new KubeApiError(400, 'BadRequest', `unable to parse requirement: ${errorMessage(error)}`, { causes: [] }));
    }
    const items = this.cluster.objects.filter(
      (o) =>
        kindMatches(kind.kind, o.kind) &&
        (kind.namespace === undefined || !o.metadata.namespace || o.metadata.namespace === kind.namespace) &&
        (!selector || selectorMatches(selector, o.metadata.labels)) &&
        fieldSelectorMatches(options.fieldSelector, o),
    );
    return Promise.resolve({ items: structuredClone(items), resourceVersion: String(this.revision) });
  }

  patch(ref: ObjectRef, patch: unknown, options: PatchOptions): Promise<KubeObject> {
    this.record({ verb: 'patch', ...ref, body: patch, options: { ...options } });
    const object = this.find(ref);
    if (!object) return Promise.reject(notFound(ref));
    const patched = (options.type === 'json' ? jsonPatch(object, patch as never) : mergePatch(object, patch)) as KubeObject;
    return Promise.resolve(this.store(object, patched, options.dryRun));
  }

  delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<'deleted' | 'not-found'> {
    this.record({ verb: 'delete', ...ref, options: { ...options } });
    const object = this.find(ref);
    if (!object) return Promise.resolve('not-found');
    if (!options.dryRun) this.cluster.objects.splice(this.cluster.objects.indexOf(object), 1);
    return Promise.resolve('deleted');
  }

  create(object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    this.record({ verb: 'create', ...refOf(object), body: object, options: { ...options } });
    if (this.find(refOf(object))) {
      return Promise.reject(new KubeApiError(409, 'AlreadyExists', `${object.kind.toLowerCase()}s "${object.metadata.name}" already exists`));
    }
    return Promise.resolve(this.store(undefined, object, options.dryRun));
  }

  replace(object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    this.record({ verb: 'replace', ...refOf(object), body: object, options: { ...options } });
    const existing = this.find(refOf(object));
    if (!existing) return Promise.reject(notFound(refOf(object)));
    const wanted = object.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== existing.metadata.resourceVersion) {
      return Promise.reject(
        new KubeApiError(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${object.kind.toLowerCase()}s "${object.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
        ),
      );
    }
    return Promise.resolve(this.store(existing, object, options.dryRun));
  }

  apply(object: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
    this.record({ verb: 'apply', ...refOf(object), body: object, options: { ...options } });
    return Promise.resolve(this.store(this.find(refOf(object)), object, options.dryRun));
  }

  // eslint-disable-next-line require-yield, @typescript-eslint/require-await -- no changes happen in a recorded cluster
  async *watch(): AsyncIterable<WatchEvent> {
    return;
  }

  logs(): Promise<string> {
    return Promise.reject(new Error('createRecordedContext: container logs are not emulated'));
  }

  resourceOf(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const builtIn = builtInKind(kind);
    if (builtIn?.apiVersion === apiVersion) return Promise.resolve({ plural: `${kind.toLowerCase()}s`, namespaced: builtIn.namespaced });
    const objects = this.cluster.objects.filter((o) => o.kind === kind && o.apiVersion === apiVersion);
    if (objects.length === 0) return Promise.resolve(undefined);
    return Promise.resolve({ plural: `${kind.toLowerCase()}s`, namespaced: objects.some((o) => o.metadata.namespace) });
  }

  private find(ref: ObjectRef): KubeObject | undefined {
    return this.cluster.objects.find(
      (o) => kindMatches(ref.kind, o.kind) && o.metadata.name === ref.name && (!o.metadata.namespace || o.metadata.namespace === ref.namespace),
    );
  }

  /** Writes (unless a dry run) with a new resourceVersion; returns what the server would store. */
  private store(existing: KubeObject | undefined, object: KubeObject, dryRun: boolean | undefined): KubeObject {
    const stored = structuredClone(object);
    stored.metadata.resourceVersion = String(dryRun ? this.revision : ++this.revision);
    if (dryRun) return stored;
    if (existing) this.cluster.objects[this.cluster.objects.indexOf(existing)] = stored;
    else this.cluster.objects.push(stored);
    return structuredClone(stored);
  }

  private record(call: RecordedCall): void {
    this.cluster.calls.push(call);
  }
}

function refOf(object: KubeObject): ObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}

/** A MigrationContext over recorded cluster state, for testing a migration's isNeeded and run with vitest. */
export function createRecordedContext(objects: readonly KubeObject[], options: RecordedContextOptions = {}): RecordedContext {
  const cluster: RecordedCluster = {
    calls: [],
    mutations() {
      return this.calls.filter((call) => MUTATING.has(call.verb) && call.options?.dryRun !== true);
    },
    objects: objects.map((o) => structuredClone(o)),
    logs: [],
    find(kind, name, namespace) {
      return this.objects.find(
        (o) => kindMatches(kind, o.kind) && o.metadata.name === name && (!namespace || !o.metadata.namespace || o.metadata.namespace === namespace),
      );
    },
  };
  const dryRun = options.dryRun ?? false;
  const signal = options.signal ?? new AbortController().signal;
  const context: RecordedContext = {
    kube: new MigrationKube(new InMemoryKube(cluster), { dryRun, signal, defaultNamespace: options.defaultNamespace ?? 'default' }),
    environment: options.environment ?? 'test',
    components: options.components ?? [],
    manifests: options.manifests ?? [],
    log: {
      info: (message) => cluster.logs.push(message),
      warning: (message) => cluster.logs.push(`warning: ${message}`),
    },
    signal,
    dryRun,
    cluster,
  };
  if (options.component !== undefined) context.component = options.component;
  return context;
}
