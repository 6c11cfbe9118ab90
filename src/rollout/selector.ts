/** Label selectors (matchLabels + matchExpressions), evaluated client-side on fetched pods. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export function selectorOf(object: unknown): LabelSelector | undefined {
  const spec = (object as { spec?: { selector?: unknown } } | undefined)?.spec;
  const selector = spec?.selector;
  return selector && typeof selector === 'object' ? (selector as LabelSelector) : undefined;
}

export function matchesSelector(labels: Record<string, string> | undefined, selector: LabelSelector): boolean {
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (have[key] !== value) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const value = have[expression.key];
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  // An empty selector selects nothing for workloads (the API rejects it anyway).
  return Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length > 0;
}

/** `key=value,…` for one selector, for `kubectl get -l`. */
export function selectorString(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector.matchExpressions ?? []) {
    const values = (expression.values ?? []).join(',');
    if (expression.operator === 'In') parts.push(`${expression.key} in (${values})`);
    else if (expression.operator === 'NotIn') parts.push(`${expression.key} notin (${values})`);
    else if (expression.operator === 'Exists') parts.push(expression.key);
    else if (expression.operator === 'DoesNotExist') parts.push(`!${expression.key}`);
  }
  return parts.join(',');
}

/**
 * One selector that covers several workloads' pods, so a single `kubectl get pods -l …` serves them all:
 * the selector itself for one workload, `key in (a,b,…)` when every workload selects by the same single label key,
 * otherwise undefined (fetch the namespace's pods and filter client-side).
 */
export function combinedSelector(selectors: readonly LabelSelector[]): string | undefined {
  if (selectors.length === 0) return undefined;
  if (selectors.length === 1) return selectorString(selectors[0] as LabelSelector) || undefined;
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
