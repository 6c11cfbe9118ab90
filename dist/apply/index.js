import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  applyEnvironment,
  applyMarkdown,
  parseSecretValues
} from "../chunks/chunk-EJSUCKRA.js";
import "../chunks/chunk-TMJPOBLI.js";
import {
  parseServiceList
} from "../chunks/chunk-MSFEY7FV.js";
import "../chunks/chunk-OORLVQZO.js";
import "../chunks/chunk-HHK5WSHU.js";
import "../chunks/chunk-XURGQUZU.js";
import {
  actionKube,
  kubeconfigForAction
} from "../chunks/chunk-MGEUGUUI.js";
import {
  ensureServerReachable
} from "../chunks/chunk-3GBSTZKE.js";
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
import "../chunks/chunk-ONP5N6JI.js";
import {
  systemClock
} from "../chunks/chunk-WIIGQYE6.js";
import "../chunks/chunk-YFCLFOYO.js";
import "../chunks/chunk-JNJT7SPT.js";
import {
  DEFAULT_CONTROL_FILE,
  loadDeployControl
} from "../chunks/chunk-ZQ3QI6WY.js";
import "../chunks/chunk-3F3HULD2.js";
import "../chunks/chunk-RALDDNPB.js";
import "../chunks/chunk-5YOTZDGR.js";
import {
  maskValue
} from "../chunks/chunk-OR3Z7ZGF.js";
import "../chunks/chunk-4WAREM3A.js";
import {
  booleanInput,
  input,
  requiredInput,
  runAction
} from "../chunks/chunk-HJSB2IK2.js";
import "../chunks/chunk-DHW3Q5BD.js";
import "../chunks/chunk-LJ22TVXO.js";
import {
  error,
  setFailed,
  setOutput,
  summary
} from "../chunks/chunk-ZJACZSGB.js";
import "../chunks/chunk-WQYZTGJH.js";

// src/actions/apply-action.ts
function readApplyInputs() {
  let secrets = parseSecretValues(input("secrets"), 'input "secrets"');
  for (let value of Object.values(secrets)) maskValue(value);
  let inputs = {
    environment: requiredInput("environment"),
    controlFile: input("control-file") ?? DEFAULT_CONTROL_FILE,
    secrets,
    dryRun: booleanInput("dry-run", !1),
    services: parseServices(input("services"))
  }, kubeconfig = input("kubeconfig");
  return kubeconfig !== void 0 && (inputs.kubeconfig = kubeconfig), inputs;
}
function parseServices(text) {
  return parseServiceList(text, "services");
}
function runApplyAction() {
  return runAction(async () => {
    let inputs = readApplyInputs(), control = await loadDeployControl(inputs.controlFile), kubeconfig = kubeconfigForAction(inputs.kubeconfig, inputs.environment), kube;
    try {
      kube = actionKube(kubeconfig);
      let kubectl = new Kubectl(execute);
      await ensureServerReachable(kube, inputs.dryRun ? "nothing was planned" : "nothing was applied", kubeconfig.server);
      let report = await applyEnvironment(
        {
          environment: inputs.environment,
          control,
          secrets: inputs.secrets,
          services: inputs.services,
          dryRun: inputs.dryRun,
          registerSecret: maskValue
        },
        { kube, kubectl, clock: systemClock, logger: actionsLogger }
      );
      setOutput("resources", JSON.stringify(report.resources)), setOutput("recreated", JSON.stringify(report.recreated)), setOutput("workloads", JSON.stringify(report.workloads)), await summary.addRaw(applyMarkdown(report)).write();
      for (let error2 of report.errors) error(error2);
      report.ok || setFailed(`${report.mode === "plan" ? "Plan" : "Apply"} for ${inputs.environment} failed: ${report.errors.length} error(s), see the job summary.`);
    } finally {
      kube?.close();
    }
  });
}

// src/actions/apply.ts
await runApplyAction();
