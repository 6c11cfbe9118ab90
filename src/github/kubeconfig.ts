import * as core from '@actions/core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { checkKubeconfigFile, checkKubeconfigInput, emptyKubeconfigError, kubeconfigSecrets } from '../k8s/kubeconfig.js';

/** Masks the kubeconfig's credential fields (and the whole text); not every line, which would hide `clusters:` too. */
export function maskKubeconfig(content: string): void {
  core.setSecret(content);
  for (const secret of kubeconfigSecrets(content)) core.setSecret(secret);
}

export interface TemporaryKubeconfig {
  path: string;
  dispose: () => Promise<void>;
}

/**
 * Writes kubeconfig content to a 0600 file in its own RUNNER_TEMP folder, used only through KUBECONFIG by child
 * processes. Callers dispose it in `finally`, so it is gone even when the step fails.
 */
export async function writeTemporaryKubeconfig(content: string): Promise<TemporaryKubeconfig> {
  maskKubeconfig(content);
  const folder = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'k8sapp-kubeconfig-'));
  const path = join(folder, 'kubeconfig');
  await writeFile(path, content, { mode: 0o600 });
  return {
    path,
    dispose: () => rm(folder, { recursive: true, force: true }),
  };
}

export interface ActionKubeconfig {
  /** The file kubectl reads (through KUBECONFIG only). */
  path: string;
  /** The API server its current context points at. */
  server: string;
  dispose: () => Promise<void>;
}

/**
 * The kubeconfig an action talks to the cluster with, checked before anything is attempted: the `kubeconfig` input
 * (normally `${{ secrets.KUBECONFIG }}`: masked, checked, written to a private 0600 file), or — when it is empty — a
 * KUBECONFIG file an earlier step set up. Neither: a ConfigurationError saying which environment's secret is empty
 * and how to set it (kubectl would otherwise fall back to http://localhost:8080).
 */
export async function kubeconfigForAction(content: string | undefined, environment: string): Promise<ActionKubeconfig> {
  if (content !== undefined && content.trim() !== '') {
    maskKubeconfig(content);
    const { server } = checkKubeconfigInput(content, environment);
    const file = await writeTemporaryKubeconfig(content);
    return { path: file.path, server, dispose: file.dispose };
  }
  const fromStep = process.env.KUBECONFIG?.split(delimiter).find((path) => path.trim() !== '');
  if (fromStep) {
    const { server } = checkKubeconfigFile(fromStep, 'KUBECONFIG');
    return { path: fromStep, server, dispose: () => Promise.resolve() };
  }
  throw emptyKubeconfigError(environment);
}
