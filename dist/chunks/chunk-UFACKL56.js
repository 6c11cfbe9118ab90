import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  selectServiceResources
} from "./chunk-JDNALGQO.js";
import {
  plainStyle,
  textTable
} from "./chunk-OORLVQZO.js";
import {
  allowedStatefulSetFields,
  appliedClientSide,
  classifyObjectError,
  credentialProblem,
  credentialSentence,
  describe,
  differences,
  errorNames,
  groupOf,
  hasDrifted,
  isTransient,
  itemsOf,
  keyOf,
  ownerUids,
  parseFieldPath,
  parseKubectlErrors,
  refKey,
  sameObject,
  selectorArgument,
  selectorMatches,
  selectorOf,
  typedRef,
  uidOf,
  valueAt
} from "./chunk-WCNFSF3H.js";
import {
  withoutKlogNoise
} from "./chunk-RBEDY2HT.js";
import {
  renderOverlay,
  resourcesFromYaml
} from "./chunk-WWCZPUM5.js";
import {
  CLUSTER_SCOPED_KINDS,
  WORKLOAD_KINDS,
  findPlaceholders,
  idOf
} from "./chunk-LLJRTO2H.js";
import {
  environmentSettings,
  overlayPath
} from "./chunk-WMJJ5B44.js";
import {
  inlineText,
  markdown,
  markdownTable,
  parseYaml
} from "./chunk-5S22JYLF.js";
import {
  require_dist
} from "./chunk-DHW3Q5BD.js";
import {
  ConfigurationError
} from "./chunk-F5XTP6AN.js";
import {
  __toESM
} from "./chunk-WQYZTGJH.js";

// src/apply/secrets.ts
var ALWAYS_PRESENT = /* @__PURE__ */ new Set(["github_token"]);
function parseSecretValues(text, origin) {
  if (text === void 0 || text.trim() === "") return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    try {
      value = parseYaml(text, origin).value;
    } catch {
      throw new ConfigurationError(`${origin} is neither valid JSON nor YAML (content not shown: it holds secrets).`);
    }
  }
  if (value === null || typeof value != "object" || Array.isArray(value))
    throw new ConfigurationError(`${origin} must be an object of NAME: value pairs, e.g. \${{ toJSON(secrets) }}.`);
  let values = {};
  for (let [key, entry] of Object.entries(value))
    if (typeof entry == "number" || typeof entry == "boolean") values[key] = String(entry);
    else if (typeof entry == "string") values[key] = entry;
    else throw new ConfigurationError(`${origin}: the value of "${key}" must be a string.`);
  return values;
}
function substituteSecrets(resources, values, registerSecret) {
  for (let value of Object.values(values))
    if (value !== "")
      for (let form of secretForms(value)) registerSecret(form);
  let used = /* @__PURE__ */ new Set(), substituted = [], lowerIndex = /* @__PURE__ */ new Map();
  for (let name of Object.keys(values)) name.includes("/") || lowerIndex.set(name.toLowerCase(), name);
  let lookup = (object, key) => {
    let candidates = [
      object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}/${key}` : void 0,
      `${object.metadata.name}/${key}`,
      key,
      lowerIndex.get(key.toLowerCase())
    ];
    for (let candidate of candidates)
      if (candidate !== void 0 && Object.hasOwn(values, candidate))
        return used.add(candidate), candidate;
  }, result = resources.map((resource) => {
    if (resource.object.kind !== "Secret") return resource;
    let object = structuredClone(resource.object);
    for (let field of ["data", "stringData"]) {
      let entries = object[field];
      if (!(!entries || typeof entries != "object"))
        for (let key of Object.keys(entries)) {
          let name = lookup(object, key);
          if (name === void 0) continue;
          let value = values[name] ?? "";
          entries[key] = field === "data" ? Buffer.from(value, "utf8").toString("base64") : value, substituted.push(`Secret/${object.metadata.namespace ?? ""}/${object.metadata.name}: ${key}`);
        }
    }
    return { object, source: resource.source };
  }), unused = Object.keys(values).filter((name) => !used.has(name) && !ALWAYS_PRESENT.has(name.toLowerCase()));
  return { resources: result, unused, substituted, placeholders: findPlaceholders(result) };
}
function redactor(values) {
  let needles = /* @__PURE__ */ new Set();
  for (let value of Object.values(values))
    if (!(value.length < 4))
      for (let form of secretForms(value)) needles.add(form);
  let sorted = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text;
    for (let needle of sorted) result = result.split(needle).join("***");
    return result;
  };
}
function secretForms(value) {
  let forms = /* @__PURE__ */ new Set([value, Buffer.from(value, "utf8").toString("base64")]), escaped = JSON.stringify(value).slice(1, -1);
  escaped !== value && forms.add(escaped);
  for (let line of value.split(/\r?\n/)) line.trim().length >= 8 && forms.add(line);
  return [...forms];
}

// src/apply/engine.ts
var import_yaml = __toESM(require_dist(), 1);
import { isDeepStrictEqual } from "node:util";
var ApplyAbort = class extends Error {
  name = "ApplyAbort";
}, STAGE_ONE_KINDS = /* @__PURE__ */ new Set(["Namespace", "CustomResourceDefinition"]), ORPHANING_KINDS = /* @__PURE__ */ new Set(["StatefulSet", "Deployment", "DaemonSet", "ReplicaSet"]), TEMPLATED_KINDS = /* @__PURE__ */ new Set(["Deployment", "StatefulSet", "DaemonSet"]), MAX_QUOTE = 600;
async function applyEnvironment(request, deps) {
  return new ApplyRun(request, deps).execute();
}
var ApplyRun = class {
  constructor(request, deps) {
    this.request = request;
    this.deps = deps;
    this.report = {
      environment: request.environment,
      mode: request.dryRun ? "plan" : "apply",
      ok: !0,
      resources: [],
      recreated: [],
      placeholders: [],
      errors: [],
      warnings: [],
      workloads: [],
      templatesBefore: /* @__PURE__ */ new Map()
    }, this.redact = redactor(request.secrets);
    let settings = environmentSettings(request.control.config, request.environment);
    this.policy = request.immutableRecovery ?? settings.immutableRecovery, this.readyTimeoutMs = (request.readyTimeoutSeconds ?? settings.rolloutTimeoutSeconds) * 1e3;
  }
  request;
  deps;
  report;
  results = /* @__PURE__ */ new Map();
  redact;
  policy;
  readyTimeoutMs;
  /** Plan mode: namespaces and custom kinds that stage one would create, so stage two cannot dry-run into them. */
  pendingNamespaces = /* @__PURE__ */ new Set();
  pendingKinds = /* @__PURE__ */ new Set();
  /** Position of each object in the built stream, so the report lists resources in manifest order. */
  order = /* @__PURE__ */ new Map();
  async execute() {
    let { logger } = this.deps, resources = await logger.group("Build", () => this.build()), substitution = substituteSecrets(resources, this.request.secrets, this.request.registerSecret);
    for (let [index, resource] of resources.entries()) this.order.set(keyOf(resource.object), index);
    let { selected, skipped } = this.selectServices(substitution.resources);
    for (let [object, reason] of skipped) this.record(object, "skipped", reason);
    let selectedKeys = new Set(selected.map((resource) => keyOf(resource.object))), placeholders = substitution.placeholders.filter(
      (placeholder) => selectedKeys.has(keyOf({ apiVersion: "v1", kind: "Secret", metadata: { name: placeholder.secret, namespace: placeholder.namespace } }))
    );
    if (this.report.placeholders = placeholders.map(({ secret, namespace, key, field }) => ({ secret, ...namespace ? { namespace } : {}, key, field })), substitution.unused.length > 0 && this.warn(`Supplied secret value(s) matched no Secret key and were not used: ${substitution.unused.join(", ")}`), logger.info(`${selected.length} object(s) selected, ${skipped.length} skipped; ${substitution.substituted.length} secret value(s) substituted in memory.`), placeholders.length > 0) {
      for (let placeholder of placeholders) {
        let where = `${placeholder.namespace ? `${placeholder.namespace}/` : ""}${placeholder.secret}`;
        this.fail(
          `Secret ${where}: key ${placeholder.key} (${placeholder.field}) still holds a placeholder; supply a value named "${placeholder.key}" or "${placeholder.secret}/${placeholder.key}" in the secrets input. Refusing to deploy a well-known value.`
        );
      }
      if (!this.request.dryRun) {
        for (let { object } of selected) this.record(object, "skipped", "not applied: unresolved secret placeholders (see errors)");
        return this.finish();
      }
    }
    let objects = selected.map((resource) => resource.object), stageOne = objects.filter((object) => STAGE_ONE_KINDS.has(object.kind)), stageTwo = objects.filter((object) => !STAGE_ONE_KINDS.has(object.kind)), stages = [
      ["Namespaces and CustomResourceDefinitions", stageOne],
      ["Resources", stageTwo]
    ], stopped;
    for (let [index, [name, stage]] of stages.entries())
      if (stage.length !== 0) {
        if (stopped) {
          for (let object of stage) this.record(object, "skipped", stopped);
          continue;
        }
        try {
          let verb = this.request.dryRun ? "Plan" : "Apply";
          await logger.group(`${verb} stage ${index + 1}: ${name} (${stage.length})`, () => this.runStage(stage, index === 0)) || (stopped = "not applied: an earlier stage failed (see errors)");
        } catch (error) {
          if (!(error instanceof ApplyAbort)) throw error;
          let message = this.redact(error.message);
          this.fail(message);
          for (let object of stage) this.results.has(keyOf(object)) || this.record(object, "failed", firstLine(message));
          stopped = "not applied: an earlier stage failed (see errors)";
        }
      }
    return this.finish();
  }
  // ---------------------------------------------------------------------------------------------------------------
  // Build and selection
  async build() {
    let given = this.request.manifests, overlay = given?.origin ?? overlayPath(this.request.control, this.request.environment), resources;
    return given ? resources = resourcesFromYaml(given.yaml, overlay) : (this.deps.logger.info(`kubectl kustomize ${overlay}`), resources = (await renderOverlay(this.deps.kubectl, overlay)).resources), this.deps.logger.info(`${given ? "Read" : "Built"} ${resources.length} object(s) from ${overlay}.`), resources;
  }
  selectServices(resources) {
    return selectServiceResources(this.request.control, this.request.environment, resources, this.request.services);
  }
  // ---------------------------------------------------------------------------------------------------------------
  // One stage: read live state, dry-run, then (apply mode) apply and recover.
  /** Returns false when the stage was refused and later stages must not run. */
  async runStage(objects, first) {
    let deferred = this.request.dryRun ? objects.filter((object) => this.isDeferred(object)) : [];
    for (let object of deferred) {
      let why = object.metadata.namespace && this.pendingNamespaces.has(object.metadata.namespace) ? `namespace ${object.metadata.namespace} is created first` : "its CustomResourceDefinition is created first";
      this.record(object, "created", `predicted: ${why} (not dry-run)`);
    }
    let checked = objects.filter((object) => !deferred.includes(object));
    if (checked.length === 0) return !0;
    let live = await this.fetchLive(checked), planned = await this.plan(checked, live);
    if (this.request.dryRun)
      return this.reportPlan(planned), first && this.rememberPending(planned), !0;
    let refused = planned.filter((entry) => entry.prediction === "blocked" || entry.prediction === "rejected");
    if (refused.length > 0) {
      for (let entry of refused)
        this.record(entry.object, "failed", entry.reason), this.fail(`${describe(idOf(entry.object))}: ${entry.reason}`);
      let note = `not applied: the server's dry run refused ${refused.length} object(s) of this stage, so nothing in it was changed`;
      for (let entry of planned) refused.includes(entry) || this.record(entry.object, "skipped", note);
      return !1;
    }
    for (let entry of planned) entry.prediction === "unchanged" && this.record(entry.object, "unchanged");
    let toApply = planned.filter((entry) => entry.prediction !== "unchanged");
    return toApply.length === 0 ? (this.deps.logger.info("Nothing to change in this stage."), !0) : (await this.applyAndRecover(toApply), first && await this.waitForCrds(toApply.map((entry) => entry.object)), !toApply.some((entry) => this.results.get(keyOf(entry.object))?.action === "failed"));
  }
  isDeferred(object) {
    return object.metadata.namespace && this.pendingNamespaces.has(object.metadata.namespace) ? !0 : this.pendingKinds.has(`${object.kind}.${groupOf(object.apiVersion)}`);
  }
  rememberPending(planned) {
    for (let entry of planned)
      if (entry.prediction === "create" && (entry.object.kind === "Namespace" && this.pendingNamespaces.add(entry.object.metadata.name), entry.object.kind === "CustomResourceDefinition")) {
        let spec = entry.object.spec;
        spec?.names?.kind && this.pendingKinds.add(`${spec.names.kind}.${spec.group ?? ""}`);
      }
  }
  /** One `kubectl get -o json` per namespace for every object of the stage. */
  async fetchLive(objects) {
    let byNamespace = /* @__PURE__ */ new Map();
    for (let object of objects) {
      let namespace = CLUSTER_SCOPED_KINDS.has(object.kind) ? "" : object.metadata.namespace ?? "";
      byNamespace.set(namespace, [...byNamespace.get(namespace) ?? [], object]);
    }
    let live = /* @__PURE__ */ new Map();
    for (let [namespace, group] of byNamespace) {
      let what = `reading the live state of ${summarize(group)}`, result = await this.kubectl(what, () => this.deps.kubectl.get(group.map(typedRef), { ...namespace ? { namespace } : {}, ignoreNotFound: !0 }));
      if (result.exitCode !== 0) throw new ApplyAbort(`${what} failed: ${quote(result.stderr)}`);
      let items = itemsOf(result.stdout);
      for (let object of group) {
        let found = items.find((item) => sameObject(item, object));
        found && live.set(keyOf(object), found);
      }
    }
    return live;
  }
  /** The server-side dry run of the whole stage, then a prediction per object. */
  async plan(objects, live) {
    let dryRun = /* @__PURE__ */ new Map(), errors = /* @__PURE__ */ new Map(), pending = objects;
    for (let attempt = 0; attempt < 3 && pending.length > 0; attempt++) {
      let what = `server-side dry run of ${summarize(pending)}`, result = await this.kubectl(what, () => this.deps.kubectl.apply(manifestOf(pending), { forceConflicts: !0, dryRun: "server", output: "json" })), items = itemsOf(result.stdout);
      for (let object of pending) {
        let found = items.find((item) => sameObject(item, object));
        found && dryRun.set(keyOf(object), found);
      }
      if (result.exitCode === 0) break;
      let parsed = parseKubectlErrors(result.stderr), { all, ambiguous } = this.attribute(parsed.objects, pending, errors);
      if (!all) throw new ApplyAbort(`${what} failed: ${quote(result.stderr)}`);
      let alone = await this.askAlone(
        ambiguous,
        errors,
        (object) => this.deps.kubectl.apply(manifestOf([object]), { forceConflicts: !0, dryRun: "server", output: "json" })
      );
      for (let [key, single] of alone) {
        let found = itemsOf(single.stdout)[0];
        found && dryRun.set(key, found);
      }
      pending = pending.filter((object) => !errors.has(keyOf(object)) && !dryRun.has(keyOf(object)));
    }
    for (let object of objects) this.rememberTemplate(object, live.get(keyOf(object)), dryRun.get(keyOf(object)));
    return objects.map((object) => {
      let key = keyOf(object), current = live.get(key), error = errors.get(key);
      if (error) return this.judge(object, current, error);
      let result = dryRun.get(key);
      if (!current) return { object, prediction: "create" };
      if (!result) return { object, live: current, prediction: "rejected", reason: "the server-side dry run returned no result for this object" };
      object.kind === "Service" && valueAt(current, ["spec", "clusterIP"]) === "None" && valueAt(object, ["spec", "clusterIP"]) === void 0 && this.warn(
        `${describe(idOf(object))} stays headless (clusterIP: None): its manifest no longer sets clusterIP, but the server keeps a Service's clusterIP, so applying cannot give it a virtual IP. If that is intended, delete the Service by hand and deploy again; otherwise put "clusterIP: None" back into the manifest.`
      );
      let changes = hasDrifted(current, result) || appliedClientSide(current);
      return { object, live: current, prediction: changes ? "configure" : "unchanged" };
    });
  }
  /**
   * Keeps a workload's live pod template from before the apply: the revision a failed rollout goes back to. Without
   * a dry-run result (the server refused the object: it is re-created) the template counts as changed, so a
   * rollback may restore it; restoring an equal template changes nothing.
   */
  rememberTemplate(object, current, dryRun) {
    if (!TEMPLATED_KINDS.has(object.kind)) return;
    let key = refKey(idOf(object)), before = valueAt(current, ["spec", "template"]);
    if (!current || before === void 0) {
      this.report.templatesBefore.set(key, { changed: !0 });
      return;
    }
    let after = dryRun ? valueAt(dryRun, ["spec", "template"]) : void 0;
    this.report.templatesBefore.set(key, { template: before, changed: !dryRun || !isDeepStrictEqual(before, after) });
  }
  /**
   * Matches parsed errors to objects; `all` is false when some error named none of them. An error that fits several
   * objects is pinned on none: server-side apply never prints the namespace (`StatefulSet.apps "web" is invalid`) and
   * the short form no API group, so `web` in two namespaces would both look refused. Those are `ambiguous`, to be
   * asked about one at a time (askAlone): k8sapp deletes only what the server named.
   */
  attribute(parsed, objects, into) {
    if (parsed.length === 0) return { all: !1, ambiguous: [] };
    let all = !0, ambiguous = /* @__PURE__ */ new Set();
    for (let error of parsed) {
      let matches = objects.filter((object) => errorNames(error, object));
      if (matches.length === 0 && (all = !1), matches.length > 1) for (let object of matches) ambiguous.add(object);
      else for (let object of matches) into.set(keyOf(object), error);
    }
    for (let object of ambiguous) into.delete(keyOf(object));
    return { all, ambiguous: [...ambiguous] };
  }
  /**
   * Runs the same idempotent call (server-side apply, or its dry run) for each ambiguous object alone, so an error
   * can only be about that object. Returns the answers that succeeded, by object key; failures go into `errors`.
   */
  async askAlone(objects, errors, call) {
    let succeeded = /* @__PURE__ */ new Map();
    for (let object of objects) {
      let what = `asking the server about ${describe(idOf(object))} alone`, result = await this.kubectl(what, () => call(object));
      if (result.exitCode === 0) {
        succeeded.set(keyOf(object), result);
        continue;
      }
      let { all } = this.attribute(parseKubectlErrors(result.stderr).objects, [object], errors);
      if (!all) throw new ApplyAbort(`${what} failed: ${quote(result.stderr)}`);
    }
    return succeeded;
  }
  /** What a refusal means for this object under the environment's policy. */
  judge(object, live, error) {
    let serverSays = `server: "${this.redact(clip(error.message))}"`, fields = blockingFields(error, object, live), fieldText = fields.join(", "), id = describe(idOf(object));
    switch (classifyObjectError(error)) {
      case "recreatable":
        return this.policy === "recreate" ? { object, live, error, fields, prediction: "recreate", reason: `immutable field ${fieldText} changed; ${serverSays}` } : {
          object,
          live,
          error,
          fields,
          prediction: "blocked",
          reason: `immutable field ${fieldText} of ${id} blocks the change and immutable_recovery is "fail"; change it back or recreate ${id} deliberately; ${serverSays}`
        };
      case "pvc":
        return { object, live, error, fields, prediction: "blocked", reason: `${pvcGuidance(error, fieldText)} ${serverSays}` };
      case "immutable":
        return {
          object,
          live,
          error,
          fields,
          prediction: "blocked",
          reason: `field ${fieldText} cannot change and k8sapp never re-creates a ${object.kind}: ${immutableGuidance(object.kind)} ${serverSays}`
        };
      default:
        return { object, live, error, prediction: "rejected", reason: `the server rejected it: "${this.redact(clip(error.message))}"` };
    }
  }
  reportPlan(planned) {
    for (let entry of planned)
      switch (entry.prediction) {
        case "create":
          this.record(entry.object, "created");
          break;
        case "configure":
          this.record(entry.object, "configured");
          break;
        case "unchanged":
          this.record(entry.object, "unchanged");
          break;
        case "recreate": {
          this.record(entry.object, "recreated", entry.reason);
          let recreation = this.newRecreation(entry, "planned");
          recreation.preserved = predictedPreservation(entry), entry.live && ORPHANING_KINDS.has(entry.object.kind) && !selectorKeepsPods(entry.object, entry.live) && (recreation.warning = `the selector changes: the running pods will not be adopted; k8sapp removes them once the new ${entry.object.kind} is ready`), this.report.recreated.push(recreation);
          break;
        }
        default:
          this.record(entry.object, "failed", entry.reason), this.fail(`${describe(idOf(entry.object))}: ${entry.reason ?? "refused"}`);
      }
  }
  // ---------------------------------------------------------------------------------------------------------------
  // Apply, then re-create what the server refused because of immutable fields.
  async applyAndRecover(toApply) {
    let objects = toApply.map((entry) => entry.object), what = `applying ${summarize(objects)}`;
    this.deps.logger.info(`kubectl apply --server-side --field-manager=k8sapp --force-conflicts (${objects.length} object(s))`);
    let result = await this.kubectl(what, () => this.deps.kubectl.apply(manifestOf(objects), { forceConflicts: !0 })), confirmed = appliedRefs(result.stdout), parsed = result.exitCode === 0 ? void 0 : parseKubectlErrors(result.stderr);
    for (let warning of parsed?.warnings ?? []) this.warn(this.redact(warning));
    let errors = /* @__PURE__ */ new Map(), ambiguous = parsed ? this.attribute(parsed.objects, objects, errors).ambiguous : [], appliedAlone = await this.askAlone(ambiguous, errors, (object) => this.deps.kubectl.apply(manifestOf([object]), { forceConflicts: !0 })), unexplained = parsed && parsed.general.length > 0 ? this.redact(quote(parsed.general.join(`
`))) : void 0, recover = [];
    for (let entry of toApply) {
      let key = keyOf(entry.object), error = errors.get(key);
      if (error) {
        let judged = this.judge(entry.object, entry.live, error);
        judged.prediction === "recreate" ? recover.push(judged) : (this.record(entry.object, "failed", judged.reason), this.fail(`${describe(idOf(entry.object))}: ${judged.reason}`));
        continue;
      }
      if (appliedAlone.has(key) || takeConfirmation(confirmed, entry.object)) {
        this.record(entry.object, entry.prediction === "create" ? "created" : "configured");
        continue;
      }
      let reason = unexplained ? `kubectl apply failed: ${unexplained}` : "kubectl reported no result for this object";
      this.record(entry.object, "failed", reason), this.fail(`${describe(idOf(entry.object))}: ${reason}`);
    }
    recover.length > 0 && await this.recreate(recover);
  }
  async recreate(entries) {
    let { logger } = this.deps, deleted = [];
    for (let entry of entries) {
      let recreation = this.newRecreation(entry, "recreated");
      this.report.recreated.push(recreation);
      let id = idOf(entry.object), orphans = entry.live ? await this.planOrphans(entry.object, entry.live) : void 0;
      orphans && recreation.preserved.push(...orphans.preserved), logger.info(`Re-creating ${describe(id)}: ${entry.reason}`);
      let what2 = `deleting ${describe(id)} (--cascade=${recreation.cascade}) to re-create it`, result2 = await this.kubectl(
        what2,
        () => this.deps.kubectl.delete(typedKind(entry.object), entry.object.metadata.name, {
          ...entry.object.metadata.namespace ? { namespace: entry.object.metadata.namespace } : {},
          cascade: recreation.cascade,
          ignoreNotFound: !0
        })
      );
      if (result2.exitCode !== 0) {
        recreation.status = "failed";
        let reason = `${entry.reason}; then ${what2} failed: ${this.redact(quote(result2.stderr))}`;
        this.record(entry.object, "failed", reason), this.fail(`${describe(id)}: ${reason}`);
        continue;
      }
      deleted.push({ entry, recreation, orphans });
    }
    if (deleted.length === 0) return;
    let objects = deleted.map(({ entry }) => entry.object), what = `re-applying ${summarize(objects)}`, result = await this.kubectl(what, () => this.deps.kubectl.apply(manifestOf(objects), { forceConflicts: !0 })), confirmed = appliedRefs(result.stdout), parsed = result.exitCode === 0 ? void 0 : parseKubectlErrors(result.stderr), errors = /* @__PURE__ */ new Map(), ambiguous = parsed ? this.attribute(parsed.objects, objects, errors).ambiguous : [], appliedAlone = await this.askAlone(ambiguous, errors, (object) => this.deps.kubectl.apply(manifestOf([object]), { forceConflicts: !0 }));
    for (let { entry, recreation, orphans } of deleted) {
      let id = idOf(entry.object), second = errors.get(keyOf(entry.object));
      if (second || !(appliedAlone.has(keyOf(entry.object)) || takeConfirmation(confirmed, entry.object))) {
        recreation.status = "failed";
        let again = second ? `"${this.redact(clip(second.message))}"` : this.redact(quote(result.stderr || "no result from kubectl")), reason = `still refused after re-creation. First: ${entry.reason}. After deleting it: ${again}. It is now absent from the cluster; fix the manifest and deploy again.`;
        this.record(entry.object, "failed", reason), this.fail(`${describe(id)}: ${reason}`);
        continue;
      }
      this.record(entry.object, "recreated", entry.reason), recreation.warning && this.warn(`${describe(id)}: ${recreation.warning}`), orphans && orphans.orphaned.length > 0 && await this.cleanupOrphans(entry.object, recreation, orphans);
    }
  }
  newRecreation(entry, status) {
    let object = entry.object, cascade = object.kind === "Job" ? "foreground" : object.kind === "Service" ? "background" : "orphan", recreation = {
      ...idOf(object),
      status,
      fields: entry.fields ?? [],
      serverMessage: this.redact(clip(entry.error?.message ?? "")),
      cascade,
      preserved: [],
      orphansRemoved: [],
      orphansLeft: []
    };
    if (object.kind === "Service") {
      let before = valueAt(entry.live, ["spec", "clusterIP"]);
      recreation.warning = `Service re-created: its clusterIP changes${typeof before == "string" ? ` (was ${before})` : ""}; clients that resolved or cached the old address must reconnect.`;
    }
    return object.kind === "Job" && (recreation.warning = "Job re-created: it runs again from the start (its old pods were deleted first)."), recreation;
  }
  // ---------------------------------------------------------------------------------------------------------------
  // Orphans: --cascade=orphan keeps pods running; if the new selector does not select them, nothing adopts them.
  async planOrphans(desired, live) {
    if (!ORPHANING_KINDS.has(desired.kind)) return;
    let oldSelector = selectorOf(live), oldUid = uidOf(live);
    if (!oldSelector || !oldUid) return;
    let childKind = desired.kind === "Deployment" ? "replicaset" : "pod", namespace = desired.metadata.namespace ?? live.metadata.namespace, what = `listing the ${childKind}s of ${describe(idOf(desired))}`, result = await this.kubectl(
      what,
      () => this.deps.kubectl.get([`${childKind}s`], { ...namespace ? { namespace } : {}, selector: selectorArgument(oldSelector) })
    );
    if (result.exitCode !== 0) throw new ApplyAbort(`${what} failed: ${quote(result.stderr)}`);
    let children = itemsOf(result.stdout).filter((child) => ownerUids(child).includes(oldUid)), newSelector = selectorOf(desired), adopted = children.filter((child) => selectorMatches(newSelector, child.metadata.labels)), orphaned = children.filter((child) => !adopted.includes(child)), preserved = adopted.map((child) => `${childKind}/${child.metadata.name} (adopted by the new ${desired.kind})`);
    return desired.kind === "StatefulSet" && preserved.push(...claimNames(live, children).map((claim) => `persistentvolumeclaim/${claim} (never deleted)`)), { childKind, namespace, oldUid, orphaned: orphaned.map((child) => child.metadata.name), preserved };
  }
  async cleanupOrphans(desired, recreation, plan) {
    let { logger } = this.deps, id = describe(idOf(desired)), scope = plan.namespace ? { namespace: plan.namespace } : {};
    await logger.group(`Orphans of ${id}`, async () => {
      if (desired.kind === "StatefulSet") {
        let pods = [...plan.orphaned].sort((a, b) => ordinal(a) - ordinal(b)), spec = desired.spec ?? {}, first = Number(spec.ordinals?.start ?? 0), wanted = (pod) => ordinal(pod) >= first && ordinal(pod) < first + Number(spec.replicas ?? 1);
        for (let [index, pod] of pods.entries()) {
          logger.info(`Replacing orphaned pod ${pod} so the new StatefulSet can create its own`);
          let outcome = await this.deleteStatefulSetOrphan(pod, plan, scope);
          if (outcome.failed) {
            this.leaveOrphans(
              recreation,
              pods.slice(index).map((name) => `pod/${name}`),
              `deleting pod ${pod} failed: ${outcome.failed}`
            );
            return;
          }
          if (outcome.removed && recreation.orphansRemoved.push(`pod/${pod}`), !wanted(pod)) continue;
          if (!await this.waitFor(`pod ${pod} of the new StatefulSet ${id} to be ready`, ["pod/" + pod], scope, (items) => {
            let replacement = items[0];
            return !!replacement && !ownerUids(replacement).includes(plan.oldUid) && ownerUids(replacement).length > 0 && podReady(replacement);
          })) {
            this.leaveOrphans(
              recreation,
              pods.slice(index + 1).map((name) => `pod/${name}`),
              `pod ${pod} of the new StatefulSet did not become ready in time`
            );
            return;
          }
        }
        return;
      }
      let ready = await this.waitFor(`the new ${id} to be ready`, [typedRef(desired)], scope, (items) => !!items[0] && workloadReady(items[0])), refs = plan.orphaned.map((name) => `${plan.childKind}/${name}`);
      if (!ready) {
        this.leaveOrphans(recreation, refs, `the new ${desired.kind} did not become ready in time; the old ${plan.childKind}s keep serving`);
        return;
      }
      let current = await this.kubectl(`re-reading the orphans of ${id}`, () => this.deps.kubectl.get(refs, { ...scope, ignoreNotFound: !0 })), stillOrphaned = itemsOf(current.stdout).filter((child) => ownerUids(child).length === 0);
      for (let child of stillOrphaned) {
        let ref = `${plan.childKind}/${child.metadata.name}`, removed = await this.kubectl(
          `deleting orphaned ${ref}`,
          () => this.deps.kubectl.delete(plan.childKind, child.metadata.name, {
            ...scope,
            ignoreNotFound: !0,
            ...plan.childKind === "replicaset" ? { cascade: "background" } : {}
          })
        );
        removed.exitCode === 0 ? recreation.orphansRemoved.push(ref) : this.leaveOrphans(recreation, [ref], `deleting ${ref} failed: ${quote(removed.stderr)}`);
      }
    });
  }
  /**
   * Deletes one orphaned StatefulSet pod while it is still an orphan. Its name is reused: once it is gone the new
   * controller creates a pod of the same name, so the pod is re-read before every attempt and never deleted once a
   * controller (other than the deleted old object) owns it; a transient failure is not retried blindly.
   */
  async deleteStatefulSetOrphan(pod, plan, scope) {
    let attempts = this.request.retry?.attempts ?? 5, delay = this.request.retry?.initialDelayMs ?? 1e3, sent = !1;
    for (let attempt = 1; ; attempt++) {
      let current = await this.kubectl(`re-reading orphaned pod ${pod}`, () => this.deps.kubectl.get([`pod/${pod}`], { ...scope, ignoreNotFound: !0 }));
      if (current.exitCode !== 0) return { removed: !1, failed: quote(current.stderr) };
      let found = itemsOf(current.stdout)[0], owners = found ? ownerUids(found).filter((uid) => uid !== plan.oldUid) : [];
      if (!found || owners.length > 0)
        return sent || this.deps.logger.info(`pod ${pod} is ${found ? "owned by a controller now" : "already gone"}; not deleting it`), { removed: sent };
      let result = await this.deps.kubectl.delete("pod", pod, { ...scope, ignoreNotFound: !0 });
      if (sent = !0, result.exitCode === 0) return { removed: !0 };
      let credentials = credentialProblem(result.stderr);
      if (credentials) throw new ApplyAbort(`deleting orphaned pod ${pod}: ${credentialSentence(credentials)}`);
      if (!isTransient(result.stderr) || attempt >= attempts) return { removed: !1, failed: quote(result.stderr) };
      this.deps.logger.warning(
        this.redact(
          `deleting orphaned pod ${pod}: transient failure (${firstLine(result.stderr)}); re-reading it before retry ${attempt} of ${attempts - 1} in ${delay / 1e3}s`
        )
      ), await this.deps.clock.sleep(delay), delay *= 2;
    }
  }
  leaveOrphans(recreation, refs, why) {
    if (recreation.orphansLeft.push(...refs), refs.length === 0) return;
    let id = describe(recreation);
    this.fail(
      `${id}: orphaned ${refs.join(", ")} still running without an owner: ${why}. Delete them once the new ${recreation.kind} is ready (kubectl delete ${refs.join(" ")}${recreation.namespace ? ` -n ${recreation.namespace}` : ""}).`
    );
  }
  async waitFor(what, refs, scope, done) {
    let { clock, logger } = this.deps, start = clock.now().getTime(), polls = 0;
    for (; ; ) {
      let result = await this.kubectl(`waiting for ${what}`, () => this.deps.kubectl.get(refs, { ...scope, ignoreNotFound: !0 }));
      if (result.exitCode === 0 && done(itemsOf(result.stdout))) return !0;
      let elapsed = clock.now().getTime() - start;
      if (elapsed >= this.readyTimeoutMs) return !1;
      polls++ % 5 === 0 && logger.info(`Waiting for ${what} (${Math.round(elapsed / 1e3)}s of ${Math.round(this.readyTimeoutMs / 1e3)}s)`), await clock.sleep(2e3);
    }
  }
  async waitForCrds(objects) {
    let crds = objects.filter(
      (object) => object.kind === "CustomResourceDefinition" && ["created", "configured", "recreated"].includes(this.results.get(keyOf(object))?.action ?? "")
    );
    if (crds.length === 0) return;
    let { clock, logger } = this.deps, limit = (this.request.crdTimeoutSeconds ?? 60) * 1e3, start = clock.now().getTime();
    for (; ; ) {
      let result = await this.kubectl(
        "waiting for CustomResourceDefinitions to be established",
        () => this.deps.kubectl.get(crds.map(typedRef), { ignoreNotFound: !0 })
      ), items = itemsOf(result.stdout), pending = crds.filter((crd) => !items.some((item) => sameObject(item, crd) && established(item)));
      if (pending.length === 0) return;
      if (clock.now().getTime() - start >= limit)
        throw new ApplyAbort(`CustomResourceDefinition(s) ${pending.map((crd) => crd.metadata.name).join(", ")} not established within ${limit / 1e3}s`);
      logger.info(`Waiting for ${pending.length} CustomResourceDefinition(s) to be established`), await clock.sleep(1e3);
    }
  }
  // ---------------------------------------------------------------------------------------------------------------
  /** Runs one kubectl call: transient failures retried with exponential backoff, credentials fail at once. */
  async kubectl(what, call) {
    let attempts = this.request.retry?.attempts ?? 5, delay = this.request.retry?.initialDelayMs ?? 1e3;
    for (let attempt = 1; ; attempt++) {
      let result = await call();
      if (result.exitCode === 0) return result;
      let credentials = credentialProblem(result.stderr);
      if (credentials) throw new ApplyAbort(`${what}: ${credentialSentence(credentials)}`);
      if (!isTransient(result.stderr)) return result;
      if (attempt >= attempts)
        throw new ApplyAbort(`${what}: the API server stayed unreachable after ${attempts} attempts: ${quote(result.stderr)}`);
      this.deps.logger.warning(
        this.redact(`${what}: transient failure (${firstLine(result.stderr)}); retry ${attempt} of ${attempts - 1} in ${delay / 1e3}s`)
      ), await this.deps.clock.sleep(delay), delay *= 2;
    }
  }
  record(object, action, reason) {
    let result = { ...idOf(object), action };
    reason && (result.reason = this.redact(reason)), this.results.set(keyOf(object), result);
  }
  fail(message) {
    this.report.ok = !1, this.report.errors.push(this.redact(message));
  }
  warn(message) {
    this.report.warnings.push(this.redact(message)), this.deps.logger.warning(this.redact(message));
  }
  finish() {
    let position = (result) => this.order.get(resourceKeyOf(result)) ?? Number.MAX_SAFE_INTEGER;
    this.report.resources = [...this.results.values()].sort((a, b) => position(a) - position(b)), this.report.workloads = this.report.resources.filter((result) => WORKLOAD_KINDS.has(result.kind) && ["created", "configured", "recreated"].includes(result.action)).map(({ kind, namespace, name }) => ({ kind, ...namespace ? { namespace } : {}, name }));
    let waited = new Set(this.report.workloads.map((workload) => refKey(workload)));
    for (let key of [...this.report.templatesBefore.keys()]) waited.has(key) || this.report.templatesBefore.delete(key);
    return this.report.errors.length > 0 && (this.report.ok = !1), this.report;
  }
};
function manifestOf(objects) {
  return objects.map((object) => (0, import_yaml.stringify)(object, { lineWidth: 0 })).join(`---
`);
}
function resourceKeyOf(id) {
  return keyOf({ apiVersion: "", kind: id.kind, metadata: { name: id.name, ...id.namespace ? { namespace: id.namespace } : {} } });
}
function summarize(objects) {
  let names = objects.slice(0, 3).map((object) => describe(idOf(object)));
  return `${objects.length} object(s) (${names.join(", ")}${objects.length > 3 ? ", \u2026" : ""})`;
}
function appliedRefs(stdout) {
  let refs = /* @__PURE__ */ new Map();
  for (let line of stdout.split(`
`)) {
    let match = /^(\S+\/\S+) (serverside-applied|created|configured|unchanged)\b/.exec(line.trim());
    match?.[1] && refs.set(match[1], (refs.get(match[1]) ?? 0) + 1);
  }
  return refs;
}
function takeConfirmation(refs, object) {
  let ref = typedRef(object), count = refs.get(ref) ?? 0;
  return count === 0 ? !1 : (refs.set(ref, count - 1), !0);
}
function typedKind(object) {
  let group = groupOf(object.apiVersion);
  return `${object.kind.toLowerCase()}${group ? `.${group}` : ""}`;
}
function quote(stderr) {
  return `"${clip(withoutKlogNoise(stderr))}"`;
}
function clip(text) {
  let trimmed = text.trim();
  return trimmed.length > MAX_QUOTE ? `${trimmed.slice(0, MAX_QUOTE)}\u2026` : trimmed;
}
function firstLine(text) {
  return (text.trim().split(`
`)[0] ?? "").slice(0, 300);
}
function blockingFields(error, desired, live) {
  let fields = [], secret = desired.kind === "Secret", show = (difference) => {
    let scalar = (value) => value == null || ["string", "number", "boolean", "bigint"].includes(typeof value);
    if (secret || !scalar(difference.desired) || !scalar(difference.live)) return difference.path;
    let text = `${String(difference.live ?? "(unset)")} \u2192 ${String(difference.desired)}`;
    return text.length > 80 ? difference.path : `${difference.path} (${text})`;
  };
  for (let cause of error.causes) {
    if (!live) {
      cause.field && fields.push(cause.field);
      continue;
    }
    let allowed = error.kind === "StatefulSet" && cause.field === "spec" ? allowedStatefulSetFields(cause.detail) : [], found;
    if (allowed.length > 0) {
      let spec = { ...desired.spec ?? {} };
      for (let key of allowed) delete spec[key];
      found = differences(spec, live.spec, "spec");
    } else {
      let path = parseFieldPath(cause.field);
      found = differences(valueAt(desired, path), valueAt(live, path), cause.field);
    }
    found.length === 0 ? fields.push(cause.field || "(unknown field)") : fields.push(...found.slice(0, 5).map(show));
  }
  return [...new Set(fields)];
}
function pvcGuidance(error, fields) {
  let advice = error.causes.some((cause) => /can not be less than previous value/.test(cause.detail)) ? "a PersistentVolumeClaim can only grow: restore the previous size, or create a new claim and migrate the data" : "a PersistentVolumeClaim only allows resources.requests to grow (on a bound claim whose StorageClass allows expansion); storageClassName, accessModes and the rest cannot change: restore the previous value, or create a new claim under a new name and migrate the data";
  return `${fields} cannot change: ${advice}. k8sapp never deletes a PersistentVolumeClaim (its data would be lost).`;
}
function immutableGuidance(kind) {
  return kind === "ConfigMap" || kind === "Secret" ? `an immutable ${kind} cannot be edited; give it a new name (e.g. a kustomize generator with a hash suffix) or remove "immutable: true" and delete it by hand.` : kind === "Pod" ? "a bare Pod cannot change this field; manage it with a Deployment or delete the Pod by hand." : `delete ${kind} by hand if re-creating it is safe.`;
}
function predictedPreservation(entry) {
  if (!entry.live || !ORPHANING_KINDS.has(entry.object.kind)) return [];
  let preserved = [selectorKeepsPods(entry.object, entry.live) ? "running pods (adopted by the new object)" : "running pods until the new object is ready"];
  return entry.object.kind === "StatefulSet" && preserved.push("PersistentVolumeClaims (never deleted)"), preserved;
}
function selectorKeepsPods(desired, live) {
  let labels = valueAt(live, ["spec", "template", "metadata", "labels"]);
  return selectorMatches(selectorOf(desired), labels);
}
function claimNames(live, pods) {
  return (valueAt(live, ["spec", "volumeClaimTemplates"]) ?? []).flatMap((template) => pods.map((pod) => `${template.metadata?.name ?? ""}-${pod.metadata.name}`));
}
function ordinal(pod) {
  let match = /-(\d+)$/.exec(pod);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}
function podReady(pod) {
  return (valueAt(pod, ["status", "conditions"]) ?? []).some((condition) => condition.type === "Ready" && condition.status === "True");
}
function established(crd) {
  return (valueAt(crd, ["status", "conditions"]) ?? []).some((condition) => condition.type === "Established" && condition.status === "True");
}
function workloadReady(object) {
  let status = object.status ?? {}, generation = Number(object.metadata.generation ?? 0);
  if (Number(status.observedGeneration ?? 0) < generation) return !1;
  let replicas = Number(valueAt(object, ["spec", "replicas"]) ?? 1);
  switch (object.kind) {
    case "Deployment":
      return (status.updatedReplicas ?? 0) >= replicas && (status.availableReplicas ?? 0) >= replicas;
    case "DaemonSet": {
      let desired = status.desiredNumberScheduled ?? 0;
      return (status.updatedNumberScheduled ?? 0) >= desired && (status.numberAvailable ?? 0) >= desired;
    }
    case "ReplicaSet":
    case "StatefulSet":
      return (status.readyReplicas ?? 0) >= replicas;
    default:
      return !0;
  }
}

// src/apply/render.ts
var PLAN_WORDS = {
  created: "create",
  configured: "change",
  unchanged: "unchanged",
  recreated: "**re-create**",
  failed: "**refused**",
  skipped: "skip"
};
function renderMarkdown(report) {
  let plan = report.mode === "plan", lines = [];
  lines.push(`### k8sapp ${plan ? "plan" : "apply"}: ${report.environment} ${report.ok ? "\u2705" : "\u274C"}`, "");
  let counts2 = /* @__PURE__ */ new Map();
  for (let resource of report.resources) counts2.set(resource.action, (counts2.get(resource.action) ?? 0) + 1);
  if (lines.push(
    [...counts2].map(([action, count]) => `${count} ${plan ? PLAN_WORDS[action].replace(/\*/g, "") : action}`).join(" \xB7 ") || "no resources",
    ""
  ), report.resources.length > 0) {
    let rows = report.resources.map((resource) => [
      markdown(plan ? PLAN_WORDS[resource.action] : resource.action),
      resource.kind,
      resource.namespace ?? "",
      resource.name,
      resource.reason ?? ""
    ]);
    lines.push(markdownTable([plan ? "Would" : "Action", "Kind", "Namespace", "Name", "Reason"], rows), "");
  }
  if (report.recreated.length > 0) {
    lines.push(plan ? "#### Would be re-created (immutable fields)" : "#### Re-created (immutable fields)", "");
    let rows = report.recreated.map((recreation) => {
      let id = `${recreation.kind}/${recreation.namespace ? `${recreation.namespace}/` : ""}${recreation.name}${recreation.status === "failed" ? " (failed)" : ""}`, note = [recreation.warning, recreation.orphansLeft.length ? `orphans left: ${recreation.orphansLeft.join(", ")}` : ""].filter(Boolean).join("; ");
      return [
        id,
        recreation.fields.join(", "),
        `--cascade=${recreation.cascade}`,
        recreation.preserved.join(", ") || "\u2014",
        recreation.orphansRemoved.join(", ") || "\u2014",
        note
      ];
    });
    lines.push(markdownTable(["Resource", "Field", "Cascade", "Preserved", "Orphans removed", "Note"], rows), "");
  }
  if (report.placeholders.length > 0) {
    lines.push("#### Unresolved secret placeholders", "");
    for (let placeholder of report.placeholders)
      lines.push(
        `- Secret \`${placeholder.namespace ? `${placeholder.namespace}/` : ""}${placeholder.secret}\` key \`${placeholder.key}\` (${placeholder.field})`
      );
    lines.push("");
  }
  if (report.errors.length > 0) {
    lines.push("#### Errors", "");
    for (let error of report.errors) lines.push(`- ${inlineText(error)}`);
    lines.push("");
  }
  if (report.warnings.length > 0) {
    lines.push("#### Warnings", "");
    for (let warning of report.warnings) lines.push(`- ${inlineText(warning)}`);
    lines.push("");
  }
  return lines.join(`
`);
}
var TEXT_PLAN_WORDS = { ...PLAN_WORDS, recreated: "re-create", failed: "refused" };
function counts(report, words) {
  let tally = /* @__PURE__ */ new Map();
  for (let resource of report.resources) tally.set(resource.action, (tally.get(resource.action) ?? 0) + 1);
  return [...tally].map(([action, count]) => `${count} ${words(action)}`).join(", ") || "no resources";
}
function recreationId(recreation) {
  return `${recreation.kind}/${recreation.namespace ? `${recreation.namespace}/` : ""}${recreation.name}${recreation.status === "failed" ? " (failed)" : ""}`;
}
function renderText(report, style = plainStyle) {
  let plan = report.mode === "plan", word = (action) => plan ? TEXT_PLAN_WORDS[action] : action, colour = (action, text) => action === "failed" ? style.red(text) : action === "recreated" ? style.yellow(text) : text, verdict = report.ok ? style.green(plan ? "would apply" : "applied") : style.red(plan ? "would fail" : "failed"), lines = [`k8sapp ${plan ? "plan" : "apply"} ${report.environment}: ${verdict} (${counts(report, word)})`];
  if (report.resources.length > 0) {
    let rows = report.resources.map((r) => [colour(r.action, word(r.action)), r.kind, r.namespace ?? "", r.name, r.reason ?? ""]);
    lines.push("", textTable([[plan ? "WOULD" : "ACTION", "KIND", "NAMESPACE", "NAME", "REASON"], ...rows], { style }));
  }
  if (report.recreated.length > 0) {
    lines.push("", plan ? "Would be re-created (immutable fields):" : "Re-created (immutable fields):");
    let rows = report.recreated.map((r) => [
      recreationId(r),
      r.fields.join(`
`),
      `--cascade=${r.cascade}`,
      r.preserved.join(", ") || "-",
      r.orphansRemoved.join(", ") || "-",
      [r.warning, r.orphansLeft.length ? `orphans left: ${r.orphansLeft.join(", ")}` : ""].filter(Boolean).join("; ")
    ]);
    lines.push(textTable([["RESOURCE", "FIELD", "CASCADE", "PRESERVED", "ORPHANS REMOVED", "NOTE"], ...rows], { style, indent: "  " }));
  }
  if (report.placeholders.length > 0) {
    lines.push("", "Unresolved secret placeholders:");
    for (let p of report.placeholders) lines.push(`  Secret ${p.namespace ? `${p.namespace}/` : ""}${p.secret} key ${p.key} (${p.field})`);
  }
  (report.errors.length || report.warnings.length) && lines.push("");
  for (let error of report.errors) lines.push(`${style.red("error:")} ${error}`);
  for (let warning of report.warnings) lines.push(`${style.yellow("warning:")} ${warning}`);
  return lines.join(`
`);
}
function reportJson(report) {
  let { templatesBefore: _templates, ...shown } = report;
  return JSON.stringify(shown, null, 2);
}

export {
  parseSecretValues,
  substituteSecrets,
  redactor,
  applyEnvironment,
  renderMarkdown,
  renderText,
  reportJson
};
