/**
 * The fidelity part of `pnpm conformance`: one line per blueprint, the two figures
 * (examples, mutation verdicts) per corpus and overall, what was left out and why,
 * and every disagreement.
 */
import { type FidelityFigures, type FidelityResult, addFigures, noFigures } from './fidelity.js';
import { formatTable } from './text-table.js';

/** One blueprint's fidelity result, named by its corpus path (`official/…`, `spec/…`). */
export interface FidelityRow {
  name: string;
  result: FidelityResult;
}

/** The report's text and the number of disagreements (the run fails on any). */
export function fidelityReport(rows: FidelityRow[], verbose: boolean): { text: string; disagreements: number } {
  const out: string[] = [];
  const counted = rows.filter((r) => r.result.drafterError === undefined);
  const perFile = counted.filter((r) => verbose || hasBodies(r.result) || r.result.disagreements.length > 0);
  out.push("Schema fidelity: every strict-JSON example that Drafter's own schema accepts must validate against ours for the same");
  out.push("operation, status and media type (Ajv: ours as 2020-12, Drafter's in its own draft); each example is mutated (each");
  out.push('property dropped, given another type, one unknown property added) and both schemas must give every mutant the same verdict.');
  out.push('');
  out.push(
    formatTable(
      ['blueprint', 'examples', 'mutations', 'contradicts itself', 'shares its status', 'no schema/example', 'not strict JSON'],
      perFile.map((r) => figureCells(r.name, r.result)),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  out.push('');

  const corpora = new Map<string, FidelityFigures>();
  const overall = noFigures();
  for (const r of counted) {
    const corpus = r.name.split('/')[0] ?? r.name;
    const figures = corpora.get(corpus) ?? noFigures();
    addFigures(figures, r.result);
    corpora.set(corpus, figures);
    addFigures(overall, r.result);
  }
  const summary = [...corpora].map(([name, f]) => percentCells(name, f));
  summary.push(percentCells('overall', overall));
  out.push(
    formatTable(
      ['corpus', 'examples accepted', 'mutation verdicts agree', 'left out: contradicts itself', 'left out: shares its status'],
      summary,
      ['l', 'r', 'r', 'r', 'r'],
    ),
  );
  out.push('');
  out.push(
    `Left out: ${overall.contradictory} bodies where the blueprint contradicts itself (Drafter's schema rejects Drafter's own example, or is no usable schema);`,
  );
  out.push(
    `${overall.severalBodies} bodies of a request or status that carries several different bodies (OpenAPI has one schema per status and media type:`,
  );
  out.push(
    `the converter combines them, with oneOf when their JSON types differ and anyOf otherwise); ${overall.combinedAgreed} of their ${overall.combinedExamples} examples that Drafter accepts fit our combined schema.`,
  );
  out.push(
    `Not in the figures: ${overall.withoutSchema} JSON bodies without both a Drafter schema and an example (our schema accepts ${overall.schemalessAgreed} of the ${overall.schemalessExamples} strict-JSON examples among them),`,
  );
  out.push(
    `and ${overall.notStrictJson} examples that are not strict JSON (the converter reads them leniently, with a warning for each repair).`,
  );
  if (verbose) {
    for (const r of counted) for (const line of r.result.leftOut) out.push(`  left out: ${r.name}: ${line}`);
  }
  const skipped = rows.filter((r) => r.result.drafterError !== undefined);
  if (skipped.length > 0) out.push(`Not checked (Drafter rejects them): ${skipped.map((r) => r.name).join(', ')}`);

  const disagreements = counted.flatMap((r) => r.result.disagreements.map((d) => `${r.name}: ${d}`));
  if (disagreements.length > 0) {
    out.push('');
    out.push(`FAIL: ${disagreements.length} disagreement(s) with Drafter:`);
    for (const d of disagreements) out.push(`  ${d}`);
  }
  return { text: out.join('\n'), disagreements: disagreements.length };
}

function hasBodies(f: FidelityFigures): boolean {
  return f.examples + f.contradictory + f.severalBodies + f.withoutSchema + f.notStrictJson > 0;
}

function figureCells(name: string, f: FidelityFigures): string[] {
  return [
    name,
    `${f.examplesAgreed}/${f.examples}`,
    `${f.mutationsAgreed}/${f.mutations}`,
    String(f.contradictory),
    String(f.severalBodies),
    String(f.withoutSchema),
    String(f.notStrictJson),
  ];
}

function percentCells(name: string, f: FidelityFigures): string[] {
  return [
    name,
    `${percent(f.examplesAgreed, f.examples)} (${f.examplesAgreed}/${f.examples})`,
    `${percent(f.mutationsAgreed, f.mutations)} (${f.mutationsAgreed}/${f.mutations})`,
    String(f.contradictory),
    String(f.severalBodies),
  ];
}

function percent(part: number, whole: number): string {
  // Rounded down, so that only a full score shows as 100.0%.
  return whole === 0 ? '-' : `${(Math.floor((1000 * part) / whole) / 10).toFixed(1)}%`;
}
