import { renderOverlay } from '../manifests/render.js';
import { loadDeployControl, overlayPath, unknownEnvironment, type LoadedDeployControl } from '../config/deploy-control.js';
import { ConfigurationError } from '../errors.js';
import type { Kubectl } from '../k8s/kubectl.js';
import { serviceOf, WORKLOAD_KINDS, type KubernetesObject } from '../manifests/resource.js';
import { BUILTIN_MIGRATIONS } from './builtin/index.js';
import { duplicateIdFindings, loadMigrations, type LoadedMigration } from './loader.js';
import type { MigrationRequest } from './runner.js';
import { migrationSettings, type MigrationSettings } from './settings.js';

/** Built-ins opted in by id, as LoadedMigrations (they run before the user's). */
export function builtinMigrations(ids: readonly string[]): LoadedMigration[] {
  return ids.map((id) => ({ migration: BUILTIN_MIGRATIONS[id]!, file: `builtin:${id}`, builtin: true }));
}

/** Opted-in built-ins plus the user's migrations folder, checked together (ids unique across both). */
export async function loadAllMigrations(settings: MigrationSettings): Promise<LoadedMigration[]> {
  const all = [...builtinMigrations(settings.builtin), ...(await loadMigrations(settings.folder, { required: settings.folderConfigured }))];
  const duplicates = duplicateIdFindings(all);
  if (duplicates.length) throw ConfigurationError.fromFindings('migration ids must be unique', duplicates);
  return all;
}

/** Renders an environment's overlay offline (`kubectl kustomize`) into plain objects. */
export async function renderOverlayObjects(kubectl: Kubectl, directory: string): Promise<KubernetesObject[]> {
  return (await renderOverlay(kubectl, directory)).resources.map((resource) => resource.object);
}

/** The components of a deploy: the environment's enabled services, else the services of the rendered workloads. */
export function componentsOf(control: LoadedDeployControl, environment: string, manifests: readonly KubernetesObject[]): string[] {
  const services = control.config.environments[environment]?.services;
  if (services && Object.keys(services).length) {
    return Object.entries(services)
      .filter(([, service]) => service.enabled !== false)
      .map(([name]) => name);
  }
  return [...new Set(manifests.filter((m) => WORKLOAD_KINDS.has(m.kind)).map((m) => serviceOf(m)))];
}

/** The components whose migrations a deploy of `services` runs: every component, or those among `services`. */
export function deployComponents(
  control: LoadedDeployControl,
  environment: string,
  manifests: readonly KubernetesObject[],
  services: readonly string[],
): string[] {
  const known = componentsOf(control, environment, manifests);
  return services.length ? known.filter((name) => services.includes(name)) : known;
}

export interface PreparedMigrations {
  control: LoadedDeployControl;
  settings: MigrationSettings;
  request: Omit<MigrationRequest, 'mode'>;
}

/**
 * Everything the migrations CLI command and action need before touching the cluster: control file, settings,
 * loaded migrations, rendered manifests, components. Any user error is a located ConfigurationError, raised before
 * the first cluster call.
 */
export async function prepareMigrations(options: {
  controlFile: string;
  environment: string;
  components?: readonly string[];
  kubectl: Kubectl;
  sha?: string;
}): Promise<PreparedMigrations> {
  const control = await loadDeployControl(options.controlFile);
  if (!control.config.environments[options.environment]) throw unknownEnvironment(control.config, options.environment, control);

  const settings = migrationSettings(control);
  const migrations = await loadAllMigrations(settings);
  const manifests = await renderOverlayObjects(options.kubectl, overlayPath(control, options.environment));
  const known = componentsOf(control, options.environment, manifests);
  let components = known;
  if (options.components?.length) {
    const unknown = options.components.filter((c) => !known.includes(c));
    if (unknown.length) {
      throw new ConfigurationError(`unknown component(s) ${unknown.join(', ')} for ${options.environment}; known: ${known.join(', ')}`);
    }
    components = [...options.components];
  }
  const request: Omit<MigrationRequest, 'mode'> = {
    environment: options.environment,
    components,
    manifests,
    migrations,
    timeoutSeconds: settings.timeoutSeconds,
    slowSeconds: settings.slowSeconds,
  };
  if (options.sha) request.sha = options.sha;
  return { control, settings, request };
}
