import type { ApprovalCheck, LoadedDeployControl } from '../config/deploy-control.js';
import type { Finding } from '../errors.js';
import type { Decision } from './decide.js';

/** What GET /repos/{owner}/{repo}/environments/{name} returns that the check reads. */
export interface GitHubEnvironment {
  name?: string;
  can_admins_bypass?: boolean;
  protection_rules?: { type: string; reviewers?: { type?: string; reviewer?: { login?: string | null; slug?: string | null; name?: string | null } }[] }[];
}

/**
 * Reads one GitHub environment. Injected: the action passes octokit's `repos.getEnvironment`, tests a stub.
 * Failures reject with an error carrying the HTTP `status` (as octokit's RequestError does).
 */
export type GetEnvironment = (params: { owner: string; repo: string; environment_name: string }) => Promise<{ data: GitHubEnvironment }>;

export type ApprovalCode = 'APPROVAL_CONFIGURED' | 'APPROVAL_NO_REVIEWERS' | 'APPROVAL_ENVIRONMENT_MISSING' | 'APPROVAL_UNREADABLE';

export interface ApprovalResult {
  /** True when the GitHub environment has a required-reviewers rule with at least one reviewer. */
  confirmed: boolean;
  /** confirmed, or not confirmed but `approval_check: warn` downgrades it: the deployment may go on. */
  passes: boolean;
  code: ApprovalCode;
  message: string;
  /** Reviewer logins/teams when confirmed. */
  reviewers: string[];
}

export interface ApprovalRequest {
  owner: string;
  repo: string;
  environment: string;
  mode: ApprovalCheck;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function howToConfigure(request: ApprovalRequest): string {
  const { owner, repo, environment } = request;
  return (
    `Configure it: https://github.com/${owner}/${repo}/settings/environments → "${environment}" (create it if missing) → ` +
    `Deployment protection rules → tick "Required reviewers", add at least one person or team → Save protection rules; ` +
    `and run the deploy job with \`environment: ${environment}\`.`
  );
}

const OPT_OUT = (environment: string) =>
  `If this repository's plan has no required reviewers (private repositories on GitHub Free/Pro/Team), set ` +
  `environments.${environment}.approval_check: warn to downgrade this to a warning, or set require_manual_approval: false.`;

/**
 * Confirms that the GitHub environment enforces manual approval (a required_reviewers protection rule). Fails closed:
 * a missing environment, a missing rule, or a token that cannot read it all mean "not confirmed".
 */
export async function checkEnvironmentApproval(getEnvironment: GetEnvironment, request: ApprovalRequest): Promise<ApprovalResult> {
  const { owner, repo, environment, mode } = request;
  const result = (code: ApprovalCode, message: string): ApprovalResult => ({
    confirmed: false,
    passes: mode === 'warn',
    code,
    message: `${message} ${mode === 'warn' ? `Continuing because environments.${environment}.approval_check is "warn".` : OPT_OUT(environment)}`,
    reviewers: [],
  });
  let data: GitHubEnvironment;
  try {
    ({ data } = await getEnvironment({ owner, repo, environment_name: environment }));
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) {
      return result(
        'APPROVAL_ENVIRONMENT_MISSING',
        `deploy-control requires manual approval for "${environment}", but the GitHub environment "${environment}" does not exist in ${owner}/${repo} ` +
          `(or the token cannot see it). ${howToConfigure(request)}`,
      );
    }
    if (status === 401 || status === 403) {
      return result(
        'APPROVAL_UNREADABLE',
        `deploy-control requires manual approval for "${environment}", but the token cannot read the GitHub environment (HTTP ${status}), ` +
          `so its required reviewers cannot be confirmed. Give the job \`permissions: actions: read\` (the GITHUB_TOKEN), or pass a ` +
          `token with "Actions: read" on ${owner}/${repo} as the \`token\` input.`,
      );
    }
    const detail = error instanceof Error ? error.message : String(error);
    return result(
      'APPROVAL_UNREADABLE',
      `deploy-control requires manual approval for "${environment}", but reading the GitHub environment failed${status ? ` (HTTP ${status})` : ''}: ${detail}.`,
    );
  }
  const rules = Array.isArray(data?.protection_rules) ? data.protection_rules : [];
  const reviewerRule = rules.find((rule) => rule?.type === 'required_reviewers');
  const reviewers = (reviewerRule?.reviewers ?? []).map((entry) => entry?.reviewer?.login ?? entry?.reviewer?.slug ?? entry?.reviewer?.name ?? '?');
  if (!reviewerRule || reviewers.length === 0) {
    return result(
      'APPROVAL_NO_REVIEWERS',
      `deploy-control requires manual approval for "${environment}", but the GitHub environment "${environment}" has no required reviewers ` +
        `(protection rules: ${rules.map((r) => r?.type).join(', ') || 'none'}). ${howToConfigure(request)}`,
    );
  }
  const bypass = data.can_admins_bypass ? ' Note: administrators can bypass it (untick "Allow administrators to bypass" to prevent that).' : '';
  return {
    confirmed: true,
    passes: true,
    code: 'APPROVAL_CONFIGURED',
    message: `GitHub environment "${environment}" requires a review by ${reviewers.join(', ')}.${bypass}`,
    reviewers,
  };
}

/** Where the approval requirement is declared, so the annotation lands on that line. */
export function approvalFinding(control: LoadedDeployControl, decision: Decision, approval: ApprovalResult): Finding {
  const environment = control.config.environments[decision.environment];
  const path: (string | number)[] = environment?.require_manual_approval
    ? ['environments', decision.environment, 'require_manual_approval']
    : [
        'environments',
        decision.environment,
        'services',
        decision.services.find((s) => s.allowed && environment?.services?.[s.name]?.require_approval)?.name ?? '',
        'require_approval',
      ];
  return {
    severity: approval.passes ? 'warning' : 'error',
    code: approval.code,
    message: approval.message,
    key: path.join('.'),
    location: control.document.locate(path),
  };
}
