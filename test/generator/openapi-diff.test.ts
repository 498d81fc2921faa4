import { describe, expect, it } from 'vitest';
import { diffOpenApi, formatChanges } from '../../generator/src/openapi-diff.js';

function doc(paths: Record<string, unknown>, schemas: Record<string, unknown> = {}) {
  return { openapi: '3.1.0', info: { title: 'A', version: '1' }, paths, components: { schemas } };
}
const get = (parameters: unknown[] = []) => ({ get: { operationId: 'x', parameters, responses: {} } });

describe('OpenAPI diff', () => {
  it('reports nothing for identical documents', () => {
    const d = doc({ '/a': get() }, { A: { type: 'object', properties: { id: { type: 'string' } } } });
    expect(diffOpenApi(d, structuredClone(d))).toEqual([]);
    expect(formatChanges([])).toBe('no API changes');
  });

  it('flags removed operations and parameters, new required ones, as breaking; additions are not', () => {
    const before = doc({ '/a': get([{ in: 'query', name: 'q', required: false, schema: { type: 'string' } }]), '/gone': get() });
    const after = doc({
      '/a': get([
        { in: 'query', name: 'q', required: true, schema: { type: 'string' } },
        { in: 'header', name: 'X-New', required: true, schema: { type: 'string' } },
      ]),
      '/new': get(),
    });
    const changes = diffOpenApi(before, after);
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: 'removed', subject: 'operation GET /gone', breaking: true },
        { kind: 'added', subject: 'operation GET /new', breaking: false },
        { kind: 'changed', subject: 'parameter GET /a query:q', detail: 'now required', breaking: true },
        { kind: 'added', subject: 'parameter GET /a header:X-New', detail: 'required', breaking: true },
      ]),
    );
    expect(formatChanges(changes)).toMatch(/^! - operation GET \/gone$/m);
    expect(formatChanges(changes)).toMatch(/^ {2}\+ operation GET \/new$/m);
  });

  it('flags removed fields, newly required fields and narrowed types in schemas', () => {
    const before = doc(
      {},
      {
        Cart: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            hold: { type: ['number', 'null'] },
            kind: { type: 'string', enum: ['a', 'b'] },
            old: { type: 'string' },
          },
        },
        Gone: { type: 'string' },
      },
    );
    const after = doc(
      {},
      {
        Cart: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            hold: { type: 'number' },
            kind: { type: 'string', enum: ['a'] },
            extra: { type: 'string' },
          },
          required: ['id'],
        },
      },
    );
    const text = formatChanges(diffOpenApi(before, after));
    expect(text).toContain('! - schema Gone');
    expect(text).toContain('! - schema Cart.old');
    expect(text).toContain('! ~ schema Cart.id: now required');
    expect(text).toContain('! ~ schema Cart.hold: type number|null → number');
    expect(text).toContain('! ~ schema Cart.kind: enum values removed: "b"');
    expect(text).toContain('  + schema Cart.extra');
  });
});
