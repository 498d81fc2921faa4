/**
 * Parsing a large blueprint in chunks of resource groups gives exactly what one
 * whole-document parse gives (API Elements and diagnostics, positions included), on
 * the corpus, our spec and a generated large blueprint; where it could not, the
 * document is parsed whole.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, loadCorpus } from '../../generator/scripts/corpus.js';
import { largeBlueprint } from '../../generator/scripts/large-blueprint.js';
import { normaliseSource } from '../../generator/src/normalise-source.js';
import { parseBlueprint } from '../../generator/src/parse-blueprint.js';
import { apib } from './blueprint.js';

/** A resource group with one resource (`## Name [uri]`) and one GET, plus `more` lines. */
function group(name: string, resource: string, uri: string, ...more: string[]): string[] {
  return [`# Group ${name}`, `## ${resource} [${uri}]`, '### Read [GET]', '+ Response 200', ...more];
}

/** Both parses of one text; `chunkBytes: 1` makes every group a chunk of its own. */
function bothWays(source: string) {
  const text = normaliseSource(source);
  const whole = parseBlueprint(text, { chunkBytes: Infinity });
  const chunked = parseBlueprint(text, { chunkBytes: 1 });
  return { whole, chunked, same: JSON.stringify([whole.api, whole.diagnostics]) === JSON.stringify([chunked.api, chunked.diagnostics]) };
}

describe('parsing in chunks', () => {
  it('gives the whole-document result for every corpus blueprint and our spec', () => {
    const sources = [readFileSync(join(REPO_ROOT, 'spec', 'partner-api.apib'), 'utf8'), ...(loadCorpus() ?? []).map((f) => f.source)];
    let chunkedCount = 0;
    for (const [i, source] of sources.entries()) {
      const r = bothWays(source);
      expect(r.same, `source #${i}`).toBe(true);
      if (r.chunked.chunks > 1) chunkedCount++;
    }
    // Our spec (seven groups) is cut, so the comparison is not vacuous.
    expect(bothWays(sources[0] as string).chunked.chunks).toBe(7);
    expect(chunkedCount).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('gives the same document and diagnostics for a generated large blueprint, cut by size', () => {
    const { source } = largeBlueprint(6);
    const text = normaliseSource(source);
    const whole = parseBlueprint(text, { chunkBytes: Infinity });
    const chunked = parseBlueprint(text, { chunkBytes: 60_000 });
    expect(chunked.chunks).toBeGreaterThan(2);
    expect(chunked.api).toEqual(whole.api);
    expect(chunked.diagnostics).toEqual(whole.diagnostics);
    // Below four chunks' worth, a document is parsed whole.
    expect(parseBlueprint(text).chunks).toBe(1);
  }, 120_000);

  it('places a warning inside a later chunk at its line in the blueprint', () => {
    const source = apib(
      '# API',
      ...group('A', 'R', '/r'),
      '# Group B',
      '## S [/s]',
      '### Read [GET]',
      '+ Request',
      '    + Headers',
      '',
      '            Accept: text/plain',
      '',
    );
    const r = bothWays(source);
    expect(r.chunked.chunks).toBe(2);
    expect(r.same).toBe(true);
    expect(r.chunked.diagnostics.map((d) => d.line)).toEqual(r.whole.diagnostics.map((d) => d.line));
    // Group B starts on line 6: the warning is there, not at its line in the second chunk's text.
    expect(r.chunked.diagnostics[0]?.line).toBeGreaterThan(6);
  });

  it('parses whole whatever one chunk cannot see: models, resource types, names and URIs used across groups', () => {
    const cases: Record<string, string> = {
      'a model used in another group': apib(
        '# API',
        '# Group A',
        '## Note [/notes]',
        '+ Model (application/json)',
        '',
        '        {"id": 1}',
        '',
        '### Read [GET]',
        '+ Response 200',
        '',
        '    [Note][]',
        '',
        '# Group B',
        '## Other [/other]',
        '### Get [GET]',
        '+ Response 200',
        '',
        '    [Note][]',
      ),
      "a resource's attributes used as a type in another group": apib(
        '# API',
        '# Group A',
        '## Coupon [/coupons]',
        '+ Attributes',
        '    + id: 1 (number)',
        '',
        '### Read [GET]',
        '+ Response 200',
        '# Group B',
        '## Other [/other]',
        '### Get [GET]',
        '+ Response 200 (application/json)',
        '    + Attributes (Coupon)',
      ),
      'a group name used twice': apib('# API', ...group('A', 'R', '/r'), ...group('A', 'S', '/s')),
      'a URI used in two groups': apib('# API', ...group('A', 'R', '/r'), '# Group B', '## S [/r]', '### Make [POST]', '+ Response 201'),
      'data structures inside a group': apib(
        '# API',
        '# Group A',
        '## R [/r]',
        '### Read [GET]',
        '+ Response 200 (application/json)',
        '    + Attributes (T)',
        ...group('B', 'S', '/s', '## Data Structures', '### T', '+ a (string)'),
      ),
      // Drafter refuses these in one document; chunks that each see one definition would not.
      'a resource type (Attributes) defined in two groups': apib(
        '# API',
        ...[0, 5].flatMap((n) => [
          `# Group G${n}`,
          `## Note [/g${n}/notes]`,
          '+ Attributes (object)',
          `    + id${n}: 1 (number, required)`,
          '',
          `### Get note ${n} [GET]`,
          '+ Response 200 (application/json)',
          '    + Attributes (Note)',
          '',
        ]),
      ),
      'a resource named like a data structure': apib(
        '# API',
        ...group('A', 'R', '/r', '    + Attributes (Thing)'),
        '# Group B',
        '## Item [/item]',
        '+ Attributes (object)',
        '    + other: 1 (number, required)',
        '',
        '### Read [GET]',
        '+ Response 200',
        '# Data Structures',
        '## Item (object)',
        '+ name (string)',
        '## Thing (object)',
        '+ item (Item)',
      ),
      'a model defined in two groups': apib(
        '# API',
        '# Group A',
        '## Note [/a]',
        '+ Model (application/json)',
        '',
        '        {"a": 1}',
        '',
        '### Get [GET]',
        '+ Response 200',
        '',
        '    [Note][]',
        '',
        '# Group B',
        '## Note [/b]',
        '+ Model (application/json)',
        '',
        '        {"b": 1}',
        '',
        '### Get b [GET]',
        '+ Response 200',
        '',
        '    [Note][]',
      ),
      'a resource outside the groups': apib(
        '# API',
        '## Top [/top]',
        '### Read [GET]',
        '+ Response 200',
        ...group('A', 'R', '/r'),
        ...group('B', 'S', '/s'),
      ),
    };
    for (const [name, source] of Object.entries(cases)) {
      const r = bothWays(source);
      expect(r.same, name).toBe(true);
      expect(r.chunked.chunks, name).toBe(1);
    }
  });
});
