import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  connectKube
} from "./chunk-ONP5N6JI.js";
import {
  maskKubeconfig
} from "./chunk-OR3Z7ZGF.js";
import {
  checkKubeconfigFile,
  checkKubeconfigInput,
  emptyKubeconfigError
} from "./chunk-4WAREM3A.js";
import {
  info
} from "./chunk-ZJACZSGB.js";

// src/github/kubeconfig.ts
import { delimiter } from "node:path";
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
