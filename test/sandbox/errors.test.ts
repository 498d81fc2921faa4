import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CARD, SANDBOX_EVENTS, SANDBOX_TICKET_TYPES, startSandbox } from '../../packages/sandbox/src/index.js';
import type { Sandbox } from '../../packages/sandbox/src/index.js';
import {
  alphanumericSalt,
  call,
  cardPayment,
  collectingLogger,
  encryptField,
  expectError,
  getCertificate,
  openCart,
  reserveBody,
  SAFE_START,
} from './helpers.js';
import type { Schemas } from './helpers.js';

const GA = SANDBOX_EVENTS.generalAdmission;
const GA_TYPE = SANDBOX_TICKET_TYPES.generalAdmission;
const log = collectingLogger();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ startTime: SAFE_START, logger: log.logger });
});

afterAll(async () => {
  await sandbox.close();
});

async function heldCart(): Promise<{ cartId: string; certificate: Schemas['Certificate'] }> {
  const cartId = await openCart(sandbox);
  expect((await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]) })).status).toBe(200);
  return { cartId, certificate: await getCertificate(sandbox, cartId) };
}

describe('10002 invalid input', () => {
  it('answers a body that breaks the contract, with the reason in a header and not in the body', async () => {
    const cartId = await openCart(sandbox);
    const answer = await call(sandbox, 'PUT', '/cart/tickets', {
      body: { cart_id: cartId, event: { id: GA, tickets: [{ id: 1, quantity: '2' }] } },
    });
    expectError(answer, 400, 10002);
    expect(answer.json).toEqual({ error: { message: 'Invalid input data type', code: 10002, http_code: 400, severity: 'ERROR' } });
    expect(answer.headers.get('x-sandbox-reason')).toContain('body/event/tickets/0/id must be string');
  });

  it('answers a body that is not JSON, or sent with the wrong media type', async () => {
    expectError(await call(sandbox, 'POST', '/cart', { body: '{"token": ', contentType: 'application/json' }), 400, 10002);
    expectError(await call(sandbox, 'POST', '/cart', { body: 'token=x', contentType: 'text/plain' }), 400, 10002);
  });

  it('answers a missing or malformed True-Client-IP on every ticketing and polling call', async () => {
    const cartId = await openCart(sandbox);
    const calls: Array<[string, string, Parameters<typeof call>[3]]> = [
      ['POST', '/cart', { body: { token: 'sandbox-captcha-token' } }],
      ['PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]) }],
      ['GET', '/certificate', { query: { cart_id: cartId } }],
      ['PUT', '/cart/payment', { body: { cart_id: cartId } }],
      ['PUT', '/cart', { body: { cart_id: cartId, source_account_id: 'x' } }],
      ['DELETE', '/cart', { query: { cart_id: cartId } }],
      ['GET', '/polling/cart-tickets-PUT-00', { query: { cart_id: cartId } }],
    ];
    for (const [method, path, options] of calls) {
      const missing = await call(sandbox, method, path, { ...options, noClientIp: true });
      expect({ path, method, ...codeOf(missing) }).toEqual({ path, method, status: 400, code: 10002 });
      const garbage = await call(sandbox, method, path, { ...options, headers: { 'True-Client-IP': 'not-an-ip' } });
      expect({ path, method, ...codeOf(garbage) }).toEqual({ path, method, status: 400, code: 10002 });
    }
    // Nothing was reserved by the refused calls.
    expect((await call(sandbox, 'DELETE', '/cart', { query: { cart_id: cartId } })).status).toBe(204);
  });

  it.each([
    ['above the ticket type limit', GA_TYPE, 9],
    ['below the minimum', SANDBOX_TICKET_TYPES.tableForTwo, 1],
    ['not a multiple', SANDBOX_TICKET_TYPES.tableForTwo, 3],
    ['zero', GA_TYPE, 0],
    ['fractional', GA_TYPE, 1.5],
  ])('refuses a quantity %s', async (_name, type, quantity) => {
    const cartId = await openCart(sandbox);
    const before = sandbox.inventory(GA);
    expectError(await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: type, quantity }]) }), 400, 10002);
    expect(sandbox.inventory(GA)).toEqual(before);
  });

  it('refuses an exact-quantity ticket type with another quantity, and the event-wide limit', async () => {
    const cartId = await openCart(sandbox);
    const reserved = SANDBOX_EVENTS.reservedSeating;
    expectError(
      await call(sandbox, 'PUT', '/cart/tickets', {
        body: reserveBody(cartId, reserved, [{ id: SANDBOX_TICKET_TYPES.accessible, quantity: 1 }]),
      }),
      400,
      10002,
    );
    expect(
      (
        await call(sandbox, 'PUT', '/cart/tickets', {
          body: reserveBody(cartId, reserved, [{ id: SANDBOX_TICKET_TYPES.accessible, quantity: 2 }]),
        })
      ).status,
    ).toBe(200);
    // 8 + 4 is within each type's limit but above the event's limit of 10.
    const overEvent = reserveBody(cartId, GA, [
      { id: GA_TYPE, quantity: 8 },
      { id: SANDBOX_TICKET_TYPES.meetAndGreet, quantity: 4 },
    ]);
    expectError(await call(sandbox, 'PUT', '/cart/tickets', { body: overEvent }), 400, 10002);
    // The refused reserve left the earlier hold in place.
    expect(sandbox.inventory(reserved)[SANDBOX_TICKET_TYPES.accessible]?.held).toBe(2);
    await call(sandbox, 'DELETE', '/cart', { query: { cart_id: cartId } });
  });

  it('refuses ticket type ids without their leading zeros, unknown events, price levels and areas', async () => {
    const cartId = await openCart(sandbox);
    expectError(await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: '1', quantity: 1 }]) }), 400, 10002);
    expectError(
      await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, '0000000000000000', [{ id: GA_TYPE, quantity: 1 }]) }),
      400,
      10002,
    );
    expectError(
      await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1, price: { id: 99 } }]) }),
      400,
      10002,
    );
    expectError(
      await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }], [7]) }),
      400,
      10002,
    );
  });

  it('refuses payment before a reserve and purchase before payment', async () => {
    const cartId = await openCart(sandbox);
    const certificate = await getCertificate(sandbox, cartId);
    expectError(await call(sandbox, 'PUT', '/cart/payment', { body: cardPayment(cartId, certificate) }), 400, 10002);
    expect((await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]) })).status).toBe(
      200,
    );
    expectError(await call(sandbox, 'PUT', '/cart', { body: { cart_id: cartId, source_account_id: 'x' } }), 400, 10002);
    expect(sandbox.orders()).toHaveLength(0);
    await call(sandbox, 'DELETE', '/cart', { query: { cart_id: cartId } });
  });

  it('refuses undecryptable card data, a bad salt, a foreign encryption key and non-card numbers', async () => {
    const { cartId, certificate } = await heldCart();
    const pay = (card: Parameters<typeof cardPayment>[2]) =>
      call(sandbox, 'PUT', '/cart/payment', { body: cardPayment(cartId, certificate, card) });
    const cases: Array<[string, Parameters<typeof cardPayment>[2]]> = [
      ['clear-text number', { numberCipher: SANDBOX_CARD.number }],
      ['not base64', { numberCipher: '%%%' }],
      ['wrong ciphertext length', { numberCipher: Buffer.alloc(100, 1).toString('base64') }],
      ['encrypted without salt', { numberCipher: encryptField(certificate.value, SANDBOX_CARD.number, '') }],
      ['salt with control characters', { numberCipher: encryptField(certificate.value, SANDBOX_CARD.number, '\u0001'.repeat(16)) }],
      ['security code not digits', { cinCipher: encryptField(certificate.value, 'abc') }],
      ['number failing Luhn', { number: '4588883206000012' }],
      ['another certificate id', { encryptionKey: 'paysys-dev.0.us.3' }],
    ];
    for (const [name, card] of cases) expect({ name, ...codeOf(await pay(card)) }).toEqual({ name, status: 400, code: 10002 });
    // A 17-character salt leaves one salt letter in front of the number after the 16 are cut.
    expectError(await pay({ numberCipher: encryptField(certificate.value, SANDBOX_CARD.number, `${alphanumericSalt()}X`) }), 400, 10002);
    // The same card with a proper salt goes through.
    expect((await pay({ numberCipher: encryptField(certificate.value, SANDBOX_CARD.number, alphanumericSalt()) })).status).toBe(200);
  });

  it('never writes card data into answers or logs', async () => {
    const { cartId, certificate } = await heldCart();
    const answer = await call(sandbox, 'PUT', '/cart/payment', { body: cardPayment(cartId, certificate, { cvv: '999' }) });
    expect(answer.status).toBe(400);
    const everything = [answer.text, [...answer.headers.values()].join(' '), ...log.info, ...log.warn, ...log.error].join('\n');
    expect(everything).not.toContain(SANDBOX_CARD.number);
    expect(everything).not.toContain('999');
  });
});

describe('captcha errors', () => {
  it('10004 for an empty or absent token', async () => {
    expectError(await call(sandbox, 'POST', '/cart', { body: { token: '' } }), 401, 10004);
    expectError(await call(sandbox, 'POST', '/cart', { body: {} }), 401, 10004);
    // A token of the wrong type is a plain input error.
    expectError(await call(sandbox, 'POST', '/cart', { body: { token: 42 } }), 400, 10002);
  });

  it('10031 for a wrong token and for a page token used twice', async () => {
    expectError(await call(sandbox, 'POST', '/cart', { body: { token: '2822b0737710e549a2f74c1e65be19b9' } }), 400, 10031);
    const page = await call(sandbox, 'GET', '/captcha', { noClientIp: true });
    const token = /name="sandbox-captcha-token" content="([^"]+)"/.exec(page.text)?.[1] ?? '';
    expect((await call(sandbox, 'POST', '/cart', { body: { token } })).status).toBe(200);
    expectError(await call(sandbox, 'POST', '/cart', { body: { token } }), 400, 10031);
  });

  it('10031 for a page token older than two minutes', async () => {
    const page = await call(sandbox, 'GET', '/captcha', { noClientIp: true });
    const token = /name="sandbox-captcha-token" content="([^"]+)"/.exec(page.text)?.[1] ?? '';
    sandbox.clock.advance(121_000);
    expectError(await call(sandbox, 'POST', '/cart', { body: { token } }), 400, 10031);
  });
});

describe('reserve errors', () => {
  it('20052 for a sold-out event, without http_code and severity as in the spec', async () => {
    const cartId = await openCart(sandbox);
    const answer = await call(sandbox, 'PUT', '/cart/tickets', {
      body: reserveBody(cartId, SANDBOX_EVENTS.soldOut, [{ id: SANDBOX_TICKET_TYPES.soldOut, quantity: 1 }]),
    });
    expectError(answer, 400, 20052);
    expect(answer.json).toEqual({ error: { message: 'No inventory found to match request', code: 20052 } });
    expect(sandbox.inventory(SANDBOX_EVENTS.soldOut)[SANDBOX_TICKET_TYPES.soldOut]).toEqual({ capacity: 200, sold: 200, held: 0, free: 0 });
  });

  it('20052 when no row has enough adjacent seats', async () => {
    const cartId = await openCart(sandbox);
    // The accessible platform has a single row of 6 seats: three pairs fit, a fourth does not.
    const carts = [cartId, await openCart(sandbox), await openCart(sandbox), await openCart(sandbox)];
    const answers = [];
    for (const id of carts) {
      answers.push(
        await call(sandbox, 'PUT', '/cart/tickets', {
          body: reserveBody(id, SANDBOX_EVENTS.reservedSeating, [{ id: SANDBOX_TICKET_TYPES.accessible, quantity: 2 }]),
        }),
      );
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 400]);
    expectError(answers[3] as (typeof answers)[number], 400, 20052);
    for (const id of carts) await call(sandbox, 'DELETE', '/cart', { query: { cart_id: id } });
  });

  it('403 / 90001 for an event that is not API-transactable', async () => {
    const cartId = await openCart(sandbox);
    const answer = await call(sandbox, 'PUT', '/cart/tickets', {
      body: reserveBody(cartId, SANDBOX_EVENTS.notTransactable, [{ id: SANDBOX_TICKET_TYPES.boxOfficeOnly, quantity: 1 }]),
    });
    expectError(answer, 403, 90001);
    expect((answer.json as Schemas['Error']).error).toMatchObject({ http_code: 403, severity: 'ERROR' });
    const details = await call(sandbox, 'GET', `/event/${SANDBOX_EVENTS.notTransactable}`, { noClientIp: true });
    expect((details.json as Schemas['EventDetails']).api_transactable).toBe(false);
  });
});

describe('payment errors', () => {
  it('20122 for any other Luhn-valid card', async () => {
    const { cartId, certificate } = await heldCart();
    expectError(
      await call(sandbox, 'PUT', '/cart/payment', { body: cardPayment(cartId, certificate, { number: '4111111111111111' }) }),
      400,
      20122,
    );
  });

  it('20152 for the test card with a wrong security code', async () => {
    const { cartId, certificate } = await heldCart();
    expectError(await call(sandbox, 'PUT', '/cart/payment', { body: cardPayment(cartId, certificate, { cvv: '124' }) }), 400, 20152);
    // The refused payment leaves the cart unpaid.
    expectError(await call(sandbox, 'PUT', '/cart', { body: { cart_id: cartId, source_account_id: 'x' } }), 400, 10002);
  });
});

describe('90003 invalid cart', () => {
  it('answers unknown cart ids on every cart call', async () => {
    const unknown = 'bm90LWEtY2FydA==';
    expectError(
      await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(unknown, GA, [{ id: GA_TYPE, quantity: 1 }]) }),
      400,
      90003,
    );
    expectError(await call(sandbox, 'GET', '/certificate', { query: { cart_id: unknown } }), 400, 90003);
    expectError(
      await call(sandbox, 'PUT', '/cart/payment', { body: { ...cardPayment(unknown, { id: 'x', value: sandbox.certificate.pem }) } }),
      400,
      90003,
    );
    expectError(await call(sandbox, 'PUT', '/cart', { body: { cart_id: unknown, source_account_id: 'x' } }), 400, 90003);
    expectError(await call(sandbox, 'DELETE', '/cart', { query: { cart_id: unknown } }), 400, 90003);
  });

  it('answers a cart id that was not URL-encoded in the query string', async () => {
    const cartId = await openCart(sandbox);
    expect(cartId).toContain('+');
    const raw = `${sandbox.baseUrl}/cart?apikey=sandbox-key&cart_id=${cartId}`;
    const answer = await fetch(raw, { method: 'DELETE', headers: { 'True-Client-IP': '198.51.100.23' } });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as Schemas['Error']).error.code).toBe(90003);
    expect((await call(sandbox, 'DELETE', '/cart', { query: { cart_id: cartId } })).status).toBe(204);
  });

  it('answers a deleted cart, and a cart of another API key', async () => {
    const other = await startSandbox({ startTime: SAFE_START, clients: { a: 'x', b: 'y' }, logger: log.logger });
    try {
      const cartId = await openCart(other, { apiKey: 'a' });
      expectError(await call(other, 'DELETE', '/cart', { apiKey: 'b', query: { cart_id: cartId } }), 400, 90003);
      expect((await call(other, 'DELETE', '/cart', { apiKey: 'a', query: { cart_id: cartId } })).status).toBe(204);
      expectError(await call(other, 'DELETE', '/cart', { apiKey: 'a', query: { cart_id: cartId } }), 400, 90003);
    } finally {
      await other.close();
    }
  });
});

describe('other statuses', () => {
  it('404 for an unknown event and for paths outside the API, 405 with Allow for a wrong method', async () => {
    const unknownEvent = await call(sandbox, 'GET', '/event/FFFFFFFFFFFFFFFF', { noClientIp: true });
    expect({ status: unknownEvent.status, body: unknownEvent.text }).toEqual({ status: 404, body: '' });
    expect((await fetch(`${sandbox.origin}/partners/v2/captcha?apikey=sandbox-key`)).status).toBe(404);
    expect((await call(sandbox, 'GET', '/nothing-here')).status).toBe(404);
    const wrongMethod = await call(sandbox, 'PATCH', '/cart');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')?.split(', ').sort()).toEqual(['DELETE', 'POST', 'PUT']);
  });

  it('400 / 10002 for an unredeemed-orders query without any day count, or with a bad one', async () => {
    expectError(await call(sandbox, 'GET', '/orders/unredeemed', { noClientIp: true }), 400, 10002);
    expectError(
      await call(sandbox, 'GET', '/orders/unredeemed', { query: { days_from_purchase: 'thirty' }, noClientIp: true }),
      400,
      10002,
    );
    expectError(await call(sandbox, 'GET', '/orders/unredeemed', { query: { days_before_event: '-1' }, noClientIp: true }), 400, 10002);
  });

  it('sends only statuses the spec documents, and breaks no contract', () => {
    expect(log.warn).toEqual([]);
    expect(sandbox.contractViolations()).toEqual([]);
  });
});

function codeOf(answer: { status: number; json: unknown }): { status: number; code: number | undefined } {
  return { status: answer.status, code: (answer.json as Schemas['Error'] | undefined)?.error?.code };
}
