import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  migrationSummaryMarkdown,
  prepareMigrations,
  runMigrations
} from "../chunks/chunk-7SABSQP6.js";
import "../chunks/chunk-6BPK5SRL.js";
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
import "../chunks/chunk-GYORPFU3.js";
import "../chunks/chunk-NTOY4Y3S.js";
import "../chunks/chunk-RALDDNPB.js";
import {
  maskKubeconfig
} from "../chunks/chunk-TM6537RH.js";
import "../chunks/chunk-YIVKIZ3T.js";
import {
  annotate,
  booleanInput,
  input,
  requiredInput,
  runAction
} from "../chunks/chunk-RY43JTN3.js";
import "../chunks/chunk-37WC52XK.js";
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
  return kubeconfig !== void 0 && (maskKubeconfig(kubeconfig), inputs.kubeconfig = kubeconfig), inputs;
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
