import type { KubernetesObject } from '../manifests/resource.js';
import { isRecord } from '../json.js';

/**
 * Taking over an object that was last applied client-side (`kubectl apply` without --server-side): what
 * `kubectl apply --server-side` does first (client-go util/csaupgrade, kubectl apply.go migrateToSSAIfNecessary).
 * The field ownership of every Update manager that owns the last-applied annotation moves into k8sapp's Apply entry,
 * so the next apply owns — and therefore drops — the annotation and the fields the manifest no longer has. Without
 * it the annotation and the old client-side fields stay forever and the object reads as changed on every deploy.
 */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  subresource?: string;
  fieldsV1?: Record<string, unknown>;
  [key: string]: unknown;
}

type FieldsTrie = Record<string, unknown>;

/** The JSON patch that moves client-side ownership to `ssaManager`, or undefined when there is nothing to move. */
export function csaUpgradePatch(live: KubernetesObject, ssaManager: string): unknown[] | undefined {
  if (!Object.hasOwn(live.metadata.annotations ?? {}, LAST_APPLIED)) return undefined;
  const entries = (live.metadata.managedFields as ManagedFieldsEntry[] | undefined) ?? [];
  const csaManagers = new Set(entries.filter((e) => e.operation === 'Update' && ownsLastApplied(e.fieldsV1)).map((e) => e.manager ?? ''));
  let upgraded = entries.map((e) => structuredClone(e));
  for (const csaManager of csaManagers) upgraded = upgradedManagedFields(upgraded, csaManager, ssaManager);
  if (JSON.stringify(upgraded) === JSON.stringify(entries)) return undefined;
  return [
    { op: 'replace', path: '/metadata/managedFields', value: upgraded },
    // `replace`, not `test`: a concurrent writer makes etcd answer 409 Conflict rather than the API server 422.
    { op: 'replace', path: '/metadata/resourceVersion', value: live.metadata.resourceVersion },
  ];
}

function ownsLastApplied(fields: FieldsTrie | undefined): boolean {
  const annotations = (fields?.['f:metadata'] as FieldsTrie | undefined)?.['f:annotations'] as FieldsTrie | undefined;
  return annotations !== undefined && Object.hasOwn(annotations, `f:${LAST_APPLIED}`);
}

const isMain = (e: ManagedFieldsEntry) => !e.subresource;

/** csaupgrade's upgradedManagedFields: the Apply entry gets the union, the client-side Update entries go. */
function upgradedManagedFields(entries: ManagedFieldsEntry[], csaManager: string, ssaManager: string): ManagedFieldsEntry[] {
  let target = entries.findIndex((e) => e.manager === ssaManager && e.operation === 'Apply' && isMain(e));
  if (target === -1) {
    target = entries.findIndex((e) => e.manager === csaManager && e.operation === 'Update' && isMain(e));
    if (target === -1) return entries;
    entries[target] = { ...entries[target], operation: 'Apply', manager: ssaManager };
  }
  const into = entries[target]!;
  const csa = entries.find((e) => e.manager === csaManager && e.operation === 'Update' && isMain(e) && e.apiVersion === into.apiVersion);
  if (csa) into.fieldsV1 = unionFields(into.fieldsV1 ?? {}, csa.fieldsV1 ?? {});
  return entries.filter((e) => !(e.manager === csaManager && e.operation === 'Update' && isMain(e)));
}

/** The union of two FieldsV1 tries (`f:`/`k:`/`v:`/`i:` keys, `.` for the node itself): a recursive merge. */
export function unionFields(a: FieldsTrie, b: FieldsTrie): FieldsTrie {
  const result: FieldsTrie = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = result[key];
    result[key] = isRecord(mine) && isRecord(value) ? unionFields(mine, value) : isRecord(mine) ? mine : value;
  }
  return result;
}
