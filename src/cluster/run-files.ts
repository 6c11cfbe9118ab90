import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { ClusterConfig } from './preflight.js';

export interface RunFiles {
  folder: string;
  configFile: string;
  privateKeyFile: string;
  publicKeyFile: string;
  /** Where hetzner-k3s writes the admin kubeconfig (inside the same private folder, never the workspace). */
  kubeconfigFile: string;
  readKubeconfig(): Promise<string | undefined>;
  dispose(): Promise<void>;
}

/**
 * The config hetzner-k3s reads: the checked config with the SSH key paths and kubeconfig path pointing into one
 * private folder, and k8sapp's own keys removed. Pure, so tests can assert what hetzner-k3s will see.
 */
export function rewriteConfig(config: ClusterConfig, paths: { privateKey: string; publicKey: string; kubeconfig: string }): ClusterConfig {
  const copy = structuredClone(config);
  delete copy.auto_deploy;
  copy.kubeconfig_path = paths.kubeconfig;
  copy.networking = { ...copy.networking, ssh: { ...copy.networking?.ssh, private_key_path: paths.privateKey, public_key_path: paths.publicKey } };
  return copy;
}

/**
 * Writes the SSH keys and the rewritten config to 0600 files in a fresh 0700 folder under RUNNER_TEMP. Callers
 * dispose it in `finally`: keys, config and kubeconfig are gone even when hetzner-k3s fails.
 */
export async function writeRunFiles(config: ClusterConfig, keys: { privateKey: string; publicKey: string }, tempRoot: string = tmpdir()): Promise<RunFiles> {
  const folder = await mkdtemp(join(tempRoot, 'k8sapp-cluster-'));
  const privateKeyFile = join(folder, 'id_cluster');
  const publicKeyFile = join(folder, 'id_cluster.pub');
  const kubeconfigFile = join(folder, 'kubeconfig');
  const configFile = join(folder, 'cluster-config.yaml');
  try {
    // ssh refuses keys without a trailing newline in some versions; normalise it.
    await writeFile(privateKeyFile, keys.privateKey.replace(/\r\n/g, '\n').trimEnd() + '\n', { mode: 0o600 });
    await writeFile(publicKeyFile, keys.publicKey.trim() + '\n', { mode: 0o600 });
    const rewritten = rewriteConfig(config, { privateKey: privateKeyFile, publicKey: publicKeyFile, kubeconfig: kubeconfigFile });
    await writeFile(configFile, stringify(rewritten), { mode: 0o600 });
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    folder,
    configFile,
    privateKeyFile,
    publicKeyFile,
    kubeconfigFile,
    readKubeconfig: () => readFile(kubeconfigFile, 'utf8').catch(() => undefined),
    dispose: () => rm(folder, { recursive: true, force: true }),
  };
}
