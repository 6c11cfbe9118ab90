import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  migrationSummaryMarkdown,
  prepareMigrations,
  runMigrations
} from "../chunks/chunk-ZN77U2VN.js";
import "../chunks/chunk-SS62L5NX.js";
import "../chunks/chunk-DAQUB7XV.js";
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
import "../chunks/chunk-ZQ3QI6WY.js";
import "../chunks/chunk-3F3HULD2.js";
import "../chunks/chunk-RALDDNPB.js";
import "../chunks/chunk-5YOTZDGR.js";
import "../chunks/chunk-OR3Z7ZGF.js";
import "../chunks/chunk-4WAREM3A.js";
import {
  annotate,
  booleanInput,
  input,
  requiredInput,
  runAction
} from "../chunks/chunk-HJSB2IK2.js";
import "../chunks/chunk-DHW3Q5BD.js";
import "../chunks/chunk-LJ22TVXO.js";
import {
  group,
  info,
  setFailed,
  setOutput,
  summary
} from "../chunks/chunk-ZJACZSGB.js";
import "../chunks/chunk-WQYZTGJH.js";

// src/actions/migrations-action.ts
function readInputs() {
  let inputs = {
    environment: requiredInput("environment"),
    controlFile: input("control-file") ?? "infra/deploy-control.yaml",
    run: booleanInput("run", !1)
  }, kubeconfig = input("kubeconfig");
  return kubeconfig !== void 0 && (inputs.kubeconfig = kubeconfig), inputs;
}
function runMigrationsAction() {
  return runAction(async () => {
    let inputs = readInputs(), kubeconfig, closeKube = () => {
    };
    try {
      kubeconfig = kubeconfigForAction(inputs.kubeconfig, inputs.environment);
      let kubectl = new Kubectl(execute), prepared = await group(
        "Load migrations",
        () => prepareMigrations({ controlFile: inputs.controlFile, environment: inputs.environment, kubectl, sha: process.env.GITHUB_SHA })
      );
      info(`${prepared.request.migrations.length} migration(s) loaded; components: ${prepared.request.components.join(", ") || "(none)"}`);
      let kube = actionKube(kubeconfig);
      closeKube = () => kube.close(), await ensureServerReachable(kube, "no migration was asked or run", kubeconfig.server);
      let report = await runMigrations({ ...prepared.request, mode: inputs.run ? "run" : "plan" }, { kube, clock: systemClock, logger: actionsLogger });
      if (annotate(report.findings), setOutput("status", report.status), setOutput("needed", JSON.stringify(report.results.filter((r) => r.needed).map((r) => r.id))), setOutput("ran", JSON.stringify(report.results.filter((r) => r.status === "succeeded").map((r) => r.id))), setOutput("report", JSON.stringify(report)), await summary.addRaw(migrationSummaryMarkdown(report)).write(), report.status === "failed") {
        let failed = report.results.filter((r) => r.status === "failed" || r.status === "timed-out");
        setFailed(`migration(s) failed: ${failed.map((r) => `${r.id}: ${r.error ?? r.status}`).join("; ")}`);
      }
    } finally {
      closeKube();
    }
  });
}

// src/actions/migrations.ts
await runMigrationsAction();
