import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  environmentPreflightRequest,
  imageReferenceFindings,
  preflightObjects
} from "./chunk-5FGXZRVY.js";
import {
  applyEnvironment,
  applyMarkdown,
  substituteSecrets
} from "./chunk-EJSUCKRA.js";
import {
  selectServiceResources,
  serviceSelection,
  servicesSelectingNothing
} from "./chunk-TMJPOBLI.js";
import {
  decisionMarkdown
} from "./chunk-XRAJVCZM.js";
import {
  allowedServices,
  decide,
  verdictOf
} from "./chunk-MSFEY7FV.js";
import {
  plainStyle,
  textTable
} from "./chunk-OORLVQZO.js";
import {
  createMigrationSession,
  deployComponents,
  loadAllMigrations,
  migrationSettings,
  migrationSummaryMarkdown
} from "./chunk-ZN77U2VN.js";
import {
  DEFAULT_RELEASE_NAMESPACE,
  PRUNE_ALLOW,
  PRUNE_ANNOTATION,
  ReleaseStoreError,
  diagnosisRows,
  diagnosisTable,
  entryKey,
  entryObject,
  listReleases,
  publicReport,
  recordRelease,
  rollbackEligible,
  rollbackTable,
  rollbackWorkloads,
  rolloutSections,
  rolloutSettings,
  rolloutTable,
  runRollout,
  workloadService
} from "./chunk-HUNDL6GK.js";
import {
  credentialProblemOf,
  credentialSentence,
  valueAt
} from "./chunk-HHK5WSHU.js";
import {
  builtInKindOf
} from "./chunk-DAQUB7XV.js";
import {
  ensureServerReachable
} from "./chunk-3GBSTZKE.js";
import {
  renderOverlay
} from "./chunk-F3BAHKAQ.js";
import {
  idOf,
  resourceKey
} from "./chunk-LLJRTO2H.js";
import {
  ClusterUnreachableError
} from "./chunk-ONP5N6JI.js";
import {
  KubeApiError
} from "./chunk-YFCLFOYO.js";
import {
  FIELD_MANAGER,
  groupOfApiVersion
} from "./chunk-JNJT7SPT.js";
import {
  DEFAULTS,
  environmentSettings,
  imagePreflightSettings,
  overlayPath
} from "./chunk-ZQ3QI6WY.js";
import {
  inlineText,
  markdownTable
} from "./chunk-3F3HULD2.js";
import {
  redactor,
  secretForms
} from "./chunk-4WAREM3A.js";
import {
  require_dist
} from "./chunk-DHW3Q5BD.js";
import {
  ConfigurationError,
  firstLine,
  formatLocation
} from "./chunk-LJ22TVXO.js";
import {
  __toESM
} from "./chunk-WQYZTGJH.js";

// src/deploy/pipeline.ts
var import_yaml = __toESM(require_dist(), 1);

// src/deploy/record.ts
function status(error) {
  return typeof error == "object" && error !== null && "status" in error ? Number(error.status) : void 0;
}
var NOT_RECORDED = { id: void 0, finish: () => Promise.resolve() };
async function startDeploymentRecord(api, request, notice) {
  if (!api) return NOT_RECORDED;
  let id;
  try {
    id = await api.create(request), await api.setStatus(id, "in_progress", { description: request.description, ...request.logUrl ? { logUrl: request.logUrl } : {} });
  } catch (error) {
    let code = status(error);
    return code === 403 || code === 404 || code === 401 ? (notice(
      `Deployment history was not recorded: the token cannot write deployments (HTTP ${code}). Give the job \`permissions: deployments: write\` to see deployments on the Environments page.`
    ), NOT_RECORDED) : (notice(`Deployment history was not recorded: ${error instanceof Error ? error.message : String(error)}`), NOT_RECORDED);
  }
  return {
    id,
    finish: async (state, description) => {
      try {
        await api.setStatus(id, state, { description, ...request.logUrl ? { logUrl: request.logUrl } : {} });
      } catch (error) {
        notice(`Could not update deployment ${id} to ${state}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
}

// src/prune/prune.ts
var PRUNE_STAGES = [
  { name: "workloads", kinds: /* @__PURE__ */ new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet", "Pod"]) },
  { name: "Services", kinds: /* @__PURE__ */ new Set(["Service"]) },
  { name: "ConfigMaps, Secrets and the rest", kinds: "rest" },
  { name: "CustomResourceDefinitions and Namespaces", kinds: /* @__PURE__ */ new Set(["CustomResourceDefinition", "Namespace"]) }
], PROTECTED_KINDS = /* @__PURE__ */ new Set(["PersistentVolumeClaim", "PersistentVolume", "Namespace", "CustomResourceDefinition"]), NEVER_DELETED = "PersistentVolumeClaim", SYSTEM_MANAGERS = /* @__PURE__ */ new Set(["kube-controller-manager", "kube-scheduler", "kubelet", "kube-apiserver"]);
function notOwnedBecause(live) {
  let entries = valueAt(live, ["metadata", "managedFields"]) ?? [];
  if (!entries.filter((entry) => !entry.subresource).some((entry) => entry.manager === FIELD_MANAGER))
    return `not applied by k8sapp any more (no "${FIELD_MANAGER}" field manager on it)`;
  let others = entries.filter((entry) => entry.subresource !== "status").map((entry) => entry.manager ?? "(unnamed)").filter((manager) => manager !== FIELD_MANAGER && !manager.startsWith(`${FIELD_MANAGER}-`) && !SYSTEM_MANAGERS.has(manager));
  if (others.length !== 0)
    return `edited by ${[...new Set(others)].join(", ")}`;
}
async function prune(request, deps) {
  let { previous, environment } = request;
  if (!previous) return { status: "skipped", message: `No earlier release of ${environment} is recorded: nothing to prune.`, objects: [] };
  let base = { previousRevision: previous.revision };
  if (previous.inventoryVersion === void 0 || !Array.isArray(previous.inventory))
    return {
      ...base,
      status: "skipped",
      message: `Release ${previous.revision} of ${environment} was recorded before k8sapp kept an inventory: nothing is pruned this time (there is no inventory to trust yet). ${request.dryRun ? "The next real deploy records one" : "This deploy recorded one"}, so the deploy after it can prune.`,
      objects: []
    };
  let rendered = new Set(
    request.rendered.map(
      (object) => entryKey({ kind: object.kind, ...object.metadata.namespace ? { namespace: object.metadata.namespace } : {}, name: object.metadata.name })
    )
  ), candidates = previous.inventory.filter((entry) => !rendered.has(entryKey(entry)) && request.notDeployed(entryObject(entry)) === void 0);
  return candidates.length === 0 ? {
    ...base,
    status: request.dryRun ? "planned" : "succeeded",
    message: `Nothing to prune: every object of release ${previous.revision} is still rendered (or belongs to a service not deployed this time).`,
    objects: []
  } : new PruneRun(request, deps).run(candidates, base.previousRevision);
}
var PruneRun = class {
  constructor(request, deps) {
    this.request = request;
    this.deps = deps;
  }
  request;
  deps;
  rows = /* @__PURE__ */ new Map();
  async run(candidates, previousRevision) {
    let live = await this.readLive(candidates), toDelete = [];
    for (let entry of candidates) {
      if (this.rows.has(entry)) continue;
      let object = live.get(entry), verdict = object ? await this.judge(entry, object) : { action: "gone", reason: "already deleted" };
      verdict ? this.row(entry, verdict.action, verdict.reason) : toDelete.push(entry);
    }
    if (this.request.dryRun)
      for (let entry of toDelete) this.row(entry, "would-prune", this.leavesBehind(entry, live.get(entry)));
    else
      for (let stage of PRUNE_STAGES) {
        let batch = toDelete.filter((entry) => stageOf(entry.kind) === stage);
        batch.length > 0 && await this.deps.logger.group(`Prune ${stage.name} (${batch.length})`, () => this.deleteStage(batch, live));
      }
    let objects = candidates.map((entry) => this.rows.get(entry)), failed = objects.filter((row) => row.action === "failed"), counts = countRows(objects);
    return {
      status: failed.length ? "failed" : this.request.dryRun ? "planned" : "succeeded",
      message: `${this.request.dryRun ? "Prune plan" : "Prune"} against release ${previousRevision}: ${counts}.`,
      previousRevision,
      objects
    };
  }
  /**
   * One LIST per kind and namespace (managedFields come with it), never a GET per name: a single candidate is listed
   * with a `metadata.name` field selector. The objects are matched to the entries by name.
   */
  async readLive(candidates) {
    let live = /* @__PURE__ */ new Map();
    for (let entries of groupByKind(candidates)) {
      let first = entries[0], items;
      try {
        items = await this.listOf(entries);
      } catch (error) {
        this.abortOnCredentials(error, `reading ${describeKind(first)} ${entries.map((e) => e.name).join(", ")}`);
        for (let entry of entries) this.row(entry, "failed", `could not be read, so it was not pruned: ${describeError(error)}`);
        continue;
      }
      for (let entry of entries) {
        let found = items.find((item) => item.metadata.name === entry.name);
        found && live.set(entry, found);
      }
    }
    return live;
  }
  /** The live objects of one kind and namespace that these entries (all of that kind and namespace) may be. */
  async listOf(entries) {
    let first = entries[0], kind = { apiVersion: this.apiVersionOf(first), kind: first.kind, ...first.namespace ? { namespace: first.namespace } : {} }, names = new Set(entries.map((entry) => entry.name));
    return (await this.deps.kube.list(kind, names.size === 1 ? { fieldSelector: `metadata.name=${first.name}` } : {})).items.filter((item) => names.has(item.metadata.name));
  }
  /**
   * The inventory keeps the API group, not the version: the version this deploy renders for that kind, else the
   * built-in kind's, else `v1` (a custom resource no longer rendered; discovery says whether the server serves it).
   */
  apiVersionOf(entry) {
    let rendered = this.request.rendered.find((object) => object.kind === entry.kind && groupOfApiVersion(object.apiVersion) === entry.group);
    if (rendered) return rendered.apiVersion;
    let builtIn = builtInKindOf(entry.group, entry.kind);
    return builtIn ? builtIn.apiVersion : entry.group ? `${entry.group}/v1` : "v1";
  }
  refOf(entry) {
    return { apiVersion: this.apiVersionOf(entry), kind: entry.kind, name: entry.name, ...entry.namespace ? { namespace: entry.namespace } : {} };
  }
  /** Why an object is not deleted (kept, left alone, gone), or undefined when it may be. */
  async judge(entry, live) {
    if (live.metadata.deletionTimestamp) return { action: "gone", reason: "already being deleted" };
    if (entry.kind === NEVER_DELETED)
      return {
        action: "kept",
        reason: "protected: k8sapp never deletes a PersistentVolumeClaim (its data would be lost); delete it by hand once the data is not needed"
      };
    if (PROTECTED_KINDS.has(entry.kind) && !entry.pruneAllowed)
      return {
        action: "kept",
        reason: `protected: a ${entry.kind} is never pruned unless its manifest carried the annotation ${PRUNE_ANNOTATION}: ${PRUNE_ALLOW} when it was last deployed`
      };
    let foreign = notOwnedBecause(live);
    if (foreign) return { action: "left-alone", reason: foreign };
    let deleteClaims = valueAt(live, ["spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted"]);
    if (entry.kind === "StatefulSet" && deleteClaims === "Delete")
      return {
        action: "kept",
        reason: "protected: its persistentVolumeClaimRetentionPolicy.whenDeleted is Delete, so deleting it would delete its PersistentVolumeClaims; set it to Retain (or delete it by hand) first"
      };
    if (entry.kind === "Namespace") {
      let names;
      try {
        names = (await this.deps.kube.list({ apiVersion: "v1", kind: "PersistentVolumeClaim", namespace: entry.name })).items.map((claim) => claim.metadata.name);
      } catch (error) {
        return this.abortOnCredentials(error, `listing the PersistentVolumeClaims of Namespace ${entry.name}`), { action: "kept", reason: `protected: cannot tell whether it holds PersistentVolumeClaims (${describeError(error)})` };
      }
      if (names.length > 0)
        return { action: "kept", reason: `protected: deleting it would delete its PersistentVolumeClaims ${names.join(", ")}, and k8sapp never deletes one` };
    }
  }
  /** What a deletion leaves behind on purpose (the summary says so). */
  leavesBehind(entry, live) {
    if (entry.kind !== "StatefulSet" || !live) return;
    let templates = valueAt(live, ["spec", "volumeClaimTemplates"]) ?? [];
    if (templates.length === 0) return;
    let replicas = Number(valueAt(live, ["spec", "replicas"]) ?? 1);
    return `its PersistentVolumeClaims stay (${templates.flatMap((t) => Array.from({ length: Math.max(replicas, 1) }, (_, i) => `${t.metadata?.name ?? ""}-${entry.name}-${i}`)).join(", ")}): k8sapp never deletes them; delete them by hand once the data is not needed`;
  }
  /**
   * Deletes a stage (background cascade: pods go with their workload; only the incarnation that was judged, by uid)
   * and waits, bounded, until every object is gone.
   */
  async deleteStage(batch, live) {
    let { kube, logger, clock } = this.deps, requested = [];
    for (let entry of batch) {
      if (entry.kind === NEVER_DELETED) throw new Error(`bug: prune was about to delete PersistentVolumeClaim ${entry.name}`);
      let uid = live.get(entry)?.metadata.uid;
      try {
        await kube.delete(this.refOf(entry), { propagationPolicy: "Background", ...typeof uid == "string" ? { uid } : {} });
      } catch (error) {
        this.abortOnCredentials(error, `deleting ${describeEntry(entry)}`), this.row(entry, "failed", `delete failed: ${describeError(error)}`);
        continue;
      }
      logger.info(`deleted ${describeEntry(entry)}`), requested.push(entry);
    }
    let limitMs = (this.request.timeoutSeconds ?? 120) * 1e3, start = clock.now().getTime(), pending = requested;
    for (let poll = 0; pending.length > 0 && (pending = await this.stillThere(pending), pending.length !== 0); poll++) {
      let elapsed = clock.now().getTime() - start;
      if (elapsed >= limitMs) break;
      poll % 5 === 0 && logger.info(
        `waiting for ${pending.length} deletion(s) to finish: ${pending.map(describeEntry).join(", ")} (${Math.round(elapsed / 1e3)} s of ${limitMs / 1e3} s)`
      ), await clock.sleep((this.request.pollSeconds ?? 2) * 1e3);
    }
    for (let entry of requested)
      pending.includes(entry) ? this.row(
        entry,
        "failed",
        `deletion requested but the object was still there after ${limitMs / 1e3} s (a finalizer may hold it); the next stages went ahead`
      ) : this.row(entry, "pruned", this.leavesBehind(entry, live.get(entry)));
  }
  async stillThere(entries) {
    let left = [];
    for (let group of groupByKind(entries))
      try {
        let items = await this.listOf(group);
        left.push(...group.filter((entry) => items.some((item) => item.metadata.name === entry.name)));
      } catch {
        left.push(...group);
      }
    return left;
  }
  abortOnCredentials(error, what) {
    let credentials = credentialProblemOf(error);
    if (credentials) throw new PruneAbort(`${what}: ${credentialSentence(credentials)}`);
  }
  row(entry, action, reason) {
    this.rows.set(entry, {
      group: entry.group,
      kind: entry.kind,
      ...entry.namespace ? { namespace: entry.namespace } : {},
      name: entry.name,
      action,
      ...reason ? { reason } : {}
    });
  }
}, PruneAbort = class extends Error {
  name = "PruneAbort";
};
function stageOf(kind) {
  return PRUNE_STAGES.find((stage) => stage.kinds !== "rest" && stage.kinds.has(kind)) ?? PRUNE_STAGES.find((stage) => stage.kinds === "rest");
}
function describeEntry(entry) {
  return `${entry.kind} ${entry.namespace ? `${entry.namespace}/` : ""}${entry.name}`;
}
function groupByKind(entries) {
  let groups = /* @__PURE__ */ new Map();
  for (let entry of entries) {
    let key = `${entry.group}\0${entry.kind}\0${entry.namespace ?? ""}`;
    groups.set(key, [...groups.get(key) ?? [], entry]);
  }
  return [...groups.values()];
}
function describeKind(entry) {
  return `${entry.kind}${entry.group ? `.${entry.group}` : ""}${entry.namespace ? ` in ${entry.namespace}` : ""}`;
}
function describeError(error) {
  let text = error instanceof KubeApiError ? `${error.reason}: ${error.message}` : error instanceof Error ? error.message : String(error);
  return firstLine(text);
}
function countRows(rows) {
  let counts = /* @__PURE__ */ new Map();
  for (let row of rows) counts.set(row.action, (counts.get(row.action) ?? 0) + 1);
  return [...counts].map(([action, count]) => `${count} ${action}`).join(", ") || "nothing";
}
async function planPrune(request, deps) {
  let { releaseNamespace, ...rest } = request, [newest] = await listReleases({ environment: request.environment, namespace: releaseNamespace ?? DEFAULT_RELEASE_NAMESPACE }, deps);
  return prune({ ...rest, previous: newest, dryRun: !0 }, deps);
}

// src/deploy/prepare.ts
async function prepareDeploy(request, decision, deps) {
  let { control, environment } = request, migrations = request.migrations ?? await loadAllMigrations(migrationSettings(control)), overlay = overlayPath(control, environment);
  deps.logger.info(`kubectl kustomize ${overlay}`);
  let built = await renderOverlay(deps.kustomize, overlay), objects = built.resources.map((resource) => resource.object), services = allowedServices(decision), selection = selectServiceResources(control, environment, built.resources, services), findings = [
    ...servicesSelectingNothing(control, environment, objects, services),
    ...imageReferenceFindings(selection.selected),
    ...placeholderFindings(selection.selected, request, deps.registerSecret)
  ];
  if (findings.length > 0)
    throw ConfigurationError.fromFindings(
      `Not deploying ${environment}: ${findings.length} input problem(s); nothing was changed (no cluster call, no migration, no deployment record).`,
      findings
    );
  let components = deployComponents(control, environment, objects, services);
  return deps.logger.info(
    `${objects.length} object(s) rendered, ${selection.selected.length} selected; inputs checked; components: ${components.join(", ") || "(none)"}; ${migrations.length} migration(s) loaded.`
  ), { overlay, yaml: built.yaml, objects, services, components, migrations };
}
function placeholderFindings(resources, request, registerSecret) {
  let { placeholders } = substituteSecrets(resources, request.secrets, registerSecret);
  return placeholders.map((placeholder) => ({
    severity: "error",
    code: "PLACEHOLDER_LEFT",
    message: `Secret ${`${placeholder.namespace ? `${placeholder.namespace}/` : ""}${placeholder.secret}`}: key ${placeholder.key} (${placeholder.field}) still holds a placeholder; supply a value named "${placeholder.key}" or "${placeholder.secret}/${placeholder.key}" in the secrets input. Refusing to deploy a well-known value.`,
    key: `${placeholder.field}.${placeholder.key}`,
    ...placeholder.location ? { location: placeholder.location } : {}
  }));
}

// src/deploy/pipeline.ts
var IN_CLUSTER = /* @__PURE__ */ new Set(["created", "configured", "unchanged", "recreated"]);
async function runDeploy(request, deps) {
  return new DeployRun(request, deps).execute();
}
var DeployRun = class {
  constructor(request, deps) {
    this.request = request;
    this.deps = deps;
    for (let value of Object.values(request.secrets))
      if (value !== "")
        for (let form of secretForms(value)) deps.registerSecret(form);
    this.redact = redactor(request.secrets), this.logger = redactingLogger(deps.logger, this.redact), this.report = {
      environment: request.environment,
      trigger: request.trigger,
      dryRun: request.dryRun,
      status: "failed",
      message: "",
      // Replaced by the gate phase before anything reads it.
      decision: void 0,
      decidedAt: "",
      approval: null,
      notes: [],
      components: [],
      resources: [],
      recreated: [],
      apply: null,
      rollout: null,
      rollback: null,
      release: null,
      prune: null,
      migrations: null,
      preflight: null,
      deployment: null,
      phases: [],
      errors: []
    };
  }
  request;
  deps;
  redact;
  logger;
  report;
  recorder;
  prepared;
  async execute() {
    if (!await this.gate()) return this.finish("skipped", this.blockedMessage());
    let checked = await this.phase(
      "build",
      `Check inputs and build ${this.request.environment}`,
      () => this.build(),
      () => "succeeded"
    ), unreachable = await this.connectOrExplain();
    if (unreachable) return this.finish("failed", unreachable);
    let prepared = await this.preflight(checked);
    if (!prepared) return this.finish("failed", this.preflightMessage());
    this.request.dryRun || (this.recorder = await startDeploymentRecord(
      this.deps.deployments,
      {
        ref: this.request.git.sha || this.request.git.ref,
        environment: this.request.environment,
        description: `k8sapp deploy of ${shortSha(this.request.git.sha)} to ${this.request.environment}`,
        production: /^prod(uction)?$/i.test(this.request.environment),
        ...this.request.runUrl ? { logUrl: this.request.runUrl } : {}
      },
      (message) => (this.deps.notice ?? ((text) => this.logger.warning(text)))(message)
    ), this.recorder.id !== void 0 && (this.report.deployment = { id: this.recorder.id }));
    let finished;
    try {
      return finished = await this.deployTo(prepared), finished;
    } finally {
      let status2 = finished?.status;
      await this.recorder?.finish(
        status2 === "succeeded" ? "success" : "failure",
        status2 === "succeeded" ? `Deployed ${shortSha(this.request.git.sha)} to ${this.request.environment}` : `Deploy ${status2 ?? "failed"}: ${finished?.message ?? "error"}`.slice(0, 140)
      );
    }
  }
  // ---------------------------------------------------------------------------------------------------------------
  async gate() {
    let { request } = this;
    return this.phase(
      "gate",
      `Gate ${request.environment} (${request.trigger}${request.dryRun ? ", dry run" : ""})`,
      async () => {
        let at = this.deps.clock.now();
        this.report.decidedAt = at.toISOString();
        let decision = decide(
          request.control.config,
          {
            environment: request.environment,
            trigger: request.trigger,
            ...request.services?.length ? { services: request.services } : {},
            ...request.emergencyReason?.trim() ? { emergencyReason: request.emergencyReason } : {}
          },
          at
        );
        this.report.decision = decision;
        for (let reason of decision.reasons) this.logger.info(`${reason.code}: ${reason.message}`);
        for (let service of decision.services)
          this.logger.info(`service ${service.name}: ${service.allowed ? "deploys" : "left out"} (${service.reasons.map((r) => r.code).join(", ")})`);
        let approval = null;
        if (decision.allowed && decision.requiresApproval)
          if (this.deps.checkApproval) {
            let mode = request.control.config.environments[request.environment]?.approval_check ?? DEFAULTS.approvalCheck;
            approval = await this.deps.checkApproval({ environment: request.environment, mode }), this.report.approval = approval, this.logger.info(`${approval.code}: ${approval.message}`);
          } else
            this.note(
              `Approval for ${request.environment} is required by deploy-control; it is enforced by the required reviewers of the GitHub environment "${request.environment}" when the deploy runs as a workflow job, and was not checked here.`
            );
        return decision.emergencyOverride && decision.allowed && this.logger.warning(`Emergency override of ${decision.emergencyOverride.overrides.join(", ")}: ${decision.emergencyOverride.reason}`), decision.allowed && (approval?.passes ?? !0);
      },
      (allowed) => allowed ? "succeeded" : "blocked"
    );
  }
  blockedMessage() {
    let blocking = this.report.decision.reasons.filter((r) => verdictOf(r.code) === "block").map((r) => r.code);
    return this.report.approval && !this.report.approval.passes && blocking.push(this.report.approval.code), `Not deploying ${this.request.environment}: ${blocking.join(", ") || "blocked"}.`;
  }
  async build() {
    let plan = await prepareDeploy(this.request, this.report.decision, {
      kustomize: this.deps.kustomize,
      logger: this.logger,
      registerSecret: this.deps.registerSecret
    });
    return this.report.components = plan.components, plan;
  }
  /**
   * The first cluster call: can the API server be reached at all, with these credentials? When not, the run stops
   * here with one sentence (server, cause, what was not done) — no migration is blamed. Transient failures (a refused
   * connection while the API server restarts, 429, 5xx) were already retried by the client's one retry policy.
   */
  async connect() {
    try {
      await ensureServerReachable(this.deps.kube, `nothing was changed in ${this.request.environment} (no migration, no apply)`, this.request.server);
      return;
    } catch (error) {
      let credentials = credentialProblemOf(error);
      if (!credentials) throw error;
      return `Cannot use the Kubernetes API server${this.request.server ? ` ${this.request.server}` : ""}: ${credentialSentence(credentials)}; nothing was changed in ${this.request.environment}.`;
    }
  }
  /** The connect phase; a sentence saying why the cluster cannot be used, or undefined when it can. */
  async connectOrExplain() {
    try {
      return await this.phase(
        "connect",
        `Connect to the cluster of ${this.request.environment}`,
        () => this.connect(),
        (problem) => problem ? "failed" : "succeeded"
      );
    } catch (error) {
      if (error instanceof ClusterUnreachableError)
        return this.logger.info(error.message), error.message;
      throw error;
    }
  }
  /**
   * Every image resolved in its registry before the first mutating call (and before migrations): refused under
   * `image_preflight: enforce` when an image is missing or the cluster has no credentials for it. With
   * `pin_digests: true` the manifests to apply are rewritten to image@sha256:…. Undefined: refused.
   */
  async preflight(prepared) {
    let { request, deps } = this, settings = imagePreflightSettings(request.control.config, request.environment);
    if (settings.mode === "off") return prepared;
    if (!deps.fetch)
      return this.note("Image preflight not run: no registry client in this context."), prepared;
    let fetch = deps.fetch, result = await this.phase(
      "preflight",
      `Image preflight (${settings.mode}${settings.pinDigests ? ", pin digests" : ""})`,
      () => preflightObjects(
        environmentPreflightRequest(prepared, { mode: settings.mode, pinDigests: settings.pinDigests }, request.registryCredentials),
        {
          fetch,
          kube: this.deps.kube,
          registerSecret: deps.registerSecret,
          logger: this.inner(),
          ...deps.registryTimeoutMs ? { timeoutMs: deps.registryTimeoutMs } : {}
        }
      ),
      (r) => r.report.refused ? "failed" : "succeeded"
    );
    if (this.report.preflight = { ...result.report, pinned: result.pinned }, result.report.refused) return;
    if (result.pinned.length === 0) return prepared;
    let objects = [...result.objects];
    return { ...prepared, objects, yaml: objects.map((object) => (0, import_yaml.stringify)(object, { lineWidth: 0 })).join(`---
`) };
  }
  preflightMessage() {
    let errors = this.report.preflight?.findings.filter((f) => f.severity === "error") ?? [];
    for (let finding of errors) this.report.errors.push(finding.message);
    return `Image preflight refused the deploy; nothing was applied: ${errors[0]?.message ?? "see the errors"}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`;
  }
  async deployTo(prepared) {
    let { request, deps } = this;
    this.prepared = prepared;
    let plan = request.dryRun, session = createMigrationSession(
      {
        environment: request.environment,
        components: this.report.components,
        manifests: prepared.objects,
        migrations: prepared.migrations,
        mode: plan ? "plan" : "run",
        timeoutSeconds: migrationSettings(request.control).timeoutSeconds,
        slowSeconds: migrationSettings(request.control).slowSeconds,
        sha: request.git.sha
      },
      { kube: this.deps.kube, clock: deps.clock, logger: this.inner(), ...deps.timer ? { timer: deps.timer } : {} }
    ), preFailed = await this.phase(
      "migrations-pre",
      `Migrations before apply${plan ? " (plan)" : ""}`,
      async () => {
        let failed = (await session.genericPre()).failed;
        for (let component of this.report.components) {
          if (failed && !plan) break;
          failed = (await session.componentPre(component)).failed || failed;
        }
        return failed;
      },
      (failed) => failed ? "failed" : plan ? "planned" : "succeeded"
    );
    if (this.report.migrations = session.report(), preFailed && !plan) return this.finish("failed", `A pre-deploy migration failed; nothing was applied. ${this.migrationFailures()}`);
    let apply = await this.phase(
      "apply",
      `${plan ? "Plan" : "Apply"} ${request.environment}`,
      () => applyEnvironment(
        {
          environment: request.environment,
          control: request.control,
          secrets: request.secrets,
          services: prepared.services,
          dryRun: plan,
          registerSecret: deps.registerSecret,
          manifests: { yaml: prepared.yaml, origin: prepared.overlay }
        },
        { kube: this.deps.kube, clock: deps.clock, logger: this.inner() }
      ),
      (report) => report.ok ? plan ? "planned" : "succeeded" : "failed"
    );
    if (this.report.apply = apply, this.report.resources = apply.resources, this.report.recreated = apply.recreated, plan) {
      await this.phase(
        "migrations-post",
        "Migrations after rollout (plan)",
        () => this.postMigrations(session),
        (failed) => failed ? "failed" : "planned"
      ), this.report.migrations = session.report(), this.pruneEnabled() && await this.prunePhase(prepared, void 0);
      let ok = apply.ok && this.report.migrations.status === "succeeded";
      return this.finish(
        ok ? "succeeded" : "failed",
        ok ? `Plan for ${request.environment}: ${countActions(apply, !0)}; nothing was changed.` : `Plan for ${request.environment} found problems: ${firstError(apply) ?? this.migrationFailures()}`
      );
    }
    let settings = rolloutSettings(request.control, request.environment, {}), releaseStore = { namespace: request.releaseNamespace ?? DEFAULT_RELEASE_NAMESPACE };
    if (!apply.ok)
      return apply.workloads.length > 0 && await this.rollout(apply, settings, releaseStore), this.finish("failed", `Apply failed: ${firstError(apply) ?? "see the errors"}`);
    let rollout = await this.rollout(apply, settings, releaseStore);
    if (rollout.status !== "succeeded")
      return this.finish(
        rollout.status,
        rollout.status === "rolled-back" ? `Rollout failed and was rolled back (${rollout.rollback.mode}).` : "Rollout failed."
      );
    let postFailed = await this.phase(
      "migrations-post",
      "Migrations after rollout",
      () => this.postMigrations(session),
      (failed) => failed ? "failed" : "succeeded"
    );
    if (this.report.migrations = session.report(), postFailed) {
      let rolledBack = await this.rollbackAfterPostMigration(rollout, settings, releaseStore);
      return this.finish(
        rolledBack ? "rolled-back" : "failed",
        `A post-deploy migration failed${rolledBack ? "; rolled back" : ""}. ${this.migrationFailures()}`
      );
    }
    let notDeployed = serviceSelection(request.control.config, request.environment, prepared.services), recorded = await this.phase(
      "release",
      "Record release",
      async () => {
        try {
          let recorded2 = await recordRelease(
            {
              environment: request.environment,
              ...releaseStore,
              sha: request.git.sha || "unknown",
              manifests: releaseObjects(prepared.objects, apply),
              time: deps.clock.now(),
              images: this.report.preflight?.pinned ?? [],
              // Objects of services not deployed this time stay in the inventory: their own deploy prunes them.
              carryForward: (entry) => notDeployed(entryObject(entry)) !== void 0
            },
            { kube: this.deps.kube }
          );
          return this.report.release = { recorded: recorded2.record, dropped: recorded2.dropped }, this.logger.info(`recorded release ${recorded2.record.revision} in ${recorded2.configMap} (${recorded2.record.objects} objects)`), { previous: recorded2.previous };
        } catch (error) {
          let message = error instanceof Error ? error.message : String(error);
          this.report.release = { error: message }, this.logger.warning(`release not recorded: ${message}`);
          return;
        }
      },
      (recorded2) => recorded2 ? "succeeded" : "failed"
    ), deployed = `Deployed ${shortSha(request.git.sha)} to ${request.environment}: ${countActions(apply, !1)}.`;
    if (!this.pruneEnabled()) return this.finish("succeeded", deployed);
    if (!recorded)
      return this.note("Nothing was pruned: prune runs only after the release is recorded (its inventory is what the next prune compares with)."), this.finish("succeeded", deployed);
    let pruned = await this.prunePhase(prepared, recorded.previous ?? null);
    return this.finish("succeeded", pruned.status === "failed" ? `${deployed} Prune failed: ${pruned.message}` : deployed);
  }
  pruneEnabled() {
    return environmentSettings(this.request.control.config, this.request.environment).prune;
  }
  /**
   * Prune after a recorded release (`previous`: the release before it), or in a dry run (`previous` undefined: the
   * newest release is read). Objects of services this deploy did not deploy are never candidates.
   */
  async prunePhase(prepared, previous) {
    let { request, deps } = this, plan = request.dryRun, report = await this.phase(
      "prune",
      plan ? "Prune (plan)" : "Prune what the overlay no longer renders",
      async () => {
        try {
          let common = {
            environment: request.environment,
            rendered: prepared.objects,
            notDeployed: serviceSelection(request.control.config, request.environment, prepared.services),
            timeoutSeconds: environmentSettings(request.control.config, request.environment).rolloutTimeoutSeconds
          }, pruneDeps = { kube: this.deps.kube, clock: deps.clock, logger: this.inner() }, result = previous === void 0 ? await planPrune({ ...common, releaseNamespace: request.releaseNamespace ?? DEFAULT_RELEASE_NAMESPACE }, { ...pruneDeps, kube: this.deps.kube }) : await prune({ ...common, previous: previous ?? void 0, dryRun: !1 }, pruneDeps);
          for (let row of result.objects)
            this.logger.info(`${row.action}: ${row.kind} ${row.namespace ? `${row.namespace}/` : ""}${row.name}${row.reason ? ` (${row.reason})` : ""}`);
          return this.logger.info(result.message), result;
        } catch (error) {
          if (!(error instanceof PruneAbort) && !(error instanceof ReleaseStoreError)) throw error;
          return { status: "failed", message: error.message, objects: [] };
        }
      },
      (r) => r.status === "failed" ? "failed" : r.status === "planned" ? "planned" : r.status === "skipped" ? "skipped" : "succeeded"
    );
    return report.status === "failed" && this.logger.warning(`prune: ${report.message}`), this.report.prune = report, report;
  }
  async rollout(apply, settings, releaseStore) {
    let { request, deps } = this, result = await this.phase(
      "rollout",
      `Rollout of ${apply.workloads.length} workload(s) (timeout ${settings.timeoutSeconds} s)`,
      () => runRollout(
        {
          environment: request.environment,
          workloads: apply.workloads,
          timeoutSeconds: settings.timeoutSeconds,
          rollback: settings.rollback,
          releaseStore,
          templatesBefore: apply.templatesBefore,
          applied: appliedObjects(this.prepared?.objects ?? [], apply),
          ...request.wait ? { wait: request.wait } : {}
        },
        { kube: this.deps.kube, clock: deps.clock, logger: this.inner(), reapply: this.engineReapply() }
      ),
      (r) => r.status === "succeeded" ? "succeeded" : r.status === "rolled-back" ? "rolled-back" : "failed"
    ), { release: _release, ...report } = publicReport(result);
    return this.report.rollout = report, report.rollback.status !== "none" && (this.report.rollback = report.rollback), result;
  }
  async postMigrations(session) {
    let plan = this.request.dryRun, failed = !1;
    for (let component of this.report.components)
      if (failed = (await session.componentPost(component)).failed || failed, failed && !plan) return !0;
    return (await session.genericPost()).failed || failed;
  }
  /** deploy-control's rollback rules after a failed post migration: the workloads of its components (generic: all). */
  async rollbackAfterPostMigration(rollout, settings, releaseStore) {
    let failedResults = (this.report.migrations?.results ?? []).filter((r) => r.status === "failed" || r.status === "timed-out"), generic = failedResults.some((r) => r.point === "generic-post"), components = new Set(failedResults.map((r) => r.component).filter((c) => !!c)), policy = settings.rollback, candidates = rollout.results.filter((r) => generic || components.has(workloadService(r))), eligible = candidates.filter((r) => rollbackEligible(r, policy));
    if (policy.mode === "never" || eligible.length === 0)
      return this.note(
        candidates.length ? `Not rolled back: rollback_on_failure is not set for ${[...new Set(candidates.map(workloadService))].join(", ")}.` : "Not rolled back: no workload of the failed migration changed in this deploy."
      ), !1;
    let report = await this.phase(
      "rollback",
      `Rollback (${policy.mode}) after a failed post-deploy migration`,
      () => rollbackWorkloads(
        {
          mode: policy.mode,
          environment: this.request.environment,
          workloads: eligible,
          ...policy.services ? { services: new Set(eligible.map(workloadService)) } : {},
          releaseStore,
          ...this.report.apply ? { templatesBefore: this.report.apply.templatesBefore, applied: appliedObjects(this.prepared?.objects ?? [], this.report.apply) } : {},
          wait: { ...this.request.wait, timeoutSeconds: settings.timeoutSeconds }
        },
        { kube: this.deps.kube, clock: this.deps.clock, logger: this.inner(), reapply: this.engineReapply() }
      ),
      (r) => r.status === "succeeded" ? "rolled-back" : "failed"
    );
    return this.report.rollback = report, report.status === "succeeded";
  }
  /**
   * The rollout's `reapply` seam, routed through the apply engine: a release rollback gets the same staging, honest
   * per-object results and immutable-field recovery as a deploy. Releases hold no Secrets, so no values are needed.
   */
  engineReapply() {
    return async (manifests) => {
      let report = await applyEnvironment(
        {
          environment: this.request.environment,
          control: this.request.control,
          secrets: {},
          dryRun: !1,
          registerSecret: this.deps.registerSecret,
          manifests: { yaml: yamlStream(manifests), origin: `release of ${this.request.environment}` }
        },
        { kube: this.deps.kube, clock: this.deps.clock, logger: this.inner() }
      ), counts = countActions(report, !1);
      return { ok: report.ok, message: report.ok ? counts : `${report.errors.join("; ")} (${counts})` };
    };
  }
  // ---------------------------------------------------------------------------------------------------------------
  /** One log group per phase, titled with the phase and closed with its duration; a row in the phase table. */
  async phase(name, title, body, outcomeOf) {
    let started = this.deps.clock.now().getTime(), outcome = "error";
    try {
      return await this.deps.logger.group(`${name}: ${this.redact(title)}`, async () => {
        try {
          let value = await body();
          return outcome = outcomeOf(value), value;
        } finally {
          let seconds = (this.deps.clock.now().getTime() - started) / 1e3;
          this.logger.info(`${name} ${outcome} in ${seconds.toFixed(1)} s`);
        }
      });
    } finally {
      let seconds = Math.round((this.deps.clock.now().getTime() - started) / 100) / 10;
      this.report.phases.push({ name, seconds, outcome });
    }
  }
  /** The building blocks' own groups become plain headings inside the phase's group (the runner cannot nest groups). */
  inner() {
    let logger = this.logger;
    return {
      info: (message) => logger.info(message),
      warning: (message) => logger.warning(message),
      group: async (name, body) => (logger.info(`-- ${name}`), body())
    };
  }
  note(message) {
    this.report.notes.push(message), this.logger.info(message);
  }
  migrationFailures() {
    return (this.report.migrations?.results ?? []).filter((r) => r.status === "failed" || r.status === "timed-out").map((r) => `${r.id}: ${r.error ?? r.status}`).join("; ");
  }
  finish(status2, message) {
    if (this.report.status = status2, this.report.message = message, status2 === "failed" && this.report.migrations?.status === "failed")
      for (let failure of this.migrationFailures().split("; ").filter(Boolean)) this.report.errors.push(`migration ${failure}`);
    return redactDeep(this.report, this.redact);
  }
};
function shortSha(sha) {
  return sha ? sha.slice(0, 12) : "the working tree";
}
function firstError(apply) {
  return apply.errors[0]?.split(`
`)[0];
}
function countActions(report, plan) {
  let counts = /* @__PURE__ */ new Map();
  for (let resource of report.resources) counts.set(resource.action, (counts.get(resource.action) ?? 0) + 1);
  let text = [...counts].map(([action, count]) => `${count} ${action}`).join(", ");
  return text ? `${plan ? "would be " : ""}${text}` : "no resources";
}
function releaseObjects(objects, apply) {
  return appliedObjects(objects, apply).map(
    (object) => object.kind === "Secret" ? {
      apiVersion: object.apiVersion,
      kind: "Secret",
      metadata: {
        name: object.metadata.name,
        ...object.metadata.namespace ? { namespace: object.metadata.namespace } : {},
        // Labels are no secret, and the inventory needs the service ones (see prune/inventory.ts).
        ...object.metadata.labels ? { labels: object.metadata.labels } : {}
      }
    } : object
  );
}
function appliedObjects(objects, apply) {
  let inCluster = new Set(apply.resources.filter((r) => IN_CLUSTER.has(r.action)).map((r) => resourceKey(r)));
  return objects.filter((object) => inCluster.has(resourceKey(idOf(object))));
}
function yamlStream(manifests) {
  let trimmed = manifests.trim();
  return trimmed.startsWith("{") ? trimmed.split(`
`).filter((line) => line.trim()).map((line) => (0, import_yaml.stringify)(JSON.parse(line), { lineWidth: 0 })).join(`---
`) : manifests;
}
function redactingLogger(logger, redact) {
  return {
    info: (message) => logger.info(redact(message)),
    warning: (message) => logger.warning(redact(message)),
    group: (name, body) => logger.group(redact(name), body)
  };
}
function redactDeep(value, redact) {
  return typeof value == "string" ? redact(value) : Array.isArray(value) ? value.map((item) => redactDeep(item, redact)) : value && typeof value == "object" && !(value instanceof Date) ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, redact)])) : value;
}

// src/prune/report.ts
var LABEL = {
  pruned: "pruned",
  "would-prune": "would prune",
  kept: "kept",
  "left-alone": "left alone",
  gone: "already gone",
  failed: "failed"
};
function rowLabel(row) {
  return row.action === "kept" && row.reason?.startsWith("protected:") ? "kept: protected" : LABEL[row.action];
}
function rowReason(row) {
  return (row.reason ?? "").replace(/^protected: /, "");
}
function objectName(row) {
  return `${row.kind}${row.group ? `.${row.group}` : ""} ${row.namespace ? `${row.namespace}/` : ""}${row.name}`;
}
function pruneMarkdown(report) {
  let lines = [`### Prune: ${report.status}`, "", inlineText(report.message), ""];
  return report.objects.length && lines.push(
    markdownTable(
      ["Object", "Prune", "Why"],
      report.objects.map((row) => [objectName(row), rowLabel(row), rowReason(row)])
    ),
    ""
  ), lines.join(`
`);
}
function pruneText(report) {
  return [
    `prune: ${report.status} \u2014 ${report.message}`,
    ...report.objects.map((row) => `  ${rowLabel(row).padEnd(16)} ${objectName(row)}${row.reason ? ` (${rowReason(row)})` : ""}`)
  ];
}

// src/preflight/summary.ts
var RESULT = {
  resolved: "found",
  "not-found": "missing",
  unauthorized: "no access",
  unavailable: "registry unavailable",
  invalid: "invalid reference",
  "not-checked": "not checked (private)"
};
function preflightTable(report, pinned = []) {
  let pinnedImages = new Set(pinned.map((p) => p.image)), header = ["Image", "Registry", "Result", "Digest", "Used by", "Set at"], rows = report.images.map((check) => [
    check.image,
    check.registry,
    RESULT[check.status],
    check.digest ? `${check.digest}${pinnedImages.has(check.image) ? " (pinned)" : ""}` : check.message,
    check.usedBy.map((u) => `${u.kind}/${u.name} (${u.container})`).join(", "),
    [...new Set(check.usedBy.map((u) => formatLocation(u.location)).filter(Boolean))].join(", ")
  ]);
  return [header, ...rows];
}
function preflightText(report, pinned = []) {
  let lines = [`image preflight (${report.mode}): ${report.images.length} image(s), ${report.refused ? "REFUSED" : "ok"}`];
  for (let check of report.images) lines.push(`  ${RESULT[check.status].padEnd(22)} ${check.image}${check.digest ? ` \u2192 ${check.digest}` : ""}`);
  for (let p of pinned) lines.push(`  pinned ${p.image} \u2192 ${p.pinned}`);
  for (let finding of report.findings)
    lines.push(`  ${formatLocation(finding.location) ? `${formatLocation(finding.location)}: ` : ""}${finding.severity}: ${finding.message}`);
  return lines;
}

// src/deploy/summary.ts
var preflightMarkdown = ([header = [], ...rows]) => markdownTable(header, rows), STATUS_MARK = {
  skipped: "\u23ED\uFE0F skipped",
  succeeded: "\u2705 succeeded",
  failed: "\u274C failed",
  "rolled-back": "\u21A9\uFE0F rolled back (failed)"
};
function rolloutMarkdown(rollout, rollback) {
  return [`### Rollout: ${rollout.status}`, "", ...rolloutSections(rollout, rollback)];
}
function deployMarkdown(report, context = {}) {
  let lines = [];
  lines.push(`## k8sapp deploy: ${inlineText(report.environment)}${report.dryRun ? " (dry run)" : ""} \u2014 ${STATUS_MARK[report.status]}`, ""), lines.push(inlineText(report.message), "");
  for (let note of report.notes) lines.push(`> ${inlineText(note)}`, "");
  report.deployment && lines.push(`GitHub deployment ${report.deployment.id} recorded for environment \`${inlineText(report.environment)}\`.`, ""), lines.push(
    "### Phases",
    "",
    markdownTable(
      ["Phase", "Outcome", "Seconds"],
      report.phases.map((phase) => [phase.name, phase.outcome, phase.seconds.toFixed(1)]),
      ["left", "left", "right"]
    ),
    ""
  );
  let gate = decisionMarkdown(report.decision, {
    at: new Date(report.decidedAt),
    ...context.triggerSource ? { triggerSource: context.triggerSource } : {},
    approval: report.approval,
    deploy: report.status !== "skipped"
  });
  if (lines.push(gate.replace(/^## /, "### ")), report.preflight) {
    let p = report.preflight;
    lines.push(`### Image preflight (${p.mode}): ${p.refused ? "refused" : "passed"}`, "", preflightMarkdown(preflightTable(p, p.pinned)), "");
  }
  if (report.apply && lines.push(applyMarkdown(report.apply)), report.rollout ? lines.push(...rolloutMarkdown(report.rollout, report.rollback)) : report.rollback && lines.push(...rolloutMarkdown({ status: "failed", workloads: [], rollback: report.rollback }, report.rollback)), report.release?.recorded) {
    let r = report.release.recorded;
    lines.push(
      "### Release recorded",
      "",
      `Release **${r.revision}** (${inlineText(r.sha)}, ${r.objects} objects, ${r.digest.slice(0, 19)}\u2026)` + (r.strippedSecrets.length ? `; Secrets not recorded: ${r.strippedSecrets.map(inlineText).join(", ")}` : "") + (report.release.dropped?.length ? `; dropped old releases ${report.release.dropped.join(", ")}` : ""),
      ""
    );
  } else report.release?.error && lines.push("### Release not recorded", "", inlineText(report.release.error), "");
  report.prune && lines.push(pruneMarkdown(report.prune)), report.migrations && (report.migrations.results.length || report.migrations.outOfScope.length) && lines.push(migrationSummaryMarkdown(report.migrations));
  let extra = report.errors.filter((error) => !report.apply?.errors.includes(error));
  if (extra.length) {
    lines.push("### Errors", "");
    for (let error of extra) lines.push(`- ${inlineText(error)}`);
    lines.push("");
  }
  return `${lines.join(`
`)}
`;
}
function statusText(status2, style) {
  return status2 === "succeeded" ? style.green(status2) : status2 === "skipped" ? style.yellow(status2) : style.red(status2);
}
function rolloutText(rollout, rollback, style) {
  let lines = ["", `Rollout: ${rollout.status}`];
  rollout.workloads.length && lines.push(textTable(rolloutTable(rollout), { style, indent: "  " }));
  let rows = diagnosisRows(rollout);
  rows.length && lines.push("", "Diagnosis:", textTable(diagnosisTable(rows), { style, indent: "  " }));
  let shown = rollback ?? rollout.rollback;
  return (shown.workloads.length || shown.message) && (lines.push(
    "",
    `Rollback (${shown.mode}${shown.release ? `, release ${shown.release}` : ""}): ${shown.status}${shown.message ? ` \u2014 ${shown.message}` : ""}`
  ), shown.workloads.length && lines.push(textTable(rollbackTable({ ...rollout, rollback: shown }), { style, indent: "  " })), shown.leftInPlace?.length && lines.push(`  not in release ${shown.release ?? ""}, left in place (a rollback never deletes): ${shown.leftInPlace.join(", ")}`)), lines;
}
function deployText(report, style = plainStyle) {
  let lines = [`${report.environment}: ${statusText(report.status, style)}${report.dryRun ? " (dry run)" : ""} \u2014 ${report.message}`];
  for (let note of report.notes) lines.push(`note: ${note}`);
  if (lines.push("", textTable([["Phase", "Outcome", "Seconds"], ...report.phases.map((p) => [p.name, p.outcome, p.seconds.toFixed(1)])], { style })), report.preflight && lines.push("", ...preflightText(report.preflight, report.preflight.pinned)), report.resources.length) {
    let rows = report.resources.map((r) => [
      r.action === "failed" ? style.red(r.action) : r.action,
      `${r.kind}/${r.namespace ? `${r.namespace}/` : ""}${r.name}`,
      r.reason ?? ""
    ]);
    lines.push("", textTable([["Action", "Resource", "Reason"], ...rows], { style }));
  }
  report.rollout ? lines.push(...rolloutText(report.rollout, report.rollback, style)) : report.rollback && lines.push(...rolloutText({ status: "failed", workloads: [], rollback: report.rollback }, report.rollback, style)), report.release?.recorded && lines.push("", `Release ${report.release.recorded.revision} recorded (${report.release.recorded.sha}).`), report.release?.error && lines.push("", `Release not recorded: ${report.release.error}`);
  let migrations = report.migrations?.results ?? [];
  if (migrations.length) {
    let rows = migrations.map((r) => [r.id, `${r.point}${r.component ? `:${r.component}` : ""}`, r.status, r.error ?? ""]);
    lines.push("", textTable([["Migration", "Point", "Status", "Error"], ...rows], { style }));
  }
  report.prune && lines.push("", ...pruneText(report.prune)), report.errors.length && lines.push("");
  for (let error of report.errors) lines.push(`${style.red("error:")} ${error}`);
  return lines.join(`
`);
}

export {
  PruneAbort,
  planPrune,
  runDeploy,
  redactingLogger,
  redactDeep,
  rowLabel,
  pruneText,
  preflightTable,
  preflightText,
  deployMarkdown,
  deployText
};
