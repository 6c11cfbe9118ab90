import type { DeployControl, LoadedDeployControl } from '../config/deploy-control.js';
import { ConfigurationError, type Finding } from '../errors.js';
import { belongsToService, type KubernetesObject, type Resource } from '../manifests/resource.js';

export interface ServiceSelection {
  selected: Resource[];
  /** Objects left out, each with why (disabled in deploy-control, or not selected for this deploy). */
  skipped: [KubernetesObject, string][];
}

/**
 * The objects one deploy applies: those of the requested (default: every enabled) services, plus objects of no
 * declared service (Namespaces, shared config: infrastructure every service needs). A requested service that
 * deploy-control does not declare is a configuration error. Shared by the deploy's input checks and the apply engine.
 */
export function selectServiceResources(
  control: LoadedDeployControl,
  environmentName: string,
  resources: readonly Resource[],
  requestedServices: readonly string[] | undefined,
): ServiceSelection {
  const declared = control.config.environments[environmentName]?.services ?? {};
  const requested = requestedServices && requestedServices.length > 0 ? [...requestedServices] : undefined;
  for (const name of requested ?? []) {
    if (!Object.hasOwn(declared, name)) {
      throw new ConfigurationError(
        `Service "${name}" is not declared under environments.${environmentName}.services in ${control.file} (declared: ${Object.keys(declared).join(', ') || 'none'}).`,
      );
    }
  }
  const skipReason = serviceSelection(control.config, environmentName, requested);
  const selected: Resource[] = [];
  const skipped: [KubernetesObject, string][] = [];
  for (const resource of resources) {
    const reason = skipReason(resource.object);
    if (reason === undefined) selected.push(resource);
    else skipped.push([resource.object, reason]);
  }
  return { selected, skipped };
}

/**
 * A service of deploy-control that selects no object of the environment's overlay (no `app.kubernetes.io/name` or
 * `app` label and no `metadata.name` equal to its name): usually a typo or a removed component. Located on the
 * service's key in deploy-control.yaml. `only`: check just these services (a deploy checks what it deploys).
 */
export function servicesSelectingNothing(
  control: LoadedDeployControl,
  environmentName: string,
  objects: readonly KubernetesObject[],
  only?: readonly string[],
): Finding[] {
  const declared = Object.keys(control.config.environments[environmentName]?.services ?? {});
  return declared
    .filter((name) => !only || only.includes(name))
    .filter((name) => !objects.some((object) => belongsToService(object, name)))
    .map((name) => ({
      severity: 'error' as const,
      code: 'SERVICE_SELECTS_NOTHING',
      message:
        `service "${name}" of environment ${environmentName} selects no manifest of its overlay: no object has the label ` +
        `app.kubernetes.io/name or app, or metadata.name, equal to "${name}". Fix the name or remove the service.`,
      key: `environments.${environmentName}.services.${name}`,
      location: control.document.locate(['environments', environmentName, 'services', name], 'key'),
    }));
}

/**
 * The one service-selection rule: why a deploy of `services` (default: every enabled service) leaves an object out
 * (its service is disabled, or not among the requested ones), or undefined when it is deployed. Objects of no
 * declared service (Namespaces, shared config) are infrastructure every service needs: always deployed. Apply, the
 * deploy's input checks and prune (which must not touch services a deploy left out) all decide with it.
 */
export function serviceSelection(control: DeployControl, environment: string, services?: readonly string[]): (object: KubernetesObject) => string | undefined {
  const declared = control.environments[environment]?.services ?? {};
  const enabled = Object.entries(declared)
    .filter(([, service]) => service.enabled !== false)
    .map(([name]) => name);
  const requested = services && services.length > 0 ? [...services] : undefined;
  const allowed = new Set((requested ?? enabled).filter((name) => enabled.includes(name)));
  return (object) => {
    const owners = Object.keys(declared).filter((name) => belongsToService(object, name));
    if (owners.length === 0 || owners.some((name) => allowed.has(name))) return undefined;
    const service = owners[0] ?? '';
    return !enabled.includes(service)
      ? `service ${service} is disabled for ${environment} in deploy-control`
      : `service ${service} was not selected for this deploy`;
  };
}
