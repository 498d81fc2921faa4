/** Builds a client aimed at a scripted server, with recorded, instant waits. */
import { createPartnerClient } from '../../../packages/client/src/index.js';
import type { CardInput, LogRecord, PartnerClientOptions, PaymentDetails } from '../../../packages/client/src/index.js';
import type { ScriptedServer } from './scripted-server.js';

export const API_KEY = 'test-api-key-7f3a';
export const USER = { ip: '203.0.113.9', userId: 'user-42' };
export const EVENT = { id: '3F004CBB88958BF9', tickets: [{ id: '000002040006', quantity: 2 }] };
/** A test card (passes Luhn) and its number's digits. */
export const CARD: CardInput = { number: '4588 8832 0600 0011', cvv: '8642', expireMonth: 12, expireYear: 2031, postalCode: '90210' };
export const CARD_DIGITS = '4588883206000011';
/** Billing details of a CC payment, without an amount (the cart's unpaid total is the default). */
export const PAYMENT: PaymentDetails = {
  first_name: 'John',
  last_name: 'Doe',
  home_phone: '212-867-5309',
  type: 'CC',
  email_address: 'john.doe@example.com',
  address: {
    line1: '123 Main Street',
    line2: '',
    city: 'Los Angeles',
    country: { id: 840 },
    region: { abbrev: 'CA' },
    postal_code: '90210',
  },
};

/** A client on `server` plus what it slept and logged. */
export function clientFor(server: ScriptedServer, options: Partial<PartnerClientOptions> = {}) {
  const sleeps: number[] = [];
  const logs: LogRecord[] = [];
  // Virtual time: sleeping advances the clock instantly.
  const clock = { now: Date.parse('2026-06-01T12:00:00Z') };
  const client = createPartnerClient({
    apiKey: API_KEY,
    environment: { baseUrl: `${server.origin}/partners/v1` },
    now: () => clock.now,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      clock.now += ms;
      if (signal?.aborted) throw signal.reason;
      await new Promise((r) => setImmediate(r));
      if (signal?.aborted) throw signal.reason;
    },
    logger: (record) => logs.push(record),
    logLevel: 'debug',
    ...options,
  });
  return { client, sleeps, logs, clock };
}

/** A documented cart response with the given unpaid total. */
export function cartBody(cartId: string, unpaid = 50) {
  return {
    cart_id: cartId,
    cart: {
      hold_time: 299,
      items: [],
      totals: { delivery: 0, fee: 0, grand: unpaid, merchandise: unpaid, tax: 0, unpaid, upsell: 0 },
    },
  };
}

/** Settles a promise into its rejection (or fails the test when it resolves). */
export async function rejection(pending: Promise<unknown>): Promise<unknown> {
  return pending.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (err: unknown) => err,
  );
}
