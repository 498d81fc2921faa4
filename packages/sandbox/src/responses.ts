/**
 * The answers the sandbox sends, and the API's two error envelopes: `Error` for what
 * the ticketing API refuses and `Fault` for what the gateway refuses (key or token).
 * Codes, statuses and messages follow the spec's error table.
 */
import type { components } from '@tm-partner/generated';

type Schemas = components['schemas'];

/** One HTTP answer, before it is serialised. `body` undefined means no body at all. */
export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON value for `application/json`, text for other media types. */
  body?: unknown;
  /** Media type of the body; `application/json` when a body is present and this is not set. */
  contentType?: string;
}

/** Error codes the sandbox raises, by readable name. */
export const ErrorCode = Object.freeze({
  InvalidInput: 10002,
  CaptchaMissing: 10004,
  InvalidCaptcha: 10031,
  NoInventory: 20052,
  PaymentNotAccepted: 20122,
  BadSecurityCode: 20152,
  NotTransactable: 90001,
  InvalidCart: 90003,
} as const);

/** A numeric code from {@link ErrorCode}. */
export type SandboxErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

interface ErrorSpec {
  status: number;
  message: string;
  /** The spec's example for 20052 carries neither `http_code` nor `severity`; keep it that way. */
  bare?: boolean;
}

const ERRORS: Record<SandboxErrorCode, ErrorSpec> = {
  10002: { status: 400, message: 'Invalid input data type' },
  10004: { status: 401, message: 'Unauthorized Access' },
  10031: { status: 400, message: 'Invalid captcha solution.' },
  20052: { status: 400, message: 'No inventory found to match request', bare: true },
  20122: { status: 400, message: 'Payment Not Accepted' },
  20152: { status: 400, message: 'Please enter a valid security code.' },
  90001: { status: 403, message: 'Event is not API transactable' },
  90003: { status: 400, message: 'Invalid cart' },
};

/** Header that tells a developer why the sandbox refused a request; never carries request values. */
export const REASON_HEADER = 'x-sandbox-reason';

/** Builds an API error answer; `reason` goes to a diagnostic header, not the body. */
export function apiError(code: SandboxErrorCode, reason?: string): SandboxResponse {
  const spec = ERRORS[code];
  const detail: Schemas['ErrorDetail'] = spec.bare
    ? { message: spec.message, code }
    : { message: spec.message, code, http_code: spec.status, severity: 'ERROR' };
  const body: Schemas['Error'] = { error: detail };
  return withReason({ status: spec.status, body }, reason);
}

/** Gateway fault codes. */
export type FaultKind = 'InvalidApiKey' | 'InvalidAccessToken' | 'InvalidClientIdentifier';

const FAULTS: Record<FaultKind, string> = {
  InvalidApiKey: 'Invalid ApiKey',
  InvalidAccessToken: 'Invalid access token',
  InvalidClientIdentifier: 'Invalid client identifier',
};

/** Builds a gateway 401 fault answer. */
export function fault(kind: FaultKind, reason?: string): SandboxResponse {
  const body: Schemas['Fault'] = {
    fault: { faultstring: FAULTS[kind], detail: { errorcode: `oauth.v2.${kind}` } },
  };
  return withReason({ status: 401, body }, reason);
}

/** A JSON answer. */
export function json(status: number, body: unknown, headers?: Record<string, string>): SandboxResponse {
  return headers ? { status, body, headers } : { status, body };
}

/** An answer without a body (204, 404, 503…). */
export function empty(status: number, headers?: Record<string, string>): SandboxResponse {
  return headers ? { status, headers } : { status };
}

/** Adds a diagnostic reason header to an answer. */
export function withReason(response: SandboxResponse, reason: string | undefined): SandboxResponse {
  if (reason === undefined) return response;
  // Header values must be single-line visible ASCII; reasons are fixed text, but be safe.
  const clean = reason.replace(/[^\x20-\x7e]/g, ' ').slice(0, 300);
  return { ...response, headers: { ...response.headers, [REASON_HEADER]: clean } };
}
