import { parseAllDocuments } from 'yaml';
import { RecordingLogger, type Clock } from '../../src/log.js';
import type { WorkloadRef } from '../../src/rollout/types.js';
import { waitForWorkloads, type WaitOptions } from '../../src/rollout/waiter.js';
import { call, FakeKube, listOf, type KubeCall } from '../helpers/fake-kube.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { fixture, fixtureFile, ok, type RecordedCall } from '../helpers/fake-kubectl.js';

/** A virtual clock: sleep advances time instantly, so waits run without real time passing. */
export class FakeClock implements Clock {
  private current: number;
  readonly sleeps: number[] = [];
  constructor(start: string | number) {
    this.current = typeof start === 'string' ? Date.parse(start) : start;
  }
  now(): Date {
    return new Date(this.current);
  }
  async sleep(milliseconds: number, _signal?: AbortSignal): Promise<void> {
    this.sleeps.push(milliseconds);
    this.current += milliseconds;
  }
  advance(seconds: number): void {
    this.current += seconds * 1000;
  }
  get elapsedSeconds(): number {
    return this.sleeps.reduce((a, b) => a + b, 0) / 1000;
  }
}

/** Objects from a recorded `kubectl get -o json` (List or single object). */
export function fixtureObjects(dir: string): KubernetesObject[] {
  const parsed = JSON.parse(fixture(dir).stdout) as KubernetesObject & { items?: KubernetesObject[] };
  return parsed.items ?? [parsed];
}

export function fixtureYamlObjects(path: string): KubernetesObject[] {
  return parseAllDocuments(fixtureFile(path))
    .map((d) => d.toJS() as KubernetesObject)
    .filter(Boolean);
}

export const list = (items: unknown[]) => ok(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));

export const clone = <T>(value: T): T => structuredClone(value);

/** Matches a `kubectl get` of workloads (kind/name references). */
export const getsWorkloads = (args: string[]) => args[0] === 'get' && (args[1] ?? '').includes('/') && !args[1]?.startsWith('configmap/');
export const getsPods = (args: string[]) => args[0] === 'get' && args[1] === 'pods,persistentvolumeclaims';
export const getsEvents = (args: string[]) => args[0] === 'get' && args[1] === 'events';

export function argsOf(calls: RecordedCall[]): string[] {
  return calls.map((c) => c.args.join(' '));
}

/**
 * Replays a recorded `kubectl get events` table (the fixtures hold only the table for some cases) as Event objects:
 * columns are cut at the header's positions; LAST SEEN ("32s") becomes lastTimestamp relative to `capturedAt`.
 */
export function eventsFromTable(dir: string, capturedAt: Date, namespace: string): KubernetesObject[] {
  const lines = fixture(dir)
    .stdout.split('\n')
    .filter((line) => line.trim());
  const header = lines[0] ?? '';
  const columns = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'].map((name) => header.indexOf(name));
  return lines.slice(1).map((line, index) => {
    const cell = (i: number) => line.slice(columns[i], i + 1 < columns.length ? columns[i + 1] : undefined).trim();
    const seconds = Number(/^(\d+)s$/.exec(cell(0))?.[1] ?? '0');
    const [kind, name] = cell(3).split('/') as [string, string];
    const kinds: Record<string, string> = {
      pod: 'Pod',
      replicaset: 'ReplicaSet',
      deployment: 'Deployment',
      statefulset: 'StatefulSet',
      daemonset: 'DaemonSet',
      persistentvolumeclaim: 'PersistentVolumeClaim',
    };
    const when = new Date(capturedAt.getTime() - seconds * 1000).toISOString();
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${name}.${index}`, namespace, uid: `uid-${index}` },
      involvedObject: { kind: kinds[kind] ?? kind, name, namespace },
      type: cell(1),
      reason: cell(2),
      message: cell(4),
      count: 1,
      firstTimestamp: when,
      lastTimestamp: when,
    };
  });
}

/** The waiter's LIST of a workload kind (Deployment, StatefulSet, DaemonSet, Job) in any namespace. */
export const listsWorkloads = (c: KubeCall) => c.verb === 'list' && ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(c.kind ?? '');
export const listsPods = call('list', { kind: 'Pod' });
export const listsClaims = call('list', { kind: 'PersistentVolumeClaim' });
export const listsEvents = call('list', { kind: 'Event' });

/** What the waiter reads, for `answerWaits`: each a list's items, or a function of the call (state that changes). */
export interface WaitAnswers {
  workloads?: KubernetesObject[] | ((c: KubeCall) => KubernetesObject[]);
  pods?: KubernetesObject[];
  claims?: KubernetesObject[];
  events?: KubernetesObject[];
}

const listAnswer = (items: WaitAnswers['workloads']) => (typeof items === 'function' ? (c: KubeCall) => listOf(items(c)) : listOf(items ?? []));

/**
 * Scripts the waiter's reads on a FakeKube, after the rules a test set itself (those answer first): the workload lists,
 * pods, PVCs and Warning events (none unless given), and every watch ending at once, so the waiter lists again each
 * poll and sees the answers as they change.
 */
export function answerWaits(fake: FakeKube, answers: WaitAnswers = {}): FakeKube {
  if (answers.workloads) fake.on(listsWorkloads, listAnswer(answers.workloads));
  return fake
    .on(listsPods, listOf(answers.pods ?? []))
    .on(listsClaims, listOf(answers.claims ?? []))
    .on(listsEvents, listOf(answers.events ?? []))
    .on(call('watch'), []);
}

/**
 * A FakeKube, a FakeClock and a recording logger for the waiter. `wait` adds the rules a test rarely sets (no PVCs;
 * every watch ends at once, so the waiter lists again each poll, replaying the answers as they change) after the
 * test's own, and waits.
 */
export function waitSetup(start: string) {
  const fake = new FakeKube();
  const clock = new FakeClock(start);
  const logger = new RecordingLogger();
  const deps = { kube: fake, clock, logger };
  const wait = (refs: WorkloadRef[], options: WaitOptions) => {
    fake.on(listsClaims, listOf([]));
    fake.on(call('watch'), []);
    return waitForWorkloads(refs, options, deps);
  };
  return { fake, clock, logger, deps, wait };
}
