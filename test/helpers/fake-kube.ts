import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiErrorFrom, KubeApiError, type StatusCause } from '../../src/k8s/api-error.js';
import type {
  ApplyOptions,
  DeleteOptions,
  KindRef,
  KubeClient,
  ListOptions,
  LogOptions,
  ObjectList,
  ObjectRef,
  PatchOptions,
  ResourceInfo,
  ServerVersion,
  WatchEvent,
  WatchOptions,
  WriteOptions,
} from '../../src/k8s/client.js';
import { builtInKinds } from '../../src/k8s/kinds.js';
import { ClusterUnreachableError, type UnreachableCause } from '../../src/k8s/unreachable.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { FIXTURES } from './fake-kubectl.js';

export type Verb = 'version' | 'apply' | 'get' | 'list' | 'create' | 'replace' | 'patch' | 'delete' | 'watch' | 'logs';

/** One call as the code made it: what it asked for and with which options. */
export interface KubeCall {
  verb: Verb;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  /** The object sent (apply, create, replace) or the patch. */
  body?: unknown;
  options?: Record<string, unknown>;
}

/** What a rule answers: a value, a thrown error, or a function of the call. */
export type FakeAnswer = unknown;
type Matcher = (call: KubeCall) => boolean;

/** Matches calls of this verb whose fields equal the given ones (kind, name, namespace, apiVersion). */
export function call(verb: Verb, fields: Partial<Pick<KubeCall, 'apiVersion' | 'kind' | 'name' | 'namespace'>> = {}): Matcher {
  return (c) => c.verb === verb && Object.entries(fields).every(([key, value]) => c[key as keyof KubeCall] === value);
}

/**
 * A scripted KubeClient: each rule answers the calls it matches with its answers in order (the last one repeats);
 * an answer that is an Error is thrown. Every call is recorded so tests assert exactly what was asked; a call no rule
 * matches fails the test. Discovery answers for the built-in kinds (and `kinds(...)` added ones) without rules.
 */
export class FakeKube implements KubeClient {
  readonly calls: KubeCall[] = [];
  private readonly rules: { matcher: Matcher; answers: FakeAnswer[]; used: number }[] = [];
  private readonly extraKinds = new Map<string, ResourceInfo>();

  on(matcher: Matcher, ...answers: FakeAnswer[]): this {
    this.rules.push({ matcher, answers, used: 0 });
    return this;
  }

  /** Teaches discovery a kind (a CRD's), `apiVersion/Kind` → scope. */
  kind(apiVersion: string, kind: string, info: ResourceInfo): this {
    this.extraKinds.set(`${apiVersion}/${kind}`, info);
    return this;
  }

  /** The calls of one verb, for assertions. */
  of(verb: Verb): KubeCall[] {
    return this.calls.filter((c) => c.verb === verb);
  }

  private async answer(recorded: KubeCall): Promise<unknown> {
    this.calls.push(recorded);
    const rule = this.rules.find((candidate) => candidate.matcher(recorded));
    if (!rule) throw new Error(`FakeKube: unexpected call: ${describeCall(recorded)}`);
    const answer = rule.answers[Math.min(rule.used, rule.answers.length - 1)];
    rule.used++;
    const value = typeof answer === 'function' ? await (answer as (c: KubeCall) => unknown)(recorded) : answer;
    if (value instanceof Error) throw value;
    return structuredClone(value);
  }

  version(): Promise<ServerVersion> {
    return this.answer({ verb: 'version' }) as Promise<ServerVersion>;
  }
  apply(object: KubernetesObject, options: ApplyOptions = {}): Promise<KubernetesObject> {
    return this.answer({ verb: 'apply', ...refFields(object), body: object, options: { ...options } }) as Promise<KubernetesObject>;
  }
  get(ref: ObjectRef): Promise<KubernetesObject | undefined> {
    return this.answer({ verb: 'get', ...ref }) as Promise<KubernetesObject | undefined>;
  }
  list(kind: KindRef, options: ListOptions = {}): Promise<ObjectList> {
    return this.answer({ verb: 'list', ...kind, options: { ...options } }) as Promise<ObjectList>;
  }
  create(object: KubernetesObject, options: WriteOptions = {}): Promise<KubernetesObject> {
    return this.answer({ verb: 'create', ...refFields(object), body: object, options: { ...options } }) as Promise<KubernetesObject>;
  }
  replace(object: KubernetesObject, options: WriteOptions = {}): Promise<KubernetesObject> {
    return this.answer({ verb: 'replace', ...refFields(object), body: object, options: { ...options } }) as Promise<KubernetesObject>;
  }
  patch(ref: ObjectRef, patch: unknown, options: PatchOptions): Promise<KubernetesObject> {
    return this.answer({ verb: 'patch', ...ref, body: patch, options: { ...options } }) as Promise<KubernetesObject>;
  }
  delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<'deleted' | 'not-found'> {
    return this.answer({ verb: 'delete', ...ref, options: { ...options } }) as Promise<'deleted' | 'not-found'>;
  }
  /** Answers are arrays of events; after them the watch ends (the caller lists again, as after a server timeout). */
  async *watch(kind: KindRef, options: WatchOptions): AsyncIterable<WatchEvent> {
    const { signal: _signal, ...rest } = options;
    const events = (await this.answer({ verb: 'watch', ...kind, options: rest })) as WatchEvent[] | undefined;
    for (const event of events ?? []) yield event;
  }
  logs(pod: { name: string; namespace: string }, options: LogOptions = {}): Promise<string> {
    return this.answer({ verb: 'logs', kind: 'Pod', ...pod, options: { ...options } }) as Promise<string>;
  }
  resourceOf(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const extra = this.extraKinds.get(`${apiVersion}/${kind}`);
    if (extra) return Promise.resolve(extra);
    const builtIn = builtInKinds().find((k) => k.kind === kind && k.apiVersion === apiVersion);
    return Promise.resolve(builtIn ? { plural: builtIn.plural, namespaced: builtIn.namespaced } : undefined);
  }
}

function refFields(object: KubernetesObject): Pick<KubeCall, 'apiVersion' | 'kind' | 'name' | 'namespace'> {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}

function describeCall(c: KubeCall): string {
  const what = [c.kind, c.namespace, c.name].filter(Boolean).join('/');
  return `${c.verb} ${what}${c.options && Object.keys(c.options).length ? ` ${JSON.stringify(c.options)}` : ''}`;
}

/** The Status the server answered in a recorded case (`<case>/<variant>/api-status.json`), as the client throws it. */
export function recordedStatus(path: string): KubeApiError {
  const body = readFileSync(join(FIXTURES, path), 'utf8');
  const code = (JSON.parse(body) as { code?: number }).code ?? 500;
  return apiErrorFrom(code, body, `recorded ${path}`);
}

/** A Status error built in a test, for answers no fixture recorded (a 429, a 500 during an etcd leader change). */
export function apiError(
  code: number,
  reason: string,
  message: string,
  causes: StatusCause[] = [],
  details: { name?: string; kind?: string; group?: string } = {},
): KubeApiError {
  return new KubeApiError(code, reason, message, { ...details, causes }, 'test');
}

export function unreachable(cause: UnreachableCause, server = 'https://127.0.0.1:6443', detail = `connect ${cause}`): ClusterUnreachableError {
  return new ClusterUnreachableError({ cause, server, detail }, 'nothing was changed');
}

/** A List answer, as the server sends it: items carry kind/apiVersion here so assertions read naturally. */
export function listOf(items: KubernetesObject[], resourceVersion = '100'): ObjectList {
  return { items, resourceVersion };
}

/** The items of a recorded `kubectl get -o json` answer (same objects as the API's list). */
export function recordedItems(dir: string): KubernetesObject[] {
  const stdout = readFileSync(join(FIXTURES, dir, 'stdout.txt'), 'utf8');
  const value = JSON.parse(stdout) as { kind?: string; items?: KubernetesObject[] } & KubernetesObject;
  return value.kind === 'List' || value.kind?.endsWith('List') ? (value.items ?? []) : [value];
}

export const SERVER_VERSION: ServerVersion = { major: '1', minor: '28', gitVersion: 'v1.28.0' };
