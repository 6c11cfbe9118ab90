import { describe, expect, it } from 'vitest';
import type { DeployControl, EnvironmentControl } from '../../src/config/deploy-control.js';
import { ConfigurationError } from '../../src/errors.js';
import { allowedServices, decide, triggerFromEvent, verdictOf, type GateRequest } from '../../src/gate/decide.js';

/** Wed 2026-06-10 10:00 in Berlin: inside the prod window. */
const INSIDE = new Date('2026-06-10T08:00:00Z');
/** Sat 2026-06-13 10:00 in Berlin: outside it. */
const OUTSIDE = new Date('2026-06-13T08:00:00Z');

function environment(overrides: Partial<EnvironmentControl> = {}): EnvironmentControl {
  return {
    enabled: true,
    auto_deploy: true,
    require_manual_approval: false,
    rollout_timeout: 600,
    deployment_windows: {
      enabled: true,
      timezone: 'Europe/Berlin',
      days: ['mon', 'tue', 'wed', 'thu'],
      hours: { start: '09:00', end: '16:00' },
      blackout: [],
      allow_emergency_override: true,
    },
    services: {
      postgres: { enabled: true, auto_deploy: true, require_approval: false, rollback_on_failure: true },
      redis: { enabled: true, auto_deploy: true, require_approval: false, rollback_on_failure: true },
    },
    ...overrides,
  };
}

function config(env: Partial<EnvironmentControl> = {}, globalAutoDeploy = true): DeployControl {
  return { version: '3.0.0', global: { auto_deploy: globalAutoDeploy }, environments: { prod: environment(env) } };
}

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

interface Case {
  name: string;
  config: DeployControl;
  request: Partial<GateRequest>;
  now?: Date;
  allowed: boolean;
  has: string[];
  lacks?: string[];
  services?: string[];
}

const cases: Case[] = [
  {
    name: 'everything open, push',
    config: config(),
    request: {},
    allowed: true,
    has: ['ENV_ENABLED', 'GLOBAL_AUTO_DEPLOY_ON', 'AUTO_DEPLOY_ON', 'INSIDE_WINDOW', 'APPROVAL_NOT_REQUIRED'],
    services: ['postgres', 'redis'],
  },
  { name: 'global kill switch blocks a push', config: config({}, false), request: {}, allowed: false, has: ['GLOBAL_KILL_SWITCH'], services: [] },
  {
    name: 'global kill switch leaves manual runs alone',
    config: config({}, false),
    request: { trigger: 'manual' },
    allowed: true,
    has: ['MANUAL_TRIGGER'],
    lacks: ['GLOBAL_KILL_SWITCH'],
    services: ['postgres', 'redis'],
  },
  { name: 'environment disabled blocks a push', config: config({ enabled: false }), request: {}, allowed: false, has: ['ENV_DISABLED'] },
  {
    name: 'environment disabled blocks even a manual emergency',
    config: config({ enabled: false }),
    request: { trigger: 'manual', emergencyReason: 'fire' },
    now: OUTSIDE,
    allowed: false,
    has: ['ENV_DISABLED', 'EMERGENCY_OVERRIDE_MOOT'],
    lacks: ['EMERGENCY_OVERRIDE'],
    services: [],
  },
  { name: 'environment auto_deploy off blocks a push', config: config({ auto_deploy: false }), request: {}, allowed: false, has: ['AUTO_DEPLOY_OFF'] },
  {
    name: 'environment auto_deploy off does not gate a manual run',
    config: config({ auto_deploy: false }),
    request: { trigger: 'manual' },
    allowed: true,
    has: ['MANUAL_TRIGGER'],
    lacks: ['AUTO_DEPLOY_OFF'],
  },
  {
    name: 'a disabled service is left out, the others deploy',
    config: config({ services: { postgres: { enabled: false, auto_deploy: true }, redis: { enabled: true, auto_deploy: true } } }),
    request: {},
    allowed: true,
    has: ['SERVICES_FILTERED'],
    services: ['redis'],
  },
  {
    name: 'service auto_deploy off leaves it out of a push',
    config: config({ services: { postgres: { enabled: true, auto_deploy: false }, redis: { enabled: true, auto_deploy: true } } }),
    request: {},
    allowed: true,
    has: ['SERVICES_FILTERED'],
    services: ['redis'],
  },
  {
    name: 'service auto_deploy off does not gate a manual run',
    config: config({ services: { postgres: { enabled: true, auto_deploy: false }, redis: { enabled: true, auto_deploy: true } } }),
    request: { trigger: 'manual' },
    allowed: true,
    has: [],
    lacks: ['SERVICES_FILTERED'],
    services: ['postgres', 'redis'],
  },
  {
    name: 'no requested service allowed blocks the deployment',
    config: config({ services: { postgres: { enabled: false, auto_deploy: true }, redis: { enabled: true, auto_deploy: true } } }),
    request: { services: ['postgres'] },
    allowed: false,
    has: ['NO_SERVICES_ALLOWED'],
    services: [],
  },
  { name: 'requested services narrow the deployment', config: config(), request: { services: ['redis'] }, allowed: true, has: [], services: ['redis'] },
  { name: 'outside the window blocks a push', config: config(), request: {}, now: OUTSIDE, allowed: false, has: ['OUTSIDE_WINDOW'] },
  {
    name: 'outside the window blocks a manual run without a reason',
    config: config(),
    request: { trigger: 'manual' },
    now: OUTSIDE,
    allowed: false,
    has: ['OUTSIDE_WINDOW'],
    lacks: ['EMERGENCY_OVERRIDE'],
  },
  {
    name: 'a blank emergency reason is no reason',
    config: config(),
    request: { trigger: 'manual', emergencyReason: '   ' },
    now: OUTSIDE,
    allowed: false,
    has: ['OUTSIDE_WINDOW'],
    lacks: ['EMERGENCY_OVERRIDE'],
  },
  {
    name: 'a manual run with a reason overrides the window',
    config: config(),
    request: { trigger: 'manual', emergencyReason: 'CVE hotfix' },
    now: OUTSIDE,
    allowed: true,
    has: ['OUTSIDE_WINDOW', 'EMERGENCY_OVERRIDE'],
  },
  {
    name: 'a push cannot use an emergency reason',
    config: config(),
    request: { emergencyReason: 'CVE hotfix' },
    now: OUTSIDE,
    allowed: false,
    has: ['OUTSIDE_WINDOW', 'EMERGENCY_OVERRIDE_NEEDS_MANUAL'],
  },
  {
    name: 'the override needs allow_emergency_override',
    config: config({ deployment_windows: { ...environment().deployment_windows!, allow_emergency_override: false } }),
    request: { trigger: 'manual', emergencyReason: 'CVE hotfix' },
    now: OUTSIDE,
    allowed: false,
    has: ['EMERGENCY_OVERRIDE_DISABLED'],
  },
  {
    name: 'a blackout blocks inside the window',
    config: config({ deployment_windows: { ...environment().deployment_windows!, blackout: ['2026-06-10'] } }),
    request: {},
    allowed: false,
    has: ['BLACKOUT'],
  },
  {
    name: 'a manual emergency overrides a blackout',
    config: config({ deployment_windows: { ...environment().deployment_windows!, blackout: ['2026-06-10'] } }),
    request: { trigger: 'manual', emergencyReason: 'outage' },
    allowed: true,
    has: ['BLACKOUT', 'EMERGENCY_OVERRIDE'],
  },
  {
    name: 'an unneeded emergency reason is noted, not used',
    config: config(),
    request: { trigger: 'manual', emergencyReason: 'x' },
    allowed: true,
    has: ['EMERGENCY_REASON_UNUSED'],
    lacks: ['EMERGENCY_OVERRIDE'],
  },
  {
    name: 'windows disabled never block',
    config: config({ deployment_windows: { enabled: false } }),
    request: {},
    now: OUTSIDE,
    allowed: true,
    has: ['WINDOWS_DISABLED'],
  },
  { name: 'manual approval is reported', config: config({ require_manual_approval: true }), request: {}, allowed: true, has: ['APPROVAL_REQUIRED'] },
];

describe('decide: rules', () => {
  it.each(cases)('$name', (c) => {
    const decision = decide(c.config, { environment: 'prod', trigger: 'auto', ...c.request }, c.now ?? INSIDE);
    expect(decision.allowed).toBe(c.allowed);
    expect(codes(decision.reasons)).toEqual(expect.arrayContaining(c.has));
    for (const code of c.lacks ?? []) expect(codes(decision.reasons)).not.toContain(code);
    if (c.services) expect(allowedServices(decision)).toEqual(c.services);
    // A blocked decision always names a blocking rule; an allowed one names none that was not overridden.
    const blocking = decision.reasons.filter((r) => verdictOf(r.code) === 'block');
    if (!c.allowed) expect(blocking.length).toBeGreaterThan(0);
    else expect(blocking.every((r) => decision.emergencyOverride?.overrides.includes(r.code))).toBe(true);
  });
});

describe('decide: the decision object', () => {
  it('records the override and the next window', () => {
    const decision = decide(config(), { environment: 'prod', trigger: 'manual', emergencyReason: ' CVE-2026-1 hotfix ' }, OUTSIDE);
    expect(decision.emergencyOverride).toEqual({ reason: 'CVE-2026-1 hotfix', overrides: ['OUTSIDE_WINDOW'] });
    expect(decision.window).toEqual({ open: false, nextOpen: '2026-06-15T09:00:00+02:00' });
    expect(decision.reasons.find((r) => r.code === 'OUTSIDE_WINDOW')?.message).toContain('in 1 d 23 h');
  });

  it('has exactly the documented keys', () => {
    const decision = decide(config(), { environment: 'prod', trigger: 'auto' }, INSIDE);
    expect(Object.keys(decision).sort()).toEqual(
      ['environment', 'allowed', 'trigger', 'reasons', 'services', 'requiresApproval', 'rolloutTimeoutSeconds', 'window', 'emergencyOverride'].sort(),
    );
    expect(decision.services[0]).toEqual({ name: 'postgres', allowed: true, reasons: expect.any(Array) });
  });

  it('records no override when other rules block anyway', () => {
    const decision = decide(config({ enabled: false }), { environment: 'prod', trigger: 'manual', emergencyReason: 'fire' }, OUTSIDE);
    expect(decision.emergencyOverride).toBeNull();
  });

  it('marks services of a blocked environment as not deploying, saying why', () => {
    const decision = decide(config({ enabled: false }), { environment: 'prod', trigger: 'auto' }, INSIDE);
    expect(decision.services.every((s) => !s.allowed && codes(s.reasons).includes('ENVIRONMENT_BLOCKED'))).toBe(true);
  });

  it('requires approval when a deployed service requires it', () => {
    const services = { postgres: { enabled: true, auto_deploy: true, require_approval: true }, redis: { enabled: true, auto_deploy: true } };
    expect(decide(config({ services }), { environment: 'prod', trigger: 'auto' }, INSIDE).requiresApproval).toBe(true);
    expect(decide(config({ services }), { environment: 'prod', trigger: 'auto', services: ['redis'] }, INSIDE).requiresApproval).toBe(false);
  });

  it('defaults the rollout timeout to 300 seconds', () => {
    const { rollout_timeout: _, ...rest } = environment();
    const control: DeployControl = { global: {}, environments: { prod: rest } };
    expect(decide(control, { environment: 'prod', trigger: 'auto' }, INSIDE).rolloutTimeoutSeconds).toBe(300);
  });

  it('refuses an unknown environment or service, listing the configured ones', () => {
    expect(() => decide(config(), { environment: 'staging', trigger: 'auto' }, INSIDE)).toThrow(ConfigurationError);
    expect(() => decide(config(), { environment: 'staging', trigger: 'auto' }, INSIDE)).toThrow(/configured environments: prod/);
    expect(() => decide(config(), { environment: 'prod', trigger: 'auto', services: ['mongo'] }, INSIDE)).toThrow(
      /"mongo".*configured services: postgres, redis/,
    );
  });

  it('is reproducible: the same inputs give the same decision', () => {
    const request: GateRequest = { environment: 'prod', trigger: 'manual', emergencyReason: 'x' };
    expect(decide(config(), request, OUTSIDE)).toEqual(decide(config(), request, new Date(OUTSIDE.getTime())));
  });
});

describe('triggerFromEvent', () => {
  it.each([
    ['push', 'auto'],
    ['schedule', 'auto'],
    ['workflow_dispatch', 'manual'],
    ['workflow_run', 'auto'],
    ['pull_request', 'auto'],
    [undefined, 'auto'],
  ])('%s -> %s', (event, trigger) => expect(triggerFromEvent(event)).toBe(trigger));
});
