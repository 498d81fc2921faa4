/**
 * What `tm-partner verify` checks, in the order it runs: the purchase flow a partner's
 * app goes through, each step followed by the documented errors it can provoke there.
 * Steps hand what they got (token, event, cart, certificate) to later ones through
 * {@link FlowState}; a step whose prerequisite failed is skipped, saying which.
 */
import { X509Certificate } from 'node:crypto';
import { encryptCardField, maintenanceWindow } from '@tm-partner/client';
import type { CartResponse, EventDetails, PurchaseResult } from '@tm-partner/client';
import { SANDBOX_BILLING } from '@tm-partner/sandbox';
import type { CallSpec } from './exchange.js';
import type { Check, CheckContext } from './run-checks.js';

/** What the flow has obtained so far. */
export interface FlowState {
  token?: string;
  event?: { id: string; ticket: { id: string; quantity: number } };
  cartId?: string;
  reserved?: CartResponse;
  certificate?: { id: string; pem: string };
  orderToken?: string;
  /** A cart that was deleted, for the "deleted cart" check. */
  deletedCartId?: string;
}

type Step = Check<FlowState>;
type Context = CheckContext<FlowState>;

/** An end user's address from the documentation range (RFC 5737). */
const END_USER_IP = '203.0.113.50';
const UNKNOWN_CART = 'dmVyaWZ5LXVua25vd24tY2FydA==';
const UNKNOWN_EVENT = '0000000000000000';
/** A Luhn-valid card number that is not a test card anywhere. */
const OTHER_CARD = '4111111111111111';

const needs = {
  event: (s: FlowState) => (s.event ? undefined : 'no event to buy from (see the event check)'),
  cart: (s: FlowState) => (s.cartId ? undefined : 'no cart (see "open a cart with the captcha token")'),
  reserved: (s: FlowState) => (s.reserved ? undefined : 'no tickets reserved (see the reserve check)'),
  certificate: (s: FlowState) =>
    s.reserved && s.certificate ? undefined : 'no reserved cart with a certificate (see the reserve and certificate checks)',
};

/** The headers a partner's app sends on a call of this operation. */
export function headersFor(operationIdsWithEndUser: ReadonlySet<string>, state: FlowState) {
  return (operationId: string): Record<string, string> => {
    const headers: Record<string, string> = {};
    if (state.token !== undefined && operationId !== 'getAccessToken') headers['authorization'] = `Bearer ${state.token}`;
    if (operationIdsWithEndUser.has(operationId)) {
      headers['true-client-ip'] = END_USER_IP;
      headers['original-user-id'] = 'tm-partner-verify';
    }
    return headers;
  };
}

const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

/** Event details of the first event asked for, with the gateway's credentials changed by `change`; a 401 fault is expected. */
async function gatewayProbe(t: Context, change: Partial<CallSpec & { noApiKey: boolean }>, faultCode: string): Promise<void> {
  const spec = { operationId: 'retrieveEventDetails', pathParams: { event_id: t.settings.events[0] ?? UNKNOWN_EVENT }, ...change };
  await t.call(spec, { status: 401, faultCode });
}

/** Every check, in order. */
export const CHECKS: readonly Step[] = [
  {
    title: 'access token (client credentials)',
    operationId: 'getAccessToken',
    needs: (_s, settings) =>
      settings.clientSecret === undefined ? 'no client secret given (--client-secret or $TM_CLIENT_SECRET)' : undefined,
    async run(t) {
      const exchange = await t.call(
        {
          operationId: 'getAccessToken',
          headers: { authorization: basic(t.settings.apiKey, t.settings.clientSecret ?? '') },
          form: { grant_type: 'client_credentials' },
        },
        { status: 200 },
      );
      const token = (exchange.answer.body as { access_token?: unknown } | undefined)?.access_token;
      if (exchange.answer.status === 200 && typeof token === 'string') t.state.token = token;
    },
  },
  {
    title: 'a wrong client secret is refused',
    operationId: 'getAccessToken',
    needsState: 'only the server knows the client secret',
    async run(t) {
      await t.call(
        {
          operationId: 'getAccessToken',
          headers: { authorization: basic(t.settings.apiKey, 'verify-wrong-secret') },
          form: { grant_type: 'client_credentials' },
        },
        { status: 401, faultCode: 'oauth.v2.InvalidClientIdentifier' },
      );
    },
  },
  {
    title: 'event details',
    operationId: 'retrieveEventDetails',
    async run(t) {
      const notes: string[] = [];
      for (const id of t.settings.events) {
        const exchange = await t.call({ operationId: 'retrieveEventDetails', pathParams: { event_id: id } }, { status: 200 });
        if (exchange.answer.status !== 200 || t.problems.length > 0) return;
        const details = exchange.answer.body as EventDetails;
        if (!t.settings.stateless && details.event.id !== id)
          t.fail(`retrieveEventDetails 200: asked for event ${id}, got ${details.event.id}`);
        const ticket = details.event.tickets[0];
        if (!details.api_transactable || !ticket) {
          notes.push(`${id} cannot be sold through the API`);
          continue;
        }
        // A mock has no maintenance hours; a real or local server refuses sales in them (503).
        if (!t.settings.stateless && maintenanceWindow(details.event.venue.location.time_zone).inWindow) {
          notes.push(`${id} is in its venue's nightly maintenance hour`);
          continue;
        }
        const { exact, minimum, multiple } = ticket.quantities;
        const step = Math.max(1, multiple);
        const quantity = exact > 0 ? exact : Math.ceil(Math.max(1, minimum) / step) * step;
        t.state.event = { id, ticket: { id: ticket.id, quantity } };
        return;
      }
      t.fail(`retrieveEventDetails: no event to buy from: ${notes.join('; ')}`);
    },
  },
  {
    title: 'a call without an API key is refused',
    operationId: 'retrieveEventDetails',
    run: (t) => gatewayProbe(t, { noApiKey: true }, 'oauth.v2.InvalidApiKey'),
  },
  {
    title: 'an unknown API key is refused',
    operationId: 'retrieveEventDetails',
    needsState: 'only the server knows which keys exist',
    run: (t) => gatewayProbe(t, { noApiKey: true, query: { apikey: 'verify-unknown-key' } }, 'oauth.v2.InvalidApiKey'),
  },
  {
    title: 'an invalid access token is refused',
    operationId: 'retrieveEventDetails',
    needsState: 'only the server knows which tokens it issued',
    run: (t) => gatewayProbe(t, { headers: { authorization: 'Bearer verify-invalid-token' } }, 'oauth.v2.InvalidAccessToken'),
  },
  {
    title: 'an unknown event is 404',
    operationId: 'retrieveEventDetails',
    needsState: 'a mock answers every event id with its example',
    async run(t) {
      await t.call({ operationId: 'retrieveEventDetails', pathParams: { event_id: UNKNOWN_EVENT } }, { status: 404 });
    },
  },
  {
    title: 'captcha page',
    operationId: 'getCaptchaPage',
    async run(t) {
      const exchange = await t.call({ operationId: 'getCaptchaPage' }, { status: 200 });
      if (exchange.answer.status !== 200) return;
      if (!exchange.answer.headers['x-tm-captcha-v2-sitekey'])
        t.fail('getCaptchaPage 200: no X-TM-CAPTCHA-V2-SITEKEY header (the reCAPTCHA site key)');
      if (typeof exchange.answer.body !== 'string' || exchange.answer.body.trim() === '') t.fail('getCaptchaPage 200: the page is empty');
    },
  },
  {
    title: 'open a cart with the captcha token',
    operationId: 'postCaptchaSolution',
    async run(t) {
      const exchange = await t.call({ operationId: 'postCaptchaSolution', json: { token: t.settings.captchaToken } }, { status: 200 });
      const cartId = (exchange.answer.body as { cart_id?: unknown } | undefined)?.cart_id;
      if (exchange.answer.status === 200 && typeof cartId === 'string') t.state.cartId = cartId;
    },
  },
  {
    title: 'a cart without a captcha token is refused (401 / 10004)',
    operationId: 'postCaptchaSolution',
    needsState: "a mock answers a request it finds invalid with a 4xx of its own choosing, not the spec's 401",
    async run(t) {
      await t.call({ operationId: 'postCaptchaSolution', json: {} }, { status: 401, errorCode: 10004, invalidRequest: true });
    },
  },
  {
    title: 'a wrong captcha token is refused (400 / 10031)',
    operationId: 'postCaptchaSolution',
    needsState: 'only the server knows which captcha tokens are solved',
    async run(t) {
      await t.call(
        { operationId: 'postCaptchaSolution', json: { token: 'verify-wrong-captcha-token' } },
        { status: 400, errorCode: 10031 },
      );
    },
  },
  {
    title: 'a ticketing call without True-Client-IP is refused (400 / 10002)',
    operationId: 'postCaptchaSolution',
    async run(t) {
      await t.call(
        { operationId: 'postCaptchaSolution', json: { token: t.settings.captchaToken }, headers: { 'true-client-ip': '' } },
        { status: 400, errorCode: 10002, invalidRequest: true },
      );
    },
  },
  {
    title: 'reserve tickets, following polling',
    operationId: 'reserveTickets',
    needs: (s) => needs.event(s) ?? needs.cart(s),
    async run(t) {
      const event = t.state.event;
      if (!event) return;
      const final = await t.callPolling(
        {
          operationId: 'reserveTickets',
          json: { cart_id: t.state.cartId, event: { id: event.id, tickets: [event.ticket] } },
          headers: { 'x-tm-force-polling': 'true' },
        },
        { status: 200 },
      );
      if (final.answer.status !== 200 || t.problems.length > 0) return;
      const reserved = final.answer.body as CartResponse;
      const seats = reserved.cart.items.reduce((sum, item) => sum + item.num_seats, 0);
      if (!t.settings.stateless && seats !== event.ticket.quantity)
        t.fail(`reserveTickets 200: asked for ${event.ticket.quantity} tickets, the cart holds ${seats}`);
      t.state.reserved = reserved;
    },
  },
  {
    title: 'a reserve on an unknown cart is refused (400 / 90003)',
    operationId: 'reserveTickets',
    needsState: 'a mock answers every cart id alike',
    needs: needs.event,
    async run(t) {
      const event = t.state.event;
      if (event)
        await t.callPolling(
          { operationId: 'reserveTickets', json: { cart_id: UNKNOWN_CART, event: { id: event.id, tickets: [event.ticket] } } },
          { status: 400, errorCode: 90003 },
        );
    },
  },
  {
    title: 'a reserve with a malformed body is refused (400 / 10002)',
    operationId: 'reserveTickets',
    needs: (s) => needs.event(s) ?? needs.cart(s),
    async run(t) {
      const event = t.state.event;
      if (!event) return;
      await t.call(
        {
          operationId: 'reserveTickets',
          json: { cart_id: t.state.cartId, event: { id: event.id, tickets: [{ id: event.ticket.id, quantity: 'two' }] } },
        },
        { status: 400, errorCode: 10002, invalidRequest: true },
      );
    },
  },
  {
    title: 'a reserve on a sold-out event is refused (400 / 20052)',
    operationId: 'reserveTickets',
    needsState: 'a mock has no inventory',
    needs: (s, settings) => (settings.soldOutEvent === undefined ? 'no sold-out event given (--sold-out-event)' : needs.cart(s)),
    async run(t) {
      await reserveRefused(t, t.settings.soldOutEvent ?? '', 400, 20052);
    },
  },
  {
    title: 'a reserve on an event not sold through the API is refused (403 / 90001)',
    operationId: 'reserveTickets',
    needsState: 'a mock does not know which events are sold through the API',
    needs: (s, settings) => (settings.closedEvent === undefined ? 'no such event given (--closed-event)' : needs.cart(s)),
    async run(t) {
      await reserveRefused(t, t.settings.closedEvent ?? '', 403, 90001);
    },
  },
  {
    title: 'encryption certificate',
    operationId: 'getEncryptionCertificate',
    needs: needs.cart,
    async run(t) {
      const exchange = await t.call({ operationId: 'getEncryptionCertificate', query: { cart_id: t.state.cartId ?? '' } }, { status: 200 });
      const body = exchange.answer.body as { id?: unknown; value?: unknown } | undefined;
      if (exchange.answer.status !== 200 || typeof body?.id !== 'string' || typeof body.value !== 'string') return;
      try {
        const key = new X509Certificate(body.value).publicKey;
        if (key.asymmetricKeyType !== 'rsa')
          t.fail(`getEncryptionCertificate 200: body/value holds a ${key.asymmetricKeyType} key, not RSA`);
      } catch {
        t.fail('getEncryptionCertificate 200: body/value is not a PEM X.509 certificate');
        return;
      }
      t.state.certificate = { id: body.id, pem: body.value };
    },
  },
  {
    title: 'a certificate for an unknown cart is refused (400 / 90003)',
    operationId: 'getEncryptionCertificate',
    needsState: 'a mock answers every cart id alike',
    async run(t) {
      await t.call({ operationId: 'getEncryptionCertificate', query: { cart_id: UNKNOWN_CART } }, { status: 400, errorCode: 90003 });
    },
  },
  {
    title: 'a certificate without cart_id is refused (400 / 10002)',
    operationId: 'getEncryptionCertificate',
    async run(t) {
      await t.call({ operationId: 'getEncryptionCertificate' }, { status: 400, errorCode: 10002, invalidRequest: true });
    },
  },
  {
    title: 'a payment with a wrong security code is refused (400 / 20152)',
    operationId: 'addPayment',
    buys: true,
    needsState: 'a mock does not decrypt the card',
    needs: needs.certificate,
    async run(t) {
      const wrong = t.settings.card.cvv === '999' ? '998' : '999';
      await t.call({ operationId: 'addPayment', json: paymentBody(t, t.settings.card.number, wrong) }, { status: 400, errorCode: 20152 });
    },
  },
  {
    title: 'a payment with a card the server does not take is refused (400 / 20122)',
    operationId: 'addPayment',
    buys: true,
    needsState: 'a mock does not decrypt the card',
    needs: (s, settings) => (settings.card.number === OTHER_CARD ? 'the test card is the probe card' : needs.certificate(s)),
    async run(t) {
      await t.call({ operationId: 'addPayment', json: paymentBody(t, OTHER_CARD, '123') }, { status: 400, errorCode: 20122 });
    },
  },
  {
    title: 'payment with the test card',
    operationId: 'addPayment',
    buys: true,
    needs: needs.certificate,
    async run(t) {
      await t.call({ operationId: 'addPayment', json: paymentBody(t, t.settings.card.number, t.settings.card.cvv) }, { status: 200 });
    },
  },
  {
    title: 'purchase, following polling',
    operationId: 'purchaseCart',
    buys: true,
    needs: needs.certificate,
    async run(t) {
      const final = await t.callPolling(
        {
          operationId: 'purchaseCart',
          json: { cart_id: t.state.cartId, source_account_id: 'tm-partner-verify' },
          headers: { 'x-tm-force-polling': 'true' },
        },
        { status: 200 },
      );
      const order = final.answer.body as PurchaseResult | undefined;
      if (final.answer.status === 200 && t.problems.length === 0 && order) t.state.orderToken = order.order_token;
    },
  },
  {
    title: 'unredeemed orders',
    operationId: 'listUnredeemedOrders',
    async run(t) {
      const exchange = await t.call({ operationId: 'listUnredeemedOrders', query: { days_from_purchase: '1' } }, { status: 200 });
      const token = t.state.orderToken;
      if (exchange.answer.status !== 200 || token === undefined || t.settings.stateless) return;
      const listed = (exchange.answer.body as { data?: Array<{ order_token?: string }> }).data ?? [];
      if (!listed.some((order) => order.order_token === token)) t.fail('listUnredeemedOrders 200: the order just placed is not listed');
    },
  },
  {
    title: 'unredeemed orders without a day filter are refused (400 / 10002)',
    operationId: 'listUnredeemedOrders',
    needsState: 'the rule "at least one day filter" is not expressible in the document, so a mock does not apply it',
    async run(t) {
      await t.call({ operationId: 'listUnredeemedOrders' }, { status: 400, errorCode: 10002 });
    },
  },
  {
    title: 'delete a cart, following polling',
    operationId: 'deleteCart',
    async run(t) {
      // A purchased cart is the order now; a fresh cart is opened to delete instead.
      let cartId = t.state.orderToken === undefined ? t.state.cartId : undefined;
      if (cartId === undefined) {
        const opened = await t.call({ operationId: 'postCaptchaSolution', json: { token: t.settings.captchaToken } }, { status: 200 });
        const id = (opened.answer.body as { cart_id?: unknown } | undefined)?.cart_id;
        if (typeof id !== 'string') return;
        cartId = id;
      }
      const final = await t.callPolling(
        { operationId: 'deleteCart', query: { cart_id: cartId }, headers: { 'x-tm-force-polling': 'true' } },
        { status: t.settings.stateless ? [204, 202] : 204 },
      );
      if (final.answer.status === 204) t.state.deletedCartId = cartId;
    },
  },
  {
    title: 'a deleted cart is gone (400 / 90003)',
    operationId: 'deleteCart',
    needsState: 'a mock does not remember deleted carts',
    needs: (s) => (s.deletedCartId ? undefined : 'no cart was deleted (see the delete check)'),
    async run(t) {
      await t.callPolling(
        { operationId: 'deleteCart', query: { cart_id: t.state.deletedCartId ?? '' } },
        { status: 400, errorCode: 90003 },
      );
    },
  },
  {
    title: 'an unknown polling URL is 404',
    operationId: 'poll',
    needsState: 'a mock answers every polling path with its example',
    async run(t) {
      await t.call(
        {
          operationId: 'poll',
          pathParams: { poll_path: 'cart-tickets-PUT-00000000000000000000000000000000' },
          query: { cart_id: UNKNOWN_CART },
        },
        { status: 404 },
      );
    },
  },
];

/** Reserves the first ticket type of `eventId` (read from its details) and expects a refusal. */
async function reserveRefused(t: Context, eventId: string, status: number, errorCode: number): Promise<void> {
  const details = await t.call({ operationId: 'retrieveEventDetails', pathParams: { event_id: eventId } }, { status: 200 });
  const ticket = (details.answer.body as EventDetails | undefined)?.event?.tickets?.[0];
  if (details.answer.status !== 200 || !ticket) return;
  await t.callPolling(
    {
      operationId: 'reserveTickets',
      json: {
        cart_id: t.state.cartId,
        event: { id: eventId, tickets: [{ id: ticket.id, quantity: Math.max(1, ticket.quantities.minimum) }] },
      },
    },
    { status, errorCode },
  );
}

function paymentBody(t: Context, cardNumber: string, cvv: string): unknown {
  const { certificate, reserved, cartId } = t.state;
  if (!certificate || !reserved) throw new Error('no certificate or reserved cart');
  const expireYear = new Date().getUTCFullYear() + 2;
  return {
    cart_id: cartId,
    payment: {
      ...SANDBOX_BILLING,
      type: 'CC',
      amount: reserved.cart.totals.unpaid.toFixed(2),
      card: {
        number: encryptCardField(certificate.pem, cardNumber, 'card number'),
        cin: encryptCardField(certificate.pem, cvv, 'security code'),
        encryption_key: certificate.id,
        expire_month: 12,
        expire_year: expireYear,
        postal_code: SANDBOX_BILLING.address.postal_code,
      },
    },
  };
}
