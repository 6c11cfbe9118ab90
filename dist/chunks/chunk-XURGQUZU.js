import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);

// src/k8s/selector.ts
function selectorMatches(selector, labels) {
  if (!selector) return !1;
  let have = labels ?? {}, matchLabels = Object.entries(selector.matchLabels ?? {}), expressions = selector.matchExpressions ?? [];
  if (matchLabels.length === 0 && expressions.length === 0) return !1;
  for (let [key, value] of matchLabels) if (have[key] !== value) return !1;
  for (let expression of expressions) {
    let value = have[expression.key], values = expression.values ?? [];
    switch (expression.operator) {
      case "In":
        if (value === void 0 || !values.includes(value)) return !1;
        break;
      case "NotIn":
        if (value !== void 0 && values.includes(value)) return !1;
        break;
      case "Exists":
        if (value === void 0) return !1;
        break;
      case "DoesNotExist":
        if (value !== void 0) return !1;
        break;
      default:
        return !1;
    }
  }
  return !0;
}
function selectorArgument(selector) {
  let parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (let expression of selector.matchExpressions ?? []) {
    let values = (expression.values ?? []).join(",");
    expression.operator === "In" ? parts.push(`${expression.key} in (${values})`) : expression.operator === "NotIn" ? parts.push(`${expression.key} notin (${values})`) : expression.operator === "Exists" ? parts.push(expression.key) : expression.operator === "DoesNotExist" && parts.push(`!${expression.key}`);
  }
  return parts.join(",");
}
function parseSelector(text) {
  let matchLabels = {}, matchExpressions = [];
  for (let term of selectorTerms(text)) {
    let set = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(term), notEqual = /^([^\s!=(),]+)\s*!=\s*([^\s!=(),]*)$/.exec(term), equal = /^([^\s!=(),]+)\s*==?\s*([^\s!=(),]*)$/.exec(term), exists = /^(!?)\s*([^\s!=(),]+)$/.exec(term);
    if (set) {
      let values = set[3].split(",").map((value) => value.trim());
      matchExpressions.push({ key: set[1], operator: set[2] === "in" ? "In" : "NotIn", values });
    } else if (notEqual) matchExpressions.push({ key: notEqual[1], operator: "NotIn", values: [notEqual[2]] });
    else if (equal && !(equal[1] in matchLabels)) matchLabels[equal[1]] = equal[2];
    else if (equal) matchExpressions.push({ key: equal[1], operator: "In", values: [equal[2]] });
    else if (exists) matchExpressions.push({ key: exists[2], operator: exists[1] ? "DoesNotExist" : "Exists" });
    else throw new Error(`label selector "${text}": cannot read "${term}"`);
  }
  return { ...Object.keys(matchLabels).length ? { matchLabels } : {}, ...matchExpressions.length ? { matchExpressions } : {} };
}
function selectorTerms(text) {
  let terms = [], depth = 0, start = 0;
  for (let index = 0; index <= text.length; index++) {
    let char = text[index];
    char === "(" ? depth++ : char === ")" ? depth-- : (index === text.length || char === "," && depth === 0) && (terms.push(text.slice(start, index).trim()), start = index + 1);
  }
  return terms;
}
function selectorOf(object) {
  let selector = object?.spec?.selector;
  return selector && typeof selector == "object" ? selector : void 0;
}

export {
  selectorMatches,
  selectorArgument,
  parseSelector,
  selectorOf
};
