/**
 * What each API operation does, keyed by the document's operationId. Handlers run
 * after routing, authentication and the request contract check, and are synchronous:
 * one request's state change is complete before the next request is looked at.
 */
import type { components, operations } from '@tm-partner/generated';
import { checkCard } from './payments.js';
import type { PollingJob, PollingOperation } from './polling.js';
import { ErrorCode, apiError, empty, fault, json } from './responses.js';
import type { SandboxResponse } from './responses.js';
import type { SandboxState } from './state.js';

type Schemas = components['schemas'];

/** An operation id of the document. */
export type OperationId = keyof operations;

/** One API call, as handlers see it. Header names are lower case. */
export interface CallContext {
  operationId: OperationId;
  apiKey: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  headers: Readonly<Record<string, string | undefined>>;
  /** The parsed body; it passed the request contract check when the handler runs. */
  body: unknown;
  now: number;
  /** Further operations whose contract the answer must meet (a poll answers for the polled operation). */
  answersFor: OperationId[];
  /** Base of the polling URLs this call hands out: the public base URL, else the one the client called. */
  pollingBase: string;
}

/** How one operation is served. */
export interface OperationHandler {
  /** Produces the answer (and applies the effect). */
  run(ctx: CallContext): SandboxResponse;
  /** Checks that must come before the contract check, for errors the spec ranks first. */
  beforeValidation?(ctx: CallContext): SandboxResponse | undefined;
  /** The event whose ticketing system serves the call, for the maintenance window. */
  eventOf?(ctx: CallContext): string | undefined;
  /** Set for "Polling: Yes" operations. */
  polling?: PollingOperation;
}

/** The handlers of every operation of the document. */
export function createHandlers(state: SandboxState): Record<OperationId, OperationHandler> {
  const { carts, catalog, tokens, captcha, polling, certificate } = state;
  const cartEvent = (cartId: string | null | undefined, apiKey: string) => {
    const cart = cartId ? carts.find(cartId, apiKey) : undefined;
    return cart ? carts.eventOf(cart) : undefined;
  };
  // The event of the cart a request body names (for the maintenance check).
  const bodyCartEvent = (ctx: CallContext) => {
    const cartId = (ctx.body as { cart_id?: unknown } | undefined)?.cart_id;
    return typeof cartId === 'string' ? cartEvent(cartId, ctx.apiKey) : undefined;
  };
  const invalidCart = () => apiError(ErrorCode.InvalidCart, 'unknown, expired or deleted cart_id (URL-encode it in query strings)');

  return {
    getAccessToken: {
      run(ctx) {
        const issued = tokens.issue(ctx.apiKey, ctx.headers.authorization, ctx.now);
        return issued.ok ? json(200, issued.token) : fault('InvalidClientIdentifier', issued.reason);
      },
    },

    retrieveEventDetails: {
      run(ctx) {
        const details = catalog.details(ctx.params.event_id ?? '');
        return details ? json(200, details) : empty(404);
      },
    },

    getCaptchaPage: {
      run(ctx) {
        const page = captcha.page(ctx.now);
        return { status: 200, contentType: 'text/html', body: page.html, headers: { 'x-tm-captcha-v2-sitekey': captcha.siteKey } };
      },
    },

    postCaptchaSolution: {
      beforeValidation(ctx) {
        // The spec's "missing captcha token" is 401 / 10004, ahead of the generic 10002.
        const body = ctx.body;
        if (typeof body === 'object' && body !== null && !Array.isArray(body) && !('token' in body)) {
          return apiError(ErrorCode.CaptchaMissing, 'body.token is missing');
        }
        return undefined;
      },
      run(ctx) {
        const { token } = ctx.body as Schemas['CaptchaSolution'];
        const verdict = captcha.redeem(token, ctx.now);
        if (verdict === 'missing') return apiError(ErrorCode.CaptchaMissing, 'body.token is empty');
        if (verdict === 'invalid') return apiError(ErrorCode.InvalidCaptcha, 'the captcha token is wrong, expired or already used');
        const session: Schemas['CartSession'] = { cart_id: carts.open(ctx.apiKey).id };
        return json(200, session);
      },
    },

    reserveTickets: {
      polling: 'reserveTickets',
      eventOf: (ctx) => (ctx.body as Partial<Schemas['ReserveRequest']> | undefined)?.event?.id,
      run(ctx) {
        const request = ctx.body as Schemas['ReserveRequest'];
        const cart = carts.find(request.cart_id, ctx.apiKey);
        if (!cart) return invalidCart();
        const outcome = carts.reserve(cart, request.event, ctx.now);
        return outcome.ok ? json(200, outcome.value) : apiError(outcome.code, outcome.reason);
      },
    },

    getEncryptionCertificate: {
      eventOf: (ctx) => cartEvent(ctx.query.get('cart_id'), ctx.apiKey),
      run(ctx) {
        if (!carts.find(ctx.query.get('cart_id') ?? '', ctx.apiKey)) return invalidCart();
        const body: Schemas['Certificate'] = { id: certificate.id, value: certificate.pem };
        return json(200, body);
      },
    },

    addPayment: {
      eventOf: bodyCartEvent,
      run(ctx) {
        const { cart_id: cartId, payment } = ctx.body as Schemas['PaymentRequest'];
        const cart = carts.find(cartId, ctx.apiKey);
        if (!cart) return invalidCart();
        const ready = carts.canPay(cart);
        if (!ready.ok) return apiError(ready.code, ready.reason);
        if (payment.type === 'CC') {
          if (payment.amount === undefined || !/^\d+(\.\d{1,2})?$/.test(payment.amount)) {
            return apiError(ErrorCode.InvalidInput, 'payment.amount is required for CC, as a decimal string such as "69.00"');
          }
          if (!payment.card) return apiError(ErrorCode.InvalidInput, 'payment.card is required for CC');
          const verdict = checkCard(payment.card, certificate.id, certificate.privateKey, state.options.testCard);
          if (!verdict.ok) return apiError(verdict.code, verdict.reason);
        } else if (payment.reference === undefined || !/^\d+$/.test(payment.reference)) {
          return apiError(ErrorCode.InvalidInput, 'payment.reference (digits) is required for INVOICE');
        }
        const outcome = carts.recordPayment(cart, { type: payment.type, email: payment.email_address }, ctx.now);
        return outcome.ok ? json(200, outcome.value) : apiError(outcome.code, outcome.reason);
      },
    },

    purchaseCart: {
      polling: 'purchaseCart',
      eventOf: bodyCartEvent,
      run(ctx) {
        const request = ctx.body as Schemas['PurchaseRequest'];
        const cart = carts.find(request.cart_id, ctx.apiKey);
        if (!cart) return invalidCart();
        const outcome = carts.purchase(cart, request.source_account_id, ctx.now);
        return outcome.ok ? json(200, outcome.value) : apiError(outcome.code, outcome.reason);
      },
    },

    deleteCart: {
      polling: 'deleteCart',
      eventOf: (ctx) => cartEvent(ctx.query.get('cart_id'), ctx.apiKey),
      run(ctx) {
        const cart = carts.find(ctx.query.get('cart_id') ?? '', ctx.apiKey);
        if (!cart) return invalidCart();
        carts.remove(cart);
        return empty(204);
      },
    },

    listUnredeemedOrders: {
      run(ctx) {
        const read = (name: string) => {
          const raw = ctx.query.get(name);
          return raw === null ? undefined : Number(raw);
        };
        const daysFromPurchase = read('days_from_purchase');
        const daysBeforeEvent = read('days_before_event');
        if (daysFromPurchase === undefined && daysBeforeEvent === undefined) {
          return apiError(ErrorCode.InvalidInput, 'send days_from_purchase, days_before_event or both');
        }
        if ([daysFromPurchase, daysBeforeEvent].some((days) => days !== undefined && !(days >= 0))) {
          return apiError(ErrorCode.InvalidInput, 'day counts must be numbers of at least 0');
        }
        const filter = {
          ...(daysFromPurchase !== undefined ? { daysFromPurchase } : {}),
          ...(daysBeforeEvent !== undefined ? { daysBeforeEvent } : {}),
        };
        return json(200, state.orders.unredeemed(ctx.apiKey, filter, ctx.now));
      },
    },

    poll: {
      eventOf: (ctx) => state.polling.peek(ctx.params.poll_path ?? '', ctx.apiKey, ctx.query.get('cart_id'))?.eventId,
      run(ctx) {
        const outcome = polling.poll(ctx.params.poll_path ?? '', ctx.apiKey, ctx.query.get('cart_id'));
        if (outcome.state === 'unknown') return empty(404);
        if (outcome.state === 'pending') return pollingAnswer(state, outcome.job, ctx.pollingBase);
        ctx.answersFor.push(outcome.job.operationId);
        return outcome.job.result;
      },
    },
  };
}

/** The 202 answer that points at a job's polling URL under `base` (see `CallContext.pollingBase`). */
export function pollingAnswer(state: SandboxState, job: PollingJob, base: string): SandboxResponse {
  const query = `apikey=${encodeURIComponent(job.apiKey)}&cart_id=${encodeURIComponent(job.cartId)}`;
  const body: Schemas['PollingResponse'] = {
    polling_url: `${base}/polling/${job.path}?${query}`,
    wait: state.options.pollingWaitSeconds,
  };
  return json(202, body);
}
