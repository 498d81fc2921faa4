/** The direction-aware API diff: one before/after case per rule, then how changes are grouped, hinted and worded. */
import { describe, expect, it } from 'vitest';
import {
  type ApiChange,
  RULES,
  type RuleId,
  countChanges,
  diffApis,
  formatChanges,
  isBreakingRelease,
  nextBreakingRelease,
  parseVersion,
} from '../../generator/src/diff/index.js';

type Json = Record<string, any>;

function doc(paths: Json, schemas: Json = {}, securitySchemes: Json = { key: { type: 'apiKey', in: 'query', name: 'apikey' } }): Json {
  return { openapi: '3.1.0', info: { title: 'A', version: '1.0.0' }, paths, components: { schemas, securitySchemes } };
}
const ok = { description: 'ok' };
function op(extra: Json = {}): Json {
  return { operationId: 'readThing', responses: { '200': ok }, ...extra };
}
/** One GET /things/{id} with the given parts (parameters come after the path variable). */
function thing(extra: Json = {}, schemas: Json = {}, securitySchemes?: Json): Json {
  const parameters = [{ in: 'path', name: 'id', required: true, schema: { type: 'string' } }, ...(extra.parameters ?? [])];
  return doc({ '/things/{id}': { get: op({ ...extra, parameters }) } }, schemas, securitySchemes);
}
const json = (schema: unknown) => ({ 'application/json': { schema } });
/** A schema the client sends: the body of POST /things. */
const sent = (schema: unknown) =>
  doc({ '/things': { post: op({ operationId: 'createThing', requestBody: { required: true, content: json(schema) } }) } });
/** A schema the client receives: the 200 body of GET /things. */
const received = (schema: unknown, schemas: Json = {}) =>
  doc(
    { '/things': { get: op({ operationId: 'listThings', responses: { '200': { description: 'ok', content: json(schema) } } }) } },
    schemas,
  );
const object = (properties: Json, required: string[] = []) => ({ type: 'object', properties, required });
const str = { type: 'string' };
const query = (name: string, required = false) => ({ in: 'query', name, required, schema: str });

/** For each rule, a before and an after that show it (and the subject it should name). */
const CASES: Array<{ rule: RuleId; before: Json; after: Json; subject: string }> = [
  {
    rule: 'operation-removed',
    before: doc({ '/a': { get: op() }, '/b': { get: op({ operationId: 'b' }) } }),
    after: doc({ '/a': { get: op() } }),
    subject: 'GET /b',
  },
  {
    rule: 'operation-added',
    before: doc({ '/a': { get: op() } }),
    after: doc({ '/a': { get: op() }, '/b': { get: op({ operationId: 'b' }) } }),
    subject: 'GET /b',
  },
  { rule: 'operation-id-changed', before: thing(), after: thing({ operationId: 'getThing' }), subject: 'GET /things/{id}' },
  {
    rule: 'component-schema-removed',
    before: received({ $ref: '#/components/schemas/Thing' }, { Thing: { type: 'object' } }),
    after: received({ type: 'object' }),
    subject: 'Thing',
  },
  {
    rule: 'security-requirement-added',
    before: thing({ security: [{ key: [] }] }),
    after: thing({ security: [{ key: [], bearer: [] }] }),
    subject: 'GET /things/{id}',
  },
  {
    rule: 'security-alternative-removed',
    before: thing({ security: [{ key: [] }, { bearer: [] }] }),
    after: thing({ security: [{ key: [] }] }),
    subject: 'GET /things/{id}',
  },
  {
    rule: 'security-alternative-added',
    before: thing({ security: [{ key: [] }] }),
    after: thing({ security: [{ key: [] }, { bearer: [] }] }),
    subject: 'GET /things/{id}',
  },
  {
    rule: 'security-scheme-changed',
    before: thing({ security: [{ key: [] }] }),
    after: thing({ security: [{ key: [] }] }, {}, { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } }),
    subject: 'security scheme key',
  },
  {
    rule: 'request-parameter-added-required',
    before: thing(),
    after: thing({ parameters: [query('q', true)] }),
    subject: 'GET /things/{id} query q',
  },
  { rule: 'request-parameter-added', before: thing(), after: thing({ parameters: [query('q')] }), subject: 'GET /things/{id} query q' },
  { rule: 'request-parameter-removed', before: thing({ parameters: [query('q')] }), after: thing(), subject: 'GET /things/{id} query q' },
  {
    rule: 'request-parameter-became-required',
    before: thing({ parameters: [query('q')] }),
    after: thing({ parameters: [query('q', true)] }),
    subject: 'GET /things/{id} query q',
  },
  {
    rule: 'request-parameter-became-optional',
    before: thing({ parameters: [query('q', true)] }),
    after: thing({ parameters: [query('q')] }),
    subject: 'GET /things/{id} query q',
  },
  {
    rule: 'request-parameter-location-changed',
    before: thing({ parameters: [query('q')] }),
    after: thing({ parameters: [{ in: 'header', name: 'q', schema: str }] }),
    subject: 'GET /things/{id} query q',
  },
  {
    rule: 'request-path-parameter-renamed',
    before: thing(),
    after: doc({ '/things/{key}': { get: op({ parameters: [{ in: 'path', name: 'key', required: true, schema: str }] }) } }),
    subject: 'GET /things/{id} path id',
  },
  {
    rule: 'request-body-added-required',
    before: thing(),
    after: thing({ requestBody: { required: true, content: json(str) } }),
    subject: 'GET /things/{id} request body',
  },
  {
    rule: 'request-body-added',
    before: thing(),
    after: thing({ requestBody: { content: json(str) } }),
    subject: 'GET /things/{id} request body',
  },
  {
    rule: 'request-body-removed',
    before: thing({ requestBody: { content: json(str) } }),
    after: thing(),
    subject: 'GET /things/{id} request body',
  },
  {
    rule: 'request-body-became-required',
    before: thing({ requestBody: { content: json(str) } }),
    after: thing({ requestBody: { required: true, content: json(str) } }),
    subject: 'GET /things/{id} request body',
  },
  {
    rule: 'request-body-became-optional',
    before: thing({ requestBody: { required: true, content: json(str) } }),
    after: thing({ requestBody: { content: json(str) } }),
    subject: 'GET /things/{id} request body',
  },
  {
    rule: 'request-media-type-removed',
    before: thing({ requestBody: { content: { ...json(str), 'text/plain': { schema: str } } } }),
    after: thing({ requestBody: { content: json(str) } }),
    subject: 'GET /things/{id} request body',
  },
  {
    rule: 'request-media-type-added',
    before: thing({ requestBody: { content: json(str) } }),
    after: thing({ requestBody: { content: { ...json(str), 'text/plain': { schema: str } } } }),
    subject: 'GET /things/{id} request body',
  },
  {
    rule: 'response-success-status-removed',
    before: thing({ responses: { '200': ok, '202': ok } }),
    after: thing(),
    subject: 'GET /things/{id} response 202',
  },
  {
    rule: 'response-status-removed',
    before: thing({ responses: { '200': ok, '404': ok } }),
    after: thing(),
    subject: 'GET /things/{id} response 404',
  },
  {
    rule: 'response-success-status-added',
    before: thing(),
    after: thing({ responses: { '200': ok, '202': ok } }),
    subject: 'GET /things/{id} response 202',
  },
  {
    rule: 'response-status-added',
    before: thing(),
    after: thing({ responses: { '200': ok, '404': ok } }),
    subject: 'GET /things/{id} response 404',
  },
  {
    rule: 'response-media-type-removed',
    before: thing({ responses: { '200': { description: 'ok', content: { ...json(str), 'text/html': { schema: str } } } } }),
    after: thing({ responses: { '200': { description: 'ok', content: json(str) } } }),
    subject: 'GET /things/{id} response 200',
  },
  {
    rule: 'response-media-type-added',
    before: thing({ responses: { '200': { description: 'ok', content: json(str) } } }),
    after: thing({ responses: { '200': { description: 'ok', content: { ...json(str), 'text/html': { schema: str } } } } }),
    subject: 'GET /things/{id} response 200',
  },
  {
    rule: 'response-header-removed',
    before: thing({ responses: { '200': { description: 'ok', headers: { 'X-Rate': { schema: str } } } } }),
    after: thing(),
    subject: 'GET /things/{id} response 200',
  },
  // What the client sends.
  {
    rule: 'request-property-added-required',
    before: sent(object({ a: str })),
    after: sent(object({ a: str, b: str }, ['b'])),
    subject: 'POST /things request body.b',
  },
  {
    rule: 'request-property-added',
    before: sent(object({ a: str })),
    after: sent(object({ a: str, b: str })),
    subject: 'POST /things request body.b',
  },
  {
    rule: 'request-property-removed',
    before: sent(object({ a: str, b: str })),
    after: sent(object({ a: str })),
    subject: 'POST /things request body.b',
  },
  {
    rule: 'request-property-became-required',
    before: sent(object({ a: str })),
    after: sent(object({ a: str }, ['a'])),
    subject: 'POST /things request body.a',
  },
  {
    rule: 'request-property-became-optional',
    before: sent(object({ a: str }, ['a'])),
    after: sent(object({ a: str })),
    subject: 'POST /things request body.a',
  },
  {
    rule: 'request-type-narrowed',
    before: sent({ type: 'number' }),
    after: sent({ type: 'integer' }),
    subject: 'POST /things request body',
  },
  {
    rule: 'request-type-widened',
    before: sent({ type: 'integer' }),
    after: sent({ type: 'number' }),
    subject: 'POST /things request body',
  },
  { rule: 'request-type-changed', before: sent(str), after: sent({ type: 'number' }), subject: 'POST /things request body' },
  {
    rule: 'request-became-not-nullable',
    before: sent({ type: ['string', 'null'] }),
    after: sent(str),
    subject: 'POST /things request body',
  },
  { rule: 'request-became-nullable', before: sent(str), after: sent({ type: ['string', 'null'] }), subject: 'POST /things request body' },
  {
    rule: 'request-format-added',
    before: sent(str),
    after: sent({ type: 'string', format: 'date' }),
    subject: 'POST /things request body',
  },
  {
    rule: 'request-format-removed',
    before: sent({ type: 'string', format: 'date' }),
    after: sent(str),
    subject: 'POST /things request body',
  },
  {
    rule: 'request-format-changed',
    before: sent({ type: 'string', format: 'date' }),
    after: sent({ type: 'string', format: 'date-time' }),
    subject: 'POST /things request body',
  },
  {
    rule: 'request-enum-value-removed',
    before: sent({ type: 'string', enum: ['a', 'b'] }),
    after: sent({ type: 'string', enum: ['a'] }),
    subject: 'POST /things request body',
  },
  {
    rule: 'request-enum-value-added',
    before: sent({ type: 'string', enum: ['a'] }),
    after: sent({ type: 'string', enum: ['a', 'b'] }),
    subject: 'POST /things request body',
  },
  { rule: 'request-enum-added', before: sent(str), after: sent({ type: 'string', enum: ['a'] }), subject: 'POST /things request body' },
  { rule: 'request-enum-removed', before: sent({ type: 'string', enum: ['a'] }), after: sent(str), subject: 'POST /things request body' },
  {
    rule: 'request-constraint-tightened',
    before: sent({ type: 'string', maxLength: 20 }),
    after: sent({ type: 'string', maxLength: 10 }),
    subject: 'POST /things request body',
  },
  {
    rule: 'request-constraint-loosened',
    before: sent({ type: 'integer', minimum: 5 }),
    after: sent({ type: 'integer', minimum: 1 }),
    subject: 'POST /things request body',
  },
  {
    rule: 'request-pattern-changed',
    before: sent({ type: 'string', pattern: '^a' }),
    after: sent({ type: 'string', pattern: '^b' }),
    subject: 'POST /things request body',
  },
  {
    rule: 'request-alternative-removed',
    before: sent({ oneOf: [str, { type: 'number' }] }),
    after: sent({ oneOf: [str] }),
    subject: 'POST /things request body',
  },
  {
    rule: 'request-alternative-added',
    before: sent({ anyOf: [str] }),
    after: sent({ anyOf: [str, { type: 'number' }] }),
    subject: 'POST /things request body',
  },
  {
    rule: 'request-tuple-element-added',
    before: sent({ type: 'array', prefixItems: [str], items: false }),
    after: sent({ type: 'array', prefixItems: [str, str], items: false }),
    subject: 'POST /things request body[1]',
  },
  {
    rule: 'request-tuple-element-removed',
    before: sent({ type: 'array', prefixItems: [str, str], items: false }),
    after: sent({ type: 'array', prefixItems: [str], items: false }),
    subject: 'POST /things request body[1]',
  },
  // What the client receives.
  {
    rule: 'response-property-removed',
    before: received(object({ a: str, b: str })),
    after: received(object({ a: str })),
    subject: 'GET /things response 200.b',
  },
  {
    rule: 'response-property-added',
    before: received(object({ a: str })),
    after: received(object({ a: str, b: str }, ['b'])),
    subject: 'GET /things response 200.b',
  },
  {
    rule: 'response-property-became-optional',
    before: received(object({ a: str }, ['a'])),
    after: received(object({ a: str })),
    subject: 'GET /things response 200.a',
  },
  {
    rule: 'response-property-became-required',
    before: received(object({ a: str })),
    after: received(object({ a: str }, ['a'])),
    subject: 'GET /things response 200.a',
  },
  {
    rule: 'response-type-widened',
    before: received({ type: 'integer' }),
    after: received({ type: 'number' }),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-type-narrowed',
    before: received({ type: ['string', 'number'] }),
    after: received(str),
    subject: 'GET /things response 200',
  },
  { rule: 'response-type-changed', before: received(str), after: received({ type: 'boolean' }), subject: 'GET /things response 200' },
  {
    rule: 'response-became-nullable',
    before: received(str),
    after: received({ type: ['string', 'null'] }),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-became-not-nullable',
    before: received({ type: ['string', 'null'] }),
    after: received(str),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-format-removed',
    before: received({ type: 'string', format: 'uuid' }),
    after: received(str),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-format-added',
    before: received(str),
    after: received({ type: 'string', format: 'uuid' }),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-format-changed',
    before: received({ type: 'string', format: 'date' }),
    after: received({ type: 'string', format: 'date-time' }),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-enum-value-added',
    before: received({ type: 'string', enum: ['a'] }),
    after: received({ type: 'string', enum: ['a', 'b'] }),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-enum-value-removed',
    before: received({ type: 'string', enum: ['a', 'b'] }),
    after: received({ type: 'string', enum: ['a'] }),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-enum-added',
    before: received(str),
    after: received({ type: 'string', enum: ['a'] }),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-enum-removed',
    before: received({ type: 'string', enum: ['a'] }),
    after: received(str),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-constraint-loosened',
    before: received({ type: 'string', maxLength: 10 }),
    after: received({ type: 'string', maxLength: 20 }),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-constraint-tightened',
    before: received({ type: 'string' }),
    after: received({ type: 'string', pattern: '^[0-9]+$' }),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-pattern-changed',
    before: received({ type: 'string', pattern: '^a' }),
    after: received({ type: 'string', pattern: '^b' }),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-alternative-added',
    before: received({ oneOf: [str] }),
    after: received({ oneOf: [str, { type: 'number' }] }),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-alternative-removed',
    before: received({ anyOf: [str, { type: 'number' }] }),
    after: received({ anyOf: [str] }),
    subject: 'GET /things response 200',
  },
  {
    rule: 'response-tuple-element-added',
    before: received({ type: 'array', prefixItems: [str], items: false }),
    after: received({ type: 'array', prefixItems: [str, str], items: false }),
    subject: 'GET /things response 200[1]',
  },
  {
    rule: 'response-tuple-element-removed',
    before: received({ type: 'array', prefixItems: [str, str], items: false }),
    after: received({ type: 'array', prefixItems: [str], items: false }),
    subject: 'GET /things response 200[1]',
  },
];

describe('API diff rules', () => {
  it('has one case per rule', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(Object.keys(RULES).sort());
  });

  it.each(CASES)('$rule', ({ rule, before, after, subject }) => {
    const changes = diffApis(before, after);
    expect(changes.map((c) => c.rule)).toEqual([rule]);
    const [change] = changes as [ApiChange];
    expect(change.severity).toBe(RULES[rule].severity);
    expect(change.subject).toBe(subject);
    expect(change.operations.length).toBeGreaterThan(0);
  });

  it('reports nothing for identical documents', () => {
    for (const { before } of CASES) expect(diffApis(before, structuredClone(before))).toEqual([]);
  });
});

describe('API diff', () => {
  it('reports a change to a named schema once, with every operation that uses it', () => {
    const error = { $ref: '#/components/schemas/Error' };
    const api = (required: string[]) =>
      doc(
        {
          '/a': { get: op({ operationId: 'getA', responses: { '400': { description: 'bad', content: json(error) } } }) },
          '/b': { put: op({ operationId: 'putB', responses: { '400': { description: 'bad', content: json(error) } } }) },
          '/c': { get: op({ operationId: 'getC' }) },
        },
        { Error: object({ code: { type: 'number' }, http_code: { type: 'number' } }, required) },
      );
    const changes = diffApis(api(['code', 'http_code']), api(['code']));
    expect(changes).toEqual([
      {
        rule: 'response-property-became-optional',
        severity: 'breaking',
        subject: 'Error.http_code',
        detail: 'required → optional',
        operations: [
          { key: 'GET /a', operationId: 'getA' },
          { key: 'PUT /b', operationId: 'putB' },
        ],
      },
    ]);
  });

  it('judges a schema used both ways by both sets of rules', () => {
    const thingRef = { $ref: '#/components/schemas/Thing' };
    const api = (required: string[]) =>
      doc(
        {
          '/things': {
            post: op({
              operationId: 'createThing',
              requestBody: { required: true, content: json(thingRef) },
              responses: { '200': { description: 'ok', content: json(thingRef) } },
            }),
          },
        },
        { Thing: object({ name: str }, required) },
      );
    const changes = diffApis(api([]), api(['name']));
    expect(changes.map((c) => [c.rule, c.severity, c.subject])).toEqual([
      ['request-property-became-required', 'breaking', 'Thing.name'],
      ['response-property-became-required', 'info', 'Thing.name'],
    ]);
  });

  it('leaves readOnly properties out of what clients send', () => {
    const changes = diffApis(
      sent(object({ id: { type: 'string', readOnly: true } })),
      sent(object({ id: { type: 'string', readOnly: true } }, ['id'])),
    );
    expect(changes).toEqual([]);
  });

  it('follows schemas through arrays, nested objects and references on one side', () => {
    const before = received({ type: 'array', items: object({ price: object({ value: { type: 'number' } }, ['value']) }) });
    const after = received({ type: 'array', items: object({ price: object({ value: { type: 'number' } }) }) });
    expect(diffApis(before, after).map((c) => c.subject)).toEqual(['GET /things response 200[].price.value']);
  });

  it('hints at a renamed path when the removed operation reappears with the same operationId or shape', () => {
    const byId = diffApis(doc({ '/event/{id}': { get: op() } }), doc({ '/events/{id}': { get: op() } }));
    expect(byId[0]).toMatchObject({ rule: 'operation-removed', subject: 'GET /event/{id}' });
    expect(byId[0]?.hint).toMatch(/^GET \/events\/\{id\} is new with the same operationId \(readThing\): a renamed path\?/);
    const byShape = diffApis(doc({ '/old': { get: op({ operationId: 'a' }) } }), doc({ '/new': { get: op({ operationId: 'b' }) } }));
    expect(byShape[0]?.hint).toMatch(/^GET \/new is new with the same parameters, body and responses/);
    const unrelated = diffApis(doc({ '/old': { get: op({ operationId: 'a' }) } }), doc({ '/new': { post: op({ operationId: 'b' }) } }));
    expect(unrelated[0]?.hint).toBeUndefined();
  });

  it('matches a path whose variable was renamed, and notes the rename', () => {
    const before = doc({ '/a/{id}': { get: op({ parameters: [{ in: 'path', name: 'id', required: true, schema: str }] }) } });
    const after = doc({
      '/a/{key}': { get: op({ parameters: [{ in: 'path', name: 'key', required: true, schema: { type: 'integer' } }] }) },
    });
    expect(diffApis(before, after).map((c) => c.rule)).toEqual(['request-type-changed', 'request-path-parameter-renamed']);
  });

  it('counts and words changes: severity, rule, subject, detail, the operations and the hint', () => {
    const changes = diffApis(received(object({ a: str }, ['a'])), received(object({ a: str })));
    expect(countChanges(changes)).toMatchObject({ breaking: 1, warning: 0, info: 0, text: '1 breaking, 0 warnings, 0 info' });
    expect(formatChanges(changes)).toEqual([
      '  breaking  response-property-became-optional  GET /things response 200.a: required → optional',
      '            affects listThings (GET /things)',
    ]);
    const removed = diffApis(doc({ '/event/{id}': { get: op() } }), doc({ '/events/{id}': { get: op() } }));
    expect(formatChanges(removed)).toEqual([
      '  breaking  operation-removed  GET /event/{id}: removed',
      '            hint: GET /events/{id} is new with the same operationId (readThing): a renamed path? Clients calling /event/{id} break',
      '  info      operation-added  GET /events/{id}: added',
    ]);
  });
});

describe('API diff: the shapes the converter writes', () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const rules = (changes: ApiChange[]) => changes.map((c) => [c.rule, c.subject, c.detail]);
  /** POST /items sends an Item and receives one; GET /items receives one. */
  const items = (schemas: Json) =>
    doc(
      {
        '/items': {
          get: op({ operationId: 'listItems', responses: { '200': { description: 'ok', content: json(ref('Item')) } } }),
          post: op({
            operationId: 'createItem',
            requestBody: { required: true, content: json(ref('Item')) },
            responses: { '201': { description: 'ok', content: json(ref('Item')) } },
          }),
        },
      },
      schemas,
    );
  const colour = { type: 'string', enum: ['red', 'blue'] };

  it('reads anyOf/oneOf of a schema and {type: null} as that schema, nullable', () => {
    // `+ colour (Colour)` → `+ colour (Colour, nullable)`.
    const before = items({ Item: object({ colour: ref('Colour') }), Colour: colour });
    for (const keyword of ['anyOf', 'oneOf']) {
      const after = items({ Item: object({ colour: { [keyword]: [ref('Colour'), { type: 'null' }] } }), Colour: colour });
      expect(rules(diffApis(before, after))).toEqual([
        ['response-became-nullable', 'Item.colour', 'may now be null'],
        ['request-became-nullable', 'Item.colour', 'may now be null'],
      ]);
      expect(rules(diffApis(after, before))).toEqual([
        ['request-became-not-nullable', 'Item.colour', 'null no longer allowed'],
        ['response-became-not-nullable', 'Item.colour', 'null no longer allowed'],
      ]);
    }
    // Inline, null first, and a schema that was nullable already: only what changed.
    expect(rules(diffApis(received(str), received({ anyOf: [{ type: 'null' }, { type: 'string', format: 'date' }] })))).toEqual([
      ['response-became-nullable', 'GET /things response 200', 'may now be null'],
      ['response-format-added', 'GET /things response 200', 'format none → date'],
    ]);
    expect(diffApis(received({ type: ['string', 'null'] }), received({ anyOf: [ref('S'), { type: 'null' }] }, { S: str }))).toEqual([]);
  });

  it('pairs union members by content, not position: reordering changes nothing', () => {
    expect(diffApis(received({ oneOf: [str, { type: 'integer' }] }), received({ oneOf: [{ type: 'integer' }, str] }))).toEqual([]);
    // Two choices of a One Of, swapped, in what clients send.
    const a = object({ card: str }, ['card']);
    const b = object({ iban: str, bic: str }, ['iban']);
    expect(diffApis(sent({ type: 'object', oneOf: [a, b] }), sent({ type: 'object', oneOf: [b, a] }))).toEqual([]);
    // A changed choice is compared with the choice it is closest to, wherever it moved.
    const b2 = object({ iban: str, bic: str }, ['iban', 'bic']);
    expect(rules(diffApis(sent({ type: 'object', oneOf: [a, b] }), sent({ type: 'object', oneOf: [b2, a] })))).toEqual([
      ['request-property-became-required', 'POST /things request body (oneOf #1).bic', 'optional → required'],
    ]);
    // Only what has no counterpart is added or removed.
    expect(rules(diffApis(sent({ oneOf: [str, { type: 'integer' }] }), sent({ oneOf: [{ type: 'integer' }] })))).toEqual([
      ['request-alternative-removed', 'POST /things request body', 'oneOf member #1 (string) removed'],
    ]);
    // A schema that becomes a union is paired with the member of its own name.
    expect(
      rules(
        diffApis(
          received(ref('Colour'), { Colour: colour }),
          received({ anyOf: [{ type: 'integer' }, ref('Colour')] }, { Colour: colour }),
        ),
      ),
    ).toEqual([['response-alternative-added', 'GET /things response 200', 'anyOf member #1 (integer) added']]);
  });

  it('compares tuples (prefixItems) element by element; items: false closes them', () => {
    const tuple = (elements: unknown[], closed = true) => ({
      type: 'array',
      prefixItems: elements,
      minItems: elements.length,
      ...(closed ? { items: false } : {}),
    });
    expect(rules(diffApis(received(tuple([str])), received(tuple([{ type: 'number' }]))))).toEqual([
      ['response-type-changed', 'GET /things response 200[0]', 'type string → number'],
    ]);
    expect(rules(diffApis(received(tuple([str])), received(tuple([str, object({ a: str })]))))).toEqual([
      ['response-constraint-tightened', 'GET /things response 200', 'minItems 1 → 2'],
      ['response-tuple-element-added', 'GET /things response 200[1]', 'element added'],
    ]);
    expect(rules(diffApis(sent(tuple([str, str])), sent(tuple([str]))))).toEqual([
      ['request-tuple-element-removed', 'POST /things request body[1]', 'element no longer accepted'],
      ['request-constraint-loosened', 'POST /things request body', 'minItems 2 → 1'],
    ]);
    // An open array made a one-element tuple: no type noise; clients sending more are refused.
    const list = { type: 'array', items: str };
    expect(diffApis(received(list), received({ type: 'array', prefixItems: [str], items: false }))).toEqual([]);
    expect(rules(diffApis(sent(list), sent({ type: 'array', prefixItems: [str], items: false })))).toEqual([
      ['request-constraint-tightened', 'POST /things request body', 'items: false (no elements after [0] accepted)'],
    ]);
  });

  it('follows a named schema that is only a reference to another', () => {
    const b = (required: string[]) => ({ A: ref('B'), B: object({ x: str }, required) });
    expect(rules(diffApis(received(ref('A'), b(['x'])), received(ref('A'), b([]))))).toEqual([
      ['response-property-became-optional', 'B.x', 'required → optional'],
    ]);
    // A cycle of references ends.
    const loop = { A: ref('B'), B: ref('A') };
    expect(diffApis(received(ref('A'), loop), received(ref('A'), loop))).toEqual([]);
  });

  it('compares a schema-valued additionalProperties', () => {
    const map = (values: unknown) => ({ type: 'object', additionalProperties: values });
    expect(rules(diffApis(received(map(str)), received(map({ type: 'integer' }))))).toEqual([
      ['response-type-changed', 'GET /things response 200.*', 'type string → integer'],
    ]);
    expect(rules(diffApis(sent(map({ type: 'integer' })), sent(map({ type: 'number' }))))).toEqual([
      ['request-type-widened', 'POST /things request body.*', 'type integer → number'],
    ]);
  });
});

describe('versioning policy', () => {
  const v = (text: string) => parseVersion(text) ?? { major: -1, minor: -1, patch: -1 };
  it('asks a breaking change for a new major version, or a new minor below 1.0.0', () => {
    expect(isBreakingRelease(v('1.0.0'), v('2.0.0'))).toBe(true);
    expect(isBreakingRelease(v('1.4.2'), v('1.5.0'))).toBe(false);
    expect(isBreakingRelease(v('2.0.0'), v('1.9.0'))).toBe(false);
    expect(isBreakingRelease(v('0.1.0'), v('0.2.0'))).toBe(true);
    expect(isBreakingRelease(v('0.1.0'), v('0.1.7'))).toBe(false);
    expect(isBreakingRelease(v('0.3.1'), v('1.0.0'))).toBe(true);
    expect(nextBreakingRelease(v('1.4.2'))).toBe('2.0.0');
    expect(nextBreakingRelease(v('0.3.1'))).toBe('0.4.0');
    expect(parseVersion('v1.2.3-rc.1')).toEqual({ major: 1, minor: 2, patch: 3 });
    expect(parseVersion('1.2')).toBeUndefined();
  });
});
