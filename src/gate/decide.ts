import { DEFAULTS, rolloutTimeoutOf, unknownEnvironment, type DeployControl } from '../config/deploy-control.js';
import { ConfigurationError } from '../errors.js';
import { describeWindow, enabledWindow, evaluateWindow, formatTimeUntil } from './windows.js';

/** `auto`: push or schedule; `manual`: workflow_dispatch (a workflow_call inherits its caller's event). */
export type Trigger = 'auto' | 'manual';
export const TRIGGERS: readonly Trigger[] = ['auto', 'manual'];

/**
 * Stable reason codes; each has one verdict. `allow` and `block` are rule outcomes, `override` an emergency bypass
 * of a window, `info` context that does not change the outcome.
 */
export const REASON_VERDICTS = {
  ENV_ENABLED: 'allow',
  ENV_DISABLED: 'block',
  MANUAL_TRIGGER: 'allow',
  GLOBAL_AUTO_DEPLOY_ON: 'allow',
  GLOBAL_KILL_SWITCH: 'block',
  AUTO_DEPLOY_ON: 'allow',
  AUTO_DEPLOY_OFF: 'block',
  WINDOWS_DISABLED: 'allow',
  INSIDE_WINDOW: 'allow',
  OUTSIDE_WINDOW: 'block',
  BLACKOUT: 'block',
  EMERGENCY_OVERRIDE: 'override',
  EMERGENCY_OVERRIDE_DISABLED: 'info',
  EMERGENCY_OVERRIDE_NEEDS_MANUAL: 'info',
  EMERGENCY_REASON_UNUSED: 'info',
  EMERGENCY_OVERRIDE_MOOT: 'info',
  APPROVAL_REQUIRED: 'info',
  APPROVAL_NOT_REQUIRED: 'info',
  NO_SERVICES_ALLOWED: 'block',
  SERVICES_FILTERED: 'info',
  SERVICE_ENABLED: 'allow',
  SERVICE_DISABLED: 'block',
  SERVICE_AUTO_DEPLOY_ON: 'allow',
  SERVICE_AUTO_DEPLOY_OFF: 'block',
  SERVICE_APPROVAL_REQUIRED: 'info',
  ENVIRONMENT_BLOCKED: 'block',
} as const;

export type ReasonCode = keyof typeof REASON_VERDICTS;
export type Verdict = (typeof REASON_VERDICTS)[ReasonCode];

export interface Reason {
  code: ReasonCode;
  message: string;
}

export interface ServiceDecision {
  name: string;
  /** Whether this service deploys: its own gates pass and the environment is allowed. */
  allowed: boolean;
  reasons: Reason[];
}

export interface GateRequest {
  environment: string;
  /** Services to deploy; absent or empty: every service configured for the environment. */
  services?: readonly string[];
  trigger: Trigger;
  /** A non-empty reason, on a manual trigger, may override a closed window when allow_emergency_override is true. */
  emergencyReason?: string;
}

export interface Decision {
  environment: string;
  /** Deploy or not. */
  allowed: boolean;
  trigger: Trigger;
  /** Every environment-level rule that was evaluated, in order, with its outcome. */
  reasons: Reason[];
  services: ServiceDecision[];
  /** The deploy job must wait for the GitHub environment's required reviewers. */
  requiresApproval: boolean;
  rolloutTimeoutSeconds: number;
  window: { open: boolean; nextOpen: string | null };
  /** Set when an emergency reason let a manual deployment through a closed window or blackout. */
  emergencyOverride: { reason: string; overrides: ReasonCode[] } | null;
}

export function verdictOf(code: ReasonCode): Verdict {
  return REASON_VERDICTS[code];
}

function reason(code: ReasonCode, message: string): Reason {
  return { code, message };
}

/**
 * Decides whether `request` may deploy at `now` under `config` (already validated by checkDeployControl). Pure: the
 * same inputs always give the same decision. An unknown environment or service is a ConfigurationError.
 */
export function decide(config: DeployControl, request: GateRequest, now: Date): Decision {
  const name = request.environment;
  const env = config.environments[name];
  if (!env) {
    throw unknownEnvironment(config, name);
  }
  const configured = env.services ?? {};
  const requested = request.services && request.services.length > 0 ? [...new Set(request.services)] : Object.keys(configured);
  const unknown = requested.filter((service) => !(service in configured));
  if (unknown.length > 0) {
    throw new ConfigurationError(
      `Service(s) ${unknown.map((s) => `"${s}"`).join(', ')} not configured under environments.${name}.services; ` +
        `configured services: ${Object.keys(configured).join(', ') || '(none)'}.`,
    );
  }

  const auto = request.trigger === 'auto';
  const emergencyReason = request.emergencyReason?.trim() ?? '';
  const reasons: Reason[] = [];
  let blocked = false;

  if (env.enabled) reasons.push(reason('ENV_ENABLED', `environments.${name}.enabled is true.`));
  else {
    blocked = true;
    reasons.push(reason('ENV_DISABLED', `environments.${name}.enabled is false: nothing deploys to ${name}, not even manually.`));
  }

  if (!auto) {
    reasons.push(reason('MANUAL_TRIGGER', 'Manual trigger: global.auto_deploy and auto_deploy only gate automatic deployments.'));
  } else {
    if (config.global.auto_deploy ?? DEFAULTS.globalAutoDeploy) {
      reasons.push(reason('GLOBAL_AUTO_DEPLOY_ON', 'global.auto_deploy is true.'));
    } else {
      blocked = true;
      reasons.push(reason('GLOBAL_KILL_SWITCH', 'global.auto_deploy is false: every automatic deployment is stopped (run the workflow manually to deploy).'));
    }
    if (env.auto_deploy) reasons.push(reason('AUTO_DEPLOY_ON', `environments.${name}.auto_deploy is true.`));
    else {
      blocked = true;
      reasons.push(reason('AUTO_DEPLOY_OFF', `environments.${name}.auto_deploy is false: ${name} deploys only from a manual dispatch.`));
    }
  }

  const window = evaluateWindow(env.deployment_windows, now);
  const windowSettings = enabledWindow(env.deployment_windows);
  const described = windowSettings ? describeWindow(windowSettings) : '';
  const next = window.nextOpen
    ? `next window opens ${window.nextOpen} (${formatTimeUntil(window.nextOpenInMs ?? 0)})`
    : 'no window opens within the next 3 years';
  let emergencyOverride: Decision['emergencyOverride'] = null;
  switch (window.code) {
    case 'WINDOWS_DISABLED':
      reasons.push(reason('WINDOWS_DISABLED', `environments.${name}.deployment_windows is not enabled: no time restrictions.`));
      break;
    case 'INSIDE_WINDOW':
      reasons.push(reason('INSIDE_WINDOW', `${window.localTime} is inside the window (${described}).`));
      break;
    case 'OUTSIDE_WINDOW':
      reasons.push(reason('OUTSIDE_WINDOW', `${window.localTime} is outside the window (${described}); ${next}.`));
      break;
    case 'BLACKOUT': {
      const entry = window.blackout?.entry;
      const what = typeof entry === 'string' ? entry : `${entry?.from} to ${entry?.to}`;
      reasons.push(reason('BLACKOUT', `${window.localTime} falls in blackout ${what} (deployment_windows.blackout[${window.blackout?.index}]); ${next}.`));
      break;
    }
  }
  if (!window.open) {
    const allowOverride = env.deployment_windows?.allow_emergency_override ?? DEFAULTS.allowEmergencyOverride;
    if (emergencyReason && !auto && allowOverride) {
      emergencyOverride = { reason: emergencyReason, overrides: [window.code] };
      reasons.push(reason('EMERGENCY_OVERRIDE', `Emergency override of ${window.code} by a manual deployment; reason: ${emergencyReason}`));
    } else {
      blocked = true;
      if (emergencyReason && auto) {
        reasons.push(reason('EMERGENCY_OVERRIDE_NEEDS_MANUAL', 'An emergency reason was given, but only a manual dispatch may override a window.'));
      } else if (emergencyReason && !allowOverride) {
        reasons.push(
          reason(
            'EMERGENCY_OVERRIDE_DISABLED',
            `An emergency reason was given, but environments.${name}.deployment_windows.allow_emergency_override is not true.`,
          ),
        );
      }
    }
  } else if (emergencyReason) {
    reasons.push(reason('EMERGENCY_REASON_UNUSED', 'An emergency reason was given but not needed: the window is open.'));
  }

  const services: ServiceDecision[] = requested.map((service) => {
    const control = configured[service]!;
    const own: Reason[] = [];
    let ok = true;
    if (control.enabled) own.push(reason('SERVICE_ENABLED', `services.${service}.enabled is true.`));
    else {
      ok = false;
      own.push(reason('SERVICE_DISABLED', `services.${service}.enabled is false: its resources are left out; other services still deploy.`));
    }
    if (auto) {
      if (control.auto_deploy) own.push(reason('SERVICE_AUTO_DEPLOY_ON', `services.${service}.auto_deploy is true.`));
      else {
        ok = false;
        own.push(reason('SERVICE_AUTO_DEPLOY_OFF', `services.${service}.auto_deploy is false: it deploys only from a manual dispatch.`));
      }
    }
    if (control.require_approval) own.push(reason('SERVICE_APPROVAL_REQUIRED', `services.${service}.require_approval is true.`));
    return { name: service, allowed: ok, reasons: own };
  });

  const allowedServices = services.filter((service) => service.allowed);
  if (requested.length > 0) {
    if (allowedServices.length === 0) {
      blocked = true;
      reasons.push(reason('NO_SERVICES_ALLOWED', `No requested service may deploy (${requested.join(', ')}); see the service reasons.`));
    } else if (allowedServices.length < services.length) {
      const left = services.filter((s) => !s.allowed).map((s) => s.name);
      reasons.push(
        reason('SERVICES_FILTERED', `Left out by their service gates: ${left.join(', ')}; deploying ${allowedServices.map((s) => s.name).join(', ')}.`),
      );
    }
  }
  if (blocked && emergencyOverride) {
    // Other rules block anyway: the window was not what stopped the deployment, so nothing was overridden.
    emergencyOverride = null;
    const index = reasons.findIndex((r) => r.code === 'EMERGENCY_OVERRIDE');
    reasons[index] = reason('EMERGENCY_OVERRIDE_MOOT', `An emergency reason was given, but other rules block the deployment; nothing was overridden.`);
  }
  if (blocked) {
    for (const service of services) {
      if (!service.allowed) continue;
      service.allowed = false;
      service.reasons.push(reason('ENVIRONMENT_BLOCKED', `Environment ${name} is blocked; see the environment reasons.`));
    }
  }

  const approvers = allowedServices.filter((s) => configured[s.name]?.require_approval).map((s) => s.name);
  const requiresApproval = (env.require_manual_approval ?? DEFAULTS.requireManualApproval) || approvers.length > 0;
  if (requiresApproval) {
    const why = env.require_manual_approval ? `environments.${name}.require_manual_approval is true` : `services ${approvers.join(', ')} require approval`;
    reasons.push(
      reason(
        'APPROVAL_REQUIRED',
        `${why}: the deploy job must wait for the required reviewers of the GitHub environment "${name}" (enforced by GitHub, verified by the gate action).`,
      ),
    );
  } else {
    reasons.push(reason('APPROVAL_NOT_REQUIRED', 'No manual approval required.'));
  }

  return {
    environment: name,
    allowed: !blocked,
    trigger: request.trigger,
    reasons,
    services,
    requiresApproval,
    rolloutTimeoutSeconds: rolloutTimeoutOf(env),
    window: { open: window.open, nextOpen: window.nextOpen },
    emergencyOverride,
  };
}

/** Names of the services that deploy; empty when the environment is blocked. */
export function allowedServices(decision: Decision): string[] {
  return decision.services.filter((service) => service.allowed).map((service) => service.name);
}

/** Maps a GitHub event to a trigger: workflow_dispatch is manual; everything else (push, schedule, …) automatic. */
export function triggerFromEvent(eventName: string | undefined): Trigger {
  return eventName === 'workflow_dispatch' ? 'manual' : 'auto';
}
