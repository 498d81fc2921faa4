import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOrigin } from '../../packages/sandbox/src/caller-origin.js';
import { DEFAULT_API_KEY, SANDBOX_EVENTS, SANDBOX_TICKET_TYPES, startSandbox } from '../../packages/sandbox/src/index.js';
import type { Sandbox } from '../../packages/sandbox/src/index.js';
import { call, callUrl, CLIENT_IP, collectingLogger, expectError, openCart, paidCart, reserveBody, SAFE_START } from './helpers.js';
import type { Schemas } from './helpers.js';

const GA = SANDBOX_EVENTS.generalAdmission;
const GA_TYPE = SANDBOX_TICKET_TYPES.generalAdmission;
const FORCE = { 'X-TM-FORCE-POLLING': 'true' };
const log = collectingLogger();

describe('forced polling (wait 0, three pending polls)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ startTime: SAFE_START, logger: log.logger, pollingWaitSeconds: 0, pendingPolls: 3 });
  });
  afterAll(() => sandbox.close());

  it('answers a reserve with 202 and a polling URL on the sandbox, then the cart after three polls', async () => {
    const cartId = await openCart(sandbox);
    const first = await call(sandbox, 'PUT', '/cart/tickets', {
      headers: FORCE,
      body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 2 }]),
    });
    expect(first.status).toBe(202);
    const polling = first.json as Schemas['PollingResponse'];
    expect(polling.wait).toBe(0);
    const url = new URL(polling.polling_url);
    expect(url.origin).toBe(sandbox.origin);
    expect(url.pathname).toMatch(/^\/partners\/v1\/polling\/cart-tickets-PUT-[0-9A-F]{32}$/);
    expect(url.searchParams.get('apikey')).toBe(DEFAULT_API_KEY);
    expect(url.searchParams.get('cart_id')).toBe(cartId);
    // The cart id is URL-encoded in the polling URL ('+', '/' and '=' all escaped).
    expect(polling.polling_url).toContain(`cart_id=${encodeURIComponent(cartId)}`);

    const statuses: number[] = [];
    let answer = first;
    let next = polling.polling_url;
    while (answer.status === 202 && statuses.length < 10) {
      answer = await callUrl(next);
      statuses.push(answer.status);
      if (answer.status === 202) next = (answer.json as Schemas['PollingResponse']).polling_url;
    }
    expect(statuses).toEqual([202, 202, 202, 200]);
    const cart = answer.json as Schemas['CartResponse'];
    expect(cart.cart_id).toBe(cartId);
    expect(cart.cart.items[0]?.num_seats).toBe(2);
    // Later polls give the same final answer again.
    expect((await callUrl(next)).json).toEqual(cart);
  });

  it('applies the reserve at once: tickets stay held without any poll until the cart is deleted', async () => {
    const before = sandbox.inventory(GA)[GA_TYPE];
    const cartId = await openCart(sandbox);
    const answer = await call(sandbox, 'PUT', '/cart/tickets', {
      headers: FORCE,
      body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 4 }]),
    });
    expect(answer.status).toBe(202);
    expect(sandbox.inventory(GA)[GA_TYPE]?.held).toBe((before?.held ?? 0) + 4);
    const deleted = await call(sandbox, 'DELETE', '/cart', { query: { cart_id: cartId } });
    expect(deleted.status).toBe(204);
    expect(sandbox.inventory(GA)[GA_TYPE]).toEqual(before);
  });

  it('polls a delete to its 204, with the cart already gone meanwhile', async () => {
    const cartId = await openCart(sandbox);
    await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]) });
    const answer = await call(sandbox, 'DELETE', '/cart', { headers: FORCE, query: { cart_id: cartId } });
    expect(answer.status).toBe(202);
    const url = (answer.json as Schemas['PollingResponse']).polling_url;
    expect(new URL(url).pathname).toMatch(/\/polling\/cart-DELETE-[0-9A-F]{32}$/);
    expectError(await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]) }), 400, 90003);
    for (let i = 0; i < 3; i++) expect((await callUrl(url)).status).toBe(202);
    const done = await callUrl(url);
    expect({ status: done.status, body: done.text }).toEqual({ status: 204, body: '' });
  });

  it('polls a purchase to its order, and the order exists even if nobody polls', async () => {
    const cartId = await paidCart(sandbox, GA, [{ id: GA_TYPE, quantity: 1 }]);
    const answer = await call(sandbox, 'PUT', '/cart', { headers: FORCE, body: { cart_id: cartId, source_account_id: 'poller' } });
    expect(answer.status).toBe(202);
    const order = sandbox.orders().find((o) => o.sourceAccountId === 'poller');
    expect(order).toBeDefined();
    const url = (answer.json as Schemas['PollingResponse']).polling_url;
    for (let i = 0; i < 3; i++) await callUrl(url);
    const done = await callUrl(url);
    expect(done.status).toBe(200);
    expect((done.json as Schemas['PurchaseResult']).order_token).toBe(order?.token);
  });

  it("ends with the polled operation's error when the operation failed", async () => {
    const cartId = await openCart(sandbox);
    const answer = await call(sandbox, 'PUT', '/cart/tickets', {
      headers: FORCE,
      body: reserveBody(cartId, SANDBOX_EVENTS.notTransactable, [{ id: SANDBOX_TICKET_TYPES.boxOfficeOnly, quantity: 1 }]),
    });
    const url = (answer.json as Schemas['PollingResponse']).polling_url;
    for (let i = 0; i < 3; i++) await callUrl(url);
    expectError(await callUrl(url), 403, 90001);
    expect(sandbox.contractViolations()).toEqual([]);
  });

  it('answers 404 for an unknown job or a polling URL with another cart id, and needs True-Client-IP', async () => {
    const cartId = await openCart(sandbox);
    const answer = await call(sandbox, 'PUT', '/cart/tickets', {
      headers: FORCE,
      body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]),
    });
    const url = new URL((answer.json as Schemas['PollingResponse']).polling_url);
    const unknown = new URL(url);
    unknown.pathname = unknown.pathname.replace(/[0-9A-F]{32}$/, '0'.repeat(32));
    expect((await callUrl(unknown.href)).status).toBe(404);
    const otherCart = new URL(url);
    otherCart.searchParams.set('cart_id', await openCart(sandbox));
    expect((await callUrl(otherCart.href)).status).toBe(404);
    expectError(await callUrl(url.href, 'GET', { noClientIp: true }), 400, 10002);
    await call(sandbox, 'DELETE', '/cart', { query: { cart_id: cartId } });
  });

  it('does not poll operations that are not "Polling: Yes"', async () => {
    expect((await call(sandbox, 'POST', '/cart', { headers: FORCE, body: { token: 'sandbox-captcha-token' } })).status).toBe(200);
    expect((await call(sandbox, 'GET', `/event/${GA}`, { headers: FORCE })).status).toBe(200);
  });
});

describe('polling rate', () => {
  it('sends the configured share of polling operations through polling, with the default wait of 4', async () => {
    // A random source that alternates below and above the rate: every other call polls.
    let draw = 0;
    const sandbox = await startSandbox({
      startTime: SAFE_START,
      logger: log.logger,
      pollingRate: 0.5,
      random: () => (draw++ % 2 === 0 ? 0.1 : 0.9),
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const cartId = await openCart(sandbox);
        const answer = await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]) });
        statuses.push(answer.status);
        if (answer.status === 202) expect((answer.json as Schemas['PollingResponse']).wait).toBe(4);
      }
      expect(statuses).toEqual([202, 200, 202, 200]);
      // Every reserve took effect, polled or not.
      expect(sandbox.inventory(GA)[GA_TYPE]?.held).toBe(4);
    } finally {
      await sandbox.close();
    }
  });

  it('answers the final result on the first poll with pendingPolls 0', async () => {
    const sandbox = await startSandbox({ startTime: SAFE_START, logger: log.logger, pendingPolls: 0 });
    try {
      const cartId = await openCart(sandbox);
      const answer = await call(sandbox, 'PUT', '/cart/tickets', {
        headers: FORCE,
        body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]),
      });
      expect((await callUrl((answer.json as Schemas['PollingResponse']).polling_url)).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});

describe('public base URL (a proxy in front of the sandbox)', () => {
  it('writes polling URLs on the public base, set at start or later, and back on its own base when unset', async () => {
    const sandbox = await startSandbox({
      startTime: SAFE_START,
      logger: log.logger,
      pollingWaitSeconds: 0,
      publicBaseUrl: 'http://127.0.0.1:1/proxy/',
    });
    try {
      const pollingUrl = async () => {
        const cartId = await openCart(sandbox);
        const answer = await call(sandbox, 'PUT', '/cart/tickets', {
          headers: FORCE,
          body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]),
        });
        expect(answer.status).toBe(202);
        return new URL((answer.json as Schemas['PollingResponse']).polling_url);
      };
      expect(sandbox.publicBaseUrl).toBe('http://127.0.0.1:1/proxy');
      const atStart = await pollingUrl();
      expect(`${atStart.origin}${atStart.pathname}`).toMatch(/^http:\/\/127\.0\.0\.1:1\/proxy\/polling\/cart-tickets-PUT-[0-9A-F]{32}$/);

      sandbox.setPublicBaseUrl('http://127.0.0.1:2');
      const later = await pollingUrl();
      expect(later.origin).toBe('http://127.0.0.1:2');
      expect(later.pathname).toMatch(/^\/polling\/cart-tickets-PUT-[0-9A-F]{32}$/);
      // The job answers on the sandbox's own base too: only the advertised URL changed.
      const direct = `${sandbox.baseUrl}${later.pathname}${later.search}`;
      expect((await callUrl(direct)).status).toBe(202);
      expect((await callUrl(direct)).status).toBe(200);

      sandbox.setPublicBaseUrl(undefined);
      expect(sandbox.publicBaseUrl).toBe(sandbox.baseUrl);
      expect((await pollingUrl()).origin).toBe(sandbox.origin);
      expect(() => sandbox.setPublicBaseUrl('ftp://127.0.0.1')).toThrow(/http or https/);
      expect(() => sandbox.setPublicBaseUrl('http://127.0.0.1:3/?x=1')).toThrow(/query/);
    } finally {
      await sandbox.close();
    }
    await expect(startSandbox({ publicBaseUrl: 'not a url' })).rejects.toThrow(/publicBaseUrl must be an absolute URL/);
  });
});

describe('polling URLs on the origin the client called', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ startTime: SAFE_START, logger: log.logger, pollingWaitSeconds: 0 });
  });
  afterAll(() => sandbox.close());

  /** A forced-polling reserve sent to the sandbox's socket with the given Host header; the polling URL's origin. */
  async function pollingOrigin(host: string): Promise<string> {
    const cartId = await openCart(sandbox);
    const body = JSON.stringify(reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]));
    const headers = { host, 'content-type': 'application/json', 'true-client-ip': CLIENT_IP, ...FORCE };
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(`${sandbox.baseUrl}/cart/tickets?apikey=${DEFAULT_API_KEY}`, { method: 'PUT', headers }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => (res.statusCode === 202 ? resolve(data) : reject(new Error(`${res.statusCode} ${data}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
    return new URL((JSON.parse(text) as Schemas['PollingResponse']).polling_url).origin;
  }

  it('answers on localhost when called on localhost, on 127.0.0.1 when called there, and the URL works', async () => {
    const port = new URL(sandbox.origin).port;
    expect(await pollingOrigin(`localhost:${port}`)).toBe(`http://localhost:${port}`);
    expect(await pollingOrigin(`LOCALHOST:${port}`)).toBe(`http://localhost:${port}`);
    expect(await pollingOrigin(`127.0.0.1:${port}`)).toBe(`http://127.0.0.1:${port}`);
    // Called through fetch on localhost, the polling URL it gets leads back and finishes the job.
    const cartId = await openCart(sandbox);
    const first = await callUrl(`http://localhost:${port}/partners/v1/cart/tickets?apikey=${DEFAULT_API_KEY}`, 'PUT', {
      headers: FORCE,
      body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]),
    });
    const pollingUrl = (first.json as Schemas['PollingResponse']).polling_url;
    expect(new URL(pollingUrl).origin).toBe(`http://localhost:${port}`);
    // One pending poll (the default), then the cart.
    const pending = await callUrl(pollingUrl);
    expect(new URL((pending.json as Schemas['PollingResponse']).polling_url).origin).toBe(`http://localhost:${port}`);
    expect((await callUrl(pollingUrl)).status).toBe(200);
  });

  it('keeps its own origin for a Host that is not a loopback host:port', async () => {
    const port = new URL(sandbox.origin).port;
    for (const host of [
      `evil.example:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1.evil:${port}`,
      `localhost:${port}/x`,
      '127.1',
      `localhost:0x50`,
      'localhost:99999',
    ]) {
      expect(await pollingOrigin(host), host).toBe(sandbox.origin);
    }
  });

  it('callerOrigin takes loopback names with a decimal port and nothing else', () => {
    expect(callerOrigin('localhost:4010')).toBe('http://localhost:4010');
    expect(callerOrigin('127.0.0.1')).toBe('http://127.0.0.1');
    expect(callerOrigin('127.255.0.9:1')).toBe('http://127.255.0.9:1');
    expect(callerOrigin('[::1]:80')).toBe('http://[::1]:80');
    for (const bad of [
      undefined,
      '',
      'example.com',
      '128.0.0.1:80',
      '127.0.0.256',
      'localhost:',
      'localhost:065',
      'localhost:70000',
      'user@localhost',
      'localhost:80 x',
    ]) {
      expect(callerOrigin(bad), String(bad)).toBeUndefined();
    }
  });
});
