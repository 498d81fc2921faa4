/**
 * One test per mapping class of issue 12: our schema for a body must mean what
 * Drafter's own JSON Schema for it means (every mutant of Drafter's example gets the
 * same verdict), and the values that matter get the verdict MSON gives them.
 */
import { describe, expect, it } from 'vitest';
import { apib, toOpenApi } from './blueprint.js';
import { expectAgreement } from './drafter-verdicts.js';

/** A blueprint with one POST whose request has these attributes, plus data structures. */
function request(attributes: string[], structures: string[] = []): string {
  return apib(
    '# A',
    '## R [/r]',
    '### Make [POST]',
    '+ Request (application/json)',
    '    + Attributes',
    ...attributes.map((l) => `        ${l}`),
    '',
    '+ Response 204',
    '',
    ...(structures.length > 0 ? ['# Data Structures', ...structures] : []),
  );
}

describe('MSON mappings agree with Drafter', () => {
  it('named-type enums: an enum whose member is a named object type allows that object, never enum [{}]', () => {
    const source = request(
      ['+ ext (Extension, required)'],
      ['## Extension (enum)', '+ (Foo type)', '+ none', '', '## Foo type (object, fixed-type)', '+ id (string)'],
    );
    const v = expectAgreement(
      source,
      'POST /r request',
      [{ ext: { id: 'x' } }, { ext: 'none' }, { ext: {} }, { ext: { id: 1 } }, { ext: 'other' }],
      [true, true, false, false, false],
    );
    expect(JSON.stringify(v.doc.components?.schemas?.Extension)).not.toContain('[{}]');
  });

  it('enums through named types: a sample outside a named enum, inherited enums and enum[Type] keep every value', () => {
    const source = request(
      ['+ a: valueA (B, required)', '+ b (E2, required)', '+ c (enum[E], required)'],
      ['## B (enum)', '+ valueB', '', '## E (enum)', '+ one', '+ two', '', '## E2 (E)', '+ three'],
    );
    const ok = { a: 'valueA', b: 'three', c: 'two' };
    const v = expectAgreement(
      source,
      'POST /r request',
      [ok, { ...ok, a: 'valueB' }, { ...ok, b: 'one' }, { ...ok, a: 'valueC' }, { ...ok, c: 'three' }],
      [true, true, true, false, false],
    );
    expect(v.doc.components?.schemas?.E2).toMatchObject({ type: 'string', enum: ['one', 'two', 'three'] });
  });

  it('quoted enum members: quotes around every member are notation, not part of the value (with a warning)', () => {
    const source = apib(
      '# A',
      '## R [/r]',
      '### Make [POST]',
      '+ Request (application/json)',
      '    + Attributes',
      '        + scope (enum[string], required)',
      '            + Members',
      '                + "accounts"',
      '                + "cards"',
      '',
      '    + Body',
      '',
      '            {"scope": "accounts"}',
      '',
      '+ Response 204',
    );
    const v = expectAgreement(source, 'POST /r request', [{ scope: 'accounts' }, { scope: 'cards' }, { scope: 5 }], [true, true, false]);
    expect((v.schema as any).properties.scope.enum).toEqual(['accounts', 'cards']);
    expect(toOpenApi(source).warnings.join('\n')).toMatch(/written in double quotes/);
    // Quotes on only some members are part of those values.
    expectAgreement(
      request(['+ q (enum, required)', '    + Members', '        + "a"', '        + b']),
      'POST /r request',
      [{ q: '"a"' }, { q: 'a' }],
      [true, false],
    );
  });

  it('required: only required members must be present', () => {
    expectAgreement(
      request(['+ id: 1 (number, required)', '+ name: x (string)']),
      'POST /r request',
      [{ id: 1 }, { name: 'x' }],
      [true, false],
    );
  });

  it('fixed: values, closed objects and tuples, inherited by everything nested (named types too), optional members excepted', () => {
    const source = request(
      [
        '+ f (object, fixed, required)',
        '    + mode: fast (string)',
        '    + inner (O)',
        '    + list: a, b (array)',
        '    + note (string, optional)',
      ],
      ['## O', '+ k: v (string)'],
    );
    const ok = { f: { mode: 'fast', inner: { k: 'v' }, list: ['a', 'b'] } };
    expectAgreement(
      source,
      'POST /r request',
      [
        ok,
        { f: { ...ok.f, note: 'n' } },
        { f: { ...ok.f, mode: 'slow' } },
        { f: { ...ok.f, inner: { k: 'w' } } },
        { f: { ...ok.f, inner: { k: 'v', more: 1 } } },
        { f: { ...ok.f, list: ['a'] } },
        { f: { ...ok.f, list: ['a', 'b', 'c'] } },
      ],
      [true, true, false, false, false, false, false],
    );
  });

  it('fixed-type: members required and nothing else allowed, their values free, nested objects untouched; a base type passes it on', () => {
    const source = request(
      [
        '+ p (object, fixed-type, required)',
        '    + k: v (string)',
        '    + inner (object)',
        '        + x: 1 (number)',
        '    + opt (string, optional)',
        '+ q (P, required)',
      ],
      ['## Q (object, fixed-type)', '+ k: v (string)', '', '## P (Q)', '+ extra: e (string)'],
    );
    const ok = { p: { k: 'other', inner: { x: 2, more: true } }, q: { k: 'v', extra: 'e' } };
    expectAgreement(
      source,
      'POST /r request',
      [
        ok,
        { ...ok, p: { k: 'v' } },
        { ...ok, p: { ...ok.p, unknown: 1 } },
        { ...ok, p: { ...ok.p, k: 1 } },
        { ...ok, q: { k: 'v' } },
        { ...ok, q: { ...ok.q, unknown: 1 } },
      ],
      [true, false, false, false, false, false],
    );
  });

  it('a base type passes fixed and nullable on to the types built on it', () => {
    const source = request(
      ['+ p (PP, required)', '+ n (NN, required)'],
      ['## QF (object, fixed)', '+ k: v (string)', '', '## PP (QF)', '+ extra (string)', '', '## QN (string, nullable)', '', '## NN (QN)'],
    );
    const ok = { p: { k: 'v', extra: 'e' }, n: null };
    expectAgreement(
      source,
      'POST /r request',
      [ok, { ...ok, n: 'x' }, { ...ok, p: { k: 'w', extra: 'e' } }, { ...ok, p: { k: 'v' } }, { ...ok, p: { ...ok.p, more: 1 } }],
      [true, true, false, false, false],
    );
  });

  it('nullable: null is allowed, also for fixed values and named types', () => {
    const source = request(
      ['+ n: 3 (number, nullable, required)', '+ f: x (string, fixed, nullable, required)', '+ o (O, nullable, required)'],
      ['## O', '+ k: v (string)'],
    );
    const ok = { n: 3, f: 'x', o: { k: 'v' } };
    expectAgreement(
      source,
      'POST /r request',
      [ok, { n: null, f: null, o: null }, { ...ok, f: 'y' }, { ...ok, n: 'three' }],
      [true, true, false, false],
    );
  });

  it('default and sample: annotations, never fixed values, even in a fixed object', () => {
    const source = request([
      '+ f (object, fixed, required)',
      '    + d (number, default)',
      '        + Default: 5',
      '    + s (string, sample)',
      '        + Sample: abc',
    ]);
    const v = expectAgreement(source, 'POST /r request', [{ f: { d: 7, s: 'xyz' } }, { f: { d: 'seven', s: 'xyz' } }], [true, false]);
    const f = (v.schema as any).properties.f;
    expect(f.properties.d).toMatchObject({ type: 'number', default: 5 });
    expect(f.properties.s).toMatchObject({ type: 'string', examples: ['abc'] });
  });
});

describe('bodies Drafter describes get a schema', () => {
  it("an action's attributes describe its JSON request (a POST whose URI template has {?limit})", () => {
    const source = apib(
      '# A',
      '## Coupons [/coupons{?limit}]',
      '### Create [POST]',
      '+ Attributes (object)',
      '    + percent_off: 25 (number, required)',
      '',
      '+ Request (application/json)',
      '',
      '+ Response 200 (application/json)',
    );
    expectAgreement(source, 'POST /coupons{?limit} request', [{ percent_off: 25 }, {}], [true, false]);
  });

  it('a 204 declared application/json with attributes keeps its schema', () => {
    const source = apib(
      '# A',
      '## R [/r]',
      '### Delete [DELETE]',
      '+ Response 204 (application/json)',
      '    + Attributes',
      '        + gone: true (boolean, required)',
    );
    expectAgreement(source, 'DELETE /r 204', [{ gone: false }, {}], [true, false]);
  });

  it('a written Schema section wins over Attributes beside it, as in Drafter', () => {
    const source = apib(
      '# A',
      '## R [/r]',
      '### Read [GET]',
      '+ Response 200 (application/json)',
      '    + Attributes',
      '        + name: kyle (string)',
      '',
      '    + Schema',
      '',
      '            {"type": "object", "additionalProperties": false, "properties": {"name": {}}}',
      '',
    );
    expectAgreement(source, 'GET /r 200', [{ name: 5 }, { other: 1 }], [true, false]);
  });
});
