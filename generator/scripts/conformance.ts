/**
 * `pnpm conformance`: converts every blueprint of the shared corpus with our converter
 * and with apib2swagger, validates both outputs, checks that every blueprint action
 * became an operation, and prints a comparison table. Then the schema fidelity of our
 * documents (the corpus and our own spec) against Drafter's own JSON Schema
 * (fidelity.ts), per blueprint, per corpus and overall.
 *
 * Exit status 1 when a blueprint that Drafter parses without error gives, with our
 * converter, no document, an invalid document or a missing action (a blueprint with no
 * resources and no data structures must give the "no API found" error instead), or when
 * any body's schema disagrees with Drafter's; else 0. `--verbose` also lists
 * apib2swagger's failures and every body left out of the fidelity figures.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Element, children, classes, text, title } from '../src/api-elements.js';
import { convert, formatDiagnostic } from '../src/index.js';
import { expandIncludes } from '../src/include-directive.js';
import { runScript } from './run-script.js';
import { normaliseSource } from '../src/normalise-source.js';
import { parseBlueprint } from '../src/parse-blueprint.js';
import { splitUriTemplate } from '../src/uri-template.js';
import { convertWithApib2swagger } from './baseline.js';
import { type CorpusFile, REPO_ROOT, corpusDir, loadCorpus, reportAbsentCorpus } from './corpus.js';
import { type FidelityResult, checkFidelity } from './fidelity.js';
import { type FidelityRow, fidelityReport } from './fidelity-report.js';
import { formatTable } from './text-table.js';
import { type DocumentSmells, type ValidationResult, inspectDocument, validateOpenApi } from './validate-openapi.js';

/** Methods an OpenAPI 3.x path item can hold. */
const OPENAPI_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const MAX_MESSAGES = 3;

/** A blueprint action: a transition with an HTTP method. */
interface Action {
  method: string;
  href: string;
  line: number | undefined;
}

/** What Drafter says about a blueprint, independently of any converter. */
interface BlueprintFacts {
  /** First Drafter error, when there is one. */
  drafterError: string | undefined;
  /** Actions with a method OpenAPI can express. */
  actions: Action[];
  /** Actions whose method OpenAPI 3.x has no field for (LINK, COPY…): not expected as operations. */
  unrepresentable: Action[];
  /** Whether the blueprint has resources or data structures (else "no API found" is the right answer). */
  describesApi: boolean;
}

/** One converter's outcome for one file. */
interface Run {
  converted: boolean;
  /** Why there is no document. */
  failure?: string;
  ms: number;
  validation?: ValidationResult;
  valid: boolean;
  smells?: DocumentSmells;
  /** Actions without an operation (only for documents that exist). */
  missing: Action[];
  warnings: number;
  errors: number;
  /** Our diagnostics that carry no line (the issue asks for file:line:col on every one). */
  unplaced: string[];
}

interface FileReport {
  file: CorpusFile;
  facts: BlueprintFacts;
  ours: Run;
  baseline: Run;
  /** Our document against Drafter's own schemas; undefined without a document. */
  fidelity: FidelityResult | undefined;
}

async function main(): Promise<number> {
  const verbose = process.argv.includes('--verbose');
  const dir = corpusDir();
  const corpus = loadCorpus(dir);
  if (!corpus) {
    reportAbsentCorpus(dir);
    return 0;
  }
  if (corpus.length === 0) {
    console.log(`API Blueprint corpus at ${dir} holds no *.apib file. Nothing to do.`);
    return 0;
  }

  const reports: FileReport[] = [];
  for (const file of corpus) reports.push(await checkFile(file));

  const clean = reports.filter((r) => r.facts.drafterError === undefined);
  console.log(`Corpus: ${dir} (${reports.length} blueprints, ${reports.length - clean.length} with Drafter errors)`);
  console.log('');
  console.log(summaryTable(reports));
  console.log('');
  console.log(
    `converted/valid count every file (valid = both validators); actions and operations count the ${clean.length} files Drafter parses without error.`,
  );

  const unrepresentable = clean.flatMap((r) => r.facts.unrepresentable.map((a) => `${r.file.name}: ${describeAction(a)}`));
  if (unrepresentable.length > 0) {
    console.log(`Actions with methods OpenAPI 3.x cannot express (not counted): ${unrepresentable.join(', ')}`);
  }

  const drafterErrors = reports.filter((r) => r.facts.drafterError !== undefined);
  if (drafterErrors.length > 0) {
    console.log('');
    console.log('Drafter errors (not conformance failures):');
    for (const r of drafterErrors) console.log(`  ${r.file.name}: ${r.facts.drafterError}`);
  }

  const failures = clean.filter((r) => !conforms(r));
  const diagnostics = reports.reduce((n, r) => n + r.ours.warnings + r.ours.errors, 0);
  console.log('');
  const empty = clean.filter((r) => !r.facts.describesApi).length;
  if (failures.length === 0) {
    console.log(
      `OK: all ${clean.length - empty} Drafter-parsable blueprints with resources or data structures give a valid document with every action, the ${empty} without either give "no API found"; all ${diagnostics} diagnostics have a line and column.`,
    );
  } else {
    console.log(`FAIL: ${failures.length} of ${clean.length} Drafter-parsable blueprints (our converter):`);
    for (const r of failures) printFailure(r.file.name, r.ours);
  }

  if (verbose) {
    const smelly = reports.filter((r) => (r.ours.smells?.emptyItems ?? 0) > 0);
    if (smelly.length > 0) {
      console.log('');
      console.log('Our documents with `items: {}`:');
      for (const r of smelly) console.log(`  ${r.file.name}: ${r.ours.smells?.emptyItems}`);
    }
    const baselineFailures = reports.filter((r) => !r.baseline.valid || r.baseline.missing.length > 0);
    console.log('');
    console.log(`apib2swagger: ${baselineFailures.length} of ${reports.length} blueprints fail:`);
    for (const r of baselineFailures) printFailure(r.file.name, r.baseline);
  }

  const rows: FidelityRow[] = reports.flatMap((r) => (r.fidelity ? [{ name: r.file.name, result: r.fidelity }] : []));
  rows.push(specFidelity());
  const fidelity = fidelityReport(rows, verbose);
  console.log('');
  console.log(fidelity.text);
  return failures.length === 0 && fidelity.disagreements === 0 ? 0 : 1;
}

/** Whether our converter did what a Drafter-parsable blueprint calls for. */
function conforms(r: FileReport): boolean {
  if (!r.facts.describesApi) return !r.ours.converted && (r.ours.failure ?? '').startsWith('no API found') && r.ours.unplaced.length === 0;
  return r.ours.valid && r.ours.missing.length === 0 && r.ours.unplaced.length === 0;
}

/** Our own spec, held against Drafter like the corpus (a row of its own, `spec/…`). */
function specFidelity(): FidelityRow {
  const path = resolve(REPO_ROOT, 'spec', 'partner-api.apib');
  const source = readFileSync(path, 'utf8');
  const name = 'spec/partner-api.apib';
  const { document, diagnostics } = convert(source, { filename: name });
  if (!document) return { name, result: { ...checkFidelity('', {}), drafterError: diagnostics[0]?.message ?? 'no document' } };
  return { name, result: checkFidelity(normaliseSource(source), document) };
}

/** The text Drafter and our converter read: includes expanded, normalised. */
function blueprintText(file: CorpusFile, readInclude: (path: string) => string): string {
  return normaliseSource(expandIncludes(normaliseSource(file.source), readInclude).text);
}

async function checkFile(file: CorpusFile): Promise<FileReport> {
  const facts = blueprintFacts(file.source);
  // Include directives name files relative to the blueprint, as the CLI reads them.
  const readInclude = (path: string) => readFileSync(resolve(dirname(file.path), path), 'utf8');

  // Ours: source text → document, diagnostics included.
  const oursStart = performance.now();
  let ours: Run;
  let fidelity: FidelityResult | undefined;
  try {
    const result = convert(file.source, { filename: file.name, readInclude });
    const ms = performance.now() - oursStart;
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const warnings = result.diagnostics.length - errors.length;
    ours = result.document ? await judge(result.document, facts, ms) : notConverted(errors[0]?.message ?? 'no document', ms);
    ours.warnings = warnings;
    ours.errors = errors.length;
    ours.unplaced = result.diagnostics.filter((d) => d.line === undefined).map((d) => formatDiagnostic(d));
    if (result.document) fidelity = checkFidelity(blueprintText(file, readInclude), result.document);
  } catch (err) {
    ours = notConverted(`convert threw: ${err instanceof Error ? err.message : String(err)}`, performance.now() - oursStart);
  }

  const baselineStart = performance.now();
  const result = convertWithApib2swagger(file.source);
  const baselineMs = performance.now() - baselineStart;
  const baseline = result.error !== undefined ? notConverted(result.error, baselineMs) : await judge(result.document, facts, baselineMs);

  return { file, facts, ours, baseline, fidelity };
}

function notConverted(failure: string, ms: number): Run {
  return { converted: false, failure, ms, valid: false, missing: [], warnings: 0, errors: 0, unplaced: [] };
}

async function judge(document: unknown, facts: BlueprintFacts, ms: number): Promise<Run> {
  const validation = await validateOpenApi(document);
  const valid = validation.swaggerParser.length === 0 && validation.redocly.length === 0;
  const present = operationKeys(document);
  const missing = facts.actions.filter((a) => !present.has(actionKey(a.method, a.href)));
  return { converted: true, ms, validation, valid, smells: inspectDocument(document), missing, warnings: 0, errors: 0, unplaced: [] };
}

/** Drafter's verdict and the blueprint's actions, from the API Elements. */
function blueprintFacts(source: string): BlueprintFacts {
  const parsed = parseBlueprint(normaliseSource(source));
  const error = parsed.diagnostics.find((d) => d.severity === 'error');
  const drafterError = error ? `${error.line === undefined ? '' : `line ${error.line}: `}${error.message}` : undefined;
  const facts: BlueprintFacts = { drafterError, actions: [], unrepresentable: [], describesApi: false };
  if (!parsed.api && !drafterError) facts.drafterError = 'Drafter found no API';
  facts.describesApi = resources(parsed.api).length > 0 || JSON.stringify(parsed.api ?? {}).includes('"element":"dataStructure"');
  for (const resource of resources(parsed.api)) {
    const resourceHref = text(resource.attributes?.href) ?? '/';
    for (const transition of children(resource).filter((c) => c.element === 'transition')) {
      const method = methodOf(transition);
      if (!method) continue;
      const href = text(transition.attributes?.href) ?? resourceHref;
      const position = parsed.locator.findAction(title(transition)?.trim() ?? '', method);
      const action: Action = { method, href, line: position?.line };
      (OPENAPI_METHODS.has(method) ? facts.actions : facts.unrepresentable).push(action);
    }
  }
  return facts;
}

/** Resources anywhere under the API category (top level, in groups, in any nested category). */
function resources(el: Element | undefined): Element[] {
  const out: Element[] = [];
  for (const child of children(el)) {
    if (child.element === 'resource') out.push(child);
    else if (child.element === 'category' && !classes(child).includes('dataStructures')) out.push(...resources(child));
  }
  return out;
}

/** The method of the transition's first request that has one, lower-cased. */
function methodOf(transition: Element): string | undefined {
  for (const transaction of children(transition).filter((c) => c.element === 'httpTransaction')) {
    for (const request of children(transaction).filter((c) => c.element === 'httpRequest')) {
      const method = text(request.attributes?.method)?.trim().toLowerCase();
      if (method) return method;
    }
  }
  return undefined;
}

/** `method shape`, the shape being the OpenAPI path with variable names blanked. */
function actionKey(method: string, template: string): string {
  return `${method.toLowerCase()} ${splitUriTemplate(template).path.replace(/\{[^}]*\}/g, '{}')}`;
}

/** Keys of every operation of a document, comparable with {@link actionKey}. */
function operationKeys(document: unknown): Set<string> {
  const keys = new Set<string>();
  const paths = (document as { paths?: unknown } | null)?.paths;
  if (typeof paths !== 'object' || paths === null) return keys;
  for (const [path, item] of Object.entries(paths)) {
    if (typeof item !== 'object' || item === null) continue;
    for (const method of Object.keys(item)) if (OPENAPI_METHODS.has(method)) keys.add(actionKey(method, path));
  }
  return keys;
}

function summaryTable(reports: FileReport[]): string {
  const clean = reports.filter((r) => r.facts.drafterError === undefined);
  const actions = clean.reduce((n, r) => n + r.facts.actions.length, 0);
  const row = (name: string, pick: (r: FileReport) => Run, ours: boolean): string[] => {
    const runs = reports.map(pick);
    const cleanRuns = clean.map(pick);
    const operations = cleanRuns.reduce((n, r) => n + (r.smells?.operations ?? 0), 0);
    const found = clean.reduce((n, r) => n + (pick(r).converted ? r.facts.actions.length - pick(r).missing.length : 0), 0);
    const dupIds = runs.reduce((n, r) => n + (r.smells ? r.smells.duplicateOperationIds.length : 0), 0);
    const emptyIds = runs.reduce((n, r) => n + (r.smells ? r.smells.emptyOperationIds.length : 0), 0);
    return [
      name,
      String(runs.length),
      String(runs.filter((r) => r.converted).length),
      String(runs.filter((r) => r.converted && r.validation?.swaggerParser.length === 0).length),
      String(runs.filter((r) => r.converted && r.validation?.redocly.length === 0).length),
      String(runs.filter((r) => r.valid).length),
      String(operations),
      `${found}/${actions}`,
      `${dupIds}/${emptyIds}`,
      String(runs.reduce((n, r) => n + (r.smells?.emptyItems ?? 0), 0)),
      ours ? String(runs.reduce((n, r) => n + r.warnings, 0)) : '-',
      ours ? String(runs.reduce((n, r) => n + r.errors, 0)) : '-',
      runs.reduce((n, r) => n + r.ms, 0).toFixed(0),
    ];
  };
  return formatTable(
    [
      'converter',
      'files',
      'converted',
      'swagger-parser ok',
      'Redocly ok',
      'valid',
      'operations',
      'actions found',
      'dup/empty opIds',
      'items: {}',
      'warnings',
      'errors',
      'time ms',
    ],
    [row('ours', (r) => r.ours, true), row('apib2swagger', (r) => r.baseline, false)],
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

function printFailure(name: string, run: Run): void {
  const parts: string[] = [];
  if (!run.converted) parts.push(`no document (${run.failure ?? 'unknown'})`);
  const sp = run.validation?.swaggerParser ?? [];
  const rl = run.validation?.redocly ?? [];
  if (sp.length > 0) parts.push(`${sp.length} swagger-parser error(s)`);
  if (rl.length > 0) parts.push(`${rl.length} Redocly error(s)`);
  if (run.missing.length > 0) parts.push(`${run.missing.length} missing action(s)`);
  if (run.unplaced.length > 0) parts.push(`${run.unplaced.length} diagnostic(s) without a position`);
  console.log(`  ${name}: ${parts.join(', ')}`);
  for (const m of firstOf(sp)) console.log(`      swagger-parser: ${m}`);
  for (const m of firstOf(rl)) console.log(`      redocly: ${m}`);
  for (const m of firstOf(run.missing.map(describeAction))) console.log(`      missing: ${m}`);
  for (const m of firstOf(run.unplaced)) console.log(`      no position: ${m}`);
}

function firstOf(messages: string[]): string[] {
  if (messages.length <= MAX_MESSAGES) return messages;
  return [...messages.slice(0, MAX_MESSAGES), `… and ${messages.length - MAX_MESSAGES} more`];
}

function describeAction(a: Action): string {
  return `${a.method.toUpperCase()} ${a.href}${a.line === undefined ? '' : ` (line ${a.line})`}`;
}

runScript(main);
