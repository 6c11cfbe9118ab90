import { dirname, resolve } from 'node:path';
import schema from '../../schemas/deploy-control.schema.json' with { type: 'json' };
import { ConfigurationError, hasErrors, type Finding } from '../errors.js';
import { loadYamlFile, type LocatedDocument } from '../yaml/located.js';
import { validateAgainstSchema } from './schema.js';

export interface ServiceControl {
  enabled: boolean;
  auto_deploy: boolean;
  require_approval?: boolean;
  rollback_on_failure?: boolean;
}

export interface EnvironmentControl {
  enabled: boolean;
  auto_deploy: boolean;
  require_manual_approval?: boolean;
  branch?: string;
  overlay?: string;
  rollout_timeout?: number;
  services?: Record<string, ServiceControl>;
  [key: string]: unknown;
}

export interface DeployControl {
  version?: string;
  global: { auto_deploy?: boolean };
  environments: Record<string, EnvironmentControl>;
}

export interface LoadedDeployControl {
  /** Absolute path of deploy-control.yaml; overlay paths are relative to its folder. */
  file: string;
  config: DeployControl;
  document: LocatedDocument;
}

export const DEFAULT_CONTROL_FILE = 'infra/deploy-control.yaml';

/** Checks a parsed control file: the JSON Schema plus rules a schema cannot say. Returns located findings. */
export function checkDeployControl(document: LocatedDocument): Finding[] {
  return validateAgainstSchema(schema, document);
}

/** Loads and validates deploy-control.yaml; any error throws a ConfigurationError with located findings. */
export async function loadDeployControl(file: string): Promise<LoadedDeployControl> {
  const document = await loadYamlFile(file);
  const findings = checkDeployControl(document);
  if (hasErrors(findings)) throw ConfigurationError.fromFindings(`${file} is not a valid deploy-control file`, findings);
  return { file: resolve(file), config: document.value as DeployControl, document };
}

/** The overlay folder of an environment: `overlay` relative to the control file, default k8s/hetzner/<env>. */
export function overlayPath(control: LoadedDeployControl, environment: string): string {
  const overlay = control.config.environments[environment]?.overlay ?? `k8s/hetzner/${environment}`;
  return resolve(dirname(control.file), overlay);
}
