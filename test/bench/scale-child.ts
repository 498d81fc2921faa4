/**
 * One measured conversion of a blueprint file, in a process of its own so that its
 * peak RSS is its own: `ours` (convertBytes), `apib2swagger`, or `drafter-whole`
 * (Drafter's parse of the document in one piece, as the converter did before parsing
 * in chunks). Prints `{"ms": …, "drafterMs": …, "maxRssMB": …}`: wall time of the work
 * (module loading excluded), the part of it spent in Drafter's parses (ours only), and
 * the process's peak resident memory.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { convertBytes } from '../../generator/src/index.js';
import { normaliseSource } from '../../generator/src/normalise-source.js';
import { loadDrafter } from '../../generator/src/load-drafter.js';
import { parseBlueprint } from '../../generator/src/parse-blueprint.js';
import { convertWithApib2swagger } from '../../generator/scripts/baseline.js';

const [mode, file] = process.argv.slice(2);
if (!file || !['ours', 'apib2swagger', 'drafter-whole'].includes(mode ?? '')) {
  console.error('usage: scale-child.ts ours|apib2swagger|drafter-whole FILE');
  process.exit(2);
}
// Drafter's share of our run: every parse the converter asks for is timed.
let drafterMs = 0;
const drafter = loadDrafter();
const parseSync = drafter.parseSync.bind(drafter);
drafter.parseSync = (source, options) => {
  const t = performance.now();
  try {
    return parseSync(source, options);
  } finally {
    drafterMs += performance.now() - t;
  }
};
const start = performance.now();
const bytes = readFileSync(file);
let failure: string | undefined;
if (mode === 'ours') {
  const { document, diagnostics } = convertBytes(bytes);
  if (!document) failure = diagnostics[0]?.message ?? 'no document';
} else if (mode === 'apib2swagger') {
  failure = convertWithApib2swagger(bytes.toString('utf8')).error;
} else {
  const parsed = parseBlueprint(normaliseSource(bytes.toString('utf8')), { chunkBytes: Infinity });
  if (!parsed.api) failure = parsed.diagnostics[0]?.message ?? 'no API';
}
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, drafterMs, maxRssMB: process.resourceUsage().maxRSS / 1024, failure })}\n`);
