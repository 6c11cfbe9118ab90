import { selectServiceResources, servicesSelectingNothing } from '../apply/select.js';
import { substituteSecrets } from '../apply/secrets.js';
import { overlayPath } from '../config/deploy-control.js';
import { ConfigurationError, type Finding } from '../errors.js';
import { allowedServices, type Decision } from '../gate/decide.js';
import type { Kubectl } from '../k8s/kubectl.js';
import type { Logger } from '../log.js';
import { imageReferenceFindings } from '../manifests/images.js';
import { renderOverlay } from '../manifests/render.js';
import type { KubernetesObject } from '../manifests/resource.js';
import { deployComponents, loadAllMigrations } from '../migrations/prepare.js';
import { migrationSettings } from '../migrations/settings.js';
import type { DeployRequest } from './types.js';

/** Everything a deploy needs from its inputs, checked: what the cluster phases work from. */
export interface CheckedPlan {
  overlay: string;
  /** kustomize's output as built (Secrets still hold their placeholders; the apply substitutes in memory). */
  yaml: string;
  objects: KubernetesObject[];
  /** Services this deploy applies (the gate's allowed ones); empty: the environment declares none. */
  services: string[];
  /** Components (services) whose migrations run. */
  components: string[];
  migrations: NonNullable<DeployRequest['migrations']>;
}

export interface PrepareDependencies {
  /** Runs `kubectl kustomize` only: an offline build, no cluster is contacted. */
  kustomize: Kubectl;
  logger: Logger;
  registerSecret: (value: string) => void;
}

/**
 * The deploy's input checks, all before the first cluster call, the first migration and the GitHub deployment
 * record: migrations load, the overlay builds, every service this deploy applies selects at least one manifest,
 * every image reference is valid, and every Secret placeholder of the applied objects has a value. Pure apart from
 * reading the repository: no cluster client, no GitHub client. All problems are reported together, located.
 */
export async function prepareDeploy(request: DeployRequest, decision: Decision, deps: PrepareDependencies): Promise<CheckedPlan> {
  const { control, environment } = request;
  const migrations = request.migrations ?? (await loadAllMigrations(migrationSettings(control)));
  const overlay = overlayPath(control, environment);
  deps.logger.info(`kubectl kustomize ${overlay}`);
  const built = await renderOverlay(deps.kustomize, overlay);
  const objects = built.resources.map((resource) => resource.object);
  const services = allowedServices(decision);
  const selection = selectServiceResources(control, environment, built.resources, services);

  const findings: Finding[] = [
    ...servicesSelectingNothing(control, environment, objects, services),
    ...imageReferenceFindings(selection.selected),
    ...placeholderFindings(selection.selected, request, deps.registerSecret),
  ];
  if (findings.length > 0) {
    throw ConfigurationError.fromFindings(
      `Not deploying ${environment}: ${findings.length} input problem(s); nothing was changed (no cluster call, no migration, no deployment record).`,
      findings,
    );
  }

  const components = deployComponents(control, environment, objects, services);
  deps.logger.info(
    `${objects.length} object(s) rendered, ${selection.selected.length} selected; inputs checked; components: ${components.join(', ') || '(none)'}; ${migrations.length} migration(s) loaded.`,
  );
  return { overlay, yaml: built.yaml, objects, services, components, migrations };
}

/** A Secret key of the applied objects still holding a placeholder after substitution: a deploy would ship it. */
function placeholderFindings(resources: Parameters<typeof substituteSecrets>[0], request: DeployRequest, registerSecret: (value: string) => void): Finding[] {
  const { placeholders } = substituteSecrets(resources, request.secrets, registerSecret);
  return placeholders.map((placeholder) => {
    const where = `${placeholder.namespace ? `${placeholder.namespace}/` : ''}${placeholder.secret}`;
    return {
      severity: 'error' as const,
      code: 'PLACEHOLDER_LEFT',
      message:
        `Secret ${where}: key ${placeholder.key} (${placeholder.field}) still holds a placeholder; supply a value named "${placeholder.key}" ` +
        `or "${placeholder.secret}/${placeholder.key}" in the secrets input. Refusing to deploy a well-known value.`,
      key: `${placeholder.field}.${placeholder.key}`,
      ...(placeholder.location ? { location: placeholder.location } : {}),
    };
  });
}
