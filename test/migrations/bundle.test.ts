import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_ACTION_INPUTS, MIGRATIONS_ACTION_OUTPUTS } from '../../src/actions/migrations-action.js';
import { FAKE_API_TOKEN, filesHolding, serveKube, type FakeApiServer } from '../helpers/fake-api-server.js';
import { call, FakeKube, SERVER_VERSION, type KubeCall } from '../helpers/fake-kube.js';
import { installFakeKubectlBinary, type ScriptRule } from '../helpers/fake-kubectl.js';
import { ACTION_NODE, REPO_ROOT, runBundledAction, runCli } from '../helpers/run-action.js';

// These run the BUNDLES (dist/migrations, dist/cli) the way the runner does, under K8SAPP_TEST_NODE (Node 24 in CI):
// user modules are imported at runtime from the user's repository, which only the bundle can prove.
const NODE_STRIPS_TYPES = spawnSync(ACTION_NODE, ['-p', 'Boolean(process.features.typescript)'], { encoding: 'utf8' }).stdout.trim() === 'true';

const liveWeb = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default', annotations: { 'example.dev/schema': 'v1' }, uid: '1b2c', resourceVersion: '41' },
  spec: { replicas: 1, serviceName: 'web', selector: { matchLabels: { app: 'web' } } },
};

const MJS = `// plain JavaScript migration
export default {
  id: '001-check-schema',
  description: 'moves the web schema annotation to v2',
  phase: 'pre',
  components: ['web'],
  async isNeeded(ctx) {
    const live = await ctx.kube.get('statefulset', 'web', { namespace: 'default' });
    return Boolean(live) && live.metadata.annotations?.['example.dev/schema'] !== 'v2';
  },
  async run(ctx) {
    await ctx.kube.patch('statefulset', 'web', { metadata: { annotations: { 'example.dev/schema': 'v2' } } }, { namespace: 'default' });
    ctx.log.info('schema annotation set to v2');
  },
};
`;

const TS = `import type { Migration, MigrationContext } from 'k8sapp/migrations';
import { liveReplicas } from './lib/replicas.ts';

interface Scaled { replicas: number }

const migration = {
  id: '002-typed',
  description: 'a TypeScript migration, loaded by type stripping',
  phase: 'post',
  components: [],
  async isNeeded(ctx: MigrationContext): Promise<boolean> {
    const scaled: Scaled = { replicas: await liveReplicas(ctx) };
    ctx.log.info(\`web has \${scaled.replicas} replica(s)\`);
    return scaled.replicas > 0;
  },
  async run(ctx: MigrationContext): Promise<void> {
    ctx.log.info('typed migration ran in ' + ctx.environment);
  },
} satisfies Migration;

export default migration;
`;

const TS_HELPER = `import type { MigrationContext } from 'k8sapp/migrations';
export async function liveReplicas(ctx: MigrationContext): Promise<number> {
  const live = await ctx.kube.get<{ apiVersion: string; kind: string; metadata: { name: string }; spec: { replicas: number } }>('statefulset', 'web', { namespace: 'default' });
  return live?.spec.replicas ?? 0;
}
`;

async function repository(migrations: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'k8sapp-migrations-repo-'));
  const files: Record<string, string> = {
    'infra/deploy-control.yaml': `version: "3.0.0"
global:
  auto_deploy: true
environments:
  dev:
    enabled: true
    auto_deploy: true
    overlay: k8s/dev
    services:
      web:
        enabled: true
        auto_deploy: true
`,
    'infra/k8s/dev/kustomization.yaml': 'resources:\n  - web.yaml\nnamespace: default\n',
    'infra/k8s/dev/web.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  labels: { app: web }
spec:
  serviceName: web
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "nginx:1.27" }] }
`,
  };
  for (const [name, text] of Object.entries(migrations)) files[`infra/migrations/${name}`] = text;
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), text);
  }
  return root;
}

/** kubectl is only `kubectl kustomize` now (the fake binary hands it to the real one); no cluster call is scripted. */
const RULES: ScriptRule[] = [];

const WEB = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', namespace: 'default' } as const;
const RECORD = { apiVersion: 'v1', kind: 'ConfigMap', name: 'k8sapp-migrations-dev', namespace: 'default' } as const;

/** The API server the bundle talks to over HTTP: the live StatefulSet, no record yet. */
async function cluster(): Promise<{ kube: FakeKube; api: FakeApiServer }> {
  const kube = new FakeKube()
    .on(call('version'), SERVER_VERSION)
    .on(call('get', WEB), liveWeb)
    .on(call('patch', WEB), liveWeb)
    .on(call('get', RECORD), undefined)
    .on(call('create', RECORD), (c: KubeCall) => c.body);
  return { kube, api: await serveKube(kube) };
}

/** Each API call in one line. */
const calls = (kube: FakeKube) => kube.calls.map((c) => [c.verb, c.kind, c.namespace, c.name].filter(Boolean).join(' '));

beforeAll(() => {
  for (const bundle of ['dist/migrations/index.js', 'dist/cli/index.js']) {
    if (!existsSync(join(REPO_ROOT, bundle))) throw new Error(`${bundle} is missing: run npm run build`);
  }
});

describe('actions/migrations/action.yml', () => {
  it('declares exactly the inputs and outputs the code uses', async () => {
    const action = parse(await readFile(join(REPO_ROOT, 'actions/migrations/action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
      runs: { using: string; main: string };
    };
    expect(Object.keys(action.inputs).sort()).toEqual([...MIGRATIONS_ACTION_INPUTS].sort());
    expect(Object.keys(action.outputs).sort()).toEqual([...MIGRATIONS_ACTION_OUTPUTS].sort());
    expect(action.runs).toEqual({ using: 'node24', main: '../../dist/migrations/index.js' });
  });
});

describe.concurrent('the bundled migrations action loads user migrations', () => {
  it('plan: lists a .mjs and a .ts migration with their isNeeded answers and changes nothing', async () => {
    const root = await repository({ '001-check-schema.mjs': MJS, '002-typed.ts': TS, 'lib/replicas.ts': TS_HELPER });
    const kubectl = await installFakeKubectlBinary(RULES);
    const { kube, api } = await cluster();
    const run = await runBundledAction(
      'migrations',
      { environment: 'dev', 'control-file': 'infra/deploy-control.yaml', kubeconfig: api.kubeconfig },
      { cwd: root, env: { PATH: `${kubectl.dir}:${process.env.PATH}`, GITHUB_SHA: 'f00dfeed' } },
    ).finally(() => api.close());
    if (!NODE_STRIPS_TYPES) {
      // An older Node: the .ts file gets a located, actionable error instead of a crash.
      expect(run.annotations).toContainEqual(
        expect.objectContaining({ level: 'error', properties: expect.objectContaining({ file: join(root, 'infra/migrations/002-typed.ts'), line: '1' }) }),
      );
      expect(run.stdout).toContain('cannot load TypeScript itself');
      return;
    }
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    expect(JSON.parse(run.outputs.needed!)).toEqual(['001-check-schema', '002-typed']);
    expect(JSON.parse(run.outputs.ran!)).toEqual([]);
    const report = JSON.parse(run.outputs.report!);
    expect(report.results.map((r: { id: string; status: string; point: string }) => [r.id, r.point, r.status])).toEqual([
      ['001-check-schema', 'component-pre', 'would-run'],
      ['002-typed', 'generic-post', 'would-run'],
    ]);
    expect(report.results[1].messages).toEqual(['web has 1 replica(s)']);
    expect(run.summary).toContain('| `001-check-schema` | component-pre (web) | yes | would run |');
    // kubectl rendered the overlay only; the cluster was read through the API. No kubeconfig file is written: the
    // input's content reached the API client in memory, and every request carried the token as a bearer header.
    expect(kubectl.calls().filter((c) => c.args[0] !== 'kustomize')).toEqual([]);
    for (const c of kubectl.calls()) expect(JSON.stringify(c)).not.toContain(FAKE_API_TOKEN);
    expect(await filesHolding(run.tempDir, FAKE_API_TOKEN)).toEqual([]);
    expect(api.authorizations.length).toBeGreaterThan(0);
    expect(api.authorizations.every((header) => header === `Bearer ${FAKE_API_TOKEN}`)).toBe(true);
    expect(calls(kube)[0]).toBe('version');
    expect(calls(kube).filter((c) => c !== 'version')).toEqual(['get StatefulSet default web', 'get StatefulSet default web']);
  });

  it('run: executes the needed migrations and records them in the cluster', async () => {
    const root = await repository({ '001-check-schema.mjs': MJS });
    const kubectl = await installFakeKubectlBinary(RULES);
    const { kube, api } = await cluster();
    const run = await runBundledAction(
      'migrations',
      { environment: 'dev', 'control-file': 'infra/deploy-control.yaml', run: 'true', kubeconfig: api.kubeconfig },
      { cwd: root, env: { PATH: `${kubectl.dir}:${process.env.PATH}`, GITHUB_SHA: 'f00dfeed' } },
    ).finally(() => api.close());
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs.ran!)).toEqual(['001-check-schema']);
    // The first call is the reachability check (`/version`; the real kubectl behind `kubectl kustomize` may ask it
    // too, so versions are left out below); then the migration's reads and patch, then the record: GET, create.
    expect(calls(kube)[0]).toBe('version');
    expect(calls(kube).filter((c) => c !== 'version')).toEqual([
      'get StatefulSet default web',
      'patch StatefulSet default web',
      'get ConfigMap default k8sapp-migrations-dev',
      'create ConfigMap default k8sapp-migrations-dev',
    ]);
    expect(kube.of('patch')[0]!.options).toEqual({ type: 'merge', fieldManager: 'k8sapp' });
    const record = kube.of('create')[0]!.body as { metadata: { name: string }; data: Record<string, string> };
    expect(record.metadata.name).toBe('k8sapp-migrations-dev');
    expect(JSON.parse(record.data['001-check-schema']!)).toEqual([
      expect.objectContaining({ id: '001-check-schema', component: 'web', outcome: 'succeeded', sha: 'f00dfeed' }),
    ]);
    expect(run.summary).toContain('Recorded 1 run(s) in ConfigMap `default/k8sapp-migrations-dev`');
  });

  it('an invalid migration is an annotation on its file and line, before any cluster call', async () => {
    const root = await repository({ '001-check-schema.mjs': MJS.replace("phase: 'pre'", "phase: 'before'") });
    const kubectl = await installFakeKubectlBinary(RULES);
    const { kube, api } = await cluster();
    const run = await runBundledAction(
      'migrations',
      { environment: 'dev', 'control-file': 'infra/deploy-control.yaml', kubeconfig: api.kubeconfig },
      { cwd: root, env: { PATH: `${kubectl.dir}:${process.env.PATH}` } },
    ).finally(() => api.close());
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toContainEqual({
      level: 'error',
      properties: { title: 'k8sapp: MIGRATION_INVALID', file: join(root, 'infra/migrations/001-check-schema.mjs'), line: '5' },
      message: 'phase: 001-check-schema.mjs: phase must be "pre" or "post" (got "before")',
    });
    expect(kubectl.calls().filter((c) => c.args[0] !== 'kustomize')).toEqual([]);
    expect(kube.calls).toEqual([]);
  });
});

/** A kubeconfig file for the CLI (found through $KUBECONFIG, as kubectl would) pointing at the fake API server. */
async function kubeconfigFile(root: string, api: FakeApiServer): Promise<string> {
  const file = join(root, 'kubeconfig');
  await writeFile(file, api.kubeconfig, { mode: 0o600 });
  return file;
}

describe.concurrent('the bundled CLI: k8sapp migrations', () => {
  it('--json lists the migrations in scope with their isNeeded answers (.mjs and .ts)', async () => {
    const root = await repository({ '001-check-schema.mjs': MJS, '002-typed.ts': TS, 'lib/replicas.ts': TS_HELPER });
    const kubectl = await installFakeKubectlBinary(RULES);
    const { kube, api } = await cluster();
    const result = await runCli(['migrations', '--root', join(root, 'infra'), '--env', 'dev', '--json'], {
      env: { PATH: `${kubectl.dir}:${process.env.PATH}`, KUBECONFIG: await kubeconfigFile(root, api) },
    }).finally(() => api.close());
    if (!NODE_STRIPS_TYPES) {
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('002-typed.ts is TypeScript');
      return;
    }
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.mode).toBe('plan');
    expect(report.results.map((r: { id: string; needed: boolean }) => [r.id, r.needed])).toEqual([
      ['001-check-schema', true],
      ['002-typed', true],
    ]);
    expect(kube.of('patch')).toEqual([]);
    expect(kubectl.calls().filter((c) => c.args[0] !== 'kustomize')).toEqual([]);
  });

  it('--run executes them; a failing migration exits 1', async () => {
    const failing = MJS.replace("ctx.log.info('schema annotation set to v2');", "throw new Error('schema v2 needs a backup first');");
    const root = await repository({ '001-check-schema.mjs': failing });
    const kubectl = await installFakeKubectlBinary(RULES);
    const { kube, api } = await cluster();
    const result = await runCli(['migrations', '--root', join(root, 'infra'), '--env', 'dev', '--run', '--sha', 'cafe1234'], {
      env: { PATH: `${kubectl.dir}:${process.env.PATH}`, KUBECONFIG: await kubeconfigFile(root, api) },
    }).finally(() => api.close());
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^STATUS\s+MIGRATION\s+POINT\s+NEEDED\s+TIME\s+ERROR$/m);
    expect(result.stdout).toMatch(/^failed\s+001-check-schema\s+component-pre:web\s+yes\s+\S.*\s{2}.*schema v2 needs a backup first/m);
    const record = kube.of('create')[0]!.body as { data: Record<string, string> };
    expect(JSON.parse(record.data['001-check-schema']!)[0]).toMatchObject({ outcome: 'failed', sha: 'cafe1234' });
  });

  it('an unknown environment is a usage error naming the known ones', async () => {
    const root = await repository({});
    const result = await runCli(['migrations', '--root', join(root, 'infra'), '--env', 'qa']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Environment "qa" is not in deploy-control.yaml; configured environments: dev.');
    expect(result.stderr.split('configured environments').length - 1).toBe(1);
  });
});

describe('k8sapp/migrations/testing as users import it', () => {
  it('resolves through package.json exports to the compiled module and emulates reads and patches', async () => {
    const script = `
      import { createRecordedContext } from 'k8sapp/migrations/testing';
      const ctx = createRecordedContext([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' }, data: { v: '1' } }]);
      const before = await ctx.kube.get('configmap', 'a', { namespace: 'default' });
      await ctx.kube.patch('configmap', 'a', { data: { v: '2' } }, { namespace: 'default' });
      console.log(JSON.stringify({ before: before?.data?.v, after: ctx.cluster.find('ConfigMap', 'a', 'default')?.data?.v, mutations: ctx.cluster.mutations().length }));
    `;
    const result = spawnSync(ACTION_NODE, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ before: '1', after: '2', mutations: 1 });
  });
});
