import { describe, expect, it } from 'vitest';
import { apib, op, toOpenApi } from './blueprint.js';

describe('message bodies', () => {
  it('prefers Attributes over the Schema section and the example', () => {
    const { doc } = toOpenApi(
      apib(
        '# A',
        '## R [/r]',
        '### Read [GET]',
        '+ Response 200 (application/json)',
        '    + Attributes',
        '        + id: 1 (number, required)',
        '',
        '    + Body',
        '',
        '            {"id": 1, "extra": "x"}',
        '',
      ),
    );
    const media = op(doc, 'get', '/r').responses['200'].content['application/json'];
    expect(media.schema).toEqual({ type: 'object', properties: { id: { type: 'number', examples: [1] } }, required: ['id'] });
    expect(media.example).toEqual({ id: 1, extra: 'x' });
  });

  it('imports an explicit draft-04 Schema section into 2020-12 terms', () => {
    const { doc } = toOpenApi(
      apib(
        '# A',
        '## R [/r]',
        '### Read [GET]',
        '+ Response 200 (application/json)',
        '    + Body',
        '',
        '            {"age": 3, "pet": {"name": "x"}}',
        '',
        '    + Schema',
        '',
        '            {',
        '              "$schema": "http://json-schema.org/draft-04/schema#",',
        '              "type": "object",',
        '              "definitions": {"pet": {"type": "object", "properties": {"name": {"type": "string"}}}},',
        '              "properties": {',
        '                "age": {"type": "number", "minimum": 0, "exclusiveMinimum": true},',
        '                "pet": {"$ref": "#/definitions/pet"}',
        '              }',
        '            }',
        '',
      ),
    );
    const schema = op(doc, 'get', '/r').responses['200'].content['application/json'].schema;
    expect(schema).toEqual({
      type: 'object',
      properties: { age: { type: 'number', exclusiveMinimum: 0 }, pet: { $ref: '#/components/schemas/ReadResponse200Pet' } },
    });
    expect(doc.components?.schemas?.ReadResponse200Pet).toEqual({ type: 'object', properties: { name: { type: 'string' } } });
  });

  it('leaves a Schema section in another language alone, and says when a JSON one cannot be read', () => {
    const xml = toOpenApi(
      apib(
        '# A',
        '## R [/r]',
        '### Read [GET]',
        '+ Response 200 (application/xml)',
        '    + Schema',
        '',
        '            <xs:schema/>',
        '',
        '    + Attributes',
        '        + name: kyle',
      ),
    );
    expect(xml.warnings).toEqual([]);
    expect(op(xml.doc, 'get', '/r').responses['200'].content['application/xml'].schema).toMatchObject({
      properties: { name: { type: 'string' } },
    });
    const broken = toOpenApi(
      apib(
        '# A',
        '## R [/r]',
        '### Read [GET]',
        '+ Response 200 (application/json)',
        '    + Schema',
        '',
        '            {"type": "object",, }',
        '',
      ),
    );
    expect(broken.warnings.join('\n')).toMatch(/read response 200 schema: schema is not (strict )?JSON/);
  });

  it('infers a schema from the example when nothing else is given', () => {
    const { doc } = toOpenApi(
      apib(
        '# A',
        '## R [/r]',
        '### Read [GET]',
        '+ Response 200 (application/json)',
        '',
        '        [{"id": 1, "tags": ["a"]}, {"id": 2, "name": null}]',
        '',
      ),
    );
    expect(op(doc, 'get', '/r').responses['200'].content['application/json'].schema).toEqual({
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } }, name: { type: 'null' } },
      },
    });
  });

  it('reads JavaScript-flavoured examples leniently and says so, with the position', () => {
    const source = apib(
      '# A',
      '## R [/r]',
      '### Read [GET]',
      '+ Response 200 (application/json)',
      '',
      '        {',
      '            "a": 1 // one',
      '            "b": [1, 2, ...],',
      '        }',
      '',
    );
    const { doc, warnings } = toOpenApi(source);
    expect(op(doc, 'get', '/r').responses['200'].content['application/json'].example).toEqual({ a: 1, b: [1, 2] });
    expect(warnings.join('\n')).toMatch(/comment removed/);
    expect(warnings.join('\n')).toMatch(/missing comma inserted/);
    expect(warnings.join('\n')).toMatch(/'\.\.\.' placeholder left out/);
    expect(warnings.join('\n')).toMatch(/trailing comma removed/);
  });

  it('keeps an unreadable JSON example as text, with a warning', () => {
    const { doc, warnings } = toOpenApi(
      apib('# A', '## R [/r]', '### Read [GET]', '+ Response 200 (application/json)', '', '        {"a": [1, "k": 2]}', ''),
    );
    expect(op(doc, 'get', '/r').responses['200'].content['application/json'].example).toBe('{"a": [1, "k": 2]}\n');
    expect(warnings.some((w) => w.includes('kept as text'))).toBe(true);
  });

  it('collects several requests and responses: examples maps, anyOf/oneOf for different shapes', () => {
    const { doc } = toOpenApi(
      apib(
        '# A',
        '## R [/r]',
        '### Send [POST]',
        '+ Request Number (application/json)',
        '',
        '        {"n": 1}',
        '',
        '+ Response 200 (application/json)',
        '',
        '        {"ok": true}',
        '',
        '+ Request List (application/json)',
        '',
        '        [1, 2]',
        '',
        '+ Response 200 (application/json)',
        '',
        '        {"ok": false}',
        '',
        '+ Response 400 (text/plain)',
        '',
        '        bad',
        '',
      ),
    );
    const operation = op(doc, 'post', '/r');
    const request = operation.requestBody.content['application/json'];
    expect(request.schema).toEqual({
      oneOf: [
        { type: 'object', properties: { n: { type: 'number' } } },
        { type: 'array', items: { type: 'number' } },
      ],
    });
    expect(request.examples).toEqual({ Number: { summary: 'Number', value: { n: 1 } }, List: { summary: 'List', value: [1, 2] } });
    expect(operation.responses['200'].content['application/json'].examples).toEqual({
      example1: { value: { ok: true } },
      example2: { value: { ok: false } },
    });
    expect(operation.responses['400']).toEqual({
      description: 'Bad Request',
      content: { 'text/plain': { schema: { type: 'string' }, example: 'bad\n' } },
    });
  });

  it('gives an action without responses a valid default response', () => {
    const { doc, warnings } = toOpenApi(
      apib('# A', '## R [/r]', '### Ping [GET]', '+ Request', '    + Headers', '', '            X-Trace: 1', ''),
    );
    expect(op(doc, 'get', '/r').responses).toEqual({ default: { description: 'No response is documented for this operation.' } });
    expect(warnings.some((w) => w.includes('no response'))).toBe(true);
  });
});
