import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  loadYamlFile
} from "./chunk-3F3HULD2.js";
import {
  formatKeyPath,
  validateAgainstSchema
} from "./chunk-RALDDNPB.js";
import {
  require_dist
} from "./chunk-DHW3Q5BD.js";
import {
  ConfigurationError,
  hasErrors
} from "./chunk-LJ22TVXO.js";
import {
  __toESM
} from "./chunk-WQYZTGJH.js";

// src/cluster/preflight.ts
var import_yaml = __toESM(require_dist(), 1);

// schemas/hetzner-k3s-cluster.schema.json
var hetzner_k3s_cluster_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://github.com/k8sapp/k8sapp/schemas/hetzner-k3s-cluster.schema.json",
  title: "hetzner-k3s 2.x cluster configuration (infra/k8s/hetzner/<env>/cluster/cluster-config.yaml)",
  description: "Keys of hetzner-k3s 2.x (>= 2.4 layout: addons.*, networking.allowed_networks.custom_firewall_rules) from vitobotta/hetzner-k3s src/configuration and docs/Creating_a_cluster.md. hetzner-k3s ignores unknown keys silently; this schema rejects them. `auto_deploy` is k8sapp's own flag (hetzner-k3s ignores it).",
  type: "object",
  additionalProperties: !1,
  required: [
    "cluster_name",
    "kubeconfig_path",
    "k3s_version",
    "masters_pool"
  ],
  properties: {
    auto_deploy: {
      type: "boolean",
      description: "k8sapp: whether a push that changes this file creates/updates the cluster"
    },
    config_format_version: {
      enum: [
        1,
        "1"
      ],
      description: "hetzner-k3s configuration format; current releases require 1"
    },
    hetzner_token: {
      type: "string",
      description: "forbidden by the k8sapp lint: the token comes from HCLOUD_TOKEN"
    },
    cluster_name: {
      type: "string",
      minLength: 1,
      pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
      description: "lowercase letters, digits and hyphens"
    },
    kubeconfig_path: {
      type: "string",
      minLength: 1
    },
    k3s_version: {
      type: "string",
      pattern: "^v\\d+\\.\\d+\\.\\d+\\+k3s\\d+$",
      description: "a k3s release such as v1.32.4+k3s1"
    },
    api_server_hostname: {
      type: "string"
    },
    schedule_workloads_on_masters: {
      type: "boolean"
    },
    include_instance_type_in_instance_name: {
      type: "boolean"
    },
    protect_against_deletion: {
      type: "boolean"
    },
    create_load_balancer_for_the_kubernetes_api: {
      type: "boolean"
    },
    k3s_upgrade_concurrency: {
      type: "integer",
      minimum: 1
    },
    grow_root_partition_automatically: {
      type: "boolean"
    },
    image: {
      type: [
        "string",
        "integer"
      ]
    },
    autoscaling_image: {
      type: [
        "string",
        "integer"
      ]
    },
    snapshot_os: {
      type: "string"
    },
    additional_packages: {
      $ref: "#/$defs/strings"
    },
    additional_pre_k3s_commands: {
      $ref: "#/$defs/strings"
    },
    additional_post_k3s_commands: {
      $ref: "#/$defs/strings"
    },
    kube_api_server_args: {
      $ref: "#/$defs/strings"
    },
    kube_scheduler_args: {
      $ref: "#/$defs/strings"
    },
    kube_controller_manager_args: {
      $ref: "#/$defs/strings"
    },
    kube_cloud_controller_manager_args: {
      $ref: "#/$defs/strings"
    },
    cluster_autoscaler_args: {
      $ref: "#/$defs/strings"
    },
    kubelet_args: {
      $ref: "#/$defs/strings"
    },
    kube_proxy_args: {
      $ref: "#/$defs/strings"
    },
    networking: {
      $ref: "#/$defs/networking"
    },
    datastore: {
      $ref: "#/$defs/datastore"
    },
    masters_pool: {
      $ref: "#/$defs/mastersPool"
    },
    worker_node_pools: {
      type: "array",
      items: {
        $ref: "#/$defs/workerPool"
      }
    },
    addons: {
      $ref: "#/$defs/addons"
    }
  },
  $defs: {
    strings: {
      type: "array",
      items: {
        type: "string"
      }
    },
    cidrs: {
      type: "array",
      items: {
        type: "string",
        pattern: "^[0-9a-fA-F:.]+/\\d{1,3}$",
        description: "a CIDR block such as 10.0.0.0/16 or ::/0"
      }
    },
    toggle: {
      type: "object",
      additionalProperties: !1,
      properties: {
        enabled: {
          type: "boolean"
        }
      }
    },
    firewallRule: {
      type: "object",
      additionalProperties: !1,
      properties: {
        description: {
          type: "string"
        },
        direction: {
          enum: [
            "in",
            "out"
          ]
        },
        protocol: {
          enum: [
            "tcp",
            "udp",
            "icmp",
            "esp",
            "gre"
          ]
        },
        port: {
          type: [
            "string",
            "integer"
          ],
          pattern: "^(any|\\d{1,5}(-\\d{1,5})?)$",
          description: '"any", a port such as "80" or a range such as "30000-32767"'
        },
        source_ips: {
          $ref: "#/$defs/cidrs"
        },
        destination_ips: {
          $ref: "#/$defs/cidrs"
        }
      }
    },
    networking: {
      type: "object",
      additionalProperties: !1,
      properties: {
        ssh: {
          type: "object",
          additionalProperties: !1,
          properties: {
            port: {
              type: "integer",
              minimum: 1,
              maximum: 65535
            },
            use_agent: {
              type: "boolean"
            },
            use_private_ip: {
              type: "boolean"
            },
            public_key_path: {
              type: "string"
            },
            private_key_path: {
              type: "string"
            },
            existing_ssh_key_name: {
              type: "string"
            }
          }
        },
        allowed_networks: {
          type: "object",
          additionalProperties: !1,
          properties: {
            ssh: {
              $ref: "#/$defs/cidrs"
            },
            api: {
              $ref: "#/$defs/cidrs"
            },
            custom_firewall_rules: {
              type: "array",
              items: {
                $ref: "#/$defs/firewallRule"
              }
            }
          }
        },
        public_network: {
          type: "object",
          additionalProperties: !1,
          properties: {
            ipv4: {
              type: "boolean"
            },
            ipv6: {
              type: "boolean"
            },
            hetzner_ips_query_server_url: {
              type: "string"
            },
            use_local_firewall: {
              type: "boolean"
            }
          }
        },
        private_network: {
          type: "object",
          additionalProperties: !1,
          properties: {
            enabled: {
              type: "boolean"
            },
            subnet: {
              type: "string"
            },
            existing_network_name: {
              type: "string"
            }
          }
        },
        cni: {
          type: "object",
          additionalProperties: !1,
          properties: {
            enabled: {
              type: "boolean"
            },
            encryption: {
              type: "boolean"
            },
            mode: {
              enum: [
                "flannel",
                "cilium"
              ]
            },
            cilium: {
              type: [
                "object",
                "null"
              ],
              additionalProperties: !1,
              properties: {
                helm_values_path: {
                  type: "string"
                },
                chart_version: {
                  type: "string"
                }
              }
            },
            flannel: {
              type: [
                "object",
                "null"
              ],
              additionalProperties: !1,
              properties: {
                disable_kube_proxy: {
                  type: "boolean"
                }
              }
            },
            cilium_egress_gateway: {
              type: "boolean"
            }
          }
        },
        tailscale: {
          type: "object",
          additionalProperties: !1,
          properties: {
            enabled: {
              type: "boolean"
            },
            hostname_suffix: {
              type: "string"
            },
            auth_key: {
              type: "string"
            }
          }
        },
        node_port_firewall_enabled: {
          type: "boolean"
        },
        node_port_range: {
          type: "string",
          pattern: "^\\d{1,5}-\\d{1,5}$",
          description: "a port range such as 30000-32767"
        },
        cluster_cidr: {
          type: "string"
        },
        service_cidr: {
          type: "string"
        },
        cluster_dns: {
          type: "string"
        },
        cluster_domain: {
          type: "string"
        }
      }
    },
    datastore: {
      type: "object",
      additionalProperties: !1,
      properties: {
        mode: {
          enum: [
            "etcd",
            "external"
          ]
        },
        external_datastore_endpoint: {
          type: "string"
        },
        etcd: {
          type: "object",
          additionalProperties: !1,
          properties: {
            snapshot_retention: {
              type: "integer",
              minimum: 0
            },
            snapshot_schedule_cron: {
              type: "string"
            },
            s3_enabled: {
              type: "boolean"
            },
            s3_endpoint: {
              type: "string"
            },
            s3_region: {
              type: "string"
            },
            s3_bucket: {
              type: "string"
            },
            s3_access_key: {
              type: "string"
            },
            s3_secret_key: {
              type: "string"
            },
            s3_folder: {
              type: "string"
            },
            s3_force_path_style: {
              type: "boolean"
            }
          }
        }
      }
    },
    keyValue: {
      type: "object",
      additionalProperties: !1,
      required: [
        "key",
        "value"
      ],
      properties: {
        key: {
          type: "string"
        },
        value: {
          type: "string"
        }
      }
    },
    mastersPool: {
      type: "object",
      additionalProperties: !1,
      required: [
        "instance_type"
      ],
      properties: {
        instance_type: {
          type: "string",
          minLength: 1
        },
        instance_count: {
          type: "integer",
          minimum: 1
        },
        locations: {
          type: "array",
          minItems: 1,
          items: {
            type: "string"
          }
        },
        image: {
          type: [
            "string",
            "integer"
          ]
        },
        labels: {
          type: "array",
          items: {
            $ref: "#/$defs/keyValue"
          }
        },
        taints: {
          type: "array",
          items: {
            $ref: "#/$defs/keyValue"
          }
        },
        additional_packages: {
          $ref: "#/$defs/strings"
        },
        additional_pre_k3s_commands: {
          $ref: "#/$defs/strings"
        },
        additional_post_k3s_commands: {
          $ref: "#/$defs/strings"
        },
        include_cluster_name_as_prefix: {
          type: "boolean"
        },
        grow_root_partition_automatically: {
          type: "boolean"
        },
        legacy_instance_type: {
          type: "string"
        }
      }
    },
    workerPool: {
      type: "object",
      additionalProperties: !1,
      required: [
        "instance_type"
      ],
      properties: {
        name: {
          type: "string",
          minLength: 1
        },
        instance_type: {
          type: "string",
          minLength: 1
        },
        instance_count: {
          type: "integer",
          minimum: 0
        },
        location: {
          type: "string"
        },
        autoscaling: {
          type: "object",
          additionalProperties: !1,
          properties: {
            enabled: {
              type: "boolean"
            },
            min_instances: {
              type: "integer",
              minimum: 0
            },
            max_instances: {
              type: "integer",
              minimum: 0
            }
          }
        },
        external: {
          type: "object",
          additionalProperties: !1,
          properties: {
            provider: {
              enum: [
                "generic",
                "robot"
              ]
            },
            nodes: {
              type: "array",
              items: {
                type: "object"
              }
            }
          }
        },
        image: {
          type: [
            "string",
            "integer"
          ]
        },
        labels: {
          type: "array",
          items: {
            $ref: "#/$defs/keyValue"
          }
        },
        taints: {
          type: "array",
          items: {
            $ref: "#/$defs/keyValue"
          }
        },
        additional_packages: {
          $ref: "#/$defs/strings"
        },
        additional_pre_k3s_commands: {
          $ref: "#/$defs/strings"
        },
        additional_post_k3s_commands: {
          $ref: "#/$defs/strings"
        },
        include_cluster_name_as_prefix: {
          type: "boolean"
        },
        grow_root_partition_automatically: {
          type: "boolean"
        },
        legacy_instance_type: {
          type: "string"
        }
      }
    },
    addons: {
      type: "object",
      additionalProperties: !1,
      properties: {
        traefik: {
          $ref: "#/$defs/toggle"
        },
        servicelb: {
          $ref: "#/$defs/toggle"
        },
        metrics_server: {
          $ref: "#/$defs/toggle"
        },
        local_path_storage_class: {
          $ref: "#/$defs/toggle"
        },
        gvisor: {
          $ref: "#/$defs/toggle"
        },
        embedded_registry_mirror: {
          type: "object",
          additionalProperties: !1,
          properties: {
            enabled: {
              type: "boolean"
            },
            private_registry_config: {
              type: "string",
              description: "k3s registries.yaml content (mirrors/configs)"
            }
          }
        },
        csi_driver: {
          type: "object",
          additionalProperties: !1,
          properties: {
            enabled: {
              type: "boolean"
            },
            manifest_url: {
              type: "string"
            }
          }
        },
        cloud_controller_manager: {
          type: "object",
          additionalProperties: !1,
          properties: {
            enabled: {
              type: "boolean"
            },
            manifest_url: {
              type: "string"
            }
          }
        },
        system_upgrade_controller: {
          type: "object",
          additionalProperties: !1,
          properties: {
            enabled: {
              type: "boolean"
            },
            deployment_manifest_url: {
              type: "string"
            },
            crd_manifest_url: {
              type: "string"
            }
          }
        },
        cluster_autoscaler: {
          type: "object",
          additionalProperties: !1,
          properties: {
            enabled: {
              type: "boolean"
            },
            manifest_url: {
              type: "string"
            },
            local_manifest_path: {
              type: "string"
            },
            container_image_tag: {
              type: "string"
            },
            scan_interval: {
              type: "string"
            },
            scale_down_delay_after_add: {
              type: "string"
            },
            scale_down_delay_after_delete: {
              type: "string"
            },
            scale_down_delay_after_failure: {
              type: "string"
            },
            max_node_provision_time: {
              type: "string"
            }
          }
        }
      }
    }
  }
};

// src/cluster/preflight.ts
var CONFIG_FORMAT_VERSION = 1;
function expectedClusterName(environment) {
  return `hetzner-${environment}-cluster`;
}
function isProduction(environment) {
  return /^prod(uction)?$/i.test(environment);
}
var MOVED_KEYS = {
  custom_firewall_rules: "networking.allowed_networks.custom_firewall_rules",
  embedded_registry_mirror: "addons.embedded_registry_mirror",
  local_path_storage_class: "addons.local_path_storage_class",
  ssh_allowed_networks: "networking.allowed_networks.ssh",
  api_allowed_networks: "networking.allowed_networks.api",
  public_ssh_key_path: "networking.ssh.public_key_path",
  private_ssh_key_path: "networking.ssh.private_key_path",
  use_ssh_agent: "networking.ssh.use_agent",
  ssh_port: "networking.ssh.port",
  private_network_subnet: "networking.private_network.subnet",
  existing_network: "networking.private_network.existing_network_name",
  enable_encryption: "networking.cni.encryption",
  disable_flannel: "networking.cni.enabled",
  enable_public_net_ipv4: "networking.public_network.ipv4",
  enable_public_net_ipv6: "networking.public_network.ipv6",
  post_create_commands: "additional_post_k3s_commands",
  cloud_controller_manager_manifest_url: "addons.cloud_controller_manager.manifest_url",
  csi_driver_manifest_url: "addons.csi_driver.manifest_url",
  system_upgrade_controller_manifest_url: "addons.system_upgrade_controller.deployment_manifest_url"
}, isObject = (value) => typeof value == "object" && value !== null && !Array.isArray(value), at = (value, ...path) => path.reduce((node, key) => isObject(node) ? node[key] : void 0, value);
function checkClusterConfig(document, options) {
  let config = document.value;
  if (!isObject(config))
    return [{ severity: "error", code: "SCHEMA", message: "the cluster config must be a YAML mapping", location: document.locate([]) }];
  let findings = [], finding = (severity, code, path, message, target = "key") => {
    findings.push({ severity, code, message, key: formatKeyPath(path), location: document.locate(path, target) });
  };
  for (let schemaFinding of validateAgainstSchema(hetzner_k3s_cluster_schema_default, document)) {
    if (schemaFinding.key === "config_format_version") continue;
    let unknown = /unknown key "([^"]+)"/.exec(schemaFinding.message);
    if (unknown) {
      let name = unknown[1] ?? "", moved = schemaFinding.key === name ? MOVED_KEYS[name] : void 0, message = moved ? `${schemaFinding.key}: unknown key; hetzner-k3s 2.x reads it as ${moved} and silently ignores it here` : `${schemaFinding.message} (hetzner-k3s would silently ignore it)`;
      findings.push({ ...schemaFinding, code: "UNKNOWN_KEY", message });
    } else
      findings.push(schemaFinding);
  }
  let version = config.config_format_version;
  version === void 0 ? findings.push({
    severity: "error",
    code: "CONFIG_FORMAT_VERSION",
    key: "config_format_version",
    message: `config_format_version is missing; add "config_format_version: ${CONFIG_FORMAT_VERSION}" (required by current hetzner-k3s 2.x releases)`,
    location: document.locate([])
  }) : (typeof version == "string" || typeof version == "number" ? String(version) : JSON.stringify(version)) !== String(CONFIG_FORMAT_VERSION) && finding(
    "error",
    "CONFIG_FORMAT_VERSION",
    ["config_format_version"],
    `config_format_version must be ${CONFIG_FORMAT_VERSION} (hetzner-k3s 2.x), got ${JSON.stringify(version)}`,
    "value"
  ), "hetzner_token" in config && finding(
    "error",
    "HETZNER_TOKEN_IN_FILE",
    ["hetzner_token"],
    "hetzner_token must not be in the cluster config: remove it (and rotate the token if it was ever committed); k8sapp passes the HETZNER_TOKEN secret to hetzner-k3s as HCLOUD_TOKEN"
  ), checkOutboundFirewall(config, finding), checkRegistryMirror(config, finding);
  let expected = expectedClusterName(options.environment);
  typeof config.cluster_name == "string" && config.cluster_name !== expected && finding(
    "warning",
    "CLUSTER_NAME",
    ["cluster_name"],
    `cluster_name is "${config.cluster_name}" but the name recorded for ${options.environment} is "${expected}"; hetzner-k3s finds servers by this name, so renaming creates a second cluster instead of updating the existing one`,
    "value"
  );
  let mirror = at(config, "addons", "embedded_registry_mirror");
  if (!isObject(mirror) || typeof mirror.enabled != "boolean") {
    let path = isObject(mirror) ? ["addons", "embedded_registry_mirror"] : isObject(config.addons) ? ["addons"] : [];
    finding(
      "warning",
      "REGISTRY_MIRROR_IMPLICIT",
      path,
      "addons.embedded_registry_mirror.enabled is not set; its default differs between hetzner-k3s code (enabled) and docs (disabled), so set it explicitly"
    );
  }
  if (isProduction(options.environment) && config.protect_against_deletion === !1 && finding(
    "warning",
    "DELETION_PROTECTION_OFF",
    ["protect_against_deletion"],
    "protect_against_deletion is false for a production cluster; set it to true so `hetzner-k3s delete` refuses to destroy it",
    "value"
  ), isProduction(options.environment)) {
    let api = at(config, "networking", "allowed_networks", "api");
    if (api === void 0) {
      let path = at(config, "networking", "allowed_networks") !== void 0 ? ["networking", "allowed_networks"] : at(config, "networking") !== void 0 ? ["networking"] : [];
      finding(
        "warning",
        "API_OPEN_TO_WORLD",
        path,
        "networking.allowed_networks.api is not set, so the Kubernetes API of this production cluster is open to 0.0.0.0/0 (the hetzner-k3s default); restrict it to your runner/VPN ranges"
      );
    } else if (Array.isArray(api)) {
      let index = api.findIndex((cidr) => cidr === "0.0.0.0/0" || cidr === "::/0");
      index >= 0 && finding(
        "warning",
        "API_OPEN_TO_WORLD",
        ["networking", "allowed_networks", "api", index],
        `networking.allowed_networks.api allows ${String(api[index])}: the Kubernetes API of this production cluster is open to the whole internet; restrict it to your runner/VPN ranges`
      );
    }
  }
  return findings;
}
var ANY_PORT = /* @__PURE__ */ new Set(["any", "1-65535", "0-65535"]);
function checkOutboundFirewall(config, report) {
  let rules = at(config, "networking", "allowed_networks", "custom_firewall_rules");
  if (!Array.isArray(rules)) return;
  let outbound = rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => isObject(rule) && rule.direction === "out");
  if (outbound.length === 0) return;
  let allowsAll = (protocol) => outbound.some(
    ({ rule }) => (rule.protocol ?? "tcp") === protocol && ANY_PORT.has(String(rule.port ?? "any")) && Array.isArray(rule.destination_ips) && rule.destination_ips.includes("0.0.0.0/0")
  ), missing = ["tcp", "udp"].filter((protocol) => !allowsAll(protocol));
  if (missing.length === 0) return;
  let first = outbound[0].index;
  report(
    "error",
    "OUTBOUND_FIREWALL_TRAP",
    ["networking", "allowed_networks", "custom_firewall_rules", first],
    `custom outbound firewall rules switch the Hetzner firewall to deny-all egress, and no rule allows all outbound ${missing.map((p) => p.toUpperCase()).join(" and ")}; nodes could not pull images (ImagePullBackOff), resolve DNS or download k3s. Add rules with direction: out, protocol: ${missing.join("/")}, port: any, destination_ips: [0.0.0.0/0, ::/0]`
  );
}
function checkRegistryMirror(config, report) {
  let raw = at(config, "addons", "embedded_registry_mirror", "private_registry_config");
  if (typeof raw != "string") return;
  let path = ["addons", "embedded_registry_mirror", "private_registry_config"], registries;
  try {
    registries = (0, import_yaml.parse)(raw);
  } catch (error) {
    report("error", "REGISTRY_CONFIG", path, `private_registry_config is not valid registries.yaml: ${error.message.split(`
`)[0]}`, "value");
    return;
  }
  let mirrors = at(registries, "mirrors");
  if (!isObject(mirrors)) return;
  let inside = clusterNetworks(config);
  for (let [registry, mirror] of Object.entries(mirrors)) {
    let endpoints = at(mirror, "endpoint") ?? at(mirror, "endpoints");
    if (!Array.isArray(endpoints) || endpoints.length === 0) continue;
    let urls = endpoints.map(String);
    urls.every((url) => isInsideCluster(url, inside)) && report(
      "error",
      "REGISTRY_MIRROR_SELF",
      path,
      `registry mirror for "${registry}" only lists endpoints inside the cluster (${urls.join(", ")}); when that registry's pods are rescheduled no node can pull the images it needs to come back (the circular dependency of the Harbor incident). Add an endpoint outside the cluster, e.g. the upstream registry`,
      "value"
    );
  }
}
function clusterNetworks(config) {
  let networking = isObject(config.networking) ? config.networking : {}, cidrs = [
    typeof networking.cluster_cidr == "string" ? networking.cluster_cidr : "10.244.0.0/16",
    typeof networking.service_cidr == "string" ? networking.service_cidr : "10.43.0.0/16",
    "127.0.0.0/8"
  ], privateNetwork = at(config, "networking", "private_network");
  return (!isObject(privateNetwork) || privateNetwork.enabled !== !1) && cidrs.push(isObject(privateNetwork) && typeof privateNetwork.subnet == "string" ? privateNetwork.subnet : "10.0.0.0/16"), { cidrs, domain: typeof networking.cluster_domain == "string" ? networking.cluster_domain : "cluster.local" };
}
function isInsideCluster(endpoint, networks = { cidrs: ["10.244.0.0/16", "10.43.0.0/16", "127.0.0.0/8", "10.0.0.0/16"], domain: "cluster.local" }) {
  let host;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`).hostname.toLowerCase();
  } catch {
    return !1;
  }
  return host = host.replace(/^\[|\]$/g, ""), host === "localhost" || host.endsWith(".localhost") || host === "::1" || host.endsWith(".svc") || host.includes(".svc.") || host.endsWith(`.${networks.domain}`) ? !0 : /^\d+\.\d+\.\d+\.\d+$/.test(host) ? networks.cidrs.some((cidr) => ipv4InCidr(host, cidr)) : !host.includes(".");
}
function ipv4ToNumber(ip) {
  let parts = ip.split(".").map(Number);
  if (!(parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)))
    return (parts[0] << 24 >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3] >>> 0;
}
function ipv4InCidr(ip, cidr) {
  let [base, bitsText] = cidr.split("/"), bits = Number(bitsText), address = ipv4ToNumber(ip), network = ipv4ToNumber(base ?? "");
  if (address === void 0 || network === void 0 || !Number.isInteger(bits) || bits < 0 || bits > 32) return !1;
  let mask = bits === 0 ? 0 : 4294967295 << 32 - bits >>> 0;
  return (address & mask) >>> 0 === (network & mask) >>> 0;
}
async function loadClusterConfig(file, environment) {
  let document = await loadYamlFile(file), findings = checkClusterConfig(document, { environment });
  if (hasErrors(findings))
    throw ConfigurationError.fromFindings(`${file} is not a safe hetzner-k3s cluster config; nothing was created`, findings);
  return { file, config: document.value, document, findings };
}

export {
  checkClusterConfig,
  loadClusterConfig
};
