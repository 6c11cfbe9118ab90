import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  deployMarkdown,
  octokitDeployments,
  runDeploy
} from "../chunks/chunk-GLCSKHC2.js";
import {
  parseDockerConfig
} from "../chunks/chunk-3DFJLHOS.js";
import {
  parseSecretValues
} from "../chunks/chunk-NYPKLTUH.js";
import "../chunks/chunk-JDNALGQO.js";
import "../chunks/chunk-UE4YNJEU.js";
import {
  approvalFinding,
  checkEnvironmentApproval
} from "../chunks/chunk-NN3QXJYB.js";
import "../chunks/chunk-6J4HGSUD.js";
import {
  parseServiceList,
  triggerFromEvent
} from "../chunks/chunk-QXH2E6XA.js";
import "../chunks/chunk-OORLVQZO.js";
import "../chunks/chunk-OOVFK5CW.js";
import "../chunks/chunk-LZ2HUVNT.js";
import {
  environmentReader,
  repositoryFromEnvironment
} from "../chunks/chunk-WM2WLBMD.js";
import {
  failedWorkloadFindings
} from "../chunks/chunk-32XIZKYL.js";
import {
  diagnosisRows
} from "../chunks/chunk-PYORXYLV.js";
import "../chunks/chunk-G2UJOL64.js";
import "../chunks/chunk-5S4EP2TH.js";
import {
  actionKube,
  kubeconfigForAction
} from "../chunks/chunk-BUHR5LMR.js";
import "../chunks/chunk-OVHXPFDR.js";
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
import {
  DEFAULT_CONTROL_FILE,
  loadDeployControl,
  overlayPath
} from "../chunks/chunk-WMJJ5B44.js";
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
import {
  ConfigurationError
} from "../chunks/chunk-F5XTP6AN.js";
import {
  error,
  info,
  notice,
  setFailed,
  setOutput,
  setSecret,
  summary
} from "../chunks/chunk-D56Y45YG.js";
import "../chunks/chunk-QWDZFTQ4.js";
import "../chunks/chunk-WQYZTGJH.js";

// src/deploy/action.ts
import { relative } from "node:path";
function mask(value) {
  if (value !== "" && (setSecret(value), value.includes(`
`)))
    for (let line of value.split(/\r?\n/)) line.trim().length >= 4 && setSecret(line.trim());
}
function readDeployInputs() {
  let secrets = parseSecretValues(input("secrets"), 'input "secrets"');
  for (let value of Object.values(secrets)) mask(value);
  let token = input("token");
  token && setSecret(token);
  let inputs = {
    environment: requiredInput("environment"),
    controlFile: input("control-file") ?? DEFAULT_CONTROL_FILE,
    secrets,
    dryRun: booleanInput("dry-run", !1),
    services: parseServiceList(input("services"))
  }, kubeconfig = input("kubeconfig");
  kubeconfig !== void 0 && (inputs.kubeconfig = kubeconfig);
  let emergencyReason = input("emergency-reason")?.trim();
  emergencyReason && (inputs.emergencyReason = emergencyReason), token && (inputs.token = token);
  let registryCredentials = input("registry-credentials");
  if (registryCredentials) {
    mask(registryCredentials), inputs.registryCredentials = parseDockerConfig(registryCredentials, 'input "registry-credentials"');
    for (let value of inputs.registryCredentials.secretValues()) setSecret(value);
  }
  return inputs;
}
function runUrl() {
  let { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = process.env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : void 0;
}
function runDeployAction() {
  return runAction(async () => {
    let inputs = readDeployInputs();
    setOutput("deployed", "false");
    let event = process.env.GITHUB_EVENT_NAME, trigger = triggerFromEvent(event), control = await loadDeployControl(inputs.controlFile), repo = repositoryFromEnvironment(), deployments;
    inputs.dryRun || (inputs.token && repo ? deployments = octokitDeployments(inputs.token, repo.owner, repo.repo) : notice("Deployment history is not recorded: no token or GITHUB_REPOSITORY.", { title: "k8sapp deploy" }));
    let kubeconfig = kubeconfigForAction(inputs.kubeconfig, inputs.environment), kube = actionKube(kubeconfig), report;
    try {
      report = await runDeploy(
        {
          environment: inputs.environment,
          control,
          trigger,
          services: inputs.services,
          ...inputs.emergencyReason ? { emergencyReason: inputs.emergencyReason } : {},
          secrets: inputs.secrets,
          dryRun: inputs.dryRun,
          git: { sha: process.env.GITHUB_SHA ?? "", ref: process.env.GITHUB_REF ?? "" },
          server: kubeconfig.server,
          ...inputs.registryCredentials ? { registryCredentials: inputs.registryCredentials } : {},
          ...runUrl() ? { runUrl: runUrl() } : {}
        },
        {
          kube,
          kubectl: new Kubectl(execute),
          clock: systemClock,
          logger: actionsLogger,
          registerSecret: (value) => setSecret(value),
          fetch: (url, init) => fetch(url, init),
          checkApproval: async ({ environment, mode }) => {
            if (!repo)
              throw new ConfigurationError('GITHUB_REPOSITORY is not set to "owner/repo"; the approval check needs it to read the GitHub environment.');
            return checkEnvironmentApproval(environmentReader(inputs.token), { ...repo, environment, mode });
          },
          ...deployments ? { deployments } : {},
          notice: (message) => notice(message, { title: "k8sapp deploy: deployment history" })
        }
      );
    } finally {
      kube.close();
    }
    setOutput("deployed", String(report.status === "succeeded" && !report.dryRun)), setOutput("status", report.status), setOutput("resources", JSON.stringify(report.resources)), setOutput("recreated", JSON.stringify(report.recreated)), setOutput("diagnosis", JSON.stringify(report.rollout ? diagnosisRows(report.rollout) : []));
    let { inventory: _inventory, inventoryVersion: _version, ...release } = report.release?.recorded ?? { inventory: void 0, inventoryVersion: void 0 };
    if (setOutput("release", report.release?.recorded ? JSON.stringify(release) : ""), setOutput("prune", report.prune ? JSON.stringify(report.prune) : ""), await summary.addRaw(deployMarkdown(report, { triggerSource: `event ${event ?? "unknown"}` })).write(), report.approval && !report.approval.confirmed) {
      let finding = approvalFinding(control, report.decision, report.approval);
      if (!report.approval.passes) throw new ConfigurationError(`Manual approval for "${report.environment}" cannot be confirmed; not deploying.`, [finding]);
      annotate([finding]);
    }
    if (report.status === "skipped") {
      notice(report.message, { title: "k8sapp: deploy gate" });
      return;
    }
    let workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    annotate(
      (report.preflight?.findings ?? []).map((f) => f.location ? { ...f, location: { ...f.location, file: relative(workspace, f.location.file) } } : f)
    ), annotate(
      await failedWorkloadFindings(overlayPath(control, report.environment), report.rollout?.workloads ?? [], process.env.GITHUB_WORKSPACE ?? process.cwd())
    );
    for (let error2 of report.errors.filter((e) => !report.preflight?.findings.some((f) => f.message === e))) error(error2, { title: "k8sapp deploy" });
    if (report.apply) for (let error2 of report.apply.errors) error(error2, { title: "k8sapp apply" });
    report.status === "succeeded" ? info(report.message) : setFailed(report.message);
  });
}

// src/actions/deploy.ts
await runDeployAction();
