#!/usr/bin/env node
// Node 22.1+ keeps the compiled bundle on disk (in the OS temp folder), so every run after the first starts faster;
// Node 20 has no such cache and simply compiles each time.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/cli/index.js');
