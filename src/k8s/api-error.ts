import { firstLine } from '../errors.js';
import { isRecord } from '../json.js';

/**
 * What the API server answered when it refused a request: its `Status` object, typed. Every decision about a failed
 * call (recreate on an immutable field, retry on 429, "credentials" vs "RBAC") reads these fields, never the text.
 */
export interface StatusCause {
  /** `FieldValueInvalid`, `FieldValueForbidden`, `FieldValueRequired`, … */
  reason?: string;
  message: string;
  /** `spec.selector`, `spec.clusterIPs[0]`, `spec` (a StatefulSet never says more), `data`. */
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes: StatusCause[];
  retryAfterSeconds?: number;
}

export class KubeApiError extends Error {
  override name = 'KubeApiError';
  constructor(
    /** HTTP status code (422, 409, 404, 403, 401, 429, 5xx). */
    readonly code: number,
    /** The Status reason: `Invalid`, `Conflict`, `AlreadyExists`, `NotFound`, `Forbidden`, `Unauthorized`, `TooManyRequests`, … */
    readonly reason: string,
    message: string,
    readonly details: StatusDetails = { causes: [] },
    /** What was asked, e.g. `PATCH /apis/apps/v1/namespaces/app/deployments/web` (no query: it can hold selectors only). */
    readonly request = '',
    /** From the Retry-After header or details.retryAfterSeconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The reason a code implies when the body is not a Status (a proxy in front of the server, say). */
const REASON_OF_CODE: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** Builds the error from an answer's code and body (a Status JSON, or anything else a proxy sends). */
export function apiErrorFrom(code: number, body: string, request: string, retryAfterHeader?: string): KubeApiError {
  const status = parseStatus(body);
  const retryAfter = retryAfterSeconds(retryAfterHeader) ?? status?.details.retryAfterSeconds;
  if (status)
    return new KubeApiError(status.code || code, status.reason || REASON_OF_CODE[code] || 'Unknown', status.message, status.details, request, retryAfter);
  const text = firstLine(body);
  return new KubeApiError(code, REASON_OF_CODE[code] ?? 'Unknown', text || `HTTP ${code}`, { causes: [] }, request, retryAfter);
}

/** A Status object, as the server sends it (and as the recorded api-status.json files hold it). */
export function parseStatus(body: string): { code: number; reason: string; message: string; details: StatusDetails } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.kind !== 'Status') return undefined;
  const details = isRecord(value.details) ? value.details : {};
  const causes = Array.isArray(details.causes) ? details.causes.filter(isRecord) : [];
  return {
    code: typeof value.code === 'number' ? value.code : 0,
    reason: typeof value.reason === 'string' ? value.reason : '',
    message: typeof value.message === 'string' ? value.message : '',
    details: {
      ...(typeof details.name === 'string' ? { name: details.name } : {}),
      ...(typeof details.group === 'string' ? { group: details.group } : {}),
      ...(typeof details.kind === 'string' ? { kind: details.kind } : {}),
      ...(typeof details.retryAfterSeconds === 'number' ? { retryAfterSeconds: details.retryAfterSeconds } : {}),
      causes: causes.map((cause) => ({
        ...(typeof cause.reason === 'string' ? { reason: cause.reason } : {}),
        message: typeof cause.message === 'string' ? cause.message : '',
        ...(typeof cause.field === 'string' ? { field: cause.field } : {}),
      })),
    },
  };
}

function retryAfterSeconds(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

export function isApiError(error: unknown, reason?: string): error is KubeApiError {
  return error instanceof KubeApiError && (reason === undefined || error.reason === reason);
}

export const isNotFound = (error: unknown): error is KubeApiError => error instanceof KubeApiError && error.code === 404;
export const isConflict = (error: unknown): error is KubeApiError => error instanceof KubeApiError && error.reason === 'Conflict';
export const isAlreadyExists = (error: unknown): error is KubeApiError => error instanceof KubeApiError && error.reason === 'AlreadyExists';
export const isInvalid = (error: unknown): error is KubeApiError => error instanceof KubeApiError && error.reason === 'Invalid';

/** 401: the credentials themselves are wrong (expired token, a certificate the server does not trust). */
export const isUnauthorized = (error: unknown): error is KubeApiError => error instanceof KubeApiError && error.code === 401;
/** 403: the identity is known but RBAC (or an admission policy) does not allow this. */
export const isForbidden = (error: unknown): error is KubeApiError => error instanceof KubeApiError && error.code === 403;

/**
 * The server does not serve this kind (its CRD is not installed, or the apiVersion is wrong) — discovery said so
 * before any request for the object was sent.
 */
export class UnknownKindError extends Error {
  override name = 'UnknownKindError';
  constructor(
    readonly apiVersion: string,
    readonly kind: string,
  ) {
    super(`the server has no kind ${kind} in ${apiVersion} (is its CustomResourceDefinition installed, and the apiVersion right?)`);
  }
}
