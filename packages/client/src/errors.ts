/**
 * The client's error hierarchy. Every error it throws is a `PartnerError`, so callers
 * can tell SDK failures from their own with one `instanceof`. Messages are built from
 * fixed text, field paths, codes, URLs cut to origin and path, and, from the API, its
 * error message (capped) and a redirect's Location. What comes from the API reaches
 * these classes already redacted (secrets.ts), and the query strings, which carry the
 * key, are always cut, so no card data, API key or token ends up in a message, a log
 * line or a stack trace.
 */
import { STATUS_CODES } from 'node:http';
import { type HeadersLike, headerEntries } from './header-entries.js';

/** Error codes documented for the `error` envelope, by readable name. */
export const ErrorCode = Object.freeze({
  InvalidInput: 10002,
  CaptchaMissing: 10004,
  InvalidCaptcha: 10031,
  InvalidDeliveryMethod: 10104,
  TicketLimitReached: 10161,
  Maintenance: 20001,
  TicketTypesUnavailable: 20046,
  NoInventory: 20052,
  PaymentNotAccepted: 20122,
  NoFundsAvailable: 20129,
  BadSecurityCode: 20152,
  InvalidReserveRequest: 21001,
  NotTransactable: 90001,
  InvalidCart: 90003,
  UpstreamConnectionError: 502,
  UpstreamTimeout: 504,
} as const);

/** Gateway (Apigee) fault codes documented for the `fault` envelope. */
export const FaultCode = Object.freeze({
  InvalidApiKey: 'oauth.v2.InvalidApiKey',
  InvalidAccessToken: 'oauth.v2.InvalidAccessToken',
} as const);

/** Base class of every error the client throws. */
export class PartnerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PartnerError';
  }
}

/** The API answered with an error status; carries what the body and headers said. */
export class PartnerApiError extends PartnerError {
  /** HTTP status of the response. */
  readonly status: number;
  /** `error.code` (a number) or `fault.detail.errorcode` (a string), when the body had one. */
  readonly code: number | string | undefined;
  /** `error.severity`, when the body had one. */
  readonly severity: string | undefined;
  /** Request id from a response header, to quote when talking to Ticketmaster. */
  readonly requestId: string | undefined;
  /** The parsed body, or the raw text when it was not JSON. */
  readonly body: unknown;

  constructor(status: number, body: unknown, headers?: HeadersLike) {
    const envelope = readEnvelope(body);
    super(describe(status, envelope));
    this.name = 'PartnerApiError';
    this.status = status;
    this.code = envelope.code;
    this.severity = envelope.severity;
    this.requestId = findRequestId(headers);
    this.body = body;
  }

  /** Builds the error from a response's status, body text and headers; never throws on odd bodies. */
  static from(status: number, bodyText: string, headers?: HeadersLike): PartnerApiError {
    return new PartnerApiError(status, readErrorBody(bodyText), headers);
  }

  /** 90001: the event cannot be sold through this API; send the user to ticketmaster.com. */
  get isNotTransactable(): boolean {
    return this.code === ErrorCode.NotTransactable;
  }
  /** 20052: sold out, or not enough adjacent seats. */
  get isNoInventory(): boolean {
    return this.code === ErrorCode.NoInventory;
  }
  /** 10031: the captcha token is wrong or stale. */
  get isInvalidCaptcha(): boolean {
    return this.code === ErrorCode.InvalidCaptcha;
  }
  /** 10004: a captcha token was required but not sent. */
  get isCaptchaMissing(): boolean {
    return this.code === ErrorCode.CaptchaMissing;
  }
  /** 20122: the payment was declined. */
  get isPaymentNotAccepted(): boolean {
    return this.code === ErrorCode.PaymentNotAccepted;
  }
  /** 20152: the CVV was rejected. */
  get isBadSecurityCode(): boolean {
    return this.code === ErrorCode.BadSecurityCode;
  }
  /** 10002: the request body had a wrong data type. */
  get isInvalidInput(): boolean {
    return this.code === ErrorCode.InvalidInput;
  }
  /** 90003: the cart id is invalid or has expired. */
  get isInvalidCart(): boolean {
    return this.code === ErrorCode.InvalidCart;
  }
  /** Gateway fault: the API key was not accepted. */
  get isInvalidApiKey(): boolean {
    return this.code === FaultCode.InvalidApiKey;
  }
  /** Gateway fault: the bearer token was not accepted (or has expired). */
  get isInvalidToken(): boolean {
    return this.code === FaultCode.InvalidAccessToken;
  }
  /** 20001 or HTTP 503: the venue's ticketing system is in its nightly maintenance or down. */
  get isMaintenance(): boolean {
    return this.code === ErrorCode.Maintenance || this.status === 503;
  }
  /** HTTP 429: the quota for the key or client IP is used up. */
  get isRateLimited(): boolean {
    return this.status === 429;
  }
}

/**
 * The exchange failed before the last byte of the answer: DNS, TLS, a connection refused,
 * reset or dropped before the headers or during the body. (An aborted call rejects with
 * the caller's abort reason instead.)
 */
export class PartnerNetworkError extends PartnerError {
  /** `METHOD origin/path` of the request, without its query string. */
  readonly request: string;

  constructor(method: string, url: string | URL, cause: unknown) {
    const request = requestLine(method, url);
    // Only a symbolic code (ECONNRESET, ENOTFOUND…) is quoted: free-text causes may echo the URL.
    const code = causeCode(cause);
    super(`Network error on ${request}${code ? ` (${code})` : ''}`, { cause });
    this.name = 'PartnerNetworkError';
    this.request = request;
  }
}

/** A single attempt took too long, or the caller's overall deadline ran out. */
export class PartnerTimeoutError extends PartnerError {
  /** `attempt` for one request's timeout, `deadline` for the overall budget. */
  readonly kind: 'attempt' | 'deadline';
  /** The limit that elapsed, in milliseconds. */
  readonly timeoutMs: number;

  constructor(kind: 'attempt' | 'deadline', timeoutMs: number, options?: { url?: string | URL; cause?: unknown }) {
    const where = options?.url === undefined ? '' : ` on ${withoutQuery(options.url)}`;
    const what = kind === 'attempt' ? 'Request attempt timed out' : 'Overall deadline elapsed';
    super(`${what} after ${timeoutMs} ms${where}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PartnerTimeoutError';
    this.kind = kind;
    this.timeoutMs = timeoutMs;
  }
}

/** Input was rejected before any request was made; names the field, never its value. */
export class PartnerValidationError extends PartnerError {
  /** Dotted path of the offending field, e.g. `payment.card.number`. */
  readonly field: string;
  /** What is wrong with it, in fixed words. */
  readonly problem: string;

  constructor(field: string, problem: string) {
    super(`Invalid ${field}: ${problem}`);
    this.name = 'PartnerValidationError';
    this.field = field;
    this.problem = problem;
  }
}

/** Why polling stopped without a final answer. */
export type PollingFailure = 'max-attempts' | 'deadline' | 'foreign-origin' | 'user-info' | 'invalid-url';

/**
 * Polling gave up, or was told to follow a URL it refuses: on another origin, with user
 * info in it, empty or not http(s).
 */
export class PartnerPollingError extends PartnerError {
  readonly reason: PollingFailure;
  /** Poll requests made so far. */
  readonly attempts: number;
  /** Time spent polling, in milliseconds. */
  readonly elapsedMs: number;

  constructor(reason: PollingFailure, details: { attempts: number; elapsedMs: number; url?: string | URL; expectedOrigin?: string }) {
    super(pollingMessage(reason, details));
    this.name = 'PartnerPollingError';
    this.reason = reason;
    this.attempts = details.attempts;
    this.elapsedMs = details.elapsedMs;
  }
}

/** Why an answer could not be used. */
export type ResponseFailure = 'invalid-json' | 'too-large' | 'bad-encoding' | 'redirect';

/**
 * The API answered, but not with something the client can use: a body that is not the
 * JSON expected (or empty where the operation always answers with one), a body over the
 * size cap, bytes its Content-Encoding cannot decode, or a redirect the client does not
 * follow (to another origin, one that would change the method, or too many hops).
 */
export class PartnerResponseError extends PartnerError {
  readonly reason: ResponseFailure;
  /** HTTP status of the answer. */
  readonly status: number;
  /** Request id from a response header, to quote when talking to Ticketmaster. */
  readonly requestId: string | undefined;
  /** The start of the body, with secrets masked (empty for `too-large` and `redirect`). */
  readonly excerpt: string;
  /** For `redirect`: where the API pointed, as origin + path (no query). */
  readonly location: string | undefined;

  constructor(
    reason: ResponseFailure,
    details: {
      status: number;
      method: string;
      url: string | URL;
      headers?: HeadersLike;
      excerpt?: string;
      /** For `redirect`: the Location. */
      location?: string;
      /** Why, in fixed words: a redirect is not followed, an answer is not JSON. */
      detail?: string;
      /** For `too-large`: the cap in bytes. */
      limit?: number;
    },
  ) {
    const request = requestLine(details.method, details.url);
    const location = details.location === undefined ? undefined : withoutQuery(details.location);
    super(responseMessage(reason, request, details.status, location, details.limit, details.detail));
    this.name = 'PartnerResponseError';
    this.reason = reason;
    this.status = details.status;
    this.requestId = findRequestId(details.headers);
    this.excerpt = details.excerpt ?? '';
    this.location = location;
  }
}

function responseMessage(
  reason: ResponseFailure,
  request: string,
  status: number,
  location: string | undefined,
  limit: number | undefined,
  detail: string | undefined,
): string {
  switch (reason) {
    case 'invalid-json':
      return `The answer to ${request} (HTTP ${status}) is not valid JSON${detail ? `: ${detail}` : ''}`;
    case 'bad-encoding':
      return `The answer to ${request} (HTTP ${status}) could not be decoded (Content-Encoding)`;
    case 'too-large':
      return `The answer to ${request} (HTTP ${status}) is larger than the ${limit ?? 'configured'}-byte cap`;
    case 'redirect':
      return `Not following the ${status} redirect of ${request} to ${location ?? 'an unreadable Location'}${detail ? `: ${detail}` : ''}`;
  }
}

interface Envelope {
  message?: string;
  code?: number | string;
  severity?: string;
}

const REQUEST_ID_HEADERS = ['x-request-id', 'x-correlation-id', 'request-id'];

// Server messages are short; a cap keeps a misbehaving server from flooding logs.
const MAX_MESSAGE = 200;

function describe(status: number, envelope: Envelope): string {
  const statusPart = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  const codePart = envelope.code === undefined ? '' : ` [${envelope.code}]`;
  const text = envelope.message ? envelope.message.slice(0, MAX_MESSAGE) : 'Partner API request failed';
  return `${text}${codePart} (${statusPart})`;
}

/** An error body as the API sent it: parsed JSON, else the text, `undefined` when empty. */
export function readErrorBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function readEnvelope(body: unknown): Envelope {
  if (typeof body === 'string') return salvageEnvelope(body);
  if (!isRecord(body)) return {};
  if (isRecord(body.error)) {
    const { message, code, severity } = body.error;
    const numeric = typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : code;
    return {
      message: stringOf(message),
      code: typeof numeric === 'number' && Number.isInteger(numeric) ? numeric : undefined,
      severity: stringOf(severity),
    };
  }
  if (isRecord(body.fault)) {
    const detail = body.fault.detail;
    return {
      message: stringOf(body.fault.faultstring),
      code: isRecord(detail) ? stringOf(detail.errorcode) : undefined,
    };
  }
  return {};
}

/**
 * The documented error examples are not valid JSON (a comma is missing after `code`);
 * if the live API ever sends such a body, the code and message are still worth reading.
 * Only an `{"error": …}` text is considered, and only these three fields.
 */
function salvageEnvelope(text: string): Envelope {
  if (!/^\s*\{\s*"error"\s*:/.test(text)) return {};
  const code = /"code"\s*:\s*(\d+)/.exec(text)?.[1];
  const message = /"message"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
  const severity = /"severity"\s*:\s*"([A-Za-z]+)"/.exec(text)?.[1];
  return {
    code: code === undefined ? undefined : Number(code),
    message: message === undefined ? undefined : unescapeJsonString(message),
    severity,
  };
}

function unescapeJsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** The request id a response carries in one of the usual headers, if any. */
export function findRequestId(headers: HeadersLike | undefined): string | undefined {
  if (headers === undefined) return undefined;
  for (const name of REQUEST_ID_HEADERS) {
    const value = readHeader(headers, name);
    if (value) return value;
  }
  return undefined;
}

function readHeader(headers: HeadersLike, name: string): string | undefined {
  for (const [key, value] of headerEntries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}

function causeCode(cause: unknown): string | undefined {
  // undici wraps the system error: TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }).
  for (let current = cause, depth = 0; isRecord(current) && depth < 3; current = current.cause, depth++) {
    const code = current.code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) return code;
  }
  if (cause instanceof Error && cause.name === 'AbortError') return 'aborted';
  return undefined;
}

/** `METHOD origin/path`: how errors name a request. */
function requestLine(method: string, url: string | URL): string {
  return `${method.toUpperCase()} ${withoutQuery(url)}`;
}

/** `origin + path` of a URL: query strings carry the apikey and tokens, fragments too. */
function withoutQuery(url: string | URL): string {
  const text = String(url);
  try {
    const parsed = new URL(text);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    // Relative or malformed: cut at the first `?` or `#`, and drop any `user:pass@` (after `//`, with a scheme or not).
    return text.replace(/[?#].*$/s, '').replace(/^((?:[a-z][a-z0-9+.-]*:)?\/\/)[^/@]*@/i, '$1');
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return withoutQuery(url);
  }
}

function pollingMessage(
  reason: PollingFailure,
  details: { attempts: number; elapsedMs: number; url?: string | URL; expectedOrigin?: string },
): string {
  const spent = `${details.attempts} attempt${details.attempts === 1 ? '' : 's'} in ${details.elapsedMs} ms`;
  if (reason === 'max-attempts') return `Polling gave up after ${spent}`;
  if (reason === 'deadline') return `Polling deadline elapsed after ${spent}`;
  // Following it would hand the apikey in its query string to a third party, or its user info to the API.
  const why =
    reason === 'invalid-url'
      ? 'its URL is empty or not http(s)'
      : reason === 'user-info'
        ? 'its URL carries a user name or password'
        : `it is on another origin than ${details.expectedOrigin === undefined ? 'the API' : originOf(details.expectedOrigin)}`;
  return `Refusing to poll ${details.url === undefined ? 'a URL' : withoutQuery(details.url)}: ${why} (after ${spent})`;
}
