import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  ClusterUnreachableError
} from "./chunk-ONP5N6JI.js";

// src/k8s/reachable.ts
async function ensureServerReachable(kube, notDone, server) {
  try {
    return await kube.version();
  } catch (error) {
    throw error instanceof ClusterUnreachableError ? new ClusterUnreachableError({ ...error.unreachable, ...server ? { server } : {} }, notDone) : error;
  }
}

export {
  ensureServerReachable
};
