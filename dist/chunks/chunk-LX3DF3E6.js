import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  group,
  info,
  warning
} from "./chunk-ZJACZSGB.js";

// src/github/logger.ts
var actionsLogger = {
  info: (message) => info(message),
  warning: (message) => warning(message),
  group: (name, body) => group(name, body)
};

export {
  actionsLogger
};
