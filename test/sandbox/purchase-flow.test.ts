import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptCardField } from '../../packages/client/src/encrypt-card.js';
import {
  DEFAULT_API_KEY,
  DEFAULT_CLIENT_SECRET,
  SANDBOX_CARD,
  SANDBOX_EVENTS,
  SANDBOX_TICKET_TYPES,
  startSandbox,
} from '../../packages/sandbox/src/index.js';
import type { Sandbox } from '../../packages/sandbox/src/index.js';
import {
  call,
  callUrl,
  cardPayment,
  collectingLogger,
  expectError,
  getCertificate,
  openCart,
  paidCart,
  reserveBody,
  SAFE_START,
} from './helpers.js';
import type { Schemas } from './helpers.js';

const GA = SANDBOX_EVENTS.generalAdmission;
const log = collectingLogger();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ startTime: SAFE_START, logger: log.logger });
});

afterAll(async () => {
  await sandbox.close();
});

describe('the purchase walkthrough of the spec', () => {
  it('goes from an access token to an unredeemed order, with the effects visible in the inventory', async () => {
    const before = sandbox.inventory(GA)[SANDBOX_TICKET_TYPES.generalAdmission];

    // 1. Access token (client credentials).
    const tokenAnswer = await call(sandbox, 'POST', '/oauth/accesstoken', {
      headers: { Authorization: `Basic ${Buffer.from(`${DEFAULT_API_KEY}:${DEFAULT_CLIENT_SECRET}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
      contentType: 'application/x-www-form-urlencoded',
      noClientIp: true,
    });
    expect(tokenAnswer.status).toBe(200);
    const token = tokenAnswer.json as Schemas['AccessToken'];
    expect(token).toMatchObject({
      token_type: 'BearerToken',
      expires_in: '3599',
      client_id: DEFAULT_API_KEY,
      status: 'approved',
      scope: '',
    });
    expect(token.issued_at).toMatch(/^\d{13}$/);
    const bearer = token.access_token;

    // 2. Event details.
    const event = await call(sandbox, 'GET', `/event/${GA}`, { bearer, noClientIp: true });
    expect(event.status).toBe(200);
    const details = event.json as Schemas['EventDetails'];
    expect(details.api_transactable).toBe(true);
    expect(details.event.venue.location.time_zone).toBe('America/Los_Angeles');
    const gaType = details.event.tickets.find((t) => t.id === SANDBOX_TICKET_TYPES.generalAdmission);
    expect(gaType?.prices.map((p) => p.id)).toEqual([1, 2]);

    // 3. Captcha page: the site key header and a one-time token in the page.
    const page = await call(sandbox, 'GET', '/captcha', { bearer, noClientIp: true });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('x-tm-captcha-v2-sitekey')).toBe('sandbox-recaptcha-site-key');
    expect(page.text).toContain('ticketmaster-g-recaptcha-response://');
    const captchaToken = /name="sandbox-captcha-token" content="([^"]+)"/.exec(page.text)?.[1];
    expect(captchaToken).toBeDefined();

    // 4. Cart from the page's token.
    const session = await call(sandbox, 'POST', '/cart', { bearer, body: { token: captchaToken } });
    expect(session.status).toBe(200);
    const cartId = (session.json as Schemas['CartSession']).cart_id;
    expect(cartId).toMatch(/^[A-Za-z0-9+/]+=$/);

    // 5. Reserve two tickets at price level 2.
    const reserve = await call(sandbox, 'PUT', '/cart/tickets', {
      bearer,
      body: reserveBody(cartId, GA, [{ id: SANDBOX_TICKET_TYPES.generalAdmission, quantity: 2, price: { id: 2 } }]),
    });
    expect(reserve.status).toBe(200);
    const cart = reserve.json as Schemas['CartResponse'];
    expect(cart.cart_id).toBe(cartId);
    expect(cart.cart.hold_time).toBe(299);
    expect(cart.cart.items).toHaveLength(1);
    expect(cart.cart.items[0]?.tickets[0]).toMatchObject({ id: '000000000001', quantity: 2 });
    // Price level 2: 65 face + 8.50 service + 2 facility, twice.
    expect(cart.cart.totals).toMatchObject({ merchandise: 130, fee: 21, grand: 151, unpaid: 151 });
    expect(sandbox.inventory(GA)[SANDBOX_TICKET_TYPES.generalAdmission]).toEqual({
      ...before,
      held: (before?.held ?? 0) + 2,
      free: (before?.free ?? 0) - 2,
    });

    // 6. Certificate: a real X.509 certificate in PEM with CRLF line ends.
    const certificate = await getCertificate(sandbox, cartId);
    expect(certificate.value.startsWith('-----BEGIN CERTIFICATE-----\r\n')).toBe(true);
    expect(certificate.value.endsWith('-----END CERTIFICATE-----\r\n')).toBe(true);
    const x509 = new X509Certificate(certificate.value);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);

    // 7. Payment, encrypted with the client's own encryption code.
    const payment = cardPayment(cartId, certificate, {
      numberCipher: encryptCardField(certificate.value, SANDBOX_CARD.number),
      cinCipher: encryptCardField(certificate.value, SANDBOX_CARD.cvv),
    });
    const paid = await call(sandbox, 'PUT', '/cart/payment', { bearer, body: payment });
    expect(paid.status).toBe(200);
    expect((paid.json as Schemas['PaymentResult']).cart.totals.grand).toBe(151);
    expect(paid.text).not.toContain(SANDBOX_CARD.number);

    // 8. Purchase.
    const purchase = await call(sandbox, 'PUT', '/cart', { bearer, body: { cart_id: cartId, source_account_id: 'member-hash-1' } });
    expect(purchase.status).toBe(200);
    const order = purchase.json as Schemas['PurchaseResult'];
    expect(order.grand_total).toBe(151);
    expect(order.redemption_url).toBe(`${sandbox.origin}/redeem?event_id=${GA}&token=${order.order_token}`);
    expect(order.tm_app_url).toBe(`ticketmaster:///partners/redeem?token=${order.order_token}`);
    expect(sandbox.inventory(GA)[SANDBOX_TICKET_TYPES.generalAdmission]).toEqual({
      ...before,
      sold: (before?.sold ?? 0) + 2,
      free: (before?.free ?? 0) - 2,
    });

    // 9. Unredeemed orders list the order until its redemption link is opened.
    const report = await call(sandbox, 'GET', '/orders/unredeemed', { bearer, query: { days_from_purchase: '30' }, noClientIp: true });
    expect(report.status).toBe(200);
    const listed = (report.json as Schemas['UnredeemedOrders']).data.find((o) => o.order_token === order.order_token);
    expect(listed).toMatchObject({
      event_id: GA,
      order_source_account_id: 'member-hash-1',
      purchase_email_address: 'buyer@example.com',
      email_status: 1,
    });
    expect(listed?.purchase_date_time).toBe(sandbox.orders().find((o) => o.token === order.order_token)?.purchasedAt);

    expect((await callUrl(order.redemption_url)).status).toBe(200);
    const after = await call(sandbox, 'GET', '/orders/unredeemed', { bearer, query: { days_from_purchase: '30' }, noClientIp: true });
    expect((after.json as Schemas['UnredeemedOrders']).data.some((o) => o.order_token === order.order_token)).toBe(false);

    // A purchased cart is closed: a second purchase is refused, deleting it keeps the sale.
    expectError(await call(sandbox, 'PUT', '/cart', { bearer, body: { cart_id: cartId, source_account_id: 'member-hash-1' } }), 400, 90003);
    expect((await call(sandbox, 'DELETE', '/cart', { bearer, query: { cart_id: cartId } })).status).toBe(204);
    expect(sandbox.inventory(GA)[SANDBOX_TICKET_TYPES.generalAdmission]?.sold).toBe((before?.sold ?? 0) + 2);
    expect(sandbox.contractViolations()).toEqual([]);
  });

  it('gives reserved seats with section, row and adjacent seat numbers, honouring price levels and areas', async () => {
    const cartId = await openCart(sandbox);
    const event = SANDBOX_EVENTS.reservedSeating;
    const first = await call(sandbox, 'PUT', '/cart/tickets', {
      body: reserveBody(cartId, event, [{ id: SANDBOX_TICKET_TYPES.reserved, quantity: 3, price: { id: 2 } }]),
    });
    expect(first.status).toBe(200);
    const item = (first.json as Schemas['CartResponse']).cart.items[0];
    expect(item).toMatchObject({ section: 'MEZZ', row: 'A', start_seat_number: '1', end_seat_number: '3', num_seats: 3, event_id: event });

    const other = await openCart(sandbox);
    const second = await call(sandbox, 'PUT', '/cart/tickets', {
      body: reserveBody(other, event, [{ id: SANDBOX_TICKET_TYPES.reserved, quantity: 2 }], [3]),
    });
    expect((second.json as Schemas['CartResponse']).cart.items[0]).toMatchObject({
      section: 'BALC',
      row: 'A',
      start_seat_number: '1',
      end_seat_number: '2',
    });

    // The next buyer at price level 2 gets the seats after the held ones, never the same ones.
    const third = await openCart(sandbox);
    const next = await call(sandbox, 'PUT', '/cart/tickets', {
      body: reserveBody(third, event, [{ id: SANDBOX_TICKET_TYPES.reserved, quantity: 2, price: { id: 2 } }]),
    });
    expect((next.json as Schemas['CartResponse']).cart.items[0]).toMatchObject({
      section: 'MEZZ',
      row: 'A',
      start_seat_number: '4',
      end_seat_number: '5',
    });

    // A second reserve on a cart replaces its hold.
    const again = await call(sandbox, 'PUT', '/cart/tickets', {
      body: reserveBody(cartId, event, [{ id: SANDBOX_TICKET_TYPES.reserved, quantity: 1, price: { id: 1 } }]),
    });
    expect((again.json as Schemas['CartResponse']).cart.items).toHaveLength(1);
    expect((again.json as Schemas['CartResponse']).cart.items[0]).toMatchObject({ section: 'ORCH', num_seats: 1 });
    expect(sandbox.inventory(event)[SANDBOX_TICKET_TYPES.reserved]?.held).toBe(1 + 2 + 2);
    for (const id of [cartId, other, third]) expect((await call(sandbox, 'DELETE', '/cart', { query: { cart_id: id } })).status).toBe(204);
    expect(sandbox.inventory(event)[SANDBOX_TICKET_TYPES.reserved]?.held).toBe(0);
  });

  it('reserves several ticket types in one call and totals them', async () => {
    const cartId = await openCart(sandbox);
    const answer = await call(sandbox, 'PUT', '/cart/tickets', {
      body: reserveBody(cartId, GA, [
        { id: SANDBOX_TICKET_TYPES.generalAdmission, quantity: 1 },
        { id: SANDBOX_TICKET_TYPES.tableForTwo, quantity: 2 },
      ]),
    });
    expect(answer.status).toBe(200);
    const cart = (answer.json as Schemas['CartResponse']).cart;
    expect(cart.items.map((i) => i.tickets[0]?.id)).toEqual(['000000000001', '000000000002']);
    // 45 + 6.50 + 2 for one GA at level 1, and (120 + 12 + 3) x 2 for the table.
    expect(cart.totals.grand).toBe(53.5 + 270);
    expect((await call(sandbox, 'DELETE', '/cart', { query: { cart_id: cartId } })).status).toBe(204);
  });

  it('accepts an invoice payment with a numeric reference', async () => {
    const cartId = await openCart(sandbox);
    await call(sandbox, 'PUT', '/cart/tickets', {
      body: reserveBody(cartId, GA, [{ id: SANDBOX_TICKET_TYPES.generalAdmission, quantity: 1 }]),
    });
    const { card: _card, amount: _amount, ...billing } = cardPayment(cartId, await getCertificate(sandbox, cartId)).payment;
    const invoice = { cart_id: cartId, payment: { ...billing, type: 'INVOICE' as const, reference: '15278303' } };
    expect((await call(sandbox, 'PUT', '/cart/payment', { body: invoice })).status).toBe(200);
    const purchase = await call(sandbox, 'PUT', '/cart', { body: { cart_id: cartId, source_account_id: 'invoice-buyer' } });
    expect(purchase.status).toBe(200);
  });

  it('reports unredeemed orders by purchase age and by event date, with simulated email statuses', async () => {
    const cartId = await paidCart(
      sandbox,
      SANDBOX_EVENTS.reservedSeating,
      [{ id: SANDBOX_TICKET_TYPES.reserved, quantity: 1 }],
      'bounce@example.com',
    );
    const purchase = await call(sandbox, 'PUT', '/cart', { body: { cart_id: cartId, source_account_id: 'src-2' } });
    const token = (purchase.json as Schemas['PurchaseResult']).order_token;
    const find = async (query: Record<string, string>) => {
      const answer = await call(sandbox, 'GET', '/orders/unredeemed', { query, noClientIp: true });
      expect(answer.status).toBe(200);
      return (answer.json as Schemas['UnredeemedOrders']).data.find((o) => o.order_token === token);
    };
    // The reserved-seating event is 20 days after the start day; the order was placed just now.
    expect((await find({ days_before_event: '30' }))?.email_status).toBe(2);
    expect(await find({ days_before_event: '5' })).toBeUndefined();
    expect(await find({ days_from_purchase: '1' })).toBeDefined();
    // Both filters must hold when both are sent.
    expect(await find({ days_from_purchase: '30', days_before_event: '5' })).toBeUndefined();
    // Two days later the order is older than one day, but not than three.
    sandbox.clock.advance(2 * 86_400_000);
    expect(await find({ days_from_purchase: '1' })).toBeUndefined();
    expect(await find({ days_from_purchase: '3' })).toBeDefined();
    // Another API key sees none of this key's orders.
    const foreign = await startSandbox({ startTime: SAFE_START, clients: { other: 'secret' }, logger: log.logger });
    try {
      const answer = await call(foreign, 'GET', '/orders/unredeemed', {
        apiKey: 'other',
        query: { days_from_purchase: '30' },
        noClientIp: true,
      });
      expect((answer.json as Schemas['UnredeemedOrders']).data).toEqual([]);
    } finally {
      await foreign.close();
    }
  });
});
