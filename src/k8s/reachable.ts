import type { KubeClient, ServerVersion } from './client.js';
import { ClusterUnreachableError } from './unreachable.js';

/**
 * The first call of a run: the server's version. An unreachable server (after the client's retries) becomes one
 * sentence naming the server, the cause and `notDone` — before migrations, records or applies are attempted.
 */
export async function ensureServerReachable(kube: KubeClient, notDone: string, server?: string): Promise<ServerVersion> {
  try {
    return await kube.version();
  } catch (error) {
    if (error instanceof ClusterUnreachableError) {
      throw new ClusterUnreachableError({ ...error.unreachable, ...(server ? { server } : {}) }, notDone);
    }
    throw error;
  }
}
