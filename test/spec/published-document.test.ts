/**
 * The published document, warts and all, still converts (leniently, with warnings)
 * and describes the same operations as spec/. It lives outside this repository, beside it
 * (`../shared/seed/`, or `$PARTNER_SEED`); without it the suite is skipped and says so, as
 * `pnpm conformance` does without its corpus.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../generator/src/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SEED = process.env.PARTNER_SEED?.trim() || resolve(ROOT, '../shared/seed/partner-app-api.apib.md');
const absent = !existsSync(SEED);

/** `METHOD /path` with the base path dropped, variables blanked and the poll path's `...` as a variable. */
function operations(doc: { paths: Record<string, Record<string, unknown>> }, basePath: string): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shape = path
      .replace(basePath, '')
      .replace(/\{[^}]*\}/g, '{}')
      .replace(/\/\.\.\.\/?$/, '/{}');
    for (const method of Object.keys(item)) out.push(`${method.toUpperCase()} ${shape}`);
  }
  return out.sort();
}

describe.skipIf(absent)(absent ? `the published document (absent: ${SEED}; set PARTNER_SEED to run)` : 'the published document', () => {
  // Read only when present: a skipped suite's body is still collected.
  const seed = convert(absent ? '' : readFileSync(SEED, 'utf8'), { filename: 'partner-app-api.apib.md' });

  it('converts with warnings and without errors', () => {
    expect(seed.document).toBeDefined();
    expect(seed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const messages = seed.diagnostics.map((d) => d.message).join('\n');
    // The known warts are reported, not hidden.
    expect(messages).toMatch(/comment removed/);
    expect(messages).toMatch(/missing comma inserted/);
    expect(messages).toMatch(/'\.\.\.' placeholder left out/);
  });

  it('yields the same operations as spec/, which adds the OAuth call the published text gives only as prose', () => {
    const spec = JSON.parse(readFileSync(resolve(ROOT, 'generated/openapi.json'), 'utf8'));
    const published = operations(seed.document as never, '/partners/v1');
    const ours = operations(spec, '');
    expect(ours).toEqual([...published, 'POST /oauth/accesstoken'].sort());
  });
});
