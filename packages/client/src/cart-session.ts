/**
 * A cart and the end user it belongs to. Every call on the cart carries the user's
 * headers and waits for the previous call on the same cart (the API does not support
 * concurrent calls on one cart). `await using` deletes a cart that was not purchased.
 */
import type { CartResponse, Certificate, PaymentResult, PurchaseResult, ReserveEvent, components } from './api-types.js';
import { encryptCardField, readEncryptionKey } from './encrypt-card.js';
import { type EndUser, endUserHeaders } from './end-user.js';
import { PartnerError, PartnerPollingError, PartnerValidationError } from './errors.js';
import { type CallOptions, type PartnerClient, headerParams, signalOf } from './partner-client.js';
import { settle, settleData } from './settle.js';
import { type CardInput, type PaymentDetails, validateBilling, validateCard } from './validate-card.js';

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
  private readonly headers: Headers;

  /** @internal Use `client.openCart()` or `client.resumeCart()`. */
  constructor(
    private readonly client: PartnerClient,
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
        params: { header: this.typedHeaders(options) },
        headers: this.sentHeaders(options),
        body: { cart_id: this.cartId, event },
        ...signalOf(options),
      });
      const data = await settleData<CartResponse>(result, this.client.pollingContext(this.headers, options));
      this.lastCart = data;
      return data;
    });
  }

  /** The card-encryption certificate (cached by the client for its 24-hour validity). */
  getCertificate(options: CallOptions = {}): Promise<Certificate> {
    return this.cartCall(options, () => this.client.encryptionCertificate(this.cartId, this.headers, options));
  }

  /** Adds billing details and the card, encrypted with the certificate's key. Everything is checked first. */
  async addPayment(input: PaymentInput, options: CallOptions = {}): Promise<PaymentResult> {
    const prepared = preparePayment(input, this.lastCart);
    return this.cartCall(options, async () => {
      let payment: components['schemas']['Payment'] = prepared.details;
      if (prepared.card) {
        const certificate = await this.client.encryptionCertificate(this.cartId, this.headers, options);
        const key = readEncryptionKey(certificate.value);
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
        params: { header: headerParams(this.headers) },
        // Payment is not a polling operation: no X-TM-FORCE-POLLING here.
        headers: Object.fromEntries(this.headers),
        body: { cart_id: this.cartId, payment },
        ...signalOf(options),
      });
      return await settleData<PaymentResult>(result, this.client.pollingContext(this.headers, options));
    });
  }

  /** Commits the purchase; `sourceAccountId` is your id (or hash) of the user. Polling: yes. */
  async purchase(input: { sourceAccountId: string }, options: CallOptions = {}): Promise<PurchaseResult> {
    const sourceAccountId = typeof input?.sourceAccountId === 'string' ? input.sourceAccountId.trim() : '';
    if (sourceAccountId === '') throw new PartnerValidationError('sourceAccountId', 'is required (your id or hash of the user)');
    return this.cartCall(options, async () => {
      const result = await this.client.api.PUT('/cart', {
        params: { header: this.typedHeaders(options) },
        headers: this.sentHeaders(options),
        body: { cart_id: this.cartId, source_account_id: sourceAccountId },
        ...signalOf(options),
      });
      const data = await settleData<PurchaseResult>(result, this.client.pollingContext(this.headers, options));
      this.current = 'purchased';
      return data;
    });
  }

  /** Deletes the cart and frees what it holds. Polling: yes. Deleting twice is a no-op. */
  delete(options: CallOptions = {}): Promise<void> {
    return this.client.queue.run(this.cartId, async () => {
      if (this.current !== 'open') return;
      await this.sendDelete(options, true);
    });
  }

  /** Deletes the cart unless it was purchased or deleted; errors are logged, not thrown. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.current !== 'open') return;
    try {
      await this.delete();
    } catch (err) {
      this.client.logger.log({ level: 'warn', message: `cart cleanup failed: ${(err as Error).name}` });
    }
  }

  /**
   * Runs a cart operation in the cart's queue. When it is aborted or polling gives up,
   * the operation may still complete on the server, so the cart is deleted.
   */
  private cartCall<T>(options: CallOptions, task: () => Promise<T>): Promise<T> {
    if (this.current !== 'open') return Promise.reject(new PartnerError(`The cart is already ${this.current}`));
    return this.client.queue.run(this.cartId, async () => {
      if (this.current !== 'open') throw new PartnerError(`The cart is already ${this.current}`);
      try {
        return await task();
      } catch (err) {
        const gaveUp = err instanceof PartnerPollingError && err.reason !== 'foreign-origin';
        if (gaveUp || options.signal?.aborted) await this.cleanUp();
        throw err;
      }
    });
  }

  /** Best-effort DELETE without the aborted signal and without waiting on polling. */
  private async cleanUp(): Promise<void> {
    try {
      await this.sendDelete({}, false);
    } catch (err) {
      this.client.logger.log({ level: 'warn', message: `cart cleanup failed: ${(err as Error).name}` });
    }
  }

  private async sendDelete(options: CallOptions, followPolling: boolean): Promise<void> {
    const result = await this.client.api.DELETE('/cart', {
      params: { query: { cart_id: this.cartId }, header: this.typedHeaders(options) },
      headers: this.sentHeaders(options),
      ...signalOf(options),
    });
    if (followPolling) await settle<undefined>(result, this.client.pollingContext(this.headers, options));
    else if (!result.response.ok) await settle<undefined>(result, undefined);
    this.current = 'deleted';
  }

  private typedHeaders(options: CallOptions): ReturnType<typeof headerParams> & { 'X-TM-FORCE-POLLING'?: string } {
    const typed = headerParams(this.headers);
    return this.client.forcePolling(options) ? { ...typed, 'X-TM-FORCE-POLLING': 'true' } : typed;
  }

  private sentHeaders(options: CallOptions): Record<string, string> {
    const all = Object.fromEntries(this.headers);
    return this.client.forcePolling(options) ? { ...all, 'X-TM-FORCE-POLLING': 'true' } : all;
  }
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

/** Payment checks and defaults, before any call (the certificate fetch included). */
function preparePayment(
  input: PaymentInput,
  lastCart: CartResponse | undefined,
): { details: PaymentDetails; card: ReturnType<typeof validateCard> | undefined } {
  if (typeof input !== 'object' || input === null) throw new PartnerValidationError('payment', 'is required');
  let details = input.payment;
  // The amount to charge defaults to what the cart says is unpaid.
  const unpaid = lastCart?.cart.totals.unpaid;
  if (details?.type === 'CC' && details.amount === undefined && typeof unpaid === 'number')
    details = { ...details, amount: unpaid.toFixed(2) };
  validateBilling(details);
  if (details.type === 'CC') {
    if (!input.card) throw new PartnerValidationError('payment.card', 'is required for CC payments');
    return { details, card: validateCard(input.card) };
  }
  return { details, card: undefined };
}
