import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  Git,
  changesFromGit,
  detectChanges,
  isNullCommit
} from "../chunks/chunk-LOBSH7FK.js";
import "../chunks/chunk-5S4EP2TH.js";
import {
  execute
} from "../chunks/chunk-GPQRJ2F6.js";
import {
  loadDeployControl,
  unknownEnvironment
} from "../chunks/chunk-ZQ3QI6WY.js";
import {
  inlineText,
  markdownTable
} from "../chunks/chunk-3F3HULD2.js";
import "../chunks/chunk-RALDDNPB.js";
import "../chunks/chunk-5YOTZDGR.js";
import {
  input,
  runAction
} from "../chunks/chunk-HJSB2IK2.js";
import "../chunks/chunk-DHW3Q5BD.js";
import {
  ConfigurationError
} from "../chunks/chunk-LJ22TVXO.js";
import {
  info,
  setOutput,
  summary
} from "../chunks/chunk-ZJACZSGB.js";
import "../chunks/chunk-WQYZTGJH.js";

// src/changes/targets.ts
function planTargets(control, event) {
  let names = Object.keys(control.environments);
  if (event.environment) {
    if (!names.includes(event.environment))
      throw unknownEnvironment(control, event.environment);
    return { kind: "explicit", environments: [{ name: event.environment, reasons: ["requested explicitly"], deploy: !0 }] };
  }
  if (event.name === "workflow_dispatch")
    throw new ConfigurationError(`A manual run must name the environment to deploy (one of: ${names.join(", ")}).`);
  let mapped = names.filter((name) => event.branch !== void 0 && control.environments[name]?.branch === event.branch), byBranch = (reason) => ({
    kind: "branch",
    environments: mapped.map((name) => ({ name, reasons: [reason], branch: event.branch, deploy: !0 }))
  });
  return event.name === "schedule" ? byBranch(`scheduled run on ${event.branch ?? "the default branch"}`) : !event.base || !event.head || isNullCommit(event.base) ? byBranch(`branch ${event.branch ?? "(unknown)"} has no earlier commit to compare with`) : { kind: "diff", base: event.base, head: event.head, ...event.branch !== void 0 ? { branch: event.branch } : {} };
}
function deployableEnvironments(result) {
  return result.environments.filter((environment) => environment.deploy).map((environment) => environment.name);
}

// src/actions/changes-action.ts
function readInputs() {
  let inputs = { controlFile: input("control-file") ?? "infra/deploy-control.yaml" }, environment = input("environment"), base = input("base"), head = input("head");
  return environment && (inputs.environment = environment), base && (inputs.base = base), head && (inputs.head = head), inputs;
}
function eventCommits(context) {
  let payload = context.payload;
  return context.eventName === "pull_request" || context.eventName === "pull_request_target" ? { base: payload.pull_request?.base?.sha, head: payload.pull_request?.head?.sha } : { base: payload.before, head: payload.after ?? context.sha, branch: process.env.GITHUB_REF_NAME };
}
async function summarize(result) {
  let rows = result.environments.map((environment) => [
    environment.name,
    environment.deploy ? "deploy" : `affected (branch ${environment.branch ?? "unset"} not pushed)`,
    environment.reasons.join(`
`)
  ]), lines = ["### k8sapp: affected environments", ""];
  lines.push(rows.length === 0 ? "No environment is affected by this change." : markdownTable(["Environment", "Action", "Why"], rows), ""), result.clusters.length && lines.push(inlineText(`Cluster configs changed: ${result.clusters.map((c) => c.file).join(", ")}`), ""), summary.addRaw(`${lines.join(`
`)}
`), await summary.write();
}
function runChangesAction() {
  return runAction(async () => {
    let inputs = readInputs(), control = await loadDeployControl(inputs.controlFile), { context } = await import("../chunks/github-Q4ZZN73N.js"), commits = eventCommits(context), plan = planTargets(control.config, {
      name: context.eventName,
      ...inputs.environment ? { environment: inputs.environment } : {},
      ...commits.branch ? { branch: commits.branch } : {},
      ...inputs.base ?? commits.base ? { base: inputs.base ?? commits.base } : {},
      ...inputs.head ?? commits.head ? { head: inputs.head ?? commits.head } : {}
    }), result;
    if (plan.kind === "diff") {
      let fromGit = await changesFromGit(new Git(execute), plan.base, plan.head, control.file);
      result = await detectChanges({ ...fromGit, controlFile: control.file, control: control.config, ...plan.branch ? { branch: plan.branch } : {} });
    } else
      result = { environments: plan.environments, clusters: [] };
    let environments = deployableEnvironments(result);
    info(environments.length ? `Environments to deploy: ${environments.join(", ")}` : "No environment to deploy."), setOutput("environments", JSON.stringify(environments)), setOutput("details", JSON.stringify(result)), setOutput("clusters", JSON.stringify(result.clusters.map((cluster) => cluster.name))), await summarize(result);
  });
}

// src/actions/changes.ts
await runChangesAction();
