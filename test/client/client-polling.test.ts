import { afterEach, describe, expect, it } from 'vitest';
import { PartnerPollingError } from '../../packages/client/src/index.js';
import { API_KEY, EVENT, USER, cartBody, clientFor } from './support/client-fixture.js';
import { route, useScriptedServers } from './support/scripted-server.js';

const serve = useScriptedServers(afterEach);

describe('polling', () => {
  it('follows a chain of 202s, honouring each wait, and returns the final result typed as the reserve', async () => {
    let polls = 0;
    const server = await serve((req, s) => {
      const r = route(req);
      if (r === 'PUT /cart/tickets')
        return { status: 202, body: { polling_url: `${s.origin}/partners/v1/polling/job-1?cart_id=c%3D1`, wait: 2 } };
      if (r === 'GET /polling/job-1') {
        polls++;
        if (polls < 3)
          return { status: 202, body: { polling_url: `${s.origin}/partners/v1/polling/job-1?cart_id=c%3D1&n=${polls}`, wait: polls + 2 } };
        return { status: 200, body: cartBody('c=1', 42) };
      }
      return { status: 404 };
    });
    const progress: number[] = [];
    const { client, sleeps } = clientFor(server, { polling: { onPoll: (p) => progress.push(p.attempt) } });
    const cart = client.resumeCart('c=1', USER);
    const result = await cart.reserve(EVENT);
    expect(result.cart.totals.unpaid).toBe(42);
    expect(sleeps).toEqual([2000, 3000, 4000]);
    expect(progress).toEqual([1, 2, 3]);
    const pollRequests = server.requests.filter((r) => r.path.includes('/polling/'));
    expect(pollRequests).toHaveLength(3);
    for (const r of pollRequests) {
      // Followed verbatim, with the key added because it was missing, and the user's headers.
      expect(r.query.get('apikey')).toBe(API_KEY);
      expect(r.query.get('cart_id')).toBe('c=1');
      expect(r.headers['true-client-ip']).toBe(USER.ip);
    }
  });

  it('keeps a polling_url that already carries an apikey as it is', async () => {
    const server = await serve((req, s) =>
      route(req) === 'PUT /cart'
        ? { status: 202, body: { polling_url: `${s.origin}/partners/v1/polling/p?apikey=from-server`, wait: 0 } }
        : { status: 200, body: { redemption_url: 'https://x/r', tm_app_url: 'tm://r', grand_total: 1, order_token: 'o' } },
    );
    const { client, sleeps } = clientFor(server);
    await client.resumeCart('c', USER).purchase({ sourceAccountId: 'acct' });
    expect(server.requests[1]?.query.getAll('apikey')).toEqual(['from-server']);
    // `wait: 0` is raised to the floor so the loop never spins.
    expect(sleeps).toEqual([1000]);
  });

  it('sends X-TM-FORCE-POLLING when asked to', async () => {
    const server = await serve(() => ({ status: 200, body: cartBody('c') }));
    const { client } = clientFor(server, { polling: { forcePolling: true } });
    await client.resumeCart('c', USER).reserve(EVENT);
    expect(server.requests[0]?.headers['x-tm-force-polling']).toBe('true');
  });

  it('refuses a polling_url on another origin and never calls it', async () => {
    const foreign = await serve(() => ({ status: 200, body: {} }));
    const server = await serve((req) =>
      route(req) === 'PUT /cart/tickets'
        ? { status: 202, body: { polling_url: `${foreign.origin}/partners/v1/polling/x?apikey=leak`, wait: 1 } }
        : { status: 204 },
    );
    const { client } = clientFor(server);
    const error = await client
      .resumeCart('c', USER)
      .reserve(EVENT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerPollingError);
    expect((error as PartnerPollingError).reason).toBe('foreign-origin');
    expect((error as Error).message).not.toContain('leak');
    expect(foreign.requests).toHaveLength(0);
  });

  it('gives up at the deadline and deletes the cart', async () => {
    const server = await serve((req, s) => {
      const r = route(req);
      if (r === 'DELETE /cart') return { status: 204 };
      return { status: 202, body: { polling_url: `${s.origin}/partners/v1/polling/forever`, wait: 4 } };
    });
    const { client } = clientFor(server, { polling: { deadlineMs: 10_000 } });
    const cart = client.resumeCart('c=9', USER);
    const error = await cart.reserve(EVENT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerPollingError);
    expect((error as PartnerPollingError).reason).toBe('deadline');
    const deletes = server.requests.filter((r) => route(r) === 'DELETE /cart');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.query.get('cart_id')).toBe('c=9');
    expect(cart.state).toBe('deleted');
  });

  it('stops at the attempt cap', async () => {
    const server = await serve((req, s) =>
      route(req) === 'DELETE /cart'
        ? { status: 204 }
        : { status: 202, body: { polling_url: `${s.origin}/partners/v1/polling/again`, wait: 'soon' } },
    );
    const { client, sleeps } = clientFor(server, { polling: { maxAttempts: 3 } });
    const error = await client
      .resumeCart('c', USER)
      .purchase({ sourceAccountId: 'a' })
      .catch((e: unknown) => e);
    expect((error as PartnerPollingError).reason).toBe('max-attempts');
    expect((error as PartnerPollingError).attempts).toBe(3);
    // A malformed `wait` gets the floor.
    expect(sleeps).toEqual([1000, 1000, 1000]);
  });

  it('deletes the cart (in the background) when the caller aborts while polling', async () => {
    const controller = new AbortController();
    let polls = 0;
    const server = await serve((req, s) => {
      const r = route(req);
      if (r === 'DELETE /cart') return { status: 204 };
      if (r.startsWith('GET /polling')) {
        polls++;
        if (polls === 2) controller.abort(new Error('user left'));
      }
      return { status: 202, body: { polling_url: `${s.origin}/partners/v1/polling/p`, wait: 1 } };
    });
    let cleaned!: () => void;
    const cleanup = new Promise<void>((resolve) => {
      cleaned = resolve;
    });
    const { client } = clientFor(server, { onCleanup: () => cleaned() });
    const error = await client
      .resumeCart('c', USER)
      .reserve(EVENT, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('user left');
    await cleanup;
    expect(server.requests.filter((r) => route(r) === 'DELETE /cart')).toHaveLength(1);
  });
});
