import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  DEFAULTS,
  DateTime,
  IANAZone,
  rolloutTimeoutOf,
  unknownEnvironment
} from "./chunk-ZQ3QI6WY.js";
import {
  ConfigurationError
} from "./chunk-LJ22TVXO.js";

// src/gate/windows.ts
var WEEKDAY = { 1: "mon", 2: "tue", 3: "wed", 4: "thu", 5: "fri", 6: "sat", 7: "sun" }, MINUTE = 6e4, DAY = 864e5, NEXT_WINDOW_HORIZON_DAYS = 3 * 366;
function minutesOf(time) {
  let [hours, minutes] = time.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
function enabledWindow(window) {
  if (!window?.enabled) return null;
  if (!window.timezone || !window.days || !window.hours)
    throw new Error("deployment_windows.enabled is true but timezone, days or hours is missing (config was not validated)");
  return {
    timezone: window.timezone,
    days: window.days,
    start: window.hours.start,
    end: window.hours.end,
    blackout: window.blackout ?? []
  };
}
function blackoutAt(window, date) {
  for (let [index, entry] of window.blackout.entries())
    if (typeof entry == "string" ? entry === date : entry.from <= date && date <= entry.to) return { entry, index };
  return null;
}
function insideHours(window, local) {
  let days = new Set(window.days), today = WEEKDAY[local.weekday], yesterday = WEEKDAY[(local.weekday + 5) % 7 + 1], time = local.hour * 60 + local.minute, start = minutesOf(window.start), end = minutesOf(window.end);
  return start < end ? days.has(today) && start <= time && time < end : start === end ? days.has(today) : days.has(today) && time >= start || days.has(yesterday) && time < end;
}
function isOpenAt(window, instant) {
  let local = DateTime.fromMillis(instant, { zone: window.timezone });
  return blackoutAt(window, local.toISODate()) === null && insideHours(window, local);
}
function instantsAtWallTime(zone, date, minutes) {
  let wall = Date.UTC(date.year, date.month - 1, date.day, Math.floor(minutes / 60), minutes % 60), before = zone.offset(wall - DAY), after = zone.offset(wall + DAY), exact = [.../* @__PURE__ */ new Set([before, after, zone.offset(wall)])].map((offset) => wall - offset * MINUTE).filter((instant) => zone.offset(instant) * MINUTE === wall - instant).sort((a, b) => a - b);
  if (exact.length > 0) return [...new Set(exact)];
  let low = wall - Math.max(before, after) * MINUTE, high = wall - Math.min(before, after) * MINUTE;
  for (; high - low > MINUTE; ) {
    let middle = low + Math.floor((high - low) / MINUTE / 2) * MINUTE;
    zone.offset(middle) === after ? high = middle : low = middle;
  }
  return [high];
}
function firstInstantAtOrAfter(zone, date, minutes) {
  return instantsAtWallTime(zone, date, minutes)[0];
}
function openingCandidates(window, zone, date) {
  let day = { year: date.year, month: date.month, day: date.day }, next = date.plus({ days: 1 }), midnight = firstInstantAtOrAfter(zone, day, 0), nextMidnight = firstInstantAtOrAfter(zone, { year: next.year, month: next.month, day: next.day }, 0), candidates = [...instantsAtWallTime(zone, day, 0), ...instantsAtWallTime(zone, day, minutesOf(window.start))];
  if (zone.offset(midnight) !== zone.offset(nextMidnight)) {
    let low = midnight, high = nextMidnight, later = zone.offset(nextMidnight);
    for (; high - low > MINUTE; ) {
      let middle = low + Math.floor((high - low) / MINUTE / 2) * MINUTE;
      zone.offset(middle) === later ? high = middle : low = middle;
    }
    candidates.push(high);
  }
  return candidates.sort((a, b) => a - b);
}
function nextOpening(window, now) {
  let zone = IANAZone.create(window.timezone), date = DateTime.fromMillis(now, { zone: window.timezone }).startOf("day");
  for (let i = 0; i <= NEXT_WINDOW_HORIZON_DAYS; i++, date = date.plus({ days: 1 }))
    for (let candidate of openingCandidates(window, zone, date))
      if (candidate > now && isOpenAt(window, candidate)) return candidate;
  return null;
}
function toZonedIso(instant, timezone) {
  return DateTime.fromMillis(instant, { zone: timezone }).toISO({ suppressMilliseconds: !0 });
}
function formatTimeUntil(milliseconds) {
  let total = Math.max(1, Math.ceil(milliseconds / MINUTE)), days = Math.floor(total / 1440), hours = Math.floor(total % 1440 / 60), minutes = total % 60, parts = [];
  return days && parts.push(`${days} d`), hours && parts.push(`${hours} h`), (minutes || parts.length === 0) && parts.push(`${minutes} min`), `in ${parts.join(" ")}`;
}
function evaluateWindow(window, now) {
  let enabled = enabledWindow(window);
  if (!enabled) return { code: "WINDOWS_DISABLED", open: !0, localTime: null, nextOpen: null, nextOpenInMs: null, blackout: null };
  let instant = now.getTime(), local = DateTime.fromMillis(instant, { zone: enabled.timezone }), localTime = local.startOf("second").toISO({ suppressMilliseconds: !0 }), blackout = blackoutAt(enabled, local.toISODate()), inside = insideHours(enabled, local);
  if (!blackout && inside) return { code: "INSIDE_WINDOW", open: !0, localTime, nextOpen: null, nextOpenInMs: null, blackout: null };
  let next = nextOpening(enabled, instant);
  return {
    code: blackout ? "BLACKOUT" : "OUTSIDE_WINDOW",
    open: !1,
    localTime,
    nextOpen: next === null ? null : toZonedIso(next, enabled.timezone),
    nextOpenInMs: next === null ? null : next - instant,
    blackout
  };
}
function describeWindow(window) {
  let days = window.days.map((d) => d[0]?.toUpperCase() + d.slice(1)).join(", "), span = window.start === window.end ? "all day" : `${window.start}\u2013${window.end}${minutesOf(window.end) < minutesOf(window.start) ? " (overnight)" : ""}`;
  return `${days} ${span} ${window.timezone}`;
}

// src/gate/decide.ts
var TRIGGERS = ["auto", "manual"], REASON_VERDICTS = {
  ENV_ENABLED: "allow",
  ENV_DISABLED: "block",
  MANUAL_TRIGGER: "allow",
  GLOBAL_AUTO_DEPLOY_ON: "allow",
  GLOBAL_KILL_SWITCH: "block",
  AUTO_DEPLOY_ON: "allow",
  AUTO_DEPLOY_OFF: "block",
  WINDOWS_DISABLED: "allow",
  INSIDE_WINDOW: "allow",
  OUTSIDE_WINDOW: "block",
  BLACKOUT: "block",
  EMERGENCY_OVERRIDE: "override",
  EMERGENCY_OVERRIDE_DISABLED: "info",
  EMERGENCY_OVERRIDE_NEEDS_MANUAL: "info",
  EMERGENCY_REASON_UNUSED: "info",
  EMERGENCY_OVERRIDE_MOOT: "info",
  APPROVAL_REQUIRED: "info",
  APPROVAL_NOT_REQUIRED: "info",
  NO_SERVICES_ALLOWED: "block",
  SERVICES_FILTERED: "info",
  SERVICE_ENABLED: "allow",
  SERVICE_DISABLED: "block",
  SERVICE_AUTO_DEPLOY_ON: "allow",
  SERVICE_AUTO_DEPLOY_OFF: "block",
  SERVICE_APPROVAL_REQUIRED: "info",
  ENVIRONMENT_BLOCKED: "block"
};
function verdictOf(code) {
  return REASON_VERDICTS[code];
}
function reason(code, message) {
  return { code, message };
}
function decide(config, request, now) {
  let name = request.environment, env = config.environments[name];
  if (!env)
    throw unknownEnvironment(config, name);
  let configured = env.services ?? {}, requested = request.services && request.services.length > 0 ? [...new Set(request.services)] : Object.keys(configured), unknown = requested.filter((service) => !(service in configured));
  if (unknown.length > 0)
    throw new ConfigurationError(
      `Service(s) ${unknown.map((s) => `"${s}"`).join(", ")} not configured under environments.${name}.services; configured services: ${Object.keys(configured).join(", ") || "(none)"}.`
    );
  let auto = request.trigger === "auto", emergencyReason = request.emergencyReason?.trim() ?? "", reasons = [], blocked = !1;
  env.enabled ? reasons.push(reason("ENV_ENABLED", `environments.${name}.enabled is true.`)) : (blocked = !0, reasons.push(reason("ENV_DISABLED", `environments.${name}.enabled is false: nothing deploys to ${name}, not even manually.`))), auto ? (config.global.auto_deploy ?? DEFAULTS.globalAutoDeploy ? reasons.push(reason("GLOBAL_AUTO_DEPLOY_ON", "global.auto_deploy is true.")) : (blocked = !0, reasons.push(reason("GLOBAL_KILL_SWITCH", "global.auto_deploy is false: every automatic deployment is stopped (run the workflow manually to deploy)."))), env.auto_deploy ? reasons.push(reason("AUTO_DEPLOY_ON", `environments.${name}.auto_deploy is true.`)) : (blocked = !0, reasons.push(reason("AUTO_DEPLOY_OFF", `environments.${name}.auto_deploy is false: ${name} deploys only from a manual dispatch.`)))) : reasons.push(reason("MANUAL_TRIGGER", "Manual trigger: global.auto_deploy and auto_deploy only gate automatic deployments."));
  let window = evaluateWindow(env.deployment_windows, now), windowSettings = enabledWindow(env.deployment_windows), described = windowSettings ? describeWindow(windowSettings) : "", next = window.nextOpen ? `next window opens ${window.nextOpen} (${formatTimeUntil(window.nextOpenInMs ?? 0)})` : "no window opens within the next 3 years", emergencyOverride = null;
  switch (window.code) {
    case "WINDOWS_DISABLED":
      reasons.push(reason("WINDOWS_DISABLED", `environments.${name}.deployment_windows is not enabled: no time restrictions.`));
      break;
    case "INSIDE_WINDOW":
      reasons.push(reason("INSIDE_WINDOW", `${window.localTime} is inside the window (${described}).`));
      break;
    case "OUTSIDE_WINDOW":
      reasons.push(reason("OUTSIDE_WINDOW", `${window.localTime} is outside the window (${described}); ${next}.`));
      break;
    case "BLACKOUT": {
      let entry = window.blackout?.entry, what = typeof entry == "string" ? entry : `${entry?.from} to ${entry?.to}`;
      reasons.push(reason("BLACKOUT", `${window.localTime} falls in blackout ${what} (deployment_windows.blackout[${window.blackout?.index}]); ${next}.`));
      break;
    }
  }
  if (window.open)
    emergencyReason && reasons.push(reason("EMERGENCY_REASON_UNUSED", "An emergency reason was given but not needed: the window is open."));
  else {
    let allowOverride = env.deployment_windows?.allow_emergency_override ?? DEFAULTS.allowEmergencyOverride;
    emergencyReason && !auto && allowOverride ? (emergencyOverride = { reason: emergencyReason, overrides: [window.code] }, reasons.push(reason("EMERGENCY_OVERRIDE", `Emergency override of ${window.code} by a manual deployment; reason: ${emergencyReason}`))) : (blocked = !0, emergencyReason && auto ? reasons.push(reason("EMERGENCY_OVERRIDE_NEEDS_MANUAL", "An emergency reason was given, but only a manual dispatch may override a window.")) : emergencyReason && !allowOverride && reasons.push(
      reason(
        "EMERGENCY_OVERRIDE_DISABLED",
        `An emergency reason was given, but environments.${name}.deployment_windows.allow_emergency_override is not true.`
      )
    ));
  }
  let services = requested.map((service) => {
    let control = configured[service], own = [], ok = !0;
    return control.enabled ? own.push(reason("SERVICE_ENABLED", `services.${service}.enabled is true.`)) : (ok = !1, own.push(reason("SERVICE_DISABLED", `services.${service}.enabled is false: its resources are left out; other services still deploy.`))), auto && (control.auto_deploy ? own.push(reason("SERVICE_AUTO_DEPLOY_ON", `services.${service}.auto_deploy is true.`)) : (ok = !1, own.push(reason("SERVICE_AUTO_DEPLOY_OFF", `services.${service}.auto_deploy is false: it deploys only from a manual dispatch.`)))), control.require_approval && own.push(reason("SERVICE_APPROVAL_REQUIRED", `services.${service}.require_approval is true.`)), { name: service, allowed: ok, reasons: own };
  }), allowedServices2 = services.filter((service) => service.allowed);
  if (requested.length > 0) {
    if (allowedServices2.length === 0)
      blocked = !0, reasons.push(reason("NO_SERVICES_ALLOWED", `No requested service may deploy (${requested.join(", ")}); see the service reasons.`));
    else if (allowedServices2.length < services.length) {
      let left = services.filter((s) => !s.allowed).map((s) => s.name);
      reasons.push(
        reason("SERVICES_FILTERED", `Left out by their service gates: ${left.join(", ")}; deploying ${allowedServices2.map((s) => s.name).join(", ")}.`)
      );
    }
  }
  if (blocked && emergencyOverride) {
    emergencyOverride = null;
    let index = reasons.findIndex((r) => r.code === "EMERGENCY_OVERRIDE");
    reasons[index] = reason("EMERGENCY_OVERRIDE_MOOT", "An emergency reason was given, but other rules block the deployment; nothing was overridden.");
  }
  if (blocked)
    for (let service of services)
      service.allowed && (service.allowed = !1, service.reasons.push(reason("ENVIRONMENT_BLOCKED", `Environment ${name} is blocked; see the environment reasons.`)));
  let approvers = allowedServices2.filter((s) => configured[s.name]?.require_approval).map((s) => s.name), requiresApproval = (env.require_manual_approval ?? DEFAULTS.requireManualApproval) || approvers.length > 0;
  if (requiresApproval) {
    let why = env.require_manual_approval ? `environments.${name}.require_manual_approval is true` : `services ${approvers.join(", ")} require approval`;
    reasons.push(
      reason(
        "APPROVAL_REQUIRED",
        `${why}: the deploy job must wait for the required reviewers of the GitHub environment "${name}" (enforced by GitHub, verified by the gate action).`
      )
    );
  } else
    reasons.push(reason("APPROVAL_NOT_REQUIRED", "No manual approval required."));
  return {
    environment: name,
    allowed: !blocked,
    trigger: request.trigger,
    reasons,
    services,
    requiresApproval,
    rolloutTimeoutSeconds: rolloutTimeoutOf(env),
    window: { open: window.open, nextOpen: window.nextOpen },
    emergencyOverride
  };
}
function allowedServices(decision) {
  return decision.services.filter((service) => service.allowed).map((service) => service.name);
}
function triggerFromEvent(eventName) {
  return eventName === "workflow_dispatch" ? "manual" : "auto";
}

// src/gate/inputs.ts
function parseServiceList(text, name = "services") {
  if (text === void 0 || text.trim() === "") return [];
  let trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    let parsed;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new ConfigurationError(`Input "${name}" starts with "[" but is not a JSON list: ${trimmed}`);
    }
    if (!Array.isArray(parsed) || !parsed.every((item) => typeof item == "string" && item.trim() !== ""))
      throw new ConfigurationError(`Input "${name}" must be a JSON list of service names, e.g. ["postgres","redis"].`);
    return parsed.map((item) => item.trim());
  }
  return trimmed.split(/[\s,]+/).filter(Boolean);
}
function parseTrigger(value, name) {
  if (value !== void 0) {
    if (TRIGGERS.includes(value)) return value;
    throw new ConfigurationError(`${name} must be "auto" or "manual", got "${value}".`);
  }
}

export {
  formatTimeUntil,
  TRIGGERS,
  verdictOf,
  decide,
  allowedServices,
  triggerFromEvent,
  parseServiceList,
  parseTrigger
};
