import { parse as parseYamlValue } from 'yaml';
import schema from '../../schemas/hetzner-k3s-cluster.schema.json' with { type: 'json' };
import { formatKeyPath, validateAgainstSchema } from '../config/schema.js';
import { ConfigurationError, hasErrors, type Finding } from '../errors.js';
import { loadYamlFile, type KeyPath, type LocatedDocument } from '../yaml/located.js';

export interface ClusterCheckOptions {
  /** The environment the config belongs to (dev, test, prod): some rules are stricter for prod. */
  environment: string;
}

/** The parts of a hetzner-k3s 2.x config that k8sapp reads; the schema describes the whole file. */
export interface ClusterConfig {
  auto_deploy?: boolean;
  config_format_version?: number | string;
  cluster_name: string;
  kubeconfig_path: string;
  k3s_version: string;
  protect_against_deletion?: boolean;
  networking?: {
    ssh?: { public_key_path?: string; private_key_path?: string; use_agent?: boolean };
    allowed_networks?: { ssh?: string[]; api?: string[]; custom_firewall_rules?: FirewallRule[] };
    public_network?: { ipv4?: boolean; ipv6?: boolean };
    private_network?: { enabled?: boolean; subnet?: string };
    cluster_cidr?: string;
    service_cidr?: string;
    cluster_domain?: string;
  };
  masters_pool: { instance_type: string; instance_count?: number; locations?: string[] };
  worker_node_pools?: { name?: string; instance_count?: number; autoscaling?: { enabled?: boolean } }[];
  addons?: {
    csi_driver?: { enabled?: boolean };
    embedded_registry_mirror?: { enabled?: boolean; private_registry_config?: string };
  };
  [key: string]: unknown;
}

export interface FirewallRule {
  description?: string;
  direction?: 'in' | 'out';
  protocol?: string;
  port?: string | number;
  source_ips?: string[];
  destination_ips?: string[];
}

/** hetzner-k3s's own name for the config version it understands (current releases require it). */
export const CONFIG_FORMAT_VERSION = 1;

/** The names the seed records per environment; a different name makes hetzner-k3s build a second cluster. */
export function expectedClusterName(environment: string): string {
  return `hetzner-${environment}-cluster`;
}

export function isProduction(environment: string): boolean {
  return /^prod(uction)?$/i.test(environment);
}

/** Keys that older layouts (or the seed document) put elsewhere; hetzner-k3s 2.4+ silently ignores them there. */
const MOVED_KEYS: Record<string, string> = {
  custom_firewall_rules: 'networking.allowed_networks.custom_firewall_rules',
  embedded_registry_mirror: 'addons.embedded_registry_mirror',
  local_path_storage_class: 'addons.local_path_storage_class',
  ssh_allowed_networks: 'networking.allowed_networks.ssh',
  api_allowed_networks: 'networking.allowed_networks.api',
  public_ssh_key_path: 'networking.ssh.public_key_path',
  private_ssh_key_path: 'networking.ssh.private_key_path',
  use_ssh_agent: 'networking.ssh.use_agent',
  ssh_port: 'networking.ssh.port',
  private_network_subnet: 'networking.private_network.subnet',
  existing_network: 'networking.private_network.existing_network_name',
  enable_encryption: 'networking.cni.encryption',
  disable_flannel: 'networking.cni.enabled',
  enable_public_net_ipv4: 'networking.public_network.ipv4',
  enable_public_net_ipv6: 'networking.public_network.ipv6',
  post_create_commands: 'additional_post_k3s_commands',
  cloud_controller_manager_manifest_url: 'addons.cloud_controller_manager.manifest_url',
  csi_driver_manifest_url: 'addons.csi_driver.manifest_url',
  system_upgrade_controller_manifest_url: 'addons.system_upgrade_controller.deployment_manifest_url',
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const at = (value: unknown, ...path: string[]): unknown => path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), value);

/**
 * Checks a hetzner-k3s cluster-config.yaml: schema plus lint rules. Used by `k8sapp validate`, the PR check and the
 * cluster action before anything is created. Errors stop the run; warnings are shown and the run goes on.
 */
export function checkClusterConfig(document: LocatedDocument, options: ClusterCheckOptions): Finding[] {
  const config = document.value;
  if (!isObject(config)) {
    return [{ severity: 'error', code: 'SCHEMA', message: 'the cluster config must be a YAML mapping', location: document.locate([]) }];
  }
  const findings: Finding[] = [];
  const finding = (severity: Finding['severity'], code: string, path: KeyPath, message: string, target: 'key' | 'value' = 'key') => {
    findings.push({ severity, code, message, key: formatKeyPath(path), location: document.locate(path, target) });
  };

  for (const schemaFinding of validateAgainstSchema(schema, document)) {
    if (schemaFinding.key === 'config_format_version') continue; // reported below with a better message
    const unknown = /unknown key "([^"]+)"/.exec(schemaFinding.message);
    if (unknown) {
      const name = unknown[1] ?? '';
      const moved = schemaFinding.key === name ? MOVED_KEYS[name] : undefined;
      const message = moved
        ? `${schemaFinding.key}: unknown key; hetzner-k3s 2.x reads it as ${moved} and silently ignores it here`
        : `${schemaFinding.message} (hetzner-k3s would silently ignore it)`;
      findings.push({ ...schemaFinding, code: 'UNKNOWN_KEY', message });
    } else {
      findings.push(schemaFinding);
    }
  }

  // config_format_version: the newest hetzner-k3s releases refuse a config without it.
  const version = config.config_format_version;
  if (version === undefined) {
    findings.push({
      severity: 'error',
      code: 'CONFIG_FORMAT_VERSION',
      key: 'config_format_version',
      message: `config_format_version is missing; add "config_format_version: ${CONFIG_FORMAT_VERSION}" (required by current hetzner-k3s 2.x releases)`,
      location: document.locate([]),
    });
  } else if ((typeof version === 'string' || typeof version === 'number' ? String(version) : JSON.stringify(version)) !== String(CONFIG_FORMAT_VERSION)) {
    finding(
      'error',
      'CONFIG_FORMAT_VERSION',
      ['config_format_version'],
      `config_format_version must be ${CONFIG_FORMAT_VERSION} (hetzner-k3s 2.x), got ${JSON.stringify(version)}`,
      'value',
    );
  }

  // The token never belongs in a committed file; its value is never repeated in a message.
  if ('hetzner_token' in config) {
    finding(
      'error',
      'HETZNER_TOKEN_IN_FILE',
      ['hetzner_token'],
      'hetzner_token must not be in the cluster config: remove it (and rotate the token if it was ever committed); k8sapp passes the HETZNER_TOKEN secret to hetzner-k3s as HCLOUD_TOKEN',
    );
  }

  checkOutboundFirewall(config, finding);
  checkRegistryMirror(config, finding);

  // Warnings.
  const expected = expectedClusterName(options.environment);
  if (typeof config.cluster_name === 'string' && config.cluster_name !== expected) {
    finding(
      'warning',
      'CLUSTER_NAME',
      ['cluster_name'],
      `cluster_name is "${config.cluster_name}" but the name recorded for ${options.environment} is "${expected}"; hetzner-k3s finds servers by this name, so renaming creates a second cluster instead of updating the existing one`,
      'value',
    );
  }
  const mirror = at(config, 'addons', 'embedded_registry_mirror');
  if (!isObject(mirror) || typeof mirror.enabled !== 'boolean') {
    const path = isObject(mirror) ? ['addons', 'embedded_registry_mirror'] : isObject(config.addons) ? ['addons'] : [];
    finding(
      'warning',
      'REGISTRY_MIRROR_IMPLICIT',
      path,
      'addons.embedded_registry_mirror.enabled is not set; its default differs between hetzner-k3s code (enabled) and docs (disabled), so set it explicitly',
    );
  }
  if (isProduction(options.environment) && config.protect_against_deletion === false) {
    finding(
      'warning',
      'DELETION_PROTECTION_OFF',
      ['protect_against_deletion'],
      'protect_against_deletion is false for a production cluster; set it to true so `hetzner-k3s delete` refuses to destroy it',
      'value',
    );
  }
  if (isProduction(options.environment)) {
    const api = at(config, 'networking', 'allowed_networks', 'api');
    if (api === undefined) {
      const path =
        at(config, 'networking', 'allowed_networks') !== undefined
          ? ['networking', 'allowed_networks']
          : at(config, 'networking') !== undefined
            ? ['networking']
            : [];
      finding(
        'warning',
        'API_OPEN_TO_WORLD',
        path,
        'networking.allowed_networks.api is not set, so the Kubernetes API of this production cluster is open to 0.0.0.0/0 (the hetzner-k3s default); restrict it to your runner/VPN ranges',
      );
    } else if (Array.isArray(api)) {
      const index = api.findIndex((cidr) => cidr === '0.0.0.0/0' || cidr === '::/0');
      if (index >= 0) {
        finding(
          'warning',
          'API_OPEN_TO_WORLD',
          ['networking', 'allowed_networks', 'api', index],
          `networking.allowed_networks.api allows ${String(api[index])}: the Kubernetes API of this production cluster is open to the whole internet; restrict it to your runner/VPN ranges`,
        );
      }
    }
  }
  return findings;
}

type Report = (severity: Finding['severity'], code: string, path: KeyPath, message: string, target?: 'key' | 'value') => void;

const ANY_PORT = new Set(['any', '1-65535', '0-65535']);

/**
 * The seed's "deny-all" trap: one outbound rule makes the Hetzner firewall drop all other egress, so nodes can no
 * longer reach registries, GitHub releases or DNS and pods sit in ImagePullBackOff.
 */
function checkOutboundFirewall(config: Json, report: Report): void {
  const rules = at(config, 'networking', 'allowed_networks', 'custom_firewall_rules');
  if (!Array.isArray(rules)) return;
  const outbound = rules.map((rule, index) => ({ rule: rule as FirewallRule, index })).filter(({ rule }) => isObject(rule) && rule.direction === 'out');
  if (outbound.length === 0) return;
  const allowsAll = (protocol: string) =>
    outbound.some(
      ({ rule }) =>
        (rule.protocol ?? 'tcp') === protocol &&
        ANY_PORT.has(String(rule.port ?? 'any')) &&
        Array.isArray(rule.destination_ips) &&
        rule.destination_ips.includes('0.0.0.0/0'),
    );
  const missing = ['tcp', 'udp'].filter((protocol) => !allowsAll(protocol));
  if (missing.length === 0) return;
  const first = outbound[0]!.index;
  report(
    'error',
    'OUTBOUND_FIREWALL_TRAP',
    ['networking', 'allowed_networks', 'custom_firewall_rules', first],
    `custom outbound firewall rules switch the Hetzner firewall to deny-all egress, and no rule allows all outbound ${missing.map((p) => p.toUpperCase()).join(' and ')}; nodes could not pull images (ImagePullBackOff), resolve DNS or download k3s. Add rules with direction: out, protocol: ${missing.join('/')}, port: any, destination_ips: [0.0.0.0/0, ::/0]`,
  );
}

/**
 * The incident's circular dependency: a registry mirror served from inside the cluster cannot serve the images it
 * needs itself once its pods move. A mirror needs at least one endpoint outside the cluster.
 */
function checkRegistryMirror(config: Json, report: Report): void {
  const raw = at(config, 'addons', 'embedded_registry_mirror', 'private_registry_config');
  if (typeof raw !== 'string') return;
  const path = ['addons', 'embedded_registry_mirror', 'private_registry_config'];
  let registries: unknown;
  try {
    registries = parseYamlValue(raw);
  } catch (error) {
    report('error', 'REGISTRY_CONFIG', path, `private_registry_config is not valid registries.yaml: ${(error as Error).message.split('\n')[0]}`, 'value');
    return;
  }
  const mirrors = at(registries, 'mirrors');
  if (!isObject(mirrors)) return;
  const inside = clusterNetworks(config);
  for (const [registry, mirror] of Object.entries(mirrors)) {
    const endpoints = at(mirror, 'endpoint') ?? at(mirror, 'endpoints');
    if (!Array.isArray(endpoints) || endpoints.length === 0) continue;
    const urls = endpoints.map(String);
    if (urls.every((url) => isInsideCluster(url, inside))) {
      report(
        'error',
        'REGISTRY_MIRROR_SELF',
        path,
        `registry mirror for "${registry}" only lists endpoints inside the cluster (${urls.join(', ')}); when that registry's pods are rescheduled no node can pull the images it needs to come back (the circular dependency of the Harbor incident). Add an endpoint outside the cluster, e.g. the upstream registry`,
        'value',
      );
    }
  }
}

interface ClusterNetworks {
  cidrs: string[];
  domain: string;
}

function clusterNetworks(config: Json): ClusterNetworks {
  const networking = isObject(config.networking) ? config.networking : {};
  const cidrs = [
    typeof networking.cluster_cidr === 'string' ? networking.cluster_cidr : '10.244.0.0/16',
    typeof networking.service_cidr === 'string' ? networking.service_cidr : '10.43.0.0/16',
    '127.0.0.0/8',
  ];
  const privateNetwork = at(config, 'networking', 'private_network');
  if (!isObject(privateNetwork) || privateNetwork.enabled !== false) {
    cidrs.push(isObject(privateNetwork) && typeof privateNetwork.subnet === 'string' ? privateNetwork.subnet : '10.0.0.0/16');
  }
  return { cidrs, domain: typeof networking.cluster_domain === 'string' ? networking.cluster_domain : 'cluster.local' };
}

/** Whether a registry endpoint points at something only the cluster itself serves. */
export function isInsideCluster(
  endpoint: string,
  networks: ClusterNetworks = { cidrs: ['10.244.0.0/16', '10.43.0.0/16', '127.0.0.0/8', '10.0.0.0/16'], domain: 'cluster.local' },
): boolean {
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  host = host.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  if (host.endsWith('.svc') || host.includes('.svc.') || host.endsWith(`.${networks.domain}`)) return true;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return networks.cidrs.some((cidr) => ipv4InCidr(host, cidr));
  // A single-label name only resolves through the cluster's search domains (a Service name).
  return !host.includes('.');
}

function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return (((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!) >>> 0;
}

export function ipv4InCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const address = ipv4ToNumber(ip);
  const network = ipv4ToNumber(base ?? '');
  if (address === undefined || network === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (address & mask) >>> 0 === (network & mask) >>> 0;
}

export interface LoadedClusterConfig {
  file: string;
  config: ClusterConfig;
  document: LocatedDocument;
  /** Every finding, warnings included; errors have already been thrown. */
  findings: Finding[];
}

/** Loads and checks a cluster config; any error throws a located ConfigurationError before anything is created. */
export async function loadClusterConfig(file: string, environment: string): Promise<LoadedClusterConfig> {
  const document = await loadYamlFile(file);
  const findings = checkClusterConfig(document, { environment });
  if (hasErrors(findings)) {
    throw ConfigurationError.fromFindings(`${file} is not a safe hetzner-k3s cluster config; nothing was created`, findings);
  }
  return { file, config: document.value as ClusterConfig, document, findings };
}
