import { loadDeployControl, controlFileIn } from '../../config/deploy-control.js';
import { ConfigurationError } from '../../errors.js';
import { parseTrigger } from '../../gate/inputs.js';
import { decide, TRIGGERS, verdictOf, type Decision, type Trigger } from '../../gate/decide.js';
import { decisionText } from '../../gate/report.js';
import { textTable, type Style } from '../../report/text.js';
import { formatTimeUntil } from '../../gate/windows.js';
import { ENV_OPTION, EXIT_OK, listValue, stringValue, type Command } from '../command.js';

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

function allTable(decisions: { auto: Decision; manual: Decision }[] | Decision[], at: Date, both: boolean, style: Style): string {
  const rows = decisions.map((entry) => {
    const d = 'auto' in entry ? entry.auto : entry;
    const manual = 'manual' in entry ? entry.manual : undefined;
    const verdict = (decision: Decision) =>
      decision.allowed
        ? style.green('deploy')
        : style.red(
            `blocked (${decision.reasons
              .filter((r) => verdictOf(r.code) === 'block')
              .map((r) => r.code)
              .join(', ')})`,
          );
    const window = d.window.open ? (d.reasons.some((r) => r.code === 'WINDOWS_DISABLED') ? 'no windows' : 'open') : 'closed';
    const next = d.window.nextOpen ? `${d.window.nextOpen} (${formatTimeUntil(Date.parse(d.window.nextOpen) - at.getTime())})` : '-';
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
  return textTable([header, ...rows], { style });
}

export const gateCommand: Command = {
  name: 'gate',
  summary: 'Decide whether an environment may deploy now (or --at a time), rule by rule, from deploy-control.yaml.',
  synopsis: '(--env ENV [--service NAME]... | --all) [options]',
  options: [
    { ...ENV_OPTION, required: false, description: 'Decide for this environment: a key under environments: in deploy-control.yaml. Give this or --all.' },
    { name: 'service', value: 'NAME', multiple: true, defaultText: 'every configured service', description: 'Decide for this service of --env only.' },
    { name: 'all', description: 'Decide for every environment: a table, and with --json a list of decisions.' },
    {
      name: 'trigger',
      value: 'MODE',
      choices: TRIGGERS,
      defaultText: 'auto; --all without --trigger shows both',
      description: 'auto is a push or schedule, manual a workflow_dispatch.',
    },
    {
      name: 'at',
      value: 'ISO-TIME',
      defaultText: 'now',
      description: 'Decide as of this instant, with Z or an offset (2026-12-24T10:00:00Z): makes a decision reproducible.',
    },
    {
      name: 'emergency-reason',
      value: 'TEXT',
      description: 'A manual deployment may override a closed window or blackout with a reason, where the environment allows it.',
    },
  ],
  notes: 'Approval is enforced by the GitHub environment of the same name (required reviewers); this command does not call the GitHub API.',
  exitCodes: [
    [0, 'a decision was made, allowed or blocked'],
    [2, 'invalid deploy-control.yaml or usage'],
  ],
  examples: [
    ['k8sapp gate --all', 'every environment, for pushes and for manual runs, with the next window'],
    ['k8sapp gate --env prod --trigger manual --at 2026-12-24T10:00:00Z', 'may prod be deployed by hand on Christmas Eve morning?'],
    ['k8sapp gate --env prod --service postgres --json', "one service's decision as JSON"],
  ],
  async run(context) {
    const environment = stringValue(context.values, 'env');
    const all = context.values.all === true;
    if (all === (environment !== undefined)) throw new ConfigurationError('Give exactly one of --env ENV or --all.');
    const services = listValue(context.values, 'service');
    if (all && services.length > 0) throw new ConfigurationError('--service applies to one environment; use it with --env, not --all.');
    const explicitTrigger = parseTrigger(stringValue(context.values, 'trigger'), '--trigger');
    const trigger: Trigger = explicitTrigger ?? 'auto';
    const at = parseAt(stringValue(context.values, 'at'), context.now);
    const emergencyReason = stringValue(context.values, 'emergency-reason');
    const control = await loadDeployControl(controlFileIn(context.root));
    const request = (env: string, t: Trigger) => ({ environment: env, services, trigger: t, ...(emergencyReason ? { emergencyReason } : {}) });

    if (!all) {
      const decision = decide(control.config, request(environment as string, trigger), at);
      context.out(context.json ? JSON.stringify(decision, null, 2) : decisionText(decision, at, context.style));
      return EXIT_OK;
    }
    const names = Object.keys(control.config.environments);
    if (context.json) {
      context.out(
        JSON.stringify(
          names.map((name) => decide(control.config, request(name, trigger), at)),
          null,
          2,
        ),
      );
      return EXIT_OK;
    }
    const both = explicitTrigger === undefined;
    const decisions = both
      ? names.map((name) => ({ auto: decide(control.config, request(name, 'auto'), at), manual: decide(control.config, request(name, 'manual'), at) }))
      : names.map((name) => decide(control.config, request(name, trigger), at));
    context.out(`Deploy gates at ${at.toISOString()} (${control.file})\n\n${allTable(decisions, at, both, context.style)}`);
    if (names.some((name) => control.config.environments[name]?.require_manual_approval)) {
      context.out('\nApproval is enforced by the GitHub environment of the same name (required reviewers); this command does not call the GitHub API.');
    }
    return EXIT_OK;
  },
};
