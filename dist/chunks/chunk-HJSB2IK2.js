import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  ConfigurationError,
  EnvironmentError
} from "./chunk-LJ22TVXO.js";
import {
  error,
  getInput,
  notice,
  setFailed,
  warning
} from "./chunk-ZJACZSGB.js";

// src/github/action.ts
function annotate(findings) {
  for (let finding of findings) {
    let properties = { title: `k8sapp: ${finding.code}` };
    finding.location && (properties.file = finding.location.file, finding.location.line !== void 0 && (properties.startLine = finding.location.line), finding.location.column !== void 0 && (properties.startColumn = finding.location.column));
    let text = finding.key && !finding.message.startsWith(finding.key) ? `${finding.key}: ${finding.message}` : finding.message;
    finding.severity === "error" ? error(text, properties) : finding.severity === "warning" ? warning(text, properties) : notice(text, properties);
  }
}
async function runAction(body) {
  try {
    await body();
  } catch (error2) {
    if (error2 instanceof ConfigurationError) {
      annotate(error2.findings);
      let first = error2.message.split(`
`)[0] ?? error2.message;
      setFailed(error2.findings.length ? `${first} (${error2.findings.length} problem(s), see annotations)` : first);
      return;
    }
    if (error2 instanceof EnvironmentError) {
      setFailed(error2.message);
      return;
    }
    let detail = error2 instanceof Error ? error2.stack ?? error2.message : String(error2);
    setFailed(`k8sapp failed unexpectedly; this is a bug, please report it:
${detail}`);
  }
}
function input(name) {
  let value = getInput(name);
  return value === "" ? void 0 : value;
}
function requiredInput(name) {
  let value = input(name);
  if (value === void 0) throw new ConfigurationError(`Input "${name}" is required but was empty.`);
  return value;
}
function booleanInput(name, fallback) {
  let value = input(name);
  if (value === void 0) return fallback;
  if (/^(true|yes|1|on)$/i.test(value)) return !0;
  if (/^(false|no|0|off)$/i.test(value)) return !1;
  throw new ConfigurationError(`Input "${name}" must be true or false, got "${value}".`);
}

export {
  annotate,
  runAction,
  input,
  requiredInput,
  booleanInput
};
