import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  checkClusterConfig
} from "./chunk-KTN4SLHV.js";
import {
  servicesSelectingNothing
} from "./chunk-BRYK4ZEU.js";
import {
  plainStyle,
  textTable
} from "./chunk-OORLVQZO.js";
import {
  kustomizeMessage
} from "./chunk-AQRNGFMN.js";
import {
  silentLogger
} from "./chunk-XO5AQNUF.js";
import {
  controlFileIn,
  loadDeployControl,
  overlayPath
} from "./chunk-4O5I2QBX.js";
import {
  ConfigurationError,
  code,
  formatFinding,
  formatLocation,
  hasErrors,
  markdownTable,
  parseYaml,
  parseYamlStream
} from "./chunk-SSQ7VYGP.js";

// src/validate/inputs.ts
import { isAbsolute, relative, resolve } from "node:path";
function parseSecretNames(text) {
  if (text === void 0 || text.trim() === "") return;
  let trimmed = text.trim();
  if (trimmed.startsWith("["))
    try {
      let parsed = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map(String).filter(Boolean);
    } catch {
    }
  return trimmed.split(/[\s,]+/).filter(Boolean);
}
function displayPath(path, cwd = process.cwd()) {
  let absolute = resolve(cwd, path), rel = relative(cwd, absolute);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? absolute : rel;
}

// src/validate/report.ts
function kindsText(overlay) {
  return overlay.built ? Object.entries(overlay.kinds).map(([kind, count]) => `${kind} ${count}`).join(", ") || "(none)" : "build failed";
}
function placeholderGroups(report) {
  let groups = [];
  for (let overlay of report.overlays)
    for (let placeholder of overlay.placeholders) {
      let secret = `${placeholder.namespace}/${placeholder.secret}`, group = groups.find((g) => g.overlay === overlay.path && g.secret === secret);
      group || groups.push(group = { overlay: overlay.path, secret, keys: [] }), group.keys.push(placeholder.suppliedBy === !1 ? `${placeholder.key} (NOT SUPPLIED)` : placeholder.key);
    }
  return groups;
}
function placeholderHeading(report) {
  return report.overlays.flatMap((overlay) => overlay.placeholders).some((p) => p.suppliedBy === null) ? "Secret placeholders (the deploy replaces them from its secrets input):" : "Secret placeholders (checked against the given secret names):";
}
function verdict(report) {
  let { errors, warnings } = report.counts;
  return report.valid ? `valid: ${report.overlays.length} overlay(s) built and checked${warnings ? `, ${warnings} warning(s)` : ""}` : `invalid: ${errors} error(s)${warnings ? `, ${warnings} warning(s)` : ""}`;
}
function renderText(report, style = plainStyle) {
  let lines = [];
  lines.push(`deploy-control: ${report.controlFile}${report.environments.length ? ` (environments: ${report.environments.join(", ")})` : ""}`, ""), report.overlays.length && lines.push(
    textTable(
      [
        ["OVERLAY", "ENVIRONMENTS", "RESOURCES", "KINDS", "PLACEHOLDERS", "ERRORS"],
        ...report.overlays.map((overlay) => [
          overlay.path,
          overlay.environments.join(",") || "-",
          overlay.built ? String(overlay.resources.length) : "-",
          kindsText(overlay),
          String(overlay.placeholders.length),
          String(overlay.errors)
        ])
      ],
      { style }
    )
  );
  let groups = placeholderGroups(report);
  if (groups.length && (lines.push("", placeholderHeading(report)), lines.push(textTable([["OVERLAY", "SECRET", "KEYS"], ...groups.map((g) => [g.overlay, g.secret, g.keys.join(", ")])], { style, indent: "  " }))), report.clusterConfigs.length) {
    lines.push("", "Cluster configs:");
    for (let config of report.clusterConfigs) lines.push(`  ${config.path} (${config.environment}): ${config.errors ? `${config.errors} error(s)` : "ok"}`);
  }
  if (report.findings.length) {
    lines.push("", "Findings:");
    for (let finding of report.findings) lines.push(`  ${formatFinding(finding)}`);
  }
  return lines.push("", report.valid ? style.green(verdict(report)) : style.red(verdict(report))), lines.join(`
`);
}
function renderMarkdown(report) {
  let lines = [];
  if (lines.push(`## k8sapp validate: ${report.valid ? "\u2705" : "\u274C"} ${verdict(report)}`, ""), lines.push(`Control file: \`${report.controlFile}\`${report.environments.length ? ` \u2014 environments: ${report.environments.join(", ")}` : ""}`, ""), report.overlays.length) {
    let rows = report.overlays.map((overlay) => [
      code(overlay.path),
      overlay.environments.join(", ") || "-",
      overlay.built ? String(overlay.resources.length) : "-",
      kindsText(overlay),
      String(overlay.placeholders.length),
      String(overlay.errors)
    ]);
    lines.push(markdownTable(["Overlay", "Environments", "Resources", "Kinds", "Placeholders", "Errors"], rows, ["left", "left", "right", "left", "right", "right"]), "");
  }
  let groups = placeholderGroups(report);
  if (groups.length) {
    let rows = groups.map((g) => [code(g.overlay), g.secret, g.keys.join(", ")]);
    lines.push("### Secret placeholders", "", placeholderHeading(report), "", markdownTable(["Overlay", "Secret", "Keys"], rows), "");
  }
  if (report.clusterConfigs.length) {
    let rows = report.clusterConfigs.map((config) => [code(config.path), config.environment, config.errors ? `${config.errors} error(s)` : "ok"]);
    lines.push("### Cluster configs", "", markdownTable(["File", "Environment", "Result"], rows), "");
  }
  if (report.findings.length) {
    let rows = report.findings.map((finding) => [finding.severity, formatLocation(finding.location) || "-", finding.message]);
    lines.push("### Findings", "", markdownTable(["Severity", "Where", "Problem"], rows), "");
  }
  return lines.join(`
`);
}

// src/validate/validate.ts
import { readdir, readFile } from "node:fs/promises";
import { join as join2, relative as relative3, resolve as resolve2 } from "node:path";

// src/validate/sources.ts
import { join, relative as relative2, sep } from "node:path";
async function yamlFilesBelow(files, directory) {
  let entries = await files.list(directory);
  if (!entries) return [];
  let found = [];
  for (let entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    let path = join(directory, entry.name);
    entry.directory ? found.push(...await yamlFilesBelow(files, path)) : /\.ya?ml$/i.test(entry.name) && found.push(path);
  }
  return found;
}
function isInside(folder, file) {
  let rel = relative2(folder, file);
  return rel !== "" && !rel.startsWith("..") && !rel.startsWith(sep);
}
function has(value, path) {
  let node = value;
  for (let segment of path)
    if (node === null || typeof node != "object" || (node = node[segment], node === void 0)) return !1;
  return !0;
}
function namespaceOf(document) {
  let namespace = document.value.metadata?.namespace;
  return typeof namespace == "string" && namespace ? namespace : void 0;
}
var SourceIndex = class _SourceIndex {
  findings = [];
  byId = /* @__PURE__ */ new Map();
  overlayDirectories = [];
  static async load(files, k8sDirectory, overlayDirectories) {
    let index = new _SourceIndex();
    index.overlayDirectories = [...overlayDirectories];
    for (let file of await yamlFilesBelow(files, k8sDirectory)) {
      let text = await files.readText(file);
      if (text === void 0) continue;
      let documents;
      try {
        documents = parseYamlStream(text, file);
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        index.findings.push(...error.findings);
        continue;
      }
      for (let document of documents) {
        let value = document.value, name = value?.metadata?.name;
        if (typeof value?.kind != "string" || typeof name != "string") continue;
        let id = `${value.kind}/${name}`, list = index.byId.get(id) ?? [];
        list.push({ file, document, kind: value.kind, name }), index.byId.set(id, list);
      }
    }
    return index;
  }
  /** A Locator for one overlay: its own files and shared bases only, never another overlay's patches. */
  locatorFor(overlayDirectory, fallback) {
    return (object, _rendered, path) => {
      let visible = (this.byId.get(`${object.kind}/${object.metadata.name}`) ?? []).filter(
        (source) => isInside(overlayDirectory, source.file) || !this.overlayDirectories.some((other) => isInside(other, source.file))
      ), narrow = (list, same) => {
        let kept = list.filter(same);
        return kept.length > 0 ? kept : list;
      }, candidates = narrow(
        narrow(visible, (source) => source.document.value.apiVersion === object.apiVersion),
        (source) => namespaceOf(source.document) === object.metadata.namespace
      );
      if (candidates.length === 0) return fallback;
      let chosen = candidates.filter((source) => isInside(overlayDirectory, source.file)).find((source) => has(source.document.value, path)) ?? candidates.find((source) => has(source.document.value, path)) ?? candidates.find((source) => !isInside(overlayDirectory, source.file)) ?? candidates[0];
      return chosen ? chosen.document.locate(path) : fallback;
    };
  }
};

// src/validate/validate.ts
var nodeFiles = {
  async readText(path) {
    try {
      return await readFile(path, "utf8");
    } catch (error) {
      if (error.code === "ENOENT" || error.code === "EISDIR") return;
      throw error;
    }
  },
  async list(path) {
    try {
      return (await readdir(path, { withFileTypes: !0 })).map((entry) => ({ name: entry.name, directory: entry.isDirectory() }));
    } catch (error) {
      let code2 = error.code;
      if (code2 === "ENOENT" || code2 === "ENOTDIR") return;
      throw error;
    }
  }
}, KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
async function findOverlays(files, root) {
  let k8s = join2(root, "k8s"), overlays = [], providers = await files.list(k8s) ?? [];
  for (let provider of providers.filter((e) => e.directory && e.name !== "base").sort((a, b) => a.name.localeCompare(b.name))) {
    let environments = await files.list(join2(k8s, provider.name)) ?? [];
    for (let environment of environments.filter((e) => e.directory).sort((a, b) => a.name.localeCompare(b.name))) {
      let directory = join2(k8s, provider.name, environment.name), entries = await files.list(directory) ?? [], file = KUSTOMIZATION_FILES.find((candidate) => entries.some((entry) => !entry.directory && entry.name === candidate));
      file && overlays.push({ directory, kustomization: join2(directory, file), provider: provider.name, name: environment.name });
    }
  }
  return overlays;
}
async function mapBounded(items, limit, task) {
  let results = new Array(items.length), next = 0, worker = async () => {
    for (; next < items.length; ) {
      let index = next++;
      results[index] = await task(items[index]);
    }
  };
  return await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker)), results;
}
function locateKustomizeError(kustomization, file, message) {
  if (!kustomization) return { file, line: 1 };
  let value = kustomization.value;
  if (value && typeof value == "object")
    for (let field of ["resources", "components", "patches", "patchesStrategicMerge", "patchesJson6902", "bases", "configMapGenerator", "secretGenerator"]) {
      let list = value[field];
      if (Array.isArray(list))
        for (let [index, entry] of list.entries()) {
          let path = entry?.path, reference = typeof entry == "string" ? entry : typeof path == "string" ? path : void 0;
          if (reference && message.includes(reference))
            return kustomization.locate(typeof entry == "string" ? [field, index] : [field, index, "path"], typeof entry == "string" ? "key" : "value");
        }
    }
  return { file, line: 1 };
}
function severityCounts(findings) {
  return {
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    notices: findings.filter((f) => f.severity === "notice").length
  };
}
function dedupeFindings(findings) {
  let seen = /* @__PURE__ */ new Set();
  return findings.filter((finding) => {
    let key = JSON.stringify([finding.code, finding.message, finding.location?.file, finding.location?.line]);
    return seen.has(key) ? !1 : (seen.add(key), !0);
  });
}
async function loadControl(file, findings) {
  try {
    return await loadDeployControl(file);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    findings.push(
      ...error.findings.length ? error.findings : [{ severity: "error", code: "DEPLOY_CONTROL", message: error.message, location: { file } }]
    );
    return;
  }
}
async function validateInfrastructure(request, deps) {
  let files = deps.files ?? nodeFiles, logger = deps.logger ?? silentLogger, root = request.root, controlFile = request.controlFile ?? controlFileIn(root), findings = [], { checkManifests, countKinds, effectiveNamespace } = await import("./manifests-BHQRFIO7.js"), control = await logger.group(`deploy-control: ${controlFile}`, async () => {
    let loaded = await loadControl(controlFile, findings);
    return loaded && logger.info(`environments: ${Object.keys(loaded.config.environments).join(", ")}`), loaded;
  }), environments = control ? Object.keys(control.config.environments) : [], overlayFolders = await findOverlays(files, root);
  overlayFolders.length === 0 && findings.push({
    severity: "error",
    code: "NO_OVERLAYS",
    message: `no overlays found: expected ${join2(root, "k8s", "<provider>", "<environment>", "kustomization.yaml")} (for example k8s/hetzner/dev)`,
    location: { file: join2(root, "k8s") }
  });
  let environmentsOf = /* @__PURE__ */ new Map();
  if (control)
    for (let environment of environments) {
      let folder = overlayPath(control, environment), overlay = overlayFolders.find((candidate) => resolve2(candidate.directory) === folder);
      if (overlay) {
        environmentsOf.set(overlay.directory, [...environmentsOf.get(overlay.directory) ?? [], environment]);
        continue;
      }
      let declared = control.config.environments[environment]?.overlay !== void 0;
      (await files.list(folder) ?? []).some((entry) => KUSTOMIZATION_FILES.includes(entry.name)) || findings.push({
        severity: "error",
        code: "OVERLAY_MISSING",
        message: `environment "${environment}" deploys ${relative3(resolve2(root), folder) || "."}, which has no kustomization.yaml`,
        key: declared ? `environments.${environment}.overlay` : `environments.${environment}`,
        location: control.document.locate(declared ? ["environments", environment, "overlay"] : ["environments", environment], declared ? "value" : "key")
      });
    }
  let index = await SourceIndex.load(files, join2(root, "k8s"), overlayFolders.map((overlay) => overlay.directory));
  findings.push(...index.findings);
  let overlays = await logger.group(
    `kubectl kustomize: ${overlayFolders.length} overlay(s)`,
    () => mapBounded(overlayFolders, request.concurrency ?? 2, async (overlay) => {
      let overlayFindings = [], report = {
        path: overlay.directory,
        provider: overlay.provider,
        name: overlay.name,
        environments: environmentsOf.get(overlay.directory) ?? [],
        built: !1,
        resources: [],
        kinds: {},
        placeholders: [],
        unchecked: [],
        errors: 0,
        warnings: 0
      }, result = await deps.kubectl.kustomize(overlay.directory);
      if (result.exitCode !== 0) {
        let message = kustomizeMessage(result.stderr), kustomization;
        try {
          kustomization = parseYaml(await files.readText(overlay.kustomization) ?? "", overlay.kustomization);
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
        }
        overlayFindings.push({
          severity: "error",
          code: "KUSTOMIZE_BUILD",
          message: `kubectl kustomize ${overlay.directory} failed: ${message}`,
          location: locateKustomizeError(kustomization, overlay.kustomization, message)
        }), logger.info(`${overlay.directory}: build failed: ${message}`);
      } else {
        let documents = [];
        try {
          documents = parseYamlStream(result.stdout, `${overlay.kustomization} (kustomize output)`);
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
          overlayFindings.push(...error.findings);
        }
        let checked = checkManifests(documents, {
          secretNames: request.secretNames,
          locate: index.locatorFor(overlay.directory, { file: overlay.kustomization, line: 1 })
        });
        if (overlayFindings.push(...checked.findings), report.built = !0, report.resources = checked.resources.map(({ object }) => {
          let namespace = effectiveNamespace(object);
          return namespace ? { kind: object.kind, namespace, name: object.metadata.name } : { kind: object.kind, name: object.metadata.name };
        }), control) {
          let objects = checked.resources.map((resource) => resource.object);
          for (let environment of report.environments) overlayFindings.push(...servicesSelectingNothing(control, environment, objects));
        }
        report.kinds = countKinds(checked.resources), report.placeholders = checked.placeholders, report.unchecked = checked.unchecked, logger.info(`${overlay.directory}: ${checked.resources.length} resources (${Object.entries(report.kinds).map(([kind, n]) => `${kind} ${n}`).join(", ")})`);
      }
      return report.errors = overlayFindings.filter((f) => f.severity === "error").length, report.warnings = overlayFindings.filter((f) => f.severity === "warning").length, { report, findings: overlayFindings };
    })
  );
  for (let overlay of overlays) findings.push(...overlay.findings);
  let clusterConfigs = [], hetzner = join2(root, "k8s", "hetzner");
  for (let entry of (await files.list(hetzner) ?? []).filter((e) => e.directory).sort((a, b) => a.name.localeCompare(b.name))) {
    let path = join2(hetzner, entry.name, "cluster", "cluster-config.yaml"), text = await files.readText(path);
    if (text === void 0) continue;
    let configFindings;
    try {
      configFindings = checkClusterConfig(parseYaml(text, path), { environment: entry.name });
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      configFindings = error.findings;
    }
    findings.push(...configFindings), clusterConfigs.push({ path, environment: entry.name, errors: configFindings.filter((f) => f.severity === "error").length });
  }
  let unique = dedupeFindings(findings), ordered = [...unique.filter((f) => f.severity === "error"), ...unique.filter((f) => f.severity !== "error")];
  return {
    valid: !hasErrors(unique),
    root,
    controlFile,
    environments,
    overlays: overlays.map((overlay) => overlay.report),
    clusterConfigs,
    findings: ordered,
    counts: severityCounts(unique)
  };
}

export {
  parseSecretNames,
  displayPath,
  renderText,
  renderMarkdown,
  validateInfrastructure
};
