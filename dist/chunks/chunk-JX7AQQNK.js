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
function selectorOf(object) {
  let selector = object?.spec?.selector;
  return selector && typeof selector == "object" ? selector : void 0;
}

export {
  selectorMatches,
  selectorArgument,
  selectorOf
};
