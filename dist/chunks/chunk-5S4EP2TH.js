import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-DHW3Q5BD.js";
import {
  __toESM
} from "./chunk-WQYZTGJH.js";

// src/changes/dependencies.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
var diskReader = {
  readText: async (path) => {
    try {
      return await readFile(path, "utf8");
    } catch {
      return;
    }
  },
  isDirectory: async (path) => {
    try {
      return (await stat(path)).isDirectory();
    } catch {
      return !1;
    }
  }
}, KUSTOMIZATION_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"], isRemote = (reference) => /^(https?|git|ssh|oci):\/\/|^github\.com\/|^git@|\?ref=/.test(reference);
function strings(value) {
  return Array.isArray(value) ? value.filter((item) => typeof item == "string") : [];
}
function objects(value) {
  return Array.isArray(value) ? value.filter((item) => typeof item == "object" && item !== null) : [];
}
function generatorFiles(generator) {
  let files = strings(generator.files).map((entry) => entry.includes("=") ? entry.slice(entry.indexOf("=") + 1) : entry), envs = strings(generator.envs);
  return typeof generator.env == "string" && envs.push(generator.env), [...files, ...envs];
}
function referencedPaths(kustomization) {
  let folders = [...strings(kustomization.bases), ...strings(kustomization.components)], paths = [...strings(kustomization.resources), ...strings(kustomization.crds)];
  paths.push(...strings(kustomization.generators), ...strings(kustomization.transformers), ...strings(kustomization.validators)), paths.push(...strings(kustomization.configurations)), paths.push(...strings(kustomization.patchesStrategicMerge).filter((entry) => !entry.includes(`
`)));
  for (let key of ["patches", "patchesJson6902", "replacements"])
    for (let entry of objects(kustomization[key])) typeof entry.path == "string" && paths.push(entry.path);
  for (let key of ["configMapGenerator", "secretGenerator"])
    for (let generator of objects(kustomization[key])) paths.push(...generatorFiles(generator));
  for (let chart of objects(kustomization.helmCharts))
    typeof chart.valuesFile == "string" && paths.push(chart.valuesFile), paths.push(...strings(chart.additionalValuesFiles));
  let openapi = kustomization.openapi;
  return openapi && typeof openapi.path == "string" && paths.push(openapi.path), { paths: paths.filter((path) => !isRemote(path)), folders: folders.filter((path) => !isRemote(path)) };
}
async function overlayDependencies(overlayDirectory, reader = diskReader) {
  let files = /* @__PURE__ */ new Set(), visited = /* @__PURE__ */ new Set();
  async function walkFolder(folder) {
    let absolute = resolve(folder);
    if (!visited.has(absolute)) {
      visited.add(absolute);
      for (let name of KUSTOMIZATION_NAMES) {
        let file = join(absolute, name), text = await reader.readText(file);
        if (text === void 0) continue;
        files.add(file);
        let kustomization;
        try {
          kustomization = (0, import_yaml.parse)(text) ?? {};
        } catch {
          return;
        }
        let { paths, folders } = referencedPaths(kustomization);
        for (let folderReference of folders) await walkFolder(join(absolute, folderReference));
        for (let reference of paths) {
          let target = join(absolute, reference);
          await reader.isDirectory(target) ? await walkFolder(target) : files.add(target);
        }
        return;
      }
    }
  }
  return await walkFolder(overlayDirectory), files;
}

export {
  diskReader,
  overlayDependencies
};
