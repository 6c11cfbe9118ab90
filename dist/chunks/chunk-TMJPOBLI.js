import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  belongsToService
} from "./chunk-LLJRTO2H.js";
import {
  ConfigurationError
} from "./chunk-LJ22TVXO.js";

// src/apply/select.ts
function selectServiceResources(control, environmentName, resources, requestedServices) {
  let declared = control.config.environments[environmentName]?.services ?? {}, requested = requestedServices && requestedServices.length > 0 ? [...requestedServices] : void 0;
  for (let name of requested ?? [])
    if (!Object.hasOwn(declared, name))
      throw new ConfigurationError(
        `Service "${name}" is not declared under environments.${environmentName}.services in ${control.file} (declared: ${Object.keys(declared).join(", ") || "none"}).`
      );
  let skipReason = serviceSelection(control.config, environmentName, requested), selected = [], skipped = [];
  for (let resource of resources) {
    let reason = skipReason(resource.object);
    reason === void 0 ? selected.push(resource) : skipped.push([resource.object, reason]);
  }
  return { selected, skipped };
}
function servicesSelectingNothing(control, environmentName, objects, only) {
  return Object.keys(control.config.environments[environmentName]?.services ?? {}).filter((name) => !only || only.includes(name)).filter((name) => !objects.some((object) => belongsToService(object, name))).map((name) => ({
    severity: "error",
    code: "SERVICE_SELECTS_NOTHING",
    message: `service "${name}" of environment ${environmentName} selects no manifest of its overlay: no object has the label app.kubernetes.io/name or app, or metadata.name, equal to "${name}". Fix the name or remove the service.`,
    key: `environments.${environmentName}.services.${name}`,
    location: control.document.locate(["environments", environmentName, "services", name], "key")
  }));
}
function serviceSelection(control, environment, services) {
  let declared = control.environments[environment]?.services ?? {}, enabled = Object.entries(declared).filter(([, service]) => service.enabled !== !1).map(([name]) => name), requested = services && services.length > 0 ? [...services] : void 0, allowed = new Set((requested ?? enabled).filter((name) => enabled.includes(name)));
  return (object) => {
    let owners = Object.keys(declared).filter((name) => belongsToService(object, name));
    if (owners.length === 0 || owners.some((name) => allowed.has(name))) return;
    let service = owners[0] ?? "";
    return enabled.includes(service) ? `service ${service} was not selected for this deploy` : `service ${service} is disabled for ${environment} in deploy-control`;
  };
}

export {
  selectServiceResources,
  servicesSelectingNothing,
  serviceSelection
};
