import { kubectl, KUBECONFIG } from './helpers/cluster.js';

/** Fails the whole run with one clear sentence when the cluster cannot be reached, before any test starts. */
export default async function setup(): Promise<void> {
  if (!KUBECONFIG) throw new Error('K8SAPP_E2E_KUBECONFIG is not set; run the suite with npm run test:e2e.');
  const version = await kubectl(['version', '-o', 'json']);
  const server = (() => {
    try {
      return (JSON.parse(version.stdout) as { serverVersion?: { gitVersion?: string } }).serverVersion?.gitVersion;
    } catch {
      return undefined;
    }
  })();
  if (version.exitCode !== 0 || !server) {
    throw new Error(`the e2e cluster (K8SAPP_E2E_KUBECONFIG=${KUBECONFIG}) cannot be reached: ${version.stderr.trim() || version.stdout.trim()}`);
  }
  console.log(`[e2e] cluster ${server} (${KUBECONFIG})`);
}
