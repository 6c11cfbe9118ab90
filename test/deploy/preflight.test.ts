import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeploy } from '../../src/deploy/pipeline.js';
import { deployMarkdown } from '../../src/deploy/summary.js';
import type { DeployDependencies, DeployRequest } from '../../src/deploy/types.js';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { parseYaml } from '../../src/yaml/located.js';
import { call, type FakeKube } from '../helpers/fake-kube.js';
import { FakeKubectl } from '../helpers/fake-kubectl.js';
import { basicAuthorization, freePort, pushImage, registryAvailability, startRegistry, type RunningRegistry } from '../preflight/registry-server.js';
import { FakeClock } from '../rollout/helpers.js';
import { apiFor, clusterWrites, controlFor, overlayObjects, readyDeployment, releasesOf, scriptNewObjects, streamOf } from './helpers.js';

const availability = registryAvailability();
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe.runIf(availability.run)("the deploy pipeline's preflight phase against a real registry", () => {
  let open: RunningRegistry;
  let basic: RunningRegistry;
  let digest: string;
  let root: string;

  beforeAll(async () => {
    [open, basic] = await Promise.all([startRegistry(), startRegistry({ htpasswd: { username: 'puller', password: 'pull-pass-1234' } })]);
    digest = await pushImage(open, 'shop/web', '2.0');
    await pushImage(basic, 'shop/private', '1.0', { authorization: basicAuthorization('puller', 'pull-pass-1234') });
    root = await mkdtemp(join(tmpdir(), 'k8sapp-preflight-'));
  }, 60_000);
  afterAll(async () => {
    await Promise.all([open?.stop(), basic?.stop()]);
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** A repository on disk (so images are located on their line) whose kustomize output the fake kubectl replays. */
  async function setup(image: string, settings: { image_preflight: string; pin_digests: boolean }, podSpec: Record<string, unknown> = {}) {
    const dir = await mkdtemp(join(root, 'repo-'));
    const base = controlFor('web', {}, join(dir, 'deploy-control.yaml'));
    const config = { ...base.config, environments: { dev: { ...base.config.environments.dev, ...settings } } };
    const control = { ...base, config: config as typeof base.config, document: parseYaml(JSON.stringify(config), base.file) };
    const objects = overlayObjects('web').map((o) => (o.kind === 'Deployment' ? withImage(o, image, podSpec) : o));
    await mkdir(join(dir, 'k8s/dev'), { recursive: true });
    await writeFile(join(dir, 'k8s/dev/kustomization.yaml'), 'resources:\n  - web.yaml\n');
    await writeFile(join(dir, 'k8s/dev/web.yaml'), streamOf(objects));
    const fake = new FakeKubectl();
    // The pull-secret reads go through the API client: the default ServiceAccount names none, regcred holds the
    // registry's credentials, absent does not exist. The rest of the cluster is the usual new-objects script.
    const kube = apiFor(fake)
      .on(call('get', { kind: 'ServiceAccount', name: 'default', namespace: 'apps' }), undefined)
      .on(call('get', { kind: 'Secret', name: 'regcred', namespace: 'apps' }), {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/dockerconfigjson',
        metadata: { name: 'regcred', namespace: 'apps' },
        data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { [basic.host]: { auth: b64('puller:pull-pass-1234') } } })) },
      })
      .on(call('get', { kind: 'Secret', name: 'absent', namespace: 'apps' }), undefined);
    scriptNewObjects(fake, objects, () => readyDeployment('web'));
    const registered: string[] = [];
    const logger = new RecordingLogger();
    const deps: DeployDependencies = {
      kustomize: new Kubectl(fake.executor),
      kube,
      clock: new FakeClock('2026-11-23T10:00:00Z'),
      logger,
      registerSecret: (v) => registered.push(v),
      fetch: (url, init) => fetch(url, init),
      registryTimeoutMs: 3000,
    };
    const request: DeployRequest = {
      environment: 'dev',
      control,
      trigger: 'auto',
      secrets: { PASSWORD: 'pa55-Word_for-web' },
      dryRun: false,
      git: { sha: 'a'.repeat(40), ref: 'refs/heads/dev' },
      migrations: [],
    };
    return { fake, kube, deps, request, registered, logger, manifest: join(dir, 'k8s/dev/web.yaml') };
  }

  function withImage(object: KubernetesObject, image: string, podSpec: Record<string, unknown>): KubernetesObject {
    const copy = structuredClone(object) as KubernetesObject & { spec: { template: { spec: Record<string, unknown> & { containers: { image: string }[] } } } };
    copy.spec.template.spec.containers[0]!.image = image;
    Object.assign(copy.spec.template.spec, podSpec);
    return copy;
  }

  // Before a refusal only reads happen: the build (kubectl kustomize, offline), the connect probe (the server's
  // version) and the pull-secret reads (GETs) — no list, no dry run, no write.
  const beyondReads = (fake: FakeKubectl, kube: FakeKube) => [
    ...fake.calls.filter((c) => c.args[0] !== 'kustomize'),
    ...kube.calls.filter((c) => !['get', 'version'].includes(c.verb)),
  ];
  // The preflight's reads: ServiceAccounts and Secrets other than the overlay's own (which the apply engine lists).
  const pullSecretReads = (kube: FakeKube) =>
    kube.calls
      .filter(
        (c) => c.kind === 'ServiceAccount' || (c.kind === 'Secret' && c.name !== 'web-secret' && !String(c.options?.fieldSelector).includes('web-secret')),
      )
      .map((c) => `${c.verb} ${c.kind} ${c.namespace}/${c.name}`);

  it('a missing tag under enforce: refused before any mutating call, naming the image, workload, file and line', async () => {
    const { fake, kube, deps, request, manifest } = await setup(`${open.host}/shop/web:2.01`, { image_preflight: 'enforce', pin_digests: false });
    const report = await runDeploy(request, deps);
    expect(report.status).toBe('failed');
    expect(beyondReads(fake, kube)).toEqual([]);
    expect(report.phases.map((p) => `${p.name}:${p.outcome}`)).toEqual(['gate:succeeded', 'build:succeeded', 'connect:succeeded', 'preflight:failed']);
    const [finding] = report.preflight?.findings ?? [];
    // web.yaml: the Deployment is the third document; its image key is on line 41 of the stream helpers write.
    expect(finding).toMatchObject({ severity: 'error', code: 'IMAGE_NOT_FOUND', location: { file: manifest } });
    expect(finding?.location?.line).toBe(
      readFileSync(manifest, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('shop/web:2.01')) + 1,
    );
    expect(report.message).toContain(
      `image ${open.host}/shop/web:2.01 of Deployment/web (namespace apps) container app: tag 2.01 of shop/web does not exist in ${open.host}; set at ${manifest}:`,
    );
    expect(deployMarkdown(report)).toContain('### Image preflight (enforce): refused');
  });

  it('the same missing tag under warn: a warning, and the deploy goes on', async () => {
    const { deps, request } = await setup(`${open.host}/shop/web:2.01`, { image_preflight: 'warn', pin_digests: false });
    const report = await runDeploy(request, deps);
    expect(report.status).toBe('succeeded');
    expect(report.preflight?.findings.map((f) => f.severity)).toEqual(['warning']);
  });

  it('pin_digests: the apply and the release record carry image@sha256 resolved from the registry', async () => {
    const { fake, kube, deps, request } = await setup(`${open.host}/shop/web:2.0`, { image_preflight: 'enforce', pin_digests: true });
    const report = await runDeploy(request, deps);
    expect(report.status).toBe('succeeded');
    const applied = JSON.stringify(kube.of('apply').map((c) => c.body));
    expect(applied).toContain(`"image":"${open.host}/shop/web:2.0@${digest}"`);
    expect(report.release?.recorded?.images).toEqual([{ image: `${open.host}/shop/web:2.0`, digest }]);
    expect(clusterWrites(fake)).toContain('create ConfigMap/k8sapp-releases-dev');
    expect(releasesOf(kube).stored()?.data['releases.json']).toContain(digest);
    expect(deployMarkdown(report)).toContain(`${digest} (pinned)`);
  });

  it("a private image: resolved with the pod's pull secret (its values registered as secrets), refused without one", async () => {
    const image = `${basic.host}/shop/private:1.0`;
    const withSecret = await setup(image, { image_preflight: 'enforce', pin_digests: false }, { imagePullSecrets: [{ name: 'regcred' }] });
    const ok1 = await runDeploy(withSecret.request, withSecret.deps);
    expect(ok1.preflight?.images).toMatchObject([{ status: 'resolved', credentials: 'pull secret apps/regcred' }]);
    expect(withSecret.registered).toEqual(expect.arrayContaining(['pull-pass-1234', b64('puller:pull-pass-1234')]));
    expect(withSecret.logger.lines.join('\n')).not.toContain('pull-pass-1234');
    // The pod's ServiceAccount and the Secret it names, one GET each, in the workload's namespace.
    expect(pullSecretReads(withSecret.kube)).toEqual(['get ServiceAccount apps/default', 'get Secret apps/regcred']);

    const none = await setup(image, { image_preflight: 'enforce', pin_digests: false });
    const refused = await runDeploy(none.request, none.deps);
    expect(refused.status).toBe('failed');
    expect(beyondReads(none.fake, none.kube)).toEqual([]);
    expect(refused.message).toContain('needs credentials for shop/private (401 Unauthorized) and no pull secret is configured: add imagePullSecrets');

    const absent = await setup(image, { image_preflight: 'enforce', pin_digests: false }, { imagePullSecrets: [{ name: 'absent' }] });
    const missing = await runDeploy(absent.request, absent.deps);
    expect(missing.message).toContain('pull secret apps/absent does not exist');
  });

  it('a registry that is down: a warning naming it, the deploy goes on even under enforce', async () => {
    const port = await freePort();
    const { deps, request } = await setup(`127.0.0.1:${port}/shop/web:2.0`, { image_preflight: 'enforce', pin_digests: true });
    const report = await runDeploy(request, deps);
    expect(report.status).toBe('succeeded');
    expect(report.preflight?.findings).toMatchObject([
      {
        severity: 'warning',
        code: 'IMAGE_REGISTRY_UNAVAILABLE',
        message: expect.stringContaining(`registry 127.0.0.1:${port} could not answer (ECONNREFUSED`),
      },
    ]);
    expect(report.preflight?.findings[0]?.message).toContain('the cluster may not be able to pull it either');
    expect(report.preflight?.pinned).toEqual([]);
  });
});
