/**
 * The fidelity check of `pnpm conformance` (generator/scripts/fidelity.ts): it passes
 * our own output, and it fails a document whose schemas say something else than
 * Drafter's, naming the body and the mutant; it leaves out, and counts, only bodies that
 * contradict themselves and statuses with several different bodies.
 */
import { describe, expect, it } from 'vitest';
import { checkFidelity } from '../../generator/scripts/fidelity.js';
import { mutantsOf } from '../../generator/scripts/json-mutations.js';
import { normaliseSource } from '../../generator/src/normalise-source.js';
import { apib, toOpenApi } from './blueprint.js';

const source = apib(
  '# A',
  '## Posts [/posts]',
  '### Create [POST]',
  '+ Request (application/json)',
  '    + Attributes (object, fixed-type)',
  '        + title: Hi (string, required)',
  '        + body: Text (string)',
  '',
  '+ Response 201 (application/json)',
  '    + Attributes',
  '        + id: 1 (number, required)',
  '',
  '+ Response 400 (application/json)',
  '    + Attributes',
  '        + error: bad (string, required)',
  '',
  '+ Response 400 (application/json)',
  '    + Attributes',
  '        + errors (array[string], required)',
  '',
  '### Replace [PUT]',
  '+ Request (application/json)',
  '    + Attributes',
  '        + count: 3 (number)',
  '',
  '    + Body',
  '',
  '            {"count": "three"}',
  '',
  '+ Response 204',
);

function check(edit?: (doc: any) => void) {
  const { doc } = toOpenApi(source);
  edit?.(doc);
  return checkFidelity(normaliseSource(source), doc);
}

describe('the fidelity check', () => {
  it('passes our document, counting examples, mutants and what it leaves out', () => {
    const r = check();
    expect(r.disagreements).toEqual([]);
    // POST request, POST 201; the two 400 bodies share a status; PUT's example contradicts its attributes.
    expect(r).toMatchObject({ examples: 2, examplesAgreed: 2, contradictory: 1, severalBodies: 2, combinedExamples: 2, combinedAgreed: 2 });
    expect(r.mutations).toBe(r.mutationsAgreed);
    // Request: two properties dropped and retyped, one added; 201: one property, one added.
    expect(r.mutations).toBe(2 * 2 + 1 + (1 * 2 + 1));
    expect(r.leftOut.join('\n')).toMatch(/PUT \/posts request application\/json: Drafter's schema rejects the example/);
  });

  it('fails a schema that forgets what fixed-type and required mean', () => {
    const r = check((doc) => {
      const schema = doc.paths['/posts'].post.requestBody.content['application/json'].schema;
      delete schema.required;
      delete schema.additionalProperties;
    });
    expect(r.disagreements).toEqual([
      "POST /posts request application/json: drop /title: Drafter's schema rejects, ours accepts",
      "POST /posts request application/json: drop /body: Drafter's schema rejects, ours accepts",
      "POST /posts request application/json: add /zzUnknownProperty: Drafter's schema rejects, ours accepts",
    ]);
  });

  it('holds a written example without a Drafter schema against our inferred schema too', () => {
    const plain = apib('# A', '## R [/r]', '### Read [GET]', '+ Response 200 (application/json)', '', '        {"id": 1}', '');
    const { doc } = toOpenApi(plain);
    expect(checkFidelity(normaliseSource(plain), doc)).toMatchObject({ schemalessExamples: 1, schemalessAgreed: 1, disagreements: [] });
    (doc.paths['/r']?.get as any).responses['200'].content['application/json'].schema = { type: 'array' };
    expect(checkFidelity(normaliseSource(plain), doc).disagreements).toEqual([
      'GET /r 200 application/json: our schema rejects the example (/ must be array)',
    ]);
  });

  it('fails a schema that rejects the example, a missing body and a schema that does not compile', () => {
    const r = check((doc) => {
      doc.paths['/posts'].post.responses['201'].content['application/json'].schema = { type: 'string' };
      doc.paths['/posts'].post.requestBody.content['application/json'].schema = { $ref: '#/components/schemas/Nowhere' };
      delete doc.paths['/posts'].post.responses['400'].content;
    });
    expect(r.disagreements.join('\n')).toMatch(/POST \/posts 201 application\/json: Drafter's schema accepts the example, ours rejects it/);
    expect(r.disagreements.join('\n')).toMatch(/POST \/posts request application\/json: our schema at .* does not compile/);
    expect(r.disagreements.join('\n')).toMatch(
      /POST \/posts 400 application\/json: Drafter's schema accepts the example, our combined schema is missing/,
    );
  });
});

describe('mutants of an example', () => {
  it('drop, retype and add at every object reached through properties, entering arrays only when asked', () => {
    const example = { a: 1, list: [{ b: 'x' }], inner: { c: null } };
    const changes = (enter: boolean) => mutantsOf(example, () => enter).map((m) => m.change);
    expect(changes(false)).toEqual([
      'drop /a',
      'retype /a',
      'drop /list',
      'retype /list',
      'drop /inner',
      'retype /inner',
      'add /zzUnknownProperty',
      'drop /inner/c',
      'retype /inner/c',
      'add /inner/zzUnknownProperty',
    ]);
    expect(changes(true)).toEqual(expect.arrayContaining(['drop /list/0/b', 'retype /list/0/b', 'add /list/0/zzUnknownProperty']));
    const retyped = mutantsOf(example, () => false).find((m) => m.change === 'retype /inner/c')?.value;
    expect(retyped).toEqual({ a: 1, list: [{ b: 'x' }], inner: { c: 'mutated' } });
    // The example itself is never changed.
    expect(example).toEqual({ a: 1, list: [{ b: 'x' }], inner: { c: null } });
  });
});
