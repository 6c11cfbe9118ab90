import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEnvironment } from '../../src/apply/engine.js';
import { applyMarkdown } from '../../src/apply/render.js';
import { parseSecretValues, substituteSecrets } from '../../src/apply/secrets.js';
import { loadDeployControl } from '../../src/config/deploy-control.js';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject, Resource } from '../../src/manifests/resource.js';
import { parseYamlStream } from '../../src/yaml/located.js';
import { apiError, FakeKube, type KubeCall } from '../helpers/fake-kube.js';
import { FakeKubectl, findOnPath, ok } from '../helpers/fake-kubectl.js';
import { FakeClock, namesOf, serve } from './helpers.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/infra');

function resources(stream: string): Resource[] {
  return parseYamlStream(stream, 'built').map((source) => ({ object: source.value as KubernetesObject, source }));
}

const STREAM = `apiVersion: v1
kind: Secret
metadata: {name: postgres-secret, namespace: default}
data:
  POSTGRES_SA_PASSWORD: StrongBase64Password
  OTHER: StrongBase64Password
---
apiVersion: v1
kind: Secret
metadata: {name: redis-secret, namespace: default}
stringData:
  REDIS_ADMIN_PASSWORD: StrongBase64Password
`;

describe('substituteSecrets', () => {
  it('base64-encodes data, keeps stringData raw, prefers the scoped name, reports leftovers and unused names', () => {
    const registered: string[] = [];
    const result = substituteSecrets(
      resources(STREAM),
      { POSTGRES_SA_PASSWORD: 'bare', 'postgres-secret/POSTGRES_SA_PASSWORD': 'pg pass', redis_admin_password: 'r€dis', UNUSED: 'x', github_token: 't' },
      (value) => registered.push(value),
    );
    const [postgres, redis] = result.resources.map((resource) => resource.object);
    expect((postgres?.data as Record<string, string>).POSTGRES_SA_PASSWORD).toBe(Buffer.from('pg pass').toString('base64'));
    // GitHub upper-cases secret names; a bare name matches a key case-insensitively.
    expect((redis?.stringData as Record<string, string>).REDIS_ADMIN_PASSWORD).toBe('r€dis');
    expect(result.placeholders.map((p) => `${p.secret}:${p.key}`)).toEqual(['postgres-secret:OTHER']);
    expect(result.unused).toEqual(['POSTGRES_SA_PASSWORD', 'UNUSED']);
    expect(registered).toContain('pg pass');
    expect(registered).toContain(Buffer.from('pg pass').toString('base64'));
  });

  it('parses JSON and YAML values and rejects non-strings without echoing content', () => {
    expect(parseSecretValues('{"A":"1","B":2}', 'x')).toEqual({ A: '1', B: '2' });
    expect(parseSecretValues('A: one\n', 'x')).toEqual({ A: 'one' });
    expect(() => parseSecretValues('{"A":{"b":1}}', 'x')).toThrow(/"A" must be a string/);
    expect(() => parseSecretValues('[1]', 'x')).toThrow(/must be an object/);
  });
});

describe('secret values never leak', () => {
  const SECRETS: Record<string, string> = {
    POSTGRES_SA_PASSWORD: 'pg-Super-Secret-1',
    ACCOUNT_SERVICE_DB_USER_PASSWORD: 'acct-Secret-2',
    MESSAGING_SERVICE_DB_USER_PASSWORD: 'msg-Secret-3',
    PROPERTY_SERVICE_DB_USER_PASSWORD: 'prop-Secret-4',
    REDIS_ADMIN_PASSWORD: 'redis-Admin-5',
    REDIS_PUBSUB_PASSWORD: 'redis-Pubsub-6',
    REDIS_CACHE_PASSWORD: 'redis-Cache-7',
    REDIS_RATELIMIT_PASSWORD: 'redis-Rate-8',
    REDIS_MONITOR_PASSWORD: 'redis-Monitor-9',
  };
  const forms = Object.values(SECRETS).flatMap((value) => [value, Buffer.from(value).toString('base64')]);

  it('from the examples/infra dev overlay: not in arguments, logs, report or summary; only on stdin', async () => {
    const control = await loadDeployControl(resolve(EXAMPLE, 'deploy-control.yaml'));
    const built = execFileSync(findOnPath('kubectl'), ['kustomize', resolve(EXAMPLE, 'k8s/hetzner/dev')], { encoding: 'utf8' });
    const fake = new FakeKubectl().on(['kustomize'], ok(built));
    // The server quotes a value back in an error: the report must still not contain it.
    const kube = new FakeKube().on(
      (c: KubeCall) => c.verb === 'apply' && c.name === 'redis-secret' && !c.options?.dryRun,
      apiError(
        422,
        'Invalid',
        `Secret "redis-secret" is invalid: stringData[REDIS_ADMIN_PASSWORD]: Invalid value: "${SECRETS.REDIS_ADMIN_PASSWORD}": too long`,
        [{ reason: 'FieldValueInvalid', message: `Invalid value: "${SECRETS.REDIS_ADMIN_PASSWORD}": too long`, field: 'stringData[REDIS_ADMIN_PASSWORD]' }],
      ),
    );
    serve(kube, []);
    const logger = new RecordingLogger();
    const registered: string[] = [];
    const report = await applyEnvironment(
      { environment: 'dev', control, secrets: SECRETS, dryRun: false, registerSecret: (value) => registered.push(value) },
      { kube, kubectl: new Kubectl(fake.executor), clock: new FakeClock(), logger },
    );
    expect(report.placeholders).toEqual([]);
    expect(report.resources.find((r) => r.name === 'redis-secret')?.action).toBe('failed');
    for (const value of Object.values(SECRETS)) expect(registered).toContain(value);

    const visible = [
      ...fake.calls.flatMap((c) => [...c.fullArgs, JSON.stringify(c.env ?? {})]),
      // What a request shows besides its body (the path and query: kind, namespace, name, options).
      ...kube.calls.map((c) => JSON.stringify({ ...c, body: undefined })),
      ...logger.lines,
      JSON.stringify(report),
      applyMarkdown(report),
    ].join('\n');
    for (const form of forms) expect(visible).not.toContain(form);
    expect(visible).toContain('***');
    // The values did reach the API server, in the request bodies only.
    const bodies = JSON.stringify(
      kube
        .of('apply')
        .filter((c) => !c.options?.dryRun)
        .map((c) => c.body),
    );
    expect(bodies).toContain(Buffer.from(SECRETS.POSTGRES_SA_PASSWORD!).toString('base64'));
    expect(bodies).toContain(SECRETS.REDIS_ADMIN_PASSWORD);
  });

  it('refuses to deploy while a placeholder remains, naming Secret and key, before any server call', async () => {
    const control = await loadDeployControl(resolve(EXAMPLE, 'deploy-control.yaml'));
    const built = execFileSync(findOnPath('kubectl'), ['kustomize', resolve(EXAMPLE, 'k8s/hetzner/dev')], { encoding: 'utf8' });
    const fake = new FakeKubectl().on(['kustomize'], ok(built));
    const kube = new FakeKube();
    const { REDIS_MONITOR_PASSWORD: _missing, ...partial } = SECRETS;
    const report = await applyEnvironment(
      { environment: 'dev', control, secrets: { ...partial, TYPO_PASSWORD: 'typo-value' }, dryRun: false, registerSecret: () => undefined },
      { kube, kubectl: new Kubectl(fake.executor), clock: new FakeClock(), logger: new RecordingLogger() },
    );
    expect(fake.commands().map((args) => args[0])).toEqual(['kustomize']);
    expect(kube.calls).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.placeholders).toEqual([{ secret: 'redis-secret', namespace: 'default', key: 'REDIS_MONITOR_PASSWORD', field: 'stringData' }]);
    expect(report.errors[0]).toContain('Secret default/redis-secret: key REDIS_MONITOR_PASSWORD (stringData) still holds a placeholder');
    expect(report.warnings[0]).toContain('TYPO_PASSWORD');
    expect(JSON.stringify(report)).not.toContain('typo-value');
  });

  it('skips the services the gate did not select', async () => {
    const control = await loadDeployControl(resolve(EXAMPLE, 'deploy-control.yaml'));
    const built = execFileSync(findOnPath('kubectl'), ['kustomize', resolve(EXAMPLE, 'k8s/hetzner/dev')], { encoding: 'utf8' });
    const fake = new FakeKubectl().on(['kustomize'], ok(built));
    const kube = serve(new FakeKube(), []);
    const report = await applyEnvironment(
      { environment: 'dev', control, secrets: SECRETS, services: ['jaeger'], dryRun: false, registerSecret: () => undefined },
      { kube, kubectl: new Kubectl(fake.executor), clock: new FakeClock(), logger: new RecordingLogger() },
    );
    const applied = namesOf(kube, 'apply', false).map((name) => name.split('/')[1]);
    expect(applied).toEqual(['jaeger-headless', 'jaeger', 'jaeger']);
    expect(report.resources.filter((r) => r.action === 'skipped').map((r) => r.reason)).toContain('service postgres was not selected for this deploy');
    expect(report.workloads).toEqual([{ kind: 'StatefulSet', namespace: 'default', name: 'jaeger' }]);
  });
});
