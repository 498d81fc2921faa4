/**
 * The client against the findings of its second review, one block per finding: a shared
 * certificate fetch, tokens and keys in errors, redirect and polling URLs quoted in
 * errors, end-user headers, option checks, and the edges of an attempt. Real loopback
 * servers throughout.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  PartnerApiError,
  type PartnerClientOptions,
  PartnerError,
  PartnerPollingError,
  PartnerResponseError,
  PartnerTimeoutError,
  PartnerValidationError,
  createPartnerClient,
} from '../../packages/client/src/index.js';
import { handBuiltCertificate, likeTheApiExample, makeKeys } from './certificates.js';
import { API_KEY, CARD, EVENT, PAYMENT as BILLING, USER, cartBody, clientFor, rejection } from './support/client-fixture.js';
import { everythingShown, leaked } from './support/leak-check.js';
import { type Answer, type ScriptedServer, type SeenRequest, route, useScriptedServers } from './support/scripted-server.js';

const serve = useScriptedServers(afterEach);

const EVENT_ID = '3F004CBB88958BF9';
const EVENT_BODY = { api_transactable: true, event: { id: EVENT_ID, name: 'Review night' } };
const CERTIFICATE = { id: 'paysys-review.0.us.1', value: likeTheApiExample(handBuiltCertificate(makeKeys(2048))) };
const PAYMENT = { ...BILLING, amount: '19.50' };
const SECRET = 'client-secret-r3v1ew';

/** The API for a token test: the token endpoint answers `token`, everything else the event. */
function withTokenAnswer(token: Answer) {
  return (req: SeenRequest): Answer => (route(req) === 'POST /oauth/accesstoken' ? token : { status: 200, body: EVENT_BODY });
}

/** An API whose reserve answers 202 with `pollingUrl(server)`; polls get the final cart, deletes a 204. */
function pollingTo(pollingUrl: (s: ScriptedServer) => string) {
  return (req: SeenRequest, s: ScriptedServer): Answer => {
    const r = route(req);
    if (r === 'PUT /cart/tickets') return { status: 202, body: { polling_url: pollingUrl(s), wait: 1 } };
    if (r === 'DELETE /cart') return { status: 204 };
    return { status: 200, body: cartBody('c') };
  };
}

describe('review 1: a certificate fetch shared by two carts is not ended by one caller’s abort', () => {
  for (const call of ['addPayment', 'getCertificate'] as const) {
    it(`${call}: cart A is aborted while the fetch is in flight; cart B, never aborted, still gets the certificate`, async () => {
      const controller = new AbortController();
      const reason = new Error('cart A gave up');
      let bJoined!: () => void;
      const joined = new Promise<void>((resolve) => {
        bJoined = resolve;
      });
      let startB!: () => void;
      const bSettled = new Promise<unknown>((resolve) => {
        startB = () =>
          resolve(
            run(client.resumeCart('b', USER)).then(
              (value) => ({ value }),
              (error: unknown) => ({ error }),
            ),
          );
      });
      const server = await serve(async (req) => {
        const r = route(req);
        if (r === 'GET /certificate') {
          controller.abort(reason);
          startB();
          // Answered once cart B waits on this same fetch (or after 5 s, should it never).
          await Promise.race([joined, new Promise((resolve) => setTimeout(resolve, 5000))]);
          return { status: 200, body: CERTIFICATE };
        }
        if (r === 'DELETE /cart') return { status: 204 };
        return { status: 200, body: { cart: cartBody('b').cart } };
      });
      // The client reads its clock once per certificate lookup: the second read is cart B's.
      let reads = 0;
      const { client } = clientFor(server, {
        now: () => {
          if (++reads === 2) bJoined();
          return Date.now();
        },
      });
      const run = (cart: ReturnType<typeof client.resumeCart>, signal?: AbortSignal) =>
        call === 'addPayment' ? cart.addPayment({ payment: PAYMENT, card: CARD }, { signal }) : cart.getCertificate({ signal });
      const errorA = await rejection(run(client.resumeCart('a', USER), controller.signal));
      expect(errorA).toBe(reason);
      const outcomeB = (await bSettled) as { value?: unknown; error?: unknown };
      expect(outcomeB.error).toBeUndefined();
      if (call === 'getCertificate') expect(outcomeB.value).toEqual(CERTIFICATE);
      else expect(outcomeB.value).toEqual({ cart: cartBody('b').cart });
      expect(server.requests.filter((r) => route(r) === 'GET /certificate')).toHaveLength(1);
    });
  }
});

describe('review 2: access tokens never reach an error', () => {
  it('a token answer that does not parse: the excerpt masks access_token and refresh_token', async () => {
    const body = '{"access_token":"tok-leak-1","refresh_token":"rt-leak-2","expires_in":"3599",}';
    const server = await serve(withTokenAnswer({ status: 200, body, headers: { 'content-type': 'application/json' } }));
    const { client } = clientFor(server, { clientSecret: SECRET, maxRetries: 0 });
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toMatchObject({ name: 'PartnerResponseError', reason: 'invalid-json', status: 200 });
    expect((error as PartnerResponseError).excerpt).toContain('"access_token":"***"');
    expect((error as PartnerResponseError).excerpt).toContain('"expires_in":"3599"');
    expect(leaked(everythingShown(error), ['tok-leak-1', 'rt-leak-2', SECRET])).toEqual([]);
  });

  it('any answer that does not parse: secret JSON fields (card, CVV, password, client secret) are masked in the excerpt', async () => {
    const body = `{"card": {"number": "4588883206000011", "cvv": "8642"}, "password": "hunter2-pw", "client_secret": "cs-9", "apikey": "k-9"`;
    const server = await serve(() => ({ status: 200, body, headers: { 'content-type': 'application/json' } }));
    const { client } = clientFor(server);
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toMatchObject({ name: 'PartnerResponseError', reason: 'invalid-json' });
    expect((error as PartnerResponseError).excerpt).toContain('"cvv": "***"');
    expect(leaked(everythingShown(error), ['4588883206000011', '8642', 'hunter2-pw', 'cs-9', 'k-9'])).toEqual([]);
  });

  it('a token with a line break in it is refused as a PartnerError naming no value, and nothing else is sent', async () => {
    const server = await serve(withTokenAnswer({ status: 200, body: { access_token: 'tok-crlf-1\r\nX-Injected: 1', expires_in: '3599' } }));
    const { client } = clientFor(server, { clientSecret: SECRET });
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toBeInstanceOf(PartnerError);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(leaked(everythingShown(error), ['tok-crlf-1', 'X-Injected'])).toEqual([]);
    expect(server.requests.map(route)).toEqual(['POST /oauth/accesstoken']);
  });

  it('a token-call error body carrying access_token keeps it masked in PartnerApiError.body', async () => {
    const server = await serve(
      withTokenAnswer({
        status: 400,
        body: { error: { message: 'invalid_client' }, access_token: 'tok-err-1', refresh_token: 'rt-err-2' },
      }),
    );
    const { client } = clientFor(server, { clientSecret: SECRET });
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toBeInstanceOf(PartnerApiError);
    expect((error as PartnerApiError).body).toEqual({ error: { message: 'invalid_client' }, access_token: '***', refresh_token: '***' });
    expect(leaked(everythingShown(error), ['tok-err-1', 'rt-err-2'])).toEqual([]);
  });
});

describe('review 3: Location and polling URLs are redacted before an error quotes them', () => {
  const locations: [string, string, string][] = [
    ['user info without a scheme', `//${API_KEY}:x@evil.example/p`, 'http://evil.example/p'],
    ['the key in the path', `http://evil.example/cb/${API_KEY}/x`, 'http://evil.example/cb/***/x'],
  ];
  for (const [name, location, shown] of locations) {
    it(`a redirect to a Location with ${name}: neither the message nor err.location holds the key`, async () => {
      const server = await serve(() => ({ status: 307, headers: { location } }));
      const { client } = clientFor(server);
      const error = await rejection(client.getEvent(EVENT_ID));
      expect(error).toMatchObject({ name: 'PartnerResponseError', reason: 'redirect', location: shown });
      expect(leaked(everythingShown(error), [API_KEY])).toEqual([]);
      expect(server.requests).toHaveLength(1);
    });
  }

  it('a same-origin hop to a path holding the key, then a refused redirect: the message masks the key in the request URL', async () => {
    const server = await serve((req) =>
      req.path.includes('/cb/')
        ? { status: 302, headers: { location: '/partners/v1/elsewhere' } }
        : { status: 307, headers: { location: `/partners/v1/cb/${API_KEY}/x` } },
    );
    const { client } = clientFor(server);
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toMatchObject({ name: 'PartnerResponseError', reason: 'redirect', status: 302 });
    expect((error as Error).message).toContain('/partners/v1/cb/***/x');
    expect(leaked(everythingShown(error), [API_KEY])).toEqual([]);
  });

  it('a polling_url with user info and no scheme is refused without quoting the key', async () => {
    const server = await serve(pollingTo((s) => `//${API_KEY}:x@${new URL(s.origin).host}/partners/v1/polling/p`));
    const { client } = clientFor(server);
    const error = await rejection(client.resumeCart('c', USER).reserve(EVENT));
    expect(error).toMatchObject({ name: 'PartnerPollingError', reason: 'user-info' });
    expect(leaked(everythingShown(error), [API_KEY])).toEqual([]);
    expect(server.requests.map(route)).toEqual(['PUT /cart/tickets', 'DELETE /cart']);
  });

  it('a foreign polling_url with the key in its path is refused without quoting the key', async () => {
    const foreign = await serve(() => ({ status: 200, body: {} }));
    const server = await serve(pollingTo(() => `${foreign.origin}/cb/${API_KEY}/p`));
    const { client } = clientFor(server);
    const error = await rejection(client.resumeCart('c', USER).reserve(EVENT));
    expect(error).toMatchObject({ name: 'PartnerPollingError', reason: 'foreign-origin' });
    expect((error as Error).message).toContain(`${foreign.origin}/cb/***/p`);
    expect(leaked(everythingShown(error), [API_KEY])).toEqual([]);
    expect(foreign.connections).toBe(0);
  });
});

describe('review 4: end-user headers fetch would refuse are a PartnerValidationError naming the field', () => {
  const ip = USER.ip;
  it('openCart and client.purchase reject, before any request', async () => {
    const server = await serve(() => ({ status: 200, body: { cart_id: 'c' } }));
    const { client } = clientFor(server);
    const flow = { captchaToken: 'captcha-ok', event: EVENT, payment: PAYMENT, card: CARD, sourceAccountId: 'acct' };
    const cases: [() => Promise<unknown>, string][] = [
      [() => client.openCart({ captchaToken: 'captcha-ok', user: { ip, headers: { 'bad name': 'x' } } }), 'user.headers.bad name'],
      [() => client.openCart({ captchaToken: 'captcha-ok', user: { ip, userId: 'a\nb' } }), 'user.userId'],
      [() => client.openCart({ captchaToken: 'captcha-ok', user: { ip, headers: { 'user-agent': 'a\r\nb' } } }), 'user.headers.user-agent'],
      [() => client.purchase({ ...flow, user: { ip, userId: 'Ω-user' } }), 'user.userId'],
      [() => client.purchase({ ...flow, user: { ip, headers: { 'x-a': 'a\u0000b' } } }), 'user.headers.x-a'],
    ];
    for (const [call, field] of cases) {
      const error = await rejection(call());
      expect(error, field).toBeInstanceOf(PartnerValidationError);
      expect((error as PartnerValidationError).field).toBe(field);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('resumeCart throws it synchronously', async () => {
    const server = await serve(() => ({ status: 204 }));
    const { client } = clientFor(server);
    let error: unknown;
    try {
      client.resumeCart('c', { ip, headers: { 'x-a': 'a\r\nb' } });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PartnerValidationError);
    expect((error as PartnerValidationError).field).toBe('user.headers.x-a');
    expect(server.requests).toHaveLength(0);
  });
});

describe('review 5: what the README promises about raw calls and polling URLs', () => {
  it('a polling URL is sent as the URL parser reads it: its query is not re-serialised, the key appended as text', async () => {
    const server = await serve(pollingTo((s) => `${s.origin}/partners/v1/polling/a b/../p?q="x y"&r=a+b&flag#frag`));
    const { client } = clientFor(server);
    await client.resumeCart('c', USER).reserve(EVENT);
    const poll = server.requests.find((r) => r.path.includes('/polling/'));
    expect(poll?.rawUrl).toBe(`/partners/v1/polling/p?q=%22x%20y%22&r=a+b&flag&apikey=${API_KEY}`);
  });

  for (const method of ['HEAD', 'OPTIONS'] as const) {
    it(`client.raw.${method} is retried on a 503 like GET, as a safe method`, async () => {
      let calls = 0;
      const server = await serve(() => (++calls === 1 ? { status: 503 } : { status: 200, body: {} }));
      const { client, sleeps } = clientFor(server);
      // Neither operation is in the API description: called untyped.
      const call = client.raw[method] as unknown as (path: string, init: unknown) => Promise<{ response: Response }>;
      const result = await call('/event/{event_id}', { params: { path: { event_id: EVENT_ID } } });
      expect(result.response.status).toBe(200);
      expect(server.requests.map((r) => r.method)).toEqual([method, method]);
      expect(sleeps).toHaveLength(1);
    });
  }
});

describe('review 6: options of the wrong type or range are refused before any request', () => {
  it('createPartnerClient names the option', async () => {
    const server = await serve(() => ({ status: 200, body: EVENT_BODY }));
    const bad: [Record<string, unknown>, string][] = [
      [{ polling: { maxAttempts: Number.NaN } }, 'polling.maxAttempts'],
      [{ polling: { deadlineMs: Number.NaN } }, 'polling.deadlineMs'],
      [{ polling: { minIntervalMs: -1 } }, 'polling.minIntervalMs'],
      [{ polling: { maxIntervalMs: 'x' } }, 'polling.maxIntervalMs'],
      [{ polling: { onPoll: 'x' } }, 'polling.onPoll'],
      [{ polling: { forcePolling: 'yes' } }, 'polling.forcePolling'],
      [{ polling: 5 }, 'polling'],
      [{ fetch: 5 }, 'fetch'],
      [{ logger: 'x' }, 'logger'],
      [{ logLevel: 'loud' }, 'logLevel'],
      [{ sleep: 1 }, 'sleep'],
      [{ now: 3 }, 'now'],
      [{ certificateTtlMs: 'x' }, 'certificateTtlMs'],
      [{ maxResponseBytes: 'x' }, 'maxResponseBytes'],
      [{ cleanupTimeoutMs: -5 }, 'cleanupTimeoutMs'],
      [{ onCleanup: 'x' }, 'onCleanup'],
    ];
    for (const [option, field] of bad) {
      let error: unknown;
      try {
        createPartnerClient({
          apiKey: API_KEY,
          environment: { baseUrl: `${server.origin}/partners/v1` },
          ...(option as Partial<PartnerClientOptions>),
        });
      } catch (err) {
        error = err;
      }
      expect(error, field).toBeInstanceOf(PartnerValidationError);
      expect((error as PartnerValidationError).field).toBe(field);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('per-call polling overrides are checked too, before any request', async () => {
    const server = await serve(pollingTo((s) => `${s.origin}/partners/v1/polling/p`));
    const { client } = clientFor(server);
    const flow = { captchaToken: 'captcha-ok', user: USER, event: EVENT, payment: PAYMENT, card: CARD, sourceAccountId: 'acct' };
    const cases: [() => Promise<unknown>, string][] = [
      [() => client.resumeCart('c', USER).reserve(EVENT, { polling: { maxAttempts: Number.NaN } }), 'polling.maxAttempts'],
      [
        () => client.resumeCart('c', USER).purchase({ sourceAccountId: 'a' }, { polling: { deadlineMs: Number.NaN } }),
        'polling.deadlineMs',
      ],
      [() => client.resumeCart('c', USER).delete({ polling: { minIntervalMs: Number.POSITIVE_INFINITY } }), 'polling.minIntervalMs'],
      [() => client.purchase(flow, { polling: { maxAttempts: -1 } }), 'polling.maxAttempts'],
    ];
    for (const [call, field] of cases) {
      const error = await rejection(call());
      expect(error, field).toBeInstanceOf(PartnerValidationError);
      expect((error as PartnerValidationError).field).toBe(field);
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('review 7: a body excerpt is redacted before it is cut', () => {
  it('no part of a key survives at the cut, however much masking shortened the text', async () => {
    // 14 characters, then the key over and over: a cut at 800 characters would fall 12 characters into a key.
    const body = `{"k":"xxxxxxxx${`${API_KEY},`.repeat(60)}`;
    const server = await serve(() => ({ status: 200, body, headers: { 'content-type': 'application/json' } }));
    const { client } = clientFor(server);
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toMatchObject({ name: 'PartnerResponseError', reason: 'invalid-json' });
    expect((error as PartnerResponseError).excerpt).toMatch(/^\{"k":"xxxxxxxx\*\*\*,/);
    expect((error as PartnerResponseError).excerpt).not.toContain(API_KEY.slice(0, 6));
    expect((error as PartnerResponseError).excerpt).toHaveLength(200);
  });
});

describe('review 8: an attempt sends nothing once it has ended', () => {
  /** Global fetch that ignores the signal it is given and records when each call started. */
  function deafFetch() {
    const watch = {
      started: [] as number[],
      last: Promise.resolve() as Promise<unknown>,
      fetch: ((input, init) => {
        watch.started.push(performance.now());
        const pending = fetch(input, { ...init, signal: undefined });
        watch.last = pending.catch(() => undefined);
        return pending;
      }) as typeof fetch,
    };
    return watch;
  }

  it('a call whose signal is already aborted sends nothing, even through a fetch that ignores signals', async () => {
    const server = await serve(() => ({ status: 200, body: EVENT_BODY }));
    const deaf = deafFetch();
    const { client } = clientFor(server, { fetch: deaf.fetch });
    const reason = new Error('aborted before the call');
    const error = await rejection(client.getEvent(EVENT_ID, { signal: AbortSignal.abort(reason) }));
    expect(error).toBe(reason);
    expect(deaf.started).toEqual([]);
    expect(server.connections).toBe(0);
  });

  it('after the deadline, no further redirect hop is sent', async () => {
    const server = await serve((req) => ({ status: 307, headers: { location: `${req.path}x` }, delayMs: 300 }));
    const deaf = deafFetch();
    const { client } = clientFor(server, { fetch: deaf.fetch, timeoutMs: 450, maxRetries: 0 });
    const error = await rejection(client.getEvent(EVENT_ID));
    const ended = performance.now();
    expect(error).toBeInstanceOf(PartnerTimeoutError);
    // Let the hop in flight come back, and the attempt's loop see it.
    await deaf.last;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(deaf.started.filter((t) => t > ended)).toEqual([]);
  });
});

describe('review 9: answers the client cannot use are PartnerResponseErrors', () => {
  it('an empty 200 that declares JSON, for an operation that always has a body', async () => {
    const server = await serve(() => ({ status: 200, body: '', headers: { 'content-type': 'application/json', 'x-request-id': 'r-9' } }));
    const { client } = clientFor(server);
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toBeInstanceOf(PartnerResponseError);
    expect(error).toMatchObject({ reason: 'invalid-json', status: 200, requestId: 'r-9', excerpt: '' });
    expect((error as Error).message).toMatch(/empty/);
  });

  it('a final poll answer in text/plain that is not JSON is not said to declare JSON', async () => {
    const server = await serve((req, s) =>
      route(req) === 'PUT /cart/tickets'
        ? { status: 202, body: { polling_url: `${s.origin}/partners/v1/polling/p`, wait: 1 } }
        : { status: 200, body: 'all good', headers: { 'content-type': 'text/plain' } },
    );
    const { client } = clientFor(server);
    const error = await rejection(client.resumeCart('c', USER).reserve(EVENT));
    expect(error).toMatchObject({ name: 'PartnerResponseError', reason: 'invalid-json', excerpt: 'all good' });
    expect((error as Error).message).not.toContain('declares JSON');
    expect((error as Error).message).toContain('not valid JSON');
  });

  it('a body whose Content-Encoding does not decode is a PartnerResponseError, not retried', async () => {
    const server = await serve(() => ({ status: 200, body: '{"not":"gzip"}', length: true, headers: { 'content-encoding': 'gzip' } }));
    const { client } = clientFor(server, { maxRetries: 2 });
    const error = await rejection(client.getEvent(EVENT_ID));
    expect(error).toBeInstanceOf(PartnerResponseError);
    expect(error).toMatchObject({ reason: 'bad-encoding', status: 200 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('review 10: an empty or non-HTTP polling_url is refused', () => {
  for (const [name, url] of [
    ['empty', ''],
    ['javascript:', 'javascript:alert(1)'],
    ['mailto:', 'mailto:ops@example.com'],
  ] as const) {
    it(`${name}: a PartnerPollingError (invalid-url), no poll, and the cart is deleted`, async () => {
      const server = await serve(pollingTo(() => url));
      const { client } = clientFor(server);
      const error = await rejection(client.resumeCart('c', USER).reserve(EVENT));
      expect(error).toBeInstanceOf(PartnerPollingError);
      expect((error as PartnerPollingError).reason).toBe('invalid-url');
      expect((error as Error).message).not.toContain('null');
      expect(server.requests.map(route)).toEqual(['PUT /cart/tickets', 'DELETE /cart']);
    });
  }
});

describe('review 12: a 202 polling answer is read as JSON whatever its content type', () => {
  it('a polling instruction sent as text/plain is followed, as the first answer would be', async () => {
    let polls = 0;
    const server = await serve((req, s) => {
      const r = route(req);
      if (r === 'PUT /cart/tickets') return { status: 202, body: { polling_url: `${s.origin}/partners/v1/polling/p`, wait: 1 } };
      if (++polls === 1) {
        const body = JSON.stringify({ polling_url: `${s.origin}/partners/v1/polling/p2`, wait: 1 });
        return { status: 202, body, headers: { 'content-type': 'text/plain' } };
      }
      return { status: 200, body: cartBody('c', 7) };
    });
    const { client } = clientFor(server);
    const cart = await client.resumeCart('c', USER).reserve(EVENT);
    expect(cart.cart.totals.unpaid).toBe(7);
    expect(server.requests.map((r) => r.path)).toEqual(['/partners/v1/cart/tickets', '/partners/v1/polling/p', '/partners/v1/polling/p2']);
  });
});
