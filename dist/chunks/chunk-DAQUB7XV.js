import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  groupOfApiVersion
} from "./chunk-JNJT7SPT.js";

// src/k8s/kinds.ts
var KINDS = [
  { apiVersion: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: !0, short: ["cm"] },
  { apiVersion: "v1", kind: "Secret", plural: "secrets", namespaced: !0 },
  { apiVersion: "v1", kind: "Service", plural: "services", namespaced: !0, short: ["svc"] },
  { apiVersion: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: !0, short: ["sa"] },
  { apiVersion: "v1", kind: "Pod", plural: "pods", namespaced: !0, short: ["po"] },
  { apiVersion: "v1", kind: "Event", plural: "events", namespaced: !0, short: ["ev"] },
  { apiVersion: "v1", kind: "Endpoints", plural: "endpoints", namespaced: !0, short: ["ep"] },
  { apiVersion: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", namespaced: !0, short: ["pvc"] },
  { apiVersion: "v1", kind: "PersistentVolume", plural: "persistentvolumes", namespaced: !1, short: ["pv"] },
  { apiVersion: "v1", kind: "Namespace", plural: "namespaces", namespaced: !1, short: ["ns"] },
  { apiVersion: "v1", kind: "Node", plural: "nodes", namespaced: !1, short: ["no"] },
  { apiVersion: "v1", kind: "ResourceQuota", plural: "resourcequotas", namespaced: !0, short: ["quota"] },
  { apiVersion: "v1", kind: "LimitRange", plural: "limitranges", namespaced: !0, short: ["limits"] },
  { apiVersion: "apps/v1", kind: "Deployment", plural: "deployments", namespaced: !0, short: ["deploy"] },
  { apiVersion: "apps/v1", kind: "StatefulSet", plural: "statefulsets", namespaced: !0, short: ["sts"] },
  { apiVersion: "apps/v1", kind: "DaemonSet", plural: "daemonsets", namespaced: !0, short: ["ds"] },
  { apiVersion: "apps/v1", kind: "ReplicaSet", plural: "replicasets", namespaced: !0, short: ["rs"] },
  { apiVersion: "apps/v1", kind: "ControllerRevision", plural: "controllerrevisions", namespaced: !0 },
  { apiVersion: "batch/v1", kind: "Job", plural: "jobs", namespaced: !0 },
  { apiVersion: "batch/v1", kind: "CronJob", plural: "cronjobs", namespaced: !0, short: ["cj"] },
  { apiVersion: "networking.k8s.io/v1", kind: "Ingress", plural: "ingresses", namespaced: !0, short: ["ing"] },
  { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", plural: "networkpolicies", namespaced: !0, short: ["netpol"] },
  { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", plural: "storageclasses", namespaced: !1, short: ["sc"] },
  { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", plural: "customresourcedefinitions", namespaced: !1, short: ["crd", "crds"] },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", plural: "roles", namespaced: !0 },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", plural: "rolebindings", namespaced: !0 },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", plural: "clusterroles", namespaced: !1 },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", plural: "clusterrolebindings", namespaced: !1 },
  { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", plural: "horizontalpodautoscalers", namespaced: !0, short: ["hpa"] },
  { apiVersion: "policy/v1", kind: "PodDisruptionBudget", plural: "poddisruptionbudgets", namespaced: !0, short: ["pdb"] }
], BY_SPELLING = /* @__PURE__ */ new Map();
for (let { plural, short, ...kind } of KINDS) {
  let group = groupOfApiVersion(kind.apiVersion);
  for (let name of [kind.kind.toLowerCase(), plural, ...short ?? []])
    BY_SPELLING.set(name, kind), group && BY_SPELLING.set(`${name}.${group}`, kind);
}
function builtInKindOf(group, kind) {
  let found = BY_SPELLING.get(kind.toLowerCase());
  return found && found.kind === kind && groupOfApiVersion(found.apiVersion) === group ? found : void 0;
}
function builtInKind(spelling) {
  return BY_SPELLING.get(spelling.toLowerCase());
}

export {
  builtInKindOf,
  builtInKind
};
