import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GATE_INPUTS, GATE_OUTPUTS } from '../../src/actions/gate-action.js';
import { REPO_ROOT, runBundledAction } from '../helpers/run-action.js';

const TOKEN = 'ghs_testtoken0123456789';

/** Every environment has the same keys; only values differ. `frozen` is in a blackout forever. */
function environment(name: string, values: { auto?: boolean; approval?: boolean; check?: 'enforce' | 'warn'; frozen?: boolean; enabled?: boolean }): string {
  return `  ${name}:
    enabled: ${values.enabled ?? true}
    auto_deploy: ${values.auto ?? false}
    require_manual_approval: ${values.approval ?? false}
    approval_check: ${values.check ?? 'enforce'}
    rollout_timeout: 450
    deployment_windows:
      enabled: ${values.frozen ?? false}
      timezone: Europe/Berlin
      days: [mon, tue, wed, thu, fri, sat, sun]
      hours: { start: "00:00", end: "00:00" }
      blackout: [{ from: "2000-01-01", to: "2999-12-31" }]
      allow_emergency_override: true
    services:
      postgres: { enabled: true, auto_deploy: true, require_approval: false, rollback_on_failure: true }
      jaeger: { enabled: ${name !== 'dev'}, auto_deploy: true, require_approval: false, rollback_on_failure: false }
`;
}

const CONTROL = `version: "3.0.0"
global:
  auto_deploy: true
environments:
${environment('dev', { auto: true })}${environment('prod', { approval: true })}${environment('staging', { approval: true })}${environment('secure', { approval: true })}${environment('ghost', { approval: true })}${environment('lenient', { approval: true, check: 'warn' })}${environment('frozen', { frozen: true })}`;

interface Seen {
  url: string;
  authorization: string | undefined;
}

let server: Server;
let apiUrl: string;
let workspace: string;
const seen: Seen[] = [];

const RESPONSES: Record<string, [number, object]> = {
  prod: [
    200,
    {
      name: 'prod',
      can_admins_bypass: false,
      protection_rules: [
        { id: 1, node_id: 'x', type: 'required_reviewers', prevent_self_review: true, reviewers: [{ type: 'User', reviewer: { login: 'alice' } }] },
      ],
    },
  ],
  staging: [200, { name: 'staging', protection_rules: [{ id: 2, node_id: 'y', type: 'wait_timer', wait_timer: 10 }] }],
  secure: [403, { message: 'Resource not accessible by integration' }],
  ghost: [404, { message: 'Not Found' }],
  lenient: [404, { message: 'Not Found' }],
};

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    seen.push({ url: request.url ?? '', authorization: request.headers.authorization });
    const match = /^\/repos\/acme\/shop\/environments\/([^/?]+)$/.exec(request.url ?? '');
    const [status, body] = (match && RESPONSES[decodeURIComponent(match[1] ?? '')]) || [404, { message: 'Not Found' }];
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workspace = await mkdtemp(join(tmpdir(), 'gate-action-'));
  await mkdir(join(workspace, 'infra'));
  await writeFile(join(workspace, 'infra', 'deploy-control.yaml'), CONTROL);
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

function gate(inputs: Record<string, string>, event = 'workflow_dispatch') {
  return runBundledAction(
    'gate',
    { token: TOKEN, ...inputs },
    {
      cwd: workspace,
      env: { GITHUB_EVENT_NAME: event, GITHUB_REPOSITORY: 'acme/shop', GITHUB_API_URL: apiUrl, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' },
    },
  );
}

function requestsFor(environmentName: string): Seen[] {
  return seen.filter((s) => s.url === `/repos/acme/shop/environments/${environmentName}`);
}

describe('gate action (bundled)', () => {
  it('declares exactly the inputs and outputs the code uses', async () => {
    const declaration = parse(await readFile(join(REPO_ROOT, 'actions/gate/action.yml'), 'utf8')) as {
      inputs: object;
      outputs: object;
      runs: { using: string; main: string };
    };
    expect(Object.keys(declaration.inputs).sort()).toEqual([...GATE_INPUTS].sort());
    expect(Object.keys(declaration.outputs).sort()).toEqual([...GATE_OUTPUTS].sort());
    expect(declaration.runs).toEqual({ using: 'node24', main: '../../dist/gate/index.js' });
    expect((declaration.inputs as Record<string, { default?: string }>)['control-file']?.default).toBe('infra/deploy-control.yaml');
    expect((declaration.inputs as Record<string, { default?: string }>).token?.default).toBe('${{ github.token }}');
  });

  it('push to dev: deploys the enabled services, no approval call', async () => {
    const run = await gate({ environment: 'dev' }, 'push');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.deploy).toBe('true');
    expect(JSON.parse(run.outputs.services ?? '')).toEqual(['postgres']);
    expect(run.outputs['rollout-timeout']).toBe('450');
    expect(run.outputs['next-window']).toBe('');
    expect(JSON.parse(run.outputs.reasons ?? '').map((r: { code: string }) => r.code)).toEqual([
      'ENV_ENABLED',
      'GLOBAL_AUTO_DEPLOY_ON',
      'AUTO_DEPLOY_ON',
      'WINDOWS_DISABLED',
      'SERVICES_FILTERED',
      'APPROVAL_NOT_REQUIRED',
    ]);
    expect(run.summary).toContain('## Deploy gate: dev — ✅ deploy');
    expect(run.summary).toContain('| `AUTO_DEPLOY_ON` | ✅ allow |');
    expect(run.summary).toMatch(/\| jaeger \| ⛔ no \| ⛔ `SERVICE_DISABLED` /);
    expect(requestsFor('dev')).toEqual([]);
  });

  it('push to prod: blocked by auto_deploy, exits 0 with deploy=false and does not call the API', async () => {
    const before = seen.length;
    const run = await gate({ environment: 'prod' }, 'push');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.deploy).toBe('false');
    expect(run.outputs.services).toBe('[]');
    expect(run.summary).toContain('| `AUTO_DEPLOY_OFF` | ⛔ block |');
    expect(run.summary).toContain('APPROVAL_NOT_CHECKED');
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: 'notice', message: expect.stringContaining('AUTO_DEPLOY_OFF') }));
    expect(seen.length).toBe(before);
  });

  it('the trigger input overrides the event (a workflow_call from a push is still auto unless told)', async () => {
    const run = await gate({ environment: 'prod', trigger: 'manual' }, 'push');
    expect(run.outputs.deploy).toBe('true');
    expect(run.summary).toContain('input trigger: manual');
  });

  it('manual prod with required reviewers: deploys; the token reached the API; the summary names the reviewers', async () => {
    const run = await gate({ environment: 'prod', services: 'postgres' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.deploy).toBe('true');
    expect(JSON.parse(run.outputs.services ?? '')).toEqual(['postgres']);
    const decision = JSON.parse(run.outputs.decision ?? '');
    expect(decision).toMatchObject({ environment: 'prod', allowed: true, trigger: 'manual', requiresApproval: true });
    expect(run.summary).toContain('| `APPROVAL_CONFIGURED` | ✅ allow | GitHub environment "prod" requires a review by alice.');
    expect(run.summary).toContain('alice');
    expect(requestsFor('prod').at(-1)?.authorization).toMatch(new RegExp(`^(token|Bearer) ${TOKEN}$`));
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(run.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
    expect(run.summary).not.toContain(TOKEN);
  });

  it('no required reviewers: fails closed with an error on the require_manual_approval line', async () => {
    const run = await gate({ environment: 'staging' });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs.deploy).toBe('false');
    expect(run.outputs.services).toBe('[]');
    const error = run.annotations.find((a) => a.level === 'error' && a.properties.title === 'k8sapp: APPROVAL_NO_REVIEWERS');
    expect(error?.properties.file).toBe('infra/deploy-control.yaml');
    expect(Number(error?.properties.line)).toBe(
      CONTROL.split('\n').findIndex((l, i, all) => l.includes('require_manual_approval') && all.slice(0, i).some((x) => x === '  staging:')) + 1,
    );
    expect(error?.message).toContain('has no required reviewers (protection rules: wait_timer)');
    expect(error?.message).toContain('Required reviewers');
    expect(run.summary).toContain('| `APPROVAL_NO_REVIEWERS` | ⛔ block |');
    expect(run.summary).toContain('## Deploy gate: staging — ⛔ blocked');
    const decision = JSON.parse(run.outputs.decision ?? '');
    expect(decision.allowed).toBe(false);
    expect(decision.services.every((s: { allowed: boolean }) => !s.allowed)).toBe(true);
  });

  it('403: fails closed and says which permission the token needs', async () => {
    const run = await gate({ environment: 'secure' });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs.deploy).toBe('false');
    const error = run.annotations.find((a) => a.level === 'error' && a.properties.title === 'k8sapp: APPROVAL_UNREADABLE');
    expect(error?.message).toContain('HTTP 403');
    expect(error?.message).toContain('permissions: actions: read');
  });

  it('404: fails closed and says to create the environment', async () => {
    const run = await gate({ environment: 'ghost' });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs.deploy).toBe('false');
    const error = run.annotations.find((a) => a.level === 'error' && a.properties.title === 'k8sapp: APPROVAL_ENVIRONMENT_MISSING');
    expect(error?.message).toContain('does not exist');
  });

  it('approval_check: warn downgrades a missing environment to a warning and deploys', async () => {
    const run = await gate({ environment: 'lenient' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.deploy).toBe('true');
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        properties: expect.objectContaining({ title: 'k8sapp: APPROVAL_ENVIRONMENT_MISSING', file: 'infra/deploy-control.yaml' }),
      }),
    );
  });

  it('blackout: blocked without a reason; a manual emergency reason overrides it and is recorded', async () => {
    const blocked = await gate({ environment: 'frozen' });
    expect(blocked.outputs.deploy).toBe('false');
    expect(blocked.summary).toContain('| `BLACKOUT` | ⛔ block |');
    expect(blocked.summary).toContain('**No window opens** within the next 3 years.');

    const reason = 'CVE-2026-0001 | <b>hotfix</b>';
    const run = await gate({ environment: 'frozen', 'emergency-reason': reason });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.deploy).toBe('true');
    expect(JSON.parse(run.outputs.decision ?? '').emergencyOverride).toEqual({ reason, overrides: ['BLACKOUT'] });
    expect(run.summary).toContain('**Emergency override** of BLACKOUT');
    expect(run.summary).toContain('CVE-2026-0001 \\| &lt;b&gt;hotfix&lt;/b&gt;');
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: 'warning', properties: { title: 'k8sapp: EMERGENCY_OVERRIDE' } }));

    const pushed = await gate({ environment: 'frozen', 'emergency-reason': reason }, 'push');
    expect(pushed.outputs.deploy).toBe('false');
    expect(JSON.parse(pushed.outputs.reasons ?? '').map((r: { code: string }) => r.code)).toContain('EMERGENCY_OVERRIDE_NEEDS_MANUAL');
  });

  it('an invalid control file: annotation on the bad line, deploy=false, step fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-bad-'));
    await mkdir(join(dir, 'infra'));
    await writeFile(
      join(dir, 'infra', 'deploy-control.yaml'),
      CONTROL.replace('hours: { start: "00:00", end: "00:00" }', 'hours: { start: "9:00", end: "00:00" }'),
    );
    const run = await runBundledAction(
      'gate',
      { environment: 'dev', token: TOKEN },
      { cwd: dir, env: { GITHUB_EVENT_NAME: 'push', GITHUB_REPOSITORY: 'acme/shop', GITHUB_API_URL: apiUrl } },
    );
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs.deploy).toBe('false');
    const error = run.annotations.find((a) => a.level === 'error' && a.properties.file === 'infra/deploy-control.yaml');
    expect(error?.properties.line).toBe(String(CONTROL.split('\n').findIndex((l) => l.includes('hours:')) + 1));
    expect(error?.message).toContain('environments.dev.deployment_windows.hours.start: must be a 24-hour time "HH:MM"');
  });

  it('an unknown environment is a configuration error listing the configured ones', async () => {
    const run = await gate({ environment: 'qa' });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs.deploy).toBe('false');
    expect(run.stdout).toContain('configured environments: dev, prod, staging, secure, ghost, lenient, frozen');
  });
});
