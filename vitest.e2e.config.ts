import { defineConfig } from 'vitest/config';

/**
 * `npm run test:e2e` (through test/e2e/run.mjs, which skips the suite when K8SAPP_E2E_KUBECONFIG is unset): the
 * end-to-end suite against a real cluster. Files are *.e2e.ts, so `npm test` (test/**\/*.test.ts) never picks them up.
 * Every test has its own namespace; tests of a file run concurrently (describe.concurrent) and files in parallel,
 * bounded so a 2-core machine running the control plane copes: at most K8SAPP_E2E_CONCURRENCY (default 6) at once.
 */
const concurrency = Math.max(1, Number(process.env.K8SAPP_E2E_CONCURRENCY) || 6);

export default defineConfig({
  logLevel: 'error',
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // Each scenario sets its own timeout (several deploys with rollouts); hooks delete namespaces.
    testTimeout: 600_000,
    hookTimeout: 180_000,
    teardownTimeout: 180_000,
    maxWorkers: Math.min(2, concurrency),
    maxConcurrency: Math.max(1, Math.ceil(concurrency / 2)),
    // A live cluster makes no run identical; a failure is reported, never retried away.
    retry: 0,
  },
});
