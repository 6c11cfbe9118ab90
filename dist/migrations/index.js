import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  migrationSummaryMarkdown,
  prepareMigrations,
  runMigrations
} from "../chunks/chunk-OOVFK5CW.js";
import "../chunks/chunk-LZ2HUVNT.js";
import {
  kubeconfigForAction
} from "../chunks/chunk-BUHR5LMR.js";
import {
  ClusterUnreachableError,
  classifyUnreachable
} from "../chunks/chunk-OVHXPFDR.js";
import "../chunks/chunk-WWCZPUM5.js";
import "../chunks/chunk-LLJRTO2H.js";
import {
  execute
} from "../chunks/chunk-BYM7EXRP.js";
import {
  actionsLogger
} from "../chunks/chunk-EC7IROM4.js";
import {
  systemClock
} from "../chunks/chunk-WIIGQYE6.js";
import {
  Kubectl
} from "../chunks/chunk-XXCUKRE6.js";
import "../chunks/chunk-WMJJ5B44.js";
import "../chunks/chunk-5S22JYLF.js";
import "../chunks/chunk-DHW3Q5BD.js";
import "../chunks/chunk-RALDDNPB.js";
import {
  annotate,
  booleanInput,
  input,
  requiredInput,
  runAction
} from "../chunks/chunk-DK6EFM37.js";
import "../chunks/chunk-F5XTP6AN.js";
import {
  group,
  info,
  setFailed,
  setOutput,
  setSecret,
  summary
} from "../chunks/chunk-D56Y45YG.js";
import "../chunks/chunk-QWDZFTQ4.js";
import "../chunks/chunk-WQYZTGJH.js";

// src/k8s/probe.ts
async function probeCluster(kubectl, options) {
  let attempts = options.attempts ?? 3, delay = 1e3;
  for (let attempt = 1; ; attempt++) {
    let answer = await kubectl.version();
    if (answer.exitCode === 0) return answer;
    let unreachable = classifyUnreachable(answer.stderr);
    if (!unreachable) return answer;
    if (options.server && (unreachable.server = options.server), attempt < attempts && (unreachable.cause === "refused" || unreachable.cause === "timeout")) {
      options.logger?.info(`${unreachable.detail} (attempt ${attempt} of ${attempts}; retrying in ${delay / 1e3} s)`), await options.clock.sleep(delay), delay *= 2;
      continue;
    }
    throw new ClusterUnreachableError(unreachable, options.notDone);
  }
}

// src/migrations/action.ts
function readInputs() {
  let inputs = {
    environment: requiredInput("environment"),
    controlFile: input("control-file") ?? "infra/deploy-control.yaml",
    run: booleanInput("run", !1)
  }, kubeconfig = input("kubeconfig");
  return kubeconfig !== void 0 && (setSecret(kubeconfig), inputs.kubeconfig = kubeconfig), inputs;
}
function runMigrationsAction() {
  return runAction(async () => {
    let inputs = readInputs(), kubeconfig;
    try {
      kubeconfig = await kubeconfigForAction(inputs.kubeconfig, inputs.environment);
      let kubectl = new Kubectl(execute, { kubeconfig: kubeconfig.path }), prepared = await group(
        "Load migrations",
        () => prepareMigrations({ controlFile: inputs.controlFile, environment: inputs.environment, kubectl, sha: process.env.GITHUB_SHA })
      );
      info(`${prepared.request.migrations.length} migration(s) loaded; components: ${prepared.request.components.join(", ") || "(none)"}`), await probeCluster(kubectl, { notDone: "no migration was asked or run", server: kubeconfig.server, clock: systemClock, logger: actionsLogger });
      let report = await runMigrations({ ...prepared.request, mode: inputs.run ? "run" : "plan" }, { kubectl, clock: systemClock, logger: actionsLogger });
      if (annotate(report.findings), setOutput("status", report.status), setOutput("needed", JSON.stringify(report.results.filter((r) => r.needed).map((r) => r.id))), setOutput("ran", JSON.stringify(report.results.filter((r) => r.status === "succeeded").map((r) => r.id))), setOutput("report", JSON.stringify(report)), await summary.addRaw(migrationSummaryMarkdown(report)).write(), report.status === "failed") {
        let failed = report.results.filter((r) => r.status === "failed" || r.status === "timed-out");
        setFailed(`migration(s) failed: ${failed.map((r) => `${r.id}: ${r.error ?? r.status}`).join("; ")}`);
      }
    } finally {
      await kubeconfig?.dispose();
    }
  });
}

// src/actions/migrations.ts
await runMigrationsAction();
