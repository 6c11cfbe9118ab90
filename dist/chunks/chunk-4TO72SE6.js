import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  checkKubeconfigFile,
  checkKubeconfigInput,
  emptyKubeconfigError,
  kubeconfigSecrets
} from "./chunk-OR5TFB6H.js";
import {
  connectKube
} from "./chunk-4TEI5F6G.js";
import {
  info,
  setSecret
} from "./chunk-ZJACZSGB.js";

// src/github/kubeconfig.ts
import { delimiter } from "node:path";
function maskKubeconfig(content) {
  setSecret(content);
  for (let secret of kubeconfigSecrets(content)) setSecret(secret);
}
function kubeconfigForAction(content, environment) {
  if (content !== void 0 && content.trim() !== "") {
    maskKubeconfig(content);
    let { server } = checkKubeconfigInput(content, environment);
    return { connection: { content }, server };
  }
  let fromStep = process.env.KUBECONFIG?.split(delimiter).find((path) => path.trim() !== "");
  if (fromStep) {
    let { server } = checkKubeconfigFile(fromStep, "KUBECONFIG");
    return { connection: { kubeconfig: fromStep }, server };
  }
  throw emptyKubeconfigError(environment);
}
function actionKube(kubeconfig) {
  return connectKube(kubeconfig.connection, { onRetry: (line) => info(line) });
}

export {
  kubeconfigForAction,
  actionKube
};
