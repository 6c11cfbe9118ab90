import { KubeApiError } from '../k8s/api-error.js';
import type { KubeClient } from '../k8s/client.js';
import type { PullSecretObject } from './credentials.js';
import type { PullSecretReader } from './preflight.js';

/**
 * Pull secrets and ServiceAccounts read through the API client (read-only: the preflight runs before any mutating
 * call). Only the Secrets the workloads name are read, each once (the preflight caches them): never every Secret of a
 * namespace. What the server answers holds credentials; it is parsed here and never logged. A read the server refuses
 * (RBAC) is a problem of that secret, reported like a missing one, with the server's reason.
 */
export function clusterPullSecrets(kube: KubeClient): PullSecretReader {
  const read = async (kind: 'Secret' | 'ServiceAccount', namespace: string | undefined, name: string): Promise<unknown> => {
    try {
      return await kube.get({ apiVersion: 'v1', kind, name, ...(namespace ? { namespace } : {}) });
    } catch (error) {
      const why = error instanceof KubeApiError ? `${error.reason}: ${error.message}` : error instanceof Error ? error.message : String(error);
      throw new Error(`reading ${kind} ${name} failed: ${why.split('\n')[0] ?? ''}`.trim(), { cause: error });
    }
  };
  return {
    async secret(namespace, name) {
      return (await read('Secret', namespace, name)) as PullSecretObject | undefined;
    },
    async serviceAccountPullSecrets(namespace, name) {
      const account = (await read('ServiceAccount', namespace, name)) as { imagePullSecrets?: { name?: string }[] } | undefined;
      if (!account) return undefined;
      return (account.imagePullSecrets ?? []).map((s) => s.name ?? '').filter(Boolean);
    },
  };
}
