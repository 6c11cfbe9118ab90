import type { ExecResult } from '../exec.js';
import type { Clock, Logger } from '../log.js';
import type { Kubectl } from './kubectl.js';
import { classifyUnreachable, ClusterUnreachableError } from './unreachable.js';

export interface ProbeOptions {
  /** What is not done when the server cannot be reached, e.g. "nothing was applied". */
  notDone: string;
  /** The server the checked kubeconfig names; preferred over what kubectl prints (it names the full URL). */
  server?: string;
  clock: Pick<Clock, 'sleep'>;
  /** Where retries are reported (info: a retry is progress, not a second annotation). */
  logger?: Pick<Logger, 'info'>;
  attempts?: number;
}

/**
 * The first call to a cluster: `kubectl version`. A server that cannot be reached throws ClusterUnreachableError —
 * one sentence, before anything else is tried. A refused connection or a timeout is tried `attempts` times (3: an
 * API server restart); DNS and TLS failures are not retried. Any other answer is returned for the caller to judge.
 */
export async function probeCluster(kubectl: Kubectl, options: ProbeOptions): Promise<ExecResult> {
  const attempts = options.attempts ?? 3;
  let delay = 1000;
  for (let attempt = 1; ; attempt++) {
    const answer = await kubectl.version();
    if (answer.exitCode === 0) return answer;
    const unreachable = classifyUnreachable(answer.stderr);
    if (!unreachable) return answer;
    if (options.server) unreachable.server = options.server;
    if (attempt < attempts && (unreachable.cause === 'refused' || unreachable.cause === 'timeout')) {
      options.logger?.info(`${unreachable.detail} (attempt ${attempt} of ${attempts}; retrying in ${delay / 1000} s)`);
      await options.clock.sleep(delay);
      delay *= 2;
      continue;
    }
    throw new ClusterUnreachableError(unreachable, options.notDone);
  }
}
