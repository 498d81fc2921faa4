import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_EVENTS, SANDBOX_TICKET_TYPES, startSandbox } from '../../packages/sandbox/src/index.js';
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
const GA_TYPE = SANDBOX_TICKET_TYPES.generalAdmission;
const log = collectingLogger();

describe('holds on the injected clock', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ startTime: SAFE_START, logger: log.logger, holdSeconds: 120 });
  });
  afterAll(() => sandbox.close());

  it('count down hold_time, then free the tickets and drop the cart when they run out', async () => {
    const before = sandbox.inventory(GA)[GA_TYPE];
    const cartId = await openCart(sandbox);
    const reserve = await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 3 }]) });
    expect((reserve.json as Schemas['CartResponse']).cart.hold_time).toBe(120);
    sandbox.clock.advance(100_000);
    const certificate = await getCertificate(sandbox, cartId);
    expect(certificate.id).toBe(sandbox.certificate.id);
    expect(sandbox.inventory(GA)[GA_TYPE]?.held).toBe((before?.held ?? 0) + 3);

    sandbox.clock.advance(20_000);
    expect(sandbox.inventory(GA)[GA_TYPE]).toEqual(before);
    expectError(await call(sandbox, 'PUT', '/cart', { body: { cart_id: cartId, source_account_id: 'late' } }), 400, 90003);
    expectError(await call(sandbox, 'DELETE', '/cart', { query: { cart_id: cartId } }), 400, 90003);
  });

  it('report the remaining seconds after a payment', async () => {
    const cartId = await openCart(sandbox);
    await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]) });
    sandbox.clock.advance(30_500);
    const paid = await call(sandbox, 'PUT', '/cart/payment', { body: cardPayment(cartId, await getCertificate(sandbox, cartId)) });
    expect((paid.json as Schemas['PaymentResult']).cart.hold_time).toBe(90);
    await call(sandbox, 'DELETE', '/cart', { query: { cart_id: cartId } });
  });

  it('do not expire once purchased', async () => {
    const before = sandbox.inventory(GA)[GA_TYPE];
    const cartId = await paidCart(sandbox, GA, [{ id: GA_TYPE, quantity: 2 }]);
    expect((await call(sandbox, 'PUT', '/cart', { body: { cart_id: cartId, source_account_id: 'keeper' } })).status).toBe(200);
    sandbox.clock.advance(3_600_000);
    expect(sandbox.inventory(GA)[GA_TYPE]).toEqual({ ...before, sold: (before?.sold ?? 0) + 2, free: (before?.free ?? 0) - 2 });
  });

  it('of a polled reserve also expire when nobody polls or deletes', async () => {
    const before = sandbox.inventory(GA)[GA_TYPE];
    const cartId = await openCart(sandbox);
    const answer = await call(sandbox, 'PUT', '/cart/tickets', {
      headers: { 'X-TM-FORCE-POLLING': 'true' },
      body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 2 }]),
    });
    expect(answer.status).toBe(202);
    expect(sandbox.inventory(GA)[GA_TYPE]?.held).toBe((before?.held ?? 0) + 2);
    sandbox.clock.advance(121_000);
    expect(sandbox.inventory(GA)[GA_TYPE]).toEqual(before);
  });
});

describe('nightly maintenance', () => {
  // 09:30 UTC is 02:30 in Los Angeles (PDT, UTC-7) in June, and 05:30 in New York.
  const LA_MAINTENANCE = Date.parse('2026-06-15T09:30:00Z');
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ startTime: SAFE_START, logger: log.logger });
  });
  afterAll(() => sandbox.close());

  it("answers 503 with Retry-After for the venue's 2–3 AM, and only for that venue", async () => {
    const cartId = await openCart(sandbox);
    const pending = await openCart(sandbox);
    await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(pending, GA, [{ id: GA_TYPE, quantity: 1 }]) });
    const polled = await call(sandbox, 'PUT', '/cart/tickets', {
      headers: { 'X-TM-FORCE-POLLING': 'true' },
      body: reserveBody(await openCart(sandbox), GA, [{ id: GA_TYPE, quantity: 1 }]),
    });
    sandbox.clock.set(LA_MAINTENANCE);
    const before = sandbox.inventory(GA);

    const reserve = await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]) });
    expect({ status: reserve.status, body: reserve.text }).toEqual({ status: 503, body: '' });
    expect(reserve.headers.get('retry-after')).toBe(String(30 * 60));
    expect(sandbox.inventory(GA)).toEqual(before);
    // Calls that reach the event's ticketing system through the cart are refused too.
    expect((await call(sandbox, 'GET', '/certificate', { query: { cart_id: pending } })).status).toBe(503);
    expect((await call(sandbox, 'DELETE', '/cart', { query: { cart_id: pending } })).status).toBe(503);
    expect((await callUrl((polled.json as Schemas['PollingResponse']).polling_url)).status).toBe(503);
    // Event details stay readable: clients need them to know the window.
    expect((await call(sandbox, 'GET', `/event/${GA}`)).status).toBe(200);
    // New York is at 05:30: its event sells as usual.
    const ny = await call(sandbox, 'PUT', '/cart/tickets', {
      body: reserveBody(cartId, SANDBOX_EVENTS.reservedSeating, [{ id: SANDBOX_TICKET_TYPES.reserved, quantity: 1 }]),
    });
    expect(ny.status).toBe(200);

    // At 03:00 the window is over (the New York hold has run out by then, so a new cart is needed).
    sandbox.clock.advance(30 * 60 * 1000);
    expect(
      (await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(await openCart(sandbox), GA, [{ id: GA_TYPE, quantity: 1 }]) }))
        .status,
    ).toBe(200);
    expect(sandbox.contractViolations()).toEqual([]);
  });

  it('can be switched off or moved', async () => {
    const off = await startSandbox({ startTime: LA_MAINTENANCE, logger: log.logger, maintenance: false });
    const moved = await startSandbox({
      startTime: Date.parse('2026-06-15T07:10:00Z'),
      logger: log.logger,
      maintenance: { startHour: 0, endHour: 1 },
    });
    try {
      expect(
        (await call(off, 'PUT', '/cart/tickets', { body: reserveBody(await openCart(off), GA, [{ id: GA_TYPE, quantity: 1 }]) })).status,
      ).toBe(200);
      // 07:10 UTC is 00:10 in Los Angeles.
      const answer = await call(moved, 'PUT', '/cart/tickets', {
        body: reserveBody(await openCart(moved), GA, [{ id: GA_TYPE, quantity: 1 }]),
      });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe(String(50 * 60));
    } finally {
      await Promise.all([off.close(), moved.close()]);
    }
  });
});
