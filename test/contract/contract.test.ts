/**
 * Contract suite: the real client (`packages/client/src`) against the OpenAPI document,
 * over real HTTP on loopback.
 *
 * 1. Prism in mock mode serves every documented response of every operation (picked
 *    with `Prefer: code=…, example=…`); the client must turn each into the documented
 *    data or into the right PartnerApiError.
 * 2. Prism in proxy mode (`--errors`) in front of the stateful sandbox: the purchase flow
 *    and every error path the sandbox can produce, each exchange checked by Prism.
 *
 * Every response of both servers is recorded; after each test any `sl-violations`
 * entry (warnings included) or Prism problem+json answer fails it. The coverage table
 * is printed at the end and the last test requires full Prism coverage.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  PartnerApiError,
  PartnerPollingError,
  PartnerValidationError,
  createPartnerClient,
  maintenanceWindow,
} from '../../packages/client/src/index.js';
import type {
  CardInput,
  CartSession,
  EventDetails,
  PartnerClient,
  PartnerClientOptions,
  PaymentDetails,
  PollProgress,
  ReserveEvent,
} from '../../packages/client/src/index.js';
import { startPrism } from '../../packages/mock/src/index.js';
import type { PrismServer } from '../../packages/mock/src/index.js';
import {
  DEFAULT_API_KEY,
  DEFAULT_CAPTCHA_TOKEN,
  DEFAULT_CLIENT_SECRET,
  SANDBOX_BILLING,
  SANDBOX_CARD,
  SANDBOX_EVENTS,
  SANDBOX_TICKET_TYPES,
  startSandbox,
} from '../../packages/sandbox/src/index.js';
import type { Sandbox } from '../../packages/sandbox/src/index.js';
import {
  ExchangeLog,
  OPERATIONS,
  codeOf,
  coverage,
  coverageGaps,
  exampleBody,
  expectApiError,
  formatCoverage,
  headerExample,
  preferFor,
  thrownBy,
  validator,
} from './support.js';
import type { RecordingOptions, ResponseVariant } from './support.js';

const log = new ExchangeLog();
let prism: PrismServer;
let proxy: PrismServer;
let sandbox: Sandbox;
const sandboxMessages: string[] = [];

/** A time at which no sandbox venue is in its 02:00–03:00 maintenance hour (LA 11:00, London 19:00). */
const SAFE_START = Date.parse('2026-06-15T18:00:00Z');
/** 02:30 in Los Angeles (PDT) on the same day: the general-admission venue is in maintenance. */
const LA_MAINTENANCE = Date.parse('2026-06-15T09:30:00Z');

const USER = { ip: '198.51.100.23', userId: 'contract-user' };
const BILLING = SANDBOX_BILLING;
const INVOICE: PaymentDetails = { ...BILLING, type: 'INVOICE', reference: '15278303' };
const CC: PaymentDetails = { ...BILLING, type: 'CC' };
const CARD: CardInput = {
  number: SANDBOX_CARD.number,
  cvv: SANDBOX_CARD.cvv,
  expireMonth: 12,
  expireYear: new Date().getUTCFullYear() + 3,
  postalCode: '90210',
};

beforeAll(async () => {
  // Both Prisms start at once; the proxy needs the sandbox's URL, the sandbox the proxy's.
  const started = await Promise.allSettled([
    startPrism(),
    (async () => {
      sandbox = await startSandbox({
        startTime: SAFE_START,
        pollingWaitSeconds: 0,
        pendingPolls: 1,
        logger: { warn: (m) => sandboxMessages.push(`warn: ${m}`), error: (m) => sandboxMessages.push(`error: ${m}`) },
      });
      proxy = await startPrism({ mode: 'proxy', upstream: sandbox.baseUrl });
      sandbox.setPublicBaseUrl(proxy.url);
    })(),
  ]);
  if (started[0].status === 'fulfilled') prism = started[0].value;
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}, 60_000);

afterAll(async () => {
  if (log.entries.length > 0)
    console.log(`\nContract coverage (statuses seen, per operation):\n${formatCoverage(coverage(log.entries))}\n`);
  await Promise.all([prism?.close(), proxy?.close()]);
  await sandbox?.close();
});

afterEach(() => log.assertClean());

// ===========================================================================
// 1. Prism, mock mode

const EXAMPLE_EVENT = exampleBody('retrieveEventDetails', 200) as EventDetails;
const EXAMPLE_CART_ID = (exampleBody('postCaptchaSolution', 200) as { cart_id: string }).cart_id;
const EXAMPLE_RESERVE: ReserveEvent = {
  id: EXAMPLE_EVENT.event.id,
  tickets: [{ id: EXAMPLE_EVENT.event.tickets[0]?.id ?? '', quantity: 2 }],
};
/** One path segment, as OpenAPI tools match `/polling/{poll_path}`. */
const POLL_PATH = 'cart-tickets-PUT-00000001080E06000000006BB7C4A8C0';
const POLLING_OPERATIONS = new Set(['reserveTickets', 'purchaseCart', 'deleteCart']);

/**
 * `getAccessToken` and `poll` have no method of their own (the client calls them itself):
 * they go through `client.raw`, and an error answer is read into a PartnerApiError the
 * way the client reads every other answer (status, parsed body, headers).
 */
async function viaRaw<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T | undefined> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new PartnerApiError(response.status, error, response.headers);
  return data;
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function tokenCall(client: PartnerClient, apiKey: string, secret: string) {
  return viaRaw(
    client.raw.POST('/oauth/accesstoken', {
      body: { grant_type: 'client_credentials' },
      headers: { authorization: basic(apiKey, secret), 'content-type': 'application/x-www-form-urlencoded' },
    }),
  );
}

function pollCall(client: PartnerClient, pollPath: string, cartId: string) {
  return viaRaw(
    client.raw.GET('/polling/{poll_path}', {
      params: { path: { poll_path: pollPath }, query: { cart_id: cartId }, header: { 'True-Client-IP': USER.ip } },
      headers: { 'True-Client-IP': USER.ip },
    }),
  );
}

/** How the client reaches each operation of the document. */
const CALLS: Record<string, (client: PartnerClient) => Promise<unknown>> = {
  getAccessToken: (c) => tokenCall(c, 'contract-key', 'contract-secret'),
  retrieveEventDetails: (c) => c.getEvent(EXAMPLE_EVENT.event.id),
  getCaptchaPage: (c) => c.getCaptchaPage(),
  postCaptchaSolution: (c) => c.openCart({ captchaToken: '2822b0737710e549a2f74c1e65be19b9', user: USER }),
  reserveTickets: (c) => c.resumeCart(EXAMPLE_CART_ID, USER).reserve(EXAMPLE_RESERVE),
  getEncryptionCertificate: (c) => c.resumeCart(EXAMPLE_CART_ID, USER).getCertificate(),
  addPayment: (c) => c.resumeCart(EXAMPLE_CART_ID, USER).addPayment({ payment: INVOICE }),
  purchaseCart: (c) => c.resumeCart(EXAMPLE_CART_ID, USER).purchase({ sourceAccountId: 'hash-of-contract-user' }),
  deleteCart: async (c) => {
    const cart = c.resumeCart(EXAMPLE_CART_ID, USER);
    await cart.delete();
    return cart;
  },
  listUnredeemedOrders: (c) => c.listUnredeemedOrders({ daysFromPurchase: 30 }),
  poll: (c) => pollCall(c, POLL_PATH, EXAMPLE_CART_ID),
};

/** Asserts that the client returned the documented success answer. */
function expectSuccess(operationId: string, variant: ResponseVariant, result: unknown): void {
  switch (operationId) {
    case 'getCaptchaPage': {
      const page = result as { html: string; siteKey: string | undefined };
      expect(page.html).toContain('class="g-recaptcha"');
      expect(page.siteKey).toBe(headerExample('/captcha', 'get', 200, 'X-TM-CAPTCHA-V2-SITEKEY'));
      return;
    }
    case 'postCaptchaSolution': {
      const cart = result as CartSession;
      expect({ cartId: cart.cartId, state: cart.state }).toEqual({ cartId: EXAMPLE_CART_ID, state: 'open' });
      return;
    }
    case 'deleteCart':
      expect((result as CartSession).state).toBe('deleted');
      return;
    default:
      // The client hands the body over unchanged, and it has the documented shape.
      expect(result).toEqual(variant.body);
      if (result !== undefined) {
        expect(
          validator.validateResponse(operationId, { status: variant.status, headers: {}, mediaType: 'application/json', body: result })
            .problems,
        ).toEqual([]);
      }
  }
}

describe('the client against Prism (mock mode): every documented response of every operation', () => {
  let prefer: string | undefined;
  let client: PartnerClient;
  // A fresh client per case: the certificate it caches for 24 hours would hide later answers.
  beforeEach(() => {
    client = createPartnerClient({
      apiKey: 'contract-key',
      environment: { baseUrl: prism.url },
      fetch: log.fetchFor('prism', { prefer: () => prefer }),
      maxRetries: 0,
    });
  });
  afterEach(() => {
    prefer = undefined;
  });

  it('has a call for every operation of the document', () => {
    expect(Object.keys(CALLS).sort()).toEqual(OPERATIONS.map((op) => op.operationId).sort());
    expect(OPERATIONS).toHaveLength(11);
  });

  for (const op of OPERATIONS) {
    for (const variant of op.success) {
      const title = `${op.operationId} [${preferFor(variant)}]`;
      if (variant.status === 202 && POLLING_OPERATIONS.has(op.operationId)) {
        it(`${title}: refuses the documented polling URL on another origin, sending nothing there`, async () => {
          const foreign = new URL((variant.body as { polling_url: string }).polling_url);
          expect(foreign.hostname).toBe('app.ticketmaster.com');
          prefer = preferFor(variant);
          const mark = log.mark();
          const error = await thrownBy(() => CALLS[op.operationId]!(client));
          expect(error).toBeInstanceOf(PartnerPollingError);
          expect((error as PartnerPollingError).reason).toBe('foreign-origin');
          expect((error as PartnerPollingError).attempts).toBe(0);
          const sent = log.since(mark);
          const host = new URL(prism.url).host;
          // The reservation may be held: a cart call that stops polling deletes the cart, on the API's own origin.
          const cleanup = op.operationId === 'deleteCart' ? [] : [`${host} deleteCart 202`];
          expect(sent.map((e) => `${e.url.host} ${e.operationId} ${e.status}`)).toEqual([`${host} ${op.operationId} 202`, ...cleanup]);
        });
        continue;
      }
      it(`${title}: returns the documented answer`, async () => {
        prefer = preferFor(variant);
        const mark = log.mark();
        const result = await CALLS[op.operationId]!(client);
        expect(log.since(mark).map((e) => `${e.operationId} ${e.status}`)).toEqual([`${op.operationId} ${variant.status}`]);
        expectSuccess(op.operationId, variant, result);
      });
    }
    for (const variant of op.errors) {
      const code = codeOf(variant.body);
      it(`${op.operationId} [${preferFor(variant)}]: throws PartnerApiError ${variant.status}${code === undefined ? '' : ` / ${code}`}`, async () => {
        prefer = preferFor(variant);
        const mark = log.mark();
        const error = await thrownBy(() => CALLS[op.operationId]!(client));
        expectApiError(error, variant.status, code, op.operationId);
        // maxRetries is 0: one request, even for a 5xx on a GET.
        expect(log.since(mark).map((e) => `${e.operationId} ${e.status}`)).toEqual([`${op.operationId} ${variant.status}`]);
      });
    }
  }

  it('pays by card with the documented certificate, and never sends card data when a certificate cannot be read', async () => {
    const certificate = exampleBody('getEncryptionCertificate', 200) as { value: string };
    let parses = true;
    try {
      new X509Certificate(certificate.value);
    } catch {
      parses = false;
    }
    prefer = 'code=200';
    const mark = log.mark();
    const cart = client.resumeCart(EXAMPLE_CART_ID, USER);
    const attempt = cart.addPayment({ payment: { ...CC, amount: '69.00' }, card: CARD });
    if (parses) {
      await expect(attempt).resolves.toEqual(exampleBody('addPayment', 200));
    } else {
      // Spec bug: the example's base64 is cut short, so no client can encrypt with it.
      const error = await thrownBy(() => attempt);
      expect(error).toBeInstanceOf(PartnerValidationError);
      expect((error as PartnerValidationError).field).toBe('certificate');
      expect(log.since(mark).map((e) => `${e.operationId} ${e.status}`)).toEqual(['getEncryptionCertificate 200']);
    }
  });

  // A base URL without a path (Prism serves at its root) must still give `/oauth/accesstoken`.
  it('with a client secret, fetches the token from the same base URL first', async () => {
    prefer = 'code=200';
    const secretClient = createPartnerClient({
      apiKey: 'contract-key',
      clientSecret: 'contract-secret',
      environment: { baseUrl: prism.url },
      fetch: log.fetchFor('prism', { prefer: () => prefer }),
      maxRetries: 0,
    });
    const mark = log.mark();
    await secretClient.getEvent(EXAMPLE_EVENT.event.id);
    expect(log.since(mark).map((e) => `${e.operationId} ${e.authorization}`)).toEqual([
      'getAccessToken Basic',
      'retrieveEventDetails Bearer',
    ]);
  });
});

// ===========================================================================
// 2. Prism, proxy mode, in front of the sandbox

const GA = SANDBOX_EVENTS.generalAdmission;
const GA_TYPE = SANDBOX_TICKET_TYPES.generalAdmission;
const GA_TICKETS: ReserveEvent = { id: GA, tickets: [{ id: GA_TYPE, quantity: 2 }] };

describe('the client through Prism (proxy mode, --errors) in front of the sandbox', () => {
  /** A client for the sandbox through the proxy: no retries, polls without a floor (the sandbox says wait 0). */
  function sandboxClient(options: Partial<PartnerClientOptions> = {}, recording: RecordingOptions = {}): PartnerClient {
    return createPartnerClient({
      apiKey: DEFAULT_API_KEY,
      environment: { baseUrl: proxy.url },
      maxRetries: 0,
      ...options,
      fetch: log.fetchFor('sandbox', recording),
      polling: { minIntervalMs: 0, maxAttempts: 5, ...options.polling },
    });
  }
  const statuses = (mark: number) => log.since(mark).map((e) => `${e.operationId} ${e.status}`);
  const gaCount = () => sandbox.inventory(GA)[GA_TYPE]!;

  afterEach(() => {
    sandbox.clock.set(SAFE_START);
  });

  it('buys with forced polling: captcha page, cart, reserve and purchase polled through Prism, certificate, encrypted card', async () => {
    const polls: PollProgress[] = [];
    const client = sandboxClient({ polling: { forcePolling: true, onPoll: (p) => polls.push(p) } });
    const mark = log.mark();
    const before = gaCount();

    const details = await client.getEvent(GA);
    expect(details.api_transactable).toBe(true);
    expect(details.event.venue.location.time_zone).toBe('America/Los_Angeles');
    const page = await client.getCaptchaPage();
    expect(page.siteKey).toBe('sandbox-recaptcha-site-key');
    // The page sends the web view to ticketmaster-g-recaptcha-response://<token>; it solves itself.
    const token = /callback\("([^"]+)"\)/.exec(page.html)?.[1];
    expect(token).toMatch(/\S+/);

    const cart = await client.openCart({ captchaToken: token!, user: USER });
    const reserved = await cart.reserve(GA_TICKETS);
    expect(reserved.cart_id).toBe(cart.cartId);
    expect(reserved.cart.items.reduce((n, item) => n + item.num_seats, 0)).toBe(2);
    expect(gaCount()).toEqual({ ...before, held: before.held + 2, free: before.free - 2 });
    const certificate = await cart.getCertificate();
    expect(certificate.id).toBe(sandbox.certificate.id);
    const paid = await cart.addPayment({ payment: CC, card: CARD });
    expect(paid.cart.totals.unpaid).toBe(reserved.cart.totals.unpaid);
    const order = await cart.purchase({ sourceAccountId: 'hash-of-contract-user' });
    expect(cart.state).toBe('purchased');
    expect(sandbox.orders().map((o) => o.token)).toContain(order.order_token);
    expect(new URL(order.redemption_url).searchParams.get('token')).toBe(order.order_token);
    expect(gaCount()).toEqual({ ...before, sold: before.sold + 2, free: before.free - 2 });

    expect(statuses(mark)).toEqual([
      'retrieveEventDetails 200',
      'getCaptchaPage 200',
      'postCaptchaSolution 200',
      'reserveTickets 202',
      'poll 202',
      'poll 200',
      'getEncryptionCertificate 200',
      'addPayment 200',
      'purchaseCart 202',
      'poll 202',
      'poll 200',
    ]);
    // Every request, polls included, went to Prism: polling URLs are on the client's origin.
    expect([...new Set(log.since(mark).map((e) => e.url.origin))]).toEqual([proxy.url]);
    expect(
      log
        .since(mark)
        .filter((e) => e.operationId === 'reserveTickets' || e.operationId === 'purchaseCart')
        .every((e) => e.forcedPolling),
    ).toBe(true);
    expect(polls.map((p) => `${p.attempt}:${p.waitMs}`)).toEqual(['1:0', '2:0', '1:0', '2:0']);
    // onPoll sees the URL with its API key masked.
    expect(polls.every((p) => !p.url.includes(DEFAULT_API_KEY))).toBe(true);
  });

  // Payment is "Polling: No" and does not declare the header (Prism would not flag it).
  it('sends X-TM-FORCE-POLLING only on "Polling: Yes" operations', async () => {
    const client = sandboxClient({ polling: { forcePolling: true } });
    const mark = log.mark();
    await client.purchase({
      captchaToken: DEFAULT_CAPTCHA_TOKEN,
      user: USER,
      event: GA_TICKETS,
      payment: CC,
      card: CARD,
      sourceAccountId: 'hash-forced',
    });
    const forced = log
      .since(mark)
      .filter((e) => e.forcedPolling)
      .map((e) => e.operationId);
    expect(forced).toEqual(['reserveTickets', 'purchaseCart']);
  });

  it('buys in one call without polling; the order is unredeemed until its redemption URL is opened', async () => {
    const client = sandboxClient();
    const mark = log.mark();
    const result = await client.purchase({
      captchaToken: DEFAULT_CAPTCHA_TOKEN,
      user: USER,
      event: GA_TICKETS,
      payment: CC,
      card: CARD,
      sourceAccountId: 'hash-2',
    });
    expect(statuses(mark)).toEqual([
      'postCaptchaSolution 200',
      'reserveTickets 200',
      'getEncryptionCertificate 200',
      'addPayment 200',
      'purchaseCart 200',
    ]);
    const token = result.order.order_token;

    const listed = await client.listUnredeemedOrders({ daysFromPurchase: 1 });
    expect(listed.data.find((o) => o.order_token === token)).toMatchObject({
      event_id: GA,
      order_source_account_id: 'hash-2',
      purchase_email_address: BILLING.email_address,
    });
    // The redemption page is outside the API: straight to the sandbox.
    expect((await fetch(result.order.redemption_url)).status).toBe(200);
    const after = await client.listUnredeemedOrders({ daysFromPurchase: 1, daysBeforeEvent: 30 });
    expect(after.data.map((o) => o.order_token)).not.toContain(token);
  });

  it('deletes a cart with forced polling (202, polls, 204): its tickets go back on sale; deleting again sends nothing', async () => {
    const client = sandboxClient({ polling: { forcePolling: true } });
    const before = gaCount();
    const cart = await client.openCart({ captchaToken: DEFAULT_CAPTCHA_TOKEN, user: USER });
    await cart.reserve(GA_TICKETS);
    const mark = log.mark();
    await cart.delete();
    expect(cart.state).toBe('deleted');
    expect(statuses(mark)).toEqual(['deleteCart 202', 'poll 202', 'poll 204']);
    expect(gaCount()).toEqual(before);
    await cart.delete();
    expect(log.mark()).toBe(mark + 3);
  });

  it('refuses a wrong captcha token (400 / 10031) and a missing one (401 / 10004)', async () => {
    const client = sandboxClient();
    expectApiError(await thrownBy(() => client.openCart({ captchaToken: 'not-the-solution', user: USER })), 400, 10031);
    // The client will not send an empty token at all…
    const mark = log.mark();
    const refused = await thrownBy(() => client.openCart({ captchaToken: '  ', user: USER }));
    expect(refused).toBeInstanceOf(PartnerValidationError);
    expect((refused as PartnerValidationError).field).toBe('captchaToken');
    expect(log.mark()).toBe(mark);
    // …so the API's own answer to one is read through client.raw.
    const raw = await client.raw.POST('/cart', {
      params: { header: { 'True-Client-IP': USER.ip } },
      headers: { 'True-Client-IP': USER.ip },
      body: { token: '' },
    });
    expectApiError(new PartnerApiError(raw.response.status, raw.error, raw.response.headers), 401, 10004);
  });

  it('reports a sold-out event (400 / 20052), directly and as the final answer of a poll, and cleans up its carts', async () => {
    const soldOut: ReserveEvent = { id: SANDBOX_EVENTS.soldOut, tickets: [{ id: SANDBOX_TICKET_TYPES.soldOut, quantity: 1 }] };
    const carts = sandbox.cartCount();
    const client = sandboxClient();
    const mark = log.mark();
    const direct = await thrownBy(() =>
      client.purchase({
        captchaToken: DEFAULT_CAPTCHA_TOKEN,
        user: USER,
        event: soldOut,
        payment: CC,
        card: CARD,
        sourceAccountId: 'hash-3',
      }),
    );
    expectApiError(direct, 400, 20052);
    // The one-call purchase deleted the cart it opened.
    expect(statuses(mark)).toEqual(['postCaptchaSolution 200', 'reserveTickets 400', 'deleteCart 204']);

    const forced = sandboxClient({ polling: { forcePolling: true } });
    const cart = await forced.openCart({ captchaToken: DEFAULT_CAPTCHA_TOKEN, user: USER });
    const polledMark = log.mark();
    expectApiError(await thrownBy(() => cart.reserve(soldOut)), 400, 20052);
    expect(statuses(polledMark)).toEqual(['reserveTickets 202', 'poll 202', 'poll 400']);
    await cart.delete();
    expect(sandbox.cartCount()).toBe(carts);
    expect(sandbox.inventory(SANDBOX_EVENTS.soldOut)[SANDBOX_TICKET_TYPES.soldOut]).toEqual({ capacity: 200, sold: 200, held: 0, free: 0 });
  });

  it('reports an event that cannot be sold through the API (403 / 90001), directly and through polling', async () => {
    const event: ReserveEvent = { id: SANDBOX_EVENTS.notTransactable, tickets: [{ id: SANDBOX_TICKET_TYPES.boxOfficeOnly, quantity: 1 }] };
    const client = sandboxClient();
    expect((await client.getEvent(event.id)).api_transactable).toBe(false);
    await using cart = await client.openCart({ captchaToken: DEFAULT_CAPTCHA_TOKEN, user: USER });
    expectApiError(await thrownBy(() => cart.reserve(event)), 403, 90001);
    const mark = log.mark();
    expectApiError(await thrownBy(() => cart.reserve(event, { polling: { forcePolling: true } })), 403, 90001);
    expect(statuses(mark)).toEqual(['reserveTickets 202', 'poll 202', 'poll 403']);
  });

  it('reports a declined card (400 / 20122) and a wrong security code (400 / 20152)', async () => {
    const client = sandboxClient();
    const carts = sandbox.cartCount();
    {
      await using cart = await client.openCart({ captchaToken: DEFAULT_CAPTCHA_TOKEN, user: USER });
      await cart.reserve(GA_TICKETS);
      expectApiError(await thrownBy(() => cart.addPayment({ payment: CC, card: { ...CARD, number: '4111 1111 1111 1111' } })), 400, 20122);
      expectApiError(await thrownBy(() => cart.addPayment({ payment: CC, card: { ...CARD, cvv: '999' } })), 400, 20152);
      // The right card still works on the same cart afterwards.
      await expect(cart.addPayment({ payment: CC, card: CARD })).resolves.toMatchObject({
        cart: { items: [expect.objectContaining({ num_seats: 2 })] },
      });
    }
    // `await using` deleted the unpurchased cart.
    expect(sandbox.cartCount()).toBe(carts);
  });

  it('reports invalid input (400 / 10002) and an unknown event (404)', async () => {
    const client = sandboxClient();
    await using cart = await client.openCart({ captchaToken: DEFAULT_CAPTCHA_TOKEN, user: USER });
    expectApiError(await thrownBy(() => cart.reserve({ id: 'FFFF0000FFFF0000', tickets: [{ id: GA_TYPE, quantity: 1 }] })), 400, 10002);
    expectApiError(await thrownBy(() => client.getEvent('FFFF0000FFFF0000')), 404, undefined);
    // The client requires a day count before sending; the API's own answer comes through client.raw.
    await expect(client.listUnredeemedOrders({})).rejects.toBeInstanceOf(PartnerValidationError);
    const raw = await client.raw.GET('/orders/unredeemed', { params: { query: {} } });
    expectApiError(new PartnerApiError(raw.response.status, raw.error, raw.response.headers), 400, 10002);
  });

  it('reports an unknown API key (401 oauth.v2.InvalidApiKey) on every kind of call', async () => {
    const client = sandboxClient({ apiKey: 'not-a-sandbox-key' });
    const mark = log.mark();
    for (const call of [
      () => client.getEvent(GA),
      () => client.getCaptchaPage(),
      () => client.openCart({ captchaToken: DEFAULT_CAPTCHA_TOKEN, user: USER }),
    ]) {
      expectApiError(await thrownBy(call), 401, 'oauth.v2.InvalidApiKey');
    }
    expect(statuses(mark)).toEqual(['retrieveEventDetails 401', 'getCaptchaPage 401', 'postCaptchaSolution 401']);
  });

  it('issues tokens through Prism, refuses a wrong secret, and answers a bogus or expired token with oauth.v2.InvalidAccessToken', async () => {
    const client = sandboxClient();
    const token = (await tokenCall(client, DEFAULT_API_KEY, DEFAULT_CLIENT_SECRET)) as {
      access_token: string;
      expires_in: string;
      token_type: string;
    };
    expect(token).toMatchObject({ token_type: 'BearerToken', expires_in: '3599', client_id: DEFAULT_API_KEY });
    expectApiError(await thrownBy(() => tokenCall(client, DEFAULT_API_KEY, 'wrong-secret')), 401, 'oauth.v2.InvalidClientIdentifier');

    // The bearer is added outside the client (see the client bug in the Prism part).
    const withToken = sandboxClient({}, { headers: { authorization: `Bearer ${token.access_token}` } });
    const mark = log.mark();
    await expect(withToken.getEvent(GA)).resolves.toMatchObject({ api_transactable: true });
    sandbox.clock.advance(3600 * 1000);
    expectApiError(await thrownBy(() => withToken.getEvent(GA)), 401, 'oauth.v2.InvalidAccessToken');
    const bogus = sandboxClient({}, { headers: { authorization: 'Bearer not-a-token' } });
    expectApiError(await thrownBy(() => bogus.getCaptchaPage()), 401, 'oauth.v2.InvalidAccessToken');
    expect(log.since(mark).map((e) => `${e.operationId} ${e.status} ${e.authorization}`)).toEqual([
      'retrieveEventDetails 200 Bearer',
      'retrieveEventDetails 401 Bearer',
      'getCaptchaPage 401 Bearer',
    ]);
  });

  it('renews an expired token once and carries on (straight to the sandbox: through Prism the token URL hits the client bug)', async () => {
    const client = createPartnerClient({
      apiKey: DEFAULT_API_KEY,
      clientSecret: DEFAULT_CLIENT_SECRET,
      environment: { baseUrl: sandbox.baseUrl },
      maxRetries: 0,
    });
    const issued = sandbox.tokensIssued();
    await client.getEvent(GA);
    expect(sandbox.tokensIssued()).toBe(issued + 1);
    sandbox.clock.advance(3600 * 1000);
    await expect(client.getEvent(GA)).resolves.toMatchObject({ api_transactable: true });
    expect(sandbox.tokensIssued()).toBe(issued + 2);
  });

  it('reports an unknown or deleted cart (400 / 90003) on every cart operation', async () => {
    const client = sandboxClient();
    const ghost = client.resumeCart('bm90LWEtY2FydA+/=', USER);
    const mark = log.mark();
    expectApiError(await thrownBy(() => ghost.reserve(GA_TICKETS)), 400, 90003);
    expectApiError(await thrownBy(() => ghost.getCertificate()), 400, 90003);
    expectApiError(await thrownBy(() => ghost.addPayment({ payment: INVOICE })), 400, 90003);
    expectApiError(await thrownBy(() => ghost.purchase({ sourceAccountId: 'hash-4' })), 400, 90003);
    expectApiError(await thrownBy(() => ghost.delete()), 400, 90003);
    expect(statuses(mark)).toEqual([
      'reserveTickets 400',
      'getEncryptionCertificate 400',
      'addPayment 400',
      'purchaseCart 400',
      'deleteCart 400',
    ]);
  });

  it("answers 503 with Retry-After during the venue's maintenance hour, polls included; event details keep working", async () => {
    const client = sandboxClient();
    const cart = await client.openCart({ captchaToken: DEFAULT_CAPTCHA_TOKEN, user: USER });
    await cart.reserve(GA_TICKETS);
    // A reserve accepted just before 02:00 whose poll lands in the window.
    const polled = await client.openCart({ captchaToken: DEFAULT_CAPTCHA_TOKEN, user: USER });
    const onPoll = () => sandbox.clock.set(LA_MAINTENANCE);
    expectApiError(await thrownBy(() => polled.reserve(GA_TICKETS, { polling: { forcePolling: true, onPoll } })), 503, undefined);

    const details = await client.getEvent(GA);
    const hours = maintenanceWindow(details.event.venue.location.time_zone, sandbox.clock.date());
    expect(hours).toMatchObject({ inWindow: true, endsAt: new Date(LA_MAINTENANCE + 30 * 60_000) });
    const mark = log.mark();
    for (const call of [
      () => cart.reserve(GA_TICKETS),
      () => cart.getCertificate(),
      () => cart.addPayment({ payment: INVOICE }),
      () => cart.purchase({ sourceAccountId: 'hash-5' }),
      () => cart.delete(),
    ]) {
      expectApiError(await thrownBy(call), 503, undefined);
    }
    const answers = log.since(mark);
    expect(answers.map((e) => `${e.operationId} ${e.status}`)).toEqual([
      'reserveTickets 503',
      'getEncryptionCertificate 503',
      'addPayment 503',
      'purchaseCart 503',
      'deleteCart 503',
    ]);
    expect(answers.every((e) => e.headers.get('retry-after') === '1800')).toBe(true);

    sandbox.clock.set(SAFE_START);
    await cart.delete();
    await polled.delete();
    expect(cart.state).toBe('deleted');
  });

  it('leaves no contract violation in the sandbox, and logs nothing', () => {
    expect(sandbox.contractViolations()).toEqual([]);
    expect(sandboxMessages).toEqual([]);
  });
});

// ===========================================================================
// 3. The guard itself

describe('the exchange guard', () => {
  it('fails on an sl-violations entry (Prism mock, a request without True-Client-IP)', async () => {
    const send = log.fetchFor('prism', { prefer: () => 'code=200' });
    const response = await send(`${prism.url}/cart?apikey=k`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"token":"t"}',
    });
    expect(response.status).toBe(400);
    expect(() => log.assertClean()).toThrow(/true-client-ip/i);
  });

  it('fails on a Prism problem+json answer (proxy, a request Prism stops before the sandbox)', async () => {
    const send = log.fetchFor('sandbox');
    const response = await send(`${proxy.url}/cart?apikey=${DEFAULT_API_KEY}&cart_id=x`, { method: 'DELETE' });
    expect(response.status).toBe(422);
    expect(() => log.assertClean()).toThrow(/Prism answered by itself/);
  });
});

// ===========================================================================
// 4. Coverage

describe('coverage', () => {
  it('saw Prism success and every documented error status and example of every operation, and the sandbox answer every operation', () => {
    const rows = coverage(log.entries);
    expect(coverageGaps(rows)).toEqual([]);
    expect(rows.filter((row) => row.sandboxSuccess.length === 0).map((row) => row.operationId)).toEqual([]);
  });

  it('made loopback requests only: nothing left for app.ticketmaster.com', () => {
    expect(log.entries.length).toBeGreaterThan(100);
    expect([...new Set(log.entries.map((e) => e.url.hostname))]).toEqual(['127.0.0.1']);
  });
});
