import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  plainStyle,
  textTable
} from "./chunk-OORLVQZO.js";
import {
  code,
  markdownTable
} from "./chunk-3F3HULD2.js";
import {
  formatFinding,
  formatLocation
} from "./chunk-LJ22TVXO.js";

// src/validate/inputs.ts
import { isAbsolute, relative, resolve } from "node:path";
function parseSecretNames(text) {
  if (text === void 0 || text.trim() === "") return;
  let trimmed = text.trim();
  if (trimmed.startsWith("["))
    try {
      let parsed = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map(String).filter(Boolean);
    } catch {
    }
  return trimmed.split(/[\s,]+/).filter(Boolean);
}
function displayPath(path, cwd) {
  let absolute = resolve(cwd, path), rel = relative(cwd, absolute);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? absolute : rel;
}

// src/validate/report.ts
function kindsText(overlay) {
  return overlay.built ? Object.entries(overlay.kinds).map(([kind, count]) => `${kind} ${count}`).join(", ") || "(none)" : "build failed";
}
function placeholderGroups(report) {
  let groups = [];
  for (let overlay of report.overlays)
    for (let placeholder of overlay.placeholders) {
      let secret = `${placeholder.namespace}/${placeholder.secret}`, group = groups.find((g) => g.overlay === overlay.path && g.secret === secret);
      group || groups.push(group = { overlay: overlay.path, secret, keys: [] }), group.keys.push(placeholder.suppliedBy === !1 ? `${placeholder.key} (NOT SUPPLIED)` : placeholder.key);
    }
  return groups;
}
function placeholderHeading(report) {
  return report.overlays.flatMap((overlay) => overlay.placeholders).some((p) => p.suppliedBy === null) ? "Secret placeholders (the deploy replaces them from its secrets input):" : "Secret placeholders (checked against the given secret names):";
}
function verdict(report) {
  let { errors, warnings } = report.counts;
  return report.valid ? `valid: ${report.overlays.length} overlay(s) built and checked${warnings ? `, ${warnings} warning(s)` : ""}` : `invalid: ${errors} error(s)${warnings ? `, ${warnings} warning(s)` : ""}`;
}
function renderText(report, style = plainStyle) {
  let lines = [];
  lines.push(`deploy-control: ${report.controlFile}${report.environments.length ? ` (environments: ${report.environments.join(", ")})` : ""}`, ""), report.overlays.length && lines.push(
    textTable(
      [
        ["OVERLAY", "ENVIRONMENTS", "RESOURCES", "KINDS", "PLACEHOLDERS", "ERRORS"],
        ...report.overlays.map((overlay) => [
          overlay.path,
          overlay.environments.join(",") || "-",
          overlay.built ? String(overlay.resources.length) : "-",
          kindsText(overlay),
          String(overlay.placeholders.length),
          String(overlay.errors)
        ])
      ],
      { style }
    )
  );
  let groups = placeholderGroups(report);
  if (groups.length && (lines.push("", placeholderHeading(report)), lines.push(textTable([["OVERLAY", "SECRET", "KEYS"], ...groups.map((g) => [g.overlay, g.secret, g.keys.join(", ")])], { style, indent: "  " }))), report.clusterConfigs.length) {
    lines.push("", "Cluster configs:");
    for (let config of report.clusterConfigs) lines.push(`  ${config.path} (${config.environment}): ${config.errors ? `${config.errors} error(s)` : "ok"}`);
  }
  if (report.findings.length) {
    lines.push("", "Findings:");
    for (let finding of report.findings) lines.push(`  ${formatFinding(finding)}`);
  }
  return lines.push("", report.valid ? style.green(verdict(report)) : style.red(verdict(report))), lines.join(`
`);
}
function validationMarkdown(report) {
  let lines = [];
  if (lines.push(`## k8sapp validate: ${report.valid ? "\u2705" : "\u274C"} ${verdict(report)}`, ""), lines.push(`Control file: \`${report.controlFile}\`${report.environments.length ? ` \u2014 environments: ${report.environments.join(", ")}` : ""}`, ""), report.overlays.length) {
    let rows = report.overlays.map((overlay) => [
      code(overlay.path),
      overlay.environments.join(", ") || "-",
      overlay.built ? String(overlay.resources.length) : "-",
      kindsText(overlay),
      String(overlay.placeholders.length),
      String(overlay.errors)
    ]);
    lines.push(
      markdownTable(["Overlay", "Environments", "Resources", "Kinds", "Placeholders", "Errors"], rows, ["left", "left", "right", "left", "right", "right"]),
      ""
    );
  }
  let groups = placeholderGroups(report);
  if (groups.length) {
    let rows = groups.map((g) => [code(g.overlay), g.secret, g.keys.join(", ")]);
    lines.push("### Secret placeholders", "", placeholderHeading(report), "", markdownTable(["Overlay", "Secret", "Keys"], rows), "");
  }
  if (report.clusterConfigs.length) {
    let rows = report.clusterConfigs.map((config) => [code(config.path), config.environment, config.errors ? `${config.errors} error(s)` : "ok"]);
    lines.push("### Cluster configs", "", markdownTable(["File", "Environment", "Result"], rows), "");
  }
  if (report.findings.length) {
    let rows = report.findings.map((finding) => [finding.severity, formatLocation(finding.location) || "-", finding.message]);
    lines.push("### Findings", "", markdownTable(["Severity", "Where", "Problem"], rows), "");
  }
  return lines.join(`
`);
}

export {
  parseSecretNames,
  displayPath,
  renderText,
  validationMarkdown
};
