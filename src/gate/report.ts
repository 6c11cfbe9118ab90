import { plainStyle, textTable, type Style } from '../report/text.js';
import type { ApprovalResult } from './approval.js';
import { verdictOf, type Decision, type Verdict } from './decide.js';
import { formatTimeUntil } from './windows.js';
import { code, inlineText as cell, markdown, markdownTable, type Cell } from '../report/markdown.js';

const VERDICT_MARK: Record<Verdict, string> = { allow: '✅ allow', block: '⛔ block', override: '⚠️ override', info: 'ℹ️ info' };

export interface SummaryContext {
  /** When the decision was made. */
  at: Date;
  /** Where the trigger came from, e.g. "GITHUB_EVENT_NAME=push" or "input trigger". */
  triggerSource?: string;
  /** The GitHub environment check, when it ran. */
  approval?: ApprovalResult | null;
  /** The final answer when a check after the decision (approval) turned it down. */
  deploy?: boolean;
}

/** The job summary: the decision, every rule with its verdict, the services, the override and the next window. */
export function decisionMarkdown(decision: Decision, context: SummaryContext): string {
  const lines: string[] = [];
  const headline = (context.deploy ?? decision.allowed) ? '✅ deploy' : '⛔ blocked';
  lines.push(`## Deploy gate: ${cell(decision.environment)} — ${headline}`, '');
  lines.push(
    `Trigger **${decision.trigger}**${context.triggerSource ? ` (${cell(context.triggerSource)})` : ''} · evaluated at ${context.at.toISOString()} · ` +
      `rollout timeout ${decision.rolloutTimeoutSeconds} s`,
    '',
  );
  const rules: Cell[][] = decision.reasons.map((reason) => [code(reason.code), VERDICT_MARK[verdictOf(reason.code)], reason.message]);
  if (context.approval) {
    const mark = context.approval.confirmed ? '✅ allow' : context.approval.passes ? '⚠️ warn' : '⛔ block';
    rules.push([code(context.approval.code), mark, context.approval.message]);
  } else if (decision.requiresApproval) {
    rules.push([code('APPROVAL_NOT_CHECKED'), 'ℹ️ info', 'The GitHub environment was not checked because the deployment is blocked.']);
  }
  lines.push(markdownTable(['Rule', 'Verdict', 'Detail'], rules), '');
  if (decision.services.length > 0) {
    const rows = decision.services.map((service) => [
      service.name,
      service.allowed ? '✅ yes' : '⛔ no',
      markdown(service.reasons.map((r) => `${VERDICT_MARK[verdictOf(r.code)].split(' ')[0]} \`${r.code}\``).join(' ')),
    ]);
    lines.push('### Services', '', markdownTable(['Service', 'Deploys', 'Reasons'], rows), '');
  }
  if (decision.emergencyOverride) {
    lines.push(
      `> [!WARNING]\n> **Emergency override** of ${decision.emergencyOverride.overrides.join(', ')} by a manual deployment. ` +
        `Reason: ${cell(decision.emergencyOverride.reason)}`,
      '',
    );
  }
  if (!decision.window.open) {
    lines.push(
      decision.window.nextOpen
        ? `**Next window opens** ${decision.window.nextOpen} (${formatTimeUntil(Date.parse(decision.window.nextOpen) - context.at.getTime())}).`
        : '**No window opens** within the next 3 years.',
      '',
    );
  }
  return lines.join('\n');
}

/** The CLI's human output for one decision. */
export function decisionText(decision: Decision, at: Date, style: Style = plainStyle): string {
  const verdictColour: Record<Verdict, (text: string) => string> = { allow: style.green, block: style.red, override: style.yellow, info: (text) => text };
  const lines = [
    `${decision.environment}: ${decision.allowed ? style.green('DEPLOY') : style.red('BLOCKED')} (trigger ${decision.trigger}, at ${at.toISOString()}, rollout timeout ${decision.rolloutTimeoutSeconds} s)`,
    '',
    textTable([['RULE', 'VERDICT', 'DETAIL'], ...decision.reasons.map((r) => [r.code, verdictColour[verdictOf(r.code)](verdictOf(r.code)), r.message])], {
      style,
    }),
  ];
  if (decision.services.length > 0) {
    lines.push(
      '',
      textTable(
        [
          ['SERVICE', 'DEPLOYS', 'REASONS'],
          ...decision.services.map((s) => [s.name, s.allowed ? 'yes' : style.red('no'), s.reasons.map((r) => r.code).join(', ')]),
        ],
        { style },
      ),
    );
  }
  if (decision.emergencyOverride)
    lines.push('', `Emergency override of ${decision.emergencyOverride.overrides.join(', ')}: ${decision.emergencyOverride.reason}`);
  if (!decision.window.open) {
    lines.push(
      '',
      decision.window.nextOpen
        ? `Next window opens ${decision.window.nextOpen} (${formatTimeUntil(Date.parse(decision.window.nextOpen) - at.getTime())}).`
        : 'No window opens within the next 3 years.',
    );
  }
  if (decision.requiresApproval) {
    lines.push(
      '',
      `Approval: required, enforced by the GitHub environment "${decision.environment}" (required reviewers); this CLI does not call the GitHub API.`,
    );
  }
  return lines.join('\n');
}
