import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Drafter, loadDrafter, patchDrafterBundle } from '../../generator/src/load-drafter.js';
import { REPO_ROOT, loadCorpus } from '../../generator/scripts/corpus.js';
import { drafterOptions } from '../../generator/src/parse-blueprint.js';

const requireFromGenerator = createRequire(join(REPO_ROOT, 'generator', 'package.json'));
const bundlePath = requireFromGenerator.resolve('drafter.js');

function parseAll(drafter: Drafter, sources: string[]): string[] {
  return sources.map((source) => {
    try {
      return JSON.stringify(drafter.parseSync(source, drafterOptions()));
    } catch (err) {
      return `threw: ${JSON.stringify(err)}`;
    }
  });
}

describe('loading drafter.js', () => {
  it('recognises the pinned drafter.js bundle, so the faster memset is in use', () => {
    const bundle = readFileSync(bundlePath, 'utf8');
    const patched = patchDrafterBundle(bundle);
    expect(patched).toBeDefined();
    // One threshold changes, nothing else.
    expect(patched?.length).toBe(bundle.length - 1);
    expect(patched?.replace('if((d|0)>=8)', 'if((d|0)>=67)')).toBe(bundle);
  });

  it('leaves an unknown bundle to be loaded as published', () => {
    expect(patchDrafterBundle('module.exports = {};')).toBeUndefined();
    const head = 'function gH(a,c,d){a=a|0;c=c|0;d=d|0;var e=0,g=0;e=a+d|0;c=c&255;if((d|0)>=67)';
    // Twice the expected text means another build: no guessing which one is memset.
    expect(patchDrafterBundle(`${head}{}${head}{}`)).toBeUndefined();
  });

  it("does not leave drafter.js's exit-on-unhandled-rejection listener behind", () => {
    const before = process.listeners('unhandledRejection');
    const drafter = loadDrafter();
    const published = loadDrafter({ asPublished: true });
    expect(process.listeners('unhandledRejection')).toEqual(before);
    expect(published).not.toBe(drafter);
    expect(loadDrafter()).toBe(drafter);
  });

  it('parses our spec and every corpus blueprint exactly as the published bundle does', () => {
    const sources = [readFileSync(join(REPO_ROOT, 'spec', 'partner-api.apib'), 'utf8')];
    for (const file of loadCorpus() ?? []) sources.push(file.source);
    const ours = parseAll(loadDrafter(), sources);
    const published = parseAll(loadDrafter({ asPublished: true }), sources);
    expect(ours.length).toBe(sources.length);
    for (let i = 0; i < sources.length; i++) expect(ours[i], `source #${i}`).toBe(published[i]);
  }, 60_000);
});
