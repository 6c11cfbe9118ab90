import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);

// src/exec.ts
import { spawn } from "node:child_process";
var execute = (command, args, options = {}) => new Promise((resolve) => {
  let env = {};
  for (let [key, value] of Object.entries(process.env)) value !== void 0 && (env[key] = value);
  Object.assign(env, options.env);
  let child = spawn(command, [...args], { env, ...options.cwd ? { cwd: options.cwd } : {}, stdio: ["pipe", "pipe", "pipe"] }), stdout = [], stderr = [];
  child.stdout.on("data", (chunk) => stdout.push(chunk)), child.stderr.on("data", (chunk) => stderr.push(chunk)), child.on("error", (error) => resolve({ exitCode: 127, stdout: "", stderr: error.message })), child.on(
    "close",
    (code) => resolve({ exitCode: code ?? 1, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") })
  ), child.stdin.on("error", () => {
  }), child.stdin.end(options.input ?? "");
});

export {
  execute
};
