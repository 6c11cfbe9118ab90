import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkClusterConfig, isInsideCluster, loadClusterConfig } from '../../src/cluster/preflight.js';
import { ConfigurationError, type Finding } from '../../src/errors.js';
import { parseYaml } from '../../src/yaml/located.js';

/** A complete, safe dev config; each test changes one thing. */
const GOOD = `auto_deploy: true
config_format_version: 1
cluster_name: hetzner-dev-cluster
kubeconfig_path: ./kubeconfig
k3s_version: v1.32.4+k3s1
protect_against_deletion: true
networking:
  ssh:
    port: 22
    use_agent: false
    public_key_path: ~/.ssh/id_ed25519.pub
    private_key_path: ~/.ssh/id_ed25519
  allowed_networks:
    ssh:
      - 0.0.0.0/0
    api:
      - 203.0.113.0/24
    custom_firewall_rules:
      - description: Allow all outbound TCP
        direction: out
        protocol: tcp
        port: any
        destination_ips:
          - 0.0.0.0/0
      - description: Allow all outbound UDP
        direction: out
        protocol: udp
        port: any
        destination_ips:
          - 0.0.0.0/0
  private_network:
    enabled: true
    subnet: 10.0.0.0/16
masters_pool:
  instance_type: cpx21
  instance_count: 1
  locations:
    - fsn1
worker_node_pools:
  - name: small-static
    instance_type: cpx31
    instance_count: 2
    location: fsn1
addons:
  csi_driver:
    enabled: true
  embedded_registry_mirror:
    enabled: true
`;

const check = (text: string, environment = 'dev') => checkClusterConfig(parseYaml(text, 'cluster-config.yaml'), { environment });
const codes = (findings: Finding[]) => findings.map((f) => `${f.severity}:${f.code}`);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
const only = (findings: Finding[], code: string) => {
  const found = findings.filter((f) => f.code === code);
  expect(found, JSON.stringify(findings, null, 1)).toHaveLength(1);
  return found[0]!;
};

describe('checkClusterConfig', () => {
  it('accepts a safe config without findings, in every environment', () => {
    expect(check(GOOD)).toEqual([]);
    expect(check(GOOD.replace('hetzner-dev-cluster', 'hetzner-prod-cluster'), 'prod')).toEqual([]);
  });

  describe('errors', () => {
    it('unknown keys, located, with a hint for keys hetzner-k3s reads elsewhere', () => {
      const text = GOOD.replace('masters_pool:\n', 'embedded_registry_mirror:\n  enabled: true\nmasters_pool:\n').replace(
        '    port: 22\n',
        '    port: 22\n    private_key: x\n',
      );
      const findings = check(text);
      const moved = findings.find((f) => f.key === 'embedded_registry_mirror')!;
      expect(moved).toMatchObject({ severity: 'error', code: 'UNKNOWN_KEY', location: { line: lineOf(text, 'embedded_registry_mirror:') } });
      expect(moved.message).toContain('addons.embedded_registry_mirror');
      const nested = findings.find((f) => f.key === 'networking.ssh.private_key')!;
      expect(nested).toMatchObject({ severity: 'error', code: 'UNKNOWN_KEY', location: { line: lineOf(text, 'private_key: x') } });
      expect(check(GOOD).filter((f) => f.code === 'UNKNOWN_KEY')).toEqual([]);
    });

    it("the seed's top-level custom_firewall_rules is an unknown key (hetzner-k3s 2.x would ignore the rules)", () => {
      const text = GOOD.replace(
        'masters_pool:\n',
        'custom_firewall_rules:\n  - direction: out\n    protocol: tcp\n    port: any\n    destination_ips: [0.0.0.0/0]\nmasters_pool:\n',
      );
      const finding = check(text).find((f) => f.key === 'custom_firewall_rules')!;
      expect(finding.code).toBe('UNKNOWN_KEY');
      expect(finding.message).toContain('networking.allowed_networks.custom_firewall_rules');
    });

    it('a wrong config_format_version (and a missing one)', () => {
      const wrong = GOOD.replace('config_format_version: 1', 'config_format_version: 2');
      const finding = only(check(wrong), 'CONFIG_FORMAT_VERSION');
      expect(finding).toMatchObject({ severity: 'error', key: 'config_format_version', location: { line: 2 } });
      expect(finding.message).toContain('must be 1');
      const missing = GOOD.replace('config_format_version: 1\n', '');
      expect(only(check(missing), 'CONFIG_FORMAT_VERSION').severity).toBe('error');
      expect(check(GOOD.replace('config_format_version: 1', 'config_format_version: "1"'))).toEqual([]);
    });

    it('hetzner_token in the file, without repeating its value', () => {
      const text = GOOD.replace('cluster_name:', 'hetzner_token: s3cr3t-token-value\ncluster_name:');
      const finding = only(check(text), 'HETZNER_TOKEN_IN_FILE');
      expect(finding).toMatchObject({ severity: 'error', key: 'hetzner_token', location: { line: lineOf(text, 'hetzner_token') } });
      expect(JSON.stringify(check(text))).not.toContain('s3cr3t-token-value');
    });

    it('the outbound firewall trap: custom outbound rules without all TCP and UDP', () => {
      const onlyTcp = GOOD.replace(/      - description: Allow all outbound UDP\n(        .*\n){5}/, '');
      const finding = only(check(onlyTcp), 'OUTBOUND_FIREWALL_TRAP');
      expect(finding).toMatchObject({
        severity: 'error',
        key: 'networking.allowed_networks.custom_firewall_rules[0]',
        location: { line: lineOf(onlyTcp, 'Allow all outbound TCP') },
      });
      expect(finding.message).toContain('UDP');
      expect(finding.message).not.toContain('TCP and');

      const restricted = GOOD.replace('        protocol: tcp\n        port: any', '        protocol: tcp\n        port: "443"');
      expect(only(check(restricted), 'OUTBOUND_FIREWALL_TRAP').message).toContain('TCP');
      const toOneHost = GOOD.replace(/destination_ips:\n          - 0.0.0.0\/0/g, 'destination_ips:\n          - 203.0.113.0/24');
      expect(only(check(toOneHost), 'OUTBOUND_FIREWALL_TRAP').message).toContain('TCP and UDP');
    });

    it('no outbound rule at all, or only inbound rules, is not a trap (Hetzner allows all egress then)', () => {
      const none = GOOD.replace(/    custom_firewall_rules:\n(      .*\n|        .*\n|          .*\n)*/, '');
      expect(codes(check(none))).not.toContain('error:OUTBOUND_FIREWALL_TRAP');
      const inbound = GOOD.replace(/direction: out/g, 'direction: in').replace(/destination_ips/g, 'source_ips');
      expect(codes(check(inbound))).not.toContain('error:OUTBOUND_FIREWALL_TRAP');
      const defaults = GOOD.replace(/        protocol: tcp\n        port: any\n/, ''); // protocol defaults to tcp, port to any
      expect(codes(check(defaults))).not.toContain('error:OUTBOUND_FIREWALL_TRAP');
    });

    it('a registry mirror whose only endpoint is inside the cluster (the Harbor incident)', () => {
      const mirror = (endpoints: string) =>
        GOOD.replace(
          '  embedded_registry_mirror:\n    enabled: true\n',
          `  embedded_registry_mirror:\n    enabled: true\n    private_registry_config: |\n      mirrors:\n        docker.io:\n          endpoint:\n${endpoints}`,
        );
      const circular = mirror('            - http://harbor-registry.harbor.svc.cluster.local\n');
      const finding = only(check(circular), 'REGISTRY_MIRROR_SELF');
      expect(finding).toMatchObject({
        severity: 'error',
        key: 'addons.embedded_registry_mirror.private_registry_config',
        location: { line: lineOf(circular, 'private_registry_config') },
      });
      expect(finding.message).toContain('docker.io');
      expect(only(check(mirror('            - http://10.43.12.7:5000\n')), 'REGISTRY_MIRROR_SELF').severity).toBe('error');
      expect(only(check(mirror('            - harbor:80\n')), 'REGISTRY_MIRROR_SELF').severity).toBe('error');
      // With a fallback outside the cluster the mirror can still bootstrap itself.
      expect(check(mirror('            - http://harbor-registry.harbor.svc.cluster.local\n            - https://registry-1.docker.io\n'))).toEqual([]);
      expect(check(mirror('            - https://mirror.gcr.io\n'))).toEqual([]);
    });

    it('classifies registry endpoints', () => {
      expect(isInsideCluster('http://registry.kube-system.svc:5000')).toBe(true);
      expect(isInsideCluster('https://127.0.0.1:5000')).toBe(true);
      expect(isInsideCluster('localhost:5000')).toBe(true);
      expect(isInsideCluster('10.0.1.5')).toBe(true);
      expect(isInsideCluster('https://registry-1.docker.io')).toBe(false);
      expect(isInsideCluster('https://203.0.113.10')).toBe(false);
    });
  });

  describe('warnings', () => {
    it('a cluster name other than the one recorded for the environment', () => {
      const text = GOOD.replace('hetzner-dev-cluster', 'dev-cluster-2');
      const finding = only(check(text), 'CLUSTER_NAME');
      expect(finding).toMatchObject({ severity: 'warning', key: 'cluster_name', location: { line: lineOf(text, 'cluster_name') } });
      expect(finding.message).toContain('hetzner-dev-cluster');
      expect(codes(check(GOOD, 'dev'))).not.toContain('warning:CLUSTER_NAME');
      expect(codes(check(GOOD, 'test'))).toContain('warning:CLUSTER_NAME');
    });

    it('embedded_registry_mirror not set explicitly', () => {
      const text = GOOD.replace('  embedded_registry_mirror:\n    enabled: true\n', '');
      const finding = only(check(text), 'REGISTRY_MIRROR_IMPLICIT');
      expect(finding).toMatchObject({ severity: 'warning', key: 'addons', location: { line: lineOf(text, 'addons:') } });
      expect(codes(check(GOOD.replace('enabled: true\n', 'enabled: false\n')))).not.toContain('warning:REGISTRY_MIRROR_IMPLICIT');
    });

    it('protect_against_deletion off in prod (not in dev)', () => {
      const text = GOOD.replace('hetzner-dev-cluster', 'hetzner-prod-cluster').replace('protect_against_deletion: true', 'protect_against_deletion: false');
      const finding = only(check(text, 'prod'), 'DELETION_PROTECTION_OFF');
      expect(finding).toMatchObject({ severity: 'warning', key: 'protect_against_deletion', location: { line: lineOf(text, 'protect_against_deletion') } });
      expect(codes(check(text.replace('hetzner-prod-cluster', 'hetzner-dev-cluster'), 'dev'))).not.toContain('warning:DELETION_PROTECTION_OFF');
    });

    it('the API open to 0.0.0.0/0 in prod, explicitly or by default', () => {
      const prod = GOOD.replace('hetzner-dev-cluster', 'hetzner-prod-cluster');
      const open = prod.replace('      - 203.0.113.0/24', '      - 0.0.0.0/0');
      const finding = only(check(open, 'prod'), 'API_OPEN_TO_WORLD');
      expect(finding).toMatchObject({ severity: 'warning', key: 'networking.allowed_networks.api[0]', location: { line: lineOf(open, '    api:') + 1 } });
      const implicit = prod.replace('    api:\n      - 203.0.113.0/24\n', '');
      expect(only(check(implicit, 'prod'), 'API_OPEN_TO_WORLD').key).toBe('networking.allowed_networks');
      expect(codes(check(prod, 'prod'))).not.toContain('warning:API_OPEN_TO_WORLD');
      expect(codes(check(open.replace('hetzner-prod-cluster', 'hetzner-dev-cluster'), 'dev'))).not.toContain('warning:API_OPEN_TO_WORLD');
    });
  });

  it('schema problems other than unknown keys stay located schema errors', () => {
    const text = GOOD.replace('instance_count: 1', 'instance_count: one');
    const finding = check(text).find((f) => f.key === 'masters_pool.instance_count')!;
    expect(finding).toMatchObject({ severity: 'error', code: 'SCHEMA', location: { line: lineOf(text, 'instance_count: one') } });
  });

  it('loadClusterConfig throws a located ConfigurationError on errors and returns warnings otherwise', async () => {
    const examples = resolve(import.meta.dirname, '../../examples/infra/k8s/hetzner');
    const loaded = await loadClusterConfig(join(examples, 'dev/cluster/cluster-config.yaml'), 'dev');
    expect(loaded.config.cluster_name).toBe('hetzner-dev-cluster');
    await expect(loadClusterConfig(join(examples, 'dev/cluster/cluster-config.yaml'), 'prod')).resolves.toMatchObject({
      findings: [expect.objectContaining({ code: 'CLUSTER_NAME' }), expect.objectContaining({ code: 'API_OPEN_TO_WORLD' })],
    });
    await expect(loadClusterConfig('/nonexistent/cluster-config.yaml', 'dev')).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe('the example cluster configs', () => {
  const root = resolve(import.meta.dirname, '../../examples/infra/k8s/hetzner');
  const environments = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  it('exist for dev, test and prod', () => {
    expect(environments).toEqual(expect.arrayContaining(['dev', 'test', 'prod']));
  });
  for (const environment of environments) {
    it(`${environment}: schema and lint rules pass without findings`, async () => {
      const loaded = await loadClusterConfig(join(root, environment, 'cluster/cluster-config.yaml'), environment);
      expect(loaded.findings.map((f) => `${f.code} ${f.message}`)).toEqual([]);
    });
  }
});
