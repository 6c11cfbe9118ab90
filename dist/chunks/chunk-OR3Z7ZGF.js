import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  kubeconfigSecrets,
  secretForms
} from "./chunk-4WAREM3A.js";
import {
  setSecret
} from "./chunk-ZJACZSGB.js";

// src/github/mask.ts
function maskValue(value) {
  if (value)
    for (let form of secretForms(value)) setSecret(form);
}
function maskKubeconfig(content) {
  if (content) {
    setSecret(content);
    for (let secret of kubeconfigSecrets(content)) maskValue(secret);
  }
}

export {
  maskValue,
  maskKubeconfig
};
