import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  displayPath,
  parseSecretNames,
  renderText,
  validationMarkdown
} from "../chunks/chunk-NQ6I56LV.js";
import {
  validateInfrastructure
} from "../chunks/chunk-5FGXZRVY.js";
import "../chunks/chunk-TMJPOBLI.js";
import "../chunks/chunk-ONBTLNLY.js";
import "../chunks/chunk-OORLVQZO.js";
import "../chunks/chunk-5S4EP2TH.js";
import {
  Kubectl
} from "../chunks/chunk-F3BAHKAQ.js";
import "../chunks/chunk-LLJRTO2H.js";
import {
  execute
} from "../chunks/chunk-GPQRJ2F6.js";
import {
  actionsLogger
} from "../chunks/chunk-LX3DF3E6.js";
import "../chunks/chunk-WIIGQYE6.js";
import "../chunks/chunk-YFCLFOYO.js";
import "../chunks/chunk-ZQ3QI6WY.js";
import "../chunks/chunk-3F3HULD2.js";
import "../chunks/chunk-RALDDNPB.js";
import "../chunks/chunk-5YOTZDGR.js";
import {
  annotate,
  booleanInput,
  input,
  runAction
} from "../chunks/chunk-HJSB2IK2.js";
import "../chunks/chunk-DHW3Q5BD.js";
import "../chunks/chunk-LJ22TVXO.js";
import {
  info,
  setFailed,
  setOutput,
  summary
} from "../chunks/chunk-ZJACZSGB.js";
import "../chunks/chunk-WQYZTGJH.js";

// src/actions/validate-action.ts
import { dirname } from "node:path";
function readRequest() {
  let controlFile = input("control-file"), root = input("root") ?? (controlFile ? dirname(controlFile) : "infra"), request = { root: displayPath(root, process.cwd()) };
  controlFile && (request.controlFile = displayPath(controlFile, process.cwd()));
  let secretNames = parseSecretNames(input("secret-names"));
  return secretNames && (request.secretNames = secretNames), booleanInput("image-preflight", !1) && (request.imagePreflight = !0), request;
}
function runValidateAction() {
  return runAction(async () => {
    let request = readRequest(), report = await validateInfrastructure(request, { kubectl: new Kubectl(execute), logger: actionsLogger, fetch: (url, init) => fetch(url, init) });
    info(renderText(report)), annotate(report.findings), setOutput("valid", String(report.valid)), setOutput("environments", JSON.stringify(report.environments)), setOutput("overlays", JSON.stringify(report.overlays.map((overlay) => overlay.path))), setOutput("errors", String(report.counts.errors)), setOutput("report", JSON.stringify(report)), await summary.addRaw(validationMarkdown(report)).write(), report.valid || setFailed(`k8sapp validate: ${report.counts.errors} error(s) in ${report.root}; see the annotations and the job summary`);
  });
}

// src/actions/validate.ts
await runValidateAction();
