import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { badCredentialsKubeconfig, getObject, type Obj } from './helpers/cluster.js';
import type { ServiceSettings } from './helpers/infra.js';
import { describeRun } from './helpers/k8sapp.js';
import { configMap, deployment, secret } from './helpers/manifests.js';
import { expectExit, exists, scenario, SCENARIO_TIMEOUT_MS } from './helpers/scenario.js';
import { clusterCalls, tripwire } from './helpers/tripwire.js';

const today = new Date();
const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

describe.concurrent('gates and bad input stop before the first cluster call', () => {
  const blocked: { name: string; code: string; args: string[]; environmentSettings?: Obj; global?: Obj; services?: Record<string, ServiceSettings> }[] = [
    { name: 'environment disabled', code: 'ENV_DISABLED', args: [], environmentSettings: { enabled: false } },
    { name: 'auto deploy off (push)', code: 'AUTO_DEPLOY_OFF', args: ['--trigger', 'auto'], environmentSettings: { auto_deploy: false } },
    { name: 'global kill switch (push)', code: 'GLOBAL_KILL_SWITCH', args: ['--trigger', 'auto'], global: { auto_deploy: false } },
    {
      name: 'blackout today',
      code: 'BLACKOUT',
      args: ['--emergency-reason', 'not allowed to override here'],
      environmentSettings: {
        deployment_windows: {
          enabled: true,
          timezone: 'UTC',
          days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
          hours: { start: '00:00', end: '00:00' },
          blackout: [{ from: day(-1), to: day(1) }],
          allow_emergency_override: false,
        },
      },
    },
    { name: 'every service disabled', code: 'NO_SERVICES_ALLOWED', args: [], services: { web: { enabled: false } } },
  ];

  for (const gate of blocked) {
    it(
      `${gate.name}: skipped (exit 0) with ${gate.code}, not one request to the cluster`,
      async (t) => {
        const s = await scenario(t, `gate ${gate.name}`, {
          resources: [deployment('web')],
          ...(gate.environmentSettings ? { environmentSettings: gate.environmentSettings } : {}),
          ...(gate.global ? { global: gate.global } : {}),
          ...(gate.services ? { services: gate.services } : {}),
        });
        const wire = await tripwire(t, s.infra.root);
        const run = await s.deploy(gate.args, { kubeconfig: wire.kubeconfig });
        expectExit(run, 0);
        expect(run.json?.status, describeRun(run)).toBe('skipped');
        expect(run.json?.decision.allowed).toBe(false);
        expect(run.json?.decision.reasons.map((r: { code: string }) => r.code)).toContain(gate.code);
        expect(run.json?.message).toContain(gate.code);
        expect(clusterCalls(wire.requests)).toEqual([]);
        // The same deploy against the real cluster leaves it untouched too.
        const real = await s.deploy(gate.args);
        expectExit(real, 0);
        expect(await exists('namespace', s.namespace)).toBe(false);
      },
      SCENARIO_TIMEOUT_MS,
    );
  }

  it(
    'an invalid deploy-control.yaml: exit 2, the error names file, line and key, no request',
    async (t) => {
      const s = await scenario(t, 'gate invalid control', { resources: [deployment('web')] });
      const text = stringify(s.infra.controlDocument()).replace('rollout_timeout: 180', 'rollout_timeout: soon');
      await s.infra.writeControl(text);
      const line = text.split('\n').findIndex((l) => l.includes('rollout_timeout: soon')) + 1;
      const wire = await tripwire(t, s.infra.root);
      const run = await s.deploy([], { kubeconfig: wire.kubeconfig });
      expectExit(run, 2);
      expect(run.json?.error, describeRun(run)).toBeTruthy();
      const finding = run.json?.error?.findings?.[0];
      expect(finding?.key).toBe(`environments.${s.environment}.rollout_timeout`);
      expect(finding?.location?.line).toBe(line);
      expect(run.stderr).toContain(`deploy-control.yaml:${line}:`);
      expect(clusterCalls(wire.requests)).toEqual([]);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'a Secret placeholder without a value: refused before any request, nothing created',
    async (t) => {
      const s = await scenario(t, 'gate placeholder', {
        resources: [secret('db', { data: { PASSWORD: 'StrongBase64Password' } }), deployment('web')],
      });
      const wire = await tripwire(t, s.infra.root);
      const run = await s.deploy([], { kubeconfig: wire.kubeconfig });
      expect(run.exitCode, describeRun(run)).not.toBe(0);
      expect(run.stdout + run.stderr).toMatch(/placeholder/i);
      expect(run.stdout + run.stderr).toContain('PASSWORD');
      expect(clusterCalls(wire.requests)).toEqual([]);
      const real = await s.deploy();
      expect(real.exitCode, describeRun(real)).not.toBe(0);
      expect(await exists('namespace', s.namespace)).toBe(false);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'a disabled service is left out; the others deploy',
    async (t) => {
      const s = await scenario(t, 'gate service filter', {
        resources: [deployment('web'), deployment('api'), configMap('web-config', { a: '1' }, { app: 'web' })],
        services: { web: { enabled: false }, api: {} },
      });
      const run = await s.deploy();
      expectExit(run, 0);
      expect(run.json?.status).toBe('succeeded');
      expect(await exists('deployment', 'api', s.namespace)).toBe(true);
      expect(await exists('deployment', 'web', s.namespace)).toBe(false);
      expect(await exists('configmap', 'web-config', s.namespace)).toBe(false);
      const skipped = run.json?.resources.filter((r: { action: string }) => r.action === 'skipped').map((r: { name: string }) => r.name);
      expect(skipped?.sort()).toEqual(['web', 'web-config']);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'credentials the server rejects: one clear sentence, exit 1, nothing created',
    async (t) => {
      const s = await scenario(t, 'bad credentials', { resources: [deployment('web')] });
      const bad = await badCredentialsKubeconfig(s.infra.root);
      const started = Date.now();
      const run = await s.deploy([], { kubeconfig: bad });
      expectExit(run, 1);
      expect(run.json?.status).toBe('failed');
      // The report's message is the one sentence (the action makes it the one annotation).
      const said = [run.json?.message ?? '', ...(run.json?.errors ?? [])].join('\n');
      expect(said, describeRun(run)).toMatch(/credentials/i);
      expect(said).toMatch(/401|rejected/i);
      // Not retried: a 401 fails at once instead of backing off five times (a hang bound, not a speed target).
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(await exists('namespace', s.namespace)).toBe(false);
      expect(await getObject('configmap', `k8sapp-releases-${s.environment}`, 'default')).toBeUndefined();
      // And the read-only commands say the same.
      const releases = await s.k8sapp('releases', [], { kubeconfig: bad });
      expect(releases.exitCode, describeRun(releases)).not.toBe(0);
      expect(releases.stdout + releases.stderr).toMatch(/credentials/i);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
