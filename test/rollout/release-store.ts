import type { KubernetesObject } from '../../src/manifests/resource.js';
import { apiError, call, type FakeKube, type KubeCall } from '../helpers/fake-kube.js';

/**
 * The release ConfigMap as the API server keeps it, on a FakeKube: GET answers it (undefined while absent), POST
 * creates it (AlreadyExists when it exists), PUT replaces it only with the current metadata.resourceVersion (Conflict
 * otherwise, with the server's words), and each write bumps the resourceVersion.
 */
export function releaseStore(fake: FakeKube, options: { namespace?: string; environment?: string } = {}) {
  const namespace = options.namespace ?? 'default';
  const name = `k8sapp-releases-${options.environment ?? 'prod'}`;
  let stored: KubernetesObject | undefined;
  let version = 0;
  const conflict = () =>
    apiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on configmaps "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      [],
      { name, kind: 'configmaps' },
    );
  const keep = (object: KubernetesObject) => {
    version++;
    stored = { ...structuredClone(object), metadata: { ...object.metadata, resourceVersion: String(version), uid: 'release-store-uid' } };
    return stored;
  };
  const where = { kind: 'ConfigMap', name, namespace };
  const hooks: { afterRead?: () => Promise<void> | void } = {};
  // What the reader gets is the object as it was; `afterRead` lets "another run" write right after that read.
  fake.on(call('get', where), async () => {
    const current = structuredClone(stored);
    const after = hooks.afterRead;
    hooks.afterRead = undefined;
    await after?.();
    return current;
  });
  fake.on(call('create', where), (c: KubeCall) =>
    stored ? apiError(409, 'AlreadyExists', `configmaps "${name}" already exists`) : keep(c.body as KubernetesObject),
  );
  fake.on(call('replace', where), (c: KubeCall) => {
    const object = c.body as KubernetesObject;
    if (!stored) return apiError(404, 'NotFound', `configmaps "${name}" not found`);
    return object.metadata.resourceVersion === stored.metadata.resourceVersion ? keep(object) : conflict();
  });
  return {
    name,
    hooks,
    stored: () => stored as (KubernetesObject & { data: Record<string, string>; binaryData: Record<string, string> }) | undefined,
    /** Another writer's change (the resourceVersion moves on). */
    touch: () => {
      if (stored) keep(stored);
    },
  };
}
