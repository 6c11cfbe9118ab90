import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  belongsToService
} from "./chunk-LLJRTO2H.js";
import {
  ConfigurationError
} from "./chunk-SSQ7VYGP.js";

// src/apply/select.ts
function selectServiceResources(control, environmentName, resources, requestedServices) {
  let declared = control.config.environments[environmentName]?.services ?? {}, enabled = Object.entries(declared).filter(([, service]) => service.enabled !== !1).map(([name]) => name), requested = requestedServices && requestedServices.length > 0 ? [...requestedServices] : void 0;
  for (let name of requested ?? [])
    if (!Object.hasOwn(declared, name))
      throw new ConfigurationError(
        `Service "${name}" is not declared under environments.${environmentName}.services in ${control.file} (declared: ${Object.keys(declared).join(", ") || "none"}).`
      );
  let allowed = new Set((requested ?? enabled).filter((name) => enabled.includes(name))), selected = [], skipped = [];
  for (let resource of resources) {
    let owners = Object.keys(declared).filter((name) => belongsToService(resource.object, name));
    if (owners.length === 0 || owners.some((name) => allowed.has(name))) {
      selected.push(resource);
      continue;
    }
    let service = owners[0] ?? "", reason = enabled.includes(service) ? `service ${service} was not selected for this deploy` : `service ${service} is disabled for ${environmentName} in deploy-control`;
    skipped.push([resource.object, reason]);
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

export {
  selectServiceResources,
  servicesSelectingNothing
};
