/**
 * Test helper for users' migrations: `createRecordedContext(objects)` gives a MigrationContext whose client talks to
 * an in-memory cluster holding `objects` (paste them from `kubectl get … -o json`). The calls go through the same
 * client and kubectl wrapper as a real deploy, so argument building and output parsing are the real ones; only the
 * kubectl process is replaced by a small emulator of get/patch/delete/apply.
 */
import { parse as parseYaml } from 'yaml';
import type { ExecOptions, ExecResult, Executor } from '../exec.js';
import { Kubectl } from '../k8s/kubectl.js';
import { KubectlClient } from './kube.js';
import type { KubeObject, MigrationContext } from './types.js';

export interface RecordedContextOptions {
  environment?: string;
  components?: readonly string[];
  component?: string;
  /** The rendered objects of the deploy under test (ctx.manifests). */
  manifests?: readonly KubeObject[];
  /** Mutating calls become server dry runs (the emulator then changes nothing). */
  dryRun?: boolean;
  /** Namespace used when a call names none (kubectl's context namespace). Default `default`. */
  defaultNamespace?: string;
  signal?: AbortSignal;
}

export interface RecordedCluster {
  /** Every kubectl call, arguments only (no --request-timeout), in order. */
  calls: string[][];
  /** Calls that would have changed the cluster (patch/delete/apply, not dry runs). */
  mutations(): string[][];
  /** The objects as they are now (after patches). */
  objects: KubeObject[];
  /** What the migration logged through ctx.log (warnings prefixed `warning: `). */
  logs: string[];
  find(kind: string, name: string, namespace?: string): KubeObject | undefined;
}

export interface RecordedContext extends MigrationContext {
  cluster: RecordedCluster;
}

const ALIASES: Record<string, string> = {
  pvc: 'persistentvolumeclaim',
  pv: 'persistentvolume',
  sts: 'statefulset',
  deploy: 'deployment',
  ds: 'daemonset',
  rs: 'replicaset',
  cm: 'configmap',
  svc: 'service',
  ns: 'namespace',
  sc: 'storageclass',
  po: 'pod',
  sa: 'serviceaccount',
  ing: 'ingress',
  cj: 'cronjob',
};

function kindMatches(reference: string, kind: string): boolean {
  const base = (reference.split('.')[0] ?? reference).toLowerCase();
  const wanted = kind.toLowerCase();
  const forms = [base, ALIASES[base], base.replace(/s$/, ''), base.replace(/es$/, '')];
  return forms.some((form) => form === wanted);
}

function selectorMatches(selector: string | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const notEqual = /^([^!=]+)!=(.*)$/.exec(term);
    if (notEqual) return labels[notEqual[1]!.trim()] !== notEqual[2]!.trim();
    const equal = /^([^=]+)==?(.*)$/.exec(term);
    if (equal) return labels[equal[1]!.trim()] === equal[2]!.trim();
    if (term.startsWith('!')) return !(term.slice(1).trim() in labels);
    return term.trim() in labels;
  });
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

function option(args: readonly string[], short: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === short || arg === long) return args[i + 1];
    if (arg.startsWith(`${long}=`)) return arg.slice(long.length + 1);
  }
  return undefined;
}

const ok = (stdout: string): ExecResult => ({ exitCode: 0, stdout, stderr: '' });
const notFound = (reference: string, name: string): ExecResult => ({
  exitCode: 1,
  stdout: '',
  stderr: `Error from server (NotFound): ${reference.toLowerCase()} "${name}" not found\n`,
});

/** An in-memory kubectl for get/patch/delete/apply over recorded objects. */
function emulator(cluster: RecordedCluster, defaultNamespace: string): Executor {
  const namespaceOf = (args: readonly string[]) => option(args, '-n', '--namespace') ?? defaultNamespace;
  const find = (reference: string, name: string, namespace: string) =>
    cluster.objects.find((o) => kindMatches(reference, o.kind) && o.metadata.name === name && (!o.metadata.namespace || o.metadata.namespace === namespace));
  // eslint-disable-next-line @typescript-eslint/require-await -- an Executor is async; the emulator answers from memory
  return async (_command: string, fullArgs: readonly string[], options: ExecOptions = {}) => {
    const args = fullArgs.filter((a) => !a.startsWith('--request-timeout=') && !a.startsWith('--context='));
    cluster.calls.push(args);
    const [verb] = args;
    const dry = args.some((a) => a.startsWith('--dry-run=') && a !== '--dry-run=none');
    if (verb === 'get') {
      const references: string[] = [];
      for (let i = 1; i < args.length; i++) {
        const arg = args[i]!;
        if (['-n', '--namespace', '-l', '-o'].includes(arg)) i++;
        else if (!arg.startsWith('-')) references.push(arg);
      }
      const namespace = namespaceOf(args);
      const selector = option(args, '-l', '--selector');
      if (references.length === 1 && !references[0]!.includes('/')) {
        const items = cluster.objects.filter(
          (o) =>
            kindMatches(references[0]!, o.kind) &&
            (!o.metadata.namespace || o.metadata.namespace === namespace) &&
            selectorMatches(selector, o.metadata.labels),
        );
        return ok(JSON.stringify({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } }));
      }
      const found: KubeObject[] = [];
      for (const reference of references) {
        const [kind, name] = reference.split('/') as [string, string];
        const object = find(kind, name, namespace);
        if (object) found.push(object);
        else if (!args.includes('--ignore-not-found')) return notFound(kind, name);
      }
      if (references.length === 1) return ok(found[0] ? JSON.stringify(found[0]) : '');
      return ok(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: found, metadata: { resourceVersion: '' } }));
    }
    if (verb === 'patch') {
      const [kind, name] = (args[1] ?? '').split('/') as [string, string];
      const object = find(kind, name, namespaceOf(args));
      if (!object) return notFound(kind, name);
      const patch = JSON.parse(option(args, '-p', '--patch') ?? 'null') as unknown;
      const type = option(args, '--type', '--type') ?? 'strategic';
      const patched = (type === 'json' ? jsonPatch(object, patch as never) : mergePatch(object, patch)) as KubeObject;
      if (!dry) cluster.objects[cluster.objects.indexOf(object)] = patched;
      return ok(JSON.stringify(patched));
    }
    if (verb === 'delete') {
      const [kind, name] = (args[1] ?? '').split('/') as [string, string];
      const object = find(kind, name, namespaceOf(args));
      if (!object) return args.includes('--ignore-not-found') ? ok('') : notFound(kind, name);
      if (!dry) cluster.objects.splice(cluster.objects.indexOf(object), 1);
      return ok(`${object.kind.toLowerCase()} "${name}" deleted${dry ? ' (server dry run)' : ''}\n`);
    }
    if (verb === 'apply') {
      const object = parseYaml(options.input ?? '') as KubeObject;
      const existing = find(object.kind, object.metadata.name, object.metadata.namespace ?? namespaceOf(args));
      if (!dry) {
        if (existing) cluster.objects[cluster.objects.indexOf(existing)] = object;
        else cluster.objects.push(object);
      }
      return ok(`${object.kind.toLowerCase()}/${object.metadata.name} serverside-applied\n`);
    }
    return { exitCode: 1, stdout: '', stderr: `createRecordedContext: kubectl ${verb} is not emulated\n` };
  };
}

/** A MigrationContext over recorded cluster state, for testing a migration's isNeeded and run with vitest. */
export function createRecordedContext(objects: readonly KubeObject[], options: RecordedContextOptions = {}): RecordedContext {
  const cluster: RecordedCluster = {
    calls: [],
    mutations() {
      return this.calls.filter(
        (args) => ['patch', 'delete', 'apply', 'create', 'replace'].includes(args[0] ?? '') && !args.some((a) => a.startsWith('--dry-run=')),
      );
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
  const kubectl = new Kubectl(emulator(cluster, options.defaultNamespace ?? 'default'));
  const context: RecordedContext = {
    kube: new KubectlClient(kubectl, { dryRun, signal }),
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
