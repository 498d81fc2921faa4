import { describe, expect, it } from 'vitest';
import { apib, op, toOpenApi } from './blueprint.js';

describe('paths and parameters', () => {
  it('moves RFC 6570 query expressions out of the path key', () => {
    const { doc } = toOpenApi(
      apib(
        '# Shop',
        '## Items [/items/{id}{?limit,sort}]',
        '+ Parameters',
        '    + id: `42` (number, required) - Item id',
        '    + limit: `10` (number, optional) - Page size',
        '        + Default: `20`',
        '    + sort (enum[string], optional) - Order',
        '        + Members',
        '            + `asc`',
        '            + `desc`',
        '### Get item [GET]',
        '+ Response 200',
      ),
    );
    expect(Object.keys(doc.paths)).toEqual(['/items/{id}']);
    const params = op(doc, 'get', '/items/{id}').parameters;
    expect(params).toContainEqual({
      name: 'id',
      in: 'path',
      required: true,
      description: 'Item id',
      schema: { type: 'number' },
      example: 42,
    });
    expect(params).toContainEqual({
      name: 'limit',
      in: 'query',
      required: false,
      description: 'Page size',
      schema: { type: 'number', default: 20 },
      example: 10,
    });
    expect(params).toContainEqual({
      name: 'sort',
      in: 'query',
      required: false,
      description: 'Order',
      schema: { type: 'string', enum: ['asc', 'desc'] },
    });
  });

  it('reads literal query strings (`?key={var}`) as query parameters', () => {
    const { doc } = toOpenApi(
      apib(
        '# A',
        '## Cart [/partners/v1/cart?cart_id={cart_id}&mode=full]',
        '+ Parameters',
        '    + cart_id (string) - The cart',
        '### Delete [DELETE]',
        '+ Response 204',
      ),
    );
    expect(Object.keys(doc.paths)).toEqual(['/partners/v1/cart']);
    const params = op(doc, 'delete', '/partners/v1/cart').parameters;
    expect(params).toContainEqual(expect.objectContaining({ name: 'cart_id', in: 'query', required: true }));
    expect(params).toContainEqual(
      expect.objectContaining({ name: 'mode', in: 'query', required: true, schema: { type: 'string', enum: ['full'] } }),
    );
  });

  it('marks every path parameter required, even when described as optional or not described', () => {
    const { doc, warnings } = toOpenApi(
      apib('# A', '## Thing [/a/{x}/b/{y}]', '+ Parameters', '    + x (string, optional)', '### Read [GET]', '+ Response 200'),
    );
    const params = op(doc, 'get', '/a/{x}/b/{y}').parameters as Array<{ name: string; required: boolean }>;
    expect(params.map((p) => [p.name, p.required])).toEqual([
      ['x', true],
      ['y', true],
    ]);
    expect(warnings.some((w) => w.includes("'y'"))).toBe(true);
  });

  it('keeps action-level URIs and parameters apart from the resource ones', () => {
    const { doc } = toOpenApi(
      apib(
        '# A',
        '## Notes [/notes]',
        '### List [GET]',
        '+ Response 200',
        '### Read one [GET /notes/{id}]',
        '+ Parameters',
        '    + id (number) - Note id',
        '+ Response 200',
      ),
    );
    expect(Object.keys(doc.paths).sort()).toEqual(['/notes', '/notes/{id}']);
    expect(op(doc, 'get', '/notes').parameters).toBeUndefined();
    expect(op(doc, 'get', '/notes/{id}').parameters[0]).toMatchObject({ name: 'id', schema: { type: 'number' } });
  });

  it('makes HOST (and HOST_<NAME> metadata) the servers and sets the 2020-12 dialect', () => {
    const { doc } = toOpenApi(
      apib(
        'FORMAT: 1A',
        'HOST: https://api.example.test/v1/',
        'HOST_STAGING_EU: https://eu.example.test/v1',
        '',
        '# A',
        '## R [/r]',
        '### G [GET]',
        '+ Response 200',
      ),
    );
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(doc.servers).toEqual([{ url: 'https://api.example.test/v1' }, { url: 'https://eu.example.test/v1', description: 'staging eu' }]);
    expect(doc.info).toMatchObject({ title: 'A', version: '1.0.0' });
  });
});
