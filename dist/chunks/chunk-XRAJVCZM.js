import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  formatTimeUntil,
  verdictOf
} from "./chunk-MSFEY7FV.js";
import {
  plainStyle,
  textTable
} from "./chunk-OORLVQZO.js";
import {
  code,
  inlineText,
  markdown,
  markdownTable
} from "./chunk-3F3HULD2.js";

// src/gate/report.ts
var VERDICT_MARK = { allow: "\u2705 allow", block: "\u26D4 block", override: "\u26A0\uFE0F override", info: "\u2139\uFE0F info" };
function decisionMarkdown(decision, context) {
  let lines = [], headline = context.deploy ?? decision.allowed ? "\u2705 deploy" : "\u26D4 blocked";
  lines.push(`## Deploy gate: ${inlineText(decision.environment)} \u2014 ${headline}`, ""), lines.push(
    `Trigger **${decision.trigger}**${context.triggerSource ? ` (${inlineText(context.triggerSource)})` : ""} \xB7 evaluated at ${context.at.toISOString()} \xB7 rollout timeout ${decision.rolloutTimeoutSeconds} s`,
    ""
  );
  let rules = decision.reasons.map((reason) => [code(reason.code), VERDICT_MARK[verdictOf(reason.code)], reason.message]);
  if (context.approval) {
    let mark = context.approval.confirmed ? "\u2705 allow" : context.approval.passes ? "\u26A0\uFE0F warn" : "\u26D4 block";
    rules.push([code(context.approval.code), mark, context.approval.message]);
  } else decision.requiresApproval && rules.push([code("APPROVAL_NOT_CHECKED"), "\u2139\uFE0F info", "The GitHub environment was not checked because the deployment is blocked."]);
  if (lines.push(markdownTable(["Rule", "Verdict", "Detail"], rules), ""), decision.services.length > 0) {
    let rows = decision.services.map((service) => [
      service.name,
      service.allowed ? "\u2705 yes" : "\u26D4 no",
      markdown(service.reasons.map((r) => `${VERDICT_MARK[verdictOf(r.code)].split(" ")[0]} \`${r.code}\``).join(" "))
    ]);
    lines.push("### Services", "", markdownTable(["Service", "Deploys", "Reasons"], rows), "");
  }
  return decision.emergencyOverride && lines.push(
    `> [!WARNING]
> **Emergency override** of ${decision.emergencyOverride.overrides.join(", ")} by a manual deployment. Reason: ${inlineText(decision.emergencyOverride.reason)}`,
    ""
  ), decision.window.open || lines.push(
    decision.window.nextOpen ? `**Next window opens** ${decision.window.nextOpen} (${formatTimeUntil(Date.parse(decision.window.nextOpen) - context.at.getTime())}).` : "**No window opens** within the next 3 years.",
    ""
  ), lines.join(`
`);
}
function decisionText(decision, at, style = plainStyle) {
  let verdictColour = { allow: style.green, block: style.red, override: style.yellow, info: (text) => text }, lines = [
    `${decision.environment}: ${decision.allowed ? style.green("DEPLOY") : style.red("BLOCKED")} (trigger ${decision.trigger}, at ${at.toISOString()}, rollout timeout ${decision.rolloutTimeoutSeconds} s)`,
    "",
    textTable([["RULE", "VERDICT", "DETAIL"], ...decision.reasons.map((r) => [r.code, verdictColour[verdictOf(r.code)](verdictOf(r.code)), r.message])], {
      style
    })
  ];
  return decision.services.length > 0 && lines.push(
    "",
    textTable(
      [
        ["SERVICE", "DEPLOYS", "REASONS"],
        ...decision.services.map((s) => [s.name, s.allowed ? "yes" : style.red("no"), s.reasons.map((r) => r.code).join(", ")])
      ],
      { style }
    )
  ), decision.emergencyOverride && lines.push("", `Emergency override of ${decision.emergencyOverride.overrides.join(", ")}: ${decision.emergencyOverride.reason}`), decision.window.open || lines.push(
    "",
    decision.window.nextOpen ? `Next window opens ${decision.window.nextOpen} (${formatTimeUntil(Date.parse(decision.window.nextOpen) - at.getTime())}).` : "No window opens within the next 3 years."
  ), decision.requiresApproval && lines.push(
    "",
    `Approval: required, enforced by the GitHub environment "${decision.environment}" (required reviewers); this CLI does not call the GitHub API.`
  ), lines.join(`
`);
}

export {
  decisionMarkdown,
  decisionText
};
