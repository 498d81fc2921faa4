import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoViolations, readPrismProblem, readViolations, startPrism, type PrismServer } from '../../packages/mock/src/index.js';
import {
  exampleRequest,
  operation,
  readDocument,
  responseExample,
  sendJson,
  startUpstream,
  type OpenApiDocument,
  type Upstream,
} from './support.js';

// The upstream stands in for the sandbox: it answers by event id, so each test picks a
// behaviour through the path alone.
let upstream: Upstream;
let strict: PrismServer; // proxy mode's default: --errors
let lenient: PrismServer; // errors: false, responses pass through with their violations
let document: OpenApiDocument;
let validEvent: { event: { id: string } };

beforeAll(async () => {
  upstream = await startUpstream((request, res) => {
    const id = new URL(request.url, 'http://upstream').pathname.split('/').pop();
    if (id === 'TEAPOT') return sendJson(res, 418, { teapot: true });
    if (id === 'BROKEN') return sendJson(res, 200, { api_transactable: 'yes' });
    if (id === 'GONE') return sendJson(res, 404, { gone: true });
    return sendJson(res, 200, { ...validEvent, event: { ...validEvent.event, id } }, { 'x-upstream': 'sandbox' });
  });
  [strict, lenient] = await Promise.all([
    startPrism({ mode: 'proxy', upstream: `${upstream.url}/partners/v1` }),
    startPrism({ mode: 'proxy', upstream: `${upstream.url}/partners/v1`, errors: false }),
  ]);
  document = readDocument(strict.document);
  validEvent = responseExample(operation(document, 'get', '/event/{event_id}'), '200') as typeof validEvent;
}, 60_000);

afterAll(async () => {
  await Promise.all([strict?.close(), lenient?.close(), upstream?.close()]);
});

function eventRequest(prism: PrismServer, id: string): Promise<Response> {
  const { target, init } = exampleRequest(document, 'get', '/event/{event_id}');
  const exampleId = validEvent.event.id;
  return fetch(`${prism.url}${target.replace(exampleId, id)}`, init);
}

describe('proxy mode', () => {
  it('forwards the request under the upstream base path and passes a conforming answer through untouched', async () => {
    const before = upstream.requests.length;
    const response = await eventRequest(strict, 'PASSTHRU01');

    expect(response.status).toBe(200);
    expect(response.headers.get('x-upstream')).toBe('sandbox');
    assertNoViolations(response);
    const body = (await response.json()) as typeof validEvent;
    expect(body.event.id).toBe('PASSTHRU01');
    expect(body).toEqual({ ...validEvent, event: { ...validEvent.event, id: 'PASSTHRU01' } });

    const forwarded = upstream.requests[before];
    expect(forwarded?.method).toBe('GET');
    expect(forwarded?.url).toBe('/partners/v1/event/PASSTHRU01?apikey=test-key');
  });

  it('passes an undocumented status through with only a Warning, which assertNoViolations still rejects', async () => {
    const response = await eventRequest(strict, 'TEAPOT');

    expect(response.status).toBe(418);
    expect(await response.clone().json()).toEqual({ teapot: true });
    const violations = readViolations(response.headers);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ location: ['response'], severity: 'Warning' });
    expect(violations[0]?.message).toMatch(/Unable to match the returned status code/);
    expect(() => assertNoViolations(response)).toThrow(/\[Warning\] response: Unable to match the returned status code/);
  });

  it('replaces a response that breaks the schema with its own 500 when errors are on', async () => {
    const response = await eventRequest(strict, 'BROKEN');

    expect(response.status).toBe(500);
    const violations = readViolations(response.headers);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ location: ['response', 'body', 'api_transactable'], severity: 'Error', code: 'type' }),
        expect.objectContaining({ location: ['response', 'body'], severity: 'Error', code: 'required' }),
      ]),
    );
    const problem = await readPrismProblem(response);
    expect(problem?.type).toBe('https://stoplight.io/prism/errors#VIOLATIONS');
    expect(problem?.validation).toEqual(violations);
    expect(() => assertNoViolations(response)).toThrow(/api_transactable must be boolean/);
  });

  it('passes the same broken response through, flagged in sl-violations, when errors are off', async () => {
    const response = await eventRequest(lenient, 'BROKEN');

    expect(response.status).toBe(200);
    expect(await response.clone().json()).toEqual({ api_transactable: 'yes' });
    expect(readViolations(response.headers).map((v) => v.location.join('.'))).toContain('response.body.api_transactable');
    expect(() => assertNoViolations(response)).toThrow(/Response body must have required property 'event'/);
  });

  it('passes a documented error status through with its body', async () => {
    const response = await eventRequest(strict, 'GONE');
    // 404 is documented for this operation without a body schema, so any body is accepted.
    expect(response.status).toBe(404);
    expect(await response.clone().json()).toEqual({ gone: true });
    assertNoViolations(response);
  });

  it('stops an invalid request before the upstream when errors are on, and forwards it flagged when off', async () => {
    const { target, init } = exampleRequest(document, 'delete', '/cart');
    const before = upstream.requests.length;

    const refused = await fetch(`${strict.url}${target}`, { ...init, headers: {} });
    expect(refused.status).toBe(422);
    expect(upstream.requests.length).toBe(before);
    expect(() => assertNoViolations(refused)).toThrow(/^Prism answered 422 http:\/\/127\.0\.0\.1:\d+\/cart\?\S+ by itself/);
    expect((await readPrismProblem(refused))?.validation[0]?.message).toMatch(/true-client-ip/i);

    const forwarded = await fetch(`${lenient.url}${target}`, { ...init, headers: {} });
    expect(upstream.requests.length).toBe(before + 1);
    expect(upstream.requests[before]?.method).toBe('DELETE');
    const violations = readViolations(forwarded.headers);
    expect(violations.map((v) => `${v.location.join('.')} ${v.severity}`)).toEqual(expect.arrayContaining(['request.header Error']));
    await forwarded.arrayBuffer();
  });
});
