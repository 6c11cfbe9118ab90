#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end suite against the cluster named by K8SAPP_E2E_KUBECONFIG (the lab, kind or any
// real cluster). Without it the suite does not run: one line says so and the exit code is 0, so `npm run test:e2e`
// is harmless where there is no cluster. Extra arguments go to vitest (e.g. a file name or `-t pattern`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const kubeconfig = process.env.K8SAPP_E2E_KUBECONFIG;
if (!kubeconfig) {
  console.log('e2e suite not run: K8SAPP_E2E_KUBECONFIG is not set (set it to the kubeconfig of a disposable cluster, e.g. the lab or kind).');
  process.exit(0);
}
if (!existsSync(kubeconfig)) {
  console.error(`e2e suite: K8SAPP_E2E_KUBECONFIG=${kubeconfig} does not exist.`);
  process.exit(2);
}
if (!existsSync(join(root, 'dist', 'cli', 'index.js'))) {
  console.error('e2e suite: dist/cli/index.js is missing (bin/k8sapp.js runs it); run `node scripts/build.mjs cli` first.');
  process.exit(2);
}
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', '--config', join(root, 'vitest.e2e.config.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, K8SAPP_E2E_KUBECONFIG: resolve(kubeconfig) },
});
process.exit(result.status ?? 1);
