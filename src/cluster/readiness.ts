import type { Kubectl } from '../k8s/kubectl.js';
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

/** The fields of nodes, pods and storage classes the checks read; kubectl's JSON, every field optional. */
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

function items(stdout: string): Json[] {
  const parsed = JSON.parse(stdout) as Json & { items?: Json[] };
  return Array.isArray(parsed.items) ? parsed.items : [parsed];
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

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

async function snapshot(kubectl: Kubectl, request: ReadinessRequest): Promise<Snapshot> {
  const problems: string[] = [];
  const result: Snapshot = { nodes: [], csiPods: [], storageClass: { name: request.storageClass, present: false, isDefault: false }, problems };
  const nodes = await kubectl.get(['nodes']);
  if (nodes.exitCode !== 0) {
    problems.push(`the Kubernetes API is not answering yet: ${firstLine(nodes.stderr)}`);
    return result;
  }
  result.nodes = nodeStates(items(nodes.stdout));
  const readyNodes = result.nodes.filter((n) => n.ready).length;
  if (readyNodes < request.expectedNodes) problems.push(`${readyNodes}/${request.expectedNodes} nodes Ready`);
  for (const node of result.nodes) if (!node.ready) problems.push(`node ${node.name} not Ready: ${node.reason}`);

  if (request.csiDriver) {
    const pods = await kubectl.get(['pods'], { namespace: 'kube-system' });
    if (pods.exitCode !== 0) problems.push(`cannot list kube-system pods: ${firstLine(pods.stderr)}`);
    else {
      result.csiPods = csiPodStates(items(pods.stdout));
      if (result.csiPods.length === 0) problems.push('no Hetzner CSI driver pods (hcloud-csi-*) in kube-system yet');
      const controller = result.csiPods.filter((p) => p.name.includes('controller'));
      if (result.csiPods.length > 0 && controller.length === 0) problems.push('no hcloud-csi-controller pod yet');
      for (const pod of result.csiPods) if (!pod.ready) problems.push(`CSI pod ${pod.name} not running: ${pod.reason}`);
    }
    const classes = await kubectl.get(['storageclass']);
    if (classes.exitCode !== 0) problems.push(`cannot list StorageClasses: ${firstLine(classes.stderr)}`);
    else {
      result.storageClass = storageClassState(items(classes.stdout), request.storageClass);
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
 * default when asked), polling through Kubectl.get within a bounded time. Returns the last state and, on timeout, a
 * diagnosis; it never throws for a slow cluster.
 */
export async function waitForClusterReady(request: ReadinessRequest, deps: { kubectl: Kubectl; clock: Clock; logger: Logger }): Promise<ReadinessReport> {
  const started = deps.clock.now().getTime();
  for (;;) {
    const snap = await snapshot(deps.kubectl, request);
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
