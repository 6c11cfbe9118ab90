import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/** The cluster the suite runs against (K8SAPP_E2E_KUBECONFIG); run.mjs refuses to start vitest without it. */
export const KUBECONFIG = process.env.K8SAPP_E2E_KUBECONFIG ?? '';
/** Optional: a kubeconfig for the same cluster whose credentials the server rejects (the lab writes one). */
export const BAD_KUBECONFIG = process.env.K8SAPP_E2E_BAD_KUBECONFIG ?? '';

export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** kubectl against the e2e cluster (never the user's current context: --kubeconfig is always given). */
export function kubectl(args: readonly string[], options: { stdin?: string; kubeconfig?: string } = {}): Promise<Run> {
  const child = spawn('kubectl', ['--kubeconfig', options.kubeconfig ?? KUBECONFIG, '--request-timeout=30s', ...args], {
    env: { ...process.env, KUBECONFIG: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.stdin ?? '');
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ exitCode: code ?? 1, stdout, stderr }));
  });
}

/** kubectl that must succeed. */
export async function kubectlOk(args: readonly string[], options: { stdin?: string } = {}): Promise<string> {
  const run = await kubectl(args, options);
  if (run.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${run.exitCode}): ${run.stderr.trim()}`);
  return run.stdout;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

/** One object, or undefined when it does not exist. */
export async function getObject(kind: string, name: string, namespace?: string): Promise<Obj | undefined> {
  const out = await kubectlOk(['get', `${kind}/${name}`, ...(namespace ? ['-n', namespace] : []), '--ignore-not-found', '-o', 'json']);
  return out.trim() ? (JSON.parse(out) as Obj) : undefined;
}

/** The items of a list (`kubectl get KIND -n NS [-l SELECTOR] -o json`). */
export async function list(kind: string, namespace: string, selector?: string): Promise<Obj[]> {
  const out = await kubectlOk(['get', kind, '-n', namespace, ...(selector ? ['-l', selector] : []), '-o', 'json']);
  return ((JSON.parse(out) as Obj).items ?? []) as Obj[];
}

export async function mustGet(kind: string, name: string, namespace?: string): Promise<Obj> {
  const object = await getObject(kind, name, namespace);
  if (!object) throw new Error(`${kind}/${name}${namespace ? ` in ${namespace}` : ''} does not exist`);
  return object;
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Polls `probe` until it returns a value other than undefined/false, or fails with the last observation after
 * `timeoutSeconds` (a bound against hangs, not a speed assertion).
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutSeconds = 120): Promise<T> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutSeconds} s waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(1000);
  }
}

/** Pods of a namespace owned (directly) by the object with this UID. */
export function ownedBy(pods: readonly Obj[], uid: string): Obj[] {
  return pods.filter((pod) => (pod.metadata.ownerReferences ?? []).some((ref: Obj) => ref.uid === uid && ref.controller));
}

export const isReadyPod = (pod: Obj) =>
  !pod.metadata.deletionTimestamp && (pod.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');

export const imagesOf = (workload: Obj): string[] => (workload.spec.template.spec.containers as Obj[]).map((c) => c.image as string);

/** The workload is fully rolled out and every desired pod is ready (checked on the object's status, like kstatus). */
export function isRolledOut(workload: Obj): boolean {
  const s = workload.status ?? {};
  const generationSeen = s.observedGeneration !== undefined && s.observedGeneration >= workload.metadata.generation;
  if (!generationSeen) return false;
  switch (workload.kind) {
    case 'Deployment': {
      const want = workload.spec.replicas ?? 1;
      return s.updatedReplicas === want && s.readyReplicas === want && s.availableReplicas === want && (s.replicas ?? 0) === want;
    }
    case 'StatefulSet': {
      const want = workload.spec.replicas ?? 1;
      return s.readyReplicas === want && s.updatedReplicas === want && s.currentRevision === s.updateRevision && s.replicas === want;
    }
    case 'DaemonSet':
      return s.desiredNumberScheduled > 0 && s.numberReady === s.desiredNumberScheduled && s.updatedNumberScheduled === s.desiredNumberScheduled;
    default:
      throw new Error(`isRolledOut: unsupported kind ${workload.kind}`);
  }
}

/** Waits until the workload is rolled out and returns it. */
export async function waitRolledOut(kind: string, name: string, namespace: string, timeoutSeconds = 120): Promise<Obj> {
  let last: Obj | undefined;
  try {
    return await waitFor(
      `${kind}/${name} in ${namespace} to be rolled out`,
      async () => {
        last = await getObject(kind, name, namespace);
        return last && isRolledOut(last) ? last : undefined;
      },
      timeoutSeconds,
    );
  } catch (error) {
    const pods = await list('pods', namespace).catch(() => []);
    const podStates = pods.map(
      (p) => `${p.metadata.name} ${p.status?.phase} ready=${isReadyPod(p)} ${p.spec.containers[0].image}${p.metadata.deletionTimestamp ? ' terminating' : ''}`,
    );
    throw new Error(
      `${(error as Error).message}\nspec.generation ${last?.metadata.generation}, status ${JSON.stringify(last?.status)}\npods: ${podStates.join('; ')}`,
    );
  }
}

let nodeNames: Promise<string[]> | undefined;
/** True on the k8sapp lab (its simulated node is called lab-node): the lab expands volumes, kind has no resizer. */
export async function isLab(): Promise<boolean> {
  nodeNames ??= kubectlOk(['get', 'nodes', '-o', 'jsonpath={.items[*].metadata.name}']).then((out) => out.split(/\s+/).filter(Boolean));
  return (await nodeNames).includes('lab-node');
}

/** The cluster's default StorageClass (provisioner and binding mode), if it has one. */
export async function defaultStorageClass(): Promise<Obj | undefined> {
  const out = await kubectlOk(['get', 'storageclasses', '-o', 'json']);
  const items = ((JSON.parse(out) as Obj).items ?? []) as Obj[];
  return items.find((c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
}

/**
 * A kubeconfig for the e2e cluster whose credentials the server rejects: K8SAPP_E2E_BAD_KUBECONFIG (the lab's
 * kubeconfig-badtoken), else the e2e kubeconfig with every user's credentials replaced by a token nobody issued.
 */
export async function badCredentialsKubeconfig(dir: string): Promise<string> {
  if (BAD_KUBECONFIG) return BAD_KUBECONFIG;
  const config = parse(await readFile(KUBECONFIG, 'utf8')) as Obj;
  for (const user of config.users ?? []) user.user = { token: 'k8sapp-e2e-not-a-valid-token-000000000000' };
  const file = join(dir, 'bad-credentials.kubeconfig');
  await writeFile(file, stringify(config), { mode: 0o600 });
  return file;
}
