import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);

// src/json.ts
function isRecord(value) {
  return typeof value == "object" && value !== null && !Array.isArray(value);
}

export {
  isRecord
};
