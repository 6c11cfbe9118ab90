import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  approvalFinding,
  checkEnvironmentApproval
} from "../chunks/chunk-NN3QXJYB.js";
import {
  decisionMarkdown
} from "../chunks/chunk-XRAJVCZM.js";
import {
  decide,
  parseServiceList,
  parseTrigger,
  triggerFromEvent,
  verdictOf
} from "../chunks/chunk-MSFEY7FV.js";
import "../chunks/chunk-OORLVQZO.js";
import {
  environmentReader,
  repositoryFromEnvironment
} from "../chunks/chunk-WM2WLBMD.js";
import {
  DEFAULTS,
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
  group,
  info,
  notice,
  setOutput,
  summary,
  warning
} from "../chunks/chunk-ZJACZSGB.js";
import "../chunks/chunk-WQYZTGJH.js";

// src/actions/gate-action.ts
function readInputs() {
  let inputs = {
    environment: requiredInput("environment"),
    services: parseServiceList(input("services")),
    controlFile: input("control-file") ?? DEFAULT_CONTROL_FILE
  }, emergencyReason = input("emergency-reason")?.trim();
  emergencyReason && (inputs.emergencyReason = emergencyReason);
  let token = input("token");
  token && (inputs.token = token);
  let trigger = parseTrigger(input("trigger"), 'Input "trigger"');
  return trigger && (inputs.trigger = trigger), inputs;
}
function repository() {
  let found = repositoryFromEnvironment();
  if (!found)
    throw new ConfigurationError('GITHUB_REPOSITORY is not set to "owner/repo"; the approval check needs it to read the GitHub environment.');
  return found;
}
function runGateAction() {
  return runAction(async () => {
    let inputs = readInputs();
    maskValue(inputs.token), setOutput("deploy", "false");
    let event = process.env.GITHUB_EVENT_NAME, trigger = inputs.trigger ?? triggerFromEvent(event), triggerSource = inputs.trigger ? `input trigger: ${inputs.trigger}, event ${event ?? "unknown"}` : `event ${event ?? "unknown"}`, at = /* @__PURE__ */ new Date(), control = await loadDeployControl(inputs.controlFile), decision = decide(
      control.config,
      { environment: inputs.environment, services: inputs.services, trigger, ...inputs.emergencyReason ? { emergencyReason: inputs.emergencyReason } : {} },
      at
    ), approval = null;
    await group(`Deploy gate: ${decision.environment} (${trigger}, ${triggerSource})`, async () => {
      for (let reason of decision.reasons) info(`${reason.code}: ${reason.message}`);
      for (let service of decision.services)
        info(`service ${service.name}: ${service.allowed ? "deploys" : "left out"} (${service.reasons.map((r) => r.code).join(", ")})`);
      if (decision.allowed && decision.requiresApproval) {
        let mode = control.config.environments[decision.environment]?.approval_check ?? DEFAULTS.approvalCheck;
        approval = await checkEnvironmentApproval(environmentReader(inputs.token), { ...repository(), environment: decision.environment, mode }), info(`${approval.code}: ${approval.message}`);
      }
    });
    let checked = approval, deploy = decision.allowed && (checked?.passes ?? !0), reasons = [...decision.reasons, ...checked ? [{ code: checked.code, message: checked.message }] : []], services = decision.services.map((service) => ({ ...service, allowed: deploy && service.allowed }));
    if (setOutput("deploy", String(deploy)), setOutput("reasons", JSON.stringify(reasons)), setOutput("services", JSON.stringify(services.filter((s) => s.allowed).map((s) => s.name))), setOutput("rollout-timeout", String(decision.rolloutTimeoutSeconds)), setOutput("next-window", decision.window.nextOpen ?? ""), setOutput("decision", JSON.stringify({ ...decision, allowed: deploy, reasons, services })), await summary.addRaw(decisionMarkdown(decision, { at, triggerSource, approval: checked, deploy })).write(), checked && !checked.confirmed) {
      let found = approvalFinding(control, decision, checked);
      if (!checked.passes) throw new ConfigurationError(`Manual approval for "${decision.environment}" cannot be confirmed; not deploying.`, [found]);
      annotate([found]);
    }
    if (deploy && decision.emergencyOverride && warning(
      `Emergency override of ${decision.emergencyOverride.overrides.join(", ")} for ${decision.environment}: ${decision.emergencyOverride.reason}`,
      { title: "k8sapp: EMERGENCY_OVERRIDE" }
    ), !deploy) {
      let blocking = decision.reasons.filter((r) => verdictOf(r.code) === "block");
      notice(`Not deploying ${decision.environment}: ${blocking.map((r) => r.code).join(", ")}.`, { title: "k8sapp: deploy gate" });
    }
  });
}

// src/actions/gate.ts
await runGateAction();
