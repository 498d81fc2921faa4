import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_EVENTS, SANDBOX_TICKET_TYPES, startSandbox } from '../../packages/sandbox/src/index.js';
import type { InventoryCount, Sandbox } from '../../packages/sandbox/src/index.js';
import { call, cardPayment, collectingLogger, getCertificate, openCart, reserveBody, SAFE_START } from './helpers.js';
import type { Schemas } from './helpers.js';

const GA = SANDBOX_EVENTS.generalAdmission;
const SMALL = SANDBOX_TICKET_TYPES.meetAndGreet; // capacity 10
const log = collectingLogger();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ startTime: SAFE_START, logger: log.logger });
});

afterAll(() => sandbox.close());

function expectConsistent(count: InventoryCount | undefined): InventoryCount {
  expect(count).toBeDefined();
  const c = count as InventoryCount;
  expect(c.sold + c.held + c.free).toBe(c.capacity);
  for (const n of [c.sold, c.held, c.free]) expect(n).toBeGreaterThanOrEqual(0);
  return c;
}

describe('inventory under concurrent flows', () => {
  it('never oversells when 60 carts race for 10 tickets', async () => {
    const carts = await Promise.all(Array.from({ length: 60 }, () => openCart(sandbox)));
    const quantities = carts.map((_, i) => (i % 4) + 1);
    const answers = await Promise.all(
      carts.map((cartId, i) =>
        call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: SMALL, quantity: quantities[i] ?? 1 }]) }),
      ),
    );
    const won = answers.flatMap((answer, i) => (answer.status === 200 ? [i] : []));
    for (const answer of answers) {
      if (answer.status !== 200) expect((answer.json as Schemas['Error']).error.code).toBe(20052);
    }
    const heldByWinners = won.reduce((sum, i) => sum + (quantities[i] ?? 0), 0);
    const count = expectConsistent(sandbox.inventory(GA)[SMALL]);
    expect(count.held).toBe(heldByWinners);
    expect(count.held).toBeLessThanOrEqual(10);
    expect(won.length).toBeGreaterThan(0);
    // Greedy first-come allocation fills the last tickets with smaller requests.
    expect(count.free).toBe(0);

    // The winners race to buy while the losers retry and the winners' carts are deleted in part.
    const buyers = won.filter((_, n) => n % 2 === 0);
    const quitters = won.filter((_, n) => n % 2 === 1);
    const losers = carts.map((_, i) => i).filter((i) => !won.includes(i));
    await Promise.all([
      ...buyers.map(async (i) => {
        const cartId = carts[i] ?? '';
        const certificate = await getCertificate(sandbox, cartId);
        expect((await call(sandbox, 'PUT', '/cart/payment', { body: cardPayment(cartId, certificate) })).status).toBe(200);
        expect((await call(sandbox, 'PUT', '/cart', { body: { cart_id: cartId, source_account_id: `buyer-${i}` } })).status).toBe(200);
      }),
      ...quitters.map(async (i) =>
        expect((await call(sandbox, 'DELETE', '/cart', { query: { cart_id: carts[i] ?? '' } })).status).toBe(204),
      ),
      ...losers.map((i) =>
        call(sandbox, 'PUT', '/cart/tickets', {
          headers: i % 3 === 0 ? { 'X-TM-FORCE-POLLING': 'true' } : {},
          body: reserveBody(carts[i] ?? '', GA, [{ id: SMALL, quantity: 1 }]),
        }),
      ),
    ]);
    const after = expectConsistent(sandbox.inventory(GA)[SMALL]);
    const sold = buyers.reduce((sum, i) => sum + (quantities[i] ?? 0), 0);
    expect(after.sold).toBe(sold);
    expect(sandbox.orders().filter((o) => o.sourceAccountId.startsWith('buyer-'))).toHaveLength(buyers.length);
    expect(after.held).toBeLessThanOrEqual(10 - sold);

    // Deleting every remaining cart gives back everything that was not sold.
    await Promise.all(carts.map((cartId) => call(sandbox, 'DELETE', '/cart', { query: { cart_id: cartId } })));
    expect(sandbox.inventory(GA)[SMALL]).toEqual({ capacity: 10, sold, held: 0, free: 10 - sold });
    expect(sandbox.contractViolations()).toEqual([]);
  });

  it('never gives the same seat to two carts', async () => {
    const event = SANDBOX_EVENTS.reservedSeating;
    const carts = await Promise.all(Array.from({ length: 40 }, () => openCart(sandbox)));
    const answers = await Promise.all(
      carts.map((cartId, i) =>
        call(sandbox, 'PUT', '/cart/tickets', {
          body: reserveBody(cartId, event, [{ id: SANDBOX_TICKET_TYPES.reserved, quantity: (i % 6) + 1, price: { id: 3 } }]),
        }),
      ),
    );
    const seats = new Set<string>();
    let held = 0;
    for (const answer of answers) {
      if (answer.status !== 200) continue;
      for (const item of (answer.json as Schemas['CartResponse']).cart.items) {
        for (let seat = Number(item.start_seat_number); seat <= Number(item.end_seat_number); seat++) {
          const key = `${item.section}/${item.row}/${seat}`;
          expect(seats.has(key)).toBe(false);
          seats.add(key);
          held++;
        }
      }
    }
    // The balcony (price level 3) has 3 rows of 8 seats.
    expect(held).toBeLessThanOrEqual(24);
    expect(expectConsistent(sandbox.inventory(event)[SANDBOX_TICKET_TYPES.reserved]).held).toBe(held);
    await Promise.all(carts.map((cartId) => call(sandbox, 'DELETE', '/cart', { query: { cart_id: cartId } })));
    expect(sandbox.inventory(event)[SANDBOX_TICKET_TYPES.reserved]?.held).toBe(0);
  });
});
