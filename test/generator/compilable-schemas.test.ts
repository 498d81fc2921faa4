/**
 * Every schema of our output compiles with a 2020-12 validator (Ajv), `$ref`s
 * included: recursive types, enums without members, broken or older JSON Schema.
 */
import { describe, expect, it } from 'vitest';
import { schemaProblems } from '../../generator/scripts/fidelity.js';
import { unicodePattern } from '../../generator/src/json-schema-import.js';
import { apib, op, toOpenApi } from './blueprint.js';
import { expectAgreement } from './drafter-verdicts.js';

describe('schemas that compile', () => {
  it('keeps recursive types as $refs, also inside a fixed expansion, with examples that stop at the first repetition', () => {
    const source = apib(
      '# A',
      '## R [/r]',
      '### Get [GET]',
      '+ Response 200 (application/json)',
      '    + Attributes (A, fixed)',
      '',
      '# Data Structures',
      '## A (object)',
      '+ b (B)',
      '+ self (array[A])',
      '',
      '## B',
      '+ a (A)',
      '+ c: 1 (number)',
    );
    const v = expectAgreement(
      source,
      'GET /r 200',
      [
        { b: { a: {}, c: 1 }, self: [{}] },
        { b: { a: { x: 1 }, c: 1 }, self: [{}] },
      ],
      [true, false],
    );
    expect(schemaProblems(v.doc)).toEqual([]);
    expect(op(v.doc, 'get', '/r').responses['200'].content['application/json'].example).toEqual({ b: { a: {}, c: 1 }, self: [{}] });
    expect(v.doc.components?.schemas?.B).toEqual({
      type: 'object',
      properties: { a: { $ref: '#/components/schemas/A' }, c: { type: 'number', examples: [1] } },
    });
  });

  it('gives an enum without members an unconstrained schema and a warning at its definition, never enum: []', () => {
    const { doc, warnings } = toOpenApi(
      apib(
        '# A',
        '## R [/r]',
        '### Get [GET]',
        '+ Response 200 (application/json)',
        '    + Attributes (C)',
        '',
        '# Data Structures',
        '## C',
        '+ f (F)',
        '',
        '## F (enum)',
      ),
    );
    expect(schemaProblems(doc)).toEqual([]);
    expect(doc.components?.schemas?.F).toEqual({});
    expect(warnings).toContain('enum has no members; any value is accepted');
  });

  it('repairs written JSON Schema a 2020-12 validator would refuse, keeping its meaning', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      properties: {
        tuple: { type: 'array', items: [{ type: 'number' }], additionalItems: false },
        rest: { type: 'array', items: [], additionalItems: { type: 'string' } },
        code: { type: 'string', pattern: '^[a-z]\\-\\d$' },
        broken: { type: 'string', pattern: '(' },
        none: { enum: [] },
        odd: { type: 'int' },
        missing: { $ref: '#/definitions/missing' },
        node: { $ref: '#/definitions/node' },
      },
      definitions: { node: { type: 'object', properties: { next: { $ref: '#/definitions/node' } } } },
    };
    const source = apib(
      '# A',
      '## R [/r]',
      '### Get [GET]',
      '+ Response 200 (application/json)',
      '    + Body',
      '',
      '            {"tuple": [1], "rest": ["a"], "code": "a-1", "node": {"next": {}}}',
      '',
      '    + Schema',
      '',
      `            ${JSON.stringify(schema)}`,
      '',
    );
    const { doc, warnings } = toOpenApi(source);
    expect(schemaProblems(doc)).toEqual([]);
    const props = op(doc, 'get', '/r').responses['200'].content['application/json'].schema.properties;
    expect(props.tuple).toEqual({ type: 'array', prefixItems: [{ type: 'number' }], items: false });
    expect(props.rest).toEqual({ type: 'array', items: { type: 'string' } });
    expect(props.code.pattern).toBe('^[a-z]-\\d$');
    expect(props.broken).toEqual({ type: 'string' });
    expect(props.none).toEqual({});
    expect(props.odd).toEqual({});
    expect(warnings.join('\n')).toMatch(/pattern '\(' is not a valid regular expression/);
    expect(warnings.join('\n')).toMatch(/type \["int"\] is not a JSON Schema type/);
    expect(warnings.join('\n')).toMatch(/'#\/definitions\/missing' cannot be resolved/);
    // Where the written schema is valid draft-04, the repaired one agrees with it on the body and its mutants.
    const { tuple, code, node } = schema.properties;
    const valid = JSON.stringify({ ...schema, properties: { tuple, code, node } });
    expectAgreement(
      source.replace(JSON.stringify(schema), valid),
      'GET /r 200',
      [{ tuple: [1, 2] }, { code: 'a-b' }, { tuple: ['x'] }],
      [false, false, false],
    );
  });

  it('rewrites escapes that Unicode regular expressions refuse, and nothing else', () => {
    expect(unicodePattern('^[\\w\\-]+$')).toBe('^[\\w\\-]+$');
    expect(unicodePattern('^\\-\\_\\d$')).toBe('^-_\\d$');
    expect(unicodePattern('^a\\/b$')).toBe('^a\\/b$');
    expect(unicodePattern('(')).toBeUndefined();
  });

  it('finds schemas that do not compile (the check itself can fail)', () => {
    const doc = {
      openapi: '3.1.0',
      paths: {
        '/r': { get: { responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Gone' } } } } } } },
      },
      components: { schemas: { Empty: { enum: [] }, Bad: { type: 'int' } } },
    };
    const problems = schemaProblems(doc);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/Empty/);
    expect(problems.join('\n')).toMatch(/Bad/);
    expect(problems.join('\n')).toMatch(/Gone/);
  });
});
