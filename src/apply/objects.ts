import { groupOfApiVersion } from '../k8s/client.js';
export { selectorArgument, selectorMatches, selectorOf, type LabelSelector } from '../k8s/selector.js';
import { isDeepStrictEqual } from 'node:util';
import { resourceKey, type KubernetesObject, type ResourceId } from '../manifests/resource.js';

export function keyOf(object: KubernetesObject): string {
  return resourceKey({ kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name });
}

export function describe(id: ResourceId): string {
  return `${id.kind}/${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}

/** Finds the returned object (dry run, live) for a desired one; objects without namespace match any namespace. */
export function sameObject(candidate: KubernetesObject, desired: KubernetesObject): boolean {
  if (candidate.kind !== desired.kind || candidate.metadata?.name !== desired.metadata.name) return false;
  if (groupOfApiVersion(candidate.apiVersion ?? '') !== groupOfApiVersion(desired.apiVersion)) return false;
  return !desired.metadata.namespace || !candidate.metadata.namespace || candidate.metadata.namespace === desired.metadata.namespace;
}

/**
 * Drift between the live object and the server's dry-run result, as Flux's ssa.ResourceManager does it: labels,
 * annotations, and everything outside metadata and status. Equal means the apply would change nothing.
 */
export function hasDrifted(live: KubernetesObject, dryRun: KubernetesObject): boolean {
  if (!isDeepStrictEqual(live.metadata.labels ?? {}, dryRun.metadata.labels ?? {})) return true;
  if (!isDeepStrictEqual(live.metadata.annotations ?? {}, dryRun.metadata.annotations ?? {})) return true;
  const strip = (object: KubernetesObject) => {
    const { metadata: _metadata, status: _status, ...rest } = object;
    return rest;
  };
  return !isDeepStrictEqual(strip(live), strip(dryRun));
}

/**
 * Whether `kubectl apply` (client-side) last wrote this object: it carries the last-applied annotation. Such an object
 * counts as changed: its apply first takes over the client-side field ownership (csa-upgrade.ts, as `kubectl apply
 * --server-side` does), and that apply drops the annotation, so the next deploy sees it unchanged.
 */
export function appliedClientSide(live: KubernetesObject): boolean {
  return Object.hasOwn(live.metadata.annotations ?? {}, 'kubectl.kubernetes.io/last-applied-configuration');
}

export interface FieldDifference {
  path: string;
  desired: unknown;
  live: unknown;
}

/** Scalars compare as text, as the manifest and the server may spell them ("80" and 80); anything else as JSON. */
function comparable(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
    ? String(value)
    : JSON.stringify(value);
}

/**
 * Where the desired object differs from the live one, looking only at what the desired object sets (the server
 * fills in defaults the manifest never mentions). Used to say which field an immutable error is about.
 */
export function differences(desired: unknown, live: unknown, path = ''): FieldDifference[] {
  if (Array.isArray(desired)) {
    if (!Array.isArray(live)) return [{ path, desired, live }];
    const found: FieldDifference[] = [];
    for (const [index, item] of desired.entries()) found.push(...differences(item, live[index], `${path}[${index}]`));
    return found;
  }
  if (desired && typeof desired === 'object') {
    if (!live || typeof live !== 'object' || Array.isArray(live)) return [{ path, desired, live }];
    const found: FieldDifference[] = [];
    for (const [key, value] of Object.entries(desired as Record<string, unknown>)) {
      found.push(...differences(value, (live as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
    }
    return found;
  }
  if (desired === null || desired === undefined) return [];
  if (live === undefined || live === null || comparable(desired) !== comparable(live)) return [{ path, desired, live }];
  return [];
}

/** `spec.clusterIPs[0]` → ['spec', 'clusterIPs', 0]. */
export function parseFieldPath(field: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of field.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    if (match[1]) segments.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

export function valueAt(object: unknown, path: readonly (string | number)[]): unknown {
  let current = object;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

export function ownerUids(object: KubernetesObject): string[] {
  const owners = (object.metadata as { ownerReferences?: { uid?: string; controller?: boolean }[] }).ownerReferences ?? [];
  return owners.filter((owner) => owner.controller !== false).map((owner) => owner.uid ?? '');
}

export function uidOf(object: KubernetesObject | undefined): string | undefined {
  const uid = object?.metadata?.uid;
  return typeof uid === 'string' ? uid : undefined;
}
