import * as core from '@actions/core';
import { DEFAULTS, DEFAULT_CONTROL_FILE, loadDeployControl } from '../config/deploy-control.js';
import { ConfigurationError } from '../errors.js';
import { annotate, input, requiredInput, runAction } from '../github/action.js';
import { approvalFinding, checkEnvironmentApproval, type ApprovalResult } from '../gate/approval.js';
import { environmentReader, repositoryFromEnvironment } from '../github/repository.js';
import { parseServiceList, parseTrigger } from '../gate/inputs.js';
import { decide, triggerFromEvent, verdictOf, type Trigger } from '../gate/decide.js';
import { decisionMarkdown } from '../gate/report.js';
import { maskValue } from '../github/mask.js';

/** Declared in actions/gate/action.yml; a test keeps the two in step. */
export const GATE_INPUTS = ['environment', 'services', 'control-file', 'emergency-reason', 'token', 'trigger'] as const;
export const GATE_OUTPUTS = ['deploy', 'reasons', 'services', 'rollout-timeout', 'next-window', 'decision'] as const;

export interface GateInputs {
  environment: string;
  services: string[];
  controlFile: string;
  emergencyReason?: string;
  token?: string;
  /** Explicit override of the trigger derived from GITHUB_EVENT_NAME. */
  trigger?: Trigger;
}

function readInputs(): GateInputs {
  const inputs: GateInputs = {
    environment: requiredInput('environment'),
    services: parseServiceList(input('services')),
    controlFile: input('control-file') ?? DEFAULT_CONTROL_FILE,
  };
  const emergencyReason = input('emergency-reason')?.trim();
  if (emergencyReason) inputs.emergencyReason = emergencyReason;
  const token = input('token');
  if (token) inputs.token = token;
  const trigger = parseTrigger(input('trigger'), 'Input "trigger"');
  if (trigger) inputs.trigger = trigger;
  return inputs;
}

function repository(): { owner: string; repo: string } {
  const found = repositoryFromEnvironment();
  if (!found) {
    throw new ConfigurationError('GITHUB_REPOSITORY is not set to "owner/repo"; the approval check needs it to read the GitHub environment.');
  }
  return found;
}

export function runGateAction(): Promise<void> {
  return runAction(async () => {
    const inputs = readInputs();
    maskValue(inputs.token);
    // Fail closed: until a decision says otherwise, nothing deploys.
    core.setOutput('deploy', 'false');
    const event = process.env.GITHUB_EVENT_NAME;
    const trigger = inputs.trigger ?? triggerFromEvent(event);
    const triggerSource = inputs.trigger ? `input trigger: ${inputs.trigger}, event ${event ?? 'unknown'}` : `event ${event ?? 'unknown'}`;
    const at = new Date();

    const control = await loadDeployControl(inputs.controlFile);
    const decision = decide(
      control.config,
      { environment: inputs.environment, services: inputs.services, trigger, ...(inputs.emergencyReason ? { emergencyReason: inputs.emergencyReason } : {}) },
      at,
    );

    let approval: ApprovalResult | null = null;
    await core.group(`Deploy gate: ${decision.environment} (${trigger}, ${triggerSource})`, async () => {
      for (const reason of decision.reasons) core.info(`${reason.code}: ${reason.message}`);
      for (const service of decision.services) {
        core.info(`service ${service.name}: ${service.allowed ? 'deploys' : 'left out'} (${service.reasons.map((r) => r.code).join(', ')})`);
      }
      if (decision.allowed && decision.requiresApproval) {
        const mode = control.config.environments[decision.environment]?.approval_check ?? DEFAULTS.approvalCheck;
        approval = await checkEnvironmentApproval(environmentReader(inputs.token), { ...repository(), environment: decision.environment, mode });
        core.info(`${approval.code}: ${approval.message}`);
      }
    });
    const checked = approval as ApprovalResult | null;
    const deploy = decision.allowed && (checked?.passes ?? true);

    const reasons = [...decision.reasons, ...(checked ? [{ code: checked.code, message: checked.message }] : [])];
    const services = decision.services.map((service) => ({ ...service, allowed: deploy && service.allowed }));
    core.setOutput('deploy', String(deploy));
    core.setOutput('reasons', JSON.stringify(reasons));
    core.setOutput('services', JSON.stringify(services.filter((s) => s.allowed).map((s) => s.name)));
    core.setOutput('rollout-timeout', String(decision.rolloutTimeoutSeconds));
    core.setOutput('next-window', decision.window.nextOpen ?? '');
    core.setOutput('decision', JSON.stringify({ ...decision, allowed: deploy, reasons, services }));
    await core.summary.addRaw(decisionMarkdown(decision, { at, triggerSource, approval: checked, deploy })).write();

    if (checked && !checked.confirmed) {
      const found = approvalFinding(control, decision, checked);
      if (!checked.passes) throw new ConfigurationError(`Manual approval for "${decision.environment}" cannot be confirmed; not deploying.`, [found]);
      annotate([found]);
    }
    if (deploy && decision.emergencyOverride) {
      core.warning(
        `Emergency override of ${decision.emergencyOverride.overrides.join(', ')} for ${decision.environment}: ${decision.emergencyOverride.reason}`,
        { title: 'k8sapp: EMERGENCY_OVERRIDE' },
      );
    }
    if (!deploy) {
      const blocking = decision.reasons.filter((r) => verdictOf(r.code) === 'block');
      core.notice(`Not deploying ${decision.environment}: ${blocking.map((r) => r.code).join(', ')}.`, { title: 'k8sapp: deploy gate' });
    }
  });
}
