import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  getExecOutput
} from "./chunk-QWDZFTQ4.js";

// src/exec.ts
var execute = async (command, args, options = {}) => {
  let env = {};
  for (let [key, value] of Object.entries(process.env)) value !== void 0 && (env[key] = value);
  Object.assign(env, options.env);
  try {
    let result = await getExecOutput(command, [...args], {
      silent: !0,
      ignoreReturnCode: !0,
      input: options.input === void 0 ? void 0 : Buffer.from(options.input),
      env,
      cwd: options.cwd
    });
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  } catch (error) {
    return { exitCode: 127, stdout: "", stderr: error instanceof Error ? error.message : String(error) };
  }
};

export {
  execute
};
