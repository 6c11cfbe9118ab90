import { KubeApiError } from './api-error.js';
import { ClusterUnreachableError, type UnreachableCause } from './unreachable.js';

/**
 * The one retry policy of every API call. Retried, with exponential backoff and full jitter, within `attempts`:
 * a refused or reset connection and timeouts (an API server restarting), 429 (after its Retry-After), 5xx and the
 * server's own Timeout/ServerTimeout answers (an etcd leader change surfaces as a 500 or 504). Never retried: DNS and
 * TLS failures (a wrong address does not heal) and every other answer — 401/403/Invalid/Conflict/NotFound are
 * decisions, not weather.
 */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After beyond this is not waited for (the caller sees the 429). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 250, maxDelayMs: 4000, maxRetryAfterMs: 30_000 };

const RETRIED_CAUSES = new Set<UnreachableCause>(['refused', 'timeout', 'network']);

/** How long to wait before trying again, or undefined when this failure is final. */
export function retryDelay(error: unknown, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (attempt >= policy.attempts) return undefined;
  const backoff = () => Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
  if (error instanceof ClusterUnreachableError) return RETRIED_CAUSES.has(error.unreachable.cause) ? backoff() : undefined;
  if (!(error instanceof KubeApiError)) return undefined;
  if (error.code === 429 || error.reason === 'TooManyRequests') {
    const after = (error.retryAfterSeconds ?? 1) * 1000;
    return after > policy.maxRetryAfterMs ? undefined : Math.max(after, backoff());
  }
  if (error.code >= 500 || error.reason === 'ServerTimeout' || error.reason === 'Timeout') {
    return error.retryAfterSeconds !== undefined ? Math.min(error.retryAfterSeconds * 1000, policy.maxRetryAfterMs) : backoff();
  }
  return undefined;
}

export interface RetryHooks {
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told before each wait, e.g. to print "retrying in 0.5 s". */
  onRetry?: (error: Error, attempt: number, delayMs: number) => void;
}

export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const delay = retryDelay(error, attempt, policy, hooks.random);
      if (delay === undefined) throw error;
      hooks.onRetry?.(error as Error, attempt, delay);
      await hooks.sleep(delay);
    }
  }
}
