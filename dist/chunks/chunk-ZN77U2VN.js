import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  MigrationKube
} from "./chunk-SS62L5NX.js";
import {
  renderOverlay
} from "./chunk-F3BAHKAQ.js";
import {
  WORKLOAD_KINDS,
  serviceOf
} from "./chunk-LLJRTO2H.js";
import {
  KubeApiError,
  isAlreadyExists,
  isConflict
} from "./chunk-YFCLFOYO.js";
import {
  loadDeployControl,
  migrationsSettings,
  overlayPath,
  unknownEnvironment
} from "./chunk-ZQ3QI6WY.js";
import {
  code,
  inlineText,
  markdownTable
} from "./chunk-3F3HULD2.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-LJ22TVXO.js";

// src/migrations/loader.ts
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
var MIGRATION_EXTENSIONS = [".js", ".mjs", ".ts", ".mts"], TYPESCRIPT_EXTENSIONS = /* @__PURE__ */ new Set([".ts", ".mts"]), MIGRATION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
function isMigrationFile(name) {
  return name.startsWith("_") || name.startsWith(".") || /\.d\.m?ts$/.test(name) || /\.(test|spec)\.[cm]?[jt]s$/.test(name) ? !1 : MIGRATION_EXTENSIONS.includes(extname(name));
}
function nodeStripsTypes() {
  return !!process.features.typescript;
}
async function loadMigrations(folder, options) {
  let names;
  try {
    if (!(await stat(folder)).isDirectory())
      throw new ConfigurationError(`migrations path ${folder} is not a folder`, [
        { severity: "error", code: "MIGRATIONS_PATH", message: `${folder} is not a folder`, location: { file: folder } }
      ]);
    names = await readdir(folder);
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    if (error.code === "ENOENT" && !options.required) return [];
    throw new ConfigurationError(`migrations folder ${folder} cannot be read: ${errorMessage(error)}`, [
      {
        severity: "error",
        code: "MIGRATIONS_PATH",
        message: `migrations folder cannot be read: ${errorMessage(error)}`,
        location: { file: folder },
        key: "global.migrations.path"
      }
    ]);
  }
  let files = [];
  for (let name of names.sort()) {
    if (!isMigrationFile(name)) continue;
    let file = join(folder, name);
    (await stat(file)).isFile() && files.push(file);
  }
  let importModule = options.importModule ?? ((file) => import(
    /* webpackIgnore: true */
    pathToFileURL(file).href
  )), findings = [], loaded = [];
  for (let file of files) {
    let text = await readFile(file, "utf8");
    if (TYPESCRIPT_EXTENSIONS.has(extname(file)) && !nodeStripsTypes() && !options.importModule) {
      findings.push({
        severity: "error",
        code: "MIGRATION_TYPESCRIPT",
        message: `${basename(file)} is TypeScript, and this Node.js (${process.version}) cannot load TypeScript itself. The k8sapp actions run on node24, which can; for the CLI use Node 24 (the minimum k8sapp supports), or compile the migration to .mjs.`,
        location: { file, line: 1 }
      });
      continue;
    }
    let module;
    try {
      module = await importModule(file);
    } catch (error) {
      findings.push({
        severity: "error",
        code: "MIGRATION_LOAD",
        message: `cannot load ${basename(file)}: ${errorMessage(error).split(`
`)[0]}${typeScriptHint(error)}`,
        location: { file, line: lineFromStack(error, file) ?? 1 }
      });
      continue;
    }
    let exported = module?.default, result = validateMigration(exported, file, text);
    findings.push(...result.findings), result.migration && loaded.push(result.loaded);
  }
  if (findings.push(...duplicateIdFindings(loaded)), findings.some((f) => f.severity === "error"))
    throw ConfigurationError.fromFindings(`${findings.filter((f) => f.severity === "error").length} problem(s) in the migrations in ${folder}`, findings);
  return loaded;
}
function typeScriptHint(error) {
  let code2 = error.code;
  return code2 === "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX" ? " (Node strips types only: enums, namespaces and constructor parameter properties need a compile step to .mjs)" : code2 === "ERR_MODULE_NOT_FOUND" ? " (relative imports in .ts migrations must name the .ts file itself)" : "";
}
function lineFromStack(error, file) {
  let stack = error instanceof Error ? error.stack ?? "" : "", escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), match = new RegExp(`${escaped}:(\\d+)`).exec(stack);
  return match ? Number(match[1]) : void 0;
}
function lineOfKey(text, key) {
  if (!text) return;
  let pattern = new RegExp(`(^|[\\s{,])(['"]?)${key}\\2\\s*[:(]`), index = text.split(`
`).findIndex((line) => pattern.test(line));
  return index >= 0 ? index + 1 : void 0;
}
function validateMigration(value, file, text) {
  let findings = [], at = (key) => ({ file, line: key && lineOfKey(text, key) || lineOfKey(text, "default") || 1 }), problem = (message, key) => findings.push({ severity: "error", code: "MIGRATION_INVALID", message: `${basename(file)}: ${message}`, location: at(key), key });
  if (value === null || typeof value != "object")
    return problem("the module must `export default` a migration object ({ id, description, phase, components, isNeeded, run })"), { findings };
  let m = value;
  if ((typeof m.id != "string" || !MIGRATION_ID_PATTERN.test(m.id)) && problem(`id must be a string of letters, digits, ".", "_" or "-" (got ${JSON.stringify(m.id)})`, "id"), (typeof m.description != "string" || m.description.trim() === "") && problem("description must be a non-empty string", "description"), m.phase !== "pre" && m.phase !== "post" && problem(`phase must be "pre" or "post" (got ${JSON.stringify(m.phase)})`, "phase"), (!Array.isArray(m.components) || m.components.some((c) => typeof c != "string" || c === "")) && problem("components must be a list of service names ([] for a generic migration)", "components"), typeof m.isNeeded != "function" && problem("isNeeded(ctx) must be a function returning Promise<boolean>", "isNeeded"), typeof m.run != "function" && problem("run(ctx) must be a function returning Promise<void>", "run"), m.timeoutSeconds !== void 0 && (typeof m.timeoutSeconds != "number" || !(m.timeoutSeconds > 0)) && problem("timeoutSeconds must be a positive number", "timeoutSeconds"), m.deprecated !== void 0) {
    let d = m.deprecated;
    !d || typeof d != "object" || typeof d.note != "string" || d.note.trim() === "" || typeof d.after != "string" ? problem('deprecated must be { note: string, after: "YYYY-MM-DD" or a release like "v2.0.0" }', "deprecated") : parseDeprecationAfter(d.after) === void 0 && problem(`deprecated.after must be an ISO date (2026-06-30) or a release (v2.0.0), got ${JSON.stringify(d.after)}`, "deprecated");
  }
  if (findings.length) return { findings };
  let migration = value, loaded = { migration, file, builtin: !1 };
  return migration.deprecated && (loaded.deprecatedLocation = at("deprecated")), { migration, loaded, findings };
}
function duplicateIdFindings(loaded) {
  let seen = /* @__PURE__ */ new Map(), findings = [];
  for (let entry of loaded) {
    let first = seen.get(entry.migration.id);
    first ? findings.push({
      severity: "error",
      code: "MIGRATION_DUPLICATE_ID",
      message: `${basename(entry.file)}: id "${entry.migration.id}" is already used by ${first.builtin ? "a built-in migration" : first.file}; ids must be unique (they key the record in the cluster)`,
      location: { file: entry.file, line: 1 },
      key: "id"
    }) : seen.set(entry.migration.id, entry);
  }
  return findings;
}
function parseDeprecationAfter(after) {
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(after)) {
    let date = new Date(after.length === 10 ? `${after}T00:00:00Z` : after);
    return Number.isNaN(date.getTime()) ? void 0 : { kind: "date", date };
  }
  let release = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(after);
  if (release) return { kind: "release", parts: release.slice(1).map((p) => Number(p ?? 0)), text: after };
}

// src/migrations/record.ts
var RECORD_FIELD_MANAGER = "k8sapp-migrations", RUNS_KEPT = 20;
function recordName(environment) {
  return `k8sapp-migrations-${environment.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "default"}`.slice(0, 253);
}
var RecordError = class extends Error {
  name = "RecordError";
};
async function appendRunRecords(kube, target, runs) {
  if (runs.length === 0) return;
  let name = recordName(target.environment);
  for (let attempt = 1; ; attempt++)
    try {
      await writeRunRecords(kube, target, runs);
      return;
    } catch (error) {
      if ((isConflict(error) || isAlreadyExists(error)) && attempt < RECORD_ATTEMPTS) continue;
      throw error instanceof RecordError ? error : new RecordError(`writing ${name} failed: ${describeError(error)}`, { cause: error });
    }
}
var RECORD_ATTEMPTS = 3;
function recordRef(target) {
  return { apiVersion: "v1", kind: "ConfigMap", name: recordName(target.environment), namespace: target.namespace };
}
async function readRecord(kube, target) {
  try {
    return await kube.get(recordRef(target));
  } catch (error) {
    throw new RecordError(`reading ${recordName(target.environment)} failed: ${describeError(error)}`, { cause: error });
  }
}
async function writeRunRecords(kube, target, runs) {
  let name = recordName(target.environment), live = await readRecord(kube, target), data = { ...live?.data ?? {} };
  for (let run of runs) {
    let history = [];
    try {
      let parsed = JSON.parse(data[run.id] ?? "[]");
      Array.isArray(parsed) && (history = parsed);
    } catch {
      history = [];
    }
    history.push(run), data[run.id] = JSON.stringify(history.slice(-RUNS_KEPT));
  }
  let labels = {
    "app.kubernetes.io/part-of": "k8sapp",
    "k8sapp.io/record": "migrations",
    "k8sapp.io/environment": name.slice(18)
  };
  if (!live) {
    await kube.create(
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: target.namespace, labels }, data },
      { fieldManager: RECORD_FIELD_MANAGER }
    );
    return;
  }
  let { managedFields: _managedFields, ...metadata } = live.metadata;
  await kube.replace(
    { ...live, apiVersion: "v1", kind: "ConfigMap", metadata: { ...metadata, labels: { ...live.metadata.labels ?? {}, ...labels } }, data },
    { fieldManager: RECORD_FIELD_MANAGER }
  );
}
function describeError(error) {
  return error instanceof KubeApiError ? `${error.reason}: ${error.message}` : error instanceof Error ? error.message : String(error);
}

// src/migrations/runner.ts
var MigrationTimeout = class extends Error {
  name = "MigrationTimeout";
};
function redactSecrets(manifests) {
  return manifests.map((object) => {
    if (object.kind !== "Secret") return object;
    let copy = { ...object };
    for (let field of ["data", "stringData"]) {
      let values = object[field];
      values && typeof values == "object" && (copy[field] = Object.fromEntries(Object.keys(values).map((key) => [key, ""])));
    }
    return copy;
  });
}
function defaultRecordNamespace(manifests) {
  let namespaces = new Set(manifests.map((m) => m.metadata.namespace).filter((n) => !!n));
  return namespaces.size === 1 ? [...namespaces][0] : "default";
}
function isPastDeprecation(after, now, release) {
  let parsed = parseDeprecationAfter(after);
  if (!parsed) return !1;
  if (parsed.kind === "date") {
    let end = after.length === 10 ? parsed.date.getTime() + 864e5 : parsed.date.getTime();
    return now.getTime() >= end;
  }
  let current = release ? parseDeprecationAfter(release) : void 0;
  if (!current || current.kind !== "release") return !1;
  for (let i = 0; i < 3; i++) {
    let a = current.parts[i] ?? 0, b = parsed.parts[i] ?? 0;
    if (a !== b) return a > b;
  }
  return !0;
}
function deprecationFindings(migrations, now, release) {
  let findings = [];
  for (let loaded of migrations) {
    let deprecated = loaded.migration.deprecated;
    !deprecated || !isPastDeprecation(deprecated.after, now, release) || findings.push({
      severity: "warning",
      code: "MIGRATION_DEPRECATED",
      message: `migration ${loaded.migration.id} is past its removal point (${deprecated.after}): ${deprecated.note} \u2014 delete this file once every cluster has run it`,
      location: loaded.deprecatedLocation ?? { file: loaded.file, line: 1 },
      key: "deprecated"
    });
  }
  return findings;
}
function formatElapsed(ms) {
  return ms < 1e3 ? `${Math.round(ms)} ms` : `${(ms / 1e3).toFixed(1)} s`;
}
var MigrationSession = class {
  request;
  deps;
  results = [];
  considered = /* @__PURE__ */ new Set();
  postDone = /* @__PURE__ */ new Set();
  findings;
  manifests;
  record;
  constructor(request, deps) {
    this.request = request, this.deps = deps, this.manifests = redactSecrets(request.manifests), this.findings = deprecationFindings(request.migrations, deps.clock.now(), request.release), this.record = {
      name: recordName(request.environment),
      namespace: request.recordNamespace ?? defaultRecordNamespace(request.manifests),
      written: 0
    };
    for (let finding of this.findings) deps.logger.warning(finding.message);
  }
  /** Generic `pre` migrations: before anything is applied. */
  genericPre() {
    return this.point(
      "generic-pre",
      void 0,
      this.due((m) => m.components.length === 0 && m.phase === "pre")
    );
  }
  /** Component `pre` migrations: just before `component` is applied. */
  componentPre(component) {
    return this.point(
      "component-pre",
      component,
      this.due((m) => m.phase === "pre" && m.components.includes(component))
    );
  }
  /** Component `post` migrations: after `component` has rolled out (and after all its other components in this deploy). */
  componentPost(component) {
    this.postDone.add(component);
    let inDeploy = (m) => m.components.filter((c) => this.request.components.includes(c));
    return this.point(
      "component-post",
      component,
      this.due((m) => m.phase === "post" && m.components.includes(component) && inDeploy(m).every((c) => this.postDone.has(c)))
    );
  }
  /** Generic `post` migrations: at the end, after every rollout. */
  genericPost() {
    return this.point(
      "generic-post",
      void 0,
      this.due((m) => m.components.length === 0 && m.phase === "post")
    );
  }
  report() {
    let failed = this.results.some((r) => r.status === "failed" || r.status === "timed-out");
    return {
      environment: this.request.environment,
      mode: this.request.mode,
      status: failed ? "failed" : "succeeded",
      results: [...this.results],
      outOfScope: this.request.migrations.filter((l) => l.migration.components.length > 0 && !l.migration.components.some((c) => this.request.components.includes(c))).map((l) => l.migration.id),
      findings: [...this.findings],
      record: { ...this.record }
    };
  }
  /** Migrations in scope and not yet considered that `when` selects, marked as considered. */
  due(when) {
    let selected = this.request.migrations.filter((loaded) => {
      let m = loaded.migration;
      return this.considered.has(m.id) || m.components.length > 0 && !m.components.some((c) => this.request.components.includes(c)) ? !1 : when(m);
    });
    for (let loaded of selected) this.considered.add(loaded.migration.id);
    return selected;
  }
  async point(point, component, due) {
    let report = { point, results: [], failed: !1 };
    if (component !== void 0 && (report.component = component), due.length === 0) return report;
    let title = `Migrations ${point}${component ? ` (${component})` : ""}${this.request.mode === "plan" ? " \u2014 plan" : ""}`;
    return await this.deps.logger.group(title, async () => {
      for (let loaded of due) {
        if (report.failed && this.request.mode === "run") {
          report.results.push(this.result(loaded, point, component, { status: "not-reached", isNeededMs: 0, durationMs: 0 })), this.deps.logger.info(`${loaded.migration.id}: not reached (an earlier migration failed)`);
          continue;
        }
        let result = await this.evaluate(loaded, point, component);
        report.results.push(result), (result.status === "failed" || result.status === "timed-out") && (report.failed = !0);
      }
      await this.writeRecord(report.results);
    }), this.results.push(...report.results), report;
  }
  async evaluate(loaded, point, component) {
    let { clock, logger } = this.deps, m = loaded.migration, messages = [], timeoutMs = (m.timeoutSeconds ?? this.request.timeoutSeconds) * 1e3, started = clock.now(), needed, isNeededMs = 0;
    try {
      if (needed = await this.call(m, component, messages, timeoutMs, (context) => m.isNeeded(context)), typeof needed != "boolean") throw new Error(`isNeeded returned ${JSON.stringify(needed)}, not true or false`);
    } catch (error) {
      isNeededMs = clock.now().getTime() - started.getTime();
      let timedOut = error instanceof MigrationTimeout;
      return logger.warning(`${m.id}: isNeeded ${timedOut ? "timed out" : "failed"} after ${formatElapsed(isNeededMs)}: ${errorMessage(error)}`), this.result(loaded, point, component, {
        status: timedOut ? "timed-out" : "failed",
        isNeededMs,
        durationMs: isNeededMs,
        error: `isNeeded: ${errorMessage(error)}`,
        messages,
        slow: isNeededMs > this.request.slowSeconds * 1e3
      });
    }
    if (isNeededMs = clock.now().getTime() - started.getTime(), !needed)
      return logger.info(`${m.id}: not needed, skipped (checked in ${formatElapsed(isNeededMs)})`), this.finish(loaded, point, component, { needed, status: "not-needed", isNeededMs, durationMs: isNeededMs, messages });
    if (this.request.mode === "plan")
      return logger.info(`${m.id}: needed \u2014 would run (checked in ${formatElapsed(isNeededMs)}): ${m.description}`), this.finish(loaded, point, component, { needed, status: "would-run", isNeededMs, durationMs: isNeededMs, messages });
    logger.info(`${m.id}: needed (checked in ${formatElapsed(isNeededMs)}), running: ${m.description}`);
    let runStarted = clock.now();
    try {
      await this.call(m, component, messages, timeoutMs, (context) => m.run(context));
    } catch (error) {
      let runMs2 = clock.now().getTime() - runStarted.getTime(), timedOut = error instanceof MigrationTimeout;
      return logger.warning(`${m.id}: ${timedOut ? "timed out" : "failed"} after ${formatElapsed(runMs2)}: ${errorMessage(error)}`), this.finish(loaded, point, component, {
        needed,
        status: timedOut ? "timed-out" : "failed",
        isNeededMs,
        runMs: runMs2,
        durationMs: isNeededMs + runMs2,
        error: errorMessage(error),
        messages,
        startedAt: runStarted
      });
    }
    let runMs = clock.now().getTime() - runStarted.getTime();
    return logger.info(`${m.id}: succeeded in ${formatElapsed(runMs)}`), this.finish(loaded, point, component, {
      needed,
      status: "succeeded",
      isNeededMs,
      runMs,
      durationMs: isNeededMs + runMs,
      messages,
      startedAt: runStarted
    });
  }
  finish(loaded, point, component, fields) {
    let { startedAt, ...rest } = fields, slow = rest.durationMs > this.request.slowSeconds * 1e3;
    slow && this.deps.logger.warning(
      `${loaded.migration.id} is slow: ${formatElapsed(rest.durationMs)}, more than slow_seconds (${this.request.slowSeconds} s)` + (rest.status === "not-needed" ? "; isNeeded should answer with one cheap read once the cluster is migrated" : "")
    );
    let result = this.result(loaded, point, component, { ...rest, slow });
    return startedAt && this.runRecords.set(result, startedAt), result;
  }
  runRecords = /* @__PURE__ */ new Map();
  result(loaded, point, component, fields) {
    let m = loaded.migration, result = {
      id: m.id,
      description: m.description,
      phase: m.phase,
      file: loaded.file,
      builtin: loaded.builtin,
      point,
      slow: !1,
      messages: [],
      ...fields
    };
    return component !== void 0 && (result.component = component), m.deprecated && (result.deprecated = { ...m.deprecated, past: isPastDeprecation(m.deprecated.after, this.deps.clock.now(), this.request.release) }), result;
  }
  /** Calls isNeeded or run with a fresh context whose signal aborts at the timeout, racing the two. */
  async call(migration, component, messages, timeoutMs, body) {
    let controller = new AbortController(), timer = (this.deps.timer ?? ((ms) => AbortSignal.timeout(ms)))(timeoutMs), onTimeout = () => controller.abort(new MigrationTimeout(`${migration.id} did not finish within ${formatElapsed(timeoutMs)} (timeout_seconds)`));
    timer.aborted ? onTimeout() : timer.addEventListener("abort", onTimeout, { once: !0 });
    let dryRun = this.request.mode === "plan", { logger } = this.deps, context = {
      kube: new MigrationKube(this.deps.kube, { dryRun, signal: controller.signal }),
      environment: this.request.environment,
      components: this.request.components,
      manifests: this.manifests,
      log: {
        info: (message) => {
          messages.push(message), logger.info(`  ${migration.id}: ${message}`);
        },
        warning: (message) => {
          messages.push(`warning: ${message}`), logger.warning(`${migration.id}: ${message}`);
        }
      },
      signal: controller.signal,
      dryRun
    };
    component !== void 0 && (context.component = component);
    let abortError = () => {
      let reason = controller.signal.reason;
      return reason instanceof Error ? reason : new Error(String(reason));
    }, aborted = new Promise((_, reject) => {
      controller.signal.aborted && reject(abortError()), controller.signal.addEventListener("abort", () => reject(abortError()), { once: !0 });
    });
    aborted.catch(() => {
    });
    try {
      return await Promise.race([body(context), aborted]);
    } finally {
      timer.removeEventListener("abort", onTimeout);
    }
  }
  async writeRecord(results) {
    if (this.request.mode !== "run") return;
    let runs = [];
    for (let result of results) {
      let startedAt = this.runRecords.get(result);
      if (!startedAt || result.runMs === void 0) continue;
      let run = {
        id: result.id,
        phase: result.phase,
        startedAt: startedAt.toISOString(),
        durationMs: result.runMs,
        outcome: result.status === "succeeded" ? "succeeded" : result.status === "timed-out" ? "timed-out" : "failed",
        sha: this.request.sha || "unknown"
      };
      result.component && (run.component = result.component), result.error && (run.error = result.error.slice(0, 1e3)), runs.push(run);
    }
    if (runs.length !== 0)
      try {
        await appendRunRecords(this.deps.kube, { environment: this.request.environment, namespace: this.record.namespace }, runs), this.record.written += runs.length, this.deps.logger.info(`recorded ${runs.length} run(s) in ConfigMap ${this.record.namespace}/${this.record.name}`);
      } catch (error) {
        this.record.error = errorMessage(error), this.deps.logger.warning(`could not record the migration run(s) in ConfigMap ${this.record.namespace}/${this.record.name}: ${errorMessage(error)}`);
      }
  }
};
function createMigrationSession(request, deps) {
  return new MigrationSession(request, deps);
}
async function runMigrations(request, deps) {
  let session = createMigrationSession(request, deps), steps = [
    () => session.genericPre(),
    ...request.components.map((c) => () => session.componentPre(c)),
    ...request.components.map((c) => () => session.componentPost(c)),
    () => session.genericPost()
  ];
  for (let step of steps)
    if ((await step()).failed && request.mode === "run") break;
  let report = session.report();
  if (request.mode === "run" && report.status === "failed") {
    let reached = new Set(report.results.map((r) => r.id));
    for (let loaded of request.migrations) {
      let m = loaded.migration;
      reached.has(m.id) || report.outOfScope.includes(m.id) || report.results.push({
        id: m.id,
        description: m.description,
        phase: m.phase,
        file: loaded.file,
        builtin: loaded.builtin,
        point: pointOf(m),
        status: "not-reached",
        isNeededMs: 0,
        durationMs: 0,
        slow: !1,
        messages: []
      });
    }
  }
  return report;
}
function pointOf(m) {
  return m.components.length === 0 ? m.phase === "pre" ? "generic-pre" : "generic-post" : m.phase === "pre" ? "component-pre" : "component-post";
}
var STATUS_TEXT = {
  "not-needed": "not needed",
  "would-run": "would run",
  succeeded: "\u2705 ran",
  failed: "\u274C failed",
  "timed-out": "\u23F1\uFE0F timed out",
  "not-reached": "not reached"
};
function migrationSummaryMarkdown(report) {
  let lines = [`### Migrations (${report.environment}, ${report.mode === "plan" ? "plan \u2014 nothing was run" : "run"})`, ""];
  if (report.results.length === 0)
    lines.push("No migrations in scope.");
  else {
    let rows = [];
    for (let r of report.results) {
      let when = `${r.point}${r.component ? ` (${r.component})` : ""}`, needed = r.needed === void 0 ? "\u2014" : r.needed ? "yes" : "no", notes = [
        r.slow ? "\u26A0\uFE0F slow (more than slow_seconds)" : "",
        r.error ?? "",
        r.deprecated?.past ? `deprecated: ${r.deprecated.note}` : "",
        ...r.messages
      ].filter(Boolean).join(`
`);
      rows.push([code(r.id), when, needed, STATUS_TEXT[r.status], formatElapsed(r.durationMs), notes]);
    }
    lines.push(markdownTable(["Migration", "When", "Needed", "Outcome", "Duration", "Notes"], rows));
  }
  return report.outOfScope.length && lines.push("", `Not in this deploy's components: ${report.outOfScope.map((id) => `\`${id}\``).join(", ")}.`), report.record.written && lines.push("", `Recorded ${report.record.written} run(s) in ConfigMap \`${report.record.namespace}/${report.record.name}\`.`), report.record.error && lines.push("", `\u26A0\uFE0F The runs could not be recorded: ${inlineText(report.record.error)}`), `${lines.join(`
`)}
`;
}

// src/migrations/quantity.ts
var BINARY = { Ki: 1024, Mi: 1048576, Gi: 1073741824, Ti: 1099511627776, Pi: 1125899906842624, Ei: 1152921504606847e3 }, DECIMAL = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
function parseQuantity(text) {
  if (typeof text == "number") return Number.isFinite(text) ? text : void 0;
  if (typeof text != "string") return;
  let match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match) return;
  let number = Number(match[1]);
  if (match[3] !== void 0) return number * 10 ** Number(match[3]);
  let suffix = match[2] ?? "", factor = BINARY[suffix] ?? DECIMAL[suffix];
  return factor === void 0 ? void 0 : number * factor;
}

// src/migrations/builtin/grow-statefulset-volumes.ts
var ID = "grow-statefulset-volumes";
function where(namespace) {
  return namespace ? ` in namespace ${namespace}` : "";
}
function belongs(object, components) {
  if (components.length === 0) return !0;
  let labels = object.metadata.labels ?? {};
  return components.some((c) => labels["app.kubernetes.io/name"] === c || labels.app === c || object.metadata.name === c);
}
async function analyse(context) {
  let wanted = context.manifests.filter((o) => o.kind === "StatefulSet" && belongs(o, context.components)).flatMap(
    (sts) => (sts.spec?.volumeClaimTemplates ?? []).filter((t) => t.metadata?.name && parseQuantity(t.spec?.resources?.requests?.storage) !== void 0).map((t) => ({
      statefulSet: sts.metadata.name,
      namespace: sts.metadata.namespace,
      template: t.metadata.name,
      size: t.spec.resources.requests.storage
    }))
  ), analysis = { grow: [], refusals: [] };
  if (wanted.length === 0) return analysis;
  let namespaces = [...new Set(wanted.map((w) => w.namespace))], claims = /* @__PURE__ */ new Map();
  for (let namespace of namespaces)
    claims.set(namespace, await context.kube.list("persistentvolumeclaims", namespace ? { namespace } : {}));
  for (let want of wanted) {
    let pattern = new RegExp(`^${escapeRegExp(want.template)}-${escapeRegExp(want.statefulSet)}-(\\d+)$`), desiredBytes = parseQuantity(want.size);
    for (let pvc of claims.get(want.namespace) ?? []) {
      let match = pattern.exec(pvc.metadata.name);
      if (!match) continue;
      let live = pvc.spec?.resources?.requests?.storage, liveBytes = parseQuantity(live);
      if (liveBytes === void 0 || liveBytes === desiredBytes) continue;
      let name = `PersistentVolumeClaim ${pvc.metadata.name}${where(want.namespace)}`;
      if (liveBytes > desiredBytes) {
        analysis.refusals.push(
          `${name} requests ${live} but StatefulSet ${want.statefulSet} now asks for ${want.size} in volumeClaimTemplates "${want.template}": Kubernetes cannot shrink a volume. Set the template back to ${live} (or more); to really shrink, move the data to a new claim by hand.`
        );
        continue;
      }
      if (pvc.status?.phase !== "Bound") {
        analysis.refusals.push(
          `${name} is ${pvc.status?.phase ?? "not bound"}: Kubernetes only resizes bound claims ("spec is immutable after creation except resources.requests for bound claims"). Let it bind first (start its pod), then deploy again.`
        );
        continue;
      }
      analysis.grow.push({
        pvc: pvc.metadata.name,
        namespace: want.namespace,
        statefulSet: want.statefulSet,
        ordinal: match[1],
        from: live,
        to: want.size,
        toBytes: desiredBytes,
        storageClass: pvc.spec?.storageClassName || void 0
      });
    }
  }
  if (analysis.grow.length === 0) return analysis;
  let classes = /* @__PURE__ */ new Map();
  for (let name of new Set(analysis.grow.map((g) => g.storageClass).filter((c) => !!c)))
    classes.set(name, await context.kube.get("storageclass", name));
  let expandable = [];
  for (let growth of analysis.grow) {
    let name = `PersistentVolumeClaim ${growth.pvc}${where(growth.namespace)}`;
    if (!growth.storageClass) {
      analysis.refusals.push(`${name} has no storageClassName, so it cannot be expanded (${growth.from} \u2192 ${growth.to}).`);
      continue;
    }
    let storageClass = classes.get(growth.storageClass);
    storageClass ? storageClass.allowVolumeExpansion !== !0 ? analysis.refusals.push(
      `${name} cannot grow ${growth.from} \u2192 ${growth.to}: StorageClass ${growth.storageClass} (provisioner ${storageClass.provisioner ?? "unknown"}) does not set allowVolumeExpansion: true. Use a class that allows expansion (if the driver supports it, set the field on the class), or keep the old size.`
    ) : expandable.push(growth) : analysis.refusals.push(`${name} uses StorageClass ${growth.storageClass}, which does not exist; cannot grow ${growth.from} \u2192 ${growth.to}.`);
  }
  return analysis.grow = expandable, analysis;
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function refuse(analysis) {
  if (analysis.refusals.length !== 0)
    throw new Error(`${ID}: refusing to resize volumes:
- ${analysis.refusals.join(`
- `)}`);
}
function describeResize(pvc, growth) {
  let name = `${growth.pvc}${where(growth.namespace)}`, conditions = pvc.status?.conditions ?? [], capacity = pvc.status?.capacity?.storage, condition = (type) => conditions.find((c) => c.type === type && c.status !== "False"), failed = condition("ControllerResizeError") ?? condition("NodeResizeError");
  return failed ? { line: `${name}: resize failed (${failed.type}): ${failed.message ?? "no message"}`, warning: !0 } : condition("FileSystemResizePending") ? {
    line: `${name}: the volume is expanded to ${growth.to}; FileSystemResizePending: the file system grows when the kubelet next mounts it. Drivers with online expansion do that while pod ${growth.statefulSet}-${growth.ordinal} runs; otherwise restart that pod (recreating the StatefulSet with the Orphan propagation policy does not restart it).`,
    warning: !1
  } : condition("Resizing") ? { line: `${name}: the storage backend is expanding the volume (${growth.from} \u2192 ${growth.to}).`, warning: !1 } : (parseQuantity(capacity) ?? 0) >= growth.toBytes ? { line: `${name}: resized, capacity ${capacity}.`, warning: !1 } : {
    line: `${name}: resize to ${growth.to} requested (capacity still ${capacity ?? "unknown"}); the external resizer has not reported yet \u2014 see \`kubectl describe pvc ${growth.pvc}\`.`,
    warning: !1
  };
}
var growStatefulSetVolumes = {
  id: ID,
  description: "Grows the PersistentVolumeClaims of a StatefulSet whose volumeClaimTemplates ask for more storage than they have (Kubernetes does not do it when the StatefulSet is recreated).",
  phase: "pre",
  components: [],
  async isNeeded(context) {
    let analysis = await analyse(context);
    return refuse(analysis), analysis.grow.length > 0;
  },
  async run(context) {
    let analysis = await analyse(context);
    refuse(analysis);
    for (let growth of analysis.grow)
      await context.kube.patch(
        "persistentvolumeclaim",
        growth.pvc,
        { spec: { resources: { requests: { storage: growth.to } } } },
        growth.namespace ? { namespace: growth.namespace } : {}
      ), context.log.info(`${growth.pvc}${where(growth.namespace)}: requested ${growth.from} \u2192 ${growth.to}${context.dryRun ? " (server dry run)" : ""}`);
    if (!context.dryRun)
      for (let namespace of new Set(analysis.grow.map((g) => g.namespace))) {
        let claims = await context.kube.list("persistentvolumeclaims", namespace ? { namespace } : {});
        for (let growth of analysis.grow.filter((g) => g.namespace === namespace)) {
          let pvc = claims.find((c) => c.metadata.name === growth.pvc);
          if (!pvc) continue;
          let status = describeResize(pvc, growth);
          status.warning ? context.log.warning(status.line) : context.log.info(status.line);
        }
      }
  }
};

// src/migrations/builtin/index.ts
var BUILTIN_MIGRATIONS = {
  [growStatefulSetVolumes.id]: growStatefulSetVolumes
};

// src/migrations/settings.ts
function migrationSettings(control) {
  let base = migrationsSettings(control), raw = control.config.global?.migrations ?? {}, settings = {
    folder: base.path,
    folderConfigured: typeof raw.path == "string",
    timeoutSeconds: base.timeoutSeconds,
    slowSeconds: base.slowSeconds,
    builtin: []
  };
  if (raw.builtin === void 0 || raw.builtin === null) return settings;
  let key = ["global", "migrations", "builtin"], known = Object.keys(BUILTIN_MIGRATIONS).join(", "), findings = [];
  if (Array.isArray(raw.builtin) ? raw.builtin.forEach((name, index) => {
    if (typeof name == "string" && Object.hasOwn(BUILTIN_MIGRATIONS, name)) {
      settings.builtin.includes(name) || settings.builtin.push(name);
      return;
    }
    findings.push({
      severity: "error",
      code: "MIGRATIONS_CONFIG",
      message: `unknown built-in migration "${String(name)}"; known: ${known}`,
      key: [...key, index].join("."),
      location: control.document.locate([...key, index], "value")
    });
  }) : findings.push({
    severity: "error",
    code: "MIGRATIONS_CONFIG",
    message: `builtin must be a list of built-in migration ids (${known})`,
    key: key.join("."),
    location: control.document.locate(key, "value")
  }), findings.length) throw ConfigurationError.fromFindings(`${control.file}: invalid global.migrations.builtin`, findings);
  return settings;
}

// src/migrations/prepare.ts
function builtinMigrations(ids) {
  return ids.map((id) => ({ migration: BUILTIN_MIGRATIONS[id], file: `builtin:${id}`, builtin: !0 }));
}
async function loadAllMigrations(settings) {
  let all = [...builtinMigrations(settings.builtin), ...await loadMigrations(settings.folder, { required: settings.folderConfigured })], duplicates = duplicateIdFindings(all);
  if (duplicates.length) throw ConfigurationError.fromFindings("migration ids must be unique", duplicates);
  return all;
}
async function renderOverlayObjects(kubectl, directory) {
  return (await renderOverlay(kubectl, directory)).resources.map((resource) => resource.object);
}
function componentsOf(control, environment, manifests) {
  let services = control.config.environments[environment]?.services;
  return services && Object.keys(services).length ? Object.entries(services).filter(([, service]) => service.enabled !== !1).map(([name]) => name) : [...new Set(manifests.filter((m) => WORKLOAD_KINDS.has(m.kind)).map((m) => serviceOf(m)))];
}
function deployComponents(control, environment, manifests, services) {
  let known = componentsOf(control, environment, manifests);
  return services.length ? known.filter((name) => services.includes(name)) : known;
}
async function prepareMigrations(options) {
  let control = await loadDeployControl(options.controlFile);
  if (!control.config.environments[options.environment]) throw unknownEnvironment(control.config, options.environment, control);
  let settings = migrationSettings(control), migrations = await loadAllMigrations(settings), manifests = await renderOverlayObjects(options.kubectl, overlayPath(control, options.environment)), known = componentsOf(control, options.environment, manifests), components = known;
  if (options.components?.length) {
    let unknown = options.components.filter((c) => !known.includes(c));
    if (unknown.length)
      throw new ConfigurationError(`unknown component(s) ${unknown.join(", ")} for ${options.environment}; known: ${known.join(", ")}`);
    components = [...options.components];
  }
  let request = {
    environment: options.environment,
    components,
    manifests,
    migrations,
    timeoutSeconds: settings.timeoutSeconds,
    slowSeconds: settings.slowSeconds
  };
  return options.sha && (request.sha = options.sha), { control, settings, request };
}

export {
  formatElapsed,
  createMigrationSession,
  runMigrations,
  migrationSummaryMarkdown,
  migrationSettings,
  loadAllMigrations,
  deployComponents,
  prepareMigrations
};
