import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);

// src/errors.ts
var ConfigurationError = class _ConfigurationError extends Error {
  findings;
  constructor(message, findings = []) {
    super(message), this.name = "ConfigurationError", this.findings = findings;
  }
  static fromFindings(summary, findings) {
    let detail = findings.filter((f) => f.severity === "error").map(formatFinding).join(`
`);
    return new _ConfigurationError(detail ? `${summary}
${detail}` : summary, findings);
  }
}, EnvironmentError = class extends Error {
  constructor(message, kind) {
    super(message);
    this.kind = kind;
    this.name = "EnvironmentError";
  }
  kind;
};
function formatLocation(location) {
  if (!location) return "";
  let text = location.file;
  return location.line !== void 0 && (text += `:${location.line}`), location.line !== void 0 && location.column !== void 0 && (text += `:${location.column}`), text;
}
function formatFinding(finding) {
  let where = formatLocation(finding.location), key = finding.key && !finding.message.startsWith(finding.key) ? ` [${finding.key}]` : "";
  return `${where ? `${where}: ` : ""}${finding.severity}: ${finding.message}${key}`;
}
function hasErrors(findings) {
  return findings.some((f) => f.severity === "error");
}
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}
function firstLine(text) {
  return (text.trim().split(`
`)[0] ?? "").slice(0, 300);
}

export {
  ConfigurationError,
  EnvironmentError,
  formatLocation,
  formatFinding,
  hasErrors,
  errorMessage,
  firstLine
};
