import { constants, privateDecrypt } from 'node:crypto';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { PartnerApiError, PartnerValidationError, checkQuantity } from '../../packages/client/src/index.js';
import { handBuiltCertificate, likeTheApiExample, makeKeys } from './certificates.js';
import { API_KEY, CARD, CARD_DIGITS, EVENT, PAYMENT, USER, cartBody, clientFor } from './support/client-fixture.js';
import { type SeenRequest, route, useScriptedServers } from './support/scripted-server.js';

const serve = useScriptedServers(afterEach);

const keys = makeKeys(2048);
const CERTIFICATE = { id: 'paysys-test.0.us.1', value: likeTheApiExample(handBuiltCertificate(keys)) };
const DIGITS = CARD_DIGITS;
const SECRET = 'client-secret-5d1b';
const ORDER = {
  redemption_url: 'https://myorder.example/redeem?token=t1',
  tm_app_url: 'tm:///redeem?token=t1',
  grand_total: 57.39,
  order_token: 't1',
};

/** Opens an RSA PKCS#1 v1.5 block by hand (Node 20 refuses v1.5 private decryption). */
function decrypt(base64: string): string {
  const block = privateDecrypt({ key: keys.privateKey, padding: constants.RSA_NO_PADDING }, Buffer.from(base64, 'base64'));
  expect([block[0], block[1]]).toEqual([0x00, 0x02]);
  return block.subarray(block.indexOf(0x00, 2) + 1).toString('utf8');
}

/** A well-behaved API: captcha → cart, reserve, certificate, payment (decrypting the card), purchase, delete. */
function happyApi(decrypted: string[], issued: { n: number }) {
  return (req: SeenRequest) => {
    switch (route(req)) {
      case 'POST /oauth/accesstoken':
        issued.n++;
        return {
          status: 200,
          body: {
            issued_at: '1',
            scope: '',
            status: 'approved',
            expires_in: '3599',
            token_type: 'BearerToken',
            client_id: API_KEY,
            access_token: `secret-token-${issued.n}`,
          },
        };
      case 'POST /cart':
        return JSON.parse(req.body).token === 'captcha-ok'
          ? { status: 200, body: { cart_id: 'cart/1=' } }
          : { status: 400, body: { error: { message: 'Invalid captcha solution.', code: 10031, http_code: 400, severity: 'ERROR' } } };
      case 'PUT /cart/tickets':
        return { status: 200, body: cartBody('cart/1=', 57.39) };
      case 'GET /certificate':
        return { status: 200, body: CERTIFICATE };
      case 'PUT /cart/payment': {
        const { payment } = JSON.parse(req.body);
        decrypted.push(decrypt(payment.card.number), decrypt(payment.card.cin), payment.card.encryption_key, payment.amount);
        return { status: 200, body: { cart: cartBody('cart/1=', 57.39).cart } };
      }
      case 'PUT /cart':
        return { status: 200, body: ORDER };
      case 'DELETE /cart':
        return { status: 204 };
      default:
        return { status: 404 };
    }
  };
}

describe('cart sessions', () => {
  it('runs the flow: captcha token → cart → reserve → encrypted payment → purchase', async () => {
    const decrypted: string[] = [];
    const server = await serve(happyApi(decrypted, { n: 0 }));
    const { client } = clientFor(server);
    const cart = await client.openCart({ captchaToken: 'captcha-ok', user: USER });
    expect(cart.cartId).toBe('cart/1=');
    const reserved = await cart.reserve(EVENT);
    expect(reserved.cart.totals.unpaid).toBe(57.39);
    await cart.addPayment({ payment: PAYMENT, card: CARD });
    const order = await cart.purchase({ sourceAccountId: 'acct-hash' });
    expect(order.order_token).toBe('t1');
    expect(cart.state).toBe('purchased');

    const [number, cin, keyId, amount] = decrypted;
    expect(number).toMatch(/^[A-Za-z0-9]{16}4588883206000011$/);
    expect(cin).toMatch(/^[A-Za-z0-9]{16}8642$/);
    expect(keyId).toBe(CERTIFICATE.id);
    // The amount defaults to what the cart says is unpaid.
    expect(amount).toBe('57.39');
    // Every ticketing call carried the user's headers; the cart id travelled URL-encoded.
    for (const r of server.requests.slice(0)) {
      expect(r.headers['true-client-ip']).toBe(USER.ip);
      expect(r.headers['original-user-id']).toBe(USER.userId);
    }
    expect(server.requests.find((r) => route(r) === 'GET /certificate')?.query.get('cart_id')).toBe('cart/1=');
  });

  it('fetches the certificate once and reuses it for 24 hours', async () => {
    const server = await serve(happyApi([], { n: 0 }));
    const { client, clock } = clientFor(server);
    const cart = client.resumeCart('cart/1=', USER);
    await cart.getCertificate();
    await cart.addPayment({ payment: { ...PAYMENT, amount: '1.00' }, card: CARD });
    clock.now += 23 * 3_600_000;
    await cart.getCertificate();
    expect(server.requests.filter((r) => route(r) === 'GET /certificate')).toHaveLength(1);
    clock.now += 2 * 3_600_000;
    await cart.getCertificate();
    expect(server.requests.filter((r) => route(r) === 'GET /certificate')).toHaveLength(2);
  });

  it('serialises calls on one cart, while other carts run concurrently', async () => {
    const server = await serve((req) => ({ status: 200, body: cartBody(JSON.parse(req.body).cart_id), delayMs: 40 }));
    const { client } = clientFor(server);
    const a = client.resumeCart('cart-a', USER);
    const sameCart = client.resumeCart('cart-a', USER);
    const b = client.resumeCart('cart-b', USER);
    await Promise.all([a.reserve(EVENT), sameCart.reserve(EVENT), a.reserve(EVENT), b.reserve(EVENT)]);
    const onA = server.requests.filter((r) => JSON.parse(r.body).cart_id === 'cart-a');
    expect(onA.map((r) => r.concurrent)).toEqual([0, expect.any(Number), expect.any(Number)]);
    // Requests on cart-a never overlapped one another; cart-b's overlapped the first one.
    const starts = server.requests.map((r) => JSON.parse(r.body).cart_id);
    expect(starts.slice(0, 2).sort()).toEqual(['cart-a', 'cart-b']);
    expect(onA.every((r) => r.concurrent <= 1)).toBe(true);
  });

  it('deletes an unpurchased cart when an `await using` scope ends', async () => {
    const server = await serve(happyApi([], { n: 0 }));
    const { client } = clientFor(server);
    {
      await using cart = await client.openCart({ captchaToken: 'captcha-ok', user: USER });
      await cart.reserve(EVENT);
    }
    {
      await using bought = await client.openCart({ captchaToken: 'captcha-ok', user: USER });
      await bought.purchase({ sourceAccountId: 'acct' });
    }
    expect(server.requests.map(route)).toEqual(['POST /cart', 'PUT /cart/tickets', 'DELETE /cart', 'POST /cart', 'PUT /cart']);
  });

  it('one-call purchase deletes the cart when a step fails', async () => {
    const server = await serve((req) =>
      route(req) === 'PUT /cart/payment'
        ? { status: 400, body: { error: { message: 'Payment Not Accepted', code: 20122, http_code: 400, severity: 'ERROR' } } }
        : happyApi([], { n: 0 })(req),
    );
    const { client } = clientFor(server);
    const error = await client
      .purchase({ captchaToken: 'captcha-ok', user: USER, event: EVENT, payment: PAYMENT, card: CARD, sourceAccountId: 'acct' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerApiError);
    expect((error as PartnerApiError).isPaymentNotAccepted).toBe(true);
    expect(server.requests.map(route)).toEqual([
      'POST /cart',
      'PUT /cart/tickets',
      'GET /certificate',
      'PUT /cart/payment',
      'DELETE /cart',
    ]);
  });

  it('rejects bad input with a typed error naming the field, before any request', async () => {
    const server = await serve(happyApi([], { n: 0 }));
    const { client } = clientFor(server);
    const field = async (run: () => Promise<unknown>) => {
      const error = await run().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PartnerValidationError);
      return (error as PartnerValidationError).field;
    };
    expect(await field(() => client.openCart({ captchaToken: 'captcha-ok', user: { ip: 'not-an-ip' } }))).toBe('user.ip');
    expect(await field(() => client.openCart({ captchaToken: ' ', user: USER }))).toBe('captchaToken');
    const cart = client.resumeCart('c', USER);
    expect(await field(() => cart.reserve({ id: 'E1', tickets: [] }))).toBe('event.tickets');
    expect(await field(() => cart.reserve({ id: 'E1', tickets: [{ id: 2040006 as unknown as string, quantity: 1 }] }))).toBe(
      'event.tickets[0].id',
    );
    expect(await field(() => cart.reserve({ id: 'E1', tickets: [{ id: '01', quantity: 0 }] }))).toBe('event.tickets[0].quantity');
    expect(
      await field(() => cart.addPayment({ payment: { ...PAYMENT, amount: '1.00' }, card: { ...CARD, number: '4588883206000012' } })),
    ).toBe('payment.card.number');
    expect(await field(() => cart.addPayment({ payment: { ...PAYMENT, amount: '1.00' } }))).toBe('payment.card');
    expect(await field(() => cart.purchase({ sourceAccountId: '' }))).toBe('sourceAccountId');
    // client.purchase checks its whole input with the same checks as the session's steps.
    const flow = { captchaToken: 'captcha-ok', user: USER, event: EVENT, payment: PAYMENT, card: CARD, sourceAccountId: 'acct' };
    expect(await field(() => client.purchase({ ...flow, payment: undefined as unknown as typeof PAYMENT }))).toBe('payment');
    expect(await field(() => client.purchase({ ...flow, card: undefined }))).toBe('payment.card');
    expect(await field(() => client.purchase({ ...flow, sourceAccountId: ' ' }))).toBe('sourceAccountId');
    expect(await field(() => client.listUnredeemedOrders({}))).toBe('daysFromPurchase');
    expect(await field(() => client.getEvent('../x'))).toBe('eventId');
    expect(server.requests).toHaveLength(0);
  });

  it('checks quantities against the ticket rules', () => {
    const ticket = { quantities: { exact: 0, limit: 8, minimum: 2, multiple: 2 } };
    expect(() => checkQuantity(ticket, 4)).not.toThrow();
    for (const bad of [1, 3, 10, 0, 2.5]) expect(() => checkQuantity(ticket, bad)).toThrow(PartnerValidationError);
    expect(() => checkQuantity({ quantities: { exact: 4, limit: 10, minimum: 1, multiple: 1 } }, 3)).toThrow(/exactly 4/);
  });
});

describe('no secrets in logs or errors', () => {
  it('keeps the card, CVV, API key, client secret and token out of every log record and thrown error', async () => {
    const issued = { n: 0 };
    const server = await serve((req) =>
      route(req) === 'PUT /cart'
        ? { status: 400, body: { error: { message: 'Invalid input data type', code: 10002, http_code: 400, severity: 'ERROR' } } }
        : happyApi([], issued)(req),
    );
    const { client, logs } = clientFor(server, { clientSecret: SECRET });
    const error = await client
      .purchase({ captchaToken: 'captcha-ok', user: USER, event: EVENT, payment: PAYMENT, card: CARD, sourceAccountId: 'acct' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerApiError);
    const validation = await client
      .resumeCart('c', USER)
      .addPayment({ payment: { ...PAYMENT, amount: '1.00' }, card: { ...CARD, cvv: '12' } })
      .catch((e: unknown) => e);
    expect(validation).toBeInstanceOf(PartnerValidationError);
    expect(logs.length).toBeGreaterThan(10);
    const text = [
      JSON.stringify(logs),
      inspect(error, { depth: 10 }),
      String((error as Error).stack),
      inspect(validation, { depth: 10 }),
    ].join('\n');
    for (const secret of [DIGITS, '4588 8832 0600 0011', CARD.cvv, API_KEY, SECRET, 'secret-token-1']) {
      expect(text, secret).not.toContain(secret);
    }
    // The key was masked, not dropped: the URLs are still there.
    expect(JSON.stringify(logs)).toContain('apikey=***');
  });
});
