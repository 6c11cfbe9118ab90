import { join } from 'node:path';
import { loadDeployControl, controlFileIn } from '../../config/deploy-control.js';
import { ConfigurationError } from '../../errors.js';
import { parseTrigger } from '../../gate/inputs.js';
import { decide, verdictOf, type Decision, type Trigger } from '../../gate/decide.js';
import { decisionText, textTable } from '../../gate/report.js';
import { formatDuration } from '../../gate/windows.js';
import { EXIT_OK, stringValue, type Command } from '../command.js';

const OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** `--at` must name an instant: an ISO 8601 time with Z or an offset, so a decision is reproducible anywhere. */
export function parseAt(value: string | undefined, now: () => Date): Date {
  if (value === undefined) return now();
  const instant = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || !OFFSET.test(value) || Number.isNaN(instant)) {
    throw new ConfigurationError(`--at must be an ISO 8601 time with Z or an offset, e.g. 2026-12-24T10:00:00Z or 2026-12-24T11:00:00+01:00; got "${value}".`);
  }
  return new Date(instant);
}

function allTable(decisions: { auto: Decision; manual: Decision }[] | Decision[], at: Date, both: boolean): string {
  const rows = decisions.map((entry) => {
    const d = 'auto' in entry ? entry.auto : entry;
    const manual = 'manual' in entry ? entry.manual : undefined;
    const verdict = (decision: Decision) => (decision.allowed ? 'deploy' : `blocked (${decision.reasons.filter((r) => verdictOf(r.code) === 'block').map((r) => r.code).join(', ')})`);
    const window = d.window.open ? (d.reasons.some((r) => r.code === 'WINDOWS_DISABLED') ? 'no windows' : 'open') : 'closed';
    const next = d.window.nextOpen ? `${d.window.nextOpen} (${formatDuration(Date.parse(d.window.nextOpen) - at.getTime())})` : '-';
    const services = d.services.map((s) => `${s.name}${s.allowed ? '' : ' (no)'}`).join(', ') || '-';
    return [
      d.environment,
      ...(both && manual ? [verdict(d), verdict(manual)] : [verdict(d)]),
      window,
      next,
      d.requiresApproval ? 'required' : 'no',
      `${d.rolloutTimeoutSeconds} s`,
      services,
    ];
  });
  const header = ['ENVIRONMENT', ...(both ? ['PUSH (AUTO)', 'MANUAL'] : ['DECISION']), 'WINDOW', 'NEXT WINDOW', 'APPROVAL', 'TIMEOUT', 'SERVICES'];
  return textTable(header, rows);
}

export const gateCommand: Command = {
  name: 'gate',
  summary: 'Decide whether an environment may deploy now (or --at a time), rule by rule, from deploy-control.yaml.',
  usage:
    '(--env ENV [--service NAME]... | --all) [--trigger auto|manual] [--at ISO-TIME] [--emergency-reason TEXT]\n\n' +
    '  --env ENV                 environment under environments: in deploy-control.yaml\n' +
    '  --service NAME            limit to this service (repeatable); default every configured service\n' +
    '  --all                     decide for every environment (a table; with --json a list of decisions)\n' +
    '  --trigger auto|manual     auto = push/schedule, manual = workflow_dispatch (default auto; --all shows both)\n' +
    '  --at ISO-TIME             decide as of this instant, e.g. 2026-12-24T10:00:00Z (default now)\n' +
    '  --emergency-reason TEXT   manual deployments may override a closed window when the environment allows it\n\n' +
    'Exit 0 for any decision (allowed or blocked), 2 for an invalid control file or usage. Approval is enforced by the\n' +
    'GitHub environment (required reviewers); this command does not call the GitHub API.',
  options: {
    env: { type: 'string' },
    service: { type: 'string', multiple: true },
    all: { type: 'boolean', default: false },
    trigger: { type: 'string' },
    at: { type: 'string' },
    'emergency-reason': { type: 'string' },
  },
  async run(context) {
    const environment = stringValue(context.values, 'env');
    const all = context.values.all === true;
    if (context.positionals.length > 0) throw new ConfigurationError(`Unexpected argument(s): ${context.positionals.join(' ')}. Use --env ENV or --all.`);
    if (all === (environment !== undefined)) throw new ConfigurationError('Give exactly one of --env ENV or --all.');
    const services = ((context.values.service as string[] | undefined) ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
    if (all && services.length > 0) throw new ConfigurationError('--service applies to one environment; use it with --env, not --all.');
    const explicitTrigger = parseTrigger(stringValue(context.values, 'trigger'), '--trigger');
    const trigger: Trigger = explicitTrigger ?? 'auto';
    const at = parseAt(stringValue(context.values, 'at'), context.now);
    const emergencyReason = stringValue(context.values, 'emergency-reason');
    const control = await loadDeployControl(controlFileIn(context.root));
    const request = (env: string, t: Trigger) => ({ environment: env, services, trigger: t, ...(emergencyReason ? { emergencyReason } : {}) });

    if (!all) {
      const decision = decide(control.config, request(environment as string, trigger), at);
      context.out(context.json ? JSON.stringify(decision, null, 2) : decisionText(decision, at));
      return EXIT_OK;
    }
    const names = Object.keys(control.config.environments);
    if (context.json) {
      context.out(JSON.stringify(names.map((name) => decide(control.config, request(name, trigger), at)), null, 2));
      return EXIT_OK;
    }
    const both = explicitTrigger === undefined;
    const decisions = both
      ? names.map((name) => ({ auto: decide(control.config, request(name, 'auto'), at), manual: decide(control.config, request(name, 'manual'), at) }))
      : names.map((name) => decide(control.config, request(name, trigger), at));
    context.out(`Deploy gates at ${at.toISOString()} (${control.file})\n\n${allTable(decisions, at, both)}`);
    if (names.some((name) => control.config.environments[name]?.require_manual_approval)) {
      context.out('\nApproval is enforced by the GitHub environment of the same name (required reviewers); this command does not call the GitHub API.');
    }
    return EXIT_OK;
  },
};
