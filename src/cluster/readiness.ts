import { firstLine } from '../errors.js';
import { KubeApiError } from '../k8s/api-error.js';
import type { KindRef, KubeClient } from '../k8s/client.js';
import { ClusterUnreachableError } from '../k8s/unreachable.js';
import type { Clock, Logger } from '../log.js';

export interface ReadinessRequest {
  /** Nodes the config asks for (masters + static workers); fewer Ready nodes means not ready yet. */
  expectedNodes: number;
  /** Whether the Hetzner CSI driver is enabled in the config (addons.csi_driver.enabled, default true). */
  csiDriver: boolean;
  storageClass: string;
  /** Whether that StorageClass must be the cluster default (the Hetzner CSI manifest makes it so). */
  storageClassDefault: boolean;
  timeoutSeconds: number;
  intervalSeconds: number;
}

export interface NodeState {
  name: string;
  ready: boolean;
  reason?: string;
}

export interface PodState {
  name: string;
  phase: string;
  ready: boolean;
  reason?: string;
}

export interface ReadinessReport {
  ready: boolean;
  seconds: number;
  nodes: NodeState[];
  csiPods: PodState[];
  storageClass: { name: string; present: boolean; isDefault: boolean };
  /** Why the cluster is not ready, one line per problem (empty when ready). */
  diagnosis: string[];
}

interface Snapshot {
  nodes: NodeState[];
  csiPods: PodState[];
  storageClass: { name: string; present: boolean; isDefault: boolean };
  problems: string[];
}

/** The fields of nodes, pods and storage classes the checks read; the API's objects, every field optional. */
interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}
interface ContainerStatus {
  ready?: boolean;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; exitCode?: number } };
}
interface Json {
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { unschedulable?: boolean };
  status?: { conditions?: Condition[]; phase?: string; containerStatuses?: ContainerStatus[] };
}

export function nodeStates(list: Json[]): NodeState[] {
  return list.map((node) => {
    const condition = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
    const ready = condition?.status === 'True';
    const unschedulable = node.spec?.unschedulable === true;
    const reason = ready
      ? unschedulable
        ? 'cordoned (unschedulable)'
        : undefined
      : condition
        ? `${condition.reason ?? 'NotReady'}${condition.message ? `: ${condition.message}` : ''}`
        : 'no Ready condition reported yet';
    return { name: String(node.metadata?.name), ready, reason };
  });
}

/** Pods of the Hetzner CSI driver (controller Deployment + node DaemonSet), whatever manifest version labels them. */
export function csiPodStates(list: Json[]): PodState[] {
  return list
    .filter((pod) => {
      const labels = pod.metadata?.labels ?? {};
      return (
        String(pod.metadata?.name).startsWith('hcloud-csi') ||
        labels['app.kubernetes.io/name'] === 'hcloud-csi' ||
        String(labels.app ?? '').startsWith('hcloud-csi')
      );
    })
    .map((pod) => {
      const statuses = pod.status?.containerStatuses ?? [];
      const ready = pod.status?.phase === 'Running' && statuses.length > 0 && statuses.every((s) => s.ready === true);
      const waiting = statuses.find((s) => s.state?.waiting)?.state?.waiting;
      const terminated = statuses.find((s) => s.state?.terminated)?.state?.terminated;
      const unscheduled = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled' && c.status === 'False');
      const reason = ready
        ? undefined
        : waiting
          ? `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`
          : terminated
            ? `${terminated.reason ?? 'Terminated'} (exit ${terminated.exitCode})`
            : unscheduled
              ? `${unscheduled.reason}: ${unscheduled.message ?? ''}`.trim()
              : `phase ${pod.status?.phase ?? 'Unknown'}, containers not ready`;
      return { name: String(pod.metadata?.name), phase: String(pod.status?.phase ?? 'Unknown'), ready, reason };
    });
}

export function storageClassState(list: Json[], name: string): { name: string; present: boolean; isDefault: boolean } {
  const found = list.find((sc) => sc.metadata?.name === name);
  const annotations = found?.metadata?.annotations ?? {};
  return { name, present: Boolean(found), isDefault: annotations['storageclass.kubernetes.io/is-default-class'] === 'true' };
}

/** Why a LIST got no answer, in one line: the connection failure, or the server's reason and message. */
function whyNot(error: unknown): string {
  if (error instanceof ClusterUnreachableError) return error.unreachable.detail;
  const text = error instanceof KubeApiError ? `${error.reason}: ${error.message}` : error instanceof Error ? error.message : String(error);
  return firstLine(text);
}

const NODES: KindRef = { apiVersion: 'v1', kind: 'Node' };
const KUBE_SYSTEM_PODS: KindRef = { apiVersion: 'v1', kind: 'Pod', namespace: 'kube-system' };
const STORAGE_CLASSES: KindRef = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' };

/** The items of one LIST, or why there are none. */
async function listed(kube: KubeClient, kind: KindRef): Promise<{ items: Json[] } | { error: string }> {
  try {
    return { items: (await kube.list(kind)).items };
  } catch (error) {
    return { error: whyNot(error) };
  }
}

/** One look at the cluster: three LISTs (nodes; kube-system pods and StorageClasses when the CSI driver is on). */
async function snapshot(kube: KubeClient, request: ReadinessRequest): Promise<Snapshot> {
  const problems: string[] = [];
  const result: Snapshot = { nodes: [], csiPods: [], storageClass: { name: request.storageClass, present: false, isDefault: false }, problems };
  const nodes = await listed(kube, NODES);
  if ('error' in nodes) {
    problems.push(`the Kubernetes API is not answering yet: ${nodes.error}`);
    return result;
  }
  result.nodes = nodeStates(nodes.items);
  const readyNodes = result.nodes.filter((n) => n.ready).length;
  if (readyNodes < request.expectedNodes) problems.push(`${readyNodes}/${request.expectedNodes} nodes Ready`);
  for (const node of result.nodes) if (!node.ready) problems.push(`node ${node.name} not Ready: ${node.reason}`);

  if (request.csiDriver) {
    const pods = await listed(kube, KUBE_SYSTEM_PODS);
    if ('error' in pods) problems.push(`cannot list kube-system pods: ${pods.error}`);
    else {
      result.csiPods = csiPodStates(pods.items);
      if (result.csiPods.length === 0) problems.push('no Hetzner CSI driver pods (hcloud-csi-*) in kube-system yet');
      const controller = result.csiPods.filter((p) => p.name.includes('controller'));
      if (result.csiPods.length > 0 && controller.length === 0) problems.push('no hcloud-csi-controller pod yet');
      for (const pod of result.csiPods) if (!pod.ready) problems.push(`CSI pod ${pod.name} not running: ${pod.reason}`);
    }
    const classes = await listed(kube, STORAGE_CLASSES);
    if ('error' in classes) problems.push(`cannot list StorageClasses: ${classes.error}`);
    else {
      result.storageClass = storageClassState(classes.items, request.storageClass);
      if (!result.storageClass.present) problems.push(`StorageClass ${request.storageClass} does not exist yet`);
      else if (request.storageClassDefault && !result.storageClass.isDefault) {
        problems.push(`StorageClass ${request.storageClass} is not the default (annotation storageclass.kubernetes.io/is-default-class != "true")`);
      }
    }
  }
  return result;
}

function progress(snap: Snapshot, request: ReadinessRequest, elapsed: number): string {
  const readyNodes = snap.nodes.filter((n) => n.ready).length;
  const parts = [`${readyNodes}/${request.expectedNodes} nodes Ready`];
  if (request.csiDriver) {
    parts.push(`CSI pods ${snap.csiPods.filter((p) => p.ready).length}/${snap.csiPods.length} running`);
    parts.push(
      `StorageClass ${request.storageClass} ${snap.storageClass.present ? (snap.storageClass.isDefault ? 'present (default)' : 'present') : 'missing'}`,
    );
  }
  if (snap.problems[0]?.startsWith('the Kubernetes API')) return `[${elapsed}s] ${snap.problems[0]}`;
  return `[${elapsed}s] ${parts.join(', ')}`;
}

/**
 * Waits until every expected node is Ready, the Hetzner CSI driver pods run and the StorageClass exists (and is the
 * default when asked), polling with LISTs through the API client within a bounded time. Returns the last state and, on timeout, a
 * diagnosis; it never throws for a slow cluster.
 */
export async function waitForClusterReady(request: ReadinessRequest, deps: { kube: KubeClient; clock: Clock; logger: Logger }): Promise<ReadinessReport> {
  const started = deps.clock.now().getTime();
  for (;;) {
    const snap = await snapshot(deps.kube, request);
    const elapsed = Math.round((deps.clock.now().getTime() - started) / 1000);
    deps.logger.info(progress(snap, request, elapsed));
    const done = snap.problems.length === 0;
    if (done || elapsed + request.intervalSeconds > request.timeoutSeconds) {
      return {
        ready: done,
        seconds: elapsed,
        nodes: snap.nodes,
        csiPods: snap.csiPods,
        storageClass: snap.storageClass,
        diagnosis: done ? [] : [`not ready after ${elapsed}s (timeout ${request.timeoutSeconds}s)`, ...snap.problems],
      };
    }
    await deps.clock.sleep(request.intervalSeconds * 1000);
  }
}
