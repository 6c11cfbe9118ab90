/** Label selectors (matchLabels + matchExpressions), evaluated client-side on fetched objects. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Whether a label selector selects an object with these labels (an empty selector selects nothing here). */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length === 0 && expressions.length === 0) return false;
  for (const [key, value] of matchLabels) if (have[key] !== value) return false;
  for (const expression of expressions) {
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
  return true;
}

/** A selector as a `-l` argument (matchLabels and set-based expressions). */
export function selectorArgument(selector: LabelSelector): string {
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
 * A labelSelector string as the API server reads it (the inverse of selectorArgument): `a=b`, `a==b`, `a!=b`,
 * `a in (x,y)`, `a notin (x)`, `a`, `!a`, joined by commas. Throws on a term it cannot read, as the server refuses it.
 */
export function parseSelector(text: string): LabelSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<LabelSelector['matchExpressions']> = [];
  for (const term of selectorTerms(text)) {
    const set = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(term);
    const notEqual = /^([^\s!=(),]+)\s*!=\s*([^\s!=(),]*)$/.exec(term);
    const equal = /^([^\s!=(),]+)\s*==?\s*([^\s!=(),]*)$/.exec(term);
    const exists = /^(!?)\s*([^\s!=(),]+)$/.exec(term);
    if (set) {
      const values = set[3]!.split(',').map((value) => value.trim());
      matchExpressions.push({ key: set[1]!, operator: set[2] === 'in' ? 'In' : 'NotIn', values });
    } else if (notEqual) matchExpressions.push({ key: notEqual[1]!, operator: 'NotIn', values: [notEqual[2]!] });
    else if (equal && !(equal[1]! in matchLabels)) matchLabels[equal[1]!] = equal[2]!;
    else if (equal) matchExpressions.push({ key: equal[1]!, operator: 'In', values: [equal[2]!] });
    else if (exists) matchExpressions.push({ key: exists[2]!, operator: exists[1] ? 'DoesNotExist' : 'Exists' });
    else throw new Error(`label selector "${text}": cannot read "${term}"`);
  }
  return { ...(Object.keys(matchLabels).length ? { matchLabels } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}

/** The comma-separated terms of a selector string; the commas inside `in (…)` belong to their term. */
function selectorTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index <= text.length; index++) {
    const char = text[index];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (index === text.length || (char === ',' && depth === 0)) {
      terms.push(text.slice(start, index).trim());
      start = index + 1;
    }
  }
  return terms;
}

export function selectorOf(object: unknown): LabelSelector | undefined {
  const selector = (object as { spec?: { selector?: unknown } } | undefined)?.spec?.selector;
  return selector && typeof selector === 'object' ? selector : undefined;
}
