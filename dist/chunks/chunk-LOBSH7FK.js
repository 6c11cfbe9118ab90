import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  diskReader,
  overlayDependencies
} from "./chunk-5S4EP2TH.js";
import {
  migrationsFolder,
  overlayFolder
} from "./chunk-ZQ3QI6WY.js";
import {
  require_dist
} from "./chunk-DHW3Q5BD.js";
import {
  __toESM
} from "./chunk-WQYZTGJH.js";

// src/git/git.ts
var Git = class {
  exec;
  cwd;
  constructor(exec, cwd) {
    this.exec = exec, this.cwd = cwd;
  }
  /** Paths changed between two commits, relative to the repository root, as git reports them. */
  async changedFiles(base, head) {
    let result = await this.run(["diff", "--name-only", "--no-renames", `${base}`, `${head}`, "--"]);
    if (result.exitCode !== 0) throw new GitError(`git diff ${base} ${head} failed: ${result.stderr.trim()}`);
    return result.stdout.split(`
`).map((line) => line.trim()).filter(Boolean);
  }
  /** A file's content at a commit, or undefined when it did not exist there. */
  async show(ref, path) {
    let result = await this.run(["show", `${ref}:${path}`]);
    return result.exitCode === 0 ? result.stdout : void 0;
  }
  async topLevel() {
    let result = await this.run(["rev-parse", "--show-toplevel"]);
    if (result.exitCode !== 0) throw new GitError(`not a git repository: ${result.stderr.trim()}`);
    return result.stdout.trim();
  }
  run(args) {
    return this.exec("git", args, this.cwd ? { cwd: this.cwd } : {});
  }
}, GitError = class extends Error {
  name = "GitError";
};

// src/changes/changes.ts
var import_yaml = __toESM(require_dist(), 1);
import { isDeepStrictEqual } from "node:util";
import { dirname, join, relative, resolve, sep } from "node:path";
var within = (file, folder) => file === folder || file.startsWith(folder + sep);
function controlDifferences(previousText, current) {
  if (previousText === null) return "unknown";
  let previous;
  try {
    previous = (0, import_yaml.parse)(previousText) ?? {};
  } catch {
    return "unknown";
  }
  let environments = /* @__PURE__ */ new Set(), names = /* @__PURE__ */ new Set([...Object.keys(previous.environments ?? {}), ...Object.keys(current.environments)]);
  for (let name of names)
    isDeepStrictEqual(previous.environments?.[name], current.environments[name]) || environments.add(name);
  return { global: !isDeepStrictEqual(previous.global, current.global), environments };
}
async function detectChanges(request, reader = diskReader) {
  let controlFolder = dirname(request.controlFile), changed = request.changedFiles.map((file) => resolve(request.repositoryRoot, file)), display = (file) => relative(request.repositoryRoot, file), reasons = /* @__PURE__ */ new Map(), names = Object.keys(request.control.environments), add = (environment, reason) => {
    if (!names.includes(environment)) return;
    let list = reasons.get(environment) ?? [];
    list.includes(reason) || list.push(reason), reasons.set(environment, list);
  };
  for (let environment of names) {
    let dependencies = await overlayDependencies(overlayFolder(request.control, controlFolder, environment), reader);
    for (let file of changed) dependencies.has(file) && add(environment, `${display(file)} is part of its overlay`);
  }
  let controlFile = resolve(request.controlFile);
  if (changed.includes(controlFile)) {
    let difference = request.previousControlText === void 0 ? "unknown" : controlDifferences(request.previousControlText, request.control);
    if (difference === "unknown") {
      let why = request.previousControlText === null ? "is new" : "changed (no earlier version to compare with)";
      for (let environment of names) add(environment, `${display(controlFile)} ${why}`);
    } else {
      if (difference.global) for (let environment of names) add(environment, `${display(controlFile)}: global settings changed`);
      for (let environment of difference.environments) add(environment, `${display(controlFile)}: environments.${environment} changed`);
    }
  }
  let migrations = migrationsFolder(request.control, controlFolder);
  for (let file of changed)
    if (within(file, migrations)) for (let environment of names) add(environment, `${display(file)} is a migration (runs on every deploy)`);
  let clusters = [], k8sFolder = join(controlFolder, "k8s");
  for (let file of changed) {
    let parts = relative(k8sFolder, file).split(sep);
    if (parts.length >= 4 && parts[0] !== ".." && parts[2] === "cluster") {
      let [provider, name] = parts;
      clusters.some((cluster) => cluster.name === name && cluster.provider === provider) || clusters.push({ name, provider, file: display(file) });
    }
  }
  let environments = [];
  for (let name of names) {
    let list = reasons.get(name);
    if (!list) continue;
    let branch = request.control.environments[name]?.branch, entry = { name, reasons: list, deploy: request.branch === void 0 || branch === request.branch };
    branch !== void 0 && (entry.branch = branch), environments.push(entry);
  }
  return { environments, clusters };
}

// src/changes/from-git.ts
import { relative as relative2 } from "node:path";
var isNullCommit = (ref) => /^0+$/.test(ref);
async function changesFromGit(git, base, head, controlFile) {
  let repositoryRoot = await git.topLevel(), changedFiles = await git.changedFiles(base, head), previousControlText = await git.show(base, relative2(repositoryRoot, controlFile)) ?? null;
  return { repositoryRoot, changedFiles, previousControlText };
}

export {
  Git,
  GitError,
  detectChanges,
  isNullCommit,
  changesFromGit
};
