/**
 * Fault soak: 1,000 calls, a seeded random mix of operations and faults (reset or stall
 * mid-body, malformed JSON, 5xx with and without Retry-After, redirects to another
 * origin, slow headers, odd polling), run concurrently against one loopback API and a
 * foreign server. Every call must settle within a generous bound of its own deadline,
 * with the right result or the right PartnerError; nothing may reach the foreign
 * server, no rejection may go unhandled, and no secret may appear in a log record or
 * anywhere an error shows (message, cause chain, stack, inspect).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  type LogRecord,
  type PartnerClient,
  PartnerApiError,
  type PartnerError,
  PartnerNetworkError,
  PartnerPollingError,
  PartnerResponseError,
  PartnerTimeoutError,
  createPartnerClient,
} from '../../packages/client/src/index.js';
import { handBuiltCertificate, likeTheApiExample, makeKeys } from './certificates.js';
import { CARD, EVENT, PAYMENT as BILLING, USER, cartBody } from './support/client-fixture.js';
import { everythingShown, leaked } from './support/leak-check.js';
import { type Answer, type SeenRequest, route, useScriptedServers } from './support/scripted-server.js';

const serve = useScriptedServers(afterEach);

const SEED = 0x5eed_2026;
const CALLS = 1000;
const CONCURRENCY = 64;
/**
 * Calls planned to stall or to get slow headers go through a client with a tight
 * deadline; every other call through one with a generous deadline, so that a loaded
 * machine (client and server share one event loop here) can make an expected timeout
 * only more likely, never cause an unexpected one.
 */
const TIGHT_TIMEOUT_MS = 300;
const TIMEOUT_MS = 5000;
const MAX_RETRIES = 1;
const MAX_RETRY_DELAY_MS = 20;
/** Far above any deadline: the soak checks that calls settle, not how fast. */
const SLACK_MS = 15_000;

const API_KEY = 'soak-api-key-31c9';
const SECRET = 'soak-client-secret-77ab';
const CERTIFICATE = { id: 'paysys-soak.0.us.1', value: likeTheApiExample(handBuiltCertificate(makeKeys(2048))) };
const PAYMENT = { ...BILLING, amount: '10.00' };

type Operation = 'getEvent' | 'reserve' | 'addPayment' | 'openCart';
type Fault =
  | 'ok'
  | 'reset-once'
  | 'reset'
  | 'stall'
  | 'slow-headers'
  | 'malformed'
  | '5xx-once'
  | '5xx-retry-after-once'
  | '5xx'
  | 'redirect-foreign'
  | 'poll-ok'
  | 'poll-malformed'
  | 'poll-foreign';

/** What a call must end with: the expected data, or an error class (and reason). */
type Expected = { data: unknown } | { error: new (...args: never[]) => PartnerError; reason?: string; status?: number };

const FAULTS: Record<Operation, readonly Fault[]> = {
  getEvent: [
    'ok',
    'reset-once',
    'reset',
    'stall',
    'slow-headers',
    'malformed',
    '5xx-once',
    '5xx-retry-after-once',
    '5xx',
    'redirect-foreign',
  ],
  reserve: ['ok', 'reset-once', 'stall', 'malformed', '5xx-once', 'redirect-foreign', 'poll-ok', 'poll-malformed', 'poll-foreign'],
  addPayment: ['ok', 'reset-once', 'malformed', 'redirect-foreign', '5xx-once'],
  openCart: ['ok', 'slow-headers', 'malformed', 'redirect-foreign', '5xx-retry-after-once'],
};
const OPERATIONS: readonly Operation[] = ['getEvent', 'getEvent', 'getEvent', 'reserve', 'reserve', 'addPayment', 'openCart'];

/** mulberry32: a small seeded PRNG, so a failing mix can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Plan {
  n: number;
  operation: Operation;
  fault: Fault;
  redirectStatus: number;
}

function plan(): Plan[] {
  const random = seeded(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: CALLS }, (_, n) => {
    const operation = pick(OPERATIONS);
    return { n, operation, fault: pick(FAULTS[operation]), redirectStatus: pick([301, 302, 303, 307, 308]) };
  });
}

function eventBody(n: number) {
  return { api_transactable: true, event: { id: `E${n}`, name: `Soak ${n}` } };
}

/** The outcome each planned call must have. */
function expected(p: Plan): Expected {
  // Only GET is repeated after a failure (DELETE and the token call too, but they are not planned here).
  const safe = p.operation === 'getEvent';
  const data =
    p.operation === 'getEvent'
      ? eventBody(p.n)
      : p.operation === 'openCart'
        ? `T${p.n}`
        : p.operation === 'reserve'
          ? cartBody(`C${p.n}`)
          : { cart: cartBody(`C${p.n}`).cart };
  switch (p.fault) {
    case 'ok':
    case 'poll-ok':
      return { data };
    case 'reset-once':
      return safe ? { data } : { error: PartnerNetworkError };
    case 'reset':
      return { error: PartnerNetworkError };
    case 'stall':
    case 'slow-headers':
      return { error: PartnerTimeoutError };
    case 'malformed':
    case 'poll-malformed':
      return { error: PartnerResponseError, reason: 'invalid-json' };
    case '5xx-once':
    case '5xx-retry-after-once':
      return safe ? { data } : { error: PartnerApiError, status: 503 };
    case '5xx':
      return { error: PartnerApiError, status: 503 };
    case 'redirect-foreign':
      return { error: PartnerResponseError, reason: 'redirect' };
    case 'poll-foreign':
      return { error: PartnerPollingError, reason: 'foreign-origin' };
  }
}

/** Whether the call's fault is about time (it goes through the tight client). */
function timing(p: Plan): boolean {
  return p.fault === 'stall' || p.fault === 'slow-headers';
}

/** The longest a call may take: every attempt to its deadline, every backoff, plus slack. */
function bound(p: Plan): number {
  const attempts = p.operation === 'getEvent' ? MAX_RETRIES + 1 : 1;
  // A polling reserve makes a few more requests (polls, a cleanup DELETE), each within its deadline.
  const requests = p.fault.startsWith('poll') ? attempts + 3 : attempts;
  return requests * (timing(p) ? TIGHT_TIMEOUT_MS : TIMEOUT_MS) + attempts * MAX_RETRY_DELAY_MS + SLACK_MS;
}

/** The planned call of a request: the number in its event id, cart id or captcha token. */
function planned(req: SeenRequest, plans: Plan[]): Plan | undefined {
  const fromPath = /\/(?:event|polling)\/[A-Z](\d+)$/.exec(req.path)?.[1];
  let n = fromPath ?? req.query.get('cart_id')?.slice(1);
  if (n === undefined && req.body !== '') {
    const body = JSON.parse(req.body) as { cart_id?: string; token?: string };
    n = (body.cart_id ?? body.token)?.slice(1);
  }
  return n === undefined ? undefined : plans[Number(n)];
}

/** The API: answers each planned call's requests with its fault (some only on the first attempt). */
function soakApi(plans: Plan[], foreignOrigin: string) {
  const seen = new Map<string, number>();
  return (req: SeenRequest, server: { origin: string }): Answer => {
    const r = route(req);
    if (r === 'POST /oauth/accesstoken') return { status: 200, body: { access_token: 'soak-token-1', expires_in: '3599' } };
    if (r === 'GET /certificate') return { status: 200, body: CERTIFICATE };
    const p = planned(req, plans);
    if (!p) return { status: 404 };
    if (r === 'DELETE /cart') return { status: 204 };
    const key = `${r} ${p.n}`;
    const attempt = (seen.get(key) ?? 0) + 1;
    seen.set(key, attempt);
    const polling = r.startsWith('GET /polling/');
    const good: Answer =
      p.operation === 'getEvent'
        ? { status: 200, body: eventBody(p.n), length: true }
        : p.operation === 'openCart'
          ? { status: 200, body: { cart_id: `T${p.n}` } }
          : p.operation === 'reserve'
            ? { status: 200, body: cartBody(`C${p.n}`) }
            : { status: 200, body: { cart: cartBody(`C${p.n}`).cart } };
    const malformed: Answer = {
      status: 200,
      body: `{"cart_id": "C${p.n}", "echo": "apikey=${API_KEY}"`,
      headers: { 'content-type': 'application/json' },
    };
    switch (p.fault) {
      case 'ok':
        return good;
      case 'reset-once':
        return attempt === 1 ? { ...good, length: true, cut: { after: 7, then: 'reset' } } : good;
      case 'reset':
        return { ...good, cut: { after: 7, then: 'reset' } };
      case 'stall':
        return { ...good, cut: { after: 7, then: 'stall' } };
      case 'slow-headers':
        return { ...good, delayMs: TIGHT_TIMEOUT_MS * 3 };
      case 'malformed':
        return malformed;
      case '5xx-once':
        return attempt === 1 ? { status: 503, body: { error: { message: 'busy', code: 503 } } } : good;
      case '5xx-retry-after-once':
        return attempt === 1 ? { status: 503, headers: { 'retry-after': '1' } } : good;
      case '5xx':
        return { status: 503 };
      case 'redirect-foreign':
        return { status: p.redirectStatus, headers: { location: `${foreignOrigin}/partners/v1/take?apikey=${API_KEY}` } };
      case 'poll-ok':
      case 'poll-malformed':
      case 'poll-foreign':
        if (!polling) {
          const base = p.fault === 'poll-foreign' ? foreignOrigin : server.origin;
          return { status: 202, body: { polling_url: `${base}/partners/v1/polling/P${p.n}?cart_id=C${p.n}`, wait: 0 } };
        }
        return p.fault === 'poll-malformed' ? malformed : good;
    }
  };
}

async function runCall(client: PartnerClient, p: Plan): Promise<unknown> {
  switch (p.operation) {
    case 'getEvent':
      return client.getEvent(`E${p.n}`);
    case 'reserve':
      return client.resumeCart(`C${p.n}`, USER).reserve(EVENT);
    case 'addPayment':
      return client.resumeCart(`C${p.n}`, USER).addPayment({ payment: PAYMENT, card: CARD });
    case 'openCart':
      return (await client.openCart({ captchaToken: `T${p.n}`, user: USER })).cartId;
  }
}

describe('fault soak', () => {
  it(`${CALLS} calls with a seeded mix of faults all settle, typed, with nothing sent elsewhere and no secret shown`, async () => {
    const plans = plan();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const foreign = await serve(() => ({ status: 200, body: { stolen: true } }));
      const api = await serve(soakApi(plans, foreign.origin));
      const logs: LogRecord[] = [];
      const clientWith = (timeoutMs: number) =>
        createPartnerClient({
          apiKey: API_KEY,
          clientSecret: SECRET,
          environment: { baseUrl: `${api.origin}/partners/v1` },
          timeoutMs,
          maxRetries: MAX_RETRIES,
          retryDelayMs: 5,
          maxRetryDelayMs: MAX_RETRY_DELAY_MS,
          polling: { minIntervalMs: 1, maxIntervalMs: 5, deadlineMs: 30_000 },
          logger: (record) => logs.push(record),
          logLevel: 'debug',
        });
      const tight = clientWith(TIGHT_TIMEOUT_MS);
      const generous = clientWith(TIMEOUT_MS);

      const outcomes: { p: Plan; ok: boolean; value: unknown; ms: number }[] = [];
      let next = 0;
      const worker = async () => {
        while (next < plans.length) {
          const p = plans[next++] as Plan;
          const started = performance.now();
          try {
            outcomes.push({ p, ok: true, value: await runCall(timing(p) ? tight : generous, p), ms: performance.now() - started });
          } catch (err) {
            outcomes.push({ p, ok: false, value: err, ms: performance.now() - started });
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      // Late rejections (a losing fetch, a stalled body) would surface now.
      await new Promise((resolve) => setTimeout(resolve, 100));

      expect(outcomes).toHaveLength(CALLS);
      const wrong: string[] = [];
      for (const { p, ok, value, ms } of outcomes) {
        const want = expected(p);
        const label = `#${p.n} ${p.operation}/${p.fault}`;
        if (ms > bound(p)) wrong.push(`${label}: took ${Math.round(ms)} ms`);
        if ('data' in want) {
          if (!ok) wrong.push(`${label}: rejected with ${(value as Error)?.name}: ${(value as Error)?.message}`);
          else expect(value, label).toEqual(want.data);
          continue;
        }
        if (ok || !(value instanceof want.error)) {
          wrong.push(
            `${label}: wanted ${want.error.name}, got ${ok ? 'a result' : `${(value as Error)?.name}: ${(value as Error)?.message}`}`,
          );
          continue;
        }
        const error = value as PartnerError & { reason?: string; status?: number };
        if (want.reason !== undefined && error.reason !== want.reason) wrong.push(`${label}: reason ${error.reason}`);
        if (want.status !== undefined && error.status !== want.status) wrong.push(`${label}: status ${error.status}`);
      }
      expect(wrong, `seed ${SEED}`).toEqual([]);

      // Every fault kind of every operation came up.
      const kinds = new Set(plans.map((p) => `${p.operation}/${p.fault}`));
      expect(kinds.size).toBe(Object.values(FAULTS).reduce((sum, list) => sum + list.length, 0));

      expect(foreign.connections).toBe(0);
      expect(foreign.requests).toHaveLength(0);
      expect(unhandled).toEqual([]);

      const secrets = [
        API_KEY,
        SECRET,
        'soak-token-1',
        Buffer.from(`${API_KEY}:${SECRET}`).toString('base64'),
        '4588883206000011',
        '4588 8832 0600 0011',
      ];
      expect(leaked(JSON.stringify(logs), secrets)).toEqual([]);
      const shownByErrors = outcomes.filter((o) => !o.ok).map((o) => everythingShown(o.value));
      expect(shownByErrors.length).toBeGreaterThan(CALLS / 3);
      expect(leaked(shownByErrors.join('\n'), secrets)).toEqual([]);
      // The CVV is four digits and could match by chance elsewhere; it must not follow its field name.
      expect(shownByErrors.join('\n')).not.toMatch(/(?:cvv|cin)\W+8642/i);
      // The cleanups after refused polling URLs went to the API.
      const refusedPolls = plans.filter((p) => p.fault === 'poll-foreign').length;
      expect(api.requests.filter((r) => route(r) === 'DELETE /cart')).toHaveLength(refusedPolls);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 120_000);
});
