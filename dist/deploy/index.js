import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  deployMarkdown,
  runDeploy
} from "../chunks/chunk-5J2LR7UE.js";
import {
  parseDockerConfig
} from "../chunks/chunk-5FGXZRVY.js";
import {
  parseSecretValues
} from "../chunks/chunk-EJSUCKRA.js";
import "../chunks/chunk-TMJPOBLI.js";
import "../chunks/chunk-ONBTLNLY.js";
import {
  approvalFinding,
  checkEnvironmentApproval
} from "../chunks/chunk-NN3QXJYB.js";
import "../chunks/chunk-XRAJVCZM.js";
import {
  parseServiceList,
  triggerFromEvent
} from "../chunks/chunk-MSFEY7FV.js";
import "../chunks/chunk-OORLVQZO.js";
import "../chunks/chunk-ZN77U2VN.js";
import "../chunks/chunk-SS62L5NX.js";
import {
  environmentReader,
  repositoryFromEnvironment
} from "../chunks/chunk-WM2WLBMD.js";
import {
  failedWorkloadFindings
} from "../chunks/chunk-7LLWZPAO.js";
import {
  diagnosisRows
} from "../chunks/chunk-HUNDL6GK.js";
import "../chunks/chunk-HHK5WSHU.js";
import "../chunks/chunk-XURGQUZU.js";
import "../chunks/chunk-5S4EP2TH.js";
import "../chunks/chunk-DAQUB7XV.js";
import {
  actionKube,
  kubeconfigForAction
} from "../chunks/chunk-MGEUGUUI.js";
import "../chunks/chunk-3GBSTZKE.js";
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
  loadDeployControl,
  overlayPath
} from "../chunks/chunk-ZQ3QI6WY.js";
import "../chunks/chunk-3F3HULD2.js";
import "../chunks/chunk-RALDDNPB.js";
import "../chunks/chunk-5YOTZDGR.js";
import {
  maskValue
} from "../chunks/chunk-OR3Z7ZGF.js";
import "../chunks/chunk-4WAREM3A.js";
import {
  annotate,
  booleanInput,
  input,
  requiredInput,
  runAction
} from "../chunks/chunk-HJSB2IK2.js";
import "../chunks/chunk-DHW3Q5BD.js";
import {
  ConfigurationError
} from "../chunks/chunk-LJ22TVXO.js";
import {
  error,
  info,
  notice,
  setFailed,
  setOutput,
  summary
} from "../chunks/chunk-ZJACZSGB.js";
import "../chunks/chunk-WQYZTGJH.js";

// src/actions/deploy-action.ts
import { relative } from "node:path";

// src/github/deployments.ts
function octokitDeployments(token, owner, repo) {
  let loaded, octokit = () => loaded ??= import("../chunks/github-Q4ZZN73N.js").then(
    (github) => github.getOctokit(token, process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {})
  );
  return {
    async create({ ref, environment, description, production }) {
      let response = await (await octokit()).rest.repos.createDeployment({
        owner,
        repo,
        ref,
        environment,
        description,
        auto_merge: !1,
        // Commit statuses are the CI's business; the deployment itself is what we record.
        required_contexts: [],
        production_environment: production
      });
      if (response.status !== 201 || !("id" in response.data))
        throw new Error(`GitHub did not create the deployment: ${JSON.stringify(response.data)}`);
      return response.data.id;
    },
    async setStatus(id, state, { logUrl, description }) {
      await (await octokit()).rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: id,
        state,
        description: description.slice(0, 140),
        ...logUrl ? { log_url: logUrl } : {},
        auto_inactive: state === "success"
      });
    }
  };
}

// src/actions/deploy-action.ts
function readDeployInputs() {
  let secrets = parseSecretValues(input("secrets"), 'input "secrets"');
  for (let value of Object.values(secrets)) maskValue(value);
  let token = input("token");
  maskValue(token);
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
    maskValue(registryCredentials), inputs.registryCredentials = parseDockerConfig(registryCredentials, 'input "registry-credentials"');
    for (let value of inputs.registryCredentials.secretValues()) maskValue(value);
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
          kustomize: new Kubectl(execute),
          clock: systemClock,
          logger: actionsLogger,
          registerSecret: maskValue,
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
