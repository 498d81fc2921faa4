/**
 * The `fetch` the client hands to openapi-fetch. Middleware cannot re-send a request,
 * so this is where each attempt gets its own timeout, safe calls are retried, the
 * API key and bearer token are attached, and a rejected token is renewed once.
 */
import { randomUUID } from 'node:crypto';
import type { AccessTokens } from './access-token.js';
import { PartnerApiError, PartnerError, PartnerNetworkError, PartnerTimeoutError } from './errors.js';
import type { LogRecord, Logger } from './logger.js';
import type { RequestParts } from './outgoing-request.js';
import { sleep as defaultSleep } from './sleep.js';

/** How the transport behaves; the client fills these from its options. */
export interface TransportOptions {
  baseUrl: URL;
  apiKey: string;
  fetch: typeof globalThis.fetch;
  /** Per-attempt timeout, until the response headers arrive. */
  timeoutMs: number;
  /** Retries after the first attempt, for calls that are safe to repeat. */
  maxRetries: number;
  /** First backoff step; doubled per retry, with full jitter. */
  retryDelayMs: number;
  /** Upper bound for one backoff (also for `Retry-After`). */
  maxRetryDelayMs: number;
  logger: Logger;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Per-call switches. */
export interface SendOptions {
  /** Retry on network errors, 429 and 5xx; defaults to true for GET, HEAD, DELETE. */
  retry?: boolean;
  /** Attach the bearer token when the client has a client secret (default true). */
  bearer?: boolean;
  /** Log correlation id shared by the attempts and polls of one logical call. */
  requestId?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/** Sends requests to the configured API origin only, with auth, timeouts and retries. */
export class Transport {
  private tokens: AccessTokens | undefined;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: TransportOptions) {
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  /** Turns on bearer tokens (the token source itself sends through this transport). */
  useTokens(tokens: AccessTokens | undefined): void {
    this.tokens = tokens;
  }

  /** openapi-fetch's `fetch` option. */
  readonly fetch = (request: RequestParts): Promise<Response> => this.send(request);

  /** Sends one logical request: attempts, retries and at most one token renewal. */
  async send(request: RequestParts, options: SendOptions = {}): Promise<Response> {
    const { logger, maxRetries } = this.options;
    const url = new URL(request.url);
    if (url.origin !== this.options.baseUrl.origin) {
      // The key travels in the URL and the token in a header: neither may leave the API's origin.
      throw new PartnerError(`Refusing to send credentials to ${url.origin}; the client is configured for ${this.options.baseUrl.origin}`);
    }
    if (!url.searchParams.has('apikey')) url.searchParams.set('apikey', this.options.apiKey);
    const method = request.method.toUpperCase();
    const retry = options.retry ?? SAFE_METHODS.has(method);
    const logging = logger.enabled('warn');
    // Ids only matter to logs; skip the work when nothing is logged.
    const requestId = logging ? (options.requestId ?? randomUUID().slice(0, 8)) : '';
    const body = method === 'GET' || method === 'HEAD' ? undefined : await request.arrayBuffer();
    const callerSignal = request.signal ?? undefined;
    const tokens = options.bearer !== false && !request.headers.has('authorization') ? this.tokens : undefined;
    const log = (level: LogRecord['level'], message: string, attempt: number, extra?: { status: number; durationMs: number }) =>
      logger.log({ level, message, requestId, method, url: url.href, attempt, ...extra });

    let renewedToken = false;
    for (let attempt = 1; ; attempt++) {
      // fetch copies the headers it is given, so the request's own serve unless a token is added.
      let headers = request.headers;
      let token: string | undefined;
      if (tokens) {
        token = await tokens.get();
        headers = new Headers(headers);
        headers.set('authorization', `Bearer ${token}`);
      }
      const started = logging ? performance.now() : 0;
      if (logging) log('debug', 'request', attempt);
      let response: Response;
      try {
        response = await this.attempt(url, { method, headers, body }, callerSignal);
      } catch (err) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        const failure = err instanceof PartnerTimeoutError ? err : new PartnerNetworkError(method, url, err);
        if (!retry || attempt > maxRetries) throw failure;
        const delay = this.backoff(attempt);
        log('warn', `${failure.name}; retrying in ${delay} ms`, attempt);
        await this.sleep(delay, callerSignal);
        continue;
      }
      if (logging) log('info', 'response', attempt, { status: response.status, durationMs: Math.round(performance.now() - started) });

      if (response.status === 401 && tokens && token && !renewedToken && (await isInvalidToken(response))) {
        // The token expired early or was revoked: renew once and send again.
        renewedToken = true;
        tokens.invalidate(token);
        attempt--;
        continue;
      }
      if (retry && attempt <= maxRetries && (response.status === 429 || response.status >= 500)) {
        const delay = this.retryAfter(response) ?? this.backoff(attempt);
        log('warn', `status ${response.status}; retrying in ${delay} ms`, attempt);
        await response.body?.cancel();
        await this.sleep(delay, callerSignal);
        continue;
      }
      return response;
    }
  }

  /**
   * One attempt with its own timeout, also cut short by the caller's signal. The timer
   * runs until the response headers arrive and is then cleared: a plain controller and
   * timer cost far less per call than `AbortSignal.timeout` + `AbortSignal.any`.
   */
  private async attempt(
    url: URL,
    init: { method: string; headers: Headers; body: ArrayBuffer | undefined },
    callerSignal: AbortSignal | undefined,
  ): Promise<Response> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    const onAbort = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onAbort();
    else callerSignal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.options.fetch(url, { ...init, signal: controller.signal });
    } catch (err) {
      if (timedOut && !callerSignal?.aborted) throw new PartnerTimeoutError('attempt', this.options.timeoutMs, { url, cause: err });
      throw err;
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
    }
  }

  /** Exponential backoff with full jitter. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.options.maxRetryDelayMs, this.options.retryDelayMs * 2 ** (attempt - 1));
    return Math.round(this.random() * ceiling);
  }

  /** `Retry-After` (seconds or a date) or `Ratelimit-Expiry` (epoch ms), capped. */
  private retryAfter(response: Response): number | undefined {
    const header = response.headers.get('retry-after');
    let ms: number | undefined;
    if (header !== null) {
      const seconds = Number(header);
      ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    } else {
      const expiry = Number(response.headers.get('ratelimit-expiry'));
      if (Number.isFinite(expiry) && expiry > 0) ms = expiry - Date.now();
    }
    if (ms === undefined || Number.isNaN(ms)) return undefined;
    return Math.max(0, Math.min(this.options.maxRetryDelayMs, Math.round(ms)));
  }
}

/** Is this 401 the gateway's "invalid access token" fault? Reads a clone, so the body stays readable. */
async function isInvalidToken(response: Response): Promise<boolean> {
  try {
    return PartnerApiError.from(response.status, await response.clone().text()).isInvalidToken;
  } catch {
    return false;
  }
}
