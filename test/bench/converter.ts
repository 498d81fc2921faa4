/**
 * The converter's bench cases: our converter against apib2swagger on the whole
 * corpus (source text → document object, Drafter included, and Drafter excluded).
 * `all.ts` prints them with every other case in one table; run this file alone
 * (`npx tsx test/bench/converter.ts`) for the converter rows only.
 */
import { createRequire } from 'node:module';
import { DiagnosticSink } from '../../generator/src/diagnostics.js';
import { elementsToOpenApi } from '../../generator/src/elements-to-openapi.js';
import { SourceLocator } from '../../generator/src/source-locator.js';
import { convert } from '../../generator/src/index.js';
import { type Drafter, loadDrafter } from '../../generator/src/load-drafter.js';
import { normaliseSource } from '../../generator/src/normalise-source.js';
import { type ParsedBlueprint, drafterOptions, parseBlueprint } from '../../generator/src/parse-blueprint.js';
import { type BenchCase, isMainModule, runBenchMain, skippedRow, timedCase } from './harness.js';
import { convertWithApib2swagger } from '../../generator/scripts/baseline.js';
import { type CorpusFile, corpusDir, loadCorpus } from '../../generator/scripts/corpus.js';

/** apib2swagger's own drafter.js (2.x) and its converter for an already parsed AST. */
interface Apib2swaggerInternals {
  drafter: { parse(source: string, options: { type: 'ast' }): { ast: unknown } };
  convertParsed(ast: unknown, options: { openApi3: boolean }): unknown;
}

function apib2swaggerInternals(): Apib2swaggerInternals {
  // apib2swagger is the generator's development dependency: resolve it from there.
  const require = createRequire(new URL('../../generator/package.json', import.meta.url));
  const main = require.resolve('apib2swagger');
  return {
    drafter: createRequire(main)('drafter.js') as Apib2swaggerInternals['drafter'],
    convertParsed: (require('apib2swagger') as Pick<Apib2swaggerInternals, 'convertParsed'>).convertParsed,
  };
}

/** Times the corpus is converted in one pass of the Drafter-free case (one pass alone is a few ms). */
const PARSED_REPEAT = 10;

/**
 * The corpus parsed once, up front, so a case can time conversion without Drafter.
 * Both converters get the same parse results in every pass; `unchanged()` tells
 * whether a converter modified them (which would make later passes unfair).
 */
function preParsed(corpus: CorpusFile[]) {
  const { drafter, convertParsed } = apib2swaggerInternals();
  const ours: Array<ParsedBlueprint & { source: string }> = corpus
    .map((f) => normaliseSource(f.source))
    .map((source) => ({ ...parseBlueprint(source), source }))
    // As in convert(): a blueprint with a Drafter error gives no document.
    .filter((p) => p.api && !p.diagnostics.some((d) => d.severity === 'error'));
  const theirs: unknown[] = [];
  for (const f of corpus) {
    try {
      theirs.push(drafter.parse(f.source, { type: 'ast' }).ast);
    } catch {
      // Blueprints apib2swagger's Drafter rejects are left out of its side.
    }
  }
  const snapshot = JSON.stringify([ours.map((p) => p.api), theirs]);
  return {
    ours: () => {
      for (let i = 0; i < PARSED_REPEAT; i++) {
        // A locator keeps search cursors, so each conversion gets a fresh one, as in convert().
        for (const p of ours) if (p.api) elementsToOpenApi(p.api, new DiagnosticSink(), new SourceLocator(p.source));
      }
    },
    baseline: () => {
      for (let i = 0; i < PARSED_REPEAT; i++) {
        for (const ast of theirs) {
          try {
            convertParsed(ast, { openApi3: true });
          } catch {
            // Same failures as in the end-to-end case; nothing to time.
          }
        }
      }
    },
    unchanged: () => JSON.stringify([ours.map((p) => p.api), theirs]) === snapshot,
    counts: `${ours.length}/${theirs.length}`,
  };
}

const CONVERT_ROW = 'convert corpus';
const PARSED_ROW = `convert parsed corpus x${PARSED_REPEAT}, Drafter excluded`;
const DRAFTER_ROW = 'Drafter parse corpus, our loader';

/** One Drafter parse of every file, with the options convert() uses. */
function parseCorpus(drafter: Drafter, corpus: CorpusFile[]): void {
  for (const file of corpus) {
    try {
      drafter.parseSync(file.source, drafterOptions());
    } catch {
      // A blueprint Drafter rejects costs what it costs; nothing else to do here.
    }
  }
}

/** The converter rows (ms per pass); when the corpus is absent, rows that say so. */
export function converterBenchCases(): BenchCase[] {
  const dir = corpusDir();
  const corpus = loadCorpus(dir);
  if (!corpus) {
    const reason = `corpus absent (${dir}); set APIB_CORPUS`;
    return [
      { name: CONVERT_ROW, run: async () => [skippedRow(`${CONVERT_ROW} vs apib2swagger`, 'ms/pass', reason)] },
      { name: PARSED_ROW, run: async () => [skippedRow(`${PARSED_ROW} vs apib2swagger`, 'ms/pass', reason)] },
      { name: DRAFTER_ROW, run: async () => [skippedRow(`${DRAFTER_ROW} vs drafter.js as published`, 'ms/pass', reason)] },
    ];
  }
  return [
    timedCase({
      name: `${CONVERT_ROW} (${corpus.length} blueprints) vs apib2swagger`,
      note: `corpus ${dir}; source text → document object, Drafter included; baseline = apib2swagger (to OpenAPI 3.0.3).`,
      ours: () => {
        for (const file of corpus) convert(file.source, { filename: file.name });
      },
      baseline: () => {
        for (const file of corpus) convertWithApib2swagger(file.source);
      },
      target: { on: 'ratio', max: 1 },
    }),
    timedCase({
      name: `${DRAFTER_ROW} vs drafter.js as published`,
      note: 'the same drafter.js 3.2.0 bundle; our loader gives Emscripten memset word fills for small blocks (load-drafter.ts).',
      ours: () => parseCorpus(loadDrafter(), corpus),
      baseline: () => parseCorpus(loadDrafter({ asPublished: true }), corpus),
    }),
    {
      name: PARSED_ROW,
      async run(settings) {
        // Parsing up front takes a while, so it happens only when this case runs.
        const parsed = preParsed(corpus);
        const rows = await timedCase({
          name: `${PARSED_ROW} (${parsed.counts}) vs apib2swagger`,
          ours: parsed.ours,
          baseline: parsed.baseline,
        }).run(settings);
        if (!parsed.unchanged()) {
          for (const r of rows) r.note = 'a converter modified its parsed input; this row is unreliable.';
        }
        return rows;
      },
    },
  ];
}

if (isMainModule(import.meta.url)) {
  runBenchMain(converterBenchCases);
}
