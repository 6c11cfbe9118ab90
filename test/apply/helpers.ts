import { parseAllDocuments, stringify } from 'yaml';
import type { LoadedDeployControl, EnvironmentControl } from '../../src/config/deploy-control.js';
import type { Clock } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { parseYaml } from '../../src/yaml/located.js';
import { fixtureFile, type RecordedCall } from '../helpers/fake-kubectl.js';

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

export function list(items: readonly KubernetesObject[]): string {
  return JSON.stringify({ kind: 'List', apiVersion: 'v1', metadata: {}, items });
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

export function manifestObjects(call: RecordedCall | undefined): KubernetesObject[] {
  return parseAllDocuments(call?.input ?? '')
    .map((document) => document.toJS() as KubernetesObject)
    .filter(Boolean);
}

/** The names of the objects in a call's stdin manifest, e.g. ['StatefulSet/web']. */
export function manifestNames(call: RecordedCall | undefined): string[] {
  return parseAllDocuments(call?.input ?? '')
    .map((document) => document.toJS() as KubernetesObject)
    .filter(Boolean)
    .map((object) => `${object.kind}/${object.metadata.name}`);
}

export const isDryRun = (args: string[]) => args[0] === 'apply' && args.includes('--dry-run=server');
export const isRealApply = (args: string[]) => args[0] === 'apply' && !args.some((arg) => arg.startsWith('--dry-run'));
