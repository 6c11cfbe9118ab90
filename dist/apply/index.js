import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  applyEnvironment,
  parseSecretValues,
  renderMarkdown
} from "../chunks/chunk-FSN37D7J.js";
import "../chunks/chunk-CB27PBFE.js";
import {
  parseServiceList
} from "../chunks/chunk-WX4TOXAE.js";
import "../chunks/chunk-OORLVQZO.js";
import "../chunks/chunk-APJW6FGV.js";
import {
  actionKube,
  kubeconfigForAction
} from "../chunks/chunk-F2JRQAWY.js";
import {
  ensureServerReachable
} from "../chunks/chunk-R7GSXLSZ.js";
import {
  Kubectl
} from "../chunks/chunk-NE45RDSF.js";
import "../chunks/chunk-LLJRTO2H.js";
import {
  execute
} from "../chunks/chunk-GPQRJ2F6.js";
import {
  actionsLogger
} from "../chunks/chunk-LX3DF3E6.js";
import "../chunks/chunk-LS5V5PTD.js";
import {
  systemClock
} from "../chunks/chunk-WIIGQYE6.js";
import "../chunks/chunk-KIYCU4HI.js";
import "../chunks/chunk-XQWYDNPR.js";
import {
  DEFAULT_CONTROL_FILE,
  loadDeployControl
} from "../chunks/chunk-GYORPFU3.js";
import "../chunks/chunk-NTOY4Y3S.js";
import "../chunks/chunk-RALDDNPB.js";
import {
  maskValue
} from "../chunks/chunk-TM6537RH.js";
import "../chunks/chunk-YIVKIZ3T.js";
import {
  booleanInput,
  input,
  requiredInput,
  runAction
} from "../chunks/chunk-RY43JTN3.js";
import "../chunks/chunk-37WC52XK.js";
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
      setOutput("resources", JSON.stringify(report.resources)), setOutput("recreated", JSON.stringify(report.recreated)), setOutput("workloads", JSON.stringify(report.workloads)), await summary.addRaw(renderMarkdown(report)).write();
      for (let error2 of report.errors) error(error2);
      report.ok || setFailed(`${report.mode === "plan" ? "Plan" : "Apply"} for ${inputs.environment} failed: ${report.errors.length} error(s), see the job summary.`);
    } finally {
      kube?.close();
    }
  });
}

// src/actions/apply.ts
await runApplyAction();
