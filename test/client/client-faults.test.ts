/**
 * The client against a misbehaving API, one block per finding of the fault review:
 * real loopback servers that break the answer after its headers (malformed JSON, a
 * reset or a stall mid-body), redirect elsewhere, or hand out odd polling URLs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CleanupReport,
  PartnerError,
  PartnerNetworkError,
  PartnerPollingError,
  PartnerResponseError,
  PartnerTimeoutError,
  PartnerValidationError,
  createPartnerClient,
} from '../../packages/client/src/index.js';
import { handBuiltCertificate, likeTheApiExample, makeKeys } from './certificates.js';
import { API_KEY, CARD, EVENT, PAYMENT as BILLING, USER, cartBody, clientFor, rejection } from './support/client-fixture.js';
import { everythingShown, leaked } from './support/leak-check.js';
import { type Answer, type SeenRequest, route, useScriptedServers } from './support/scripted-server.js';

const serve = useScriptedServers(afterEach);

const EVENT_ID = '3F004CBB88958BF9';
const EVENT_BODY = { api_transactable: true, event: { id: EVENT_ID, name: 'Fault night' } };
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req-77' };
const CERTIFICATE = { id: 'paysys-test.0.us.1', value: likeTheApiExample(handBuiltCertificate(makeKeys(2048))) };
const PAYMENT = { ...BILLING, amount: '19.50' };
const SECRET = 'client-secret-f00d';

describe('finding 1: a body that is not the JSON it declares is a PartnerResponseError', () => {
  for (const length of [true, false]) {
    it(`getEvent: a 200 with malformed JSON (${length ? 'Content-Length' : 'chunked'}) carries status, request id and a redacted excerpt`, async () => {
      const body = `{"event": {"id": "${EVENT_ID}"}, "echo": "/event?apikey=${API_KEY}"`;
      const server = await serve(() => ({ status: 200, body, length, headers: JSON_HEADERS }));
      const { client } = clientFor(server);
      const error = await rejection(client.getEvent(EVENT_ID));
      expect(error).toBeInstanceOf(PartnerResponseError);
      expect(error).toMatchObject({ reason: 'invalid-json', status: 200, requestId: 'req-77' });
      expect((error as PartnerResponseError).excerpt).toContain(`{"event": {"id": "${EVENT_ID}"}`);
      expect((error as PartnerResponseError).excerpt).toContain('apikey=***');
      expect(leaked(everythingShown(error), [API_KEY])).toEqual([]);
      // The API answered: asking again would get the same answer.
      expect(server.requests).toHaveLength(1);
    });
  }

  it('the final answer of a poll that does not parse is a PartnerResponseError too', async () => {
    const server = await serve((req, s) =>
      route(req) === 'PUT /cart/tickets'
        ? { status: 202, body: { polling_url: `${s.origin}/partners/v1/polling/p1`, wait: 1 } }
        : { status: 200, body: '{"cart_id": "c", "cart": ', headers: JSON_HEADERS },
    );
    const { client } = clientFor(server);
    const error = await rejection(client.resumeCart('c', USER).reserve(EVENT));
    expect(error).toBeInstanceOf(PartnerResponseError);
    expect(error).toMatchObject({ reason: 'invalid-json', status: 200, requestId: 'req-77' });
  });

  it('a final poll answer without a JSON content type that does not parse is typed as well', async () => {
    const server = await serve((req, s) =>
      route(req) === 'PUT /cart'
        ? { status: 202, body: { polling_url: `${s.origin}/partners/v1/polling/p2`, wait: 1 } }
        : { status: 200, body: '<html>gateway</html>', headers: { 'content-type': 'text/html' } },
    );
    const { client } = clientFor(server);
    const error = await rejection(client.resumeCart('c', USER).purchase({ sourceAccountId: 'acct' }));
    expect(error).toBeInstanceOf(PartnerResponseError);
    expect((error as PartnerResponseError).excerpt).toBe('<html>gateway</html>');
  });

  it('client.raw never rejects with a SyntaxError: a malformed body is the same PartnerResponseError', async () => {
    for (const length of [true, false]) {
      const server = await serve(() => ({ status: 200, body: '{"api_transactable": tru', length, headers: JSON_HEADERS }));
      const { client } = clientFor(server);
      const error = await rejection(client.raw.GET('/event/{event_id}', { params: { path: { event_id: EVENT_ID } } }));
      expect(error).toBeInstanceOf(PartnerResponseError);
      expect((error as PartnerResponseError).reason).toBe('invalid-json');
    }
  });
});

describe('finding 2: a connection dropped mid-body is a PartnerNetworkError, retried for safe calls', () => {
  it('a GET whose body is cut by a TCP reset is retried and then succeeds', async () => {
    let calls = 0;
    const server = await serve(() =>
      ++calls === 1 ? { status: 200, body: EVENT_BODY, cut: { after: 12, then: 'reset' } } : { status: 200, body: EVENT_BODY },
    );
    const { client, logs } = clientFor(server);
    await expect(client.getEvent(EVENT_ID)).resolves.toEqual(EVENT_BODY);
    expect(calls).toBe(2);
    expect(logs.some((r) => r.level === 'warn' && r.message.startsWith('PartnerNetworkError; retrying'))).toBe(true);
  });

  it('when every attempt is cut, the GET rejects with a PartnerNetworkError after its retries', async () => {
    const server = await serve(() => ({ status: 200, body: EVENT_BODY, cut: { after: 5, then: 'reset' } }));
    const { client } = clientFor(server, { maxRetries: 2 });
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toBeInstanceOf(PartnerNetworkError);
    expect(server.requests).toHaveLength(3);
  });

  it('a reserve cut mid-body is a PartnerNetworkError and is not repeated', async () => {
    const server = await serve(() => ({ status: 200, body: cartBody('c'), cut: { after: 20, then: 'reset' } }));
    const { client } = clientFor(server, { maxRetries: 3 });
    const error = await rejection(client.resumeCart('c', USER).reserve(EVENT));
    expect(error).toBeInstanceOf(PartnerNetworkError);
    expect(server.requests.map(route)).toEqual(['PUT /cart/tickets']);
  });
});

describe('finding 3: a stalled body ends at the deadline or on the caller’s signal', () => {
  it('timeoutMs bounds the attempt to the last byte: a body that stops after its headers times out', async () => {
    const server = await serve(() => ({ status: 200, body: EVENT_BODY, cut: { after: 8, then: 'stall' } }));
    const headers = watchHeaders();
    const { client } = clientFor(server, { timeoutMs: 1000, maxRetries: 1, fetch: headers.fetch });
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toBeInstanceOf(PartnerTimeoutError);
    expect((error as PartnerTimeoutError).kind).toBe('attempt');
    // Both attempts got their headers: the time ran out in the body. Timed out like an attempt before the headers: retried once.
    expect(headers.arrived).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it("the caller's signal ends a stalled body read at once, with the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error('user closed the page');
    const server = await serve(() => ({ status: 200, body: EVENT_BODY, cut: { after: 8, then: 'stall' } }));
    // Abort once the headers are in.
    const headers = watchHeaders(() => setTimeout(() => controller.abort(reason), 20));
    const { client } = clientFor(server, { timeoutMs: 60_000, fetch: headers.fetch });
    const error = await rejection(client.getEvent(EVENT_ID, { signal: controller.signal }));
    expect(error).toBe(reason);
    expect(headers.arrived).toBe(1);
  });
});

/** One call per operation that a redirect may hit, each against `server`. */
const REDIRECTED_CALLS: Record<string, { route: string; call: (client: ReturnType<typeof clientFor>['client']) => Promise<unknown> }> = {
  getEvent: { route: 'GET /event/3F004CBB88958BF9', call: (c) => c.getEvent(EVENT_ID) },
  getCertificate: { route: 'GET /certificate', call: (c) => c.resumeCart('c', USER).getCertificate() },
  openCart: { route: 'POST /cart', call: (c) => c.openCart({ captchaToken: 'captcha-ok', user: USER }) },
  reserve: { route: 'PUT /cart/tickets', call: (c) => c.resumeCart('c', USER).reserve(EVENT) },
  addPayment: { route: 'PUT /cart/payment', call: (c) => c.resumeCart('c', USER).addPayment({ payment: PAYMENT, card: CARD }) },
  deleteCart: { route: 'DELETE /cart', call: (c) => c.resumeCart('c', USER).delete() },
};

/** The API: every operation answers normally, except `redirected`, which answers `redirect`. */
function apiRedirecting(redirected: string, redirect: (req: SeenRequest) => Answer) {
  return (req: SeenRequest): Answer => {
    const r = route(req);
    if (r === redirected) return redirect(req);
    if (r === 'POST /oauth/accesstoken') return { status: 200, body: { access_token: 'tok-redirect-1', expires_in: '3599' } };
    if (r === 'GET /certificate') return { status: 200, body: CERTIFICATE };
    if (r === 'DELETE /cart') return { status: 204 };
    if (r === 'POST /cart') return { status: 200, body: { cart_id: 'c' } };
    if (r === 'GET /event/3F004CBB88958BF9') return { status: 200, body: EVENT_BODY };
    return { status: 200, body: cartBody('c') };
  };
}

describe('finding 4: redirects to another origin are never followed, by any method', () => {
  for (const [name, { route: redirected, call }] of Object.entries(REDIRECTED_CALLS)) {
    for (const status of [301, 302, 303, 307, 308]) {
      it(`${name}: a ${status} to another origin is a PartnerResponseError and the other host receives nothing`, async () => {
        const foreign = await serve(() => ({ status: 200, body: EVENT_BODY }));
        const server = await serve(
          apiRedirecting(redirected, () => ({ status, headers: { location: `${foreign.origin}/steal?apikey=${API_KEY}` } })),
        );
        const { client } = clientFor(server, { clientSecret: SECRET });
        const error = await call(client).catch((e: unknown) => e);
        // What reached the other host, if anything: method, body size and the headers that identify the user.
        expect(foreign.requests.map((r) => `${r.method} ${r.body.length} ${String(r.headers['true-client-ip'])}`)).toEqual([]);
        expect(foreign.connections).toBe(0);
        expect(error).toBeInstanceOf(PartnerResponseError);
        expect(error).toMatchObject({ reason: 'redirect', status, location: `${foreign.origin}/steal` });
        expect(leaked(everythingShown(error), [API_KEY, SECRET, 'tok-redirect-1'])).toEqual([]);
      });
    }
  }

  it('a custom fetch that follows a redirect anyway has its foreign answer refused', async () => {
    const foreign = await serve(() => ({ status: 200, body: EVENT_BODY }));
    const server = await serve(() => ({ status: 302, headers: { location: `${foreign.origin}/elsewhere` } }));
    const following: typeof fetch = (input, init) => fetch(input, { ...init, redirect: 'follow' });
    const { client } = clientFor(server, { fetch: following, maxRetries: 0 });
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toMatchObject({ name: 'PartnerResponseError', reason: 'redirect' });
    expect((error as Error).message).toContain('the fetch in use followed it to another origin');
  });

  it('a certificate refused that way is not cached: the next payment fetches it from the API again', async () => {
    const foreign = await serve(() => ({ status: 200, body: CERTIFICATE }));
    let redirectCertificate = true;
    const server = await serve((req) => {
      if (route(req) === 'GET /certificate' && redirectCertificate)
        return { status: 302, headers: { location: `${foreign.origin}/certificate` } };
      return apiRedirecting('none', () => ({ status: 500 }))(req);
    });
    const { client } = clientFor(server);
    const cart = client.resumeCart('c', USER);
    await expect(cart.getCertificate()).rejects.toBeInstanceOf(PartnerResponseError);
    redirectCertificate = false;
    await expect(cart.getCertificate()).resolves.toEqual(CERTIFICATE);
    expect(server.requests.filter((r) => route(r) === 'GET /certificate')).toHaveLength(2);
    expect(foreign.connections).toBe(0);
  });
});

describe('redirects on the API’s own origin', () => {
  it('a 307 on PUT /cart/payment is followed with the same method, headers and body', async () => {
    const server = await serve((req) => {
      if (route(req) === 'GET /certificate') return { status: 200, body: CERTIFICATE };
      if (req.path === '/partners/v1/cart/payment') return { status: 307, headers: { location: '/partners/v1/cart/payment-moved' } };
      return { status: 200, body: { cart: cartBody('c').cart } };
    });
    const { client } = clientFor(server, { clientSecret: SECRET, fetch: tokenlessFetch(server.origin) });
    await client.resumeCart('c', USER).addPayment({ payment: PAYMENT, card: CARD });
    const [first, moved] = server.requests.filter((r) => r.path.startsWith('/partners/v1/cart/payment'));
    expect(moved?.method).toBe('PUT');
    expect(moved?.path).toBe('/partners/v1/cart/payment-moved');
    expect(moved?.body).toBe(first?.body);
    expect(JSON.parse(moved?.body ?? '{}').payment.card.encryption_key).toBe(CERTIFICATE.id);
    expect(moved?.query.get('apikey')).toBe(API_KEY);
    expect(moved?.headers['true-client-ip']).toBe(USER.ip);
    expect(moved?.headers.authorization).toBe(first?.headers.authorization);
  });

  it('a 308 on POST /cart is followed with the captcha token', async () => {
    const server = await serve((req) =>
      req.path === '/partners/v1/cart'
        ? { status: 308, headers: { location: `${serverOrigin(req)}/partners/v1/cart2` } }
        : { status: 200, body: { cart_id: JSON.parse(req.body).token === 'captcha-ok' ? 'c2' : 'wrong' } },
    );
    const { client } = clientFor(server);
    const cart = await client.openCart({ captchaToken: 'captcha-ok', user: USER });
    expect(cart.cartId).toBe('c2');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /partners/v1/cart', 'POST /partners/v1/cart2']);
  });

  it('a 302 or 303 is reported, not turned into a GET', async () => {
    for (const status of [302, 303]) {
      const server = await serve(() => ({ status, headers: { location: '/partners/v1/elsewhere' } }));
      const { client } = clientFor(server);
      const error = await rejection(client.openCart({ captchaToken: 'captcha-ok', user: USER }));
      expect(error).toMatchObject({ name: 'PartnerResponseError', reason: 'redirect', status });
      expect(server.requests.map((r) => r.method)).toEqual(['POST']);
    }
  });

  it('redirect hops share the attempt’s deadline', async () => {
    const server = await serve((req) =>
      req.path.endsWith('/moved')
        ? { status: 200, body: EVENT_BODY, delayMs: 5000 }
        : { status: 307, headers: { location: `${req.path}/moved` } },
    );
    const { client } = clientFor(server, { timeoutMs: 1000, maxRetries: 0 });
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toBeInstanceOf(PartnerTimeoutError);
    expect(server.requests.map((r) => r.path)).toEqual([`/partners/v1/event/${EVENT_ID}`, `/partners/v1/event/${EVENT_ID}/moved`]);
  });

  it('at most 3 hops are followed', async () => {
    const server = await serve((req) => ({ status: 307, headers: { location: `${req.path}x` } }));
    const { client } = clientFor(server);
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toMatchObject({ reason: 'redirect', status: 307 });
    expect((error as Error).message).toContain('more than 3 hops');
    expect(server.requests).toHaveLength(4);
  });

  it('a Location with user info on the same origin is refused', async () => {
    const server = await serve((req) => ({ status: 307, headers: { location: `http://u:p@${req.headers.host}/partners/v1/x` } }));
    const { client } = clientFor(server);
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toMatchObject({ reason: 'redirect' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('finding 5: URLs with user info are refused, and no error carries a secret', () => {
  it('a polling_url with user:pass@ on the API origin is refused before any request to it', async () => {
    const server = await serve((req, s) =>
      route(req) === 'PUT /cart/tickets'
        ? {
            status: 202,
            body: { polling_url: `http://user:pass@${new URL(s.origin).host}/partners/v1/polling/p?apikey=${API_KEY}`, wait: 1 },
          }
        : { status: 204 },
    );
    const { client } = clientFor(server, { clientSecret: undefined });
    const error = await rejection(client.resumeCart('c', USER).reserve(EVENT));
    expect(error).toBeInstanceOf(PartnerPollingError);
    expect((error as PartnerPollingError).reason).toBe('user-info');
    expect(server.requests.filter((r) => r.path.includes('/polling/'))).toHaveLength(0);
    expect(leaked(everythingShown(error), [API_KEY, 'user:pass', 'pass@'])).toEqual([]);
  });

  it('a base URL with user info is refused when the client is created', () => {
    const error = (() => {
      try {
        createPartnerClient({ apiKey: API_KEY, environment: { baseUrl: 'http://user:pass@127.0.0.1:9/partners/v1' } });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PartnerValidationError);
    expect((error as PartnerValidationError).field).toBe('environment.baseUrl');
    expect(leaked(everythingShown(error), ['user:pass'])).toEqual([]);
  });

  it('client.raw with a base URL carrying user info is refused before any request', async () => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const { client } = clientFor(server);
    const withUser = `http://user:pass@${new URL(server.origin).host}/partners/v1`;
    const error = await rejection(client.raw.GET('/captcha', { baseUrl: withUser }));
    // Refused by Request itself (openapi-fetch builds one) or by the transport: a PartnerError either way.
    expect(error).toBeInstanceOf(PartnerError);
    expect(server.connections).toBe(0);
    expect(leaked(everythingShown(error), [API_KEY, 'user:pass'])).toEqual([]);
  });

  it('an error body echoing the key, the token and a card number is kept redacted in the PartnerApiError', async () => {
    const server = await serve((req) =>
      route(req) === 'POST /oauth/accesstoken'
        ? { status: 200, body: { access_token: 'tok-echo-1', expires_in: '3599' } }
        : {
            status: 400,
            body: {
              error: { message: `Bad request /event?apikey=${API_KEY} with Bearer tok-echo-1 for card 4588883206000011`, code: 10002 },
              request: { authorization: 'Bearer tok-echo-1', number: '4588883206000011' },
            },
          },
    );
    const { client } = clientFor(server, { clientSecret: SECRET });
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toMatchObject({ name: 'PartnerApiError', status: 400, code: 10002 });
    expect((error as Error).message).toContain('Bad request /event?apikey=***');
    expect(leaked(everythingShown(error), [API_KEY, 'tok-echo-1', '4588883206000011'])).toEqual([]);
  });

  it('a fetch failure quoting the URL and the credentials is redacted in message, cause chain, stack and inspect', async () => {
    const server = await serve(() => ({ status: 200, body: EVENT_BODY }));
    const issued: string[] = [];
    // A partner's own fetch wrapper (a proxy, say) that fails with a chatty error.
    const chatty: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.includes('/oauth/')) {
        issued.push('tok-secret-1');
        return new Response(JSON.stringify({ access_token: 'tok-secret-1', expires_in: '3599' }), {
          headers: { 'content-type': 'application/json' },
        });
      }
      const auth = new Headers(init?.headers).get('authorization');
      const inner = new Error(`proxy said no to ${url} with ${auth} for 4588883206000011`);
      throw new TypeError(`fetch failed: ${url}`, { cause: new AggregateError([inner], `connect ECONNREFUSED ${url}`) });
    };
    const { client } = clientFor(server, { clientSecret: SECRET, fetch: chatty, maxRetries: 0 });
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toBeInstanceOf(PartnerNetworkError);
    const shown = everythingShown(error);
    expect(shown).toContain('proxy said no');
    expect(
      leaked(shown, [API_KEY, SECRET, 'tok-secret-1', '4588883206000011', Buffer.from(`${API_KEY}:${SECRET}`).toString('base64')]),
    ).toEqual([]);
    expect(issued).toEqual(['tok-secret-1']);
  });
});

describe('finding 6: an abort rejects at once; the cleanup runs on in the background', () => {
  it('the aborted call rejects with the reason before the cleanup DELETE is answered, and the cleanup is reported', async () => {
    const controller = new AbortController();
    const reason = new Error('user left');
    const order: string[] = [];
    let answerDelete!: () => void;
    const deleteAnswered = new Promise<void>((resolve) => {
      answerDelete = resolve;
    });
    const server = await serve(async (req) => {
      if (route(req) === 'DELETE /cart') {
        order.push('delete received');
        // Held until the call has rejected (or, should it wait for this, for 5 s).
        await Promise.race([deleteAnswered, new Promise((r) => setTimeout(r, 5000))]);
        order.push('delete answered');
        return { status: 204 };
      }
      controller.abort(reason);
      return { status: 200, body: cartBody('c'), delayMs: 100 };
    });
    let report!: (r: CleanupReport) => void;
    const reported = new Promise<CleanupReport>((resolve) => {
      report = resolve;
    });
    const { client, logs } = clientFor(server, { onCleanup: (r) => report(r) });
    const cart = client.resumeCart('c', USER);
    const error = await rejection(cart.reserve(EVENT, { signal: controller.signal }));
    order.push('rejected');
    expect(error).toBe(reason);
    answerDelete();
    const outcome = await reported;
    expect(outcome).toMatchObject({ cartId: 'c', trigger: 'aborted', deleted: true });
    expect(order.indexOf('rejected')).toBeLessThan(order.indexOf('delete answered'));
    expect(cart.state).toBe('deleted');
    expect(logs.some((r) => r.message === 'cart cleanup after aborted: deleted')).toBe(true);
  });

  it('the whole purchase rejects at once too: disposing the cart does not wait for the cleanup', async () => {
    const controller = new AbortController();
    const reason = new Error('user left');
    let deletes = 0;
    let answerDelete!: () => void;
    const deleteAnswered = new Promise<void>((resolve) => {
      answerDelete = resolve;
    });
    const server = await serve(async (req) => {
      const r = route(req);
      if (r === 'POST /cart') return { status: 200, body: { cart_id: 'c9' } };
      if (r === 'DELETE /cart') {
        deletes++;
        await Promise.race([deleteAnswered, new Promise((resolve) => setTimeout(resolve, 5000))]);
        return { status: 204 };
      }
      controller.abort(reason);
      return { status: 200, body: cartBody('c9') };
    });
    const reports: CleanupReport[] = [];
    const { client } = clientFor(server, { onCleanup: (r) => reports.push(r) });
    const error = await rejection(
      client.purchase(
        { captchaToken: 'captcha-ok', user: USER, event: EVENT, payment: PAYMENT, card: CARD, sourceAccountId: 'a' },
        { signal: controller.signal },
      ),
    );
    expect(error).toBe(reason);
    // The cleanup is still waiting on its DELETE: nothing is reported yet.
    expect(reports).toEqual([]);
    answerDelete();
    await expect.poll(() => reports.length, { timeout: 10_000 }).toBe(1);
    expect(reports[0]).toMatchObject({ cartId: 'c9', trigger: 'aborted', deleted: true });
    expect(deletes).toBe(1);
  });

  it('a cleanup that cannot finish stops at cleanupTimeoutMs, reported as not deleted, with no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const controller = new AbortController();
      const server = await serve(async (req) => {
        // The DELETE never gets an answer.
        if (route(req) === 'DELETE /cart') return new Promise<Answer>(() => undefined);
        controller.abort(new Error('gone'));
        return { status: 200, body: cartBody('c') };
      });
      const reports: CleanupReport[] = [];
      const { client, logs } = clientFor(server, {
        cleanupTimeoutMs: 300,
        onCleanup: (r) => {
          reports.push(r);
          throw new Error('a throwing callback changes nothing');
        },
      });
      await expect(client.resumeCart('c', USER).reserve(EVENT, { signal: controller.signal })).rejects.toThrow('gone');
      await expect.poll(() => reports.length, { timeout: 10_000 }).toBe(1);
      expect(reports[0]).toMatchObject({ trigger: 'aborted', deleted: false });
      expect(reports[0]?.error).toBeInstanceOf(PartnerTimeoutError);
      expect((reports[0]?.error as PartnerTimeoutError).kind).toBe('deadline');
      expect(logs.some((r) => r.level === 'warn' && r.message === 'cart cleanup after aborted failed: PartnerTimeoutError')).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('an abort ends the wait for a shared token request at once', async () => {
    const controller = new AbortController();
    const server = await serve((req) => {
      if (route(req) !== 'POST /oauth/accesstoken') return { status: 200, body: EVENT_BODY };
      setTimeout(() => controller.abort(new Error('no token wait')), 100);
      return { status: 200, body: { access_token: 'tok-slow', expires_in: '3599' }, delayMs: 5000 };
    });
    const { client } = clientFor(server, { clientSecret: SECRET });
    await expect(client.getEvent(EVENT_ID, { signal: controller.signal })).rejects.toThrow('no token wait');
    expect(server.requests.map(route)).toEqual(['POST /oauth/accesstoken']);
  });

  it('an abort ends the wait before a retry at once', async () => {
    const controller = new AbortController();
    const server = await serve(() => {
      setTimeout(() => controller.abort(new Error('no retry wait')), 100);
      return { status: 503 };
    });
    // Real waits: the backoff would be 10 s.
    const client = createPartnerClient({
      apiKey: API_KEY,
      environment: { baseUrl: `${server.origin}/partners/v1` },
      retryDelayMs: 10_000,
      maxRetryDelayMs: 10_000,
      maxRetries: 1,
    });
    await expect(client.getEvent(EVENT_ID, { signal: controller.signal })).rejects.toThrow('no retry wait');
    expect(server.requests).toHaveLength(1);
  });

  it('a call aborted while it waits its turn on the cart rejects at once and sends nothing', async () => {
    const server = await serve(() => ({ status: 200, body: cartBody('c'), delayMs: 400 }));
    const { client } = clientFor(server);
    const cart = client.resumeCart('c', USER);
    const first = cart.reserve(EVENT);
    const controller = new AbortController();
    const second = cart.reserve(EVENT, { signal: controller.signal });
    controller.abort(new Error('changed my mind'));
    await expect(second).rejects.toThrow('changed my mind');
    await first;
    expect(server.requests).toHaveLength(1);
  });
});

describe('finding 7: a polling_url is followed byte for byte', () => {
  it('keeps %20, ~, !, + and a bare flag as sent, and appends the key as text when missing', async () => {
    const query = 'note=a%20b&t=~x&e=!&flag&plus=a+b&cart_id=c%3D1';
    const server = await serve((req, s) =>
      route(req) === 'PUT /cart/tickets'
        ? { status: 202, body: { polling_url: `${s.origin}/partners/v1/polling/job~1?${query}`, wait: 1 } }
        : { status: 200, body: cartBody('c=1') },
    );
    const { client } = clientFor(server);
    await client.resumeCart('c=1', USER).reserve(EVENT);
    const poll = server.requests.find((r) => r.path.includes('/polling/'));
    expect(poll?.rawUrl).toBe(`/partners/v1/polling/job~1?${query}&apikey=${API_KEY}`);
  });

  it('a relative polling_url with the key already in it is sent unchanged', async () => {
    const server = await serve((req) =>
      route(req) === 'PUT /cart'
        ? { status: 202, body: { polling_url: '/partners/v1/polling/p?apikey=server-key&x=%7E', wait: 1 } }
        : { status: 200, body: { redemption_url: 'https://x/r', tm_app_url: 'tm://r', grand_total: 1, order_token: 'o' } },
    );
    const { client } = clientFor(server);
    await client.resumeCart('c', USER).purchase({ sourceAccountId: 'acct' });
    expect(server.requests[1]?.rawUrl).toBe('/partners/v1/polling/p?apikey=server-key&x=%7E');
  });
});

describe('finding 8: after a refused polling_url the cart is deleted on the configured origin', () => {
  it('a foreign polling_url: nothing reaches the other host, DELETE /cart goes to the API, and it is reported', async () => {
    const foreign = await serve(() => ({ status: 200, body: {} }));
    const server = await serve((req) =>
      route(req) === 'PUT /cart/tickets'
        ? { status: 202, body: { polling_url: `${foreign.origin}/partners/v1/polling/x`, wait: 1 } }
        : { status: 204 },
    );
    const reports: CleanupReport[] = [];
    const { client } = clientFor(server, { onCleanup: (r) => reports.push(r) });
    const cart = client.resumeCart('c=7', USER);
    const error = await rejection(cart.reserve(EVENT));
    expect(error).toBeInstanceOf(PartnerPollingError);
    expect((error as PartnerPollingError).reason).toBe('foreign-origin');
    expect(server.requests.map(route)).toEqual(['PUT /cart/tickets', 'DELETE /cart']);
    expect(server.requests[1]?.query.get('cart_id')).toBe('c=7');
    expect(foreign.connections).toBe(0);
    expect(cart.state).toBe('deleted');
    expect(reports).toMatchObject([{ cartId: 'c=7', trigger: 'polling', deleted: true }]);
  });
});

describe('the body cap', () => {
  for (const length of [true, false]) {
    it(`a body over maxResponseBytes (${length ? 'declared' : 'chunked'}) is a PartnerResponseError and is not read to its end`, async () => {
      const big = { api_transactable: true, filler: 'x'.repeat(5000) };
      // The rest of the body never comes: only a client that stops at the cap can answer.
      const server = await serve(() => ({ status: 200, body: big, length, cut: { after: length ? 10 : 3000, then: 'stall' } }));
      const { client } = clientFor(server, { maxResponseBytes: 1000, timeoutMs: 60_000 });
      const error = await rejection(client.getEvent(EVENT_ID));
      expect(error).toMatchObject({ name: 'PartnerResponseError', reason: 'too-large', status: 200 });
      expect((error as Error).message).toContain('1000-byte cap');
    });
  }

  it('a body exactly at the cap is read', async () => {
    const body = JSON.stringify(EVENT_BODY);
    const server = await serve(() => ({ status: 200, body: EVENT_BODY, length: true }));
    const { client } = clientFor(server, { maxResponseBytes: Buffer.byteLength(body) });
    await expect(client.getEvent(EVENT_ID)).resolves.toEqual(EVENT_BODY);
  });
});

describe('client.raw: nothing untyped escapes', () => {
  it('a body openapi-fetch cannot serialise is a PartnerError, not a TypeError', async () => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const { client } = clientFor(server);
    const error = await rejection(
      client.raw.POST('/cart', { params: { header: { 'True-Client-IP': USER.ip } }, body: { token: 1n as unknown as string } }),
    );
    expect(error).toBeInstanceOf(PartnerError);
    expect(((error as Error).cause as Error).name).toBe('TypeError');
    expect(server.requests).toHaveLength(0);
  });

  it("what the caller's own middleware throws reaches them unchanged", async () => {
    class MiddlewareSaysNo extends Error {}
    const server = await serve(() => ({ status: 200, body: EVENT_BODY }));
    const { client } = clientFor(server);
    client.raw.use({
      onRequest() {
        throw new MiddlewareSaysNo('not today');
      },
    });
    const error = await rejection(client.raw.GET('/event/{event_id}', { params: { path: { event_id: EVENT_ID } } }));
    expect(error).toBeInstanceOf(MiddlewareSaysNo);
    expect(server.requests).toHaveLength(0);
  });

  it("a TypeError the caller's own middleware throws or returns reaches them unchanged too, wherever it is registered", async () => {
    const server = await serve(() => ({ status: 200, body: EVENT_BODY }));
    const { client } = clientFor(server);
    const params = { params: { path: { event_id: EVENT_ID } } };
    const onRequest = new TypeError('middleware bug before the request');
    const onResponse = new TypeError('middleware bug after the answer');
    const returned = new RangeError('middleware replaced the error');
    const throwing = {
      onRequest() {
        throw onRequest;
      },
    };
    client.raw.use(throwing);
    expect(await rejection(client.raw.GET('/event/{event_id}', params))).toBe(onRequest);
    client.raw.eject(throwing);
    const perCall = {
      onResponse() {
        throw onResponse;
      },
    };
    expect(await rejection(client.raw.GET('/event/{event_id}', { ...params, middleware: [perCall] }))).toBe(onResponse);
    // The raw client's own failures are still wrapped: a body openapi-fetch cannot serialise.
    const own = await rejection(
      client.raw.POST('/cart', { params: { header: { 'True-Client-IP': USER.ip } }, body: { token: 1n as unknown as string } }),
    );
    expect(own).toBeInstanceOf(PartnerError);
    // An error onError returns in place of the transport's is the caller's own as well.
    const failing = createPartnerClient({ apiKey: API_KEY, environment: { baseUrl: 'http://127.0.0.1:9/partners/v1' }, maxRetries: 0 });
    failing.raw.use({ onError: () => returned });
    expect(await rejection(failing.raw.GET('/event/{event_id}', params))).toBe(returned);
    expect(server.requests).toHaveLength(1);
  });

  it('hands middleware and callers a real Response, read to its end, with the URL it came from', async () => {
    const server = await serve(() => ({ status: 200, body: EVENT_BODY, headers: { 'x-request-id': 'r-1' } }));
    const { client } = clientFor(server);
    const seen: unknown[] = [];
    client.raw.use({
      async onResponse({ response }) {
        seen.push(response instanceof Response, await response.clone().json());
        return undefined;
      },
    });
    const result = await client.raw.GET('/event/{event_id}', { params: { path: { event_id: EVENT_ID } } });
    expect(seen).toEqual([true, EVENT_BODY]);
    expect(result.data).toEqual(EVENT_BODY);
    expect(result.response).toBeInstanceOf(Response);
    expect(result.response.url).toBe(`${server.origin}/partners/v1/event/${EVENT_ID}?apikey=${API_KEY}`);
    expect(result.response.headers.get('x-request-id')).toBe('r-1');
  });
});

/** The origin of the server that got `req` (from its Host header). */
function serverOrigin(req: SeenRequest): string {
  return `http://${String(req.headers.host)}`;
}

/** Global fetch that counts the responses whose headers arrived (and tells `onHeaders`). */
function watchHeaders(onHeaders?: () => void): { fetch: typeof fetch; arrived: number } {
  const watch = {
    arrived: 0,
    fetch: (async (input, init) => {
      const response = await fetch(input, init);
      watch.arrived++;
      onHeaders?.();
      return response;
    }) as typeof fetch,
  };
  return watch;
}

/** Global fetch, except the token call, answered here so the test needs no token endpoint. */
function tokenlessFetch(origin: string): typeof fetch {
  return async (input, init) => {
    if (String(input).startsWith(`${origin}/partners/v1/oauth/`)) {
      return new Response(JSON.stringify({ access_token: 'tok-307', expires_in: '3599' }), {
        headers: { 'content-type': 'application/json' },
      });
    }
    return fetch(input, init);
  };
}
