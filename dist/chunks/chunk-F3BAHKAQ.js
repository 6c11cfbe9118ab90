import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  parseYamlStream
} from "./chunk-3F3HULD2.js";
import {
  ConfigurationError
} from "./chunk-LJ22TVXO.js";

// src/k8s/kubectl.ts
var Kubectl = class {
  constructor(exec, binary = "kubectl") {
    this.exec = exec;
    this.binary = binary;
  }
  exec;
  binary;
  /** Renders an overlay offline; needs no cluster. */
  kustomize(directory) {
    return this.exec(this.binary, ["kustomize", directory]);
  }
};

// src/manifests/render.ts
function kustomizeMessage(stderr) {
  let block = /err=<\n([\s\S]*?)\n\s*>/.exec(stderr);
  if (block?.[1])
    return block[1].split(`
`).map((line) => line.replace(/^\t/, "")).join(`
`).trim();
  let quoted = /err="((?:[^"\\]|\\.)*)"/.exec(stderr);
  if (quoted?.[1] !== void 0)
    try {
      return JSON.parse(`"${quoted[1]}"`).trim();
    } catch {
      return quoted[1].trim();
    }
  return stderr.replace(/^[EWI]\d{4} [^\]]*\] /gm, "").trim() || "kubectl kustomize failed without a message";
}
function resourcesFromYaml(yaml, origin) {
  let resources = [];
  for (let document of parseYamlStream(yaml, origin)) {
    let object = document.value;
    if (!object || typeof object != "object" || typeof object.kind != "string" || typeof object.metadata?.name != "string")
      throw new ConfigurationError(`${origin}: the built stream holds a document without kind or metadata.name.`, [
        { severity: "error", code: "MANIFEST_SHAPE", message: "document without kind or metadata.name", location: document.locate([]) }
      ]);
    resources.push({ object, source: document });
  }
  return resources;
}
async function buildOverlay(kubectl, overlay) {
  let built = await kubectl.kustomize(overlay);
  return built.exitCode === 0 ? { ok: !0, yaml: built.stdout } : { ok: !1, message: kustomizeMessage(built.stderr) };
}
async function renderOverlay(kubectl, overlay) {
  let built = await buildOverlay(kubectl, overlay);
  if (!built.ok)
    throw new ConfigurationError(`kubectl kustomize ${overlay} failed:
${built.message}`, [
      { severity: "error", code: "KUSTOMIZE_BUILD", message: built.message, location: { file: overlay } }
    ]);
  return { overlay, yaml: built.yaml, resources: resourcesFromYaml(built.yaml, overlay) };
}

export {
  Kubectl,
  resourcesFromYaml,
  buildOverlay,
  renderOverlay
};
