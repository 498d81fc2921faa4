import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, DEFAULT_CLIENT_SECRET, SANDBOX_EVENTS, startSandbox } from '../../packages/sandbox/src/index.js';
import type { Sandbox } from '../../packages/sandbox/src/index.js';
import { call, collectingLogger, expectFault, SAFE_START } from './helpers.js';
import type { Schemas } from './helpers.js';

const log = collectingLogger();
const EVENT = `/event/${SANDBOX_EVENTS.generalAdmission}`;

function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

async function requestToken(
  sandbox: Sandbox,
  key = DEFAULT_API_KEY,
  secret = DEFAULT_CLIENT_SECRET,
  body = 'grant_type=client_credentials',
) {
  return call(sandbox, 'POST', '/oauth/accesstoken', {
    apiKey: key,
    headers: { Authorization: basic(key, secret) },
    body,
    contentType: 'application/x-www-form-urlencoded',
    noClientIp: true,
  });
}

describe('API key', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      startTime: SAFE_START,
      logger: log.logger,
      clients: { [DEFAULT_API_KEY]: DEFAULT_CLIENT_SECRET, second: 'two' },
    });
  });
  afterAll(() => sandbox.close());

  it('is required on every operation, with the gateway fault of the spec', async () => {
    const paths: Array<[string, string]> = [
      ['POST', '/oauth/accesstoken'],
      ['GET', EVENT],
      ['GET', '/captcha'],
      ['POST', '/cart'],
      ['PUT', '/cart'],
      ['DELETE', '/cart'],
      ['PUT', '/cart/tickets'],
      ['GET', '/certificate'],
      ['PUT', '/cart/payment'],
      ['GET', '/orders/unredeemed'],
      ['GET', '/polling/cart-PUT-0011'],
    ];
    for (const [method, path] of paths) {
      const missing = await call(sandbox, method, path, { noApiKey: true });
      expect({ method, path, status: missing.status, body: missing.json }).toEqual({
        method,
        path,
        status: 401,
        body: { fault: { faultstring: 'Invalid ApiKey', detail: { errorcode: 'oauth.v2.InvalidApiKey' } } },
      });
      expectFault(await call(sandbox, method, path, { apiKey: 'not-a-key' }), 'oauth.v2.InvalidApiKey');
    }
  });

  it('accepts every configured key', async () => {
    expect((await call(sandbox, 'GET', EVENT, { apiKey: 'second', noClientIp: true })).status).toBe(200);
  });
});

describe('access tokens', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      startTime: SAFE_START,
      logger: log.logger,
      tokenLifetimeSeconds: 60,
      clients: { [DEFAULT_API_KEY]: DEFAULT_CLIENT_SECRET, second: 'two' },
    });
  });
  afterAll(() => sandbox.close());

  it('are issued for the key and secret, with every number as a string, and counted', async () => {
    const before = sandbox.tokensIssued();
    const answer = await requestToken(sandbox);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      issued_at: String(SAFE_START),
      scope: '',
      status: 'approved',
      expires_in: '60',
      token_type: 'BearerToken',
      client_id: DEFAULT_API_KEY,
      access_token: expect.stringMatching(/^[A-Za-z0-9]{28}$/),
    });
    expect(sandbox.tokensIssued()).toBe(before + 1);
  });

  it('are refused with a 401 fault for a wrong secret, a foreign key in Basic, or no Basic at all', async () => {
    const before = sandbox.tokensIssued();
    expectFault(await requestToken(sandbox, DEFAULT_API_KEY, 'wrong'), 'oauth.v2.InvalidClientIdentifier');
    const mismatched = await call(sandbox, 'POST', '/oauth/accesstoken', {
      headers: { Authorization: basic('second', 'two') },
      body: 'grant_type=client_credentials',
      contentType: 'application/x-www-form-urlencoded',
    });
    expectFault(mismatched, 'oauth.v2.InvalidClientIdentifier');
    const none = await call(sandbox, 'POST', '/oauth/accesstoken', {
      body: 'grant_type=client_credentials',
      contentType: 'application/x-www-form-urlencoded',
    });
    expectFault(none, 'oauth.v2.InvalidClientIdentifier');
    expect(sandbox.tokensIssued()).toBe(before);
  });

  it('need grant_type=client_credentials as a form body (400 / 10002 otherwise)', async () => {
    const misspelled = await requestToken(sandbox, DEFAULT_API_KEY, DEFAULT_CLIENT_SECRET, 'grant_type=cient_credentials');
    expect({ status: misspelled.status, code: (misspelled.json as Schemas['Error']).error.code }).toEqual({ status: 400, code: 10002 });
    const asJson = await call(sandbox, 'POST', '/oauth/accesstoken', {
      headers: { Authorization: basic(DEFAULT_API_KEY, DEFAULT_CLIENT_SECRET) },
      body: { grant_type: 'client_credentials' },
    });
    expect(asJson.status).toBe(400);
  });

  it('work until they expire on the sandbox clock, then fail with InvalidAccessToken until renewed', async () => {
    const first = ((await requestToken(sandbox)).json as Schemas['AccessToken']).access_token;
    expect((await call(sandbox, 'GET', EVENT, { bearer: first, noClientIp: true })).status).toBe(200);
    sandbox.clock.advance(59_000);
    expect((await call(sandbox, 'GET', EVENT, { bearer: first, noClientIp: true })).status).toBe(200);
    sandbox.clock.advance(1_000);
    const expired = await call(sandbox, 'GET', EVENT, { bearer: first, noClientIp: true });
    expect(expired.json).toEqual({ fault: { faultstring: 'Invalid access token', detail: { errorcode: 'oauth.v2.InvalidAccessToken' } } });
    expect(expired.status).toBe(401);
    const renewed = ((await requestToken(sandbox)).json as Schemas['AccessToken']).access_token;
    expect(renewed).not.toBe(first);
    expect((await call(sandbox, 'GET', EVENT, { bearer: renewed, noClientIp: true })).status).toBe(200);
  });

  it('must be known and belong to the apikey of the call', async () => {
    expectFault(
      await call(sandbox, 'GET', EVENT, { bearer: 'tW0tqWjB74Q4KQMOSEwbMhOhvADf', noClientIp: true }),
      'oauth.v2.InvalidAccessToken',
    );
    const ofSecond = ((await requestToken(sandbox, 'second', 'two')).json as Schemas['AccessToken']).access_token;
    expectFault(await call(sandbox, 'GET', EVENT, { bearer: ofSecond, noClientIp: true }), 'oauth.v2.InvalidAccessToken');
    expect((await call(sandbox, 'GET', EVENT, { apiKey: 'second', bearer: ofSecond, noClientIp: true })).status).toBe(200);
    const notBearer = await call(sandbox, 'GET', EVENT, { headers: { Authorization: 'Token abc' }, noClientIp: true });
    expectFault(notBearer, 'oauth.v2.InvalidAccessToken');
  });

  it('are optional unless required', async () => {
    expect((await call(sandbox, 'GET', EVENT, { noClientIp: true })).status).toBe(200);
  });
});

describe('requireAccessToken', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ startTime: SAFE_START, logger: log.logger, requireAccessToken: true });
  });
  afterAll(() => sandbox.close());

  it('refuses calls without a bearer token but still issues tokens', async () => {
    expectFault(await call(sandbox, 'GET', EVENT, { noClientIp: true }), 'oauth.v2.InvalidAccessToken');
    expectFault(await call(sandbox, 'GET', '/captcha', { noClientIp: true }), 'oauth.v2.InvalidAccessToken');
    const token = ((await requestToken(sandbox)).json as Schemas['AccessToken']).access_token;
    expect((await call(sandbox, 'GET', EVENT, { bearer: token, noClientIp: true })).status).toBe(200);
    expect((await call(sandbox, 'POST', '/cart', { bearer: token, body: { token: 'sandbox-captcha-token' } })).status).toBe(200);
  });
});
