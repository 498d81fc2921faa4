/**
 * `pnpm bench`: times our converter against apib2swagger on the whole corpus
 * (source text → document object, Drafter included), one table row per case.
 * Add cases to `cases` below; each yields one row.
 */
import { createRequire } from 'node:module';
import { DiagnosticSink } from '../src/diagnostics.js';
import { elementsToOpenApi } from '../src/elements-to-openapi.js';
import { SourceLocator } from '../src/source-locator.js';
import { convert } from '../src/index.js';
import { normaliseSource } from '../src/normalise-source.js';
import { type ParsedBlueprint, parseBlueprint } from '../src/parse-blueprint.js';
import { type BenchCase, formatBenchTable, runBenchCases } from './bench-table.js';
import { convertWithApib2swagger } from './baseline.js';
import { type CorpusFile, corpusDir, loadCorpus, reportAbsentCorpus } from './corpus.js';

const WARMUP = 1;
const PASSES = 5;

/** apib2swagger's own drafter.js (2.x) and its converter for an already parsed AST. */
interface Apib2swaggerInternals {
  drafter: { parse(source: string, options: { type: 'ast' }): { ast: unknown } };
  convertParsed(ast: unknown, options: { openApi3: boolean }): unknown;
}

function apib2swaggerInternals(): Apib2swaggerInternals {
  const require = createRequire(import.meta.url);
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

async function main(): Promise<number> {
  const dir = corpusDir();
  const corpus = loadCorpus(dir);
  if (!corpus) {
    reportAbsentCorpus(dir);
    return 0;
  }

  const parsed = preParsed(corpus);
  const cases: BenchCase[] = [
    {
      name: `convert corpus (${corpus.length} blueprints)`,
      ours: () => {
        for (const file of corpus) convert(file.source, { filename: file.name });
      },
      baseline: () => {
        for (const file of corpus) convertWithApib2swagger(file.source);
      },
    },
    {
      name: `convert parsed corpus x${PARSED_REPEAT}, Drafter excluded (${parsed.counts})`,
      ours: parsed.ours,
      baseline: parsed.baseline,
    },
  ];

  console.log(`Corpus: ${dir}; ${WARMUP} warm-up pass, median of ${PASSES} timed passes (ms per pass); baseline = apib2swagger.`);
  console.log('');
  console.log(formatBenchTable(await runBenchCases(cases, { warmup: WARMUP, passes: PASSES })));
  if (!parsed.unchanged()) console.log('note: a converter modified its parsed input; the Drafter-excluded row is unreliable.');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 2;
  },
);
