import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  __commonJS,
  __toESM
} from "./chunk-WQYZTGJH.js";

// node_modules/ajv/dist/runtime/ucs2length.js
var require_ucs2length = __commonJS({
  "node_modules/ajv/dist/runtime/ucs2length.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function ucs2length(str) {
      let len = str.length, length = 0, pos = 0, value;
      for (; pos < len; )
        length++, value = str.charCodeAt(pos++), value >= 55296 && value <= 56319 && pos < len && (value = str.charCodeAt(pos), (value & 64512) === 56320 && pos++);
      return length;
    }
    exports.default = ucs2length;
    ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
  }
});

// node_modules/fast-deep-equal/index.js
var require_fast_deep_equal = __commonJS({
  "node_modules/fast-deep-equal/index.js"(exports, module) {
    "use strict";
    module.exports = function equal(a, b) {
      if (a === b) return !0;
      if (a && b && typeof a == "object" && typeof b == "object") {
        if (a.constructor !== b.constructor) return !1;
        var length, i, keys;
        if (Array.isArray(a)) {
          if (length = a.length, length != b.length) return !1;
          for (i = length; i-- !== 0; )
            if (!equal(a[i], b[i])) return !1;
          return !0;
        }
        if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
        if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
        if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();
        if (keys = Object.keys(a), length = keys.length, length !== Object.keys(b).length) return !1;
        for (i = length; i-- !== 0; )
          if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return !1;
        for (i = length; i-- !== 0; ) {
          var key = keys[i];
          if (!equal(a[key], b[key])) return !1;
        }
        return !0;
      }
      return a !== a && b !== b;
    };
  }
});

// node_modules/ajv/dist/runtime/equal.js
var require_equal = __commonJS({
  "node_modules/ajv/dist/runtime/equal.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var equal = require_fast_deep_equal();
    equal.code = 'require("ajv/dist/runtime/equal").default';
    exports.default = equal;
  }
});

// src/config/compiled-schemas.cjs
var require_compiled_schemas = __commonJS({
  "src/config/compiled-schemas.cjs"(exports, module) {
    "use strict";
    exports.deployControl = validate20;
    var schema31 = { $schema: "https://json-schema.org/draft/2020-12/schema", $id: "https://k8sapp.dev/schemas/deploy-control.schema.json", title: "k8sapp deploy-control.yaml", description: "Decides WHEN and HOW each environment and service may be deployed. Kustomize overlays decide WHAT runs. Every environment has the same keys; only the values differ (checked by k8sapp beyond this schema).", type: "object", additionalProperties: !1, required: ["global", "environments"], properties: { version: { type: "string", description: 'Version of the control-file layout, e.g. "3.0.0". Informational.' }, global: { type: "object", description: "Settings that apply to every environment.", additionalProperties: !1, properties: { auto_deploy: { type: "boolean", default: !0, description: "Master kill switch for AUTOMATIC deployments (push, schedule) in every environment. false blocks them all; manual dispatches still work." }, migrations: { type: "object", description: "State-based migrations run around each deployment (generic before any apply; per component before its apply and after its rollout).", additionalProperties: !1, properties: { path: { type: "string", minLength: 1, default: "migrations", description: "Folder holding the migrations, relative to the control file." }, timeout_seconds: { type: "integer", minimum: 1, default: 600, description: "Seconds a migration run may take before it is stopped and the deployment fails." }, slow_seconds: { type: "integer", minimum: 1, default: 60, description: "Seconds after which a migration is reported as slow (a warning, not a failure)." }, builtin: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: !0, description: "Built-in migrations to enable, e.g. grow-statefulset-volumes (grow live PVCs when volumeClaimTemplates ask for more)." } } } } }, environments: { type: "object", description: "One entry per deployment target (dev, test, prod, ...). The name is also the GitHub environment the deploy job runs in.", minProperties: 1, additionalProperties: { $ref: "#/$defs/environment" } } }, $defs: { environment: { type: "object", description: "Gates of one environment.", additionalProperties: !1, required: ["enabled", "auto_deploy"], properties: { enabled: { type: "boolean", description: "false: nothing deploys to this environment, not even a manual dispatch or an emergency." }, auto_deploy: { type: "boolean", description: "Whether automatic triggers (push to `branch`, schedule) may deploy. Manual dispatches ignore it." }, require_manual_approval: { type: "boolean", default: !1, description: "The deploy job must be gated by a GitHub environment of the same name with a required-reviewers protection rule; the gate action verifies that rule exists and fails closed otherwise." }, approval_check: { enum: ["enforce", "warn"], default: "enforce", description: "What the gate action does when it cannot confirm required reviewers on the GitHub environment: enforce (fail closed) or warn (a warning only; for private repositories on plans without required reviewers)." }, branch: { type: "string", minLength: 1, description: "Branch whose pushes target this environment." }, overlay: { type: "string", minLength: 1, description: "Kustomize overlay folder, relative to the control file. Default: k8s/hetzner/<environment>." }, rollout_timeout: { type: "integer", minimum: 1, maximum: 86400, default: 300, description: "Seconds to wait for each workload's rollout before it counts as failed." }, immutable_recovery: { enum: ["recreate", "fail"], default: "recreate", description: 'On a "field is immutable" apply error: recreate (delete only the failing workload with --cascade=orphan, keeping pods and PVCs, and apply again) or fail.' }, rollback: { enum: ["undo", "release"], default: "undo", description: "What a failed rollout does for services with rollback_on_failure: true: undo (kubectl rollout undo to the previous revision) or release (re-apply the previously released manifests)." }, image_preflight: { enum: ["enforce", "warn", "off"], default: "warn", description: "Before anything is applied, every image of the rendered pod templates is resolved in its registry (HEAD /v2/<name>/manifests/<ref>, with the pull secrets the pods would use). enforce: a missing image, or one the cluster has no credentials for, refuses the deploy with the manifest line to fix; warn: the same findings as warnings; off: not checked. An unreachable registry is always a warning." }, pin_digests: { type: "boolean", default: !1, description: "Deploy every image resolved by the preflight as name:tag@sha256:... so every pod of the rollout runs the same bits; the release record and the summary list tag -> digest. Needs image_preflight enforce or warn." }, prune: { type: "boolean", default: !1, description: "After a deploy that fully succeeded and was recorded, delete the objects the previous release had and this deploy no longer renders, if k8sapp still owns them. PersistentVolumeClaims are never deleted; PersistentVolumes, Namespaces and CustomResourceDefinitions only with the annotation k8sapp.io/prune: allow." }, deployment_windows: { $ref: "#/$defs/window" }, services: { type: "object", description: "Per-service gates. A service is the set of resources whose app.kubernetes.io/name label, else app label, else metadata.name equals the service name.", additionalProperties: { $ref: "#/$defs/service" } } } }, window: { type: "object", description: "When deployments may happen, evaluated on the wall clock of `timezone`. Applies to automatic and manual deployments alike.", additionalProperties: !1, required: ["enabled"], properties: { enabled: { type: "boolean", description: "false: no time restrictions (the other keys are kept so the structure matches every environment)." }, timezone: { type: "string", minLength: 1, description: "IANA time zone name the window and blackout dates are read in, e.g. Europe/Berlin." }, days: { type: "array", description: "Days on which the window opens.", minItems: 1, uniqueItems: !0, items: { enum: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] } }, hours: { type: "object", description: "Opening and closing time. end earlier than start: an overnight window closing the next day; end equal to start: the whole day.", additionalProperties: !1, required: ["start", "end"], properties: { start: { $ref: "#/$defs/time" }, end: { $ref: "#/$defs/time" } } }, blackout: { type: "array", description: "Dates or inclusive date ranges on which nothing deploys, even inside the window.", items: { type: ["string", "object"], description: `a date "YYYY-MM-DD" or a range { from: "YYYY-MM-DD", to: "YYYY-MM-DD" } (inclusive, in the window's timezone)`, pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", additionalProperties: !1, required: ["from", "to"], properties: { from: { $ref: "#/$defs/date" }, to: { $ref: "#/$defs/date" } } } }, allow_emergency_override: { type: "boolean", default: !1, description: "A manual dispatch with a non-empty emergency reason may deploy outside the window or in a blackout; the override is recorded." } } }, service: { type: "object", description: "Gates of one service.", additionalProperties: !1, required: ["enabled", "auto_deploy"], properties: { enabled: { type: "boolean", description: "false: the service's resources are left out of the deployment; the other services still deploy." }, auto_deploy: { type: "boolean", description: "Whether automatic triggers may deploy this service (the environment's auto_deploy must allow it too)." }, require_approval: { type: "boolean", default: !1, description: "Deploying this service needs the GitHub environment's required reviewers, as require_manual_approval does for the whole environment." }, rollback_on_failure: { type: "boolean", default: !1, description: "Roll this service back (see the environment's rollback) when its rollout fails." } } }, time: { type: "string", description: 'a 24-hour time "HH:MM" from "00:00" to "23:59" with two-digit hours, e.g. "09:00" (quote it in YAML)', pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$" }, date: { type: "string", description: 'a date "YYYY-MM-DD", e.g. "2026-12-24"', pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" } } }, func1 = require_ucs2length().default, schema32 = { type: "object", description: "Gates of one environment.", additionalProperties: !1, required: ["enabled", "auto_deploy"], properties: { enabled: { type: "boolean", description: "false: nothing deploys to this environment, not even a manual dispatch or an emergency." }, auto_deploy: { type: "boolean", description: "Whether automatic triggers (push to `branch`, schedule) may deploy. Manual dispatches ignore it." }, require_manual_approval: { type: "boolean", default: !1, description: "The deploy job must be gated by a GitHub environment of the same name with a required-reviewers protection rule; the gate action verifies that rule exists and fails closed otherwise." }, approval_check: { enum: ["enforce", "warn"], default: "enforce", description: "What the gate action does when it cannot confirm required reviewers on the GitHub environment: enforce (fail closed) or warn (a warning only; for private repositories on plans without required reviewers)." }, branch: { type: "string", minLength: 1, description: "Branch whose pushes target this environment." }, overlay: { type: "string", minLength: 1, description: "Kustomize overlay folder, relative to the control file. Default: k8s/hetzner/<environment>." }, rollout_timeout: { type: "integer", minimum: 1, maximum: 86400, default: 300, description: "Seconds to wait for each workload's rollout before it counts as failed." }, immutable_recovery: { enum: ["recreate", "fail"], default: "recreate", description: 'On a "field is immutable" apply error: recreate (delete only the failing workload with --cascade=orphan, keeping pods and PVCs, and apply again) or fail.' }, rollback: { enum: ["undo", "release"], default: "undo", description: "What a failed rollout does for services with rollback_on_failure: true: undo (kubectl rollout undo to the previous revision) or release (re-apply the previously released manifests)." }, image_preflight: { enum: ["enforce", "warn", "off"], default: "warn", description: "Before anything is applied, every image of the rendered pod templates is resolved in its registry (HEAD /v2/<name>/manifests/<ref>, with the pull secrets the pods would use). enforce: a missing image, or one the cluster has no credentials for, refuses the deploy with the manifest line to fix; warn: the same findings as warnings; off: not checked. An unreachable registry is always a warning." }, pin_digests: { type: "boolean", default: !1, description: "Deploy every image resolved by the preflight as name:tag@sha256:... so every pod of the rollout runs the same bits; the release record and the summary list tag -> digest. Needs image_preflight enforce or warn." }, prune: { type: "boolean", default: !1, description: "After a deploy that fully succeeded and was recorded, delete the objects the previous release had and this deploy no longer renders, if k8sapp still owns them. PersistentVolumeClaims are never deleted; PersistentVolumes, Namespaces and CustomResourceDefinitions only with the annotation k8sapp.io/prune: allow." }, deployment_windows: { $ref: "#/$defs/window" }, services: { type: "object", description: "Per-service gates. A service is the set of resources whose app.kubernetes.io/name label, else app label, else metadata.name equals the service name.", additionalProperties: { $ref: "#/$defs/service" } } } }, schema38 = { type: "object", description: "Gates of one service.", additionalProperties: !1, required: ["enabled", "auto_deploy"], properties: { enabled: { type: "boolean", description: "false: the service's resources are left out of the deployment; the other services still deploy." }, auto_deploy: { type: "boolean", description: "Whether automatic triggers may deploy this service (the environment's auto_deploy must allow it too)." }, require_approval: { type: "boolean", default: !1, description: "Deploying this service needs the GitHub environment's required reviewers, as require_manual_approval does for the whole environment." }, rollback_on_failure: { type: "boolean", default: !1, description: "Roll this service back (see the environment's rollback) when its rollout fails." } } }, func3 = Object.prototype.hasOwnProperty, schema33 = { type: "object", description: "When deployments may happen, evaluated on the wall clock of `timezone`. Applies to automatic and manual deployments alike.", additionalProperties: !1, required: ["enabled"], properties: { enabled: { type: "boolean", description: "false: no time restrictions (the other keys are kept so the structure matches every environment)." }, timezone: { type: "string", minLength: 1, description: "IANA time zone name the window and blackout dates are read in, e.g. Europe/Berlin." }, days: { type: "array", description: "Days on which the window opens.", minItems: 1, uniqueItems: !0, items: { enum: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] } }, hours: { type: "object", description: "Opening and closing time. end earlier than start: an overnight window closing the next day; end equal to start: the whole day.", additionalProperties: !1, required: ["start", "end"], properties: { start: { $ref: "#/$defs/time" }, end: { $ref: "#/$defs/time" } } }, blackout: { type: "array", description: "Dates or inclusive date ranges on which nothing deploys, even inside the window.", items: { type: ["string", "object"], description: `a date "YYYY-MM-DD" or a range { from: "YYYY-MM-DD", to: "YYYY-MM-DD" } (inclusive, in the window's timezone)`, pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", additionalProperties: !1, required: ["from", "to"], properties: { from: { $ref: "#/$defs/date" }, to: { $ref: "#/$defs/date" } } } }, allow_emergency_override: { type: "boolean", default: !1, description: "A manual dispatch with a non-empty emergency reason may deploy outside the window or in a blackout; the override is recorded." } } }, schema34 = { type: "string", description: 'a 24-hour time "HH:MM" from "00:00" to "23:59" with two-digit hours, e.g. "09:00" (quote it in YAML)', pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$" }, schema36 = { type: "string", description: 'a date "YYYY-MM-DD", e.g. "2026-12-24"', pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }, func0 = require_equal().default, pattern4 = new RegExp("^([01][0-9]|2[0-3]):[0-5][0-9]$", "u"), pattern6 = new RegExp("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "u");
    function validate22(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
      let vErrors = null, errors = 0, evaluated0 = validate22.evaluated;
      if (evaluated0.dynamicProps && (evaluated0.props = void 0), evaluated0.dynamicItems && (evaluated0.items = void 0), data && typeof data == "object" && !Array.isArray(data)) {
        if (data.enabled === void 0) {
          let err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "enabled" }, message: "must have required property 'enabled'", schema: schema33.required, parentSchema: schema33, data };
          vErrors === null ? vErrors = [err0] : vErrors.push(err0), errors++;
        }
        for (let key0 in data)
          if (!(key0 === "enabled" || key0 === "timezone" || key0 === "days" || key0 === "hours" || key0 === "blackout" || key0 === "allow_emergency_override")) {
            let err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema33, data };
            vErrors === null ? vErrors = [err1] : vErrors.push(err1), errors++;
          }
        if (data.enabled !== void 0) {
          let data0 = data.enabled;
          if (typeof data0 != "boolean") {
            let err2 = { instancePath: instancePath + "/enabled", schemaPath: "#/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema33.properties.enabled.type, parentSchema: schema33.properties.enabled, data: data0 };
            vErrors === null ? vErrors = [err2] : vErrors.push(err2), errors++;
          }
        }
        if (data.timezone !== void 0) {
          let data1 = data.timezone;
          if (typeof data1 == "string") {
            if (func1(data1) < 1) {
              let err3 = { instancePath: instancePath + "/timezone", schemaPath: "#/properties/timezone/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema33.properties.timezone, data: data1 };
              vErrors === null ? vErrors = [err3] : vErrors.push(err3), errors++;
            }
          } else {
            let err4 = { instancePath: instancePath + "/timezone", schemaPath: "#/properties/timezone/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema33.properties.timezone.type, parentSchema: schema33.properties.timezone, data: data1 };
            vErrors === null ? vErrors = [err4] : vErrors.push(err4), errors++;
          }
        }
        if (data.days !== void 0) {
          let data2 = data.days;
          if (Array.isArray(data2)) {
            if (data2.length < 1) {
              let err5 = { instancePath: instancePath + "/days", schemaPath: "#/properties/days/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema33.properties.days, data: data2 };
              vErrors === null ? vErrors = [err5] : vErrors.push(err5), errors++;
            }
            let len0 = data2.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data3 = data2[i0];
              if (!(data3 === "mon" || data3 === "tue" || data3 === "wed" || data3 === "thu" || data3 === "fri" || data3 === "sat" || data3 === "sun")) {
                let err6 = { instancePath: instancePath + "/days/" + i0, schemaPath: "#/properties/days/items/enum", keyword: "enum", params: { allowedValues: schema33.properties.days.items.enum }, message: "must be equal to one of the allowed values", schema: schema33.properties.days.items.enum, parentSchema: schema33.properties.days.items, data: data3 };
                vErrors === null ? vErrors = [err6] : vErrors.push(err6), errors++;
              }
            }
            let i1 = data2.length, j0;
            if (i1 > 1) {
              outer0: for (; i1--; )
                for (j0 = i1; j0--; )
                  if (func0(data2[i1], data2[j0])) {
                    let err7 = { instancePath: instancePath + "/days", schemaPath: "#/properties/days/uniqueItems", keyword: "uniqueItems", params: { i: i1, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)", schema: !0, parentSchema: schema33.properties.days, data: data2 };
                    vErrors === null ? vErrors = [err7] : vErrors.push(err7), errors++;
                    break outer0;
                  }
            }
          } else {
            let err8 = { instancePath: instancePath + "/days", schemaPath: "#/properties/days/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema33.properties.days.type, parentSchema: schema33.properties.days, data: data2 };
            vErrors === null ? vErrors = [err8] : vErrors.push(err8), errors++;
          }
        }
        if (data.hours !== void 0) {
          let data4 = data.hours;
          if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
            if (data4.start === void 0) {
              let err9 = { instancePath: instancePath + "/hours", schemaPath: "#/properties/hours/required", keyword: "required", params: { missingProperty: "start" }, message: "must have required property 'start'", schema: schema33.properties.hours.required, parentSchema: schema33.properties.hours, data: data4 };
              vErrors === null ? vErrors = [err9] : vErrors.push(err9), errors++;
            }
            if (data4.end === void 0) {
              let err10 = { instancePath: instancePath + "/hours", schemaPath: "#/properties/hours/required", keyword: "required", params: { missingProperty: "end" }, message: "must have required property 'end'", schema: schema33.properties.hours.required, parentSchema: schema33.properties.hours, data: data4 };
              vErrors === null ? vErrors = [err10] : vErrors.push(err10), errors++;
            }
            for (let key1 in data4)
              if (!(key1 === "start" || key1 === "end")) {
                let err11 = { instancePath: instancePath + "/hours", schemaPath: "#/properties/hours/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema33.properties.hours, data: data4 };
                vErrors === null ? vErrors = [err11] : vErrors.push(err11), errors++;
              }
            if (data4.start !== void 0) {
              let data5 = data4.start;
              if (typeof data5 == "string") {
                if (!pattern4.test(data5)) {
                  let err12 = { instancePath: instancePath + "/hours/start", schemaPath: "#/$defs/time/pattern", keyword: "pattern", params: { pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$" }, message: 'must match pattern "^([01][0-9]|2[0-3]):[0-5][0-9]$"', schema: "^([01][0-9]|2[0-3]):[0-5][0-9]$", parentSchema: schema34, data: data5 };
                  vErrors === null ? vErrors = [err12] : vErrors.push(err12), errors++;
                }
              } else {
                let err13 = { instancePath: instancePath + "/hours/start", schemaPath: "#/$defs/time/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data5 };
                vErrors === null ? vErrors = [err13] : vErrors.push(err13), errors++;
              }
            }
            if (data4.end !== void 0) {
              let data6 = data4.end;
              if (typeof data6 == "string") {
                if (!pattern4.test(data6)) {
                  let err14 = { instancePath: instancePath + "/hours/end", schemaPath: "#/$defs/time/pattern", keyword: "pattern", params: { pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$" }, message: 'must match pattern "^([01][0-9]|2[0-3]):[0-5][0-9]$"', schema: "^([01][0-9]|2[0-3]):[0-5][0-9]$", parentSchema: schema34, data: data6 };
                  vErrors === null ? vErrors = [err14] : vErrors.push(err14), errors++;
                }
              } else {
                let err15 = { instancePath: instancePath + "/hours/end", schemaPath: "#/$defs/time/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data6 };
                vErrors === null ? vErrors = [err15] : vErrors.push(err15), errors++;
              }
            }
          } else {
            let err16 = { instancePath: instancePath + "/hours", schemaPath: "#/properties/hours/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema33.properties.hours.type, parentSchema: schema33.properties.hours, data: data4 };
            vErrors === null ? vErrors = [err16] : vErrors.push(err16), errors++;
          }
        }
        if (data.blackout !== void 0) {
          let data7 = data.blackout;
          if (Array.isArray(data7)) {
            let len1 = data7.length;
            for (let i2 = 0; i2 < len1; i2++) {
              let data8 = data7[i2];
              if (typeof data8 != "string" && !(data8 && typeof data8 == "object" && !Array.isArray(data8))) {
                let err17 = { instancePath: instancePath + "/blackout/" + i2, schemaPath: "#/properties/blackout/items/type", keyword: "type", params: { type: schema33.properties.blackout.items.type }, message: "must be string,object", schema: schema33.properties.blackout.items.type, parentSchema: schema33.properties.blackout.items, data: data8 };
                vErrors === null ? vErrors = [err17] : vErrors.push(err17), errors++;
              }
              if (typeof data8 == "string" && !pattern6.test(data8)) {
                let err18 = { instancePath: instancePath + "/blackout/" + i2, schemaPath: "#/properties/blackout/items/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"', schema: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", parentSchema: schema33.properties.blackout.items, data: data8 };
                vErrors === null ? vErrors = [err18] : vErrors.push(err18), errors++;
              }
              if (data8 && typeof data8 == "object" && !Array.isArray(data8)) {
                if (data8.from === void 0) {
                  let err19 = { instancePath: instancePath + "/blackout/" + i2, schemaPath: "#/properties/blackout/items/required", keyword: "required", params: { missingProperty: "from" }, message: "must have required property 'from'", schema: schema33.properties.blackout.items.required, parentSchema: schema33.properties.blackout.items, data: data8 };
                  vErrors === null ? vErrors = [err19] : vErrors.push(err19), errors++;
                }
                if (data8.to === void 0) {
                  let err20 = { instancePath: instancePath + "/blackout/" + i2, schemaPath: "#/properties/blackout/items/required", keyword: "required", params: { missingProperty: "to" }, message: "must have required property 'to'", schema: schema33.properties.blackout.items.required, parentSchema: schema33.properties.blackout.items, data: data8 };
                  vErrors === null ? vErrors = [err20] : vErrors.push(err20), errors++;
                }
                for (let key2 in data8)
                  if (!(key2 === "from" || key2 === "to")) {
                    let err21 = { instancePath: instancePath + "/blackout/" + i2, schemaPath: "#/properties/blackout/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema33.properties.blackout.items, data: data8 };
                    vErrors === null ? vErrors = [err21] : vErrors.push(err21), errors++;
                  }
                if (data8.from !== void 0) {
                  let data9 = data8.from;
                  if (typeof data9 == "string") {
                    if (!pattern6.test(data9)) {
                      let err22 = { instancePath: instancePath + "/blackout/" + i2 + "/from", schemaPath: "#/$defs/date/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"', schema: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", parentSchema: schema36, data: data9 };
                      vErrors === null ? vErrors = [err22] : vErrors.push(err22), errors++;
                    }
                  } else {
                    let err23 = { instancePath: instancePath + "/blackout/" + i2 + "/from", schemaPath: "#/$defs/date/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: data9 };
                    vErrors === null ? vErrors = [err23] : vErrors.push(err23), errors++;
                  }
                }
                if (data8.to !== void 0) {
                  let data10 = data8.to;
                  if (typeof data10 == "string") {
                    if (!pattern6.test(data10)) {
                      let err24 = { instancePath: instancePath + "/blackout/" + i2 + "/to", schemaPath: "#/$defs/date/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"', schema: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", parentSchema: schema36, data: data10 };
                      vErrors === null ? vErrors = [err24] : vErrors.push(err24), errors++;
                    }
                  } else {
                    let err25 = { instancePath: instancePath + "/blackout/" + i2 + "/to", schemaPath: "#/$defs/date/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: data10 };
                    vErrors === null ? vErrors = [err25] : vErrors.push(err25), errors++;
                  }
                }
              }
            }
          } else {
            let err26 = { instancePath: instancePath + "/blackout", schemaPath: "#/properties/blackout/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema33.properties.blackout.type, parentSchema: schema33.properties.blackout, data: data7 };
            vErrors === null ? vErrors = [err26] : vErrors.push(err26), errors++;
          }
        }
        if (data.allow_emergency_override !== void 0) {
          let data11 = data.allow_emergency_override;
          if (typeof data11 != "boolean") {
            let err27 = { instancePath: instancePath + "/allow_emergency_override", schemaPath: "#/properties/allow_emergency_override/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema33.properties.allow_emergency_override.type, parentSchema: schema33.properties.allow_emergency_override, data: data11 };
            vErrors === null ? vErrors = [err27] : vErrors.push(err27), errors++;
          }
        }
      } else {
        let err28 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema33.type, parentSchema: schema33, data };
        vErrors === null ? vErrors = [err28] : vErrors.push(err28), errors++;
      }
      return validate22.errors = vErrors, errors === 0;
    }
    validate22.evaluated = { props: !0, dynamicProps: !1, dynamicItems: !1 };
    function validate21(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
      let vErrors = null, errors = 0, evaluated0 = validate21.evaluated;
      if (evaluated0.dynamicProps && (evaluated0.props = void 0), evaluated0.dynamicItems && (evaluated0.items = void 0), data && typeof data == "object" && !Array.isArray(data)) {
        if (data.enabled === void 0) {
          let err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "enabled" }, message: "must have required property 'enabled'", schema: schema32.required, parentSchema: schema32, data };
          vErrors === null ? vErrors = [err0] : vErrors.push(err0), errors++;
        }
        if (data.auto_deploy === void 0) {
          let err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "auto_deploy" }, message: "must have required property 'auto_deploy'", schema: schema32.required, parentSchema: schema32, data };
          vErrors === null ? vErrors = [err1] : vErrors.push(err1), errors++;
        }
        for (let key0 in data)
          if (!func3.call(schema32.properties, key0)) {
            let err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema32, data };
            vErrors === null ? vErrors = [err2] : vErrors.push(err2), errors++;
          }
        if (data.enabled !== void 0) {
          let data0 = data.enabled;
          if (typeof data0 != "boolean") {
            let err3 = { instancePath: instancePath + "/enabled", schemaPath: "#/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema32.properties.enabled.type, parentSchema: schema32.properties.enabled, data: data0 };
            vErrors === null ? vErrors = [err3] : vErrors.push(err3), errors++;
          }
        }
        if (data.auto_deploy !== void 0) {
          let data1 = data.auto_deploy;
          if (typeof data1 != "boolean") {
            let err4 = { instancePath: instancePath + "/auto_deploy", schemaPath: "#/properties/auto_deploy/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema32.properties.auto_deploy.type, parentSchema: schema32.properties.auto_deploy, data: data1 };
            vErrors === null ? vErrors = [err4] : vErrors.push(err4), errors++;
          }
        }
        if (data.require_manual_approval !== void 0) {
          let data2 = data.require_manual_approval;
          if (typeof data2 != "boolean") {
            let err5 = { instancePath: instancePath + "/require_manual_approval", schemaPath: "#/properties/require_manual_approval/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema32.properties.require_manual_approval.type, parentSchema: schema32.properties.require_manual_approval, data: data2 };
            vErrors === null ? vErrors = [err5] : vErrors.push(err5), errors++;
          }
        }
        if (data.approval_check !== void 0) {
          let data3 = data.approval_check;
          if (!(data3 === "enforce" || data3 === "warn")) {
            let err6 = { instancePath: instancePath + "/approval_check", schemaPath: "#/properties/approval_check/enum", keyword: "enum", params: { allowedValues: schema32.properties.approval_check.enum }, message: "must be equal to one of the allowed values", schema: schema32.properties.approval_check.enum, parentSchema: schema32.properties.approval_check, data: data3 };
            vErrors === null ? vErrors = [err6] : vErrors.push(err6), errors++;
          }
        }
        if (data.branch !== void 0) {
          let data4 = data.branch;
          if (typeof data4 == "string") {
            if (func1(data4) < 1) {
              let err7 = { instancePath: instancePath + "/branch", schemaPath: "#/properties/branch/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema32.properties.branch, data: data4 };
              vErrors === null ? vErrors = [err7] : vErrors.push(err7), errors++;
            }
          } else {
            let err8 = { instancePath: instancePath + "/branch", schemaPath: "#/properties/branch/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema32.properties.branch.type, parentSchema: schema32.properties.branch, data: data4 };
            vErrors === null ? vErrors = [err8] : vErrors.push(err8), errors++;
          }
        }
        if (data.overlay !== void 0) {
          let data5 = data.overlay;
          if (typeof data5 == "string") {
            if (func1(data5) < 1) {
              let err9 = { instancePath: instancePath + "/overlay", schemaPath: "#/properties/overlay/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema32.properties.overlay, data: data5 };
              vErrors === null ? vErrors = [err9] : vErrors.push(err9), errors++;
            }
          } else {
            let err10 = { instancePath: instancePath + "/overlay", schemaPath: "#/properties/overlay/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema32.properties.overlay.type, parentSchema: schema32.properties.overlay, data: data5 };
            vErrors === null ? vErrors = [err10] : vErrors.push(err10), errors++;
          }
        }
        if (data.rollout_timeout !== void 0) {
          let data6 = data.rollout_timeout;
          if (!(typeof data6 == "number" && !(data6 % 1) && !isNaN(data6) && isFinite(data6))) {
            let err11 = { instancePath: instancePath + "/rollout_timeout", schemaPath: "#/properties/rollout_timeout/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema32.properties.rollout_timeout.type, parentSchema: schema32.properties.rollout_timeout, data: data6 };
            vErrors === null ? vErrors = [err11] : vErrors.push(err11), errors++;
          }
          if (typeof data6 == "number" && isFinite(data6)) {
            if (data6 > 86400 || isNaN(data6)) {
              let err12 = { instancePath: instancePath + "/rollout_timeout", schemaPath: "#/properties/rollout_timeout/maximum", keyword: "maximum", params: { comparison: "<=", limit: 86400 }, message: "must be <= 86400", schema: 86400, parentSchema: schema32.properties.rollout_timeout, data: data6 };
              vErrors === null ? vErrors = [err12] : vErrors.push(err12), errors++;
            }
            if (data6 < 1 || isNaN(data6)) {
              let err13 = { instancePath: instancePath + "/rollout_timeout", schemaPath: "#/properties/rollout_timeout/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema32.properties.rollout_timeout, data: data6 };
              vErrors === null ? vErrors = [err13] : vErrors.push(err13), errors++;
            }
          }
        }
        if (data.immutable_recovery !== void 0) {
          let data7 = data.immutable_recovery;
          if (!(data7 === "recreate" || data7 === "fail")) {
            let err14 = { instancePath: instancePath + "/immutable_recovery", schemaPath: "#/properties/immutable_recovery/enum", keyword: "enum", params: { allowedValues: schema32.properties.immutable_recovery.enum }, message: "must be equal to one of the allowed values", schema: schema32.properties.immutable_recovery.enum, parentSchema: schema32.properties.immutable_recovery, data: data7 };
            vErrors === null ? vErrors = [err14] : vErrors.push(err14), errors++;
          }
        }
        if (data.rollback !== void 0) {
          let data8 = data.rollback;
          if (!(data8 === "undo" || data8 === "release")) {
            let err15 = { instancePath: instancePath + "/rollback", schemaPath: "#/properties/rollback/enum", keyword: "enum", params: { allowedValues: schema32.properties.rollback.enum }, message: "must be equal to one of the allowed values", schema: schema32.properties.rollback.enum, parentSchema: schema32.properties.rollback, data: data8 };
            vErrors === null ? vErrors = [err15] : vErrors.push(err15), errors++;
          }
        }
        if (data.image_preflight !== void 0) {
          let data9 = data.image_preflight;
          if (!(data9 === "enforce" || data9 === "warn" || data9 === "off")) {
            let err16 = { instancePath: instancePath + "/image_preflight", schemaPath: "#/properties/image_preflight/enum", keyword: "enum", params: { allowedValues: schema32.properties.image_preflight.enum }, message: "must be equal to one of the allowed values", schema: schema32.properties.image_preflight.enum, parentSchema: schema32.properties.image_preflight, data: data9 };
            vErrors === null ? vErrors = [err16] : vErrors.push(err16), errors++;
          }
        }
        if (data.pin_digests !== void 0) {
          let data10 = data.pin_digests;
          if (typeof data10 != "boolean") {
            let err17 = { instancePath: instancePath + "/pin_digests", schemaPath: "#/properties/pin_digests/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema32.properties.pin_digests.type, parentSchema: schema32.properties.pin_digests, data: data10 };
            vErrors === null ? vErrors = [err17] : vErrors.push(err17), errors++;
          }
        }
        if (data.prune !== void 0) {
          let data11 = data.prune;
          if (typeof data11 != "boolean") {
            let err18 = { instancePath: instancePath + "/prune", schemaPath: "#/properties/prune/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema32.properties.prune.type, parentSchema: schema32.properties.prune, data: data11 };
            vErrors === null ? vErrors = [err18] : vErrors.push(err18), errors++;
          }
        }
        if (data.deployment_windows !== void 0 && (validate22(data.deployment_windows, { instancePath: instancePath + "/deployment_windows", parentData: data, parentDataProperty: "deployment_windows", rootData, dynamicAnchors }) || (vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors), errors = vErrors.length)), data.services !== void 0) {
          let data13 = data.services;
          if (data13 && typeof data13 == "object" && !Array.isArray(data13))
            for (let key1 in data13) {
              let data14 = data13[key1];
              if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
                if (data14.enabled === void 0) {
                  let err19 = { instancePath: instancePath + "/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/service/required", keyword: "required", params: { missingProperty: "enabled" }, message: "must have required property 'enabled'", schema: schema38.required, parentSchema: schema38, data: data14 };
                  vErrors === null ? vErrors = [err19] : vErrors.push(err19), errors++;
                }
                if (data14.auto_deploy === void 0) {
                  let err20 = { instancePath: instancePath + "/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/service/required", keyword: "required", params: { missingProperty: "auto_deploy" }, message: "must have required property 'auto_deploy'", schema: schema38.required, parentSchema: schema38, data: data14 };
                  vErrors === null ? vErrors = [err20] : vErrors.push(err20), errors++;
                }
                for (let key2 in data14)
                  if (!(key2 === "enabled" || key2 === "auto_deploy" || key2 === "require_approval" || key2 === "rollback_on_failure")) {
                    let err21 = { instancePath: instancePath + "/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/service/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema38, data: data14 };
                    vErrors === null ? vErrors = [err21] : vErrors.push(err21), errors++;
                  }
                if (data14.enabled !== void 0) {
                  let data15 = data14.enabled;
                  if (typeof data15 != "boolean") {
                    let err22 = { instancePath: instancePath + "/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1") + "/enabled", schemaPath: "#/$defs/service/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema38.properties.enabled.type, parentSchema: schema38.properties.enabled, data: data15 };
                    vErrors === null ? vErrors = [err22] : vErrors.push(err22), errors++;
                  }
                }
                if (data14.auto_deploy !== void 0) {
                  let data16 = data14.auto_deploy;
                  if (typeof data16 != "boolean") {
                    let err23 = { instancePath: instancePath + "/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1") + "/auto_deploy", schemaPath: "#/$defs/service/properties/auto_deploy/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema38.properties.auto_deploy.type, parentSchema: schema38.properties.auto_deploy, data: data16 };
                    vErrors === null ? vErrors = [err23] : vErrors.push(err23), errors++;
                  }
                }
                if (data14.require_approval !== void 0) {
                  let data17 = data14.require_approval;
                  if (typeof data17 != "boolean") {
                    let err24 = { instancePath: instancePath + "/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1") + "/require_approval", schemaPath: "#/$defs/service/properties/require_approval/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema38.properties.require_approval.type, parentSchema: schema38.properties.require_approval, data: data17 };
                    vErrors === null ? vErrors = [err24] : vErrors.push(err24), errors++;
                  }
                }
                if (data14.rollback_on_failure !== void 0) {
                  let data18 = data14.rollback_on_failure;
                  if (typeof data18 != "boolean") {
                    let err25 = { instancePath: instancePath + "/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1") + "/rollback_on_failure", schemaPath: "#/$defs/service/properties/rollback_on_failure/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema38.properties.rollback_on_failure.type, parentSchema: schema38.properties.rollback_on_failure, data: data18 };
                    vErrors === null ? vErrors = [err25] : vErrors.push(err25), errors++;
                  }
                }
              } else {
                let err26 = { instancePath: instancePath + "/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/service/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema38.type, parentSchema: schema38, data: data14 };
                vErrors === null ? vErrors = [err26] : vErrors.push(err26), errors++;
              }
            }
          else {
            let err27 = { instancePath: instancePath + "/services", schemaPath: "#/properties/services/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema32.properties.services.type, parentSchema: schema32.properties.services, data: data13 };
            vErrors === null ? vErrors = [err27] : vErrors.push(err27), errors++;
          }
        }
      } else {
        let err28 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema32.type, parentSchema: schema32, data };
        vErrors === null ? vErrors = [err28] : vErrors.push(err28), errors++;
      }
      return validate21.errors = vErrors, errors === 0;
    }
    validate21.evaluated = { props: !0, dynamicProps: !1, dynamicItems: !1 };
    function validate20(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
      let vErrors = null, errors = 0, evaluated0 = validate20.evaluated;
      if (evaluated0.dynamicProps && (evaluated0.props = void 0), evaluated0.dynamicItems && (evaluated0.items = void 0), data && typeof data == "object" && !Array.isArray(data)) {
        if (data.global === void 0) {
          let err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "global" }, message: "must have required property 'global'", schema: schema31.required, parentSchema: schema31, data };
          vErrors === null ? vErrors = [err0] : vErrors.push(err0), errors++;
        }
        if (data.environments === void 0) {
          let err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "environments" }, message: "must have required property 'environments'", schema: schema31.required, parentSchema: schema31, data };
          vErrors === null ? vErrors = [err1] : vErrors.push(err1), errors++;
        }
        for (let key0 in data)
          if (!(key0 === "version" || key0 === "global" || key0 === "environments")) {
            let err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema31, data };
            vErrors === null ? vErrors = [err2] : vErrors.push(err2), errors++;
          }
        if (data.version !== void 0) {
          let data0 = data.version;
          if (typeof data0 != "string") {
            let err3 = { instancePath: instancePath + "/version", schemaPath: "#/properties/version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema31.properties.version.type, parentSchema: schema31.properties.version, data: data0 };
            vErrors === null ? vErrors = [err3] : vErrors.push(err3), errors++;
          }
        }
        if (data.global !== void 0) {
          let data1 = data.global;
          if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
            for (let key1 in data1)
              if (!(key1 === "auto_deploy" || key1 === "migrations")) {
                let err4 = { instancePath: instancePath + "/global", schemaPath: "#/properties/global/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema31.properties.global, data: data1 };
                vErrors === null ? vErrors = [err4] : vErrors.push(err4), errors++;
              }
            if (data1.auto_deploy !== void 0) {
              let data2 = data1.auto_deploy;
              if (typeof data2 != "boolean") {
                let err5 = { instancePath: instancePath + "/global/auto_deploy", schemaPath: "#/properties/global/properties/auto_deploy/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema31.properties.global.properties.auto_deploy.type, parentSchema: schema31.properties.global.properties.auto_deploy, data: data2 };
                vErrors === null ? vErrors = [err5] : vErrors.push(err5), errors++;
              }
            }
            if (data1.migrations !== void 0) {
              let data3 = data1.migrations;
              if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
                for (let key2 in data3)
                  if (!(key2 === "path" || key2 === "timeout_seconds" || key2 === "slow_seconds" || key2 === "builtin")) {
                    let err6 = { instancePath: instancePath + "/global/migrations", schemaPath: "#/properties/global/properties/migrations/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema31.properties.global.properties.migrations, data: data3 };
                    vErrors === null ? vErrors = [err6] : vErrors.push(err6), errors++;
                  }
                if (data3.path !== void 0) {
                  let data4 = data3.path;
                  if (typeof data4 == "string") {
                    if (func1(data4) < 1) {
                      let err7 = { instancePath: instancePath + "/global/migrations/path", schemaPath: "#/properties/global/properties/migrations/properties/path/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema31.properties.global.properties.migrations.properties.path, data: data4 };
                      vErrors === null ? vErrors = [err7] : vErrors.push(err7), errors++;
                    }
                  } else {
                    let err8 = { instancePath: instancePath + "/global/migrations/path", schemaPath: "#/properties/global/properties/migrations/properties/path/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema31.properties.global.properties.migrations.properties.path.type, parentSchema: schema31.properties.global.properties.migrations.properties.path, data: data4 };
                    vErrors === null ? vErrors = [err8] : vErrors.push(err8), errors++;
                  }
                }
                if (data3.timeout_seconds !== void 0) {
                  let data5 = data3.timeout_seconds;
                  if (!(typeof data5 == "number" && !(data5 % 1) && !isNaN(data5) && isFinite(data5))) {
                    let err9 = { instancePath: instancePath + "/global/migrations/timeout_seconds", schemaPath: "#/properties/global/properties/migrations/properties/timeout_seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema31.properties.global.properties.migrations.properties.timeout_seconds.type, parentSchema: schema31.properties.global.properties.migrations.properties.timeout_seconds, data: data5 };
                    vErrors === null ? vErrors = [err9] : vErrors.push(err9), errors++;
                  }
                  if (typeof data5 == "number" && isFinite(data5) && (data5 < 1 || isNaN(data5))) {
                    let err10 = { instancePath: instancePath + "/global/migrations/timeout_seconds", schemaPath: "#/properties/global/properties/migrations/properties/timeout_seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema31.properties.global.properties.migrations.properties.timeout_seconds, data: data5 };
                    vErrors === null ? vErrors = [err10] : vErrors.push(err10), errors++;
                  }
                }
                if (data3.slow_seconds !== void 0) {
                  let data6 = data3.slow_seconds;
                  if (!(typeof data6 == "number" && !(data6 % 1) && !isNaN(data6) && isFinite(data6))) {
                    let err11 = { instancePath: instancePath + "/global/migrations/slow_seconds", schemaPath: "#/properties/global/properties/migrations/properties/slow_seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema31.properties.global.properties.migrations.properties.slow_seconds.type, parentSchema: schema31.properties.global.properties.migrations.properties.slow_seconds, data: data6 };
                    vErrors === null ? vErrors = [err11] : vErrors.push(err11), errors++;
                  }
                  if (typeof data6 == "number" && isFinite(data6) && (data6 < 1 || isNaN(data6))) {
                    let err12 = { instancePath: instancePath + "/global/migrations/slow_seconds", schemaPath: "#/properties/global/properties/migrations/properties/slow_seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema31.properties.global.properties.migrations.properties.slow_seconds, data: data6 };
                    vErrors === null ? vErrors = [err12] : vErrors.push(err12), errors++;
                  }
                }
                if (data3.builtin !== void 0) {
                  let data7 = data3.builtin;
                  if (Array.isArray(data7)) {
                    let len0 = data7.length;
                    for (let i0 = 0; i0 < len0; i0++) {
                      let data8 = data7[i0];
                      if (typeof data8 == "string") {
                        if (func1(data8) < 1) {
                          let err13 = { instancePath: instancePath + "/global/migrations/builtin/" + i0, schemaPath: "#/properties/global/properties/migrations/properties/builtin/items/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema31.properties.global.properties.migrations.properties.builtin.items, data: data8 };
                          vErrors === null ? vErrors = [err13] : vErrors.push(err13), errors++;
                        }
                      } else {
                        let err14 = { instancePath: instancePath + "/global/migrations/builtin/" + i0, schemaPath: "#/properties/global/properties/migrations/properties/builtin/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema31.properties.global.properties.migrations.properties.builtin.items.type, parentSchema: schema31.properties.global.properties.migrations.properties.builtin.items, data: data8 };
                        vErrors === null ? vErrors = [err14] : vErrors.push(err14), errors++;
                      }
                    }
                    let i1 = data7.length, j0;
                    if (i1 > 1) {
                      let indices0 = {};
                      for (; i1--; ) {
                        let item0 = data7[i1];
                        if (typeof item0 == "string") {
                          if (typeof indices0[item0] == "number") {
                            j0 = indices0[item0];
                            let err15 = { instancePath: instancePath + "/global/migrations/builtin", schemaPath: "#/properties/global/properties/migrations/properties/builtin/uniqueItems", keyword: "uniqueItems", params: { i: i1, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)", schema: !0, parentSchema: schema31.properties.global.properties.migrations.properties.builtin, data: data7 };
                            vErrors === null ? vErrors = [err15] : vErrors.push(err15), errors++;
                            break;
                          }
                          indices0[item0] = i1;
                        }
                      }
                    }
                  } else {
                    let err16 = { instancePath: instancePath + "/global/migrations/builtin", schemaPath: "#/properties/global/properties/migrations/properties/builtin/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema31.properties.global.properties.migrations.properties.builtin.type, parentSchema: schema31.properties.global.properties.migrations.properties.builtin, data: data7 };
                    vErrors === null ? vErrors = [err16] : vErrors.push(err16), errors++;
                  }
                }
              } else {
                let err17 = { instancePath: instancePath + "/global/migrations", schemaPath: "#/properties/global/properties/migrations/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.properties.global.properties.migrations.type, parentSchema: schema31.properties.global.properties.migrations, data: data3 };
                vErrors === null ? vErrors = [err17] : vErrors.push(err17), errors++;
              }
            }
          } else {
            let err18 = { instancePath: instancePath + "/global", schemaPath: "#/properties/global/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.properties.global.type, parentSchema: schema31.properties.global, data: data1 };
            vErrors === null ? vErrors = [err18] : vErrors.push(err18), errors++;
          }
        }
        if (data.environments !== void 0) {
          let data9 = data.environments;
          if (data9 && typeof data9 == "object" && !Array.isArray(data9)) {
            if (Object.keys(data9).length < 1) {
              let err19 = { instancePath: instancePath + "/environments", schemaPath: "#/properties/environments/minProperties", keyword: "minProperties", params: { limit: 1 }, message: "must NOT have fewer than 1 properties", schema: 1, parentSchema: schema31.properties.environments, data: data9 };
              vErrors === null ? vErrors = [err19] : vErrors.push(err19), errors++;
            }
            for (let key3 in data9)
              validate21(data9[key3], { instancePath: instancePath + "/environments/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"), parentData: data9, parentDataProperty: key3, rootData, dynamicAnchors }) || (vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors), errors = vErrors.length);
          } else {
            let err20 = { instancePath: instancePath + "/environments", schemaPath: "#/properties/environments/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.properties.environments.type, parentSchema: schema31.properties.environments, data: data9 };
            vErrors === null ? vErrors = [err20] : vErrors.push(err20), errors++;
          }
        }
      } else {
        let err21 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.type, parentSchema: schema31, data };
        vErrors === null ? vErrors = [err21] : vErrors.push(err21), errors++;
      }
      return validate20.errors = vErrors, errors === 0;
    }
    validate20.evaluated = { props: !0, dynamicProps: !1, dynamicItems: !1 };
    exports.hetznerK3sCluster = validate25;
    var schema39 = { $schema: "https://json-schema.org/draft/2020-12/schema", $id: "https://github.com/k8sapp/k8sapp/schemas/hetzner-k3s-cluster.schema.json", title: "hetzner-k3s 2.x cluster configuration (infra/k8s/hetzner/<env>/cluster/cluster-config.yaml)", description: "Keys of hetzner-k3s 2.x (>= 2.4 layout: addons.*, networking.allowed_networks.custom_firewall_rules) from vitobotta/hetzner-k3s src/configuration and docs/Creating_a_cluster.md. hetzner-k3s ignores unknown keys silently; this schema rejects them. `auto_deploy` is k8sapp's own flag (hetzner-k3s ignores it).", type: "object", additionalProperties: !1, required: ["cluster_name", "kubeconfig_path", "k3s_version", "masters_pool"], properties: { auto_deploy: { type: "boolean", description: "k8sapp: whether a push that changes this file creates/updates the cluster" }, config_format_version: { enum: [1, "1"], description: "hetzner-k3s configuration format; current releases require 1" }, hetzner_token: { type: "string", description: "forbidden by the k8sapp lint: the token comes from HCLOUD_TOKEN" }, cluster_name: { type: "string", minLength: 1, pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", description: "lowercase letters, digits and hyphens" }, kubeconfig_path: { type: "string", minLength: 1 }, k3s_version: { type: "string", pattern: "^v\\d+\\.\\d+\\.\\d+\\+k3s\\d+$", description: "a k3s release such as v1.32.4+k3s1" }, api_server_hostname: { type: "string" }, schedule_workloads_on_masters: { type: "boolean" }, include_instance_type_in_instance_name: { type: "boolean" }, protect_against_deletion: { type: "boolean" }, create_load_balancer_for_the_kubernetes_api: { type: "boolean" }, k3s_upgrade_concurrency: { type: "integer", minimum: 1 }, grow_root_partition_automatically: { type: "boolean" }, image: { type: ["string", "integer"] }, autoscaling_image: { type: ["string", "integer"] }, snapshot_os: { type: "string" }, additional_packages: { $ref: "#/$defs/strings" }, additional_pre_k3s_commands: { $ref: "#/$defs/strings" }, additional_post_k3s_commands: { $ref: "#/$defs/strings" }, kube_api_server_args: { $ref: "#/$defs/strings" }, kube_scheduler_args: { $ref: "#/$defs/strings" }, kube_controller_manager_args: { $ref: "#/$defs/strings" }, kube_cloud_controller_manager_args: { $ref: "#/$defs/strings" }, cluster_autoscaler_args: { $ref: "#/$defs/strings" }, kubelet_args: { $ref: "#/$defs/strings" }, kube_proxy_args: { $ref: "#/$defs/strings" }, networking: { $ref: "#/$defs/networking" }, datastore: { $ref: "#/$defs/datastore" }, masters_pool: { $ref: "#/$defs/mastersPool" }, worker_node_pools: { type: "array", items: { $ref: "#/$defs/workerPool" } }, addons: { $ref: "#/$defs/addons" } }, $defs: { strings: { type: "array", items: { type: "string" } }, cidrs: { type: "array", items: { type: "string", pattern: "^[0-9a-fA-F:.]+/\\d{1,3}$", description: "a CIDR block such as 10.0.0.0/16 or ::/0" } }, toggle: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" } } }, firewallRule: { type: "object", additionalProperties: !1, properties: { description: { type: "string" }, direction: { enum: ["in", "out"] }, protocol: { enum: ["tcp", "udp", "icmp", "esp", "gre"] }, port: { type: ["string", "integer"], pattern: "^(any|\\d{1,5}(-\\d{1,5})?)$", description: '"any", a port such as "80" or a range such as "30000-32767"' }, source_ips: { $ref: "#/$defs/cidrs" }, destination_ips: { $ref: "#/$defs/cidrs" } } }, networking: { type: "object", additionalProperties: !1, properties: { ssh: { type: "object", additionalProperties: !1, properties: { port: { type: "integer", minimum: 1, maximum: 65535 }, use_agent: { type: "boolean" }, use_private_ip: { type: "boolean" }, public_key_path: { type: "string" }, private_key_path: { type: "string" }, existing_ssh_key_name: { type: "string" } } }, allowed_networks: { type: "object", additionalProperties: !1, properties: { ssh: { $ref: "#/$defs/cidrs" }, api: { $ref: "#/$defs/cidrs" }, custom_firewall_rules: { type: "array", items: { $ref: "#/$defs/firewallRule" } } } }, public_network: { type: "object", additionalProperties: !1, properties: { ipv4: { type: "boolean" }, ipv6: { type: "boolean" }, hetzner_ips_query_server_url: { type: "string" }, use_local_firewall: { type: "boolean" } } }, private_network: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, subnet: { type: "string" }, existing_network_name: { type: "string" } } }, cni: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, encryption: { type: "boolean" }, mode: { enum: ["flannel", "cilium"] }, cilium: { type: ["object", "null"], additionalProperties: !1, properties: { helm_values_path: { type: "string" }, chart_version: { type: "string" } } }, flannel: { type: ["object", "null"], additionalProperties: !1, properties: { disable_kube_proxy: { type: "boolean" } } }, cilium_egress_gateway: { type: "boolean" } } }, tailscale: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, hostname_suffix: { type: "string" }, auth_key: { type: "string" } } }, node_port_firewall_enabled: { type: "boolean" }, node_port_range: { type: "string", pattern: "^\\d{1,5}-\\d{1,5}$", description: "a port range such as 30000-32767" }, cluster_cidr: { type: "string" }, service_cidr: { type: "string" }, cluster_dns: { type: "string" }, cluster_domain: { type: "string" } } }, datastore: { type: "object", additionalProperties: !1, properties: { mode: { enum: ["etcd", "external"] }, external_datastore_endpoint: { type: "string" }, etcd: { type: "object", additionalProperties: !1, properties: { snapshot_retention: { type: "integer", minimum: 0 }, snapshot_schedule_cron: { type: "string" }, s3_enabled: { type: "boolean" }, s3_endpoint: { type: "string" }, s3_region: { type: "string" }, s3_bucket: { type: "string" }, s3_access_key: { type: "string" }, s3_secret_key: { type: "string" }, s3_folder: { type: "string" }, s3_force_path_style: { type: "boolean" } } } } }, keyValue: { type: "object", additionalProperties: !1, required: ["key", "value"], properties: { key: { type: "string" }, value: { type: "string" } } }, mastersPool: { type: "object", additionalProperties: !1, required: ["instance_type"], properties: { instance_type: { type: "string", minLength: 1 }, instance_count: { type: "integer", minimum: 1 }, locations: { type: "array", minItems: 1, items: { type: "string" } }, image: { type: ["string", "integer"] }, labels: { type: "array", items: { $ref: "#/$defs/keyValue" } }, taints: { type: "array", items: { $ref: "#/$defs/keyValue" } }, additional_packages: { $ref: "#/$defs/strings" }, additional_pre_k3s_commands: { $ref: "#/$defs/strings" }, additional_post_k3s_commands: { $ref: "#/$defs/strings" }, include_cluster_name_as_prefix: { type: "boolean" }, grow_root_partition_automatically: { type: "boolean" }, legacy_instance_type: { type: "string" } } }, workerPool: { type: "object", additionalProperties: !1, required: ["instance_type"], properties: { name: { type: "string", minLength: 1 }, instance_type: { type: "string", minLength: 1 }, instance_count: { type: "integer", minimum: 0 }, location: { type: "string" }, autoscaling: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, min_instances: { type: "integer", minimum: 0 }, max_instances: { type: "integer", minimum: 0 } } }, external: { type: "object", additionalProperties: !1, properties: { provider: { enum: ["generic", "robot"] }, nodes: { type: "array", items: { type: "object" } } } }, image: { type: ["string", "integer"] }, labels: { type: "array", items: { $ref: "#/$defs/keyValue" } }, taints: { type: "array", items: { $ref: "#/$defs/keyValue" } }, additional_packages: { $ref: "#/$defs/strings" }, additional_pre_k3s_commands: { $ref: "#/$defs/strings" }, additional_post_k3s_commands: { $ref: "#/$defs/strings" }, include_cluster_name_as_prefix: { type: "boolean" }, grow_root_partition_automatically: { type: "boolean" }, legacy_instance_type: { type: "string" } } }, addons: { type: "object", additionalProperties: !1, properties: { traefik: { $ref: "#/$defs/toggle" }, servicelb: { $ref: "#/$defs/toggle" }, metrics_server: { $ref: "#/$defs/toggle" }, local_path_storage_class: { $ref: "#/$defs/toggle" }, gvisor: { $ref: "#/$defs/toggle" }, embedded_registry_mirror: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, private_registry_config: { type: "string", description: "k3s registries.yaml content (mirrors/configs)" } } }, csi_driver: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, manifest_url: { type: "string" } } }, cloud_controller_manager: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, manifest_url: { type: "string" } } }, system_upgrade_controller: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, deployment_manifest_url: { type: "string" }, crd_manifest_url: { type: "string" } } }, cluster_autoscaler: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, manifest_url: { type: "string" }, local_manifest_path: { type: "string" }, container_image_tag: { type: "string" }, scan_interval: { type: "string" }, scale_down_delay_after_add: { type: "string" }, scale_down_delay_after_delete: { type: "string" }, scale_down_delay_after_failure: { type: "string" }, max_node_provision_time: { type: "string" } } } } } } }, schema40 = { type: "array", items: { type: "string" } }, schema56 = { type: "object", additionalProperties: !1, properties: { mode: { enum: ["etcd", "external"] }, external_datastore_endpoint: { type: "string" }, etcd: { type: "object", additionalProperties: !1, properties: { snapshot_retention: { type: "integer", minimum: 0 }, snapshot_schedule_cron: { type: "string" }, s3_enabled: { type: "boolean" }, s3_endpoint: { type: "string" }, s3_region: { type: "string" }, s3_bucket: { type: "string" }, s3_access_key: { type: "string" }, s3_secret_key: { type: "string" }, s3_folder: { type: "string" }, s3_force_path_style: { type: "boolean" } } } } }, pattern9 = new RegExp("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", "u"), pattern10 = new RegExp("^v\\d+\\.\\d+\\.\\d+\\+k3s\\d+$", "u"), schema50 = { type: "object", additionalProperties: !1, properties: { ssh: { type: "object", additionalProperties: !1, properties: { port: { type: "integer", minimum: 1, maximum: 65535 }, use_agent: { type: "boolean" }, use_private_ip: { type: "boolean" }, public_key_path: { type: "string" }, private_key_path: { type: "string" }, existing_ssh_key_name: { type: "string" } } }, allowed_networks: { type: "object", additionalProperties: !1, properties: { ssh: { $ref: "#/$defs/cidrs" }, api: { $ref: "#/$defs/cidrs" }, custom_firewall_rules: { type: "array", items: { $ref: "#/$defs/firewallRule" } } } }, public_network: { type: "object", additionalProperties: !1, properties: { ipv4: { type: "boolean" }, ipv6: { type: "boolean" }, hetzner_ips_query_server_url: { type: "string" }, use_local_firewall: { type: "boolean" } } }, private_network: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, subnet: { type: "string" }, existing_network_name: { type: "string" } } }, cni: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, encryption: { type: "boolean" }, mode: { enum: ["flannel", "cilium"] }, cilium: { type: ["object", "null"], additionalProperties: !1, properties: { helm_values_path: { type: "string" }, chart_version: { type: "string" } } }, flannel: { type: ["object", "null"], additionalProperties: !1, properties: { disable_kube_proxy: { type: "boolean" } } }, cilium_egress_gateway: { type: "boolean" } } }, tailscale: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, hostname_suffix: { type: "string" }, auth_key: { type: "string" } } }, node_port_firewall_enabled: { type: "boolean" }, node_port_range: { type: "string", pattern: "^\\d{1,5}-\\d{1,5}$", description: "a port range such as 30000-32767" }, cluster_cidr: { type: "string" }, service_cidr: { type: "string" }, cluster_dns: { type: "string" }, cluster_domain: { type: "string" } } }, schema51 = { type: "array", items: { type: "string", pattern: "^[0-9a-fA-F:.]+/\\d{1,3}$", description: "a CIDR block such as 10.0.0.0/16 or ::/0" } }, pattern11 = new RegExp("^[0-9a-fA-F:.]+/\\d{1,3}$", "u"), pattern16 = new RegExp("^\\d{1,5}-\\d{1,5}$", "u"), schema53 = { type: "object", additionalProperties: !1, properties: { description: { type: "string" }, direction: { enum: ["in", "out"] }, protocol: { enum: ["tcp", "udp", "icmp", "esp", "gre"] }, port: { type: ["string", "integer"], pattern: "^(any|\\d{1,5}(-\\d{1,5})?)$", description: '"any", a port such as "80" or a range such as "30000-32767"' }, source_ips: { $ref: "#/$defs/cidrs" }, destination_ips: { $ref: "#/$defs/cidrs" } } }, pattern13 = new RegExp("^(any|\\d{1,5}(-\\d{1,5})?)$", "u");
    function validate27(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
      let vErrors = null, errors = 0, evaluated0 = validate27.evaluated;
      if (evaluated0.dynamicProps && (evaluated0.props = void 0), evaluated0.dynamicItems && (evaluated0.items = void 0), data && typeof data == "object" && !Array.isArray(data)) {
        for (let key0 in data)
          if (!(key0 === "description" || key0 === "direction" || key0 === "protocol" || key0 === "port" || key0 === "source_ips" || key0 === "destination_ips")) {
            let err0 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema53, data };
            vErrors === null ? vErrors = [err0] : vErrors.push(err0), errors++;
          }
        if (data.description !== void 0) {
          let data0 = data.description;
          if (typeof data0 != "string") {
            let err1 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema53.properties.description.type, parentSchema: schema53.properties.description, data: data0 };
            vErrors === null ? vErrors = [err1] : vErrors.push(err1), errors++;
          }
        }
        if (data.direction !== void 0) {
          let data1 = data.direction;
          if (!(data1 === "in" || data1 === "out")) {
            let err2 = { instancePath: instancePath + "/direction", schemaPath: "#/properties/direction/enum", keyword: "enum", params: { allowedValues: schema53.properties.direction.enum }, message: "must be equal to one of the allowed values", schema: schema53.properties.direction.enum, parentSchema: schema53.properties.direction, data: data1 };
            vErrors === null ? vErrors = [err2] : vErrors.push(err2), errors++;
          }
        }
        if (data.protocol !== void 0) {
          let data2 = data.protocol;
          if (!(data2 === "tcp" || data2 === "udp" || data2 === "icmp" || data2 === "esp" || data2 === "gre")) {
            let err3 = { instancePath: instancePath + "/protocol", schemaPath: "#/properties/protocol/enum", keyword: "enum", params: { allowedValues: schema53.properties.protocol.enum }, message: "must be equal to one of the allowed values", schema: schema53.properties.protocol.enum, parentSchema: schema53.properties.protocol, data: data2 };
            vErrors === null ? vErrors = [err3] : vErrors.push(err3), errors++;
          }
        }
        if (data.port !== void 0) {
          let data3 = data.port;
          if (typeof data3 != "string" && !(typeof data3 == "number" && !(data3 % 1) && !isNaN(data3) && isFinite(data3))) {
            let err4 = { instancePath: instancePath + "/port", schemaPath: "#/properties/port/type", keyword: "type", params: { type: schema53.properties.port.type }, message: "must be string,integer", schema: schema53.properties.port.type, parentSchema: schema53.properties.port, data: data3 };
            vErrors === null ? vErrors = [err4] : vErrors.push(err4), errors++;
          }
          if (typeof data3 == "string" && !pattern13.test(data3)) {
            let err5 = { instancePath: instancePath + "/port", schemaPath: "#/properties/port/pattern", keyword: "pattern", params: { pattern: "^(any|\\d{1,5}(-\\d{1,5})?)$" }, message: 'must match pattern "^(any|\\d{1,5}(-\\d{1,5})?)$"', schema: "^(any|\\d{1,5}(-\\d{1,5})?)$", parentSchema: schema53.properties.port, data: data3 };
            vErrors === null ? vErrors = [err5] : vErrors.push(err5), errors++;
          }
        }
        if (data.source_ips !== void 0) {
          let data4 = data.source_ips;
          if (Array.isArray(data4)) {
            let len0 = data4.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data5 = data4[i0];
              if (typeof data5 == "string") {
                if (!pattern11.test(data5)) {
                  let err6 = { instancePath: instancePath + "/source_ips/" + i0, schemaPath: "#/$defs/cidrs/items/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F:.]+/\\d{1,3}$" }, message: 'must match pattern "^[0-9a-fA-F:.]+/\\d{1,3}$"', schema: "^[0-9a-fA-F:.]+/\\d{1,3}$", parentSchema: schema51.items, data: data5 };
                  vErrors === null ? vErrors = [err6] : vErrors.push(err6), errors++;
                }
              } else {
                let err7 = { instancePath: instancePath + "/source_ips/" + i0, schemaPath: "#/$defs/cidrs/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema51.items.type, parentSchema: schema51.items, data: data5 };
                vErrors === null ? vErrors = [err7] : vErrors.push(err7), errors++;
              }
            }
          } else {
            let err8 = { instancePath: instancePath + "/source_ips", schemaPath: "#/$defs/cidrs/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema51.type, parentSchema: schema51, data: data4 };
            vErrors === null ? vErrors = [err8] : vErrors.push(err8), errors++;
          }
        }
        if (data.destination_ips !== void 0) {
          let data6 = data.destination_ips;
          if (Array.isArray(data6)) {
            let len1 = data6.length;
            for (let i1 = 0; i1 < len1; i1++) {
              let data7 = data6[i1];
              if (typeof data7 == "string") {
                if (!pattern11.test(data7)) {
                  let err9 = { instancePath: instancePath + "/destination_ips/" + i1, schemaPath: "#/$defs/cidrs/items/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F:.]+/\\d{1,3}$" }, message: 'must match pattern "^[0-9a-fA-F:.]+/\\d{1,3}$"', schema: "^[0-9a-fA-F:.]+/\\d{1,3}$", parentSchema: schema51.items, data: data7 };
                  vErrors === null ? vErrors = [err9] : vErrors.push(err9), errors++;
                }
              } else {
                let err10 = { instancePath: instancePath + "/destination_ips/" + i1, schemaPath: "#/$defs/cidrs/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema51.items.type, parentSchema: schema51.items, data: data7 };
                vErrors === null ? vErrors = [err10] : vErrors.push(err10), errors++;
              }
            }
          } else {
            let err11 = { instancePath: instancePath + "/destination_ips", schemaPath: "#/$defs/cidrs/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema51.type, parentSchema: schema51, data: data6 };
            vErrors === null ? vErrors = [err11] : vErrors.push(err11), errors++;
          }
        }
      } else {
        let err12 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema53.type, parentSchema: schema53, data };
        vErrors === null ? vErrors = [err12] : vErrors.push(err12), errors++;
      }
      return validate27.errors = vErrors, errors === 0;
    }
    validate27.evaluated = { props: !0, dynamicProps: !1, dynamicItems: !1 };
    function validate26(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
      let vErrors = null, errors = 0, evaluated0 = validate26.evaluated;
      if (evaluated0.dynamicProps && (evaluated0.props = void 0), evaluated0.dynamicItems && (evaluated0.items = void 0), data && typeof data == "object" && !Array.isArray(data)) {
        for (let key0 in data)
          if (!func3.call(schema50.properties, key0)) {
            let err0 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema50, data };
            vErrors === null ? vErrors = [err0] : vErrors.push(err0), errors++;
          }
        if (data.ssh !== void 0) {
          let data0 = data.ssh;
          if (data0 && typeof data0 == "object" && !Array.isArray(data0)) {
            for (let key1 in data0)
              if (!(key1 === "port" || key1 === "use_agent" || key1 === "use_private_ip" || key1 === "public_key_path" || key1 === "private_key_path" || key1 === "existing_ssh_key_name")) {
                let err1 = { instancePath: instancePath + "/ssh", schemaPath: "#/properties/ssh/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema50.properties.ssh, data: data0 };
                vErrors === null ? vErrors = [err1] : vErrors.push(err1), errors++;
              }
            if (data0.port !== void 0) {
              let data1 = data0.port;
              if (!(typeof data1 == "number" && !(data1 % 1) && !isNaN(data1) && isFinite(data1))) {
                let err2 = { instancePath: instancePath + "/ssh/port", schemaPath: "#/properties/ssh/properties/port/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema50.properties.ssh.properties.port.type, parentSchema: schema50.properties.ssh.properties.port, data: data1 };
                vErrors === null ? vErrors = [err2] : vErrors.push(err2), errors++;
              }
              if (typeof data1 == "number" && isFinite(data1)) {
                if (data1 > 65535 || isNaN(data1)) {
                  let err3 = { instancePath: instancePath + "/ssh/port", schemaPath: "#/properties/ssh/properties/port/maximum", keyword: "maximum", params: { comparison: "<=", limit: 65535 }, message: "must be <= 65535", schema: 65535, parentSchema: schema50.properties.ssh.properties.port, data: data1 };
                  vErrors === null ? vErrors = [err3] : vErrors.push(err3), errors++;
                }
                if (data1 < 1 || isNaN(data1)) {
                  let err4 = { instancePath: instancePath + "/ssh/port", schemaPath: "#/properties/ssh/properties/port/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema50.properties.ssh.properties.port, data: data1 };
                  vErrors === null ? vErrors = [err4] : vErrors.push(err4), errors++;
                }
              }
            }
            if (data0.use_agent !== void 0) {
              let data2 = data0.use_agent;
              if (typeof data2 != "boolean") {
                let err5 = { instancePath: instancePath + "/ssh/use_agent", schemaPath: "#/properties/ssh/properties/use_agent/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema50.properties.ssh.properties.use_agent.type, parentSchema: schema50.properties.ssh.properties.use_agent, data: data2 };
                vErrors === null ? vErrors = [err5] : vErrors.push(err5), errors++;
              }
            }
            if (data0.use_private_ip !== void 0) {
              let data3 = data0.use_private_ip;
              if (typeof data3 != "boolean") {
                let err6 = { instancePath: instancePath + "/ssh/use_private_ip", schemaPath: "#/properties/ssh/properties/use_private_ip/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema50.properties.ssh.properties.use_private_ip.type, parentSchema: schema50.properties.ssh.properties.use_private_ip, data: data3 };
                vErrors === null ? vErrors = [err6] : vErrors.push(err6), errors++;
              }
            }
            if (data0.public_key_path !== void 0) {
              let data4 = data0.public_key_path;
              if (typeof data4 != "string") {
                let err7 = { instancePath: instancePath + "/ssh/public_key_path", schemaPath: "#/properties/ssh/properties/public_key_path/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.ssh.properties.public_key_path.type, parentSchema: schema50.properties.ssh.properties.public_key_path, data: data4 };
                vErrors === null ? vErrors = [err7] : vErrors.push(err7), errors++;
              }
            }
            if (data0.private_key_path !== void 0) {
              let data5 = data0.private_key_path;
              if (typeof data5 != "string") {
                let err8 = { instancePath: instancePath + "/ssh/private_key_path", schemaPath: "#/properties/ssh/properties/private_key_path/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.ssh.properties.private_key_path.type, parentSchema: schema50.properties.ssh.properties.private_key_path, data: data5 };
                vErrors === null ? vErrors = [err8] : vErrors.push(err8), errors++;
              }
            }
            if (data0.existing_ssh_key_name !== void 0) {
              let data6 = data0.existing_ssh_key_name;
              if (typeof data6 != "string") {
                let err9 = { instancePath: instancePath + "/ssh/existing_ssh_key_name", schemaPath: "#/properties/ssh/properties/existing_ssh_key_name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.ssh.properties.existing_ssh_key_name.type, parentSchema: schema50.properties.ssh.properties.existing_ssh_key_name, data: data6 };
                vErrors === null ? vErrors = [err9] : vErrors.push(err9), errors++;
              }
            }
          } else {
            let err10 = { instancePath: instancePath + "/ssh", schemaPath: "#/properties/ssh/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.ssh.type, parentSchema: schema50.properties.ssh, data: data0 };
            vErrors === null ? vErrors = [err10] : vErrors.push(err10), errors++;
          }
        }
        if (data.allowed_networks !== void 0) {
          let data7 = data.allowed_networks;
          if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
            for (let key2 in data7)
              if (!(key2 === "ssh" || key2 === "api" || key2 === "custom_firewall_rules")) {
                let err11 = { instancePath: instancePath + "/allowed_networks", schemaPath: "#/properties/allowed_networks/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema50.properties.allowed_networks, data: data7 };
                vErrors === null ? vErrors = [err11] : vErrors.push(err11), errors++;
              }
            if (data7.ssh !== void 0) {
              let data8 = data7.ssh;
              if (Array.isArray(data8)) {
                let len0 = data8.length;
                for (let i0 = 0; i0 < len0; i0++) {
                  let data9 = data8[i0];
                  if (typeof data9 == "string") {
                    if (!pattern11.test(data9)) {
                      let err12 = { instancePath: instancePath + "/allowed_networks/ssh/" + i0, schemaPath: "#/$defs/cidrs/items/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F:.]+/\\d{1,3}$" }, message: 'must match pattern "^[0-9a-fA-F:.]+/\\d{1,3}$"', schema: "^[0-9a-fA-F:.]+/\\d{1,3}$", parentSchema: schema51.items, data: data9 };
                      vErrors === null ? vErrors = [err12] : vErrors.push(err12), errors++;
                    }
                  } else {
                    let err13 = { instancePath: instancePath + "/allowed_networks/ssh/" + i0, schemaPath: "#/$defs/cidrs/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema51.items.type, parentSchema: schema51.items, data: data9 };
                    vErrors === null ? vErrors = [err13] : vErrors.push(err13), errors++;
                  }
                }
              } else {
                let err14 = { instancePath: instancePath + "/allowed_networks/ssh", schemaPath: "#/$defs/cidrs/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema51.type, parentSchema: schema51, data: data8 };
                vErrors === null ? vErrors = [err14] : vErrors.push(err14), errors++;
              }
            }
            if (data7.api !== void 0) {
              let data10 = data7.api;
              if (Array.isArray(data10)) {
                let len1 = data10.length;
                for (let i1 = 0; i1 < len1; i1++) {
                  let data11 = data10[i1];
                  if (typeof data11 == "string") {
                    if (!pattern11.test(data11)) {
                      let err15 = { instancePath: instancePath + "/allowed_networks/api/" + i1, schemaPath: "#/$defs/cidrs/items/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F:.]+/\\d{1,3}$" }, message: 'must match pattern "^[0-9a-fA-F:.]+/\\d{1,3}$"', schema: "^[0-9a-fA-F:.]+/\\d{1,3}$", parentSchema: schema51.items, data: data11 };
                      vErrors === null ? vErrors = [err15] : vErrors.push(err15), errors++;
                    }
                  } else {
                    let err16 = { instancePath: instancePath + "/allowed_networks/api/" + i1, schemaPath: "#/$defs/cidrs/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema51.items.type, parentSchema: schema51.items, data: data11 };
                    vErrors === null ? vErrors = [err16] : vErrors.push(err16), errors++;
                  }
                }
              } else {
                let err17 = { instancePath: instancePath + "/allowed_networks/api", schemaPath: "#/$defs/cidrs/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema51.type, parentSchema: schema51, data: data10 };
                vErrors === null ? vErrors = [err17] : vErrors.push(err17), errors++;
              }
            }
            if (data7.custom_firewall_rules !== void 0) {
              let data12 = data7.custom_firewall_rules;
              if (Array.isArray(data12)) {
                let len2 = data12.length;
                for (let i2 = 0; i2 < len2; i2++)
                  validate27(data12[i2], { instancePath: instancePath + "/allowed_networks/custom_firewall_rules/" + i2, parentData: data12, parentDataProperty: i2, rootData, dynamicAnchors }) || (vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors), errors = vErrors.length);
              } else {
                let err18 = { instancePath: instancePath + "/allowed_networks/custom_firewall_rules", schemaPath: "#/properties/allowed_networks/properties/custom_firewall_rules/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema50.properties.allowed_networks.properties.custom_firewall_rules.type, parentSchema: schema50.properties.allowed_networks.properties.custom_firewall_rules, data: data12 };
                vErrors === null ? vErrors = [err18] : vErrors.push(err18), errors++;
              }
            }
          } else {
            let err19 = { instancePath: instancePath + "/allowed_networks", schemaPath: "#/properties/allowed_networks/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.allowed_networks.type, parentSchema: schema50.properties.allowed_networks, data: data7 };
            vErrors === null ? vErrors = [err19] : vErrors.push(err19), errors++;
          }
        }
        if (data.public_network !== void 0) {
          let data14 = data.public_network;
          if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
            for (let key3 in data14)
              if (!(key3 === "ipv4" || key3 === "ipv6" || key3 === "hetzner_ips_query_server_url" || key3 === "use_local_firewall")) {
                let err20 = { instancePath: instancePath + "/public_network", schemaPath: "#/properties/public_network/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema50.properties.public_network, data: data14 };
                vErrors === null ? vErrors = [err20] : vErrors.push(err20), errors++;
              }
            if (data14.ipv4 !== void 0) {
              let data15 = data14.ipv4;
              if (typeof data15 != "boolean") {
                let err21 = { instancePath: instancePath + "/public_network/ipv4", schemaPath: "#/properties/public_network/properties/ipv4/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema50.properties.public_network.properties.ipv4.type, parentSchema: schema50.properties.public_network.properties.ipv4, data: data15 };
                vErrors === null ? vErrors = [err21] : vErrors.push(err21), errors++;
              }
            }
            if (data14.ipv6 !== void 0) {
              let data16 = data14.ipv6;
              if (typeof data16 != "boolean") {
                let err22 = { instancePath: instancePath + "/public_network/ipv6", schemaPath: "#/properties/public_network/properties/ipv6/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema50.properties.public_network.properties.ipv6.type, parentSchema: schema50.properties.public_network.properties.ipv6, data: data16 };
                vErrors === null ? vErrors = [err22] : vErrors.push(err22), errors++;
              }
            }
            if (data14.hetzner_ips_query_server_url !== void 0) {
              let data17 = data14.hetzner_ips_query_server_url;
              if (typeof data17 != "string") {
                let err23 = { instancePath: instancePath + "/public_network/hetzner_ips_query_server_url", schemaPath: "#/properties/public_network/properties/hetzner_ips_query_server_url/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.public_network.properties.hetzner_ips_query_server_url.type, parentSchema: schema50.properties.public_network.properties.hetzner_ips_query_server_url, data: data17 };
                vErrors === null ? vErrors = [err23] : vErrors.push(err23), errors++;
              }
            }
            if (data14.use_local_firewall !== void 0) {
              let data18 = data14.use_local_firewall;
              if (typeof data18 != "boolean") {
                let err24 = { instancePath: instancePath + "/public_network/use_local_firewall", schemaPath: "#/properties/public_network/properties/use_local_firewall/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema50.properties.public_network.properties.use_local_firewall.type, parentSchema: schema50.properties.public_network.properties.use_local_firewall, data: data18 };
                vErrors === null ? vErrors = [err24] : vErrors.push(err24), errors++;
              }
            }
          } else {
            let err25 = { instancePath: instancePath + "/public_network", schemaPath: "#/properties/public_network/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.public_network.type, parentSchema: schema50.properties.public_network, data: data14 };
            vErrors === null ? vErrors = [err25] : vErrors.push(err25), errors++;
          }
        }
        if (data.private_network !== void 0) {
          let data19 = data.private_network;
          if (data19 && typeof data19 == "object" && !Array.isArray(data19)) {
            for (let key4 in data19)
              if (!(key4 === "enabled" || key4 === "subnet" || key4 === "existing_network_name")) {
                let err26 = { instancePath: instancePath + "/private_network", schemaPath: "#/properties/private_network/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema50.properties.private_network, data: data19 };
                vErrors === null ? vErrors = [err26] : vErrors.push(err26), errors++;
              }
            if (data19.enabled !== void 0) {
              let data20 = data19.enabled;
              if (typeof data20 != "boolean") {
                let err27 = { instancePath: instancePath + "/private_network/enabled", schemaPath: "#/properties/private_network/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema50.properties.private_network.properties.enabled.type, parentSchema: schema50.properties.private_network.properties.enabled, data: data20 };
                vErrors === null ? vErrors = [err27] : vErrors.push(err27), errors++;
              }
            }
            if (data19.subnet !== void 0) {
              let data21 = data19.subnet;
              if (typeof data21 != "string") {
                let err28 = { instancePath: instancePath + "/private_network/subnet", schemaPath: "#/properties/private_network/properties/subnet/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.private_network.properties.subnet.type, parentSchema: schema50.properties.private_network.properties.subnet, data: data21 };
                vErrors === null ? vErrors = [err28] : vErrors.push(err28), errors++;
              }
            }
            if (data19.existing_network_name !== void 0) {
              let data22 = data19.existing_network_name;
              if (typeof data22 != "string") {
                let err29 = { instancePath: instancePath + "/private_network/existing_network_name", schemaPath: "#/properties/private_network/properties/existing_network_name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.private_network.properties.existing_network_name.type, parentSchema: schema50.properties.private_network.properties.existing_network_name, data: data22 };
                vErrors === null ? vErrors = [err29] : vErrors.push(err29), errors++;
              }
            }
          } else {
            let err30 = { instancePath: instancePath + "/private_network", schemaPath: "#/properties/private_network/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.private_network.type, parentSchema: schema50.properties.private_network, data: data19 };
            vErrors === null ? vErrors = [err30] : vErrors.push(err30), errors++;
          }
        }
        if (data.cni !== void 0) {
          let data23 = data.cni;
          if (data23 && typeof data23 == "object" && !Array.isArray(data23)) {
            for (let key5 in data23)
              if (!(key5 === "enabled" || key5 === "encryption" || key5 === "mode" || key5 === "cilium" || key5 === "flannel" || key5 === "cilium_egress_gateway")) {
                let err31 = { instancePath: instancePath + "/cni", schemaPath: "#/properties/cni/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema50.properties.cni, data: data23 };
                vErrors === null ? vErrors = [err31] : vErrors.push(err31), errors++;
              }
            if (data23.enabled !== void 0) {
              let data24 = data23.enabled;
              if (typeof data24 != "boolean") {
                let err32 = { instancePath: instancePath + "/cni/enabled", schemaPath: "#/properties/cni/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema50.properties.cni.properties.enabled.type, parentSchema: schema50.properties.cni.properties.enabled, data: data24 };
                vErrors === null ? vErrors = [err32] : vErrors.push(err32), errors++;
              }
            }
            if (data23.encryption !== void 0) {
              let data25 = data23.encryption;
              if (typeof data25 != "boolean") {
                let err33 = { instancePath: instancePath + "/cni/encryption", schemaPath: "#/properties/cni/properties/encryption/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema50.properties.cni.properties.encryption.type, parentSchema: schema50.properties.cni.properties.encryption, data: data25 };
                vErrors === null ? vErrors = [err33] : vErrors.push(err33), errors++;
              }
            }
            if (data23.mode !== void 0) {
              let data26 = data23.mode;
              if (!(data26 === "flannel" || data26 === "cilium")) {
                let err34 = { instancePath: instancePath + "/cni/mode", schemaPath: "#/properties/cni/properties/mode/enum", keyword: "enum", params: { allowedValues: schema50.properties.cni.properties.mode.enum }, message: "must be equal to one of the allowed values", schema: schema50.properties.cni.properties.mode.enum, parentSchema: schema50.properties.cni.properties.mode, data: data26 };
                vErrors === null ? vErrors = [err34] : vErrors.push(err34), errors++;
              }
            }
            if (data23.cilium !== void 0) {
              let data27 = data23.cilium;
              if (!(data27 && typeof data27 == "object" && !Array.isArray(data27)) && data27 !== null) {
                let err35 = { instancePath: instancePath + "/cni/cilium", schemaPath: "#/properties/cni/properties/cilium/type", keyword: "type", params: { type: schema50.properties.cni.properties.cilium.type }, message: "must be object,null", schema: schema50.properties.cni.properties.cilium.type, parentSchema: schema50.properties.cni.properties.cilium, data: data27 };
                vErrors === null ? vErrors = [err35] : vErrors.push(err35), errors++;
              }
              if (data27 && typeof data27 == "object" && !Array.isArray(data27)) {
                for (let key6 in data27)
                  if (!(key6 === "helm_values_path" || key6 === "chart_version")) {
                    let err36 = { instancePath: instancePath + "/cni/cilium", schemaPath: "#/properties/cni/properties/cilium/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key6 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema50.properties.cni.properties.cilium, data: data27 };
                    vErrors === null ? vErrors = [err36] : vErrors.push(err36), errors++;
                  }
                if (data27.helm_values_path !== void 0) {
                  let data28 = data27.helm_values_path;
                  if (typeof data28 != "string") {
                    let err37 = { instancePath: instancePath + "/cni/cilium/helm_values_path", schemaPath: "#/properties/cni/properties/cilium/properties/helm_values_path/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.cni.properties.cilium.properties.helm_values_path.type, parentSchema: schema50.properties.cni.properties.cilium.properties.helm_values_path, data: data28 };
                    vErrors === null ? vErrors = [err37] : vErrors.push(err37), errors++;
                  }
                }
                if (data27.chart_version !== void 0) {
                  let data29 = data27.chart_version;
                  if (typeof data29 != "string") {
                    let err38 = { instancePath: instancePath + "/cni/cilium/chart_version", schemaPath: "#/properties/cni/properties/cilium/properties/chart_version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.cni.properties.cilium.properties.chart_version.type, parentSchema: schema50.properties.cni.properties.cilium.properties.chart_version, data: data29 };
                    vErrors === null ? vErrors = [err38] : vErrors.push(err38), errors++;
                  }
                }
              }
            }
            if (data23.flannel !== void 0) {
              let data30 = data23.flannel;
              if (!(data30 && typeof data30 == "object" && !Array.isArray(data30)) && data30 !== null) {
                let err39 = { instancePath: instancePath + "/cni/flannel", schemaPath: "#/properties/cni/properties/flannel/type", keyword: "type", params: { type: schema50.properties.cni.properties.flannel.type }, message: "must be object,null", schema: schema50.properties.cni.properties.flannel.type, parentSchema: schema50.properties.cni.properties.flannel, data: data30 };
                vErrors === null ? vErrors = [err39] : vErrors.push(err39), errors++;
              }
              if (data30 && typeof data30 == "object" && !Array.isArray(data30)) {
                for (let key7 in data30)
                  if (key7 !== "disable_kube_proxy") {
                    let err40 = { instancePath: instancePath + "/cni/flannel", schemaPath: "#/properties/cni/properties/flannel/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key7 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema50.properties.cni.properties.flannel, data: data30 };
                    vErrors === null ? vErrors = [err40] : vErrors.push(err40), errors++;
                  }
                if (data30.disable_kube_proxy !== void 0) {
                  let data31 = data30.disable_kube_proxy;
                  if (typeof data31 != "boolean") {
                    let err41 = { instancePath: instancePath + "/cni/flannel/disable_kube_proxy", schemaPath: "#/properties/cni/properties/flannel/properties/disable_kube_proxy/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema50.properties.cni.properties.flannel.properties.disable_kube_proxy.type, parentSchema: schema50.properties.cni.properties.flannel.properties.disable_kube_proxy, data: data31 };
                    vErrors === null ? vErrors = [err41] : vErrors.push(err41), errors++;
                  }
                }
              }
            }
            if (data23.cilium_egress_gateway !== void 0) {
              let data32 = data23.cilium_egress_gateway;
              if (typeof data32 != "boolean") {
                let err42 = { instancePath: instancePath + "/cni/cilium_egress_gateway", schemaPath: "#/properties/cni/properties/cilium_egress_gateway/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema50.properties.cni.properties.cilium_egress_gateway.type, parentSchema: schema50.properties.cni.properties.cilium_egress_gateway, data: data32 };
                vErrors === null ? vErrors = [err42] : vErrors.push(err42), errors++;
              }
            }
          } else {
            let err43 = { instancePath: instancePath + "/cni", schemaPath: "#/properties/cni/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.cni.type, parentSchema: schema50.properties.cni, data: data23 };
            vErrors === null ? vErrors = [err43] : vErrors.push(err43), errors++;
          }
        }
        if (data.tailscale !== void 0) {
          let data33 = data.tailscale;
          if (data33 && typeof data33 == "object" && !Array.isArray(data33)) {
            for (let key8 in data33)
              if (!(key8 === "enabled" || key8 === "hostname_suffix" || key8 === "auth_key")) {
                let err44 = { instancePath: instancePath + "/tailscale", schemaPath: "#/properties/tailscale/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key8 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema50.properties.tailscale, data: data33 };
                vErrors === null ? vErrors = [err44] : vErrors.push(err44), errors++;
              }
            if (data33.enabled !== void 0) {
              let data34 = data33.enabled;
              if (typeof data34 != "boolean") {
                let err45 = { instancePath: instancePath + "/tailscale/enabled", schemaPath: "#/properties/tailscale/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema50.properties.tailscale.properties.enabled.type, parentSchema: schema50.properties.tailscale.properties.enabled, data: data34 };
                vErrors === null ? vErrors = [err45] : vErrors.push(err45), errors++;
              }
            }
            if (data33.hostname_suffix !== void 0) {
              let data35 = data33.hostname_suffix;
              if (typeof data35 != "string") {
                let err46 = { instancePath: instancePath + "/tailscale/hostname_suffix", schemaPath: "#/properties/tailscale/properties/hostname_suffix/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.tailscale.properties.hostname_suffix.type, parentSchema: schema50.properties.tailscale.properties.hostname_suffix, data: data35 };
                vErrors === null ? vErrors = [err46] : vErrors.push(err46), errors++;
              }
            }
            if (data33.auth_key !== void 0) {
              let data36 = data33.auth_key;
              if (typeof data36 != "string") {
                let err47 = { instancePath: instancePath + "/tailscale/auth_key", schemaPath: "#/properties/tailscale/properties/auth_key/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.tailscale.properties.auth_key.type, parentSchema: schema50.properties.tailscale.properties.auth_key, data: data36 };
                vErrors === null ? vErrors = [err47] : vErrors.push(err47), errors++;
              }
            }
          } else {
            let err48 = { instancePath: instancePath + "/tailscale", schemaPath: "#/properties/tailscale/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.tailscale.type, parentSchema: schema50.properties.tailscale, data: data33 };
            vErrors === null ? vErrors = [err48] : vErrors.push(err48), errors++;
          }
        }
        if (data.node_port_firewall_enabled !== void 0) {
          let data37 = data.node_port_firewall_enabled;
          if (typeof data37 != "boolean") {
            let err49 = { instancePath: instancePath + "/node_port_firewall_enabled", schemaPath: "#/properties/node_port_firewall_enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema50.properties.node_port_firewall_enabled.type, parentSchema: schema50.properties.node_port_firewall_enabled, data: data37 };
            vErrors === null ? vErrors = [err49] : vErrors.push(err49), errors++;
          }
        }
        if (data.node_port_range !== void 0) {
          let data38 = data.node_port_range;
          if (typeof data38 == "string") {
            if (!pattern16.test(data38)) {
              let err50 = { instancePath: instancePath + "/node_port_range", schemaPath: "#/properties/node_port_range/pattern", keyword: "pattern", params: { pattern: "^\\d{1,5}-\\d{1,5}$" }, message: 'must match pattern "^\\d{1,5}-\\d{1,5}$"', schema: "^\\d{1,5}-\\d{1,5}$", parentSchema: schema50.properties.node_port_range, data: data38 };
              vErrors === null ? vErrors = [err50] : vErrors.push(err50), errors++;
            }
          } else {
            let err51 = { instancePath: instancePath + "/node_port_range", schemaPath: "#/properties/node_port_range/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.node_port_range.type, parentSchema: schema50.properties.node_port_range, data: data38 };
            vErrors === null ? vErrors = [err51] : vErrors.push(err51), errors++;
          }
        }
        if (data.cluster_cidr !== void 0) {
          let data39 = data.cluster_cidr;
          if (typeof data39 != "string") {
            let err52 = { instancePath: instancePath + "/cluster_cidr", schemaPath: "#/properties/cluster_cidr/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.cluster_cidr.type, parentSchema: schema50.properties.cluster_cidr, data: data39 };
            vErrors === null ? vErrors = [err52] : vErrors.push(err52), errors++;
          }
        }
        if (data.service_cidr !== void 0) {
          let data40 = data.service_cidr;
          if (typeof data40 != "string") {
            let err53 = { instancePath: instancePath + "/service_cidr", schemaPath: "#/properties/service_cidr/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.service_cidr.type, parentSchema: schema50.properties.service_cidr, data: data40 };
            vErrors === null ? vErrors = [err53] : vErrors.push(err53), errors++;
          }
        }
        if (data.cluster_dns !== void 0) {
          let data41 = data.cluster_dns;
          if (typeof data41 != "string") {
            let err54 = { instancePath: instancePath + "/cluster_dns", schemaPath: "#/properties/cluster_dns/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.cluster_dns.type, parentSchema: schema50.properties.cluster_dns, data: data41 };
            vErrors === null ? vErrors = [err54] : vErrors.push(err54), errors++;
          }
        }
        if (data.cluster_domain !== void 0) {
          let data42 = data.cluster_domain;
          if (typeof data42 != "string") {
            let err55 = { instancePath: instancePath + "/cluster_domain", schemaPath: "#/properties/cluster_domain/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.cluster_domain.type, parentSchema: schema50.properties.cluster_domain, data: data42 };
            vErrors === null ? vErrors = [err55] : vErrors.push(err55), errors++;
          }
        }
      } else {
        let err56 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.type, parentSchema: schema50, data };
        vErrors === null ? vErrors = [err56] : vErrors.push(err56), errors++;
      }
      return validate26.errors = vErrors, errors === 0;
    }
    validate26.evaluated = { props: !0, dynamicProps: !1, dynamicItems: !1 };
    var schema57 = { type: "object", additionalProperties: !1, required: ["instance_type"], properties: { instance_type: { type: "string", minLength: 1 }, instance_count: { type: "integer", minimum: 1 }, locations: { type: "array", minItems: 1, items: { type: "string" } }, image: { type: ["string", "integer"] }, labels: { type: "array", items: { $ref: "#/$defs/keyValue" } }, taints: { type: "array", items: { $ref: "#/$defs/keyValue" } }, additional_packages: { $ref: "#/$defs/strings" }, additional_pre_k3s_commands: { $ref: "#/$defs/strings" }, additional_post_k3s_commands: { $ref: "#/$defs/strings" }, include_cluster_name_as_prefix: { type: "boolean" }, grow_root_partition_automatically: { type: "boolean" }, legacy_instance_type: { type: "string" } } }, schema58 = { type: "object", additionalProperties: !1, required: ["key", "value"], properties: { key: { type: "string" }, value: { type: "string" } } };
    function validate30(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
      let vErrors = null, errors = 0, evaluated0 = validate30.evaluated;
      if (evaluated0.dynamicProps && (evaluated0.props = void 0), evaluated0.dynamicItems && (evaluated0.items = void 0), data && typeof data == "object" && !Array.isArray(data)) {
        if (data.instance_type === void 0) {
          let err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "instance_type" }, message: "must have required property 'instance_type'", schema: schema57.required, parentSchema: schema57, data };
          vErrors === null ? vErrors = [err0] : vErrors.push(err0), errors++;
        }
        for (let key0 in data)
          if (!func3.call(schema57.properties, key0)) {
            let err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema57, data };
            vErrors === null ? vErrors = [err1] : vErrors.push(err1), errors++;
          }
        if (data.instance_type !== void 0) {
          let data0 = data.instance_type;
          if (typeof data0 == "string") {
            if (func1(data0) < 1) {
              let err2 = { instancePath: instancePath + "/instance_type", schemaPath: "#/properties/instance_type/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema57.properties.instance_type, data: data0 };
              vErrors === null ? vErrors = [err2] : vErrors.push(err2), errors++;
            }
          } else {
            let err3 = { instancePath: instancePath + "/instance_type", schemaPath: "#/properties/instance_type/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema57.properties.instance_type.type, parentSchema: schema57.properties.instance_type, data: data0 };
            vErrors === null ? vErrors = [err3] : vErrors.push(err3), errors++;
          }
        }
        if (data.instance_count !== void 0) {
          let data1 = data.instance_count;
          if (!(typeof data1 == "number" && !(data1 % 1) && !isNaN(data1) && isFinite(data1))) {
            let err4 = { instancePath: instancePath + "/instance_count", schemaPath: "#/properties/instance_count/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema57.properties.instance_count.type, parentSchema: schema57.properties.instance_count, data: data1 };
            vErrors === null ? vErrors = [err4] : vErrors.push(err4), errors++;
          }
          if (typeof data1 == "number" && isFinite(data1) && (data1 < 1 || isNaN(data1))) {
            let err5 = { instancePath: instancePath + "/instance_count", schemaPath: "#/properties/instance_count/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema57.properties.instance_count, data: data1 };
            vErrors === null ? vErrors = [err5] : vErrors.push(err5), errors++;
          }
        }
        if (data.locations !== void 0) {
          let data2 = data.locations;
          if (Array.isArray(data2)) {
            if (data2.length < 1) {
              let err6 = { instancePath: instancePath + "/locations", schemaPath: "#/properties/locations/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema57.properties.locations, data: data2 };
              vErrors === null ? vErrors = [err6] : vErrors.push(err6), errors++;
            }
            let len0 = data2.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data3 = data2[i0];
              if (typeof data3 != "string") {
                let err7 = { instancePath: instancePath + "/locations/" + i0, schemaPath: "#/properties/locations/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema57.properties.locations.items.type, parentSchema: schema57.properties.locations.items, data: data3 };
                vErrors === null ? vErrors = [err7] : vErrors.push(err7), errors++;
              }
            }
          } else {
            let err8 = { instancePath: instancePath + "/locations", schemaPath: "#/properties/locations/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema57.properties.locations.type, parentSchema: schema57.properties.locations, data: data2 };
            vErrors === null ? vErrors = [err8] : vErrors.push(err8), errors++;
          }
        }
        if (data.image !== void 0) {
          let data4 = data.image;
          if (typeof data4 != "string" && !(typeof data4 == "number" && !(data4 % 1) && !isNaN(data4) && isFinite(data4))) {
            let err9 = { instancePath: instancePath + "/image", schemaPath: "#/properties/image/type", keyword: "type", params: { type: schema57.properties.image.type }, message: "must be string,integer", schema: schema57.properties.image.type, parentSchema: schema57.properties.image, data: data4 };
            vErrors === null ? vErrors = [err9] : vErrors.push(err9), errors++;
          }
        }
        if (data.labels !== void 0) {
          let data5 = data.labels;
          if (Array.isArray(data5)) {
            let len1 = data5.length;
            for (let i1 = 0; i1 < len1; i1++) {
              let data6 = data5[i1];
              if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
                if (data6.key === void 0) {
                  let err10 = { instancePath: instancePath + "/labels/" + i1, schemaPath: "#/$defs/keyValue/required", keyword: "required", params: { missingProperty: "key" }, message: "must have required property 'key'", schema: schema58.required, parentSchema: schema58, data: data6 };
                  vErrors === null ? vErrors = [err10] : vErrors.push(err10), errors++;
                }
                if (data6.value === void 0) {
                  let err11 = { instancePath: instancePath + "/labels/" + i1, schemaPath: "#/$defs/keyValue/required", keyword: "required", params: { missingProperty: "value" }, message: "must have required property 'value'", schema: schema58.required, parentSchema: schema58, data: data6 };
                  vErrors === null ? vErrors = [err11] : vErrors.push(err11), errors++;
                }
                for (let key1 in data6)
                  if (!(key1 === "key" || key1 === "value")) {
                    let err12 = { instancePath: instancePath + "/labels/" + i1, schemaPath: "#/$defs/keyValue/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema58, data: data6 };
                    vErrors === null ? vErrors = [err12] : vErrors.push(err12), errors++;
                  }
                if (data6.key !== void 0) {
                  let data7 = data6.key;
                  if (typeof data7 != "string") {
                    let err13 = { instancePath: instancePath + "/labels/" + i1 + "/key", schemaPath: "#/$defs/keyValue/properties/key/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema58.properties.key.type, parentSchema: schema58.properties.key, data: data7 };
                    vErrors === null ? vErrors = [err13] : vErrors.push(err13), errors++;
                  }
                }
                if (data6.value !== void 0) {
                  let data8 = data6.value;
                  if (typeof data8 != "string") {
                    let err14 = { instancePath: instancePath + "/labels/" + i1 + "/value", schemaPath: "#/$defs/keyValue/properties/value/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema58.properties.value.type, parentSchema: schema58.properties.value, data: data8 };
                    vErrors === null ? vErrors = [err14] : vErrors.push(err14), errors++;
                  }
                }
              } else {
                let err15 = { instancePath: instancePath + "/labels/" + i1, schemaPath: "#/$defs/keyValue/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema58.type, parentSchema: schema58, data: data6 };
                vErrors === null ? vErrors = [err15] : vErrors.push(err15), errors++;
              }
            }
          } else {
            let err16 = { instancePath: instancePath + "/labels", schemaPath: "#/properties/labels/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema57.properties.labels.type, parentSchema: schema57.properties.labels, data: data5 };
            vErrors === null ? vErrors = [err16] : vErrors.push(err16), errors++;
          }
        }
        if (data.taints !== void 0) {
          let data9 = data.taints;
          if (Array.isArray(data9)) {
            let len2 = data9.length;
            for (let i2 = 0; i2 < len2; i2++) {
              let data10 = data9[i2];
              if (data10 && typeof data10 == "object" && !Array.isArray(data10)) {
                if (data10.key === void 0) {
                  let err17 = { instancePath: instancePath + "/taints/" + i2, schemaPath: "#/$defs/keyValue/required", keyword: "required", params: { missingProperty: "key" }, message: "must have required property 'key'", schema: schema58.required, parentSchema: schema58, data: data10 };
                  vErrors === null ? vErrors = [err17] : vErrors.push(err17), errors++;
                }
                if (data10.value === void 0) {
                  let err18 = { instancePath: instancePath + "/taints/" + i2, schemaPath: "#/$defs/keyValue/required", keyword: "required", params: { missingProperty: "value" }, message: "must have required property 'value'", schema: schema58.required, parentSchema: schema58, data: data10 };
                  vErrors === null ? vErrors = [err18] : vErrors.push(err18), errors++;
                }
                for (let key2 in data10)
                  if (!(key2 === "key" || key2 === "value")) {
                    let err19 = { instancePath: instancePath + "/taints/" + i2, schemaPath: "#/$defs/keyValue/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema58, data: data10 };
                    vErrors === null ? vErrors = [err19] : vErrors.push(err19), errors++;
                  }
                if (data10.key !== void 0) {
                  let data11 = data10.key;
                  if (typeof data11 != "string") {
                    let err20 = { instancePath: instancePath + "/taints/" + i2 + "/key", schemaPath: "#/$defs/keyValue/properties/key/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema58.properties.key.type, parentSchema: schema58.properties.key, data: data11 };
                    vErrors === null ? vErrors = [err20] : vErrors.push(err20), errors++;
                  }
                }
                if (data10.value !== void 0) {
                  let data12 = data10.value;
                  if (typeof data12 != "string") {
                    let err21 = { instancePath: instancePath + "/taints/" + i2 + "/value", schemaPath: "#/$defs/keyValue/properties/value/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema58.properties.value.type, parentSchema: schema58.properties.value, data: data12 };
                    vErrors === null ? vErrors = [err21] : vErrors.push(err21), errors++;
                  }
                }
              } else {
                let err22 = { instancePath: instancePath + "/taints/" + i2, schemaPath: "#/$defs/keyValue/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema58.type, parentSchema: schema58, data: data10 };
                vErrors === null ? vErrors = [err22] : vErrors.push(err22), errors++;
              }
            }
          } else {
            let err23 = { instancePath: instancePath + "/taints", schemaPath: "#/properties/taints/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema57.properties.taints.type, parentSchema: schema57.properties.taints, data: data9 };
            vErrors === null ? vErrors = [err23] : vErrors.push(err23), errors++;
          }
        }
        if (data.additional_packages !== void 0) {
          let data13 = data.additional_packages;
          if (Array.isArray(data13)) {
            let len3 = data13.length;
            for (let i3 = 0; i3 < len3; i3++) {
              let data14 = data13[i3];
              if (typeof data14 != "string") {
                let err24 = { instancePath: instancePath + "/additional_packages/" + i3, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data14 };
                vErrors === null ? vErrors = [err24] : vErrors.push(err24), errors++;
              }
            }
          } else {
            let err25 = { instancePath: instancePath + "/additional_packages", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data13 };
            vErrors === null ? vErrors = [err25] : vErrors.push(err25), errors++;
          }
        }
        if (data.additional_pre_k3s_commands !== void 0) {
          let data15 = data.additional_pre_k3s_commands;
          if (Array.isArray(data15)) {
            let len4 = data15.length;
            for (let i4 = 0; i4 < len4; i4++) {
              let data16 = data15[i4];
              if (typeof data16 != "string") {
                let err26 = { instancePath: instancePath + "/additional_pre_k3s_commands/" + i4, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data16 };
                vErrors === null ? vErrors = [err26] : vErrors.push(err26), errors++;
              }
            }
          } else {
            let err27 = { instancePath: instancePath + "/additional_pre_k3s_commands", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data15 };
            vErrors === null ? vErrors = [err27] : vErrors.push(err27), errors++;
          }
        }
        if (data.additional_post_k3s_commands !== void 0) {
          let data17 = data.additional_post_k3s_commands;
          if (Array.isArray(data17)) {
            let len5 = data17.length;
            for (let i5 = 0; i5 < len5; i5++) {
              let data18 = data17[i5];
              if (typeof data18 != "string") {
                let err28 = { instancePath: instancePath + "/additional_post_k3s_commands/" + i5, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data18 };
                vErrors === null ? vErrors = [err28] : vErrors.push(err28), errors++;
              }
            }
          } else {
            let err29 = { instancePath: instancePath + "/additional_post_k3s_commands", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data17 };
            vErrors === null ? vErrors = [err29] : vErrors.push(err29), errors++;
          }
        }
        if (data.include_cluster_name_as_prefix !== void 0) {
          let data19 = data.include_cluster_name_as_prefix;
          if (typeof data19 != "boolean") {
            let err30 = { instancePath: instancePath + "/include_cluster_name_as_prefix", schemaPath: "#/properties/include_cluster_name_as_prefix/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema57.properties.include_cluster_name_as_prefix.type, parentSchema: schema57.properties.include_cluster_name_as_prefix, data: data19 };
            vErrors === null ? vErrors = [err30] : vErrors.push(err30), errors++;
          }
        }
        if (data.grow_root_partition_automatically !== void 0) {
          let data20 = data.grow_root_partition_automatically;
          if (typeof data20 != "boolean") {
            let err31 = { instancePath: instancePath + "/grow_root_partition_automatically", schemaPath: "#/properties/grow_root_partition_automatically/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema57.properties.grow_root_partition_automatically.type, parentSchema: schema57.properties.grow_root_partition_automatically, data: data20 };
            vErrors === null ? vErrors = [err31] : vErrors.push(err31), errors++;
          }
        }
        if (data.legacy_instance_type !== void 0) {
          let data21 = data.legacy_instance_type;
          if (typeof data21 != "string") {
            let err32 = { instancePath: instancePath + "/legacy_instance_type", schemaPath: "#/properties/legacy_instance_type/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema57.properties.legacy_instance_type.type, parentSchema: schema57.properties.legacy_instance_type, data: data21 };
            vErrors === null ? vErrors = [err32] : vErrors.push(err32), errors++;
          }
        }
      } else {
        let err33 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema57.type, parentSchema: schema57, data };
        vErrors === null ? vErrors = [err33] : vErrors.push(err33), errors++;
      }
      return validate30.errors = vErrors, errors === 0;
    }
    validate30.evaluated = { props: !0, dynamicProps: !1, dynamicItems: !1 };
    var schema63 = { type: "object", additionalProperties: !1, required: ["instance_type"], properties: { name: { type: "string", minLength: 1 }, instance_type: { type: "string", minLength: 1 }, instance_count: { type: "integer", minimum: 0 }, location: { type: "string" }, autoscaling: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, min_instances: { type: "integer", minimum: 0 }, max_instances: { type: "integer", minimum: 0 } } }, external: { type: "object", additionalProperties: !1, properties: { provider: { enum: ["generic", "robot"] }, nodes: { type: "array", items: { type: "object" } } } }, image: { type: ["string", "integer"] }, labels: { type: "array", items: { $ref: "#/$defs/keyValue" } }, taints: { type: "array", items: { $ref: "#/$defs/keyValue" } }, additional_packages: { $ref: "#/$defs/strings" }, additional_pre_k3s_commands: { $ref: "#/$defs/strings" }, additional_post_k3s_commands: { $ref: "#/$defs/strings" }, include_cluster_name_as_prefix: { type: "boolean" }, grow_root_partition_automatically: { type: "boolean" }, legacy_instance_type: { type: "string" } } };
    function validate32(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
      let vErrors = null, errors = 0, evaluated0 = validate32.evaluated;
      if (evaluated0.dynamicProps && (evaluated0.props = void 0), evaluated0.dynamicItems && (evaluated0.items = void 0), data && typeof data == "object" && !Array.isArray(data)) {
        if (data.instance_type === void 0) {
          let err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "instance_type" }, message: "must have required property 'instance_type'", schema: schema63.required, parentSchema: schema63, data };
          vErrors === null ? vErrors = [err0] : vErrors.push(err0), errors++;
        }
        for (let key0 in data)
          if (!func3.call(schema63.properties, key0)) {
            let err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema63, data };
            vErrors === null ? vErrors = [err1] : vErrors.push(err1), errors++;
          }
        if (data.name !== void 0) {
          let data0 = data.name;
          if (typeof data0 == "string") {
            if (func1(data0) < 1) {
              let err2 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema63.properties.name, data: data0 };
              vErrors === null ? vErrors = [err2] : vErrors.push(err2), errors++;
            }
          } else {
            let err3 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema63.properties.name.type, parentSchema: schema63.properties.name, data: data0 };
            vErrors === null ? vErrors = [err3] : vErrors.push(err3), errors++;
          }
        }
        if (data.instance_type !== void 0) {
          let data1 = data.instance_type;
          if (typeof data1 == "string") {
            if (func1(data1) < 1) {
              let err4 = { instancePath: instancePath + "/instance_type", schemaPath: "#/properties/instance_type/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema63.properties.instance_type, data: data1 };
              vErrors === null ? vErrors = [err4] : vErrors.push(err4), errors++;
            }
          } else {
            let err5 = { instancePath: instancePath + "/instance_type", schemaPath: "#/properties/instance_type/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema63.properties.instance_type.type, parentSchema: schema63.properties.instance_type, data: data1 };
            vErrors === null ? vErrors = [err5] : vErrors.push(err5), errors++;
          }
        }
        if (data.instance_count !== void 0) {
          let data2 = data.instance_count;
          if (!(typeof data2 == "number" && !(data2 % 1) && !isNaN(data2) && isFinite(data2))) {
            let err6 = { instancePath: instancePath + "/instance_count", schemaPath: "#/properties/instance_count/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema63.properties.instance_count.type, parentSchema: schema63.properties.instance_count, data: data2 };
            vErrors === null ? vErrors = [err6] : vErrors.push(err6), errors++;
          }
          if (typeof data2 == "number" && isFinite(data2) && (data2 < 0 || isNaN(data2))) {
            let err7 = { instancePath: instancePath + "/instance_count", schemaPath: "#/properties/instance_count/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema63.properties.instance_count, data: data2 };
            vErrors === null ? vErrors = [err7] : vErrors.push(err7), errors++;
          }
        }
        if (data.location !== void 0) {
          let data3 = data.location;
          if (typeof data3 != "string") {
            let err8 = { instancePath: instancePath + "/location", schemaPath: "#/properties/location/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema63.properties.location.type, parentSchema: schema63.properties.location, data: data3 };
            vErrors === null ? vErrors = [err8] : vErrors.push(err8), errors++;
          }
        }
        if (data.autoscaling !== void 0) {
          let data4 = data.autoscaling;
          if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
            for (let key1 in data4)
              if (!(key1 === "enabled" || key1 === "min_instances" || key1 === "max_instances")) {
                let err9 = { instancePath: instancePath + "/autoscaling", schemaPath: "#/properties/autoscaling/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema63.properties.autoscaling, data: data4 };
                vErrors === null ? vErrors = [err9] : vErrors.push(err9), errors++;
              }
            if (data4.enabled !== void 0) {
              let data5 = data4.enabled;
              if (typeof data5 != "boolean") {
                let err10 = { instancePath: instancePath + "/autoscaling/enabled", schemaPath: "#/properties/autoscaling/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema63.properties.autoscaling.properties.enabled.type, parentSchema: schema63.properties.autoscaling.properties.enabled, data: data5 };
                vErrors === null ? vErrors = [err10] : vErrors.push(err10), errors++;
              }
            }
            if (data4.min_instances !== void 0) {
              let data6 = data4.min_instances;
              if (!(typeof data6 == "number" && !(data6 % 1) && !isNaN(data6) && isFinite(data6))) {
                let err11 = { instancePath: instancePath + "/autoscaling/min_instances", schemaPath: "#/properties/autoscaling/properties/min_instances/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema63.properties.autoscaling.properties.min_instances.type, parentSchema: schema63.properties.autoscaling.properties.min_instances, data: data6 };
                vErrors === null ? vErrors = [err11] : vErrors.push(err11), errors++;
              }
              if (typeof data6 == "number" && isFinite(data6) && (data6 < 0 || isNaN(data6))) {
                let err12 = { instancePath: instancePath + "/autoscaling/min_instances", schemaPath: "#/properties/autoscaling/properties/min_instances/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema63.properties.autoscaling.properties.min_instances, data: data6 };
                vErrors === null ? vErrors = [err12] : vErrors.push(err12), errors++;
              }
            }
            if (data4.max_instances !== void 0) {
              let data7 = data4.max_instances;
              if (!(typeof data7 == "number" && !(data7 % 1) && !isNaN(data7) && isFinite(data7))) {
                let err13 = { instancePath: instancePath + "/autoscaling/max_instances", schemaPath: "#/properties/autoscaling/properties/max_instances/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema63.properties.autoscaling.properties.max_instances.type, parentSchema: schema63.properties.autoscaling.properties.max_instances, data: data7 };
                vErrors === null ? vErrors = [err13] : vErrors.push(err13), errors++;
              }
              if (typeof data7 == "number" && isFinite(data7) && (data7 < 0 || isNaN(data7))) {
                let err14 = { instancePath: instancePath + "/autoscaling/max_instances", schemaPath: "#/properties/autoscaling/properties/max_instances/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema63.properties.autoscaling.properties.max_instances, data: data7 };
                vErrors === null ? vErrors = [err14] : vErrors.push(err14), errors++;
              }
            }
          } else {
            let err15 = { instancePath: instancePath + "/autoscaling", schemaPath: "#/properties/autoscaling/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema63.properties.autoscaling.type, parentSchema: schema63.properties.autoscaling, data: data4 };
            vErrors === null ? vErrors = [err15] : vErrors.push(err15), errors++;
          }
        }
        if (data.external !== void 0) {
          let data8 = data.external;
          if (data8 && typeof data8 == "object" && !Array.isArray(data8)) {
            for (let key2 in data8)
              if (!(key2 === "provider" || key2 === "nodes")) {
                let err16 = { instancePath: instancePath + "/external", schemaPath: "#/properties/external/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema63.properties.external, data: data8 };
                vErrors === null ? vErrors = [err16] : vErrors.push(err16), errors++;
              }
            if (data8.provider !== void 0) {
              let data9 = data8.provider;
              if (!(data9 === "generic" || data9 === "robot")) {
                let err17 = { instancePath: instancePath + "/external/provider", schemaPath: "#/properties/external/properties/provider/enum", keyword: "enum", params: { allowedValues: schema63.properties.external.properties.provider.enum }, message: "must be equal to one of the allowed values", schema: schema63.properties.external.properties.provider.enum, parentSchema: schema63.properties.external.properties.provider, data: data9 };
                vErrors === null ? vErrors = [err17] : vErrors.push(err17), errors++;
              }
            }
            if (data8.nodes !== void 0) {
              let data10 = data8.nodes;
              if (Array.isArray(data10)) {
                let len0 = data10.length;
                for (let i0 = 0; i0 < len0; i0++) {
                  let data11 = data10[i0];
                  if (!(data11 && typeof data11 == "object" && !Array.isArray(data11))) {
                    let err18 = { instancePath: instancePath + "/external/nodes/" + i0, schemaPath: "#/properties/external/properties/nodes/items/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema63.properties.external.properties.nodes.items.type, parentSchema: schema63.properties.external.properties.nodes.items, data: data11 };
                    vErrors === null ? vErrors = [err18] : vErrors.push(err18), errors++;
                  }
                }
              } else {
                let err19 = { instancePath: instancePath + "/external/nodes", schemaPath: "#/properties/external/properties/nodes/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema63.properties.external.properties.nodes.type, parentSchema: schema63.properties.external.properties.nodes, data: data10 };
                vErrors === null ? vErrors = [err19] : vErrors.push(err19), errors++;
              }
            }
          } else {
            let err20 = { instancePath: instancePath + "/external", schemaPath: "#/properties/external/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema63.properties.external.type, parentSchema: schema63.properties.external, data: data8 };
            vErrors === null ? vErrors = [err20] : vErrors.push(err20), errors++;
          }
        }
        if (data.image !== void 0) {
          let data12 = data.image;
          if (typeof data12 != "string" && !(typeof data12 == "number" && !(data12 % 1) && !isNaN(data12) && isFinite(data12))) {
            let err21 = { instancePath: instancePath + "/image", schemaPath: "#/properties/image/type", keyword: "type", params: { type: schema63.properties.image.type }, message: "must be string,integer", schema: schema63.properties.image.type, parentSchema: schema63.properties.image, data: data12 };
            vErrors === null ? vErrors = [err21] : vErrors.push(err21), errors++;
          }
        }
        if (data.labels !== void 0) {
          let data13 = data.labels;
          if (Array.isArray(data13)) {
            let len1 = data13.length;
            for (let i1 = 0; i1 < len1; i1++) {
              let data14 = data13[i1];
              if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
                if (data14.key === void 0) {
                  let err22 = { instancePath: instancePath + "/labels/" + i1, schemaPath: "#/$defs/keyValue/required", keyword: "required", params: { missingProperty: "key" }, message: "must have required property 'key'", schema: schema58.required, parentSchema: schema58, data: data14 };
                  vErrors === null ? vErrors = [err22] : vErrors.push(err22), errors++;
                }
                if (data14.value === void 0) {
                  let err23 = { instancePath: instancePath + "/labels/" + i1, schemaPath: "#/$defs/keyValue/required", keyword: "required", params: { missingProperty: "value" }, message: "must have required property 'value'", schema: schema58.required, parentSchema: schema58, data: data14 };
                  vErrors === null ? vErrors = [err23] : vErrors.push(err23), errors++;
                }
                for (let key3 in data14)
                  if (!(key3 === "key" || key3 === "value")) {
                    let err24 = { instancePath: instancePath + "/labels/" + i1, schemaPath: "#/$defs/keyValue/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema58, data: data14 };
                    vErrors === null ? vErrors = [err24] : vErrors.push(err24), errors++;
                  }
                if (data14.key !== void 0) {
                  let data15 = data14.key;
                  if (typeof data15 != "string") {
                    let err25 = { instancePath: instancePath + "/labels/" + i1 + "/key", schemaPath: "#/$defs/keyValue/properties/key/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema58.properties.key.type, parentSchema: schema58.properties.key, data: data15 };
                    vErrors === null ? vErrors = [err25] : vErrors.push(err25), errors++;
                  }
                }
                if (data14.value !== void 0) {
                  let data16 = data14.value;
                  if (typeof data16 != "string") {
                    let err26 = { instancePath: instancePath + "/labels/" + i1 + "/value", schemaPath: "#/$defs/keyValue/properties/value/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema58.properties.value.type, parentSchema: schema58.properties.value, data: data16 };
                    vErrors === null ? vErrors = [err26] : vErrors.push(err26), errors++;
                  }
                }
              } else {
                let err27 = { instancePath: instancePath + "/labels/" + i1, schemaPath: "#/$defs/keyValue/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema58.type, parentSchema: schema58, data: data14 };
                vErrors === null ? vErrors = [err27] : vErrors.push(err27), errors++;
              }
            }
          } else {
            let err28 = { instancePath: instancePath + "/labels", schemaPath: "#/properties/labels/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema63.properties.labels.type, parentSchema: schema63.properties.labels, data: data13 };
            vErrors === null ? vErrors = [err28] : vErrors.push(err28), errors++;
          }
        }
        if (data.taints !== void 0) {
          let data17 = data.taints;
          if (Array.isArray(data17)) {
            let len2 = data17.length;
            for (let i2 = 0; i2 < len2; i2++) {
              let data18 = data17[i2];
              if (data18 && typeof data18 == "object" && !Array.isArray(data18)) {
                if (data18.key === void 0) {
                  let err29 = { instancePath: instancePath + "/taints/" + i2, schemaPath: "#/$defs/keyValue/required", keyword: "required", params: { missingProperty: "key" }, message: "must have required property 'key'", schema: schema58.required, parentSchema: schema58, data: data18 };
                  vErrors === null ? vErrors = [err29] : vErrors.push(err29), errors++;
                }
                if (data18.value === void 0) {
                  let err30 = { instancePath: instancePath + "/taints/" + i2, schemaPath: "#/$defs/keyValue/required", keyword: "required", params: { missingProperty: "value" }, message: "must have required property 'value'", schema: schema58.required, parentSchema: schema58, data: data18 };
                  vErrors === null ? vErrors = [err30] : vErrors.push(err30), errors++;
                }
                for (let key4 in data18)
                  if (!(key4 === "key" || key4 === "value")) {
                    let err31 = { instancePath: instancePath + "/taints/" + i2, schemaPath: "#/$defs/keyValue/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema58, data: data18 };
                    vErrors === null ? vErrors = [err31] : vErrors.push(err31), errors++;
                  }
                if (data18.key !== void 0) {
                  let data19 = data18.key;
                  if (typeof data19 != "string") {
                    let err32 = { instancePath: instancePath + "/taints/" + i2 + "/key", schemaPath: "#/$defs/keyValue/properties/key/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema58.properties.key.type, parentSchema: schema58.properties.key, data: data19 };
                    vErrors === null ? vErrors = [err32] : vErrors.push(err32), errors++;
                  }
                }
                if (data18.value !== void 0) {
                  let data20 = data18.value;
                  if (typeof data20 != "string") {
                    let err33 = { instancePath: instancePath + "/taints/" + i2 + "/value", schemaPath: "#/$defs/keyValue/properties/value/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema58.properties.value.type, parentSchema: schema58.properties.value, data: data20 };
                    vErrors === null ? vErrors = [err33] : vErrors.push(err33), errors++;
                  }
                }
              } else {
                let err34 = { instancePath: instancePath + "/taints/" + i2, schemaPath: "#/$defs/keyValue/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema58.type, parentSchema: schema58, data: data18 };
                vErrors === null ? vErrors = [err34] : vErrors.push(err34), errors++;
              }
            }
          } else {
            let err35 = { instancePath: instancePath + "/taints", schemaPath: "#/properties/taints/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema63.properties.taints.type, parentSchema: schema63.properties.taints, data: data17 };
            vErrors === null ? vErrors = [err35] : vErrors.push(err35), errors++;
          }
        }
        if (data.additional_packages !== void 0) {
          let data21 = data.additional_packages;
          if (Array.isArray(data21)) {
            let len3 = data21.length;
            for (let i3 = 0; i3 < len3; i3++) {
              let data22 = data21[i3];
              if (typeof data22 != "string") {
                let err36 = { instancePath: instancePath + "/additional_packages/" + i3, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data22 };
                vErrors === null ? vErrors = [err36] : vErrors.push(err36), errors++;
              }
            }
          } else {
            let err37 = { instancePath: instancePath + "/additional_packages", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data21 };
            vErrors === null ? vErrors = [err37] : vErrors.push(err37), errors++;
          }
        }
        if (data.additional_pre_k3s_commands !== void 0) {
          let data23 = data.additional_pre_k3s_commands;
          if (Array.isArray(data23)) {
            let len4 = data23.length;
            for (let i4 = 0; i4 < len4; i4++) {
              let data24 = data23[i4];
              if (typeof data24 != "string") {
                let err38 = { instancePath: instancePath + "/additional_pre_k3s_commands/" + i4, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data24 };
                vErrors === null ? vErrors = [err38] : vErrors.push(err38), errors++;
              }
            }
          } else {
            let err39 = { instancePath: instancePath + "/additional_pre_k3s_commands", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data23 };
            vErrors === null ? vErrors = [err39] : vErrors.push(err39), errors++;
          }
        }
        if (data.additional_post_k3s_commands !== void 0) {
          let data25 = data.additional_post_k3s_commands;
          if (Array.isArray(data25)) {
            let len5 = data25.length;
            for (let i5 = 0; i5 < len5; i5++) {
              let data26 = data25[i5];
              if (typeof data26 != "string") {
                let err40 = { instancePath: instancePath + "/additional_post_k3s_commands/" + i5, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data26 };
                vErrors === null ? vErrors = [err40] : vErrors.push(err40), errors++;
              }
            }
          } else {
            let err41 = { instancePath: instancePath + "/additional_post_k3s_commands", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data25 };
            vErrors === null ? vErrors = [err41] : vErrors.push(err41), errors++;
          }
        }
        if (data.include_cluster_name_as_prefix !== void 0) {
          let data27 = data.include_cluster_name_as_prefix;
          if (typeof data27 != "boolean") {
            let err42 = { instancePath: instancePath + "/include_cluster_name_as_prefix", schemaPath: "#/properties/include_cluster_name_as_prefix/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema63.properties.include_cluster_name_as_prefix.type, parentSchema: schema63.properties.include_cluster_name_as_prefix, data: data27 };
            vErrors === null ? vErrors = [err42] : vErrors.push(err42), errors++;
          }
        }
        if (data.grow_root_partition_automatically !== void 0) {
          let data28 = data.grow_root_partition_automatically;
          if (typeof data28 != "boolean") {
            let err43 = { instancePath: instancePath + "/grow_root_partition_automatically", schemaPath: "#/properties/grow_root_partition_automatically/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema63.properties.grow_root_partition_automatically.type, parentSchema: schema63.properties.grow_root_partition_automatically, data: data28 };
            vErrors === null ? vErrors = [err43] : vErrors.push(err43), errors++;
          }
        }
        if (data.legacy_instance_type !== void 0) {
          let data29 = data.legacy_instance_type;
          if (typeof data29 != "string") {
            let err44 = { instancePath: instancePath + "/legacy_instance_type", schemaPath: "#/properties/legacy_instance_type/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema63.properties.legacy_instance_type.type, parentSchema: schema63.properties.legacy_instance_type, data: data29 };
            vErrors === null ? vErrors = [err44] : vErrors.push(err44), errors++;
          }
        }
      } else {
        let err45 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema63.type, parentSchema: schema63, data };
        vErrors === null ? vErrors = [err45] : vErrors.push(err45), errors++;
      }
      return validate32.errors = vErrors, errors === 0;
    }
    validate32.evaluated = { props: !0, dynamicProps: !1, dynamicItems: !1 };
    var schema69 = { type: "object", additionalProperties: !1, properties: { traefik: { $ref: "#/$defs/toggle" }, servicelb: { $ref: "#/$defs/toggle" }, metrics_server: { $ref: "#/$defs/toggle" }, local_path_storage_class: { $ref: "#/$defs/toggle" }, gvisor: { $ref: "#/$defs/toggle" }, embedded_registry_mirror: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, private_registry_config: { type: "string", description: "k3s registries.yaml content (mirrors/configs)" } } }, csi_driver: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, manifest_url: { type: "string" } } }, cloud_controller_manager: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, manifest_url: { type: "string" } } }, system_upgrade_controller: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, deployment_manifest_url: { type: "string" }, crd_manifest_url: { type: "string" } } }, cluster_autoscaler: { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" }, manifest_url: { type: "string" }, local_manifest_path: { type: "string" }, container_image_tag: { type: "string" }, scan_interval: { type: "string" }, scale_down_delay_after_add: { type: "string" }, scale_down_delay_after_delete: { type: "string" }, scale_down_delay_after_failure: { type: "string" }, max_node_provision_time: { type: "string" } } } } }, schema70 = { type: "object", additionalProperties: !1, properties: { enabled: { type: "boolean" } } };
    function validate34(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
      let vErrors = null, errors = 0, evaluated0 = validate34.evaluated;
      if (evaluated0.dynamicProps && (evaluated0.props = void 0), evaluated0.dynamicItems && (evaluated0.items = void 0), data && typeof data == "object" && !Array.isArray(data)) {
        for (let key0 in data)
          if (!func3.call(schema69.properties, key0)) {
            let err0 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema69, data };
            vErrors === null ? vErrors = [err0] : vErrors.push(err0), errors++;
          }
        if (data.traefik !== void 0) {
          let data0 = data.traefik;
          if (data0 && typeof data0 == "object" && !Array.isArray(data0)) {
            for (let key1 in data0)
              if (key1 !== "enabled") {
                let err1 = { instancePath: instancePath + "/traefik", schemaPath: "#/$defs/toggle/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema70, data: data0 };
                vErrors === null ? vErrors = [err1] : vErrors.push(err1), errors++;
              }
            if (data0.enabled !== void 0) {
              let data1 = data0.enabled;
              if (typeof data1 != "boolean") {
                let err2 = { instancePath: instancePath + "/traefik/enabled", schemaPath: "#/$defs/toggle/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema70.properties.enabled.type, parentSchema: schema70.properties.enabled, data: data1 };
                vErrors === null ? vErrors = [err2] : vErrors.push(err2), errors++;
              }
            }
          } else {
            let err3 = { instancePath: instancePath + "/traefik", schemaPath: "#/$defs/toggle/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema70.type, parentSchema: schema70, data: data0 };
            vErrors === null ? vErrors = [err3] : vErrors.push(err3), errors++;
          }
        }
        if (data.servicelb !== void 0) {
          let data2 = data.servicelb;
          if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
            for (let key2 in data2)
              if (key2 !== "enabled") {
                let err4 = { instancePath: instancePath + "/servicelb", schemaPath: "#/$defs/toggle/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema70, data: data2 };
                vErrors === null ? vErrors = [err4] : vErrors.push(err4), errors++;
              }
            if (data2.enabled !== void 0) {
              let data3 = data2.enabled;
              if (typeof data3 != "boolean") {
                let err5 = { instancePath: instancePath + "/servicelb/enabled", schemaPath: "#/$defs/toggle/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema70.properties.enabled.type, parentSchema: schema70.properties.enabled, data: data3 };
                vErrors === null ? vErrors = [err5] : vErrors.push(err5), errors++;
              }
            }
          } else {
            let err6 = { instancePath: instancePath + "/servicelb", schemaPath: "#/$defs/toggle/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema70.type, parentSchema: schema70, data: data2 };
            vErrors === null ? vErrors = [err6] : vErrors.push(err6), errors++;
          }
        }
        if (data.metrics_server !== void 0) {
          let data4 = data.metrics_server;
          if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
            for (let key3 in data4)
              if (key3 !== "enabled") {
                let err7 = { instancePath: instancePath + "/metrics_server", schemaPath: "#/$defs/toggle/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema70, data: data4 };
                vErrors === null ? vErrors = [err7] : vErrors.push(err7), errors++;
              }
            if (data4.enabled !== void 0) {
              let data5 = data4.enabled;
              if (typeof data5 != "boolean") {
                let err8 = { instancePath: instancePath + "/metrics_server/enabled", schemaPath: "#/$defs/toggle/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema70.properties.enabled.type, parentSchema: schema70.properties.enabled, data: data5 };
                vErrors === null ? vErrors = [err8] : vErrors.push(err8), errors++;
              }
            }
          } else {
            let err9 = { instancePath: instancePath + "/metrics_server", schemaPath: "#/$defs/toggle/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema70.type, parentSchema: schema70, data: data4 };
            vErrors === null ? vErrors = [err9] : vErrors.push(err9), errors++;
          }
        }
        if (data.local_path_storage_class !== void 0) {
          let data6 = data.local_path_storage_class;
          if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
            for (let key4 in data6)
              if (key4 !== "enabled") {
                let err10 = { instancePath: instancePath + "/local_path_storage_class", schemaPath: "#/$defs/toggle/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema70, data: data6 };
                vErrors === null ? vErrors = [err10] : vErrors.push(err10), errors++;
              }
            if (data6.enabled !== void 0) {
              let data7 = data6.enabled;
              if (typeof data7 != "boolean") {
                let err11 = { instancePath: instancePath + "/local_path_storage_class/enabled", schemaPath: "#/$defs/toggle/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema70.properties.enabled.type, parentSchema: schema70.properties.enabled, data: data7 };
                vErrors === null ? vErrors = [err11] : vErrors.push(err11), errors++;
              }
            }
          } else {
            let err12 = { instancePath: instancePath + "/local_path_storage_class", schemaPath: "#/$defs/toggle/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema70.type, parentSchema: schema70, data: data6 };
            vErrors === null ? vErrors = [err12] : vErrors.push(err12), errors++;
          }
        }
        if (data.gvisor !== void 0) {
          let data8 = data.gvisor;
          if (data8 && typeof data8 == "object" && !Array.isArray(data8)) {
            for (let key5 in data8)
              if (key5 !== "enabled") {
                let err13 = { instancePath: instancePath + "/gvisor", schemaPath: "#/$defs/toggle/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema70, data: data8 };
                vErrors === null ? vErrors = [err13] : vErrors.push(err13), errors++;
              }
            if (data8.enabled !== void 0) {
              let data9 = data8.enabled;
              if (typeof data9 != "boolean") {
                let err14 = { instancePath: instancePath + "/gvisor/enabled", schemaPath: "#/$defs/toggle/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema70.properties.enabled.type, parentSchema: schema70.properties.enabled, data: data9 };
                vErrors === null ? vErrors = [err14] : vErrors.push(err14), errors++;
              }
            }
          } else {
            let err15 = { instancePath: instancePath + "/gvisor", schemaPath: "#/$defs/toggle/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema70.type, parentSchema: schema70, data: data8 };
            vErrors === null ? vErrors = [err15] : vErrors.push(err15), errors++;
          }
        }
        if (data.embedded_registry_mirror !== void 0) {
          let data10 = data.embedded_registry_mirror;
          if (data10 && typeof data10 == "object" && !Array.isArray(data10)) {
            for (let key6 in data10)
              if (!(key6 === "enabled" || key6 === "private_registry_config")) {
                let err16 = { instancePath: instancePath + "/embedded_registry_mirror", schemaPath: "#/properties/embedded_registry_mirror/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key6 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema69.properties.embedded_registry_mirror, data: data10 };
                vErrors === null ? vErrors = [err16] : vErrors.push(err16), errors++;
              }
            if (data10.enabled !== void 0) {
              let data11 = data10.enabled;
              if (typeof data11 != "boolean") {
                let err17 = { instancePath: instancePath + "/embedded_registry_mirror/enabled", schemaPath: "#/properties/embedded_registry_mirror/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema69.properties.embedded_registry_mirror.properties.enabled.type, parentSchema: schema69.properties.embedded_registry_mirror.properties.enabled, data: data11 };
                vErrors === null ? vErrors = [err17] : vErrors.push(err17), errors++;
              }
            }
            if (data10.private_registry_config !== void 0) {
              let data12 = data10.private_registry_config;
              if (typeof data12 != "string") {
                let err18 = { instancePath: instancePath + "/embedded_registry_mirror/private_registry_config", schemaPath: "#/properties/embedded_registry_mirror/properties/private_registry_config/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.embedded_registry_mirror.properties.private_registry_config.type, parentSchema: schema69.properties.embedded_registry_mirror.properties.private_registry_config, data: data12 };
                vErrors === null ? vErrors = [err18] : vErrors.push(err18), errors++;
              }
            }
          } else {
            let err19 = { instancePath: instancePath + "/embedded_registry_mirror", schemaPath: "#/properties/embedded_registry_mirror/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema69.properties.embedded_registry_mirror.type, parentSchema: schema69.properties.embedded_registry_mirror, data: data10 };
            vErrors === null ? vErrors = [err19] : vErrors.push(err19), errors++;
          }
        }
        if (data.csi_driver !== void 0) {
          let data13 = data.csi_driver;
          if (data13 && typeof data13 == "object" && !Array.isArray(data13)) {
            for (let key7 in data13)
              if (!(key7 === "enabled" || key7 === "manifest_url")) {
                let err20 = { instancePath: instancePath + "/csi_driver", schemaPath: "#/properties/csi_driver/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key7 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema69.properties.csi_driver, data: data13 };
                vErrors === null ? vErrors = [err20] : vErrors.push(err20), errors++;
              }
            if (data13.enabled !== void 0) {
              let data14 = data13.enabled;
              if (typeof data14 != "boolean") {
                let err21 = { instancePath: instancePath + "/csi_driver/enabled", schemaPath: "#/properties/csi_driver/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema69.properties.csi_driver.properties.enabled.type, parentSchema: schema69.properties.csi_driver.properties.enabled, data: data14 };
                vErrors === null ? vErrors = [err21] : vErrors.push(err21), errors++;
              }
            }
            if (data13.manifest_url !== void 0) {
              let data15 = data13.manifest_url;
              if (typeof data15 != "string") {
                let err22 = { instancePath: instancePath + "/csi_driver/manifest_url", schemaPath: "#/properties/csi_driver/properties/manifest_url/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.csi_driver.properties.manifest_url.type, parentSchema: schema69.properties.csi_driver.properties.manifest_url, data: data15 };
                vErrors === null ? vErrors = [err22] : vErrors.push(err22), errors++;
              }
            }
          } else {
            let err23 = { instancePath: instancePath + "/csi_driver", schemaPath: "#/properties/csi_driver/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema69.properties.csi_driver.type, parentSchema: schema69.properties.csi_driver, data: data13 };
            vErrors === null ? vErrors = [err23] : vErrors.push(err23), errors++;
          }
        }
        if (data.cloud_controller_manager !== void 0) {
          let data16 = data.cloud_controller_manager;
          if (data16 && typeof data16 == "object" && !Array.isArray(data16)) {
            for (let key8 in data16)
              if (!(key8 === "enabled" || key8 === "manifest_url")) {
                let err24 = { instancePath: instancePath + "/cloud_controller_manager", schemaPath: "#/properties/cloud_controller_manager/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key8 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema69.properties.cloud_controller_manager, data: data16 };
                vErrors === null ? vErrors = [err24] : vErrors.push(err24), errors++;
              }
            if (data16.enabled !== void 0) {
              let data17 = data16.enabled;
              if (typeof data17 != "boolean") {
                let err25 = { instancePath: instancePath + "/cloud_controller_manager/enabled", schemaPath: "#/properties/cloud_controller_manager/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema69.properties.cloud_controller_manager.properties.enabled.type, parentSchema: schema69.properties.cloud_controller_manager.properties.enabled, data: data17 };
                vErrors === null ? vErrors = [err25] : vErrors.push(err25), errors++;
              }
            }
            if (data16.manifest_url !== void 0) {
              let data18 = data16.manifest_url;
              if (typeof data18 != "string") {
                let err26 = { instancePath: instancePath + "/cloud_controller_manager/manifest_url", schemaPath: "#/properties/cloud_controller_manager/properties/manifest_url/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.cloud_controller_manager.properties.manifest_url.type, parentSchema: schema69.properties.cloud_controller_manager.properties.manifest_url, data: data18 };
                vErrors === null ? vErrors = [err26] : vErrors.push(err26), errors++;
              }
            }
          } else {
            let err27 = { instancePath: instancePath + "/cloud_controller_manager", schemaPath: "#/properties/cloud_controller_manager/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema69.properties.cloud_controller_manager.type, parentSchema: schema69.properties.cloud_controller_manager, data: data16 };
            vErrors === null ? vErrors = [err27] : vErrors.push(err27), errors++;
          }
        }
        if (data.system_upgrade_controller !== void 0) {
          let data19 = data.system_upgrade_controller;
          if (data19 && typeof data19 == "object" && !Array.isArray(data19)) {
            for (let key9 in data19)
              if (!(key9 === "enabled" || key9 === "deployment_manifest_url" || key9 === "crd_manifest_url")) {
                let err28 = { instancePath: instancePath + "/system_upgrade_controller", schemaPath: "#/properties/system_upgrade_controller/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key9 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema69.properties.system_upgrade_controller, data: data19 };
                vErrors === null ? vErrors = [err28] : vErrors.push(err28), errors++;
              }
            if (data19.enabled !== void 0) {
              let data20 = data19.enabled;
              if (typeof data20 != "boolean") {
                let err29 = { instancePath: instancePath + "/system_upgrade_controller/enabled", schemaPath: "#/properties/system_upgrade_controller/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema69.properties.system_upgrade_controller.properties.enabled.type, parentSchema: schema69.properties.system_upgrade_controller.properties.enabled, data: data20 };
                vErrors === null ? vErrors = [err29] : vErrors.push(err29), errors++;
              }
            }
            if (data19.deployment_manifest_url !== void 0) {
              let data21 = data19.deployment_manifest_url;
              if (typeof data21 != "string") {
                let err30 = { instancePath: instancePath + "/system_upgrade_controller/deployment_manifest_url", schemaPath: "#/properties/system_upgrade_controller/properties/deployment_manifest_url/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.system_upgrade_controller.properties.deployment_manifest_url.type, parentSchema: schema69.properties.system_upgrade_controller.properties.deployment_manifest_url, data: data21 };
                vErrors === null ? vErrors = [err30] : vErrors.push(err30), errors++;
              }
            }
            if (data19.crd_manifest_url !== void 0) {
              let data22 = data19.crd_manifest_url;
              if (typeof data22 != "string") {
                let err31 = { instancePath: instancePath + "/system_upgrade_controller/crd_manifest_url", schemaPath: "#/properties/system_upgrade_controller/properties/crd_manifest_url/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.system_upgrade_controller.properties.crd_manifest_url.type, parentSchema: schema69.properties.system_upgrade_controller.properties.crd_manifest_url, data: data22 };
                vErrors === null ? vErrors = [err31] : vErrors.push(err31), errors++;
              }
            }
          } else {
            let err32 = { instancePath: instancePath + "/system_upgrade_controller", schemaPath: "#/properties/system_upgrade_controller/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema69.properties.system_upgrade_controller.type, parentSchema: schema69.properties.system_upgrade_controller, data: data19 };
            vErrors === null ? vErrors = [err32] : vErrors.push(err32), errors++;
          }
        }
        if (data.cluster_autoscaler !== void 0) {
          let data23 = data.cluster_autoscaler;
          if (data23 && typeof data23 == "object" && !Array.isArray(data23)) {
            for (let key10 in data23)
              if (!func3.call(schema69.properties.cluster_autoscaler.properties, key10)) {
                let err33 = { instancePath: instancePath + "/cluster_autoscaler", schemaPath: "#/properties/cluster_autoscaler/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key10 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema69.properties.cluster_autoscaler, data: data23 };
                vErrors === null ? vErrors = [err33] : vErrors.push(err33), errors++;
              }
            if (data23.enabled !== void 0) {
              let data24 = data23.enabled;
              if (typeof data24 != "boolean") {
                let err34 = { instancePath: instancePath + "/cluster_autoscaler/enabled", schemaPath: "#/properties/cluster_autoscaler/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema69.properties.cluster_autoscaler.properties.enabled.type, parentSchema: schema69.properties.cluster_autoscaler.properties.enabled, data: data24 };
                vErrors === null ? vErrors = [err34] : vErrors.push(err34), errors++;
              }
            }
            if (data23.manifest_url !== void 0) {
              let data25 = data23.manifest_url;
              if (typeof data25 != "string") {
                let err35 = { instancePath: instancePath + "/cluster_autoscaler/manifest_url", schemaPath: "#/properties/cluster_autoscaler/properties/manifest_url/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.cluster_autoscaler.properties.manifest_url.type, parentSchema: schema69.properties.cluster_autoscaler.properties.manifest_url, data: data25 };
                vErrors === null ? vErrors = [err35] : vErrors.push(err35), errors++;
              }
            }
            if (data23.local_manifest_path !== void 0) {
              let data26 = data23.local_manifest_path;
              if (typeof data26 != "string") {
                let err36 = { instancePath: instancePath + "/cluster_autoscaler/local_manifest_path", schemaPath: "#/properties/cluster_autoscaler/properties/local_manifest_path/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.cluster_autoscaler.properties.local_manifest_path.type, parentSchema: schema69.properties.cluster_autoscaler.properties.local_manifest_path, data: data26 };
                vErrors === null ? vErrors = [err36] : vErrors.push(err36), errors++;
              }
            }
            if (data23.container_image_tag !== void 0) {
              let data27 = data23.container_image_tag;
              if (typeof data27 != "string") {
                let err37 = { instancePath: instancePath + "/cluster_autoscaler/container_image_tag", schemaPath: "#/properties/cluster_autoscaler/properties/container_image_tag/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.cluster_autoscaler.properties.container_image_tag.type, parentSchema: schema69.properties.cluster_autoscaler.properties.container_image_tag, data: data27 };
                vErrors === null ? vErrors = [err37] : vErrors.push(err37), errors++;
              }
            }
            if (data23.scan_interval !== void 0) {
              let data28 = data23.scan_interval;
              if (typeof data28 != "string") {
                let err38 = { instancePath: instancePath + "/cluster_autoscaler/scan_interval", schemaPath: "#/properties/cluster_autoscaler/properties/scan_interval/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.cluster_autoscaler.properties.scan_interval.type, parentSchema: schema69.properties.cluster_autoscaler.properties.scan_interval, data: data28 };
                vErrors === null ? vErrors = [err38] : vErrors.push(err38), errors++;
              }
            }
            if (data23.scale_down_delay_after_add !== void 0) {
              let data29 = data23.scale_down_delay_after_add;
              if (typeof data29 != "string") {
                let err39 = { instancePath: instancePath + "/cluster_autoscaler/scale_down_delay_after_add", schemaPath: "#/properties/cluster_autoscaler/properties/scale_down_delay_after_add/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.cluster_autoscaler.properties.scale_down_delay_after_add.type, parentSchema: schema69.properties.cluster_autoscaler.properties.scale_down_delay_after_add, data: data29 };
                vErrors === null ? vErrors = [err39] : vErrors.push(err39), errors++;
              }
            }
            if (data23.scale_down_delay_after_delete !== void 0) {
              let data30 = data23.scale_down_delay_after_delete;
              if (typeof data30 != "string") {
                let err40 = { instancePath: instancePath + "/cluster_autoscaler/scale_down_delay_after_delete", schemaPath: "#/properties/cluster_autoscaler/properties/scale_down_delay_after_delete/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.cluster_autoscaler.properties.scale_down_delay_after_delete.type, parentSchema: schema69.properties.cluster_autoscaler.properties.scale_down_delay_after_delete, data: data30 };
                vErrors === null ? vErrors = [err40] : vErrors.push(err40), errors++;
              }
            }
            if (data23.scale_down_delay_after_failure !== void 0) {
              let data31 = data23.scale_down_delay_after_failure;
              if (typeof data31 != "string") {
                let err41 = { instancePath: instancePath + "/cluster_autoscaler/scale_down_delay_after_failure", schemaPath: "#/properties/cluster_autoscaler/properties/scale_down_delay_after_failure/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.cluster_autoscaler.properties.scale_down_delay_after_failure.type, parentSchema: schema69.properties.cluster_autoscaler.properties.scale_down_delay_after_failure, data: data31 };
                vErrors === null ? vErrors = [err41] : vErrors.push(err41), errors++;
              }
            }
            if (data23.max_node_provision_time !== void 0) {
              let data32 = data23.max_node_provision_time;
              if (typeof data32 != "string") {
                let err42 = { instancePath: instancePath + "/cluster_autoscaler/max_node_provision_time", schemaPath: "#/properties/cluster_autoscaler/properties/max_node_provision_time/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.cluster_autoscaler.properties.max_node_provision_time.type, parentSchema: schema69.properties.cluster_autoscaler.properties.max_node_provision_time, data: data32 };
                vErrors === null ? vErrors = [err42] : vErrors.push(err42), errors++;
              }
            }
          } else {
            let err43 = { instancePath: instancePath + "/cluster_autoscaler", schemaPath: "#/properties/cluster_autoscaler/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema69.properties.cluster_autoscaler.type, parentSchema: schema69.properties.cluster_autoscaler, data: data23 };
            vErrors === null ? vErrors = [err43] : vErrors.push(err43), errors++;
          }
        }
      } else {
        let err44 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema69.type, parentSchema: schema69, data };
        vErrors === null ? vErrors = [err44] : vErrors.push(err44), errors++;
      }
      return validate34.errors = vErrors, errors === 0;
    }
    validate34.evaluated = { props: !0, dynamicProps: !1, dynamicItems: !1 };
    function validate25(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
      let vErrors = null, errors = 0, evaluated0 = validate25.evaluated;
      if (evaluated0.dynamicProps && (evaluated0.props = void 0), evaluated0.dynamicItems && (evaluated0.items = void 0), data && typeof data == "object" && !Array.isArray(data)) {
        if (data.cluster_name === void 0) {
          let err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "cluster_name" }, message: "must have required property 'cluster_name'", schema: schema39.required, parentSchema: schema39, data };
          vErrors === null ? vErrors = [err0] : vErrors.push(err0), errors++;
        }
        if (data.kubeconfig_path === void 0) {
          let err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "kubeconfig_path" }, message: "must have required property 'kubeconfig_path'", schema: schema39.required, parentSchema: schema39, data };
          vErrors === null ? vErrors = [err1] : vErrors.push(err1), errors++;
        }
        if (data.k3s_version === void 0) {
          let err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "k3s_version" }, message: "must have required property 'k3s_version'", schema: schema39.required, parentSchema: schema39, data };
          vErrors === null ? vErrors = [err2] : vErrors.push(err2), errors++;
        }
        if (data.masters_pool === void 0) {
          let err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "masters_pool" }, message: "must have required property 'masters_pool'", schema: schema39.required, parentSchema: schema39, data };
          vErrors === null ? vErrors = [err3] : vErrors.push(err3), errors++;
        }
        for (let key0 in data)
          if (!func3.call(schema39.properties, key0)) {
            let err4 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema39, data };
            vErrors === null ? vErrors = [err4] : vErrors.push(err4), errors++;
          }
        if (data.auto_deploy !== void 0) {
          let data0 = data.auto_deploy;
          if (typeof data0 != "boolean") {
            let err5 = { instancePath: instancePath + "/auto_deploy", schemaPath: "#/properties/auto_deploy/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema39.properties.auto_deploy.type, parentSchema: schema39.properties.auto_deploy, data: data0 };
            vErrors === null ? vErrors = [err5] : vErrors.push(err5), errors++;
          }
        }
        if (data.config_format_version !== void 0) {
          let data1 = data.config_format_version;
          if (!(data1 === 1 || data1 === "1")) {
            let err6 = { instancePath: instancePath + "/config_format_version", schemaPath: "#/properties/config_format_version/enum", keyword: "enum", params: { allowedValues: schema39.properties.config_format_version.enum }, message: "must be equal to one of the allowed values", schema: schema39.properties.config_format_version.enum, parentSchema: schema39.properties.config_format_version, data: data1 };
            vErrors === null ? vErrors = [err6] : vErrors.push(err6), errors++;
          }
        }
        if (data.hetzner_token !== void 0) {
          let data2 = data.hetzner_token;
          if (typeof data2 != "string") {
            let err7 = { instancePath: instancePath + "/hetzner_token", schemaPath: "#/properties/hetzner_token/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema39.properties.hetzner_token.type, parentSchema: schema39.properties.hetzner_token, data: data2 };
            vErrors === null ? vErrors = [err7] : vErrors.push(err7), errors++;
          }
        }
        if (data.cluster_name !== void 0) {
          let data3 = data.cluster_name;
          if (typeof data3 == "string") {
            if (func1(data3) < 1) {
              let err8 = { instancePath: instancePath + "/cluster_name", schemaPath: "#/properties/cluster_name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema39.properties.cluster_name, data: data3 };
              vErrors === null ? vErrors = [err8] : vErrors.push(err8), errors++;
            }
            if (!pattern9.test(data3)) {
              let err9 = { instancePath: instancePath + "/cluster_name", schemaPath: "#/properties/cluster_name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"', schema: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", parentSchema: schema39.properties.cluster_name, data: data3 };
              vErrors === null ? vErrors = [err9] : vErrors.push(err9), errors++;
            }
          } else {
            let err10 = { instancePath: instancePath + "/cluster_name", schemaPath: "#/properties/cluster_name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema39.properties.cluster_name.type, parentSchema: schema39.properties.cluster_name, data: data3 };
            vErrors === null ? vErrors = [err10] : vErrors.push(err10), errors++;
          }
        }
        if (data.kubeconfig_path !== void 0) {
          let data4 = data.kubeconfig_path;
          if (typeof data4 == "string") {
            if (func1(data4) < 1) {
              let err11 = { instancePath: instancePath + "/kubeconfig_path", schemaPath: "#/properties/kubeconfig_path/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema39.properties.kubeconfig_path, data: data4 };
              vErrors === null ? vErrors = [err11] : vErrors.push(err11), errors++;
            }
          } else {
            let err12 = { instancePath: instancePath + "/kubeconfig_path", schemaPath: "#/properties/kubeconfig_path/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema39.properties.kubeconfig_path.type, parentSchema: schema39.properties.kubeconfig_path, data: data4 };
            vErrors === null ? vErrors = [err12] : vErrors.push(err12), errors++;
          }
        }
        if (data.k3s_version !== void 0) {
          let data5 = data.k3s_version;
          if (typeof data5 == "string") {
            if (!pattern10.test(data5)) {
              let err13 = { instancePath: instancePath + "/k3s_version", schemaPath: "#/properties/k3s_version/pattern", keyword: "pattern", params: { pattern: "^v\\d+\\.\\d+\\.\\d+\\+k3s\\d+$" }, message: 'must match pattern "^v\\d+\\.\\d+\\.\\d+\\+k3s\\d+$"', schema: "^v\\d+\\.\\d+\\.\\d+\\+k3s\\d+$", parentSchema: schema39.properties.k3s_version, data: data5 };
              vErrors === null ? vErrors = [err13] : vErrors.push(err13), errors++;
            }
          } else {
            let err14 = { instancePath: instancePath + "/k3s_version", schemaPath: "#/properties/k3s_version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema39.properties.k3s_version.type, parentSchema: schema39.properties.k3s_version, data: data5 };
            vErrors === null ? vErrors = [err14] : vErrors.push(err14), errors++;
          }
        }
        if (data.api_server_hostname !== void 0) {
          let data6 = data.api_server_hostname;
          if (typeof data6 != "string") {
            let err15 = { instancePath: instancePath + "/api_server_hostname", schemaPath: "#/properties/api_server_hostname/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema39.properties.api_server_hostname.type, parentSchema: schema39.properties.api_server_hostname, data: data6 };
            vErrors === null ? vErrors = [err15] : vErrors.push(err15), errors++;
          }
        }
        if (data.schedule_workloads_on_masters !== void 0) {
          let data7 = data.schedule_workloads_on_masters;
          if (typeof data7 != "boolean") {
            let err16 = { instancePath: instancePath + "/schedule_workloads_on_masters", schemaPath: "#/properties/schedule_workloads_on_masters/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema39.properties.schedule_workloads_on_masters.type, parentSchema: schema39.properties.schedule_workloads_on_masters, data: data7 };
            vErrors === null ? vErrors = [err16] : vErrors.push(err16), errors++;
          }
        }
        if (data.include_instance_type_in_instance_name !== void 0) {
          let data8 = data.include_instance_type_in_instance_name;
          if (typeof data8 != "boolean") {
            let err17 = { instancePath: instancePath + "/include_instance_type_in_instance_name", schemaPath: "#/properties/include_instance_type_in_instance_name/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema39.properties.include_instance_type_in_instance_name.type, parentSchema: schema39.properties.include_instance_type_in_instance_name, data: data8 };
            vErrors === null ? vErrors = [err17] : vErrors.push(err17), errors++;
          }
        }
        if (data.protect_against_deletion !== void 0) {
          let data9 = data.protect_against_deletion;
          if (typeof data9 != "boolean") {
            let err18 = { instancePath: instancePath + "/protect_against_deletion", schemaPath: "#/properties/protect_against_deletion/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema39.properties.protect_against_deletion.type, parentSchema: schema39.properties.protect_against_deletion, data: data9 };
            vErrors === null ? vErrors = [err18] : vErrors.push(err18), errors++;
          }
        }
        if (data.create_load_balancer_for_the_kubernetes_api !== void 0) {
          let data10 = data.create_load_balancer_for_the_kubernetes_api;
          if (typeof data10 != "boolean") {
            let err19 = { instancePath: instancePath + "/create_load_balancer_for_the_kubernetes_api", schemaPath: "#/properties/create_load_balancer_for_the_kubernetes_api/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema39.properties.create_load_balancer_for_the_kubernetes_api.type, parentSchema: schema39.properties.create_load_balancer_for_the_kubernetes_api, data: data10 };
            vErrors === null ? vErrors = [err19] : vErrors.push(err19), errors++;
          }
        }
        if (data.k3s_upgrade_concurrency !== void 0) {
          let data11 = data.k3s_upgrade_concurrency;
          if (!(typeof data11 == "number" && !(data11 % 1) && !isNaN(data11) && isFinite(data11))) {
            let err20 = { instancePath: instancePath + "/k3s_upgrade_concurrency", schemaPath: "#/properties/k3s_upgrade_concurrency/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema39.properties.k3s_upgrade_concurrency.type, parentSchema: schema39.properties.k3s_upgrade_concurrency, data: data11 };
            vErrors === null ? vErrors = [err20] : vErrors.push(err20), errors++;
          }
          if (typeof data11 == "number" && isFinite(data11) && (data11 < 1 || isNaN(data11))) {
            let err21 = { instancePath: instancePath + "/k3s_upgrade_concurrency", schemaPath: "#/properties/k3s_upgrade_concurrency/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema39.properties.k3s_upgrade_concurrency, data: data11 };
            vErrors === null ? vErrors = [err21] : vErrors.push(err21), errors++;
          }
        }
        if (data.grow_root_partition_automatically !== void 0) {
          let data12 = data.grow_root_partition_automatically;
          if (typeof data12 != "boolean") {
            let err22 = { instancePath: instancePath + "/grow_root_partition_automatically", schemaPath: "#/properties/grow_root_partition_automatically/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema39.properties.grow_root_partition_automatically.type, parentSchema: schema39.properties.grow_root_partition_automatically, data: data12 };
            vErrors === null ? vErrors = [err22] : vErrors.push(err22), errors++;
          }
        }
        if (data.image !== void 0) {
          let data13 = data.image;
          if (typeof data13 != "string" && !(typeof data13 == "number" && !(data13 % 1) && !isNaN(data13) && isFinite(data13))) {
            let err23 = { instancePath: instancePath + "/image", schemaPath: "#/properties/image/type", keyword: "type", params: { type: schema39.properties.image.type }, message: "must be string,integer", schema: schema39.properties.image.type, parentSchema: schema39.properties.image, data: data13 };
            vErrors === null ? vErrors = [err23] : vErrors.push(err23), errors++;
          }
        }
        if (data.autoscaling_image !== void 0) {
          let data14 = data.autoscaling_image;
          if (typeof data14 != "string" && !(typeof data14 == "number" && !(data14 % 1) && !isNaN(data14) && isFinite(data14))) {
            let err24 = { instancePath: instancePath + "/autoscaling_image", schemaPath: "#/properties/autoscaling_image/type", keyword: "type", params: { type: schema39.properties.autoscaling_image.type }, message: "must be string,integer", schema: schema39.properties.autoscaling_image.type, parentSchema: schema39.properties.autoscaling_image, data: data14 };
            vErrors === null ? vErrors = [err24] : vErrors.push(err24), errors++;
          }
        }
        if (data.snapshot_os !== void 0) {
          let data15 = data.snapshot_os;
          if (typeof data15 != "string") {
            let err25 = { instancePath: instancePath + "/snapshot_os", schemaPath: "#/properties/snapshot_os/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema39.properties.snapshot_os.type, parentSchema: schema39.properties.snapshot_os, data: data15 };
            vErrors === null ? vErrors = [err25] : vErrors.push(err25), errors++;
          }
        }
        if (data.additional_packages !== void 0) {
          let data16 = data.additional_packages;
          if (Array.isArray(data16)) {
            let len0 = data16.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data17 = data16[i0];
              if (typeof data17 != "string") {
                let err26 = { instancePath: instancePath + "/additional_packages/" + i0, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data17 };
                vErrors === null ? vErrors = [err26] : vErrors.push(err26), errors++;
              }
            }
          } else {
            let err27 = { instancePath: instancePath + "/additional_packages", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data16 };
            vErrors === null ? vErrors = [err27] : vErrors.push(err27), errors++;
          }
        }
        if (data.additional_pre_k3s_commands !== void 0) {
          let data18 = data.additional_pre_k3s_commands;
          if (Array.isArray(data18)) {
            let len1 = data18.length;
            for (let i1 = 0; i1 < len1; i1++) {
              let data19 = data18[i1];
              if (typeof data19 != "string") {
                let err28 = { instancePath: instancePath + "/additional_pre_k3s_commands/" + i1, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data19 };
                vErrors === null ? vErrors = [err28] : vErrors.push(err28), errors++;
              }
            }
          } else {
            let err29 = { instancePath: instancePath + "/additional_pre_k3s_commands", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data18 };
            vErrors === null ? vErrors = [err29] : vErrors.push(err29), errors++;
          }
        }
        if (data.additional_post_k3s_commands !== void 0) {
          let data20 = data.additional_post_k3s_commands;
          if (Array.isArray(data20)) {
            let len2 = data20.length;
            for (let i2 = 0; i2 < len2; i2++) {
              let data21 = data20[i2];
              if (typeof data21 != "string") {
                let err30 = { instancePath: instancePath + "/additional_post_k3s_commands/" + i2, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data21 };
                vErrors === null ? vErrors = [err30] : vErrors.push(err30), errors++;
              }
            }
          } else {
            let err31 = { instancePath: instancePath + "/additional_post_k3s_commands", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data20 };
            vErrors === null ? vErrors = [err31] : vErrors.push(err31), errors++;
          }
        }
        if (data.kube_api_server_args !== void 0) {
          let data22 = data.kube_api_server_args;
          if (Array.isArray(data22)) {
            let len3 = data22.length;
            for (let i3 = 0; i3 < len3; i3++) {
              let data23 = data22[i3];
              if (typeof data23 != "string") {
                let err32 = { instancePath: instancePath + "/kube_api_server_args/" + i3, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data23 };
                vErrors === null ? vErrors = [err32] : vErrors.push(err32), errors++;
              }
            }
          } else {
            let err33 = { instancePath: instancePath + "/kube_api_server_args", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data22 };
            vErrors === null ? vErrors = [err33] : vErrors.push(err33), errors++;
          }
        }
        if (data.kube_scheduler_args !== void 0) {
          let data24 = data.kube_scheduler_args;
          if (Array.isArray(data24)) {
            let len4 = data24.length;
            for (let i4 = 0; i4 < len4; i4++) {
              let data25 = data24[i4];
              if (typeof data25 != "string") {
                let err34 = { instancePath: instancePath + "/kube_scheduler_args/" + i4, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data25 };
                vErrors === null ? vErrors = [err34] : vErrors.push(err34), errors++;
              }
            }
          } else {
            let err35 = { instancePath: instancePath + "/kube_scheduler_args", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data24 };
            vErrors === null ? vErrors = [err35] : vErrors.push(err35), errors++;
          }
        }
        if (data.kube_controller_manager_args !== void 0) {
          let data26 = data.kube_controller_manager_args;
          if (Array.isArray(data26)) {
            let len5 = data26.length;
            for (let i5 = 0; i5 < len5; i5++) {
              let data27 = data26[i5];
              if (typeof data27 != "string") {
                let err36 = { instancePath: instancePath + "/kube_controller_manager_args/" + i5, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data27 };
                vErrors === null ? vErrors = [err36] : vErrors.push(err36), errors++;
              }
            }
          } else {
            let err37 = { instancePath: instancePath + "/kube_controller_manager_args", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data26 };
            vErrors === null ? vErrors = [err37] : vErrors.push(err37), errors++;
          }
        }
        if (data.kube_cloud_controller_manager_args !== void 0) {
          let data28 = data.kube_cloud_controller_manager_args;
          if (Array.isArray(data28)) {
            let len6 = data28.length;
            for (let i6 = 0; i6 < len6; i6++) {
              let data29 = data28[i6];
              if (typeof data29 != "string") {
                let err38 = { instancePath: instancePath + "/kube_cloud_controller_manager_args/" + i6, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data29 };
                vErrors === null ? vErrors = [err38] : vErrors.push(err38), errors++;
              }
            }
          } else {
            let err39 = { instancePath: instancePath + "/kube_cloud_controller_manager_args", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data28 };
            vErrors === null ? vErrors = [err39] : vErrors.push(err39), errors++;
          }
        }
        if (data.cluster_autoscaler_args !== void 0) {
          let data30 = data.cluster_autoscaler_args;
          if (Array.isArray(data30)) {
            let len7 = data30.length;
            for (let i7 = 0; i7 < len7; i7++) {
              let data31 = data30[i7];
              if (typeof data31 != "string") {
                let err40 = { instancePath: instancePath + "/cluster_autoscaler_args/" + i7, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data31 };
                vErrors === null ? vErrors = [err40] : vErrors.push(err40), errors++;
              }
            }
          } else {
            let err41 = { instancePath: instancePath + "/cluster_autoscaler_args", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data30 };
            vErrors === null ? vErrors = [err41] : vErrors.push(err41), errors++;
          }
        }
        if (data.kubelet_args !== void 0) {
          let data32 = data.kubelet_args;
          if (Array.isArray(data32)) {
            let len8 = data32.length;
            for (let i8 = 0; i8 < len8; i8++) {
              let data33 = data32[i8];
              if (typeof data33 != "string") {
                let err42 = { instancePath: instancePath + "/kubelet_args/" + i8, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data33 };
                vErrors === null ? vErrors = [err42] : vErrors.push(err42), errors++;
              }
            }
          } else {
            let err43 = { instancePath: instancePath + "/kubelet_args", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data32 };
            vErrors === null ? vErrors = [err43] : vErrors.push(err43), errors++;
          }
        }
        if (data.kube_proxy_args !== void 0) {
          let data34 = data.kube_proxy_args;
          if (Array.isArray(data34)) {
            let len9 = data34.length;
            for (let i9 = 0; i9 < len9; i9++) {
              let data35 = data34[i9];
              if (typeof data35 != "string") {
                let err44 = { instancePath: instancePath + "/kube_proxy_args/" + i9, schemaPath: "#/$defs/strings/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema40.items.type, parentSchema: schema40.items, data: data35 };
                vErrors === null ? vErrors = [err44] : vErrors.push(err44), errors++;
              }
            }
          } else {
            let err45 = { instancePath: instancePath + "/kube_proxy_args", schemaPath: "#/$defs/strings/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema40.type, parentSchema: schema40, data: data34 };
            vErrors === null ? vErrors = [err45] : vErrors.push(err45), errors++;
          }
        }
        if (data.networking !== void 0 && (validate26(data.networking, { instancePath: instancePath + "/networking", parentData: data, parentDataProperty: "networking", rootData, dynamicAnchors }) || (vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors), errors = vErrors.length)), data.datastore !== void 0) {
          let data37 = data.datastore;
          if (data37 && typeof data37 == "object" && !Array.isArray(data37)) {
            for (let key1 in data37)
              if (!(key1 === "mode" || key1 === "external_datastore_endpoint" || key1 === "etcd")) {
                let err46 = { instancePath: instancePath + "/datastore", schemaPath: "#/$defs/datastore/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema56, data: data37 };
                vErrors === null ? vErrors = [err46] : vErrors.push(err46), errors++;
              }
            if (data37.mode !== void 0) {
              let data38 = data37.mode;
              if (!(data38 === "etcd" || data38 === "external")) {
                let err47 = { instancePath: instancePath + "/datastore/mode", schemaPath: "#/$defs/datastore/properties/mode/enum", keyword: "enum", params: { allowedValues: schema56.properties.mode.enum }, message: "must be equal to one of the allowed values", schema: schema56.properties.mode.enum, parentSchema: schema56.properties.mode, data: data38 };
                vErrors === null ? vErrors = [err47] : vErrors.push(err47), errors++;
              }
            }
            if (data37.external_datastore_endpoint !== void 0) {
              let data39 = data37.external_datastore_endpoint;
              if (typeof data39 != "string") {
                let err48 = { instancePath: instancePath + "/datastore/external_datastore_endpoint", schemaPath: "#/$defs/datastore/properties/external_datastore_endpoint/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema56.properties.external_datastore_endpoint.type, parentSchema: schema56.properties.external_datastore_endpoint, data: data39 };
                vErrors === null ? vErrors = [err48] : vErrors.push(err48), errors++;
              }
            }
            if (data37.etcd !== void 0) {
              let data40 = data37.etcd;
              if (data40 && typeof data40 == "object" && !Array.isArray(data40)) {
                for (let key2 in data40)
                  if (!func3.call(schema56.properties.etcd.properties, key2)) {
                    let err49 = { instancePath: instancePath + "/datastore/etcd", schemaPath: "#/$defs/datastore/properties/etcd/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties", schema: !1, parentSchema: schema56.properties.etcd, data: data40 };
                    vErrors === null ? vErrors = [err49] : vErrors.push(err49), errors++;
                  }
                if (data40.snapshot_retention !== void 0) {
                  let data41 = data40.snapshot_retention;
                  if (!(typeof data41 == "number" && !(data41 % 1) && !isNaN(data41) && isFinite(data41))) {
                    let err50 = { instancePath: instancePath + "/datastore/etcd/snapshot_retention", schemaPath: "#/$defs/datastore/properties/etcd/properties/snapshot_retention/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema56.properties.etcd.properties.snapshot_retention.type, parentSchema: schema56.properties.etcd.properties.snapshot_retention, data: data41 };
                    vErrors === null ? vErrors = [err50] : vErrors.push(err50), errors++;
                  }
                  if (typeof data41 == "number" && isFinite(data41) && (data41 < 0 || isNaN(data41))) {
                    let err51 = { instancePath: instancePath + "/datastore/etcd/snapshot_retention", schemaPath: "#/$defs/datastore/properties/etcd/properties/snapshot_retention/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema56.properties.etcd.properties.snapshot_retention, data: data41 };
                    vErrors === null ? vErrors = [err51] : vErrors.push(err51), errors++;
                  }
                }
                if (data40.snapshot_schedule_cron !== void 0) {
                  let data42 = data40.snapshot_schedule_cron;
                  if (typeof data42 != "string") {
                    let err52 = { instancePath: instancePath + "/datastore/etcd/snapshot_schedule_cron", schemaPath: "#/$defs/datastore/properties/etcd/properties/snapshot_schedule_cron/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema56.properties.etcd.properties.snapshot_schedule_cron.type, parentSchema: schema56.properties.etcd.properties.snapshot_schedule_cron, data: data42 };
                    vErrors === null ? vErrors = [err52] : vErrors.push(err52), errors++;
                  }
                }
                if (data40.s3_enabled !== void 0) {
                  let data43 = data40.s3_enabled;
                  if (typeof data43 != "boolean") {
                    let err53 = { instancePath: instancePath + "/datastore/etcd/s3_enabled", schemaPath: "#/$defs/datastore/properties/etcd/properties/s3_enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema56.properties.etcd.properties.s3_enabled.type, parentSchema: schema56.properties.etcd.properties.s3_enabled, data: data43 };
                    vErrors === null ? vErrors = [err53] : vErrors.push(err53), errors++;
                  }
                }
                if (data40.s3_endpoint !== void 0) {
                  let data44 = data40.s3_endpoint;
                  if (typeof data44 != "string") {
                    let err54 = { instancePath: instancePath + "/datastore/etcd/s3_endpoint", schemaPath: "#/$defs/datastore/properties/etcd/properties/s3_endpoint/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema56.properties.etcd.properties.s3_endpoint.type, parentSchema: schema56.properties.etcd.properties.s3_endpoint, data: data44 };
                    vErrors === null ? vErrors = [err54] : vErrors.push(err54), errors++;
                  }
                }
                if (data40.s3_region !== void 0) {
                  let data45 = data40.s3_region;
                  if (typeof data45 != "string") {
                    let err55 = { instancePath: instancePath + "/datastore/etcd/s3_region", schemaPath: "#/$defs/datastore/properties/etcd/properties/s3_region/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema56.properties.etcd.properties.s3_region.type, parentSchema: schema56.properties.etcd.properties.s3_region, data: data45 };
                    vErrors === null ? vErrors = [err55] : vErrors.push(err55), errors++;
                  }
                }
                if (data40.s3_bucket !== void 0) {
                  let data46 = data40.s3_bucket;
                  if (typeof data46 != "string") {
                    let err56 = { instancePath: instancePath + "/datastore/etcd/s3_bucket", schemaPath: "#/$defs/datastore/properties/etcd/properties/s3_bucket/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema56.properties.etcd.properties.s3_bucket.type, parentSchema: schema56.properties.etcd.properties.s3_bucket, data: data46 };
                    vErrors === null ? vErrors = [err56] : vErrors.push(err56), errors++;
                  }
                }
                if (data40.s3_access_key !== void 0) {
                  let data47 = data40.s3_access_key;
                  if (typeof data47 != "string") {
                    let err57 = { instancePath: instancePath + "/datastore/etcd/s3_access_key", schemaPath: "#/$defs/datastore/properties/etcd/properties/s3_access_key/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema56.properties.etcd.properties.s3_access_key.type, parentSchema: schema56.properties.etcd.properties.s3_access_key, data: data47 };
                    vErrors === null ? vErrors = [err57] : vErrors.push(err57), errors++;
                  }
                }
                if (data40.s3_secret_key !== void 0) {
                  let data48 = data40.s3_secret_key;
                  if (typeof data48 != "string") {
                    let err58 = { instancePath: instancePath + "/datastore/etcd/s3_secret_key", schemaPath: "#/$defs/datastore/properties/etcd/properties/s3_secret_key/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema56.properties.etcd.properties.s3_secret_key.type, parentSchema: schema56.properties.etcd.properties.s3_secret_key, data: data48 };
                    vErrors === null ? vErrors = [err58] : vErrors.push(err58), errors++;
                  }
                }
                if (data40.s3_folder !== void 0) {
                  let data49 = data40.s3_folder;
                  if (typeof data49 != "string") {
                    let err59 = { instancePath: instancePath + "/datastore/etcd/s3_folder", schemaPath: "#/$defs/datastore/properties/etcd/properties/s3_folder/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema56.properties.etcd.properties.s3_folder.type, parentSchema: schema56.properties.etcd.properties.s3_folder, data: data49 };
                    vErrors === null ? vErrors = [err59] : vErrors.push(err59), errors++;
                  }
                }
                if (data40.s3_force_path_style !== void 0) {
                  let data50 = data40.s3_force_path_style;
                  if (typeof data50 != "boolean") {
                    let err60 = { instancePath: instancePath + "/datastore/etcd/s3_force_path_style", schemaPath: "#/$defs/datastore/properties/etcd/properties/s3_force_path_style/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema56.properties.etcd.properties.s3_force_path_style.type, parentSchema: schema56.properties.etcd.properties.s3_force_path_style, data: data50 };
                    vErrors === null ? vErrors = [err60] : vErrors.push(err60), errors++;
                  }
                }
              } else {
                let err61 = { instancePath: instancePath + "/datastore/etcd", schemaPath: "#/$defs/datastore/properties/etcd/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema56.properties.etcd.type, parentSchema: schema56.properties.etcd, data: data40 };
                vErrors === null ? vErrors = [err61] : vErrors.push(err61), errors++;
              }
            }
          } else {
            let err62 = { instancePath: instancePath + "/datastore", schemaPath: "#/$defs/datastore/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema56.type, parentSchema: schema56, data: data37 };
            vErrors === null ? vErrors = [err62] : vErrors.push(err62), errors++;
          }
        }
        if (data.masters_pool !== void 0 && (validate30(data.masters_pool, { instancePath: instancePath + "/masters_pool", parentData: data, parentDataProperty: "masters_pool", rootData, dynamicAnchors }) || (vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors), errors = vErrors.length)), data.worker_node_pools !== void 0) {
          let data52 = data.worker_node_pools;
          if (Array.isArray(data52)) {
            let len10 = data52.length;
            for (let i10 = 0; i10 < len10; i10++)
              validate32(data52[i10], { instancePath: instancePath + "/worker_node_pools/" + i10, parentData: data52, parentDataProperty: i10, rootData, dynamicAnchors }) || (vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors), errors = vErrors.length);
          } else {
            let err63 = { instancePath: instancePath + "/worker_node_pools", schemaPath: "#/properties/worker_node_pools/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema39.properties.worker_node_pools.type, parentSchema: schema39.properties.worker_node_pools, data: data52 };
            vErrors === null ? vErrors = [err63] : vErrors.push(err63), errors++;
          }
        }
        data.addons !== void 0 && (validate34(data.addons, { instancePath: instancePath + "/addons", parentData: data, parentDataProperty: "addons", rootData, dynamicAnchors }) || (vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors), errors = vErrors.length));
      } else {
        let err64 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema39.type, parentSchema: schema39, data };
        vErrors === null ? vErrors = [err64] : vErrors.push(err64), errors++;
      }
      return validate25.errors = vErrors, errors === 0;
    }
    validate25.evaluated = { props: !0, dynamicProps: !1, dynamicItems: !1 };
    module.exports.byId = { "https://k8sapp.dev/schemas/deploy-control.schema.json": module.exports.deployControl, "https://github.com/k8sapp/k8sapp/schemas/hetzner-k3s-cluster.schema.json": module.exports.hetznerK3sCluster };
  }
});

// src/config/schema.ts
var import_compiled_schemas = __toESM(require_compiled_schemas(), 1);
function compile(schema) {
  let id = schema.$id, validate = typeof id == "string" ? import_compiled_schemas.byId[id] : void 0;
  if (!validate) throw new Error(`no compiled validator for schema ${String(id)}: add it to scripts/compile-schemas.mjs`);
  return validate;
}
function pathFromPointer(pointer) {
  return pointer ? pointer.split("/").slice(1).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~")).map((part) => /^\d+$/.test(part) ? Number(part) : part) : [];
}
function formatKeyPath(path) {
  let text = "";
  for (let segment of path)
    text += typeof segment == "number" ? `[${segment}]` : text ? `.${segment}` : segment;
  return text || "(top level)";
}
function describe(error) {
  let path = pathFromPointer(error.instancePath), params = error.params;
  switch (error.keyword) {
    case "additionalProperties": {
      let extra = String(params.additionalProperty), allowed = Object.keys(error.parentSchema?.properties ?? {});
      return {
        path: [...path, extra],
        message: `unknown key "${extra}"${allowed.length ? `; allowed keys: ${allowed.join(", ")}` : ""}`
      };
    }
    case "required":
      return { path, message: `missing required key "${String(params.missingProperty)}"` };
    case "enum":
      return {
        path,
        message: `must be one of: ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`
      };
    case "const":
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case "type":
      return { path, message: `must be of type ${String(params.type)}` };
    case "pattern": {
      let hint = error.parentSchema?.description;
      return { path, message: `${hint ? `must be ${hint}` : `must match ${String(params.pattern)}`}` };
    }
    default:
      return { path, message: error.message ?? error.keyword };
  }
}
function validateAgainstSchema(schema, document, code = "SCHEMA") {
  let validate = compile(schema);
  if (validate(document.value)) return [];
  let errors = validate.errors ?? [], specific = errors.filter((error) => error.keyword !== "oneOf" && error.keyword !== "anyOf" && error.keyword !== "if"), chosen = specific.length > 0 ? specific : errors, seen = /* @__PURE__ */ new Set(), findings = [];
  for (let error of chosen) {
    let { path, message } = describe(error), key = formatKeyPath(path), text = `${key}: ${message}`;
    seen.has(text) || (seen.add(text), findings.push({ severity: "error", code, message: text, key, location: document.locate(path) }));
  }
  return findings;
}

export {
  pathFromPointer,
  formatKeyPath,
  validateAgainstSchema
};
