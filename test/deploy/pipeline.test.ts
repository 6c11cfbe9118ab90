import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runDeploy } from '../../src/deploy/pipeline.js';
import { deployMarkdown } from '../../src/deploy/summary.js';
import type { DeployDependencies, DeployRequest } from '../../src/deploy/types.js';
import { ConfigurationError } from '../../src/errors.js';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { RecordingLogger } from '../../src/log.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { call, listOf, recordedItems, unreachable as unreachableAnswer } from '../helpers/fake-kube.js';
import { FakeKubectl, ok } from '../helpers/fake-kubectl.js';
import { FakeClock, listsPods } from '../rollout/helpers.js';
import { crashingDeployment } from '../rollout/scenarios.js';
import {
  apiFor,
  clusterWrites,
  controlFor,
  deadlineDeployment,
  FakeDeployments,
  migration,
  NS,
  overlayObjects,
  previousVersion,
  readyDeployment,
  releasesHolding,
  releasesOf,
  scriptNewObjects,
  streamOf,
} from './helpers.js';

const SECRET = 'pa55-Word_for-web';
const SHA = '0123456789abcdef0123456789abcdef01234567';

function setup(overrides: Partial<DeployRequest> = {}, control = controlFor('web')) {
  const fake = new FakeKubectl();
  const logger = new RecordingLogger();
  const deployments = new FakeDeployments();
  const registered: string[] = [];
  const deps: DeployDependencies = {
    // kubectl builds the overlay and nothing else; every cluster call goes to the API client.
    kustomize: new Kubectl(fake.executor),
    kube: apiFor(fake),
    clock: new FakeClock('2026-11-23T10:00:00Z'),
    logger,
    registerSecret: (value) => registered.push(value),
    deployments,
  };
  const request: DeployRequest = {
    environment: 'dev',
    control,
    trigger: 'auto',
    secrets: { PASSWORD: SECRET },
    dryRun: false,
    git: { sha: SHA, ref: 'refs/heads/dev' },
    runUrl: 'https://github.example/org/repo/actions/runs/7',
    migrations: [],
    ...overrides,
  };
  return { fake, logger, deployments, registered, deps, request };
}

const KUSTOMIZE = [['kustomize', '/repo/infra/k8s/dev']];
const RELEASE_WRITE = 'create ConfigMap/k8sapp-releases-dev';

describe('runDeploy', () => {
  it('gate says no: status skipped, not one cluster or kubectl call, no deployment record', async () => {
    const { fake, deployments, deps, request } = setup({}, controlFor('web', { auto_deploy: false }));
    const report = await runDeploy(request, deps);
    expect(report.status).toBe('skipped');
    expect(report.message).toContain('AUTO_DEPLOY_OFF');
    expect(fake.calls).toEqual([]);
    expect(apiFor(fake).calls).toEqual([]);
    expect(deployments.created).toEqual([]);
    expect(report.phases.map((p) => [p.name, p.outcome])).toEqual([['gate', 'blocked']]);
    expect(deployMarkdown(report)).toContain('⏭️ skipped');
  });

  it('happy path: build → apply → rollout → release recorded; deployment in_progress → success with the run URL', async () => {
    const { fake, logger, deployments, deps, request } = setup();
    const objects = overlayObjects('web');
    scriptNewObjects(fake, objects, () => readyDeployment('web'));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    expect(report.resources.map((r) => `${r.kind}/${r.name}=${r.action}`)).toEqual([
      'ConfigMap/web-config=created',
      'Secret/web-secret=created',
      'Deployment/web=created',
    ]);
    expect(report.rollout?.workloads.map((w) => [w.name, w.status])).toEqual([['web', 'succeeded']]);
    expect(report.rollback).toBeNull();
    // The apply (one request per object, through the API), then (after the rollout's wait) the release record.
    expect(clusterWrites(fake)).toEqual(['apply ConfigMap/web-config', 'apply Secret/web-secret', 'apply Deployment/web', RELEASE_WRITE]);
    const kube = apiFor(fake);
    const releaseWrite = kube.of('create').find((c) => c.name === 'k8sapp-releases-dev');
    expect(kube.calls.findIndex((c) => c.verb === 'watch' && c.kind === 'Deployment')).toBeGreaterThan(-1);
    expect(kube.calls.findIndex((c) => c.verb === 'watch' && c.kind === 'Deployment')).toBeLessThan(kube.calls.indexOf(releaseWrite!));
    // kubectl only built the overlay.
    expect(fake.commands()).toEqual(KUSTOMIZE);
    // The Secret reached the API server with its value, in the request body only.
    const apply = kube.of('apply').find((c) => c.kind === 'Secret' && !c.options?.dryRun);
    expect(JSON.stringify(apply?.body)).toContain(Buffer.from(SECRET).toString('base64'));
    expect(kube.calls.some((c) => JSON.stringify({ ...c, body: undefined }).includes(SECRET))).toBe(false);
    expect(JSON.stringify(releaseWrite?.body)).not.toContain(Buffer.from(SECRET).toString('base64'));
    // The release holds every object, the Secret only by name.
    const stored = releasesOf(kube).stored();
    const yaml = gunzipSync(Buffer.from(stored?.binaryData['r1.yaml.gz'] ?? '', 'base64')).toString('utf8');
    expect(yaml).toContain('kind: Deployment');
    expect(yaml).toContain('name: web-config');
    expect(yaml).not.toContain('kind: Secret');
    expect(yaml).not.toContain('StrongBase64Password');
    expect(report.release?.recorded).toMatchObject({ revision: 1, sha: SHA, objects: 2, strippedSecrets: ['apps/web-secret'] });
    expect(deployments.created).toMatchObject([
      { ref: SHA, environment: 'dev', description: `k8sapp deploy of ${SHA.slice(0, 12)} to dev`, production: false },
    ]);
    expect(deployments.statuses.map((s) => [s.id, s.state, s.logUrl])).toEqual([
      [4242, 'in_progress', 'https://github.example/org/repo/actions/runs/7'],
      [4242, 'success', 'https://github.example/org/repo/actions/runs/7'],
    ]);
    expect(report.deployment).toEqual({ id: 4242 });
    expect(report.phases.map((p) => [p.name, p.outcome])).toEqual([
      ['gate', 'succeeded'],
      ['build', 'succeeded'],
      ['connect', 'succeeded'],
      ['migrations-pre', 'succeeded'],
      ['apply', 'succeeded'],
      ['rollout', 'succeeded'],
      ['migrations-post', 'succeeded'],
      ['release', 'succeeded'],
    ]);
    // One group per phase, titled with the phase; building blocks' own groups are headings inside them.
    const groups = logger.lines.filter((line) => line.startsWith('== '));
    expect(groups.map((g) => g.split(':')[0])).toEqual([
      '== gate',
      '== build',
      '== connect',
      '== migrations-pre',
      '== apply',
      '== rollout',
      '== migrations-post',
      '== release',
    ]);
    expect(logger.lines).toContain('rollout succeeded in 0.0 s');
    const summary = deployMarkdown(report);
    expect(summary).toContain('| apply | succeeded |');
    expect(summary).toContain('Release **1**');
  });

  it('rollout fails with rollback_on_failure: the template read before the apply is restored, status rolled-back, deployment failure, no release', async () => {
    const { fake, deployments, deps, request } = setup();
    scriptNewObjects(fake, overlayObjects('web'), (undone) => (undone ? readyDeployment('web') : deadlineDeployment('web')), previousVersion('web'));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('rolled-back');
    expect(report.rollout?.workloads[0]).toMatchObject({ name: 'web', status: 'failed', reason: 'ProgressDeadlineExceeded' });
    expect(report.rollback).toMatchObject({ mode: 'undo', status: 'succeeded', workloads: [{ name: 'web', action: 'undone', status: 'succeeded' }] });
    const kube = apiFor(fake);
    expect(clusterWrites(fake).filter((w) => !w.startsWith('apply '))).toEqual(['patch Deployment/web']);
    const [undo] = kube.of('patch');
    expect(undo).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: NS, options: { type: 'json' } });
    // Exactly the live template of before the deploy goes back: image tag 1, not the controller's "previous revision".
    expect(undo?.body).toEqual([{ op: 'replace', path: '/spec/template', value: (previousVersion('web')[2]?.spec as { template: unknown }).template }]);
    expect(releasesOf(kube).stored()).toBeUndefined();
    expect(report.release).toBeNull();
    expect(deployments.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(report.phases.find((p) => p.name === 'rollout')?.outcome).toBe('rolled-back');
    expect(report.phases.map((p) => p.name)).not.toContain('migrations-post');
  });

  it('a failing rollout of a deploy that changed only replicas rolls nothing back: the running template is the good one', async () => {
    const { fake, deps, request } = setup();
    const live = overlayObjects('web').map((object): KubernetesObject => ({
      ...structuredClone(object),
      metadata: { ...object.metadata, uid: `uid-${object.metadata.name}` },
    }));
    (live[2]?.spec as { replicas: number }).replicas = 1;
    scriptNewObjects(fake, overlayObjects('web'), () => deadlineDeployment('web'), live);

    const report = await runDeploy(request, deps);

    expect(report.resources.find((r) => r.kind === 'Deployment')?.action).toBe('configured');
    expect(report.status).toBe('failed');
    expect(report.rollback?.workloads[0]).toMatchObject({ name: 'web', action: 'nothing-to-undo' });
    expect(report.rollback?.workloads[0]?.message).toContain('did not change its pod template');
    expect(clusterWrites(fake).filter((w) => !w.startsWith('apply '))).toEqual([]);
  });

  it('a failing rollout of a Deployment this deploy created: nothing to return to, nothing undone', async () => {
    const { fake, deps, request } = setup();
    scriptNewObjects(fake, overlayObjects('web'), () => deadlineDeployment('web'));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('failed');
    expect(report.rollback?.workloads[0]).toMatchObject({ name: 'web', action: 'nothing-to-undo' });
    expect(report.rollback?.workloads[0]?.message).toContain('this deploy created it');
    expect(clusterWrites(fake).filter((w) => !w.startsWith('apply '))).toEqual([]);
  });

  it('a failing pre migration stops before the apply: no dry run, no apply, deployment failure', async () => {
    const failing = migration({
      id: '001-refuse',
      phase: 'pre',
      run: async () => {
        throw new Error('backup missing');
      },
    });
    const post = migration({ id: '002-after', phase: 'post' });
    const { fake, deployments, deps, request } = setup({ migrations: [failing, post] });
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('failed');
    expect(report.message).toContain('001-refuse: backup missing');
    expect(apiFor(fake).of('apply')).toEqual([]);
    // The only write is the migration record (what ran and that it failed).
    expect(clusterWrites(fake)).toEqual([`create ConfigMap/k8sapp-migrations-dev`]);
    expect(report.migrations?.results.map((r) => [r.id, r.status])).toEqual([['001-refuse', 'failed']]);
    expect(report.apply).toBeNull();
    expect(deployments.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
  });

  it('a failing post migration fails the deploy and rolls back per deploy-control; no release is recorded', async () => {
    const post = migration({
      id: '003-reindex',
      phase: 'post',
      components: ['web'],
      run: async () => {
        throw new Error('reindex failed');
      },
    });
    const { fake, deps, request } = setup({ migrations: [post] });
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'), previousVersion('web'));
    const report = await runDeploy(request, deps);
    expect(report.status).toBe('rolled-back');
    expect(report.rollback).toMatchObject({ mode: 'undo', status: 'succeeded', workloads: [{ name: 'web', action: 'undone' }] });
    expect(clusterWrites(fake).filter((w) => w.includes('k8sapp-releases'))).toEqual([]);
    expect(report.phases.map((p) => [p.name, p.outcome]).slice(-2)).toEqual([
      ['migrations-post', 'failed'],
      ['rollback', 'rolled-back'],
    ]);
  });

  it('dry run: plan only — no mutating call, migrations listed, no rollout, no release, no deployment record', async () => {
    const pre = migration({ id: '001-grow', phase: 'pre', run: async () => expect.unreachable('run in a dry run') });
    const post = migration({ id: '002-after', phase: 'post', components: ['web'], isNeeded: async () => false });
    const { fake, deployments, deps, request } = setup({ dryRun: true, migrations: [pre, post] });
    scriptNewObjects(fake, overlayObjects('web'), () => readyDeployment('web'));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('succeeded');
    expect(clusterWrites(fake)).toEqual([]);
    expect(fake.commands()).toEqual(KUSTOMIZE);
    expect(apiFor(fake).of('apply').length).toBeGreaterThan(0);
    expect(
      apiFor(fake)
        .of('apply')
        .every((c) => c.options?.dryRun === true),
    ).toBe(true);
    expect(report.apply?.mode).toBe('plan');
    expect(report.resources.map((r) => r.action)).toEqual(['created', 'created', 'created']);
    expect(report.migrations?.results.map((r) => [r.id, r.status])).toEqual([
      ['001-grow', 'would-run'],
      ['002-after', 'not-needed'],
    ]);
    expect(report.rollout).toBeNull();
    expect(report.release).toBeNull();
    expect(deployments.created).toEqual([]);
    expect(deployments.statuses).toEqual([]);
    expect(report.phases.map((p) => p.name)).not.toContain('rollout');
  });

  it('never lets a secret value out: container logs echoing it are redacted from report, summary and log', async () => {
    const control = controlFor('crashy', { rollback_on_failure: false });
    const { fake, logger, registered, deps, request } = setup({}, control);
    const objects = overlayObjects('crashy', 'ro-crash-1');
    apiFor(fake)
      .on(call('logs'), `starting crashy\nconnecting as admin with password ${SECRET}\nDB_PASSWORD_B64=${Buffer.from(SECRET).toString('base64')}\n`)
      .on(listsPods, listOf(recordedItems('rollout-status-crashloop-deploy/05-get-pods-json')));
    scriptNewObjects(fake, objects, () => crashingDeployment());

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('failed');
    const row = report.rollout?.workloads[0]?.diagnosis.find((r) => r.reason === 'CrashLoopBackOff');
    // The log was quoted — with the value masked.
    expect(row?.logs).toEqual(['starting crashy', 'connecting as admin with password ***', 'DB_PASSWORD_B64=***']);
    expect(apiFor(fake).of('logs')[0]).toMatchObject({ name: row?.pod, namespace: 'ro-crash-1', options: { previous: true } });
    const everything = [JSON.stringify(report), deployMarkdown(report), logger.lines.join('\n')].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(registered).toEqual(expect.arrayContaining([SECRET, Buffer.from(SECRET).toString('base64')]));
  });

  it('an unknown service is a configuration error before any cluster call', async () => {
    const { fake, deps, request } = setup({ services: ['nope'] });
    await expect(runDeploy(request, deps)).rejects.toThrow(/not configured under environments.dev.services/);
    expect(fake.calls).toEqual([]);
    expect(apiFor(fake).calls).toEqual([]);
  });

  it('approval required: the injected check decides; without one (CLI) the report says GitHub enforces it', async () => {
    const control = controlFor('web', { require_manual_approval: true });
    const blocked = setup({ trigger: 'manual' }, control);
    blocked.deps.checkApproval = async () => ({ confirmed: false, passes: false, code: 'APPROVAL_NO_REVIEWERS', message: 'no reviewers', reviewers: [] });
    const refused = await runDeploy(blocked.request, blocked.deps);
    expect(refused.status).toBe('skipped');
    expect(refused.message).toContain('APPROVAL_NO_REVIEWERS');
    expect(blocked.fake.calls).toEqual([]);
    expect(apiFor(blocked.fake).calls).toEqual([]);

    const cli = setup({ trigger: 'manual', dryRun: true }, control);
    scriptNewObjects(cli.fake, overlayObjects('web'), () => readyDeployment('web'));
    const planned = await runDeploy(cli.request, cli.deps);
    expect(planned.status).toBe('succeeded');
    expect(planned.approval).toBeNull();
    expect(planned.notes.join(' ')).toContain('enforced by the required reviewers of the GitHub environment "dev"');
  });
});

describe('release rollback goes through the apply engine', () => {
  it('rollback: release re-applies the last good release with staging and honest results', async () => {
    const control = controlFor('web', { rollback: 'release' });
    const { fake, deps, request } = setup({}, control);
    // The last good release ran image tag 1; this deploy brings tag 2 (and the same ConfigMap).
    const good = overlayObjects('web')
      .filter((o) => o.kind !== 'Secret')
      .map((o) => JSON.parse(JSON.stringify(o).replace('registry.example/web:2', 'registry.example/web:1')) as KubernetesObject);
    const store: KubernetesObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'k8sapp-releases-dev', namespace: 'default' },
      data: {
        'releases.json': JSON.stringify([
          { revision: 3, sha: 'good', time: '2026-11-20T10:00:00Z', digest: 'sha256:x', objects: 2, strippedSecrets: [], bytes: 10 },
        ]),
      },
      binaryData: { 'r3.yaml.gz': gzipSync(Buffer.from(good.map((o) => JSON.stringify(o)).join('\n---\n'))).toString('base64') },
    };
    await releasesHolding(fake, store);
    // After the release was re-applied (the deploy's 3 applies, then the release's Deployment), it is healthy again.
    scriptNewObjects(fake, overlayObjects('web'), () => (clusterWrites(fake).length >= 4 ? readyDeployment('web') : deadlineDeployment('web')));

    const report = await runDeploy(request, deps);

    expect(report.status).toBe('rolled-back');
    expect(report.rollback).toMatchObject({ mode: 'release', release: 3, status: 'succeeded', workloads: [{ name: 'web', action: 'reapplied' }] });
    // The engine's way: the release's objects (no Secret) are dry-run, and only what differs from the live state
    // (the Deployment's image; the ConfigMap is unchanged) is applied again.
    expect(clusterWrites(fake)).toEqual(['apply ConfigMap/web-config', 'apply Secret/web-secret', 'apply Deployment/web', 'apply Deployment/web']);
    const kube = apiFor(fake);
    const reapplied = kube
      .of('apply')
      .filter((c) => !c.options?.dryRun)
      .slice(3);
    expect(JSON.stringify(reapplied[0]?.body)).toContain('registry.example/web:1');
    const dryRuns = kube.of('apply').filter((c) => c.options?.dryRun && kube.calls.indexOf(c) > kube.calls.indexOf(kube.of('apply')[5]!));
    expect(dryRuns.map((c) => `${c.kind}/${c.name}`)).toEqual(['ConfigMap/web-config', 'Deployment/web']);
    expect(kube.calls.indexOf(dryRuns[1]!)).toBeLessThan(kube.calls.indexOf(reapplied[0]!));
    expect(report.rollback?.workloads[0]?.message).toContain('release 3 re-applied');
  });
});

describe('every input check runs before the first cluster call (issue 13)', () => {
  /** The cluster client records every call; kustomize (an offline build) gets its own fake. */
  function checked(overrides: Partial<DeployRequest> = {}, control = controlFor('web'), objects = overlayObjects('web')) {
    const context = setup(overrides, control);
    const kustomize = new FakeKubectl().on(['kustomize'], ok(streamOf(objects)));
    context.deps.kustomize = new Kubectl(kustomize.executor);
    let asked = 0;
    const pre = migration({ id: '001-grow', phase: 'pre', isNeeded: async () => (asked++, true) });
    context.request.migrations = [pre];
    return { ...context, kustomize, asked: () => asked };
  }

  it('a placeholder left and no secrets: ConfigurationError located on the Secret key; zero cluster calls, no migration, no deployment record', async () => {
    const { fake, kustomize, deployments, deps, request, asked } = checked({ secrets: {} });
    const error = await runDeploy(request, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).findings).toEqual([
      expect.objectContaining({
        code: 'PLACEHOLDER_LEFT',
        key: 'data.PASSWORD',
        message: expect.stringContaining('Secret apps/web-secret: key PASSWORD (data) still holds a placeholder'),
      }),
    ]);
    expect((error as Error).message).toContain('nothing was changed (no cluster call, no migration, no deployment record)');
    expect(fake.calls).toEqual([]);
    expect(apiFor(fake).calls).toEqual([]);
    expect(kustomize.commands()).toEqual([['kustomize', '/repo/infra/k8s/dev']]);
    expect(asked()).toBe(0);
    expect(deployments.created).toEqual([]);
    expect(deployments.statuses).toEqual([]);
  });

  it('an invalid image reference: located on the container image; zero cluster calls', async () => {
    const objects = overlayObjects('web');
    ((objects[2]?.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0] as { image: string }).image =
      'registry.example/Web::2';
    const { fake, deployments, deps, request } = checked({}, controlFor('web'), objects);
    const error = (await runDeploy(request, deps).catch((e: unknown) => e)) as ConfigurationError;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.findings).toEqual([
      expect.objectContaining({
        code: 'IMAGE_REFERENCE',
        key: 'spec.template.spec.containers.0.image',
        message: 'Deployment web, container app: "registry.example/Web::2" is not a valid image reference (the repository name must be lowercase)',
        location: expect.objectContaining({ line: expect.any(Number) }),
      }),
    ]);
    expect(fake.calls).toEqual([]);
    expect(apiFor(fake).calls).toEqual([]);
    expect(deployments.created).toEqual([]);
  });

  it('a service that selects no manifest is refused, located on its key in deploy-control.yaml; zero cluster calls', async () => {
    const control = controlFor('mongo');
    const { fake, deployments, deps, request } = checked({ services: ['mongo'] }, control, overlayObjects('web'));
    const error = (await runDeploy(request, deps).catch((e: unknown) => e)) as ConfigurationError;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.findings).toEqual([
      expect.objectContaining({
        code: 'SERVICE_SELECTS_NOTHING',
        key: 'environments.dev.services.mongo',
        location: expect.objectContaining({ file: '/repo/infra/deploy-control.yaml', line: expect.any(Number) }),
      }),
    ]);
    expect(fake.calls).toEqual([]);
    expect(apiFor(fake).calls).toEqual([]);
    expect(deployments.created).toEqual([]);
  });
});

describe('a cluster that cannot be reached is one sentence, at the first call (issue 13)', () => {
  const SERVER = 'https://k8sapp-test.invalid:6443';
  const NOT_DONE = 'nothing was changed in dev (no migration, no apply)';
  /** The server's version (the first cluster call) cannot be asked: the client's answer is `answer`. */
  function unreachable(answer: ReturnType<typeof unreachableAnswer>) {
    const context = setup({ server: SERVER });
    let asked = 0;
    context.request.migrations = [migration({ id: '001-grow', phase: 'pre', isNeeded: async () => (asked++, true) })];
    context.fake.on(['kustomize'], ok(streamOf(overlayObjects('web'))));
    const kube = apiFor(context.fake).on(call('version'), answer);
    return { ...context, kube, asked: () => asked };
  }

  it('DNS: stops at the first call, names the server and the cause once; no migration asked, nothing applied', async () => {
    const { fake, kube, deps, request, logger, asked } = unreachable(unreachableAnswer('dns', SERVER, 'getaddrinfo ENOTFOUND k8sapp-test.invalid'));
    const report = await runDeploy(request, deps);
    expect(report.status).toBe('failed');
    expect(report.message).toBe(
      `Cannot reach the Kubernetes API server ${SERVER}: its host name does not resolve (DNS); ${NOT_DONE}. (getaddrinfo ENOTFOUND k8sapp-test.invalid)`,
    );
    expect(kube.calls).toEqual([{ verb: 'version' }]);
    expect(fake.commands()).toEqual(KUSTOMIZE);
    expect(asked()).toBe(0);
    expect(report.migrations).toBeNull();
    expect(report.phases.map((p) => [p.name, p.outcome])).toEqual([
      ['gate', 'succeeded'],
      ['build', 'succeeded'],
      ['connect', 'error'],
    ]);
    const summary = deployMarkdown(report);
    expect(summary.split(SERVER).length - 1).toBe(1);
    expect(summary).not.toMatch(/Unhandled Error|migration failed|### Migrations/);
    expect(logger.lines.filter((line) => line.includes('Cannot reach'))).toHaveLength(1);
  });

  it("refused (the API server is down): retrying is the client's (one version call), then the same one sentence once; nothing applied", async () => {
    const { kube, deps, request, logger, deployments } = unreachable(unreachableAnswer('refused', SERVER, 'connect ECONNREFUSED 10.0.0.5:6443'));
    const report = await runDeploy(request, deps);
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(
      new RegExp(
        `^Cannot reach the Kubernetes API server ${SERVER}: the connection was refused .*; nothing was changed in dev \\(no migration, no apply\\)\\. \\(connect ECONNREFUSED 10\\.0\\.0\\.5:6443\\)$`,
      ),
    );
    // The pipeline asks once: transport retries are the client's one retry policy, not a loop of the pipeline's.
    expect(kube.calls).toEqual([{ verb: 'version' }]);
    expect(logger.lines.filter((line) => line.includes('Cannot reach'))).toHaveLength(1);
    // The cluster is checked before the deployment record (the image preflight between them reads it): no record.
    expect(deployments.created).toEqual([]);
  });

  it("TLS (the kubeconfig's CA is not the server's): the sentence names the server once and the cause, and nothing else", async () => {
    const detail = 'UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate';
    const { deps, request } = unreachable(unreachableAnswer('tls', SERVER, detail));
    const report = await runDeploy(request, deps);
    expect(report.message).toBe(
      `Cannot reach the Kubernetes API server ${SERVER}: its TLS certificate is not trusted (the kubeconfig's certificate-authority-data is not this ` +
        `server's, or the address is not in the certificate); ${NOT_DONE}. (${detail})`,
    );
    expect(report.message.split(SERVER)).toHaveLength(2);
    expect(report.message).not.toMatch(/\n/);
  });
});
