import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Inlining @actions/workflow-parser makes vite warn ~70 times that its published source maps point at files the
  // package does not ship; those warnings bury the test output and say nothing about this project.
  logLevel: 'error',
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // @actions/workflow-parser imports JSON without import attributes; inlining lets vite handle it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
