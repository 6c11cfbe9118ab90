import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  isRecord
} from "./chunk-5YOTZDGR.js";
import {
  firstLine
} from "./chunk-LJ22TVXO.js";

// src/k8s/api-error.ts
var KubeApiError = class extends Error {
  constructor(code, reason, message, details = { causes: [] }, request = "", retryAfterSeconds2) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
    this.request = request;
    this.retryAfterSeconds = retryAfterSeconds2;
  }
  code;
  reason;
  details;
  request;
  retryAfterSeconds;
  name = "KubeApiError";
}, REASON_OF_CODE = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  406: "NotAcceptable",
  409: "Conflict",
  410: "Expired",
  413: "RequestEntityTooLarge",
  415: "UnsupportedMediaType",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
  504: "Timeout"
};
function apiErrorFrom(code, body, request, retryAfterHeader) {
  let status = parseStatus(body), retryAfter = retryAfterSeconds(retryAfterHeader) ?? status?.details.retryAfterSeconds;
  if (status)
    return new KubeApiError(status.code || code, status.reason || REASON_OF_CODE[code] || "Unknown", status.message, status.details, request, retryAfter);
  let text = firstLine(body);
  return new KubeApiError(code, REASON_OF_CODE[code] ?? "Unknown", text || `HTTP ${code}`, { causes: [] }, request, retryAfter);
}
function parseStatus(body) {
  let value;
  try {
    value = JSON.parse(body);
  } catch {
    return;
  }
  if (!isRecord(value) || value.kind !== "Status") return;
  let details = isRecord(value.details) ? value.details : {}, causes = Array.isArray(details.causes) ? details.causes.filter(isRecord) : [];
  return {
    code: typeof value.code == "number" ? value.code : 0,
    reason: typeof value.reason == "string" ? value.reason : "",
    message: typeof value.message == "string" ? value.message : "",
    details: {
      ...typeof details.name == "string" ? { name: details.name } : {},
      ...typeof details.group == "string" ? { group: details.group } : {},
      ...typeof details.kind == "string" ? { kind: details.kind } : {},
      ...typeof details.retryAfterSeconds == "number" ? { retryAfterSeconds: details.retryAfterSeconds } : {},
      causes: causes.map((cause) => ({
        ...typeof cause.reason == "string" ? { reason: cause.reason } : {},
        message: typeof cause.message == "string" ? cause.message : "",
        ...typeof cause.field == "string" ? { field: cause.field } : {}
      }))
    }
  };
}
function retryAfterSeconds(header) {
  if (!header) return;
  let seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  let date = Date.parse(header);
  return Number.isNaN(date) ? void 0 : Math.max(0, (date - Date.now()) / 1e3);
}
var isConflict = (error) => error instanceof KubeApiError && error.reason === "Conflict", isAlreadyExists = (error) => error instanceof KubeApiError && error.reason === "AlreadyExists";
var isUnauthorized = (error) => error instanceof KubeApiError && error.code === 401, isForbidden = (error) => error instanceof KubeApiError && error.code === 403, UnknownKindError = class extends Error {
  constructor(apiVersion, kind) {
    super(`the server has no kind ${kind} in ${apiVersion} (is its CustomResourceDefinition installed, and the apiVersion right?)`);
    this.apiVersion = apiVersion;
    this.kind = kind;
  }
  apiVersion;
  kind;
  name = "UnknownKindError";
};

export {
  KubeApiError,
  apiErrorFrom,
  isConflict,
  isAlreadyExists,
  isUnauthorized,
  isForbidden,
  UnknownKindError
};
