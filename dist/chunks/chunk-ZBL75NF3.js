import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  checkKubeconfigFile,
  checkKubeconfigInput,
  emptyKubeconfigError,
  kubeconfigSecrets
} from "./chunk-RBEDY2HT.js";
import {
  setSecret
} from "./chunk-D56Y45YG.js";

// src/github/kubeconfig.ts
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
function maskKubeconfig(content) {
  setSecret(content);
  for (let secret of kubeconfigSecrets(content)) setSecret(secret);
}
async function writeTemporaryKubeconfig(content) {
  maskKubeconfig(content);
  let folder = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), "k8sapp-kubeconfig-")), path = join(folder, "kubeconfig");
  return await writeFile(path, content, { mode: 384 }), {
    path,
    dispose: () => rm(folder, { recursive: !0, force: !0 })
  };
}
async function kubeconfigForAction(content, environment) {
  if (content !== void 0 && content.trim() !== "") {
    maskKubeconfig(content);
    let { server } = checkKubeconfigInput(content, environment), file = await writeTemporaryKubeconfig(content);
    return { path: file.path, server, dispose: file.dispose };
  }
  let fromStep = process.env.KUBECONFIG?.split(delimiter).find((path) => path.trim() !== "");
  if (fromStep) {
    let { server } = checkKubeconfigFile(fromStep, "KUBECONFIG");
    return { path: fromStep, server, dispose: () => Promise.resolve() };
  }
  throw emptyKubeconfigError(environment);
}

export {
  kubeconfigForAction
};
