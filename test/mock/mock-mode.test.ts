import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContractViolationError,
  assertNoViolations,
  readPrismProblem,
  readViolations,
  startPrism,
  type PrismServer,
} from '../../packages/mock/src/index.js';
import { METHODS, apiKeyParameter, exampleRequest, operation, readDocument, responseExample, type OpenApiDocument } from './support.js';

// One static-mode Prism for the whole file (starting one costs a second or two), plus one on
// a minimal document for the case our document cannot show (see the 422 test).
let prism: PrismServer;
let minimal: PrismServer;
let document: OpenApiDocument;
const scratch = mkdtempSync(join(tmpdir(), 'tm-mock-test-'));

// An operation with a required header and no documented 4xx: Prism has no documented
// answer for a request without the header and makes one up.
const NO_ERROR_RESPONSES = {
  openapi: '3.1.0',
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  info: { title: 'minimal', version: '1' },
  paths: {
    '/cart': {
      delete: {
        parameters: [{ name: 'True-Client-IP', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { '204': { description: 'deleted' } },
      },
    },
  },
};

beforeAll(async () => {
  const minimalPath = join(scratch, 'minimal.json');
  writeFileSync(minimalPath, JSON.stringify(NO_ERROR_RESPONSES));
  [prism, minimal] = await Promise.all([startPrism(), startPrism({ document: minimalPath })]);
  document = readDocument(prism.document);
}, 60_000);

afterAll(async () => {
  await Promise.all([prism?.close(), minimal?.close()]);
  rmSync(scratch, { recursive: true, force: true });
});

function call(target: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${prism.url}${target}`, init);
}

describe('mock mode: documented examples', () => {
  it('serves the documented 200 example of GET /event/{event_id}, at the root without /partners/v1', async () => {
    const { target, init } = exampleRequest(document, 'get', '/event/{event_id}');
    const response = await call(target, init);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    assertNoViolations(response);
    const expected = responseExample(operation(document, 'get', '/event/{event_id}'), '200') as {
      api_transactable: boolean;
      event: { id: string; name: string };
    };
    const body = (await response.json()) as typeof expected;
    expect(body.event.id).toBe(expected.event.id);
    expect(body.event.name).toBe(expected.event.name);
    expect(body.api_transactable).toBe(expected.api_transactable);
    expect(body).toEqual(expected);
  });

  it('serves every documented status and named example of every operation without a single violation', async () => {
    const served: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const { target, init } = exampleRequest(document, method, path);
        for (const [status, definition] of Object.entries(op.responses)) {
          const names = Object.values(definition.content ?? {}).flatMap((media) => Object.keys(media.examples ?? {}));
          for (const name of names.length > 0 ? names : [undefined]) {
            const prefer = name === undefined ? `code=${status}` : `code=${status}, example=${name}`;
            const response = await call(target, { ...init, headers: { ...init.headers, prefer } });
            const label = `${method.toUpperCase()} ${path} [${prefer}]`;
            expect(response.status, label).toBe(Number(status));
            expect(readViolations(response.headers), label).toEqual([]);
            if (name !== undefined) expect(await response.json(), label).toEqual(responseExample(op, status, name));
            else await response.arrayBuffer();
            served.push(label);
          }
        }
      }
    }
    // Guards against the loop silently finding nothing to check.
    expect(served.length).toBeGreaterThan(50);
    expect(served).toContain('GET /event/{event_id} [code=200]');
  });
});

describe('mock mode: requests that break the contract', () => {
  it('answers a request without the API key with the documented 401 and a security violation', async () => {
    const { target, init } = exampleRequest(document, 'get', '/event/{event_id}');
    const withoutKey = target.replace(new RegExp(`[?&]${apiKeyParameter(document)}=[^&]*`), '');
    expect(withoutKey).not.toContain('apikey');

    const response = await call(withoutKey, init);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(responseExample(operation(document, 'get', '/event/{event_id}'), '401'));
    const violations = readViolations(response.headers);
    expect(violations).toEqual([
      expect.objectContaining({ location: ['request'], severity: 'Error', code: 401, message: 'Invalid security scheme used' }),
    ]);
    expect(() => assertNoViolations(response)).toThrow(/Invalid security scheme used/);
  });

  it('answers a request without the required True-Client-IP header with the documented 400 and says why', async () => {
    const { target, init } = exampleRequest(document, 'put', '/cart/tickets');
    const { 'True-Client-IP': dropped, ...headers } = init.headers;
    expect(dropped).toBeDefined();

    const response = await call(target, { ...init, headers });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(responseExample(operation(document, 'put', '/cart/tickets'), '400'));
    const violations = readViolations(response.headers);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ location: ['request', 'header'], severity: 'Error', code: 'required' });
    expect(violations[0]?.message).toMatch(/true-client-ip/i);
  });

  it('reports every body violation of a request at once', async () => {
    const { target, init } = exampleRequest(document, 'put', '/cart/tickets');
    const response = await call(target, { ...init, body: JSON.stringify({ cart_id: 5 }) });
    expect(response.status).toBe(400);
    const violations = readViolations(response.headers);
    expect(violations.map((v) => v.location.join('.'))).toEqual(expect.arrayContaining(['request.body', 'request.body.cart_id']));
    let error: unknown;
    try {
      assertNoViolations(response);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContractViolationError);
    expect((error as ContractViolationError).violations).toEqual(violations);
    expect((error as Error).message).toMatch(/^2 contract violations reported by Prism for 400 http:\/\/127\.0\.0\.1:\d+\/cart\/tickets/);
    expect((error as Error).message).toContain("request.body: Request body must have required property 'event'");
  });

  it('answers 422 by itself, violations only in the body, when the operation documents no 4xx', async () => {
    const response = await fetch(`${minimal.url}/cart`, { method: 'DELETE' });

    expect(response.status).toBe(422);
    expect(response.headers.get('sl-violations')).toBeNull();
    expect(readViolations(response.headers)).toEqual([]);
    expect(() => assertNoViolations(response)).toThrow(/^Prism answered 422 http:\/\/127\.0\.0\.1:\d+\/cart by itself/);
    const problem = await readPrismProblem(response);
    expect(problem?.type).toBe('https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY');
    expect(problem?.validation).toEqual([expect.objectContaining({ location: ['header'], severity: 'Error', code: 'required' })]);
    expect(problem?.validation[0]?.message).toMatch(/true-client-ip/i);

    const valid = await fetch(`${minimal.url}/cart`, { method: 'DELETE', headers: { 'True-Client-IP': '198.51.100.23' } });
    expect(valid.status).toBe(204);
    assertNoViolations(valid);
  });

  it('routes the one-segment polling path of the examples, and not a path with extra segments', async () => {
    const { target, init } = exampleRequest(document, 'get', '/polling/{poll_path}');
    expect(target).toContain('/polling/cart-tickets-PUT-');
    const routed = await call(target, init);
    expect(routed.status).toBe(200);
    assertNoViolations(routed);

    // OpenAPI path parameters are one segment: the published multi-segment shape does not match.
    const response = await call(target.replace('/polling/cart-tickets-PUT-', '/polling/cart/tickets/PUT/'), init);
    expect(response.status).toBe(404);
    expect((await readPrismProblem(response))?.type).toBe('https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR');
  });
});

describe('mock mode: Prefer header', () => {
  it('selects a documented error response with Prefer: code=…', async () => {
    const { target, init } = exampleRequest(document, 'get', '/event/{event_id}');
    const response = await call(target, { ...init, headers: { ...init.headers, prefer: 'code=401' } });
    expect(response.status).toBe(401);
    assertNoViolations(response);
    expect(await response.json()).toEqual(responseExample(operation(document, 'get', '/event/{event_id}'), '401'));
  });

  it('selects a named example with Prefer: code=…, example=…', async () => {
    const op = operation(document, 'get', '/event/{event_id}');
    const names = Object.keys(op.responses['401']?.content?.['application/json']?.examples ?? {});
    expect(names.length).toBeGreaterThan(1);
    const last = names[names.length - 1] as string;
    const { target, init } = exampleRequest(document, 'get', '/event/{event_id}');

    const response = await call(target, { ...init, headers: { ...init.headers, prefer: `code=401, example=${last}` } });
    expect(response.status).toBe(401);
    const body: unknown = await response.json();
    expect(body).toEqual(responseExample(op, '401', last));
    expect(body).not.toEqual(responseExample(op, '401', names[0]));
  });

  it('refuses an undocumented status with its own 404 problem, which assertNoViolations rejects', async () => {
    const { target, init } = exampleRequest(document, 'get', '/event/{event_id}');
    expect(operation(document, 'get', '/event/{event_id}').responses['418']).toBeUndefined();

    const response = await call(target, { ...init, headers: { ...init.headers, prefer: 'code=418' } });
    expect(response.status).toBe(404);
    expect(() => assertNoViolations(response)).toThrow(ContractViolationError);
    const problem = await readPrismProblem(response);
    expect(problem).toMatchObject({ type: 'https://stoplight.io/prism/errors#NOT_FOUND', status: 404 });
    expect(problem?.detail).toMatch(/418 is not defined/);
  });
});
