import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestContext } from 'vitest';
import { getObject, kubectl, KUBECONFIG, type Obj } from './cluster.js';
import { Infra, type InfraOptions } from './infra.js';
import { describeRun, runCli, startCli, type CliRun, type RunningCli } from './k8sapp.js';

/** Seconds a test may take: several deploys, each with a rollout and sometimes a rollback. */
export const SCENARIO_TIMEOUT_MS = 600_000;

export interface Scenario {
  /** The vitest context of the test (for hooks that must run when this very test ends). */
  test: TestContext;
  /** Unique per test: the environment name, the namespace, and the release record `k8sapp-releases-<id>`. */
  id: string;
  namespace: string;
  environment: string;
  infra: Infra;
  /** `k8sapp deploy --env … --kubeconfig … --root … --json` plus `args`. */
  deploy(args?: string[], options?: { kubeconfig?: string }): Promise<CliRun>;
  startDeploy(args?: string[]): RunningCli;
  /** Any k8sapp command with --root, --env (when `env`), --kubeconfig and --json. */
  k8sapp(command: string, args?: string[], options?: { env?: boolean; kubeconfig?: string | null }): Promise<CliRun>;
  /** Writes a file into the infra root (e.g. a secrets file) and returns its path. */
  file(name: string, content: string): Promise<string>;
  /** Deletes a cluster-scoped object after the test (CRDs, StorageClasses). */
  cleanupClusterObject(kind: string, name: string): void;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 30)
    .replace(/-$/, '');
}

/**
 * Sets up one test: a unique namespace and environment, an infra tree in a temp dir, and the cleanup (namespace
 * deleted and waited for, bounded; the release record in `default`; cluster-scoped objects the test registered).
 * The cleanup hangs on the test's own context: with concurrent tests vitest's global onTestFinished may attach it to
 * another running test, which would delete this test's namespace while it runs.
 */
export async function scenario(test: TestContext, name: string, options: Omit<InfraOptions, 'environment' | 'namespace'>): Promise<Scenario> {
  const id = `e2e-${slug(name)}-${randomBytes(3).toString('hex')}`;
  const infra = await Infra.create({ ...options, environment: id, namespace: id });
  const clusterObjects: [string, string][] = [];
  test.onTestFinished(async (context) => {
    const keep = process.env.K8SAPP_E2E_KEEP === 'always' || (process.env.K8SAPP_E2E_KEEP === 'failed' && context.task.result?.state === 'fail');
    if (keep) {
      console.log(`[e2e] kept namespace ${id} and ${infra.root} (K8SAPP_E2E_KEEP)`);
      return;
    }
    await cleanup(id, clusterObjects);
    await infra.remove();
  });
  const common = (kubeconfig: string | null | undefined) => [
    '--root',
    infra.root,
    '--json',
    ...(kubeconfig === null ? [] : ['--kubeconfig', kubeconfig ?? KUBECONFIG]),
  ];
  return {
    test,
    id,
    namespace: id,
    environment: id,
    infra,
    deploy: (args = [], o = {}) => runCli(['deploy', '--env', id, ...common(o.kubeconfig), ...args], { cwd: infra.root }),
    startDeploy: (args = []) => startCli(['deploy', '--env', id, ...common(undefined), ...args], { cwd: infra.root }),
    k8sapp: (command, args = [], o = {}) => runCli([command, ...(o.env === false ? [] : ['--env', id]), ...common(o.kubeconfig), ...args], { cwd: infra.root }),
    file: async (fileName, content) => {
      const path = join(infra.root, fileName);
      await writeFile(path, content, { mode: 0o600 });
      return path;
    },
    cleanupClusterObject: (kind, objectName) => clusterObjects.push([kind, objectName]),
  };
}

async function cleanup(id: string, clusterObjects: [string, string][]): Promise<void> {
  const runs = await Promise.all([
    kubectl(['delete', 'namespace', id, '--ignore-not-found', '--wait=true', '--timeout=120s']),
    kubectl(['delete', 'configmap', `k8sapp-releases-${id}`, `k8sapp-migrations-${id}`, '-n', 'default', '--ignore-not-found']),
    ...clusterObjects.map(([kind, name]) => kubectl(['delete', kind, name, '--ignore-not-found', '--wait=true', '--timeout=60s'])),
  ]);
  for (const run of runs) if (run.exitCode !== 0) console.warn(`[e2e] cleanup of ${id}: ${run.stderr.trim()}`);
}

/** Asserts on a CLI run with its output in the failure message. */
export function expectExit(run: CliRun, code: number): void {
  if (run.exitCode !== code) throw new Error(`expected exit ${code}\n${describeRun(run)}`);
}

/** The rollout result of one workload in a deploy's JSON. */
export function workloadResult(run: CliRun, kind: string, name: string): Obj {
  const found = (run.json?.rollout?.workloads ?? []).find((w: Obj) => w.kind === kind && w.name === name);
  if (!found) throw new Error(`no rollout result for ${kind}/${name}\n${describeRun(run)}`);
  return found as Obj;
}

export async function exists(kind: string, name: string, namespace?: string): Promise<boolean> {
  return (await getObject(kind, name, namespace)) !== undefined;
}
