/**
 * The `fetch` the client hands to openapi-fetch. Middleware cannot re-send a request,
 * so this is where safe calls are retried, the API key and bearer token are attached,
 * and a rejected token is renewed once. Each attempt (see exchange.ts) is the whole
 * exchange, body included: what leaves here is an answer read to its last byte, or a
 * PartnerError (or the caller's abort reason), with anything foreign in it redacted.
 */
import { randomUUID } from 'node:crypto';
import type { BufferedResponse } from './buffered-response.js';
import { PartnerNetworkError, PartnerResponseError, PartnerTimeoutError } from './errors.js';
import { type ExchangeSettings, exchange } from './exchange.js';
import type { LogRecord, Logger } from './logger.js';
import { OutgoingRequest, type RequestParts } from './outgoing-request.js';
import { apiTarget } from './request-target.js';
import { untilAborted } from './sleep.js';

/** How the transport behaves; the client fills these from its options. */
export interface TransportOptions extends ExchangeSettings {
  /** Retries after the first attempt, for calls that are safe to repeat. */
  maxRetries: number;
  /** First backoff step; doubled per retry, with full jitter. */
  retryDelayMs: number;
  /** Upper bound for one backoff (also for `Retry-After`). */
  maxRetryDelayMs: number;
  logger: Logger;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Per-call switches. */
export interface SendOptions {
  /** Retry on network errors, timeouts, 429 and 5xx; defaults to true for the safe methods GET, HEAD, OPTIONS and DELETE. */
  retry?: boolean;
  /** Attach the bearer token when the client has one (default true). */
  bearer?: boolean;
}

/** Sends one request through the transport. */
export type Send = (request: RequestParts, options?: SendOptions) => Promise<BufferedResponse>;

/** Where bearer tokens come from (the access-token cache). */
export interface TokenSource {
  get(): Promise<string>;
  /** Forgets `token`: the API rejected it. */
  invalidate(token: string): void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/** Sends requests to the configured API origin only, with auth, timeouts and retries. */
export class Transport {
  /** `tokens`, when given, puts a bearer token on every call (the token source itself sends through here). */
  constructor(
    private readonly options: TransportOptions,
    private readonly tokens?: TokenSource,
  ) {}

  /** openapi-fetch's `fetch` for the client's methods: the read answer stands in for a Response. */
  readonly fetch = (request: RequestParts): Promise<Response> => this.send(request) as unknown as Promise<Response>;

  /** openapi-fetch's `fetch` for `client.raw`: a real Response built from the read answer. */
  readonly fetchResponse = async (request: Request): Promise<Response> => (await this.send(request)).toResponse();

  /** Sends one logical request: attempts, retries and at most one token renewal. */
  async send(request: RequestParts, options: SendOptions = {}): Promise<BufferedResponse> {
    const { logger, maxRetries, secrets, sleep } = this.options;
    // Checked before anything is read or sent: the configured origin only, no user info.
    const url = apiTarget(request.url, this.options.origin, this.options.apiKey);
    const method = request.method.toUpperCase();
    const retry = options.retry ?? SAFE_METHODS.has(method);
    const logging = logger.enabled('warn');
    // Correlates the records of this call's attempts; ids only matter to logs, so none when nothing is logged.
    const requestId = logging ? randomUUID().slice(0, 8) : '';
    // The client's own requests carry their serialised body as it is; a real Request is read once.
    const body =
      method === 'GET' || method === 'HEAD' ? undefined : request instanceof OutgoingRequest ? request.body : await request.arrayBuffer();
    const callerSignal = request.signal ?? undefined;
    // Headers.has costs a lookup per call: only asked when there is a token to add.
    const tokens = this.tokens !== undefined && options.bearer !== false && !request.headers.has('authorization') ? this.tokens : undefined;
    // Only allocated when it can emit something (retries log at warn).
    const log = logging
      ? (level: LogRecord['level'], message: string, attempt: number, extra?: { status: number; durationMs: number }) =>
          logger.log({ level, message, requestId, method, url, attempt, ...extra })
      : undefined;

    let renewedToken = false;
    for (let attempt = 1; ; attempt++) {
      // fetch copies the headers it is given, so the request's own serve unless a token is added.
      let headers = request.headers;
      let token: string | undefined;
      if (tokens) {
        // The token request is shared by concurrent calls, so this one stops waiting on its own abort.
        token = await untilAborted(tokens.get(), callerSignal);
        secrets.addToken(token);
        headers = new Headers(headers);
        headers.set('authorization', `Bearer ${token}`);
      }
      const started = logging ? performance.now() : 0;
      log?.('debug', 'request', attempt);
      let reply: BufferedResponse;
      try {
        reply = await exchange(this.options, { method, url, headers, body }, callerSignal);
      } catch (err) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        // The API answered: repeating the call would get the same answer.
        if (err instanceof PartnerResponseError) throw err;
        const failure = err instanceof PartnerTimeoutError ? err : new PartnerNetworkError(method, url, secrets.error(err));
        if (!retry || attempt > maxRetries) throw failure;
        const delay = this.backoff(attempt);
        log?.('warn', `${failure.name}; retrying in ${delay} ms`, attempt);
        await sleep(delay, callerSignal);
        continue;
      }
      log?.('info', 'response', attempt, { status: reply.status, durationMs: Math.round(performance.now() - started) });

      if (reply.status === 401 && tokens && token && !renewedToken && reply.apiError().isInvalidToken) {
        // The token expired early or was revoked: renew once and send again.
        renewedToken = true;
        tokens.invalidate(token);
        attempt--;
        continue;
      }
      if (retry && attempt <= maxRetries && (reply.status === 429 || reply.status >= 500)) {
        const delay = this.retryAfter(reply.headers) ?? this.backoff(attempt);
        log?.('warn', `status ${reply.status}; retrying in ${delay} ms`, attempt);
        await sleep(delay, callerSignal);
        continue;
      }
      return reply;
    }
  }

  /** Exponential backoff with full jitter. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.options.maxRetryDelayMs, this.options.retryDelayMs * 2 ** (attempt - 1));
    return Math.round(Math.random() * ceiling);
  }

  /** `Retry-After` (seconds or a date) or `Ratelimit-Expiry` (epoch ms), capped. */
  private retryAfter(headers: Headers): number | undefined {
    const header = headers.get('retry-after');
    let ms: number | undefined;
    if (header !== null) {
      const seconds = Number(header);
      ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    } else {
      const expiry = Number(headers.get('ratelimit-expiry'));
      if (Number.isFinite(expiry) && expiry > 0) ms = expiry - Date.now();
    }
    if (ms === undefined || Number.isNaN(ms)) return undefined;
    return Math.max(0, Math.min(this.options.maxRetryDelayMs, Math.round(ms)));
  }
}
