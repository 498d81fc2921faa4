import { describe, expect, it } from 'vitest';
import { apib, op, toOpenApi } from './blueprint.js';

const dataStructures = apib(
  '# A',
  '## Coupon [/coupons/{id}]',
  '+ Parameters',
  '    + id (string)',
  '### Read [GET]',
  '+ Response 200 (application/json)',
  '    + Attributes (Coupon)',
  '',
  '# Data Structures',
  '## Base (object)',
  '+ id: `250FF` (string, required) - Identifier',
  '+ created: 1415203908 (number)',
  '',
  '## Coupon (Base)',
  '+ percent_off: 25 (number, nullable)',
  '+ tags: home, green (array[string])',
  '+ owners (array[Owner])',
  '+ kind (enum[string], required)',
  '    + Members',
  '        + `percent` - A share of the price',
  '        + `amount` - A fixed amount',
  '+ currency: USD (string, fixed)',
  '',
  '## Owner',
  '+ name (string, required)',
  '+ One Of',
  '    + email (string)',
  '    + phone (string)',
  '',
  '## Mixed',
  '+ Include Owner',
  '+ note (string)',
);

describe('MSON data structures', () => {
  const { doc } = toOpenApi(dataStructures);
  const schemas = doc.components?.schemas ?? {};

  it('keeps named types as components and references them', () => {
    expect(Object.keys(schemas).sort()).toEqual(['Base', 'Coupon', 'Mixed', 'Owner']);
    expect(op(doc, 'get', '/coupons/{id}').responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Coupon',
    });
  });

  it("merges inheritance into one object: the base type's members first, then its own", () => {
    const coupon = schemas.Coupon as Record<string, any>;
    expect(coupon.type).toBe('object');
    expect(Object.keys(coupon.properties)).toEqual(['id', 'created', 'percent_off', 'tags', 'owners', 'kind', 'currency']);
    expect(coupon.required).toEqual(['id', 'kind']);
  });

  it('honours required, nullable, fixed, enums and array item types', () => {
    const base = schemas.Base as Record<string, any>;
    expect(base.required).toEqual(['id']);
    expect(base.properties.id).toEqual({ type: 'string', examples: ['250FF'], description: 'Identifier' });
    const own = schemas.Coupon as Record<string, any>;
    expect(own.properties.percent_off).toEqual({ type: ['number', 'null'], examples: [25] });
    expect(own.properties.tags).toEqual({ type: 'array', items: { type: 'string' }, examples: [['home', 'green']] });
    expect(own.properties.owners).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Owner' } });
    expect(own.properties.kind).toMatchObject({ type: 'string', enum: ['percent', 'amount'] });
    expect(own.properties.kind.description).toContain('A share of the price');
    expect(own.properties.currency).toEqual({ type: 'string', const: 'USD' });
  });

  it('maps One Of to oneOf with each choice required', () => {
    const owner = schemas.Owner as Record<string, any>;
    expect(owner).toMatchObject({ type: 'object', properties: { name: { type: 'string' } }, required: ['name'] });
    expect(owner.oneOf).toEqual([
      { properties: { email: { type: 'string' } }, required: ['email'] },
      { properties: { phone: { type: 'string' } }, required: ['phone'] },
    ]);
  });

  it('merges mixins (Include) into the object, choices included', () => {
    const mixed = schemas.Mixed as Record<string, any>;
    expect(Object.keys(mixed.properties)).toEqual(['name', 'note']);
    expect(mixed.required).toEqual(['name']);
    expect(mixed.oneOf).toEqual((schemas.Owner as Record<string, any>).oneOf);
  });

  it('closes fixed objects and keeps inline attributes inline', () => {
    const { doc: inline } = toOpenApi(
      apib(
        '# A',
        '## R [/r]',
        '### Make [POST]',
        '+ Request (application/json)',
        '    + Attributes (object, fixed)',
        '        + mode: fast (string)',
        '',
        '+ Response 204',
      ),
    );
    expect(op(inline, 'post', '/r').requestBody.content['application/json'].schema).toEqual({
      type: 'object',
      properties: { mode: { type: 'string', const: 'fast' } },
      required: ['mode'],
      additionalProperties: false,
    });
  });
});
