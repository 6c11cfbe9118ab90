import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  overlayDependencies
} from "./chunk-5S4EP2TH.js";
import {
  parseYamlStream
} from "./chunk-3F3HULD2.js";

// src/rollout/locate.ts
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
async function findManifestLocation(overlayDirectory, ref) {
  let files = [...await overlayDependencies(overlayDirectory)].filter((file) => /\.ya?ml$/.test(file) && !/kustomization\.ya?ml$/.test(file)), matches = [];
  for (let file of files) {
    let text;
    try {
      text = await readFile(file, "utf8");
    } catch {
      continue;
    }
    let documents;
    try {
      documents = parseYamlStream(text, file);
    } catch {
      continue;
    }
    for (let document of documents) {
      let value = document.value;
      value?.kind === ref.kind && value.metadata?.name === ref.name && matches.push(document.locate(["metadata", "name"]));
    }
  }
  return matches.find((m) => m.file.startsWith(overlayDirectory)) ?? matches[0];
}
async function failedWorkloadFindings(overlayDirectory, workloads, workspace) {
  let findings = [];
  for (let workload of workloads.filter((w) => w.status !== "succeeded")) {
    let location = overlayDirectory ? await findManifestLocation(overlayDirectory, workload).catch(() => {
    }) : void 0, first = workload.diagnosis.find((row) => row.fatal) ?? workload.diagnosis[0], detail = first ? `${first.reason}${first.pod ? ` (pod ${first.pod})` : ""}: ${first.message}` : workload.message, finding = { severity: "error", code: "ROLLOUT_FAILED", message: `${workload.kind}/${workload.name} ${workload.status}: ${detail}` };
    location && (finding.location = { ...location, file: relative(workspace, location.file) }), findings.push(finding);
  }
  return findings;
}

export {
  failedWorkloadFindings
};
