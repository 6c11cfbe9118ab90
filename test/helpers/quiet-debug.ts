import { afterAll, beforeAll } from 'vitest';

/**
 * @actions/tool-cache reports every step through core.debug, which always writes a `::debug::` line to stdout (the
 * runner hides them unless step debugging is on). Those lines say nothing about k8sapp and bury the test output, so
 * the tests that drive tool-cache drop them; every other write passes through.
 */
export function quietActionsDebug(): void {
  const write = process.stdout.write.bind(process.stdout);
  beforeAll(() => {
    process.stdout.write = (chunk: string | Uint8Array, ...rest: never[]) => {
      if (String(chunk).startsWith('::debug::')) return true;
      return write(chunk, ...rest);
    };
  });
  afterAll(() => {
    process.stdout.write = write;
  });
}
