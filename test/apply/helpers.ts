import { parseAllDocuments, stringify } from 'yaml';
import type { LoadedDeployControl, EnvironmentControl } from '../../src/config/deploy-control.js';
import type { Clock } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { parseYaml } from '../../src/yaml/located.js';
import { fixtureFile } from '../helpers/fake-kubectl.js';
import { call, listOf, type FakeKube, type KubeCall, type Verb } from '../helpers/fake-kube.js';

export const NAMESPACE = 'shop';

/** Objects of a fixture YAML stream, placed into NAMESPACE like kustomize's `namespace:` would. */
export function objectsOf(path: string, namespace = NAMESPACE): KubernetesObject[] {
  return parseAllDocuments(fixtureFile(path))
    .map((document) => document.toJS() as KubernetesObject)
    .filter(Boolean)
    .map((object) => ({ ...object, metadata: { ...object.metadata, namespace } }));
}

export function streamOf(objects: readonly KubernetesObject[]): string {
  return objects.map((object) => stringify(object)).join('---\n');
}

/** What the API server stores: the object plus identity and (given) status. */
export function live(object: KubernetesObject, status: Record<string, unknown> = {}): KubernetesObject {
  return {
    ...structuredClone(object),
    metadata: { ...structuredClone(object.metadata), uid: `uid-old-${object.metadata.name}`, resourceVersion: '100', generation: 1 },
    status,
  };
}

/** A server-side dry-run answer: the live object with the desired content merged in. */
export function dryRunOf(desired: KubernetesObject, current?: KubernetesObject): KubernetesObject {
  const base = current ? structuredClone(current) : { ...structuredClone(desired), metadata: { ...desired.metadata, uid: 'uid-new' } };
  for (const [key, value] of Object.entries(desired))
    if (key !== 'metadata' && key !== 'status') (base as Record<string, unknown>)[key] = structuredClone(value);
  base.metadata.labels = desired.metadata.labels;
  return base;
}

export function control(environment: Partial<EnvironmentControl> = {}, file = '/repo/infra/deploy-control.yaml'): LoadedDeployControl {
  const config = {
    global: { auto_deploy: true },
    environments: {
      dev: { enabled: true, auto_deploy: true, overlay: 'k8s/dev', rollout_timeout: 60, immutable_recovery: 'recreate' as const, ...environment },
    },
  };
  return { file, config, document: parseYaml(JSON.stringify(config), file) };
}

export class FakeClock implements Clock {
  time = Date.parse('2026-11-22T10:00:00Z');
  readonly sleeps: number[] = [];
  now(): Date {
    return new Date(this.time);
  }
  async sleep(milliseconds: number): Promise<void> {
    this.sleeps.push(milliseconds);
    this.time += milliseconds;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The API server, as FakeKube rules: specific rules first (a test's refusals), then `serve` answers the rest.

/** `app=web,tier=db` → whether the labels match (the only selector form these tests send). */
function labelsMatch(selector: unknown, labels: Record<string, string> | undefined): boolean {
  if (typeof selector !== 'string' || selector === '') return true;
  return selector.split(',').every((part) => {
    const [key = '', value] = part.split('=');
    return labels?.[key] === value;
  });
}

function nameMatches(selector: unknown, name: string): boolean {
  if (typeof selector !== 'string' || selector === '') return true;
  return selector === `metadata.name=${name}`;
}

/**
 * Answers what no earlier rule did, from `objects` as the live state: LIST by kind, namespace and selectors, GET by
 * name, a dry run as `dryRunOf` the live object, an apply with the object itself, a delete with 'deleted'.
 */
export function serve(fake: FakeKube, objects: readonly KubernetesObject[]): FakeKube {
  const state = [...objects];
  const same = (c: KubeCall, o: KubernetesObject) => o.kind === c.kind && (!c.namespace || o.metadata.namespace === c.namespace);
  const found = (c: KubeCall) => state.find((o) => same(c, o) && o.metadata.name === c.name);
  return fake
    .on(call('list'), (c: KubeCall) =>
      listOf(
        state.filter((o) => same(c, o) && labelsMatch(c.options?.labelSelector, o.metadata.labels) && nameMatches(c.options?.fieldSelector, o.metadata.name)),
      ),
    )
    .on(call('get'), (c: KubeCall) => found(c))
    .on(call('apply'), (c: KubeCall) => {
      const object = c.body as KubernetesObject;
      if (c.options?.dryRun) return dryRunOf(object, found(c));
      const created = { ...structuredClone(object), metadata: { ...structuredClone(object.metadata), uid: `uid-new-${object.metadata.name}` } };
      if (!found(c)) state.push(created);
      return created;
    })
    .on(call('delete'), (c: KubeCall) => {
      const index = state.findIndex((o) => same(c, o) && o.metadata.name === c.name);
      if (index === -1) return 'not-found';
      state.splice(index, 1);
      return 'deleted';
    });
}

/** The kinds and names of the objects a verb was called with, in call order: ['StatefulSet/web', …]. */
export function namesOf(fake: FakeKube, verb: Verb, dryRun?: boolean): string[] {
  return fake
    .of(verb)
    .filter((c) => dryRun === undefined || !!c.options?.dryRun === dryRun)
    .map((c) => `${c.kind}/${c.name}`);
}

/** Every call that changes the cluster (a real apply, a delete, create, replace, patch). */
export function mutations(fake: FakeKube): KubeCall[] {
  return fake.calls.filter((c) => ['create', 'replace', 'patch', 'delete'].includes(c.verb) || (c.verb === 'apply' && !c.options?.dryRun));
}

/** A rule answer that counts how many calls are in flight at once (each waits a tick before answering). */
export function inFlight(answer: (c: KubeCall) => unknown): { answer: (c: KubeCall) => Promise<unknown>; max: () => number } {
  let current = 0;
  let max = 0;
  return {
    answer: async (c) => {
      current++;
      max = Math.max(max, current);
      await new Promise((resolve) => setTimeout(resolve, 1));
      current--;
      return answer(c);
    },
    max: () => max,
  };
}

export const isApply = (dryRun: boolean) => (c: KubeCall) => c.verb === 'apply' && !!c.options?.dryRun === dryRun;
export function named(verb: Verb, kind: string, name: string, dryRun?: boolean): (c: KubeCall) => boolean {
  return (c) => c.verb === verb && c.kind === kind && c.name === name && (dryRun === undefined || !!c.options?.dryRun === dryRun);
}
