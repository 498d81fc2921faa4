import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractValidator, SANDBOX_EVENTS, SANDBOX_TICKET_TYPES, startSandbox } from '../../packages/sandbox/src/index.js';
import type { OpenApiDocument, Sandbox, SandboxResponse } from '../../packages/sandbox/src/index.js';
import { call, collectingLogger, openCart, reserveBody, SAFE_START } from './helpers.js';

const DOCUMENT_FILE = new URL('../../generated/openapi.json', import.meta.url);
const GA = SANDBOX_EVENTS.generalAdmission;
const GA_TYPE = SANDBOX_TICKET_TYPES.generalAdmission;
const validator = ContractValidator.fromFile(DOCUMENT_FILE);
const goodCart = {
  cart_id: 'abc=',
  cart: { hold_time: 299, items: [], totals: { delivery: 0, fee: 0, grand: 0, merchandise: 0, tax: 0, unpaid: 0, upsell: 0 } },
};

describe('ContractValidator on generated/openapi.json', () => {
  it('knows every operation of the document, with its method and path', () => {
    const ops = validator.listOperations().map((op) => `${op.method} ${op.path} ${op.operationId}`);
    expect(ops).toContain('PUT /cart/tickets reserveTickets');
    expect(ops).toContain('GET /polling/{poll_path} poll');
    expect(ops).toHaveLength(11);
  });

  it('routes paths, one segment per variable, and tells a wrong method apart', () => {
    expect(validator.match('GET', '/polling/cart-tickets-PUT-00AB')).toEqual({
      kind: 'operation',
      operation: expect.objectContaining({ operationId: 'poll' }),
      params: { poll_path: 'cart-tickets-PUT-00AB' },
    });
    expect(validator.match('GET', '/polling/cart/tickets/PUT/00AB')).toEqual({ kind: 'not-found' });
    expect(validator.match('GET', '/event/3F004CBB88958BF9')).toMatchObject({
      kind: 'operation',
      params: { event_id: '3F004CBB88958BF9' },
    });
    expect(validator.match('GET', '/event/a/b')).toEqual({ kind: 'not-found' });
    expect(validator.match('GET', '/cart')).toEqual({ kind: 'method-not-allowed', allowed: ['PUT', 'POST', 'DELETE'] });
  });

  it('accepts a good response and catches a hand-made bad one, naming the place', () => {
    const ok = validator.validateResponse('reserveTickets', { status: 200, headers: {}, mediaType: 'application/json', body: goodCart });
    expect(ok).toEqual({ problems: [], documented: true });
    const bad = validator.validateResponse('reserveTickets', {
      status: 200,
      headers: {},
      mediaType: 'application/json',
      body: { ...goodCart, cart: { ...goodCart.cart, hold_time: '299' } },
    });
    expect(bad.problems).toEqual(['body/cart/hold_time must be number']);
    expect(validator.validateSchema('Error', { error: { code: 10002 } })).toEqual(["Error/error must have required property 'message'"]);
    expect(validator.validateSchema('AccessToken', { issued_at: 1 })).toContain('AccessToken/issued_at must be string');
  });

  it('resolves $refs into #/components/schemas, including anyOf of references', () => {
    const poll = (body: unknown) =>
      validator.validateResponse('poll', { status: 200, headers: {}, mediaType: 'application/json', body }).problems;
    expect(poll(goodCart)).toEqual([]);
    expect(poll({ redemption_url: 'u', tm_app_url: 'a', grand_total: 1, order_token: 't' })).toEqual([]);
    expect(poll({ order_token: 't' }).length).toBeGreaterThan(0);
  });

  it('flags undocumented statuses, bodies where none is documented, missing bodies and wrong media types', () => {
    expect(validator.validateResponse('deleteCart', { status: 418, headers: {} })).toEqual({
      problems: ['status 418 is not documented for deleteCart'],
      documented: false,
    });
    expect(
      validator.validateResponse('deleteCart', { status: 204, headers: {}, mediaType: 'application/json', body: {} }).problems,
    ).toHaveLength(1);
    expect(validator.validateResponse('retrieveEventDetails', { status: 200, headers: {} }).problems[0]).toMatch(
      /needs a application\/json body/,
    );
    expect(
      validator.validateResponse('getCaptchaPage', { status: 200, headers: {}, mediaType: 'application/json', body: '<html/>' })
        .problems[0],
    ).toMatch(/must be text\/html/);
  });

  it('checks request parameters, headers and bodies, reading numbers from query strings', () => {
    const query = (q: string) => new URLSearchParams(q);
    expect(
      validator.validateRequest('listUnredeemedOrders', { pathParams: {}, query: query('days_from_purchase=30'), headers: {} }),
    ).toEqual([]);
    expect(
      validator.validateRequest('listUnredeemedOrders', { pathParams: {}, query: query('days_from_purchase=soon'), headers: {} }),
    ).toEqual(['query parameter "days_from_purchase" must be number']);
    expect(validator.validateRequest('deleteCart', { pathParams: {}, query: query(''), headers: {} })).toEqual([
      'query parameter "cart_id" is required',
      'header parameter "True-Client-IP" is required',
    ]);
    const reserve = (body: unknown, mediaType = 'application/json') =>
      validator.validateRequest('reserveTickets', {
        pathParams: {},
        query: query(''),
        headers: { 'true-client-ip': '1.2.3.4' },
        mediaType,
        body,
      });
    expect(reserve(reserveBody('c', GA, [{ id: GA_TYPE, quantity: 1 }]))).toEqual([]);
    expect(reserve({ cart_id: 'c' })).toEqual(["body must have required property 'event'"]);
    expect(reserve('x', 'text/plain')).toEqual(['request body must be application/json, not text/plain']);
    expect(
      validator.validateRequest('getAccessToken', {
        pathParams: {},
        query: query(''),
        headers: {},
        mediaType: 'application/x-www-form-urlencoded',
        body: { grant_type: 'password' },
      }),
    ).toEqual(['body/grant_type must be equal to constant']);
  });

  it('refuses a document that is not OpenAPI 3.1', () => {
    expect(() => new ContractValidator({ openapi: '3.0.3', paths: {} })).toThrow(/OpenAPI 3\.1/);
  });
});

/** Makes the reserve answer break the contract: hold_time as a string. */
function breakReserve(operationId: string, response: SandboxResponse): SandboxResponse {
  if (operationId !== 'reserveTickets' || response.status !== 200) return response;
  const body = response.body as { cart: Record<string, unknown> };
  return { ...response, body: { ...body, cart: { ...body.cart, hold_time: '299' } } };
}

describe('a sandbox whose handler breaks the contract', () => {
  const log = collectingLogger();
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ startTime: SAFE_START, logger: log.logger, transformResponse: breakReserve });
  });
  afterAll(() => sandbox.close());

  it('answers 500 in strict mode, saying what broke, and records and logs it', async () => {
    const cartId = await openCart(sandbox);
    const answer = await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]) });
    expect(answer.status).toBe(500);
    expect(answer.headers.get('x-sandbox-contract-violation')).toBe('true');
    expect((answer.json as { error: { message: string } }).error.message).toBe(
      'Sandbox bug: response breaks the contract (reserveTickets, status 200): body/cart/hold_time must be number',
    );
    expect(sandbox.contractViolations()).toEqual([
      { operationId: 'reserveTickets', status: 200, problems: ['body/cart/hold_time must be number'] },
    ]);
    expect(log.error).toEqual([expect.stringContaining('body/cart/hold_time must be number')]);
  });

  it('also catches a broken answer delivered through polling', async () => {
    const cartId = await openCart(sandbox);
    const answer = await call(sandbox, 'PUT', '/cart/tickets', {
      headers: { 'X-TM-FORCE-POLLING': 'true' },
      body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]),
    });
    expect(answer.status).toBe(202);
    expect(sandbox.contractViolations()).toHaveLength(2);
  });
});

describe('a lenient sandbox', () => {
  const log = collectingLogger();
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      startTime: SAFE_START,
      strict: false,
      logger: log.logger,
      transformResponse: (id, response) => (id === 'getEncryptionCertificate' ? { ...response, status: 418 } : breakReserve(id, response)),
    });
  });
  afterAll(() => sandbox.close());

  it('sends the broken answer as it is, but logs and records it', async () => {
    const cartId = await openCart(sandbox);
    const answer = await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, GA, [{ id: GA_TYPE, quantity: 1 }]) });
    expect(answer.status).toBe(200);
    expect((answer.json as { cart: { hold_time: unknown } }).cart.hold_time).toBe('299');
    const teapot = await call(sandbox, 'GET', '/certificate', { query: { cart_id: cartId } });
    expect(teapot.status).toBe(418);
    expect(sandbox.contractViolations().map((v) => `${v.operationId} ${v.status}`)).toEqual([
      'reserveTickets 200',
      'getEncryptionCertificate 418',
    ]);
    expect(log.error).toHaveLength(2);
    expect(log.error[1]).toContain('status 418 is not documented for getEncryptionCertificate');
  });
});

describe('start-up checks', () => {
  it('refuses a document with an operation the sandbox has no handler for', async () => {
    const document = JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8')) as OpenApiDocument;
    document.paths['/cart/upsell'] = { get: { operationId: 'listUpsells', responses: { '200': { description: 'ok' } } } };
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-doc-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      await expect(startSandbox({ openapiFile: file, logger: collectingLogger().logger })).rejects.toThrow(
        'operation without a handler: listUpsells',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects options that make no sense', async () => {
    await expect(startSandbox({ pollingRate: 2 })).rejects.toThrow(/pollingRate/);
    await expect(startSandbox({ holdSeconds: 0 })).rejects.toThrow(/holdSeconds/);
    await expect(startSandbox({ clients: {} })).rejects.toThrow(/clients/);
    await expect(startSandbox({ maintenance: { startHour: 3, endHour: 3 } })).rejects.toThrow(/maintenance/);
  });
});
