import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  loadClusterConfig
} from "../chunks/chunk-ONBTLNLY.js";
import {
  actionsLogger
} from "../chunks/chunk-LX3DF3E6.js";
import {
  ClusterUnreachableError,
  connectKube
} from "../chunks/chunk-ONP5N6JI.js";
import {
  systemClock
} from "../chunks/chunk-WIIGQYE6.js";
import {
  KubeApiError
} from "../chunks/chunk-YFCLFOYO.js";
import "../chunks/chunk-JNJT7SPT.js";
import {
  code,
  inlineText,
  markdownTable
} from "../chunks/chunk-3F3HULD2.js";
import "../chunks/chunk-RALDDNPB.js";
import "../chunks/chunk-5YOTZDGR.js";
import {
  maskKubeconfig,
  maskValue
} from "../chunks/chunk-OR3Z7ZGF.js";
import "../chunks/chunk-4WAREM3A.js";
import {
  annotate,
  booleanInput,
  input,
  requiredInput,
  runAction
} from "../chunks/chunk-HJSB2IK2.js";
import {
  require_dist
} from "../chunks/chunk-DHW3Q5BD.js";
import {
  ConfigurationError,
  firstLine,
  formatFinding
} from "../chunks/chunk-LJ22TVXO.js";
import {
  exec,
  setFailed,
  setOutput,
  summary
} from "../chunks/chunk-ZJACZSGB.js";
import {
  __toESM
} from "../chunks/chunk-WQYZTGJH.js";

// src/cluster/install.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { access, chmod, rm } from "node:fs/promises";
import { constants } from "node:fs";
import { delimiter, join } from "node:path";
var HETZNER_K3S_VERSION = "2.4.6", HETZNER_K3S_SHA256 = {
  // hetzner-k3s-linux-amd64 v2.4.6: vitobotta/homebrew-tap, hetzner_k3s.rb, commit 0b29975 ("Update version to 2.4.6 and corresponding checksums")
  "linux-amd64": "46b898da949271ad45c96805b45019e8cc3cb10efe9708809a3c9e393e195b86",
  // hetzner-k3s-linux-arm64 v2.4.6: vitobotta/homebrew-tap, hetzner_k3s.rb, commit 0b29975 ("Update version to 2.4.6 and corresponding checksums")
  "linux-arm64": "1fe10ac060cf134848b91a86904cfd4bc5a893a5eb0e56f78e307b4afb4fb633"
}, RELEASE_BASE_URL = "https://github.com/vitobotta/hetzner-k3s/releases/download";
function releaseAsset(platform, arch) {
  return `hetzner-k3s-${platform === "darwin" ? "macos" : platform}-${arch === "x64" ? "amd64" : arch === "arm64" ? "arm64" : arch}`;
}
async function sha256File(file) {
  let hash = createHash("sha256");
  for await (let chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest("hex");
}
function expectedChecksum(request, asset) {
  let given = request.sha256?.trim().toLowerCase();
  if (given) {
    if (!/^[0-9a-f]{64}$/.test(given))
      throw new ConfigurationError(`Input "hetzner-k3s-sha256" must be 64 hexadecimal characters (a sha256), got ${given.length} characters.`);
    return given;
  }
  let pinned = request.version === HETZNER_K3S_VERSION ? HETZNER_K3S_SHA256[asset.replace(/^hetzner-k3s-/, "")] : void 0;
  if (!pinned)
    throw new ConfigurationError(
      `No verified sha256 is pinned for hetzner-k3s ${request.version} (${asset}); refusing to run an unverified binary. k8sapp pins hetzner-k3s ${HETZNER_K3S_VERSION} (${Object.keys(HETZNER_K3S_SHA256).map((a) => `hetzner-k3s-${a}`).join(", ")}); for another version or asset, pass the sha256 you verified as the "hetzner-k3s-sha256" input.`
    );
  return pinned;
}
async function installHetznerK3s(request, cache, logger) {
  let platform = request.platform ?? process.platform, arch = request.arch ?? process.arch, asset = releaseAsset(platform, arch), expected = expectedChecksum(request, asset), cached = cache.find("hetzner-k3s", request.version, arch);
  if (cached) {
    let binary = join(cached, "hetzner-k3s"), actual2 = await sha256File(binary).catch(() => "");
    if (actual2 === expected)
      return logger.info(`hetzner-k3s ${request.version} from the tool cache (sha256 ${expected} verified)`), { binary, directory: cached, version: request.version, sha256: actual2, fromCache: !0 };
    logger.warning(`the cached hetzner-k3s ${request.version} does not match the pinned sha256; downloading it again`);
  }
  let url = `${request.baseUrl ?? RELEASE_BASE_URL}/v${request.version}/${asset}`;
  logger.info(`downloading ${url}`);
  let downloaded;
  try {
    downloaded = await cache.downloadTool(url);
  } catch (error) {
    throw new ConfigurationError(`Could not download hetzner-k3s ${request.version} from ${url}: ${error.message}`);
  }
  let actual = await sha256File(downloaded);
  if (actual !== expected)
    throw await rm(downloaded, { force: !0 }), new ConfigurationError(
      `hetzner-k3s ${request.version} from ${url} has sha256 ${actual}, expected ${expected}; refusing to run it (a tampered or different release). Check the release and the pinned checksum.`
    );
  await chmod(downloaded, 493);
  let directory = await cache.cacheFile(downloaded, "hetzner-k3s", "hetzner-k3s", request.version, arch);
  return await rm(downloaded, { force: !0 }), logger.info(`hetzner-k3s ${request.version} verified (sha256 ${actual}) and cached`), { binary: join(directory, "hetzner-k3s"), directory, version: request.version, sha256: actual, fromCache: !1 };
}
async function findExecutable(program, path) {
  for (let folder of path.split(delimiter)) {
    if (!folder) continue;
    let candidate = join(folder, program);
    try {
      return await access(candidate, constants.X_OK), candidate;
    } catch {
    }
  }
}
async function requireTools(programs, path) {
  let found = {}, missing = [];
  for (let program of programs) {
    let location = await findExecutable(program, path);
    location ? found[program] = location : missing.push(program);
  }
  if (missing.length)
    throw new ConfigurationError(
      `${missing.join(" and ")} not found on PATH; hetzner-k3s needs them. GitHub-hosted ubuntu runners have both; on other runners install them first (e.g. azure/setup-kubectl and azure/setup-helm).`
    );
  return found;
}

// src/cluster/run.ts
import { chmod as chmod2 } from "node:fs/promises";

// src/cluster/handover.ts
async function sealSecret(value, publicKeyBase64) {
  let { default: sodium } = await import("../chunks/libsodium-wrappers-P5ST3XSS.js");
  await sodium.ready;
  let key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL), sealed = sodium.crypto_box_seal(sodium.from_string(value), key);
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}
function apiError(action, error) {
  let status = error.status, hint = status === 401 ? "the deploy token is invalid or expired" : status === 403 || status === 404 ? "the deploy token cannot see or write this (it needs repo scope, or a fine-grained token with Secrets: write and Actions: write on this repository), or the environment does not exist" : error.message;
  return new ConfigurationError(`${action} failed${status ? ` (HTTP ${status})` : ""}: ${hint}`);
}
async function putEnvironmentSecret(request, target) {
  let where = { owner: target.owner, repo: target.repo, environment_name: target.environment }, key;
  try {
    key = (await request("GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key", where)).data;
  } catch (error) {
    throw apiError(`Reading the public key of environment "${target.environment}"`, error);
  }
  let encrypted = await sealSecret(target.value, key.key);
  try {
    return { created: (await request("PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}", {
      ...where,
      secret_name: target.name,
      encrypted_value: encrypted,
      key_id: key.key_id
    })).status === 201 };
  } catch (error) {
    throw apiError(`Writing secret ${target.name} of environment "${target.environment}"`, error);
  }
}
async function dispatchWorkflow(request, target) {
  let parameters = { owner: target.owner, repo: target.repo, workflow_id: target.workflow, ref: target.ref, inputs: target.inputs }, route = "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", response;
  try {
    response = await request(route, { ...parameters, return_run_details: !0 });
  } catch (error) {
    let status = error.status;
    if ((status === 400 || status === 422) && /return_run_details/.test(error.message))
      try {
        response = await request(route, parameters);
      } catch (retryError) {
        throw apiError(`Dispatching ${target.workflow} on ${target.ref}`, retryError);
      }
    else
      throw apiError(`Dispatching ${target.workflow} on ${target.ref}`, error);
  }
  let data = response.data ?? {};
  return { workflow: target.workflow, ref: target.ref, runId: data.workflow_run_id, runUrl: data.run_url, htmlUrl: data.html_url };
}

// src/cluster/hetzner-k3s.ts
var HetznerK3s = class {
  exec;
  options;
  constructor(exec2, options = {}) {
    this.exec = exec2, this.options = options;
  }
  get binary() {
    return this.options.binary ?? "hetzner-k3s";
  }
  /** `hetzner-k3s create --config FILE`: idempotent, resumes or updates an existing cluster of the same name. */
  create(configFile, options) {
    let args = ["create", "--config", configFile];
    return options.skipCurrentIpValidation && args.push("--skip-current-ip-validation"), this.exec(this.binary, args, { env: { HCLOUD_TOKEN: options.token }, onLine: options.onLine, cwd: options.cwd });
  }
  version() {
    return this.exec(this.binary, ["--version"]);
  }
};

// src/cluster/readiness.ts
function nodeStates(list) {
  return list.map((node) => {
    let condition = (node.status?.conditions ?? []).find((c) => c.type === "Ready"), ready = condition?.status === "True", unschedulable = node.spec?.unschedulable === !0, reason = ready ? unschedulable ? "cordoned (unschedulable)" : void 0 : condition ? `${condition.reason ?? "NotReady"}${condition.message ? `: ${condition.message}` : ""}` : "no Ready condition reported yet";
    return { name: String(node.metadata?.name), ready, reason };
  });
}
function csiPodStates(list) {
  return list.filter((pod) => {
    let labels = pod.metadata?.labels ?? {};
    return String(pod.metadata?.name).startsWith("hcloud-csi") || labels["app.kubernetes.io/name"] === "hcloud-csi" || String(labels.app ?? "").startsWith("hcloud-csi");
  }).map((pod) => {
    let statuses = pod.status?.containerStatuses ?? [], ready = pod.status?.phase === "Running" && statuses.length > 0 && statuses.every((s) => s.ready === !0), waiting = statuses.find((s) => s.state?.waiting)?.state?.waiting, terminated = statuses.find((s) => s.state?.terminated)?.state?.terminated, unscheduled = (pod.status?.conditions ?? []).find((c) => c.type === "PodScheduled" && c.status === "False"), reason = ready ? void 0 : waiting ? `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ""}` : terminated ? `${terminated.reason ?? "Terminated"} (exit ${terminated.exitCode})` : unscheduled ? `${unscheduled.reason}: ${unscheduled.message ?? ""}`.trim() : `phase ${pod.status?.phase ?? "Unknown"}, containers not ready`;
    return { name: String(pod.metadata?.name), phase: String(pod.status?.phase ?? "Unknown"), ready, reason };
  });
}
function storageClassState(list, name) {
  let found = list.find((sc) => sc.metadata?.name === name), annotations = found?.metadata?.annotations ?? {};
  return { name, present: !!found, isDefault: annotations["storageclass.kubernetes.io/is-default-class"] === "true" };
}
function whyNot(error) {
  if (error instanceof ClusterUnreachableError) return error.unreachable.detail;
  let text = error instanceof KubeApiError ? `${error.reason}: ${error.message}` : error instanceof Error ? error.message : String(error);
  return firstLine(text);
}
var NODES = { apiVersion: "v1", kind: "Node" }, KUBE_SYSTEM_PODS = { apiVersion: "v1", kind: "Pod", namespace: "kube-system" }, STORAGE_CLASSES = { apiVersion: "storage.k8s.io/v1", kind: "StorageClass" };
async function listed(kube, kind) {
  try {
    return { items: (await kube.list(kind)).items };
  } catch (error) {
    return { error: whyNot(error) };
  }
}
async function snapshot(kube, request) {
  let problems = [], result = { nodes: [], csiPods: [], storageClass: { name: request.storageClass, present: !1, isDefault: !1 }, problems }, nodes = await listed(kube, NODES);
  if ("error" in nodes)
    return problems.push(`the Kubernetes API is not answering yet: ${nodes.error}`), result;
  result.nodes = nodeStates(nodes.items);
  let readyNodes = result.nodes.filter((n) => n.ready).length;
  readyNodes < request.expectedNodes && problems.push(`${readyNodes}/${request.expectedNodes} nodes Ready`);
  for (let node of result.nodes) node.ready || problems.push(`node ${node.name} not Ready: ${node.reason}`);
  if (request.csiDriver) {
    let pods = await listed(kube, KUBE_SYSTEM_PODS);
    if ("error" in pods) problems.push(`cannot list kube-system pods: ${pods.error}`);
    else {
      result.csiPods = csiPodStates(pods.items), result.csiPods.length === 0 && problems.push("no Hetzner CSI driver pods (hcloud-csi-*) in kube-system yet");
      let controller = result.csiPods.filter((p) => p.name.includes("controller"));
      result.csiPods.length > 0 && controller.length === 0 && problems.push("no hcloud-csi-controller pod yet");
      for (let pod of result.csiPods) pod.ready || problems.push(`CSI pod ${pod.name} not running: ${pod.reason}`);
    }
    let classes = await listed(kube, STORAGE_CLASSES);
    "error" in classes ? problems.push(`cannot list StorageClasses: ${classes.error}`) : (result.storageClass = storageClassState(classes.items, request.storageClass), result.storageClass.present ? request.storageClassDefault && !result.storageClass.isDefault && problems.push(`StorageClass ${request.storageClass} is not the default (annotation storageclass.kubernetes.io/is-default-class != "true")`) : problems.push(`StorageClass ${request.storageClass} does not exist yet`));
  }
  return result;
}
function progress(snap, request, elapsed) {
  let parts = [`${snap.nodes.filter((n) => n.ready).length}/${request.expectedNodes} nodes Ready`];
  return request.csiDriver && (parts.push(`CSI pods ${snap.csiPods.filter((p) => p.ready).length}/${snap.csiPods.length} running`), parts.push(
    `StorageClass ${request.storageClass} ${snap.storageClass.present ? snap.storageClass.isDefault ? "present (default)" : "present" : "missing"}`
  )), snap.problems[0]?.startsWith("the Kubernetes API") ? `[${elapsed}s] ${snap.problems[0]}` : `[${elapsed}s] ${parts.join(", ")}`;
}
async function waitForClusterReady(request, deps) {
  let started = deps.clock.now().getTime();
  for (; ; ) {
    let snap = await snapshot(deps.kube, request), elapsed = Math.round((deps.clock.now().getTime() - started) / 1e3);
    deps.logger.info(progress(snap, request, elapsed));
    let done = snap.problems.length === 0;
    if (done || elapsed + request.intervalSeconds > request.timeoutSeconds)
      return {
        ready: done,
        seconds: elapsed,
        nodes: snap.nodes,
        csiPods: snap.csiPods,
        storageClass: snap.storageClass,
        diagnosis: done ? [] : [`not ready after ${elapsed}s (timeout ${request.timeoutSeconds}s)`, ...snap.problems]
      };
    await deps.clock.sleep(request.intervalSeconds * 1e3);
  }
}

// src/cluster/run-files.ts
var import_yaml = __toESM(require_dist(), 1);
import { mkdtemp, readFile, rm as rm2, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join2 } from "node:path";
function rewriteConfig(config, paths) {
  let copy = structuredClone(config);
  return delete copy.auto_deploy, copy.kubeconfig_path = paths.kubeconfig, copy.networking = { ...copy.networking, ssh: { ...copy.networking?.ssh, private_key_path: paths.privateKey, public_key_path: paths.publicKey } }, copy;
}
async function writeRunFiles(config, keys, tempRoot = tmpdir()) {
  let folder = await mkdtemp(join2(tempRoot, "k8sapp-cluster-")), privateKeyFile = join2(folder, "id_cluster"), publicKeyFile = join2(folder, "id_cluster.pub"), kubeconfigFile = join2(folder, "kubeconfig"), configFile = join2(folder, "cluster-config.yaml");
  try {
    await writeFile(privateKeyFile, keys.privateKey.replace(/\r\n/g, `
`).trimEnd() + `
`, { mode: 384 }), await writeFile(publicKeyFile, keys.publicKey.trim() + `
`, { mode: 384 });
    let rewritten = rewriteConfig(config, { privateKey: privateKeyFile, publicKey: publicKeyFile, kubeconfig: kubeconfigFile });
    await writeFile(configFile, (0, import_yaml.stringify)(rewritten), { mode: 384 });
  } catch (error) {
    throw await rm2(folder, { recursive: !0, force: !0 }), error;
  }
  return {
    folder,
    configFile,
    privateKeyFile,
    publicKeyFile,
    kubeconfigFile,
    readKubeconfig: () => readFile(kubeconfigFile, "utf8").catch(() => {
    }),
    dispose: () => rm2(folder, { recursive: !0, force: !0 })
  };
}

// src/cluster/run.ts
var KUBECONFIG_SECRET = "KUBECONFIG", connectWrittenKubeconfig = (path) => connectKube({ kubeconfig: path }, { requestTimeoutMs: 2e4 });
function expectedNodeCount(config) {
  let masters = config.masters_pool?.instance_count ?? 1, workers = (config.worker_node_pools ?? []).filter((pool) => pool.autoscaling?.enabled !== !0).reduce((sum, pool) => sum + (pool.instance_count ?? 1), 0);
  return masters + workers;
}
function planClusterRun(input2) {
  let gated = input2.event === "push" && input2.config.auto_deploy !== !0, reason = gated ? `push event and auto_deploy is ${input2.config.auto_deploy === !1 ? "false" : "not set"} in the cluster config: the cluster is created/updated only by a manual run` : input2.event === "push" ? "push event and auto_deploy: true" : `${input2.event || "manual"} run`, run = !gated, steps = [
    { step: "preflight", run: !0, reason: "schema and lint rules" },
    { step: "tools", run, reason: run ? "kubectl and helm on PATH" : reason },
    { step: "install", run, reason: run ? "pinned, verified hetzner-k3s" : reason },
    { step: "create", run, reason: run ? "hetzner-k3s create (idempotent)" : reason },
    { step: "readiness", run, reason: run ? "nodes, CSI driver, StorageClass" : reason },
    {
      step: "kubeconfig-secret",
      run: run && input2.hasDeployToken,
      reason: run ? input2.hasDeployToken ? `environment secret ${KUBECONFIG_SECRET}` : "no deploy-token given" : reason
    },
    {
      step: "dispatch",
      run: run && input2.hasDeployToken && !!input2.deployWorkflow,
      reason: run ? input2.hasDeployToken ? input2.deployWorkflow ? `workflow_dispatch of ${input2.deployWorkflow}` : "no deploy-workflow given" : "no deploy-token given" : reason
    }
  ];
  return { decision: gated ? "skipped" : "run", reason, steps };
}
function redact(text, secrets) {
  let out = text, parts = secrets.flatMap((secret) => [secret, ...secret.split(`
`).map((line) => line.trim())]).filter((part) => part.length >= 8);
  for (let part of parts.sort((a, b) => b.length - a.length)) out = out.split(part).join("***");
  return out;
}
var TAIL_LINES = 30;
async function runCluster(request, deps) {
  let { logger } = deps, secrets = [request.hcloudToken, request.sshPrivateKey, request.sshPublicKey, request.deployToken ?? ""], loaded = await logger.group(`Preflight ${request.configFile}`, async () => {
    let result = await loadClusterConfig(request.configFile, request.environment);
    return logger.info(`${request.configFile}: schema and lint rules passed (${result.findings.length} warning(s))`), result;
  }), config = loaded.config, plan = planClusterRun({ config, event: request.event, hasDeployToken: !!request.deployToken, deployWorkflow: request.deployWorkflow }), steps = plan.steps.map((step) => ({ ...step, status: step.run ? "not reached" : "skipped" })), mark = (name, status, detail) => {
    let step = steps.find((s) => s.step === name);
    step.status = status, detail !== void 0 && (step.detail = detail);
  };
  mark("preflight", "done", `${loaded.findings.length} warning(s)`);
  let report = {
    environment: request.environment,
    clusterName: config.cluster_name,
    decision: plan.decision,
    reason: plan.reason,
    status: plan.decision === "skipped" ? "skipped" : "failed",
    steps,
    warnings: loaded.findings,
    failureTail: []
  };
  if (logger.info(`decision: ${plan.decision} (${plan.reason})`), plan.decision === "skipped") return report;
  let tool = await logger.group("Tools", async () => {
    let found = await requireTools(["kubectl", "helm"], deps.path ?? "");
    mark("tools", "done", Object.values(found).join(", "));
    let installed = await installHetznerK3s(request.install, deps.toolCache, logger);
    return mark("install", "done", `${installed.version}${installed.fromCache ? " (cached)" : ""}, sha256 ${installed.sha256}`), installed;
  });
  report.hetznerK3s = { version: tool.version, sha256: tool.sha256, fromCache: tool.fromCache };
  let files = await writeRunFiles(config, { privateKey: request.sshPrivateKey, publicKey: request.sshPublicKey }, deps.tempRoot);
  try {
    let hetznerK3s = new HetznerK3s(deps.exec, { binary: tool.binary }), tail = [], created = await logger.group(
      `hetzner-k3s create (${config.cluster_name})`,
      () => hetznerK3s.create(files.configFile, {
        token: request.hcloudToken,
        skipCurrentIpValidation: request.skipCurrentIpValidation,
        onLine: (line) => {
          let safe = redact(line, secrets);
          logger.info(safe), tail.push(safe), tail.length > TAIL_LINES && tail.shift();
        }
      })
    );
    if (tail.length === 0) {
      for (let line of redact(`${created.stdout}
${created.stderr}`, secrets).split(`
`)) line.trim() && tail.push(line);
      tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
    }
    if (created.exitCode !== 0)
      return report.failureTail = tail, mark("create", "failed", `hetzner-k3s exited with ${created.exitCode}`), report;
    let kubeconfig = await files.readKubeconfig();
    if (!kubeconfig?.trim())
      return mark("create", "failed", `hetzner-k3s succeeded but wrote no kubeconfig to ${files.kubeconfigFile}`), report;
    deps.registerSecret(kubeconfig), secrets.push(kubeconfig), await chmod2(files.kubeconfigFile, 384), mark("create", "done", `cluster ${config.cluster_name} created/updated`);
    let kube = (deps.connect ?? connectWrittenKubeconfig)(files.kubeconfigFile), readiness = await logger.group(
      "Readiness",
      () => waitForClusterReady(
        {
          expectedNodes: expectedNodeCount(config),
          csiDriver: config.addons?.csi_driver?.enabled !== !1,
          storageClass: request.storageClass ?? "hcloud-volumes",
          storageClassDefault: request.storageClassDefault ?? !0,
          timeoutSeconds: request.readinessTimeoutSeconds,
          intervalSeconds: request.readinessIntervalSeconds ?? 10
        },
        { kube, clock: deps.clock, logger }
      )
    ).finally(() => kube.close?.());
    if (report.readiness = readiness, !readiness.ready)
      return mark("readiness", "failed", readiness.diagnosis[0]), report;
    if (mark("readiness", "done", `${readiness.nodes.length} node(s) Ready in ${readiness.seconds}s`), plan.steps.find((s) => s.step === "kubeconfig-secret")?.run && deps.github) {
      let github = deps.github;
      if (await logger.group(`Environment secret ${KUBECONFIG_SECRET}`, async () => {
        let result = await putEnvironmentSecret(github, {
          ...request.repository,
          environment: request.environment,
          name: KUBECONFIG_SECRET,
          value: kubeconfig
        });
        logger.info(`${result.created ? "created" : "updated"} secret ${KUBECONFIG_SECRET} of environment ${request.environment}`), report.kubeconfigSecret = KUBECONFIG_SECRET, mark("kubeconfig-secret", "done", result.created ? "created" : "updated");
      }), plan.steps.find((s) => s.step === "dispatch")?.run && request.deployWorkflow) {
        let workflow = request.deployWorkflow;
        await logger.group(`Dispatch ${workflow}`, async () => {
          let run = await dispatchWorkflow(github, { ...request.repository, workflow, ref: request.ref, inputs: { environment: request.environment } });
          report.dispatched = run, logger.info(`dispatched ${workflow} on ${request.ref}${run.htmlUrl ? `: ${run.htmlUrl}` : ""}`), mark("dispatch", "done", run.htmlUrl ?? (run.runId ? `run ${run.runId}` : "dispatched (run id not reported by this GitHub server)"));
        });
      }
    }
    return report.status = "succeeded", report;
  } finally {
    await files.dispose();
  }
}

// src/github/stream-exec.ts
var executeStreaming = async (command, args, options = {}) => {
  let env = {};
  for (let [key, value] of Object.entries(process.env)) value !== void 0 && (env[key] = value);
  Object.assign(env, options.env);
  let stdout = "", stderr = "";
  try {
    return { exitCode: await exec(command, [...args], {
      silent: !0,
      ignoreReturnCode: !0,
      env,
      cwd: options.cwd,
      input: options.input === void 0 ? void 0 : Buffer.from(options.input),
      listeners: {
        stdout: (data) => stdout += data.toString(),
        stderr: (data) => stderr += data.toString(),
        stdline: (line) => options.onLine?.(line),
        errline: (line) => options.onLine?.(line)
      }
    }), stdout, stderr };
  } catch (error) {
    return { exitCode: 127, stdout, stderr: error instanceof Error ? error.message : String(error) };
  }
};

// src/actions/cluster-action.ts
function positiveInteger(name, fallback) {
  let text = input(name);
  if (text === void 0) return fallback;
  let value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigurationError(`Input "${name}" must be a positive whole number of seconds, got "${text}".`);
  return value;
}
function readClusterInputs() {
  let secretInputs = ["hcloud-token", "ssh-private-key", "ssh-public-key", "deploy-token"];
  for (let name of secretInputs) {
    let value = input(name);
    value && maskValue(value);
  }
  let environment = requiredInput("environment");
  if (!/^[A-Za-z0-9_-]+$/.test(environment))
    throw new ConfigurationError(`Input "environment" must be a plain name such as dev or prod, got "${environment}".`);
  let [owner, repo] = (process.env.GITHUB_REPOSITORY ?? "").split("/"), deployToken = input("deploy-token");
  if (deployToken && (!owner || !repo))
    throw new ConfigurationError("GITHUB_REPOSITORY is not set; cannot store the kubeconfig secret or dispatch the deployment.");
  return {
    environment,
    configFile: input("config") ?? `infra/k8s/hetzner/${environment}/cluster/cluster-config.yaml`,
    event: input("event") ?? process.env.GITHUB_EVENT_NAME ?? "workflow_dispatch",
    hcloudToken: requiredInput("hcloud-token"),
    sshPrivateKey: requiredInput("ssh-private-key"),
    sshPublicKey: requiredInput("ssh-public-key"),
    deployToken,
    deployWorkflow: input("deploy-workflow"),
    ref: input("ref") ?? process.env.GITHUB_REF_NAME ?? "main",
    repository: { owner: owner ?? "", repo: repo ?? "" },
    skipCurrentIpValidation: booleanInput("skip-current-ip-validation", !1),
    readinessTimeoutSeconds: positiveInteger("readiness-timeout", 900),
    storageClass: input("storage-class") ?? "hcloud-volumes",
    storageClassDefault: booleanInput("storage-class-default", !0),
    install: { version: (input("hetzner-k3s-version") ?? HETZNER_K3S_VERSION).replace(/^v/, ""), sha256: input("hetzner-k3s-sha256") }
  };
}
var ICON = { done: "\u2705", skipped: "\u23ED\uFE0F", failed: "\u274C", "not reached": "\u2014" };
function clusterMarkdown(report) {
  let lines = [`## ${inlineText(`Cluster ${report.clusterName} (${report.environment}): ${report.status}`)}`, ""];
  if (lines.push(`Decision: **${report.decision}** \u2014 ${inlineText(report.reason)}`, ""), lines.push(
    markdownTable(
      ["Step", "Status", "Detail"],
      report.steps.map((step) => [step.step, `${ICON[step.status] ?? ""} ${step.status}`, step.detail ?? step.reason ?? ""])
    ),
    ""
  ), report.warnings.length && lines.push("### Config warnings", "", ...report.warnings.map((warning) => `- ${inlineText(formatFinding(warning))}`), ""), report.readiness) {
    let r = report.readiness;
    lines.push(
      "### Readiness",
      "",
      markdownTable(
        ["Check", "State"],
        [
          ["Nodes Ready", `${r.nodes.filter((n) => n.ready).length}/${r.nodes.length}`],
          ["CSI driver pods running", `${r.csiPods.filter((p) => p.ready).length}/${r.csiPods.length}`],
          [
            `StorageClass ${r.storageClass.name}`,
            r.storageClass.present ? r.storageClass.isDefault ? "present, default" : "present, not default" : "missing"
          ]
        ]
      ),
      ""
    ), r.diagnosis.length && lines.push("### Diagnosis", "", ...r.diagnosis.map((line) => `- ${inlineText(line)}`), "");
  }
  if (report.failureTail.length) {
    let fence = "`".repeat(Math.max(3, ...report.failureTail.map((line) => (line.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length + 1), 0))));
    lines.push("### hetzner-k3s create failed \u2014 last lines", "", `${fence}text`, ...report.failureTail, fence, "");
  }
  if (report.dispatched) {
    let d = report.dispatched;
    lines.push("### Deployment", "", `Dispatched ${code(d.workflow).markdown} on ${code(d.ref).markdown}${d.htmlUrl ? `: ${inlineText(d.htmlUrl)}` : ""}`, "");
  }
  return `${lines.join(`
`)}
`;
}
async function writeSummary(report) {
  await summary.addRaw(clusterMarkdown(report)).write();
}
function runClusterAction() {
  return runAction(async () => {
    let request = readClusterInputs(), github;
    if (request.deployToken) {
      let { getOctokit } = await import("../chunks/github-Q4ZZN73N.js"), octokit = getOctokit(request.deployToken);
      github = (route, parameters) => octokit.request(route, parameters);
    }
    let report = await runCluster(request, {
      exec: executeStreaming,
      toolCache: await import("../chunks/tool-cache-B534KFBU.js"),
      github,
      clock: systemClock,
      logger: actionsLogger,
      path: process.env.PATH ?? "",
      ...process.env.RUNNER_TEMP ? { tempRoot: process.env.RUNNER_TEMP } : {},
      registerSecret: (value) => {
        maskValue(value), maskKubeconfig(value);
      }
    });
    if (annotate(report.warnings), setOutput("cluster-name", report.clusterName), setOutput("decision", report.decision), setOutput("status", report.status), setOutput("ready", String(report.readiness?.ready ?? !1)), setOutput("kubeconfig-secret", report.kubeconfigSecret ?? ""), setOutput("dispatched", String(!!report.dispatched)), setOutput("dispatched-run-id", report.dispatched?.runId ? String(report.dispatched.runId) : ""), setOutput("dispatched-run-url", report.dispatched?.htmlUrl ?? ""), await writeSummary(report), report.status === "failed") {
      let failed = report.steps.find((step) => step.status === "failed");
      setFailed(`cluster ${report.clusterName}: ${failed?.step ?? "run"} failed${failed?.detail ? `: ${failed.detail}` : ""} (see the job summary)`);
    }
  });
}

// src/actions/cluster.ts
await runClusterAction();
