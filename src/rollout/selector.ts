import { selectorArgument, type LabelSelector } from '../k8s/selector.js';

/**
 * One selector that covers several workloads' pods, so a single LIST (and watch) of pods serves them all:
 * the selector itself for one workload, `key in (a,b,…)` when every workload selects by the same single label key,
 * otherwise undefined (fetch the namespace's pods and filter client-side).
 */
export function combinedSelector(selectors: readonly LabelSelector[]): string | undefined {
  if (selectors.length === 0) return undefined;
  if (selectors.length === 1) return selectorArgument(selectors[0] as LabelSelector) || undefined;
  const keys = new Set<string>();
  const values = new Set<string>();
  for (const selector of selectors) {
    const labels = Object.entries(selector.matchLabels ?? {});
    if (labels.length !== 1 || (selector.matchExpressions ?? []).length > 0) return undefined;
    const [key, value] = labels[0] as [string, string];
    keys.add(key);
    values.add(value);
  }
  if (keys.size !== 1) return undefined;
  return `${[...keys][0]} in (${[...values].sort().join(',')})`;
}
