import { describe, expect, it } from 'vitest';
import { runBundledAction, runCli } from '../helpers/run-action.js';
import { breaks, copyExample } from './broken-copies.js';

/** Breaks a copy of examples/infra and runs the bundled action in its workspace, as the runner would. */
async function actionOnBroken(apply: (infra: string) => Promise<string>, inputs: Record<string, string> = { root: 'infra' }) {
  const { workspace, infra } = await copyExample();
  const file = await apply(infra);
  const run = await runBundledAction('validate', inputs, { cwd: workspace });
  return { run, file, workspace };
}

function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  expect(text).not.toContain('this is a bug');
}

describe.concurrent('bundled validate action (dist/validate/index.js)', () => {
  it('passes on examples/infra with outputs and a summary table', async () => {
    const run = await runBundledAction('validate', { root: 'examples/infra' });
    expect(run.exitCode).toBe(0);
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.valid).toBe('true');
    expect(run.outputs.errors).toBe('0');
    expect(JSON.parse(run.outputs.environments ?? '')).toEqual(['dev', 'test', 'prod']);
    expect(JSON.parse(run.outputs.overlays ?? '')).toEqual([
      'examples/infra/k8s/hetzner/dev',
      'examples/infra/k8s/hetzner/prod',
      'examples/infra/k8s/hetzner/test',
      'examples/infra/k8s/podman/local',
    ]);
    const report = JSON.parse(run.outputs.report ?? '') as { valid: boolean; overlays: { kinds: Record<string, number> }[] };
    expect(report.valid).toBe(true);
    expect(report.overlays[0]?.kinds).toEqual({ ConfigMap: 2, Secret: 2, Service: 6, StatefulSet: 3 });
    expect(run.summary).toContain('| Overlay | Environments | Resources | Kinds | Placeholders | Errors |');
    expect(run.summary).toContain('| `examples/infra/k8s/hetzner/prod` | prod | 13 | ConfigMap 2, Secret 2, Service 6, StatefulSet 3 | 9 | 0 |');
    expect(run.summary).toContain('### Secret placeholders');
    expect(run.stdout).toContain('::group::kubectl kustomize: 4 overlay(s)');
    expect(run.stdout).toContain('examples/infra/k8s/hetzner/dev: 13 resources');
  });

  it('derives the root from control-file', async () => {
    const run = await runBundledAction('validate', { 'control-file': 'examples/infra/deploy-control.yaml' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.valid).toBe('true');
  });

  it('fails with an annotation on the malformed line', async () => {
    const { run, file } = await actionOnBroken(breaks.malformedYaml);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.valid).toBe('false');
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: 'error', properties: expect.objectContaining({ file, line: '4' }) }));
    expect(run.stdout).toMatch(new RegExp(`::error .*file=${file.replace(/\//g, '\\/')},line=4`));
    expect(run.summary).toContain('build failed');
    expectNoStackTrace(run.stdout + run.stderr);
  });

  it("fails with kustomize's message on the overlay's kustomization.yaml", async () => {
    const { run, file } = await actionOnBroken(breaks.patchTargetsMissingResource);
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error' && a.properties.file === file);
    expect(error?.properties.line).toBe('1');
    expect(error?.message).toContain('no resource matches strategic merge patch');
    expect(run.outputs.errors).toBe('1');
  });

  it('fails on a duplicate resource at the second definition', async () => {
    const { run, file } = await actionOnBroken(breaks.duplicateAcrossVersions);
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ level: 'error', properties: expect.objectContaining({ file, line: '1', title: 'k8sapp: DUPLICATE_RESOURCE' }) }),
    );
  });

  it('fails on a missing control file but still reports the overlays', async () => {
    const { run, file } = await actionOnBroken(breaks.missingControlFile);
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: 'error', properties: expect.objectContaining({ file }) }));
    expect(JSON.parse(run.outputs.overlays ?? '[]')).toHaveLength(4);
    expect(run.summary).toContain('❌');
  });

  it('fails when there are no overlays', async () => {
    const { run, file } = await actionOnBroken(breaks.noOverlays);
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.properties.file === file)?.message).toMatch(/no overlays found/);
    expectNoStackTrace(run.stdout + run.stderr);
  });

  it('with secret-names, fails naming the Secret and key no name supplies, never a value', async () => {
    const { run } = await actionOnBroken(async () => '', {
      root: 'infra',
      'secret-names': 'POSTGRES_SA_PASSWORD, postgres-secret/ACCOUNT_SERVICE_DB_USER_PASSWORD',
    });
    expect(run.exitCode).toBe(1);
    const messages = run.annotations.filter((a) => a.properties.title === 'k8sapp: PLACEHOLDER_UNSUPPLIED').map((a) => a.message);
    expect(messages.some((m) => m.includes('Secret default/redis-secret key REDIS_ADMIN_PASSWORD'))).toBe(true);
    expect(messages.some((m) => m.includes('POSTGRES_SA_PASSWORD') || m.includes('key ACCOUNT_SERVICE_DB_USER_PASSWORD'))).toBe(false);
  });
});

describe.concurrent('bundled CLI: k8sapp validate', () => {
  it('prints the table and exits 0 on examples/infra', async () => {
    const run = await runCli(['validate', '--root', 'examples/infra']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^OVERLAY\s+ENVIRONMENTS\s+RESOURCES\s+KINDS\s+PLACEHOLDERS\s+ERRORS$/m);
    expect(run.stdout).toMatch(/^examples\/infra\/k8s\/hetzner\/dev\s+dev\s+13\s+ConfigMap 2, Secret 2, Service 6, StatefulSet 3\s+9\s+0$/m);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('valid: 4 overlay(s) built and checked');
  });

  it('prints the documented JSON with --json', async () => {
    const run = await runCli(['validate', '--root', 'examples/infra', '--json']);
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(['clusterConfigs', 'controlFile', 'counts', 'environments', 'findings', 'overlays', 'root', 'valid']);
    expect(report.counts).toEqual({ errors: 0, warnings: 0, notices: 0 });
  });

  it('exits 1 with located errors and no stack trace on a broken copy', async () => {
    const { workspace, infra } = await copyExample();
    const file = await breaks.wrongFieldType(infra);
    const run = await runCli(['validate', '--root', 'infra'], { cwd: workspace });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`${file}:14:3: error: StatefulSet/postgres: spec.replicas: must be of type integer`);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('invalid: 1 error(s)');
    expectNoStackTrace(run.stdout + run.stderr);
  });

  it('exits 1 when the root does not exist, saying what is missing', async () => {
    const run = await runCli(['validate', '--root', 'no/such/folder']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('no/such/folder/deploy-control.yaml does not exist');
    expect(run.stdout).toContain('no overlays found');
    expectNoStackTrace(run.stdout + run.stderr);
  });

  it('exits 2 on an unknown flag', async () => {
    const run = await runCli(['validate', '--no-such-flag']);
    expect(run.exitCode).toBe(2);
  });
});
