/**
 * `createPartnerClient`: typed calls for every operation of the Partner-App API on
 * top of openapi-fetch, plus what the documentation asks for in prose: API key and
 * OAuth token, end-user headers, polling, card encryption, typed errors, cleanup.
 */
import createClient, { type Client, createQuerySerializer } from 'openapi-fetch';
import { AccessTokens } from './access-token.js';
import type { Certificate, EventDetails, UnredeemedOrders, paths } from './api-types.js';
import type { CallOptions } from './call-options.js';
import { type CleanupReport, type CleanupSettings, DEFAULT_CLEANUP_TIMEOUT_MS } from './cart-cleanup.js';
import { type CartHost, CartSession } from './cart-session.js';
import { type EndUser, endUserHeaders, headerParams } from './end-user.js';
import { type Environment, resolveBaseUrl } from './environments.js';
import { PartnerError, PartnerValidationError } from './errors.js';
import { KeyedQueue } from './keyed-queue.js';
import { OutgoingRequest } from './outgoing-request.js';
import { pathSerializer } from './path-serializer.js';
import { type LogLevel, type LogSink, Logger } from './logger.js';
import { checkPolling, numberOption, typedOption } from './option-checks.js';
import type { PollingContext, PollingOptions } from './polling.js';
import { type PurchaseFlowInput, type PurchaseFlowResult, runPurchaseFlow } from './purchase-flow.js';
import { typedRaw } from './raw-client.js';
import { Secrets } from './secrets.js';
import { settleDataNow, settleNow } from './settle.js';
import { sleep as defaultSleep, untilAborted } from './sleep.js';
import { Transport } from './transport.js';

/** Default cap on a response body, in bytes. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10_000_000;

/** Options of {@link createPartnerClient}. */
export interface PartnerClientOptions {
  /** The API key Ticketmaster issued; sent as the `apikey` query parameter. */
  apiKey: string;
  /** With a client secret, every call also carries an OAuth client-credentials token. */
  clientSecret?: string;
  /** `'production'`, `'sandbox'`, or `{ baseUrl }` for a local sandbox or mock. */
  environment: Environment;
  /** The fetch to use (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /**
   * Per-attempt timeout in ms, from sending the request to the last byte of the answer
   * (redirect hops included; default 30 000).
   */
  timeoutMs?: number;
  /** Largest response body read, in bytes; a longer one is a PartnerResponseError (default 10 000 000). */
  maxResponseBytes?: number;
  /** Retries for calls that are safe to repeat: GET, HEAD, OPTIONS, DELETE and the token call (default 2). */
  maxRetries?: number;
  /** First backoff step in ms (default 500). */
  retryDelayMs?: number;
  /** Longest single backoff in ms, also the cap for `Retry-After` (default 8000). */
  maxRetryDelayMs?: number;
  /** Defaults for polling; each call may override them. */
  polling?: PollingOptions;
  /** Receives structured log records; URLs in them are already redacted. */
  logger?: LogSink;
  /** Minimum level passed to `logger` (default `'info'`). */
  logLevel?: LogLevel;
  /** How long a fetched encryption certificate is reused, in ms (default 24 h, as documented). */
  certificateTtlMs?: number;
  /**
   * Deadline in ms for the DELETE the client sends by itself after an abort or a polling
   * failure, retries included (default 5 000).
   */
  cleanupTimeoutMs?: number;
  /** Told how each of those cleanups went (it is also logged). */
  onCleanup?: (report: CleanupReport) => void;
  /** Clock and timer hooks, for tests. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The captcha page to show the user, and the reCAPTCHA site key it uses. */
export interface CaptchaPage {
  html: string;
  siteKey: string | undefined;
}

/** Query of {@link PartnerClient.listUnredeemedOrders}: at least one of the two. */
export interface UnredeemedOrdersQuery {
  daysFromPurchase?: number;
  daysBeforeEvent?: number;
}

/** Creates a client; throws a PartnerValidationError on bad options, before any network call. */
export function createPartnerClient(options: PartnerClientOptions): PartnerClient {
  return new PartnerClient(options);
}

/** The Partner-App API client. */
export class PartnerClient implements CartHost {
  /**
   * The typed openapi-fetch client, for anything the methods do not cover. Its middleware
   * sees real Requests and Responses; it fails with PartnerErrors like the methods do.
   */
  readonly raw: Client<paths>;
  /** @internal The openapi-fetch client behind the methods, on the lighter {@link OutgoingRequest}. */
  readonly api: Client<paths>;
  /** The configured base URL. */
  readonly baseUrl: URL;
  /** @internal Serialises calls per cart. */
  readonly queue = new KeyedQueue();
  /** @internal How cleanup DELETEs run and are reported. */
  readonly cleanup: CleanupSettings;
  private readonly transport: Transport;
  private readonly secrets: Secrets;
  private readonly polling: PollingOptions;
  private readonly certificateTtlMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private certificate: { value: Promise<Certificate>; fetchedAt: number } | undefined;

  constructor(options: PartnerClientOptions) {
    if (typeof options !== 'object' || options === null) throw new PartnerValidationError('options', 'are required');
    if (typeof options.apiKey !== 'string' || !/^\S+$/.test(options.apiKey)) {
      throw new PartnerValidationError('apiKey', 'must be a non-empty string without spaces');
    }
    if (options.clientSecret !== undefined && (typeof options.clientSecret !== 'string' || options.clientSecret === '')) {
      throw new PartnerValidationError('clientSecret', 'must be a non-empty string when given');
    }
    this.baseUrl = resolveBaseUrl(options.environment);
    const logger = new Logger(typedOption(options.logger, 'logger', 'function'), options.logLevel);
    this.polling = { ...checkPolling(options.polling) };
    this.certificateTtlMs = numberOption(options.certificateTtlMs, 'certificateTtlMs', 24 * 3_600_000, 'zero or more');
    this.now = typedOption(options.now, 'now', 'function') ?? Date.now;
    this.sleep = typedOption(options.sleep, 'sleep', 'function') ?? defaultSleep;
    this.cleanup = {
      timeoutMs: numberOption(options.cleanupTimeoutMs, 'cleanupTimeoutMs', DEFAULT_CLEANUP_TIMEOUT_MS, 'positive'),
      onCleanup: typedOption(options.onCleanup, 'onCleanup', 'function'),
      logger,
    };
    const secrets = (this.secrets = new Secrets(options.apiKey, options.clientSecret));
    const tokens =
      secrets.basic === undefined
        ? undefined
        : new AccessTokens({
            baseUrl: this.baseUrl,
            basic: secrets.basic,
            // The token call goes through the transport too (made below, before any call).
            send: (request, sendOptions) => this.transport.send(request, sendOptions),
            now: this.now,
          });
    this.transport = new Transport(
      {
        origin: this.baseUrl.origin,
        apiKey: options.apiKey,
        fetch: typedOption(options.fetch, 'fetch', 'function') ?? globalThis.fetch,
        timeoutMs: numberOption(options.timeoutMs, 'timeoutMs', 30_000, 'positive'),
        maxResponseBytes: numberOption(options.maxResponseBytes, 'maxResponseBytes', DEFAULT_MAX_RESPONSE_BYTES, 'positive'),
        secrets,
        maxRetries: numberOption(options.maxRetries, 'maxRetries', 2, 'zero or more'),
        retryDelayMs: numberOption(options.retryDelayMs, 'retryDelayMs', 500, 'zero or more'),
        maxRetryDelayMs: numberOption(options.maxRetryDelayMs, 'maxRetryDelayMs', 8000, 'zero or more'),
        logger,
        sleep: this.sleep,
      },
      tokens,
    );
    this.raw = typedRaw(createClient<paths>({ baseUrl: this.baseUrl.href, fetch: this.transport.fetchResponse }), secrets);
    this.api = createClient<paths>({
      baseUrl: this.baseUrl.href,
      fetch: this.transport.fetch,
      // openapi-fetch only constructs it and passes it to the transport; no middleware is registered here.
      Request: OutgoingRequest as unknown as typeof Request,
      // Its default query serialiser, made once: given no function, openapi-fetch makes one per call.
      querySerializer: createQuerySerializer(),
      pathSerializer,
    });
  }

  /** Event details: ticket types, prices and whether the event can be sold here (`api_transactable`). */
  async getEvent(eventId: string, options: CallOptions = {}): Promise<EventDetails> {
    const id = checkId(eventId, 'eventId');
    const result = await this.api.GET('/event/{event_id}', { params: { path: { event_id: id } }, signal: options.signal });
    return settleDataNow<EventDetails>(result);
  }

  /** The captcha page to render in a web view, and its site key. */
  async getCaptchaPage(options: CallOptions = {}): Promise<CaptchaPage> {
    const result = await this.api.GET('/captcha', { parseAs: 'text', signal: options.signal });
    const settled = settleNow<string>(result);
    return { html: settled.data ?? '', siteKey: result.response.headers.get('x-tm-captcha-v2-sitekey') ?? undefined };
  }

  /** Trades a solved captcha for a cart; the session carries the cart id and the user's headers. */
  async openCart(input: { captchaToken: string; user: EndUser }, options: CallOptions = {}): Promise<CartSession> {
    const token = typeof input?.captchaToken === 'string' ? input.captchaToken.trim() : '';
    if (token === '') throw new PartnerValidationError('captchaToken', 'is required (the token from the solved captcha)');
    const headers = endUserHeaders(input.user);
    const result = await this.api.POST('/cart', {
      params: { header: headerParams(headers) },
      headers,
      body: { token },
      signal: options.signal,
    });
    const { data } = settleNow<{ cart_id: string }>(result);
    if (typeof data?.cart_id !== 'string' || data.cart_id === '') throw new PartnerError('The API answered without a cart_id');
    return new CartSession(this, data.cart_id, input.user);
  }

  /** A session for a cart opened earlier (e.g. in another process). */
  resumeCart(cartId: string, user: EndUser): CartSession {
    if (typeof cartId !== 'string' || cartId.trim() === '') throw new PartnerValidationError('cartId', 'is required');
    // The session checks the user as it is made.
    return new CartSession(this, cartId, user);
  }

  /** Orders whose tickets were not redeemed, by days since purchase or days before the event. */
  async listUnredeemedOrders(query: UnredeemedOrdersQuery, options: CallOptions = {}): Promise<UnredeemedOrders> {
    const q: { days_from_purchase?: number; days_before_event?: number } = {};
    if (query?.daysFromPurchase !== undefined) q.days_from_purchase = days(query.daysFromPurchase, 'daysFromPurchase');
    if (query?.daysBeforeEvent !== undefined) q.days_before_event = days(query.daysBeforeEvent, 'daysBeforeEvent');
    if (Object.keys(q).length === 0) throw new PartnerValidationError('daysFromPurchase', 'or daysBeforeEvent is required');
    const result = await this.api.GET('/orders/unredeemed', { params: { query: q }, signal: options.signal });
    return settleDataNow<UnredeemedOrders>(result);
  }

  /** The whole purchase in one call: open, reserve, pay, purchase; the cart is deleted if any step fails. */
  purchase(input: PurchaseFlowInput, options: CallOptions = {}): Promise<PurchaseFlowResult> {
    return runPurchaseFlow(this, input, options);
  }

  /**
   * @internal The encryption certificate, fetched once and reused for its validity. The
   * fetch is shared by every caller until it settles, so it runs under no caller's signal
   * (the transport's timeouts bound it): each caller stops waiting on its own abort.
   */
  encryptionCertificate(cartId: string, headers: Headers, signal: AbortSignal | undefined): Promise<Certificate> {
    let cached = this.certificate;
    if (!cached || this.now() - cached.fetchedAt >= this.certificateTtlMs) {
      const value = (async () => {
        const result = await this.api.GET('/certificate', {
          params: { query: { cart_id: cartId }, header: headerParams(headers) },
          headers,
        });
        return settleDataNow<Certificate>(result);
      })();
      cached = this.certificate = { value, fetchedAt: this.now() };
      // A failed fetch is not cached.
      value.catch(() => {
        if (this.certificate?.value === value) this.certificate = undefined;
      });
    }
    return untilAborted(cached.value, signal);
  }

  /** @internal Polling context for a call made with these headers. */
  pollingContext(headers: Headers, options: CallOptions): PollingContext {
    return {
      baseUrl: this.baseUrl,
      headers,
      signal: options.signal,
      send: (request) => this.transport.send(request),
      options: { ...this.polling, ...options.polling },
      sleep: this.sleep,
      now: this.now,
      secrets: this.secrets,
    };
  }

  /** @internal Whether polling is forced for this call. */
  forcePolling(options: CallOptions): boolean {
    return (options.polling?.forcePolling ?? this.polling.forcePolling) === true;
  }
}

function checkId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9]+$/.test(value.trim())) {
    throw new PartnerValidationError(field, 'must be a non-empty alphanumeric id');
  }
  return value.trim();
}

function days(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new PartnerValidationError(field, 'must be a whole number of days');
  return value;
}
