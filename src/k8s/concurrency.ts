/** How many API requests one stage keeps in flight: enough to hide round trips, few enough to spare the server. */
export const API_CONCURRENCY = 16;

/**
 * `fn` over `items` with at most `limit` calls in flight; results in the order of `items`. When a call throws, no
 * further call starts, the ones in flight are awaited, and the first error is thrown (callers that want every
 * outcome catch inside `fn` and return it as a value).
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`bug: mapLimit needs a positive limit, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}
