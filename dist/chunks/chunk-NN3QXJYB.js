import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);

// src/gate/approval.ts
function statusOf(error) {
  let status = error?.status;
  return typeof status == "number" ? status : void 0;
}
function howToConfigure(request) {
  let { owner, repo, environment } = request;
  return `Configure it: https://github.com/${owner}/${repo}/settings/environments \u2192 "${environment}" (create it if missing) \u2192 Deployment protection rules \u2192 tick "Required reviewers", add at least one person or team \u2192 Save protection rules; and run the deploy job with \`environment: ${environment}\`.`;
}
var OPT_OUT = (environment) => `If this repository's plan has no required reviewers (private repositories on GitHub Free/Pro/Team), set environments.${environment}.approval_check: warn to downgrade this to a warning, or set require_manual_approval: false.`;
async function checkEnvironmentApproval(getEnvironment, request) {
  let { owner, repo, environment, mode } = request, result = (code, message) => ({
    confirmed: !1,
    passes: mode === "warn",
    code,
    message: `${message} ${mode === "warn" ? `Continuing because environments.${environment}.approval_check is "warn".` : OPT_OUT(environment)}`,
    reviewers: []
  }), data;
  try {
    ({ data } = await getEnvironment({ owner, repo, environment_name: environment }));
  } catch (error) {
    let status = statusOf(error);
    if (status === 404)
      return result(
        "APPROVAL_ENVIRONMENT_MISSING",
        `deploy-control requires manual approval for "${environment}", but the GitHub environment "${environment}" does not exist in ${owner}/${repo} (or the token cannot see it). ${howToConfigure(request)}`
      );
    if (status === 401 || status === 403)
      return result(
        "APPROVAL_UNREADABLE",
        `deploy-control requires manual approval for "${environment}", but the token cannot read the GitHub environment (HTTP ${status}), so its required reviewers cannot be confirmed. Give the job \`permissions: actions: read\` (the GITHUB_TOKEN), or pass a token with "Actions: read" on ${owner}/${repo} as the \`token\` input.`
      );
    let detail = error instanceof Error ? error.message : String(error);
    return result(
      "APPROVAL_UNREADABLE",
      `deploy-control requires manual approval for "${environment}", but reading the GitHub environment failed${status ? ` (HTTP ${status})` : ""}: ${detail}.`
    );
  }
  let rules = Array.isArray(data?.protection_rules) ? data.protection_rules : [], reviewerRule = rules.find((rule) => rule?.type === "required_reviewers"), reviewers = (reviewerRule?.reviewers ?? []).map((entry) => entry?.reviewer?.login ?? entry?.reviewer?.slug ?? entry?.reviewer?.name ?? "?");
  if (!reviewerRule || reviewers.length === 0)
    return result(
      "APPROVAL_NO_REVIEWERS",
      `deploy-control requires manual approval for "${environment}", but the GitHub environment "${environment}" has no required reviewers (protection rules: ${rules.map((r) => r?.type).join(", ") || "none"}). ${howToConfigure(request)}`
    );
  let bypass = data.can_admins_bypass ? ' Note: administrators can bypass it (untick "Allow administrators to bypass" to prevent that).' : "";
  return {
    confirmed: !0,
    passes: !0,
    code: "APPROVAL_CONFIGURED",
    message: `GitHub environment "${environment}" requires a review by ${reviewers.join(", ")}.${bypass}`,
    reviewers
  };
}
function approvalFinding(control, decision, approval) {
  let environment = control.config.environments[decision.environment], path = environment?.require_manual_approval ? ["environments", decision.environment, "require_manual_approval"] : [
    "environments",
    decision.environment,
    "services",
    decision.services.find((s) => s.allowed && environment?.services?.[s.name]?.require_approval)?.name ?? "",
    "require_approval"
  ];
  return {
    severity: approval.passes ? "warning" : "error",
    code: approval.code,
    message: approval.message,
    key: path.join("."),
    location: control.document.locate(path)
  };
}

export {
  checkEnvironmentApproval,
  approvalFinding
};
