/**
 * Rollout waiter simulation on a virtual clock (no real sleeping): N workloads becoming ready after given delays,
 * the parallel waiter's wall time vs the seed's sequential `kubectl rollout status` per workload (sum of waits),
 * and the time from a failure signal to the verdict, each pull-error case against its own target: a pull that failed for
 * good (not found) ≤ 10 s; a pull error that may be a blip (rate limit) is held for its grace on purpose, so its
 * target is that grace plus one poll. Targets: wall ≤ slowest + 2 s.
 */
import type { KubeClient } from '../src/k8s/client.js';
import { silentLogger, type Clock } from '../src/log.js';
import type { KubernetesObject } from '../src/manifests/resource.js';
import { DEFAULT_POLL_INTERVAL_SECONDS, DEFAULT_THRESHOLDS } from '../src/rollout/types.js';
import { waitForWorkloads } from '../src/rollout/waiter.js';

class VirtualClock implements Clock {
  time = Date.parse('2026-11-22T03:00:00Z');
  readonly start = this.time;
  now = () => new Date(this.time);
  sleep = async (milliseconds: number) => {
    this.time += milliseconds;
  };
  get elapsed() {
    return (this.time - this.start) / 1000;
  }
}

const deployment = (name: string, ready: boolean) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'bench', generation: 2, labels: { app: name } },
  spec: { replicas: 2, selector: { matchLabels: { app: name } } },
  status: {
    observedGeneration: 2,
    replicas: 2,
    updatedReplicas: 2,
    readyReplicas: ready ? 2 : 0,
    availableReplicas: ready ? 2 : 0,
    conditions: [
      { type: 'Available', status: ready ? 'True' : 'False' },
      {
        type: 'Progressing',
        status: 'True',
        reason: ready ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
        message: `ReplicaSet "${name}-abc" is progressing.`,
      },
    ],
  },
});

const pod = (name: string, waiting?: { reason: string; message: string }) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `${name}-abc-x1`, namespace: 'bench', labels: { app: name, 'pod-template-hash': 'abc' } },
  spec: { containers: [{ name: 'app', image: `registry.example/${name}:broken` }] },
  status: {
    phase: 'Pending',
    containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: waiting ? { waiting } : { waiting: { reason: 'ContainerCreating' } } }],
  },
});

/**
 * A simulated API server: answers the waiter's lists from the virtual time. Its watches end at once, so the waiter
 * falls back to listing every poll: the figures are the poll-bound worst case (a real watch reports sooner).
 */
function simulatedCluster(
  clock: VirtualClock,
  readyAfter: Record<string, number>,
  failAt?: { name: string; at: number; message: string },
): { kube: KubeClient; calls: () => number } {
  let calls = 0;
  const unexpected = (what: string) => () => Promise.reject(new Error(`bench: the waiter does not ${what}`));
  const kube: KubeClient = {
    version: unexpected('ask the version'),
    apply: unexpected('apply'),
    get: unexpected('get'),
    create: unexpected('create'),
    replace: unexpected('replace'),
    patch: unexpected('patch'),
    delete: unexpected('delete'),
    logs: unexpected('read logs'),
    resourceOf: unexpected('discover'),
    list: async (kind, options = {}) => {
      calls++;
      const t = clock.elapsed;
      const list = (items: unknown[]) => ({ items: items as KubernetesObject[], resourceVersion: String(calls) });
      if (kind.kind === 'Event' || kind.kind === 'PersistentVolumeClaim') return list([]);
      if (kind.kind === 'Pod') return list(failAt && t >= failAt.at ? [pod(failAt.name, { reason: 'ErrImagePull', message: failAt.message })] : []);
      const only = options.fieldSelector?.replace('metadata.name=', '');
      const names = only ? [only] : Object.keys(readyAfter).concat(failAt ? [failAt.name] : []);
      return list(names.map((name) => deployment(name, t >= (readyAfter[name] ?? Infinity))));
    },
    // eslint-disable-next-line require-yield -- a watch the server ends at once
    watch: async function* () {
      return;
    },
  };
  return { kube, calls: () => calls };
}

async function parallelRun(count: number) {
  const clock = new VirtualClock();
  // Delays spread between 5 s and 90 s, deterministic.
  const readyAfter: Record<string, number> = {};
  for (let i = 0; i < count; i++) readyAfter[`svc${i}`] = 5 + ((i * 37) % 86);
  const cluster = simulatedCluster(clock, readyAfter);
  const refs = Object.keys(readyAfter).map((name) => ({ kind: 'Deployment', namespace: 'bench', name }));
  const started = performance.now();
  await waitForWorkloads(refs, { timeoutSeconds: 600 }, { kube: cluster.kube, clock, logger: silentLogger });
  const cpu = performance.now() - started;
  const delays = Object.values(readyAfter);
  return { slowest: Math.max(...delays), sequential: delays.reduce((a, b) => a + b, 0), wall: clock.elapsed, calls: cluster.calls(), cpu };
}

/** The two kinds of pull error the waiter tells apart (docs/rollout.md), each with the target it is held to. */
export const PULL_ERROR_CASES = [
  {
    name: 'not-found pull error',
    message:
      'rpc error: code = NotFound desc = failed to pull and unpack image "registry.example/broken:broken": failed to resolve reference "registry.example/broken:broken": registry.example/broken:broken: not found',
    targetSeconds: 10,
    target: '≤ 10 s',
  },
  {
    name: 'transient pull error (rate limited)',
    message:
      'rpc error: code = Unknown desc = failed to pull and unpack image "registry.example/broken:broken": 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.',
    targetSeconds: (DEFAULT_THRESHOLDS.imagePullRetryGraceSeconds ?? 90) + DEFAULT_POLL_INTERVAL_SECONDS,
    target: `≤ grace ${DEFAULT_THRESHOLDS.imagePullRetryGraceSeconds ?? 90} s + one ${DEFAULT_POLL_INTERVAL_SECONDS} s poll (held on purpose: may be a blip)`,
  },
] as const;

async function detectionRun(signalAt: number, message: string) {
  const clock = new VirtualClock();
  const cluster = simulatedCluster(clock, { healthy: 20 }, { name: 'broken', at: signalAt, message });
  const refs = [
    { kind: 'Deployment', namespace: 'bench', name: 'broken' },
    { kind: 'Deployment', namespace: 'bench', name: 'healthy' },
  ];
  const results = await waitForWorkloads(refs, { timeoutSeconds: 300 }, { kube: cluster.kube, clock, logger: silentLogger });
  const broken = results[0];
  return { signalAt, verdictAt: broken?.seconds ?? NaN, status: broken?.status };
}

/** The detection lines `npm run bench` prints (docs/rollout.md quotes them; a test keeps the two in step). */
export async function detectionLines(): Promise<string[]> {
  const lines: string[] = [];
  for (const pullCase of PULL_ERROR_CASES) {
    lines.push(`${pullCase.name} → verdict; target ${pullCase.target}`);
    for (const signalAt of [0, 3, 7, 31]) {
      const d = await detectionRun(signalAt, pullCase.message);
      const delay = d.verdictAt - d.signalAt;
      lines.push(
        `  signal at ${signalAt} s → ${d.status} at ${d.verdictAt} s: ${delay.toFixed(1)} s after the signal (${delay <= pullCase.targetSeconds ? 'met' : 'MISSED'})`,
      );
    }
  }
  return lines;
}

export async function benchRollout(): Promise<void> {
  console.log('## rollout waiter (virtual clock, poll every 2 s)');
  console.log('workloads | slowest s | sequential (sum) s | parallel wall s | wall - slowest | API requests | CPU ms | target wall ≤ slowest+2');
  for (const count of [1, 10, 50]) {
    const r = await parallelRun(count);
    const ok = r.wall <= r.slowest + 2 ? 'met' : 'MISSED';
    console.log(
      `${String(count).padStart(9)} | ${String(r.slowest).padStart(9)} | ${String(r.sequential).padStart(18)} | ${String(r.wall).padStart(15)} | ${String(r.wall - r.slowest).padStart(14)} | ${String(r.calls).padStart(13)} | ${r.cpu.toFixed(1).padStart(6)} | ${ok}`,
    );
  }
  console.log('');
  for (const line of await detectionLines()) console.log(line);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRollout();
