// Parsing edge cases on hand-made headers; real Prism responses are covered in mock-mode and proxy-mode.
import { describe, expect, it } from 'vitest';
import {
  ContractViolationError,
  assertNoViolations,
  formatViolation,
  readPrismProblem,
  readViolations,
} from '../../packages/mock/src/index.js';

const headers = (value?: string): Headers => new Headers(value === undefined ? {} : { 'sl-violations': value });

describe('readViolations', () => {
  it('returns no violations when the header is absent or empty', () => {
    expect(readViolations(headers())).toEqual([]);
    expect(readViolations(headers('  '))).toEqual([]);
    expect(readViolations(headers('[]'))).toEqual([]);
  });

  it('reads entries as Prism writes them, numeric codes and missing codes included', () => {
    const raw = [
      { location: ['request'], severity: 'Error', code: 401, message: 'Invalid security scheme used' },
      { location: ['response'], severity: 'Warning', message: 'Unable to match the returned status code' },
    ];
    expect(readViolations(headers(JSON.stringify(raw)))).toEqual(raw);
  });

  it('turns invalid JSON into one synthetic Error entry quoting the header', () => {
    const violations = readViolations(headers('[{"location": ['));
    expect(violations).toEqual([
      { location: [], severity: 'Error', code: 'unreadable', message: expect.stringContaining('[{"location": [') },
    ]);
    expect(violations[0]?.message).toMatch(/not valid JSON/);
  });

  it('turns valid JSON that is not a list into one synthetic Error entry', () => {
    expect(readViolations(headers('{"message":"x"}'))).toEqual([
      expect.objectContaining({ severity: 'Error', code: 'unreadable', message: expect.stringMatching(/not a JSON array/) }),
    ]);
  });

  it("reports Prism's truncated header (too many violations) as an Error rather than dropping it", () => {
    const cut = `Too many violations! ${JSON.stringify([{ location: ['response', 'body'], severity: 'Warning', message: 'm' }]).slice(0, 30)}`;
    expect(readViolations(headers(cut))).toEqual([
      expect.objectContaining({ severity: 'Error', code: 'truncated', message: expect.stringContaining('more violations than fit') }),
    ]);
  });

  it('normalises odd entries strictly: unknown severity counts as Error, non-objects are kept as errors', () => {
    const violations = readViolations(
      headers(JSON.stringify([{ location: 'body', severity: 'Fatal', message: 'x' }, 'just text', { severity: 'Hint' }])),
    );
    expect(violations).toHaveLength(3);
    expect(violations[0]).toEqual({ location: [], severity: 'Error', message: 'x' });
    expect(violations[1]).toMatchObject({ severity: 'Error', code: 'unreadable', message: expect.stringContaining('just text') });
    expect(violations[2]).toEqual({ location: [], severity: 'Hint', message: '{"severity":"Hint"}' });
  });
});

describe('assertNoViolations', () => {
  it('accepts a response without violations', () => {
    expect(() => assertNoViolations(new Response('{}', { headers: { 'content-type': 'application/json' } }))).not.toThrow();
  });

  it('rejects a response whose only entry is a Warning, listing it', () => {
    const response = new Response('{}', {
      status: 418,
      headers: { 'sl-violations': JSON.stringify([{ location: ['response'], severity: 'Warning', message: 'Unable to match' }]) },
    });
    let error: unknown;
    try {
      assertNoViolations(response);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContractViolationError);
    expect((error as ContractViolationError).status).toBe(418);
    expect((error as Error).message).toBe('1 contract violation reported by Prism for 418:\n  - [Warning] response: Unable to match');
  });

  it('rejects a problem+json answer even without the header, since Prism puts 422 reasons in the body', () => {
    const response = new Response('{}', { status: 422, headers: { 'content-type': 'application/problem+json; charset=utf-8' } });
    expect(() => assertNoViolations(response)).toThrow(/^Prism answered 422 by itself \(application\/problem\+json\)/);
  });
});

describe('readPrismProblem', () => {
  it('reads a Prism problem document without consuming the body', async () => {
    const body = {
      type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY',
      title: 'Invalid request',
      status: 422,
      detail: 'd',
      validation: [{ location: ['header'], severity: 'Error', code: 'required', message: 'm' }],
    };
    const response = new Response(JSON.stringify(body), { status: 422, headers: { 'content-type': 'application/problem+json' } });
    expect(await readPrismProblem(response)).toEqual(body);
    expect(await response.json()).toEqual(body);
  });

  it('ignores responses that are not problem documents from Prism', async () => {
    const json = { 'content-type': 'application/json' };
    const problem = { 'content-type': 'application/problem+json' };
    expect(await readPrismProblem(new Response('{"type":"https://stoplight.io/prism/errors#X"}', { headers: json }))).toBeUndefined();
    expect(await readPrismProblem(new Response('{"type":"https://example.com/other"}', { headers: problem }))).toBeUndefined();
    expect(await readPrismProblem(new Response('not json', { headers: problem }))).toBeUndefined();
  });
});

describe('formatViolation', () => {
  it('writes severity, dotted location, message and code', () => {
    expect(
      formatViolation({ location: ['response', 'body', 'event'], severity: 'Error', code: 'required', message: "must have 'venue'" }),
    ).toBe("[Error] response.body.event: must have 'venue' (required)");
    expect(formatViolation({ location: [], severity: 'Warning', message: 'm' })).toBe('[Warning] m');
  });
});
