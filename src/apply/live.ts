import { API_CONCURRENCY, mapLimit } from '../k8s/concurrency.js';
import type { KindRef, ResourceInfo } from '../k8s/client.js';
import type { KubernetesObject } from '../manifests/resource.js';
import { summarize, type ApplyContext } from './context.js';
import { keyOf, sameObject } from './objects.js';

/** Where an object lives, as discovery says: cluster-scoped, in a namespace, or (unknown kind) nowhere to look. */
interface Place {
  kind: KindRef;
  /** Objects of this kind in this place. */
  objects: KubernetesObject[];
}

/**
 * The live state of `objects`: one LIST per kind and namespace (a field selector on the name when only one object of
 * the kind lives there), never a request per name. Kinds discovery does not serve are skipped (their dry run says
 * so), and so are namespaced objects without a namespace (the server places them; `liveIn` reads them later).
 */
export async function readLive(context: ApplyContext, objects: readonly KubernetesObject[]): Promise<Map<string, KubernetesObject>> {
  const places = new Map<string, Place>();
  const discovered = new Map<string, Promise<ResourceInfo | undefined>>();
  for (const object of objects) {
    const type = `${object.apiVersion}/${object.kind}`;
    if (!discovered.has(type)) {
      discovered.set(
        type,
        context.call(`discovering ${object.kind} in ${object.apiVersion}`, () => context.kube.resourceOf(object.apiVersion, object.kind)),
      );
    }
    const info = await discovered.get(type);
    if (!info) continue;
    const namespace = info.namespaced ? object.metadata.namespace : undefined;
    if (info.namespaced && !namespace) continue;
    const kind: KindRef = { apiVersion: object.apiVersion, kind: object.kind, ...(namespace ? { namespace } : {}) };
    const key = `${object.apiVersion}/${object.kind}/${namespace ?? ''}`;
    const place = places.get(key) ?? { kind, objects: [] };
    place.objects.push(object);
    places.set(key, place);
  }
  const live = new Map<string, KubernetesObject>();
  await mapLimit([...places.values()], API_CONCURRENCY, async ({ kind, objects: wanted }) => {
    const only = wanted.length === 1 ? wanted[0] : undefined;
    const options = only ? { fieldSelector: `metadata.name=${only.metadata.name}` } : {};
    const what = `reading the live state of ${summarize(wanted)}`;
    const { items } = await context.call(what, () => context.kube.list(kind, options));
    for (const object of wanted) {
      const found = items.find((item) => sameObject(item, object));
      if (found) live.set(keyOf(object), found);
    }
  });
  return live;
}

/**
 * Namespaced objects the manifest left without a namespace go where the kubeconfig's context points; the server's
 * dry-run answer says which namespace that is, and the live state is read there.
 */
export async function readLivePlaced(
  context: ApplyContext,
  unplaced: readonly KubernetesObject[],
  placed: (object: KubernetesObject) => string | undefined,
): Promise<Map<string, KubernetesObject>> {
  const located = unplaced.flatMap((object) => {
    const namespace = placed(object);
    return namespace ? [{ original: object, located: { ...object, metadata: { ...object.metadata, namespace } } }] : [];
  });
  const found = await readLive(
    context,
    located.map((entry) => entry.located),
  );
  const live = new Map<string, KubernetesObject>();
  for (const entry of located) {
    const object = found.get(keyOf(entry.located));
    if (object) live.set(keyOf(entry.original), object);
  }
  return live;
}
