import type { SourceLocation } from '../errors.js';
import { POD_SPEC_PATH } from '../manifests/images.js';
import type { KubernetesObject } from '../manifests/resource.js';
import { isRecord } from '../json.js';

export type ContainerField = 'containers' | 'initContainers' | 'ephemeralContainers';
const CONTAINER_FIELDS: readonly ContainerField[] = ['initContainers', 'containers', 'ephemeralContainers'];

export interface WorkloadId {
  kind: string;
  name: string;
  namespace?: string;
}

/** One container's image in the rendered manifests, with what the kubelet will pull it with. */
export interface ImageUse {
  image: string;
  workload: WorkloadId;
  container: string;
  field: ContainerField;
  /** Path of the `image` key inside the rendered object, for rewriting it (pin_digests). */
  path: (string | number)[];
  /** imagePullSecrets of the pod spec, by name. */
  pullSecrets: string[];
  /** The pod's ServiceAccount (default `default`), whose imagePullSecrets the kubelet also uses. */
  serviceAccount: string;
  /** The manifest line that sets the image, when it is found among the overlay's files. */
  location?: SourceLocation;
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  let node = value;
  for (const segment of path) {
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** Every image of every container, init container and ephemeral container of the pod specs in `objects`. */
export function collectImages(objects: readonly KubernetesObject[]): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const object of objects) {
    const specPath = POD_SPEC_PATH[object.kind];
    if (!specPath) continue;
    const spec = at(object, specPath);
    if (!isRecord(spec)) continue;
    const pullSecrets = Array.isArray(spec.imagePullSecrets)
      ? spec.imagePullSecrets.map((s) => (isRecord(s) && typeof s.name === 'string' ? s.name : '')).filter(Boolean)
      : [];
    const serviceAccount =
      typeof spec.serviceAccountName === 'string' && spec.serviceAccountName
        ? spec.serviceAccountName
        : typeof spec.serviceAccount === 'string' && spec.serviceAccount
          ? spec.serviceAccount
          : 'default';
    const workload: WorkloadId = {
      kind: object.kind,
      name: object.metadata.name,
      ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    };
    for (const field of CONTAINER_FIELDS) {
      const containers = spec[field];
      if (!Array.isArray(containers)) continue;
      containers.forEach((container, index) => {
        if (!isRecord(container) || typeof container.image !== 'string' || container.image === '') return;
        uses.push({
          image: container.image,
          workload,
          container: typeof container.name === 'string' ? container.name : `#${index}`,
          field,
          path: [...specPath, field, index, 'image'],
          pullSecrets,
          serviceAccount,
        });
      });
    }
  }
  return uses;
}

/** A copy of `objects` with each use's image replaced by `replacement(use)` where it returns a value. */
export function rewriteImages(
  objects: readonly KubernetesObject[],
  uses: readonly ImageUse[],
  replacement: (use: ImageUse) => string | undefined,
): KubernetesObject[] {
  const byObject = new Map<string, ImageUse[]>();
  const key = (w: WorkloadId) => `${w.kind}/${w.namespace ?? ''}/${w.name}`;
  for (const use of uses) byObject.set(key(use.workload), [...(byObject.get(key(use.workload)) ?? []), use]);
  return objects.map((object) => {
    const mine = byObject.get(
      key({ kind: object.kind, name: object.metadata.name, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) }),
    );
    if (!mine) return object;
    const copy = structuredClone(object);
    for (const use of mine) {
      const image = replacement(use);
      if (image === undefined) continue;
      const container = at(copy, use.path.slice(0, -1));
      if (isRecord(container) && container.image === use.image) container.image = image;
    }
    return copy;
  });
}
