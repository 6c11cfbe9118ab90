import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApplyReport } from '../../src/apply/types.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import type { MigrationReport } from '../../src/migrations/runner.js';
import { planSectionMarkdown, planSucceeded } from '../../src/plan/markdown.js';
import type { FetchLike, FetchResponse } from '../../src/preflight/registry.js';
import { mutations, serve } from '../apply/helpers.js';
import { overlayObjects, streamOf, workspace } from '../deploy/helpers.js';
import { runCliInProcess } from '../helpers/cli.js';
import { call, FakeKube, SERVER_VERSION } from '../helpers/fake-kube.js';
import { FakeKubectl, ok, TEST_KUBECONFIG } from '../helpers/fake-kubectl.js';
import { tableUnder } from './helpers.js';

/** Answers of a real registry (distribution 2.8.2), recorded by test/plan/record-registry-answers.ts. */
interface RecordedAnswer {
  request: { method: string; url: string; authorization: string | null };
  response: { status: number; headers: Record<string, string>; body: string };
}
const RECORDED = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/registry/plan-preflight.json'), 'utf8')) as { answers: RecordedAnswer[] };
const OPEN_DIGEST = RECORDED.answers[0]!.response.headers['docker-content-digest']!;
const PRIVATE_DIGEST = RECORDED.answers.at(-1)!.response.headers['docker-content-digest']!;

/**
 * A registry double: each request (method, URL, authorization scheme) gets the next recorded answer for it. A request
 * nothing was recorded for is kept in `unexpected` (the client would turn a thrown error into "registry unavailable",
 * so the test asserts the list is empty) and refused.
 */
function replayingRegistry(answers: readonly RecordedAnswer[]) {
  const pending = [...answers];
  const unexpected: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    const scheme = init.headers.authorization?.split(' ')[0] ?? null;
    const index = pending.findIndex((a) => a.request.method === init.method && a.request.url === url && a.request.authorization === scheme);
    if (index < 0) {
      unexpected.push(`${init.method} ${url} (${scheme ?? 'anonymous'})`);
      throw new Error(`unexpected registry request ${init.method} ${url}`);
    }
    const [answer] = pending.splice(index, 1);
    const { status, headers, body } = answer!.response;
    const response: FetchResponse = {
      status,
      headers: { get: (name) => headers[name.toLowerCase()] ?? null },
      text: async () => body,
      arrayBuffer: async () => new TextEncoder().encode(body).buffer,
    };
    return response;
  };
  return { fetch, unexpected, pending };
}

const PASSWORD = 'pl4n-Secret_value-42';
const PULL_PASSWORD = 'pull-pass-1234';
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** The overlay: the postgres objects with the two recorded images and a pull secret for the private one. */
function objects(webImage: string): KubernetesObject[] {
  return overlayObjects('postgres').map((object) => {
    if (object.kind !== 'Deployment') return object;
    const copy = structuredClone(object) as KubernetesObject & { spec: { template: { spec: Record<string, unknown> } } };
    copy.spec.template.spec.imagePullSecrets = [{ name: 'regcred' }];
    copy.spec.template.spec.initContainers = [{ name: 'init', image: 'basic.registry.test/team/private:1.0' }];
    copy.spec.template.spec.containers = [{ name: 'app', image: webImage }];
    return copy;
  });
}

const MIGRATIONS: Record<string, string> = {
  '010-retire-legacy-config.mjs': `export default {
  id: 'retire-legacy-config',
  description: 'Remove the ConfigMap the old chart left behind',
  phase: 'pre',
  components: [],
  async isNeeded(ctx) {
    const legacy = await ctx.kube.get('configmap', 'legacy-settings', { namespace: 'apps' });
    if (legacy) ctx.log.info('ConfigMap apps/legacy-settings still exists');
    return Boolean(legacy);
  },
  async run(ctx) { await ctx.kube.delete('configmap', 'legacy-settings', { namespace: 'apps' }); },
};
`,
  '020-rotate-postgres-password.mjs': `export default {
  id: 'rotate-postgres-password',
  description: 'Set the new password in the running database',
  phase: 'post',
  components: ['postgres'],
  async isNeeded(ctx) {
    const live = await ctx.kube.get('secret', 'postgres-secret', { namespace: 'apps' });
    const value = Buffer.from(live?.data?.PASSWORD ?? '', 'base64').toString();
    // Careless on purpose: the plan must not show what a migration logs of a Secret's value.
    ctx.log.info('live password is ' + value + ' (' + live?.data?.PASSWORD + ')');
    return true;
  },
  async run() {},
};
`,
  '030-already-done.mjs': `export default {
  id: 'already-done',
  description: 'Nothing left to do',
  phase: 'pre',
  components: [],
  async isNeeded() { return false; },
  async run() { throw new Error('must not run'); },
};
`,
};

/**
 * Every call the plan may make, answered by what a 1.28 server says; anything else fails the test. The API client
 * answers the server's version, prune's release read and the apply engine (nothing exists yet: its lists find
 * nothing, its dry runs accept), the image preflight's pull-secret reads and the migrations' isNeeded reads; kubectl
 * only builds the overlay.
 */
function scriptCluster(fake: FakeKubectl, rendered: readonly KubernetesObject[]): FakeKube {
  const kube = new FakeKube()
    .on(call('version'), SERVER_VERSION)
    // Prune (dev has prune: true): no release recorded yet.
    .on(call('get', { kind: 'ConfigMap', name: 'k8sapp-releases-dev' }), undefined);
  fake.on(['kustomize'], ok(streamOf(rendered)));
  kube
    // Image preflight: the pod's ServiceAccount and its pull secret (get only).
    .on(call('get', { kind: 'ServiceAccount', name: 'default', namespace: 'apps' }), {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace: 'apps' },
    })
    .on(call('get', { kind: 'Secret', name: 'regcred', namespace: 'apps' }), {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/dockerconfigjson',
      metadata: { name: 'regcred', namespace: 'apps' },
      data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { 'basic.registry.test': { auth: b64(`puller:${PULL_PASSWORD}`) } } })) },
    })
    // Migrations' isNeeded reads.
    .on(call('get', { kind: 'ConfigMap', name: 'legacy-settings', namespace: 'apps' }), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'legacy-settings', namespace: 'apps' },
      data: {},
    })
    .on(call('get', { kind: 'Secret', name: 'postgres-secret', namespace: 'apps' }), {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'postgres-secret', namespace: 'apps' },
      data: { PASSWORD: b64(PASSWORD) },
    });
  // After the named reads above: the apply engine's lists and dry runs (nothing exists yet).
  serve(kube, []);
  return kube;
}

describe('k8sapp plan --markdown: image preflight and migrations in the section', () => {
  let root: string;

  beforeEach(async () => {
    root = await workspace();
    await writeFile(join(root, 'kubeconfig'), TEST_KUBECONFIG);
    await writeFile(join(root, 'secrets.yaml'), `PASSWORD: ${PASSWORD}\n`);
    for (const [name, text] of Object.entries(MIGRATIONS)) await writeFile(join(root, 'infra/migrations', name), text);
    const file = join(root, 'infra/deploy-control.yaml');
    const control = parse(await readFile(file, 'utf8')) as { environments: { dev: Record<string, unknown> } };
    control.environments.dev.image_preflight = 'enforce';
    await writeFile(file, stringify(control));
  });

  async function plan(webImage: string, answers: readonly RecordedAnswer[]) {
    const rendered = objects(webImage);
    // The overlay's own file holds the same objects, so each image is located on its line.
    await writeFile(
      join(root, 'infra/k8s/hetzner/dev/objects.yaml'),
      streamOf(rendered.map(({ metadata: { namespace: _n, ...metadata }, ...o }) => ({ ...o, metadata }))),
    );
    const fake = new FakeKubectl();
    const kube = scriptCluster(fake, rendered);
    const registry = replayingRegistry(answers);
    const run = await runCliInProcess(['plan', '--env', 'dev', '--kubeconfig', 'kubeconfig', '--secrets-file', 'secrets.yaml', '--markdown'], {
      cwd: root,
      exec: fake.executor,
      kube,
      fetch: registry.fetch,
    });
    return { run, fake, kube, registry };
  }

  // The recording: shop/web:2.0 found (1 answer), shop/web:9.9 missing (3), team/private:1.0 behind Basic auth (2).
  const [webFound, ...rest] = RECORDED.answers;
  const webMissing = rest.slice(0, 3);
  const privateImage = rest.slice(3);
  const found = [webFound!, ...privateImage];

  it('shows every image found (with its digest, the private one through the pull secret) and the migrations that would run', async () => {
    const { run, fake, kube, registry } = await plan('open.registry.test/shop/web:2.0', found);
    expect(run.code, run.err).toBe(0);
    expect(registry.unexpected).toEqual([]);
    expect(registry.pending).toEqual([]);
    expect(run.out.split('\n')[0]).toBe('### dev ✅ the apply would succeed');
    expect(run.out).toContain('#### Image preflight (enforce): ✅ every image found');
    const manifest = await readFile(join(root, 'infra/k8s/hetzner/dev/objects.yaml'), 'utf8');
    const lineOf = (image: string) => manifest.split('\n').findIndex((line) => line.includes(`image: ${image}`)) + 1;
    const images = tableUnder(run.out, /^#### Image preflight/);
    expect(images).toEqual([
      [
        'basic.registry.test/team/private:1.0',
        'basic.registry.test',
        'found',
        PRIVATE_DIGEST,
        'Deployment/postgres (init)',
        expect.stringMatching(new RegExp(`^infra/k8s/hetzner/dev/objects\\.yaml:${lineOf('basic.registry.test/team/private:1.0')}:\\d+$`)),
      ],
      [
        'open.registry.test/shop/web:2.0',
        'open.registry.test',
        'found',
        OPEN_DIGEST,
        'Deployment/postgres (app)',
        expect.stringMatching(new RegExp(`^infra/k8s/hetzner/dev/objects\\.yaml:${lineOf('open.registry.test/shop/web:2.0')}:\\d+$`)),
      ],
    ]);
    expect(tableUnder(run.out, /^#### Migrations that would run \(2\)$/)).toEqual([
      ['`retire-legacy-config`', 'generic-pre', 'Remove the ConfigMap the old chart left behind', 'ConfigMap apps/legacy-settings still exists'],
      ['`rotate-postgres-password`', 'component-post (postgres)', 'Set the new password in the running database', 'live password is *** (***)'],
    ]);
    expect(run.out).toContain('A `post` migration is asked against the cluster as it is now');
    expect(run.out).toMatch(/^Not needed: `grow-statefulset-volumes`, `already-done` \(checked in /m);
    expect(run.out).toContain('#### Gate for a merge');
    // A plan writes nothing: no apply, no delete, no migration record, no release record — only server dry runs.
    expect(fake.mutatingCalls().map((c) => c.args.join(' '))).toEqual([]);
    expect(mutations(kube)).toEqual([]);
    expect(kube.of('apply').length).toBeGreaterThan(0);
    expect(kube.of('apply').every((c) => c.options?.dryRun === true)).toBe(true);
  });

  it('a missing tag under enforce: the section says so on the image and line, and the plan fails', async () => {
    const { run, registry, fake, kube } = await plan('open.registry.test/shop/web:9.9', [...webMissing, ...privateImage]);
    expect(run.code).toBe(1);
    expect(registry.unexpected).toEqual([]);
    expect(registry.pending).toEqual([]);
    expect(run.out.split('\n')[0]).toBe('### dev ❌ the apply would fail');
    expect(run.out).toContain('#### Image preflight (enforce): ❌ refused: 1 image use(s) missing or not accessible');
    const row = tableUnder(run.out, /^#### Image preflight/).find((cells) => cells[0] === 'open.registry.test/shop/web:9.9');
    expect(row?.slice(2, 4)).toEqual(['missing', 'tag 9.9 of shop/web does not exist in open.registry.test']);
    // The rest of the plan is still there: what the merge would create, the migrations.
    expect(run.out).toMatch(/^#### Created \(3\)$/m);
    expect(run.out).toMatch(/^#### Migrations that would run \(2\)$/m);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(mutations(kube)).toEqual([]);
  });

  it('holds no secret value: not the supplied one, not its base64, not a pull secret credential', async () => {
    const { run } = await plan('open.registry.test/shop/web:2.0', found);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('live password is ***');
    for (const value of [PASSWORD, b64(PASSWORD), PULL_PASSWORD, b64(`puller:${PULL_PASSWORD}`)]) {
      expect(run.out).not.toContain(value);
      expect(run.err).not.toContain(value);
    }
  });

  it('a config error (an unloadable migration) stops before the first cluster call', async () => {
    await writeFile(join(root, 'infra/migrations/040-broken.mjs'), 'export default { id: "broken" };\n');
    const fake = new FakeKubectl();
    const kube = scriptCluster(fake, objects('open.registry.test/shop/web:2.0'));
    const registry = replayingRegistry([]);
    const run = await runCliInProcess(['plan', '--env', 'dev', '--kubeconfig', 'kubeconfig', '--markdown'], {
      cwd: root,
      exec: fake.executor,
      kube,
      fetch: registry.fetch,
    });
    expect(run.code).toBe(2);
    expect(run.err).toContain('040-broken.mjs');
    expect(fake.calls.map((c) => c.args[0])).toEqual([]);
    expect(kube.calls).toEqual([]);
    expect(registry.unexpected).toEqual([]);
  });

  it('an unknown environment is a configuration error before anything is built or asked', async () => {
    const fake = new FakeKubectl();
    const kube = new FakeKube();
    const run = await runCliInProcess(['plan', '--env', 'nope', '--kubeconfig', 'kubeconfig', '--markdown'], { cwd: root, exec: fake.executor, kube });
    expect(run.code).toBe(2);
    expect(run.err).toContain('Environment "nope" is not in deploy-control.yaml; configured environments: dev, test, prod.');
    expect(fake.calls).toEqual([]);
    expect(kube.calls).toEqual([]);
  });

  it('--registry-config belongs to --markdown', async () => {
    const run = await runCliInProcess(['plan', '--env', 'dev', '--registry-config', 'x.json'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.err).toContain('--registry-config is for the image preflight of --markdown');
  });
});

describe('the plan section: preflight off, an isNeeded that failed', () => {
  const report: ApplyReport = {
    environment: 'prod',
    mode: 'plan',
    ok: true,
    resources: [{ kind: 'Service', namespace: 'apps', name: 'web', action: 'unchanged' }],
    recreated: [],
    placeholders: [],
    errors: [],
    warnings: [],
    workloads: [],
    templatesBefore: new Map(),
  };
  const migrations: MigrationReport = {
    environment: 'prod',
    mode: 'plan',
    status: 'failed',
    results: [
      {
        id: 'check-backup',
        description: 'needs a backup',
        phase: 'pre',
        file: '/repo/infra/migrations/check-backup.mjs',
        builtin: false,
        point: 'component-pre',
        component: 'db',
        status: 'failed',
        isNeededMs: 12,
        durationMs: 12,
        slow: false,
        error: 'isNeeded: jobs.batch is forbidden: <user> cannot list | jobs',
        messages: [],
      },
    ],
    outOfScope: ['only-for-redis'],
    findings: [],
    record: { name: 'k8sapp-migrations-prod', namespace: 'apps', written: 0 },
  };
  const section = { report, preflight: { mode: 'off' as const }, migrations };
  const text = planSectionMarkdown(section);

  it('fails the plan and shows the error once escaped', () => {
    expect(planSucceeded(section)).toBe(false);
    expect(text.split('\n')[0]).toBe('### prod ❌ the apply would fail');
    expect(tableUnder(text, /^#### Migrations whose isNeeded failed \(1\)$/)).toEqual([
      ['`check-backup`', 'component-pre (db)', 'failed', 'isNeeded: jobs.batch is forbidden: &lt;user&gt; cannot list \\| jobs'],
    ]);
    expect(text).toContain("Not in this deploy's components: `only-for-redis`.");
    expect(text).toMatch(/^#### Migrations that would run \(0\)$/m);
  });

  it('says the images were not checked when image_preflight is off', () => {
    expect(text).toContain('#### Image preflight: off');
    expect(text).toContain('the images were not checked');
  });

  it('a plan whose migrations all answered is not failed by them', () => {
    expect(planSucceeded({ ...section, migrations: { ...migrations, status: 'succeeded', results: [] } })).toBe(true);
  });
});

describe('the plan section: a service the gate leaves out of a merge', () => {
  it('is listed under the gate with the rule that leaves it out', () => {
    const text = planSectionMarkdown({
      report: {
        environment: 'test',
        mode: 'plan',
        ok: true,
        resources: [],
        recreated: [],
        placeholders: [],
        errors: [],
        warnings: [],
        workloads: [],
        templatesBefore: new Map(),
      },
      gate: {
        environment: 'test',
        allowed: true,
        trigger: 'auto',
        reasons: [{ code: 'ENV_ENABLED', message: 'environments.test.enabled is true.' }],
        services: [
          { name: 'postgres', allowed: true, reasons: [{ code: 'SERVICE_AUTO_DEPLOY_ON', message: 'services.postgres.auto_deploy is true.' }] },
          {
            name: 'redis',
            allowed: false,
            reasons: [
              { code: 'SERVICE_ENABLED', message: 'services.redis.enabled is true.' },
              { code: 'SERVICE_AUTO_DEPLOY_OFF', message: 'services.redis.auto_deploy is false: it deploys only from a manual dispatch.' },
            ],
          },
        ],
        requiresApproval: false,
        rolloutTimeoutSeconds: 300,
        window: { open: true, nextOpen: null },
        emergencyOverride: null,
      },
    });
    expect(text).toContain("Left out of a merge's deploy (1):");
    expect(text).toContain('| redis | services.redis.auto_deploy is false: it deploys only from a manual dispatch. |');
    expect(text).not.toContain('| postgres |');
  });
});
