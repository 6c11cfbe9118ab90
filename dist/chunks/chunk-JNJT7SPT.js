import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);

// src/k8s/client.ts
var FIELD_MANAGER = "k8sapp";
function groupOfApiVersion(apiVersion) {
  let slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}
function refOf(object) {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...object.metadata.namespace ? { namespace: object.metadata.namespace } : {}
  };
}
function describeRef(ref) {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export {
  FIELD_MANAGER,
  groupOfApiVersion,
  refOf,
  describeRef
};
