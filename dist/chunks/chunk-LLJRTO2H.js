import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);

// src/manifests/resource.ts
function resourceKey(id) {
  return `${id.kind}/${id.namespace ?? ""}/${id.name}`;
}
function idOf(object) {
  let id = { kind: object.kind, name: object.metadata.name };
  return object.metadata.namespace && (id.namespace = object.metadata.namespace), id;
}
var CLUSTER_SCOPED_KINDS = /* @__PURE__ */ new Set([
  "Namespace",
  "CustomResourceDefinition",
  "ClusterRole",
  "ClusterRoleBinding",
  "PersistentVolume",
  "StorageClass",
  "PriorityClass",
  "IngressClass",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "APIService",
  "RuntimeClass",
  "CSIDriver",
  "VolumeSnapshotClass"
]), WORKLOAD_KINDS = /* @__PURE__ */ new Set(["Deployment", "StatefulSet", "DaemonSet", "Job"]);
function serviceOf(object) {
  let labels = object.metadata.labels ?? {};
  return labels["app.kubernetes.io/name"] ?? labels.app ?? object.metadata.name;
}
function belongsToService(object, service) {
  let labels = object.metadata.labels ?? {};
  return labels["app.kubernetes.io/name"] === service || labels.app === service || object.metadata.name === service;
}
var PLACEHOLDER_PATTERN = /^(StrongBase64Password|CHANGE_?ME|REPLACE_?ME|PLACEHOLDER|<[^>]+>|\$\{[^}]+\})$/i;
function findPlaceholders(resources) {
  let found = [];
  for (let { object, source } of resources)
    if (object.kind === "Secret")
      for (let field of ["data", "stringData"]) {
        let values = object[field];
        if (!(!values || typeof values != "object"))
          for (let [key, value] of Object.entries(values)) {
            if (typeof value != "string" || !isPlaceholder(value, field)) continue;
            let placeholder = { secret: object.metadata.name, key, field, location: source.locate([field, key]) };
            object.metadata.namespace && (placeholder.namespace = object.metadata.namespace), found.push(placeholder);
          }
      }
  return found;
}
function isPlaceholder(value, field) {
  if (PLACEHOLDER_PATTERN.test(value.trim())) return !0;
  if (field === "data") {
    let decoded = Buffer.from(value, "base64").toString("utf8");
    return PLACEHOLDER_PATTERN.test(decoded.trim());
  }
  return !1;
}

export {
  resourceKey,
  idOf,
  CLUSTER_SCOPED_KINDS,
  WORKLOAD_KINDS,
  serviceOf,
  belongsToService,
  findPlaceholders
};
