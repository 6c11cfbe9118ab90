import * as core from '@actions/core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TemporaryKubeconfig {
  path: string;
  dispose(): Promise<void>;
}

/**
 * Writes kubeconfig content to a 0600 file in its own RUNNER_TEMP folder, used only through KUBECONFIG by child
 * processes. Callers dispose it in `finally`, so it is gone even when the step fails.
 */
export async function writeTemporaryKubeconfig(content: string): Promise<TemporaryKubeconfig> {
  for (const line of content.split('\n')) if (line.trim().length >= 8) core.setSecret(line.trim());
  core.setSecret(content);
  const folder = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'k8sapp-kubeconfig-'));
  const path = join(folder, 'kubeconfig');
  await writeFile(path, content, { mode: 0o600 });
  return {
    path,
    dispose: () => rm(folder, { recursive: true, force: true }),
  };
}
