import type { Kubectl } from '../k8s/kubectl.js';
import type { PullSecretObject } from './credentials.js';
import type { PullSecretReader } from './preflight.js';

/**
 * Pull secrets and ServiceAccounts read with `kubectl get` (read-only: the preflight runs before any mutating call).
 * kubectl's output holds credentials; it is parsed here and never logged. A read the cluster refuses (RBAC) is a
 * problem of that secret, reported like a missing one.
 */
export function kubectlPullSecrets(kubectl: Kubectl): PullSecretReader {
  const read = async (resource: string, namespace: string | undefined): Promise<unknown> => {
    const result = await kubectl.get([resource], { ...(namespace ? { namespace } : {}), ignoreNotFound: true });
    if (result.exitCode !== 0) throw new Error(`kubectl get ${resource} failed: ${result.stderr.split('\n')[0] ?? ''}`.trim());
    return result.stdout.trim() ? JSON.parse(result.stdout) : undefined;
  };
  return {
    async secret(namespace, name) {
      return (await read(`secret/${name}`, namespace)) as PullSecretObject | undefined;
    },
    async serviceAccountPullSecrets(namespace, name) {
      const account = (await read(`serviceaccount/${name}`, namespace)) as { imagePullSecrets?: { name?: string }[] } | undefined;
      if (!account) return undefined;
      return (account.imagePullSecrets ?? []).map((s) => s.name ?? '').filter(Boolean);
    },
  };
}
