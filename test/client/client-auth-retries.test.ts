import { afterEach, describe, expect, it } from 'vitest';
import {
  PartnerApiError,
  PartnerError,
  PartnerNetworkError,
  PartnerTimeoutError,
  createPartnerClient,
} from '../../packages/client/src/index.js';
import { API_KEY, EVENT, USER, cartBody, clientFor } from './support/client-fixture.js';
import { type SeenRequest, route, useScriptedServers } from './support/scripted-server.js';

const serve = useScriptedServers(afterEach);

const SECRET = 'client-secret-9c2e';
const EVENT_BODY = { api_transactable: true, event: { id: '3F004CBB88958BF9' } };
const INVALID_TOKEN = { fault: { faultstring: 'Invalid access token', detail: { errorcode: 'oauth.v2.InvalidAccessToken' } } };

/** A token endpoint issuing tok-1, tok-2, … with the given lifetime (seconds, as a string like the API). */
function tokenAnswer(req: SeenRequest, issued: { n: number }, lifetime = '3599') {
  const basic = Buffer.from(`${API_KEY}:${SECRET}`).toString('base64');
  if (req.headers.authorization !== `Basic ${basic}` || req.body !== 'grant_type=client_credentials')
    return { status: 401, body: INVALID_TOKEN };
  issued.n++;
  return {
    status: 200,
    body: {
      issued_at: '1448168101229',
      scope: '',
      status: 'approved',
      expires_in: lifetime,
      token_type: 'BearerToken',
      client_id: API_KEY,
      access_token: `tok-${issued.n}`,
    },
  };
}

describe('auth', () => {
  it('sends the apikey on every call and the bearer token once a secret is configured', async () => {
    const issued = { n: 0 };
    const server = await serve((req) =>
      route(req) === 'POST /oauth/accesstoken' ? tokenAnswer(req, issued) : { status: 200, body: EVENT_BODY },
    );
    const { client } = clientFor(server, { clientSecret: SECRET });
    await client.getEvent('3F004CBB88958BF9');
    for (const r of server.requests) expect(r.query.get('apikey')).toBe(API_KEY);
    expect(server.requests[1]?.headers.authorization).toBe('Bearer tok-1');
  });

  it('shares one in-flight token request between concurrent calls', async () => {
    const issued = { n: 0 };
    const server = await serve((req) =>
      route(req) === 'POST /oauth/accesstoken' ? { ...tokenAnswer(req, issued), delayMs: 30 } : { status: 200, body: EVENT_BODY },
    );
    const { client } = clientFor(server, { clientSecret: SECRET });
    await Promise.all(Array.from({ length: 8 }, () => client.getEvent('3F004CBB88958BF9')));
    expect(issued.n).toBe(1);
    expect(server.requests.filter((r) => r.headers.authorization === 'Bearer tok-1')).toHaveLength(8);
  });

  it('renews the token before its hour runs out', async () => {
    const issued = { n: 0 };
    const server = await serve((req) =>
      route(req) === 'POST /oauth/accesstoken' ? tokenAnswer(req, issued) : { status: 200, body: EVENT_BODY },
    );
    const { client, clock } = clientFor(server, { clientSecret: SECRET });
    await client.getEvent('3F004CBB88958BF9');
    clock.now += 3599_000 - 120_000; // two minutes before expiry: still fine
    await client.getEvent('3F004CBB88958BF9');
    expect(issued.n).toBe(1);
    clock.now += 90_000; // 30 s before expiry: inside the renewal margin
    await client.getEvent('3F004CBB88958BF9');
    expect(issued.n).toBe(2);
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer tok-2');
  });

  it('renews and retries once after a 401 invalid-token fault, then gives up', async () => {
    const issued = { n: 0 };
    let rejectAll = false;
    const server = await serve((req) => {
      if (route(req) === 'POST /oauth/accesstoken') return tokenAnswer(req, issued);
      if (rejectAll || req.headers.authorization === 'Bearer tok-1') return { status: 401, body: INVALID_TOKEN };
      return { status: 200, body: EVENT_BODY };
    });
    const { client } = clientFor(server, { clientSecret: SECRET });
    await expect(client.getEvent('3F004CBB88958BF9')).resolves.toMatchObject({ api_transactable: true });
    expect(issued.n).toBe(2);
    rejectAll = true;
    const error = await client.getEvent('3F004CBB88958BF9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerApiError);
    expect((error as PartnerApiError).isInvalidToken).toBe(true);
    // One renewal per call, not a loop.
    expect(issued.n).toBe(3);
  });

  it('surfaces a rejected client secret as a typed error', async () => {
    const server = await serve((req) =>
      route(req) === 'POST /oauth/accesstoken' ? { status: 401, body: INVALID_TOKEN } : { status: 200, body: EVENT_BODY },
    );
    const { client } = clientFor(server, { clientSecret: 'wrong-secret' });
    await expect(client.getEvent('3F004CBB88958BF9')).rejects.toBeInstanceOf(PartnerApiError);
  });
});

describe('retries and timeouts', () => {
  it('retries a GET on 503 with backoff, honouring Retry-After', async () => {
    let calls = 0;
    const server = await serve(() => (++calls < 3 ? { status: 503, headers: { 'retry-after': '2' } } : { status: 200, body: EVENT_BODY }));
    const { client, sleeps } = clientFor(server, { maxRetries: 2 });
    await expect(client.getEvent('3F004CBB88958BF9')).resolves.toMatchObject({ api_transactable: true });
    expect(calls).toBe(3);
    expect(sleeps).toEqual([2000, 2000]);
  });

  it('stops after maxRetries and throws the last error', async () => {
    const server = await serve(() => ({ status: 500, body: { error: { message: 'boom', code: 1, http_code: 500, severity: 'ERROR' } } }));
    const { client, sleeps } = clientFor(server, { maxRetries: 3, retryDelayMs: 100 });
    const error = await client.getEvent('3F004CBB88958BF9').catch((e: unknown) => e);
    expect((error as PartnerApiError).status).toBe(500);
    expect(server.requests).toHaveLength(4);
    // Exponential ceilings 100, 200, 400 with jitter below them.
    expect(sleeps).toHaveLength(3);
    sleeps.forEach((ms, i) => expect(ms).toBeLessThanOrEqual(100 * 2 ** i));
  });

  it('never retries reserve, payment or purchase', async () => {
    const server = await serve(() => ({ status: 503 }));
    const { client } = clientFor(server, { maxRetries: 3 });
    const cart = client.resumeCart('c', USER);
    await expect(cart.reserve(EVENT)).rejects.toMatchObject({ status: 503 });
    await expect(cart.purchase({ sourceAccountId: 'a' })).rejects.toMatchObject({ status: 503 });
    expect(server.requests.map(route)).toEqual(['PUT /cart/tickets', 'PUT /cart']);
  });

  it('retries a DELETE after a dropped connection, but not a PUT', async () => {
    let drops = 0;
    const server = await serve((req) =>
      drops++ < 1 ? 'destroy' : route(req) === 'DELETE /cart' ? { status: 204 } : { status: 200, body: cartBody('c') },
    );
    const { client } = clientFor(server);
    await client.resumeCart('c', USER).delete();
    expect(server.requests.map(route)).toEqual(['DELETE /cart', 'DELETE /cart']);
    drops = 0;
    await expect(client.resumeCart('d', USER).reserve(EVENT)).rejects.toBeInstanceOf(PartnerNetworkError);
  });

  it('times out a slow attempt with its own timeout', async () => {
    const server = await serve(() => ({ status: 200, body: EVENT_BODY, delayMs: 500 }));
    const { client } = clientFor(server, { timeoutMs: 50, maxRetries: 0 });
    const error = await client.getEvent('3F004CBB88958BF9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerTimeoutError);
    expect((error as PartnerTimeoutError).kind).toBe('attempt');
    expect((error as Error).message).not.toContain(API_KEY);
  });

  it('refuses to send credentials to another origin through the raw client', async () => {
    const other = await serve(() => ({ status: 200, body: {} }));
    const server = await serve(() => ({ status: 200, body: {} }));
    const { client } = clientFor(server);
    await expect(client.raw.GET('/captcha', { baseUrl: `${other.origin}/partners/v1` })).rejects.toBeInstanceOf(PartnerError);
    expect(other.requests).toHaveLength(0);
  });

  it('re-sends the token request body on a retried token call', async () => {
    const issued = { n: 0 };
    let tokenCalls = 0;
    const server = await serve((req) => {
      if (route(req) !== 'POST /oauth/accesstoken') return { status: 200, body: EVENT_BODY };
      return ++tokenCalls === 1 ? { status: 503 } : tokenAnswer(req, issued);
    });
    const { client } = clientFor(server, { clientSecret: SECRET });
    await client.getEvent('3F004CBB88958BF9');
    const tokenRequests = server.requests.filter((r) => route(r) === 'POST /oauth/accesstoken');
    expect(tokenRequests.map((r) => r.body)).toEqual(['grant_type=client_credentials', 'grant_type=client_credentials']);
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer tok-1');
  });

  it('rejects bad options before any call', () => {
    expect(() => createPartnerClient({ apiKey: '', environment: 'sandbox' })).toThrow(/apiKey/);
    expect(() => createPartnerClient({ apiKey: 'k', environment: { baseUrl: 'http://api.example.com' } })).toThrow(/https/);
    expect(() => createPartnerClient({ apiKey: 'k', environment: 'sandbox', timeoutMs: -1 })).toThrow(/timeoutMs/);
  });
});

describe('the raw client', () => {
  it('hands its middleware real Requests and sends through the same transport as the methods', async () => {
    const issued = { n: 0 };
    const server = await serve((req) =>
      route(req) === 'POST /oauth/accesstoken' ? tokenAnswer(req, issued) : { status: 200, body: EVENT_BODY },
    );
    const { client } = clientFor(server, { clientSecret: SECRET });
    const seen: boolean[] = [];
    client.raw.use({
      onRequest({ request }) {
        seen.push(request instanceof Request);
        request.headers.set('x-partner-trace', 'trace-1');
        return undefined;
      },
    });
    const raw = await client.raw.GET('/event/{event_id}', { params: { path: { event_id: '3F004CBB88958BF9' } } });
    expect(raw.data).toEqual(EVENT_BODY);
    await client.getEvent('3F004CBB88958BF9');
    // Middleware on raw is the partner's own: the client's methods do not run it.
    expect(seen).toEqual([true]);
    const [rawCall, methodCall] = server.requests.filter((r) => route(r) !== 'POST /oauth/accesstoken');
    expect(rawCall?.headers['x-partner-trace']).toBe('trace-1');
    expect(methodCall?.headers['x-partner-trace']).toBeUndefined();
    for (const r of [rawCall, methodCall]) {
      expect(r?.query.get('apikey')).toBe(API_KEY);
      expect(r?.headers.authorization).toBe('Bearer tok-1');
    }
  });
});
