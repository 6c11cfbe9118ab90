import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  failedWorkloadFindings
} from "../chunks/chunk-7LLWZPAO.js";
import {
  DEFAULT_RELEASE_NAMESPACE,
  diagnosisRows,
  parseWorkloads,
  publicReport,
  rolloutSections,
  rolloutSettings,
  runRollout,
  verdictLine,
  workloadsOf
} from "../chunks/chunk-HUNDL6GK.js";
import "../chunks/chunk-HHK5WSHU.js";
import "../chunks/chunk-XURGQUZU.js";
import "../chunks/chunk-5S4EP2TH.js";
import "../chunks/chunk-DAQUB7XV.js";
import {
  actionKube,
  kubeconfigForAction
} from "../chunks/chunk-MGEUGUUI.js";
import {
  ensureServerReachable
} from "../chunks/chunk-3GBSTZKE.js";
import {
  Kubectl,
  renderOverlay
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
  loadDeployControl,
  overlayPath
} from "../chunks/chunk-ZQ3QI6WY.js";
import {
  inlineText
} from "../chunks/chunk-3F3HULD2.js";
import "../chunks/chunk-RALDDNPB.js";
import "../chunks/chunk-5YOTZDGR.js";
import "../chunks/chunk-OR3Z7ZGF.js";
import "../chunks/chunk-4WAREM3A.js";
import {
  annotate,
  input,
  requiredInput,
  runAction
} from "../chunks/chunk-HJSB2IK2.js";
import "../chunks/chunk-DHW3Q5BD.js";
import {
  ConfigurationError
} from "../chunks/chunk-LJ22TVXO.js";
import {
  info,
  setFailed,
  setOutput,
  summary
} from "../chunks/chunk-ZJACZSGB.js";
import "../chunks/chunk-WQYZTGJH.js";

// src/actions/rollout-action.ts
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
function readInputs() {
  let workloads = input("workloads"), kubeconfig = input("kubeconfig"), timeout = input("timeout"), rollback = input("rollback"), manifests = input("manifests");
  return {
    environment: requiredInput("environment"),
    ...workloads !== void 0 ? { workloads } : {},
    ...kubeconfig !== void 0 ? { kubeconfig } : {},
    ...timeout !== void 0 ? { timeout } : {},
    ...rollback !== void 0 ? { rollback } : {},
    controlFile: input("control-file") ?? "infra/deploy-control.yaml",
    ...manifests !== void 0 ? { manifests } : {},
    releaseNamespace: input("release-namespace") ?? DEFAULT_RELEASE_NAMESPACE
  };
}
function runRolloutAction() {
  return runAction(async () => {
    let inputs = readInputs(), control = existsSync(inputs.controlFile) || (inputs.rollback ?? "auto") === "auto" ? await loadDeployControl(inputs.controlFile) : void 0, settings = rolloutSettings(control, inputs.environment, {
      ...inputs.timeout ? { timeout: inputs.timeout } : {},
      ...inputs.rollback ? { rollback: inputs.rollback } : {}
    }), workloads = inputs.workloads ? parseWorkloads(inputs.workloads) : void 0, record = inputs.manifests ? { sha: process.env.GITHUB_SHA ?? "unknown", manifests: await readManifests(inputs.manifests) } : void 0, kubeconfig = kubeconfigForAction(inputs.kubeconfig, inputs.environment), result, kube;
    try {
      let kubectl = new Kubectl(execute);
      if (kube = actionKube(kubeconfig), !workloads) {
        if (!control) throw new ConfigurationError("no workloads given and no deploy-control.yaml to render the overlay from");
        workloads = workloadsOf((await renderOverlay(kubectl, overlayPath(control, inputs.environment))).yaml);
      }
      await ensureServerReachable(kube, "no workload was waited for", kubeconfig.server), result = await runRollout(
        {
          environment: inputs.environment,
          workloads,
          timeoutSeconds: settings.timeoutSeconds,
          rollback: settings.rollback,
          releaseStore: { namespace: inputs.releaseNamespace },
          ...record ? { record } : {}
        },
        { kube, clock: systemClock, logger: actionsLogger }
      );
    } finally {
      kube?.close();
    }
    let report = publicReport(result), rows = diagnosisRows(report);
    setOutput("status", report.status), setOutput("diagnosis", JSON.stringify(rows)), setOutput("rolled-back", JSON.stringify(report.rollback.workloads.map(({ diagnosis: _d, ...rest }) => rest))), setOutput("report", JSON.stringify(report));
    let summary2 = [`## Rollout: ${inlineText(inputs.environment)} \u2014 ${report.status}`, "", ...rolloutSections(report)];
    if (report.release?.recorded) {
      let r = report.release.recorded;
      summary2.push(
        inlineText(
          `Recorded release ${r.revision} (${r.sha}, ${r.digest.slice(0, 19)}\u2026)${r.strippedSecrets.length ? `; Secrets not recorded: ${r.strippedSecrets.join(", ")}` : ""}`
        ),
        ""
      );
    } else report.release?.error && summary2.push(inlineText(`Release not recorded: ${report.release.error}`), "");
    summary.addRaw(`${summary2.join(`
`)}
`), await summary.write();
    let overlay = control ? overlayPath(control, inputs.environment) : void 0;
    annotate(await failedWorkloadFindings(overlay, report.workloads, process.env.GITHUB_WORKSPACE ?? process.cwd())), report.status !== "succeeded" ? setFailed(verdictLine(report)) : info(verdictLine(report));
  });
}
async function readManifests(path) {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigurationError(`manifests: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// src/actions/rollout.ts
await runRolloutAction();
