/**
 * A cart and the end user it belongs to. Every call on the cart carries the user's
 * headers and waits for the previous call on the same cart (the API does not support
 * concurrent calls on one cart). `await using` deletes a cart that was not purchased.
 */
import type { KeyObject } from 'node:crypto';
import type { Client } from 'openapi-fetch';
import type { CartResponse, Certificate, PaymentResult, PurchaseResult, ReserveEvent, components, paths } from './api-types.js';
import type { CallOptions } from './call-options.js';
import { type CleanupSettings, type CleanupTrigger, cleanUpCart } from './cart-cleanup.js';
import { encryptCardField, readEncryptionKey } from './encrypt-card.js';
import { type EndUser, endUserHeaders, headerParams } from './end-user.js';
import { PartnerError, PartnerPollingError, PartnerValidationError } from './errors.js';
import type { KeyedQueue } from './keyed-queue.js';
import { checkPolling } from './option-checks.js';
import type { PollingContext } from './polling.js';
import { settle, settleData, settleNow } from './settle.js';
import { untilAborted } from './sleep.js';
import { type CardInput, type PaymentDetails, validateBilling, validateCard } from './validate-card.js';

/** What a cart session needs from the client that made it. */
export interface CartHost {
  /** The openapi-fetch client the methods call through. */
  readonly api: Client<paths>;
  /** Serialises calls per cart. */
  readonly queue: KeyedQueue;
  readonly cleanup: CleanupSettings;
  encryptionCertificate(cartId: string, headers: Headers, signal: AbortSignal | undefined): Promise<Certificate>;
  pollingContext(headers: Headers, options: CallOptions): PollingContext;
  forcePolling(options: CallOptions): boolean;
}

/** Input of {@link CartSession.addPayment}: billing details and, for CC, the plain card. */
export interface PaymentInput {
  payment: PaymentDetails;
  /** Required for `type: 'CC'`; encrypted here with the API's certificate before it is sent. */
  card?: CardInput;
}

/** Where a cart stands. */
export type CartState = 'open' | 'purchased' | 'deleted';

/** One cart of one end user. */
export class CartSession implements AsyncDisposable {
  private current: CartState = 'open';
  private lastCart: CartResponse | undefined;
  /** The client deleted (or tried to delete) the cart by itself; disposal has nothing left to do. */
  private cleanedUp = false;
  private readonly headers: Headers;

  /** @internal Use `client.openCart()` or `client.resumeCart()`. */
  constructor(
    private readonly client: CartHost,
    /** The cart id the API issued (opaque; sent URL-encoded). */
    readonly cartId: string,
    readonly user: EndUser,
  ) {
    this.headers = endUserHeaders(user);
  }

  /** `open` until purchased or deleted. */
  get state(): CartState {
    return this.current;
  }

  /** Reserves tickets (best available within a price level or area when given). Polling: yes. */
  async reserve(event: ReserveEvent, options: CallOptions = {}): Promise<CartResponse> {
    checkReserve(event);
    return this.cartCall(options, async () => {
      const result = await this.client.api.PUT('/cart/tickets', {
        params: { header: this.userHeaders(options) },
        headers: this.headers,
        body: { cart_id: this.cartId, event },
        signal: options.signal,
      });
      const data = await settleData<CartResponse>(result, this.client.pollingContext(this.headers, options));
      this.lastCart = data;
      return data;
    });
  }

  /** The card-encryption certificate (cached by the client for its 24-hour validity). */
  getCertificate(options: CallOptions = {}): Promise<Certificate> {
    return this.cartCall(options, () => this.client.encryptionCertificate(this.cartId, this.headers, options.signal));
  }

  /** Adds billing details and the card, encrypted with the certificate's key. Everything is checked first. */
  async addPayment(input: PaymentInput, options: CallOptions = {}): Promise<PaymentResult> {
    const prepared = preparePayment(input, this.lastCart?.cart.totals.unpaid);
    return this.cartCall(options, async () => {
      let payment: components['schemas']['Payment'] = prepared.details;
      if (prepared.card) {
        const certificate = await this.client.encryptionCertificate(this.cartId, this.headers, options.signal);
        const key = encryptionKey(certificate);
        payment = {
          ...payment,
          card: {
            number: encryptCardField(key, prepared.card.number, 'payment.card.number'),
            cin: encryptCardField(key, prepared.card.cvv, 'payment.card.cin'),
            encryption_key: certificate.id,
            expire_month: prepared.card.expireMonth,
            expire_year: prepared.card.expireYear,
            postal_code: prepared.card.postalCode,
          },
        };
      }
      const result = await this.client.api.PUT('/cart/payment', {
        // Payment is not a polling operation: no X-TM-FORCE-POLLING here.
        params: { header: headerParams(this.headers) },
        headers: this.headers,
        body: { cart_id: this.cartId, payment },
        signal: options.signal,
      });
      return await settleData<PaymentResult>(result, this.client.pollingContext(this.headers, options));
    });
  }

  /** Commits the purchase; `sourceAccountId` is your id (or hash) of the user. Polling: yes. */
  async purchase(input: { sourceAccountId: string }, options: CallOptions = {}): Promise<PurchaseResult> {
    const sourceAccountId = checkSourceAccountId(input);
    return this.cartCall(options, async () => {
      const result = await this.client.api.PUT('/cart', {
        params: { header: this.userHeaders(options) },
        headers: this.headers,
        body: { cart_id: this.cartId, source_account_id: sourceAccountId },
        signal: options.signal,
      });
      const data = await settleData<PurchaseResult>(result, this.client.pollingContext(this.headers, options));
      this.current = 'purchased';
      return data;
    });
  }

  /** Deletes the cart and frees what it holds. Polling: yes. Deleting twice is a no-op. */
  async delete(options: CallOptions = {}): Promise<void> {
    checkPolling(options.polling);
    const run = this.client.queue.run(this.cartId, async () => {
      if (this.current !== 'open') return;
      await this.sendDelete(options, true);
    });
    return untilAborted(run, options.signal);
  }

  /** Deletes the cart unless it was purchased, deleted or cleaned up; errors are logged, not thrown. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.current !== 'open' || this.cleanedUp) return;
    try {
      await this.delete();
    } catch (err) {
      this.client.cleanup.logger.log({ level: 'warn', message: `cart cleanup failed: ${(err as Error).name}` });
    }
  }

  /**
   * Runs a cart operation in the cart's queue. An abort rejects at once with its reason,
   * queued or running. When the call is aborted or polling stops without a final answer
   * (given up, or told to poll a URL the client refuses), the operation may still hold
   * tickets on the server, so the cart is deleted on the API's origin: in the background
   * after an abort, before the error is thrown after a polling failure.
   */
  private async cartCall<T>(options: CallOptions, task: () => Promise<T>): Promise<T> {
    checkPolling(options.polling);
    if (this.current !== 'open') throw new PartnerError(`The cart is already ${this.current}`);
    const { signal } = options;
    let started = false;
    const run = this.client.queue.run(this.cartId, async () => {
      if (this.current !== 'open') throw new PartnerError(`The cart is already ${this.current}`);
      // Aborted while queued: nothing was sent, nothing to clean up.
      if (signal?.aborted) throw signal.reason;
      started = true;
      try {
        return await task();
      } catch (err) {
        if (!signal?.aborted && err instanceof PartnerPollingError) await this.cleanUp('polling');
        throw err;
      }
    });
    if (!signal) return run;
    return untilAborted(run, signal).catch((err: unknown) => {
      // Started before this rejection reaches the caller, so disposing the cart sees it.
      if (signal.aborted && started && !this.cleanedUp) this.startCleanup('aborted');
      throw err;
    });
  }

  /** Queues the cleanup behind the aborted call without waiting for it. */
  private startCleanup(trigger: CleanupTrigger): void {
    this.cleanedUp = true;
    void this.client.queue.run(this.cartId, () => this.cleanUp(trigger));
  }

  /** The DELETE, under the cleanup deadline and without waiting on polling; never rejects. */
  private cleanUp(trigger: CleanupTrigger): Promise<void> {
    this.cleanedUp = true;
    return cleanUpCart(this.cartId, trigger, (signal) => this.sendDelete({ signal }, false), this.client.cleanup);
  }

  private async sendDelete(options: CallOptions, followPolling: boolean): Promise<void> {
    const result = await this.client.api.DELETE('/cart', {
      params: { query: { cart_id: this.cartId }, header: this.userHeaders(options) },
      headers: this.headers,
      signal: options.signal,
    });
    if (followPolling) await settle<undefined>(result, this.client.pollingContext(this.headers, options));
    else if (!result.response.ok) settleNow<undefined>(result);
    this.current = 'deleted';
  }

  /**
   * The user's headers as the operation's typed parameters, plus X-TM-FORCE-POLLING when
   * polling is forced. openapi-fetch sends these over `headers`, which carries the rest
   * of the user's headers (User-Agent…).
   */
  private userHeaders(options: CallOptions): ReturnType<typeof headerParams> & { 'X-TM-FORCE-POLLING'?: string } {
    const typed = headerParams(this.headers);
    return this.client.forcePolling(options) ? { ...typed, 'X-TM-FORCE-POLLING': 'true' } : typed;
  }
}

/** Keys read from certificates: a certificate reused for 24 hours is parsed once, not on every payment. */
const KEYS = new WeakMap<Certificate, KeyObject>();

function encryptionKey(certificate: Certificate): KeyObject {
  let key = KEYS.get(certificate);
  if (!key) KEYS.set(certificate, (key = readEncryptionKey(certificate.value)));
  return key;
}

/** Reserve input checks, before any call. */
export function checkReserve(event: ReserveEvent): void {
  if (typeof event !== 'object' || event === null) throw new PartnerValidationError('event', 'is required');
  if (typeof event.id !== 'string' || !/^[A-Za-z0-9]+$/.test(event.id))
    throw new PartnerValidationError('event.id', 'must be a non-empty alphanumeric id');
  if (!Array.isArray(event.tickets) || event.tickets.length === 0)
    throw new PartnerValidationError('event.tickets', 'must list at least one ticket type');
  event.tickets.forEach((ticket, i) => {
    // Ticket ids keep their leading zeros: they must travel as strings.
    if (typeof ticket?.id !== 'string' || ticket.id === '')
      throw new PartnerValidationError(`event.tickets[${i}].id`, 'must be the ticket type id as a string');
    if (!Number.isInteger(ticket.quantity) || ticket.quantity < 1)
      throw new PartnerValidationError(`event.tickets[${i}].quantity`, 'must be a whole number of at least 1');
    if (ticket.price !== undefined && typeof ticket.price?.id !== 'number')
      throw new PartnerValidationError(`event.tickets[${i}].price.id`, 'must be a number');
  });
}

/** The purchase input's `sourceAccountId`, trimmed; checked before any call. */
export function checkSourceAccountId(input: { sourceAccountId: string }): string {
  const sourceAccountId = typeof input?.sourceAccountId === 'string' ? input.sourceAccountId.trim() : '';
  if (sourceAccountId === '') throw new PartnerValidationError('sourceAccountId', 'is required (your id or hash of the user)');
  return sourceAccountId;
}

/**
 * Payment checks and defaults, before any call (the certificate fetch included). A CC
 * payment without an amount is charged `unpaid`, what the cart says is left to pay.
 */
export function preparePayment(
  input: PaymentInput,
  unpaid: number | undefined,
): { details: PaymentDetails; card: ReturnType<typeof validateCard> | undefined } {
  if (typeof input !== 'object' || input === null) throw new PartnerValidationError('payment', 'is required');
  let details = input.payment;
  if (details?.type === 'CC' && details.amount === undefined && typeof unpaid === 'number')
    details = { ...details, amount: unpaid.toFixed(2) };
  validateBilling(details);
  if (details.type === 'CC') {
    if (!input.card) throw new PartnerValidationError('payment.card', 'is required for CC payments');
    return { details, card: validateCard(input.card) };
  }
  return { details, card: undefined };
}
