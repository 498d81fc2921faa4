/** Programmatic API: API Blueprint text (or a file's bytes) → OpenAPI 3.1 document and diagnostics. */
import { type Element, children } from './api-elements.js';
import { decodeBlueprint, findBinary } from './decode-blueprint.js';
import { type Diagnostic, DiagnosticSink, inSourceOrder } from './diagnostics.js';
import { type OpenApiDocument, elementsToOpenApi } from './elements-to-openapi.js';
import { type ExpandedSource, type ReadInclude, expandIncludes } from './include-directive.js';
import { normaliseSource } from './normalise-source.js';
import { parseBlueprint } from './parse-blueprint.js';
import { unrecognisedHeadings } from './unrecognised-headings.js';

export type { Diagnostic, Severity } from './diagnostics.js';
export { formatDiagnostic } from './diagnostics.js';
export type { OpenApiDocument } from './elements-to-openapi.js';
export type { ReadInclude } from './include-directive.js';
export { serializeDocument, type OutputFormat } from './serialize-document.js';
export { WriteFilesError, fileErrorReason, writeFilesAtomically, type OutputFile } from './write-atomic.js';
export { generateTypes, loadTypeGenerator } from './openapi-to-types.js';

/** Options for {@link convert}. */
export interface ConvertOptions {
  /** Name used in diagnostics; defaults to `<input>`. */
  filename?: string;
  /** Reads files named by `<!-- include(path) -->` directives; without it they stay as written. */
  readInclude?: ReadInclude;
}

/** Result of {@link convert}: no document when the blueprint has errors. */
export interface ConvertResult {
  document: OpenApiDocument | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Converts API Blueprint source text into an OpenAPI 3.1 document. Text that is no
 * blueprint (empty, binary, without resources or data structures) gives an error.
 */
export function convert(source: string, options: ConvertOptions = {}): ConvertResult {
  const binary = findBinary(source);
  if (binary) return { document: undefined, diagnostics: named([binary], options.filename) };
  const normalised = normaliseSource(source);
  const expanded = expandIncludes(normalised, options.readInclude);
  // An included file that is not UTF-8 text stops here, as the blueprint itself would.
  if (expanded.diagnostics.some((d) => d.severity === 'error')) {
    return { document: undefined, diagnostics: finish([], options.filename, expanded) };
  }
  // Included files get the same clean-up; without includes the text is already clean.
  const text = expanded.text === normalised ? normalised : normaliseSource(expanded.text);
  const parsed = parseBlueprint(text);
  const sink = new DiagnosticSink();
  for (const d of parsed.diagnostics) sink.add(d);
  if (parsed.api) for (const d of unrecognisedHeadings(parsed.api, text)) sink.add(d);
  const content = parsed.api ? contentOf(parsed.api) : 'nothing';
  if (content === 'nothing' && !sink.items.some((d) => d.severity === 'error')) {
    const what =
      text === ''
        ? 'the input is empty'
        : text.trim() === ''
          ? 'the input is only white space'
          : 'the text has no resources and no data structures';
    sink.add({ severity: 'error', message: `no API found: ${what}`, line: 1, column: 1 });
  }
  if (sink.items.some((d) => d.severity === 'error') || !parsed.api) {
    return { document: undefined, diagnostics: finish(sink.items, options.filename, expanded) };
  }
  if (content === 'data structures') {
    sink.warn('the blueprint has data structures but no resources: the document has components and no paths', { line: 1, column: 1 });
  }
  const document = elementsToOpenApi(parsed.api, sink, parsed.locator);
  return { document, diagnostics: finish(sink.items, options.filename, expanded) };
}

/** Converts a blueprint file's bytes: UTF-8 only (see {@link decodeBlueprint}), then as {@link convert}. */
export function convertBytes(bytes: Uint8Array, options: ConvertOptions = {}): ConvertResult {
  const decoded = decodeBlueprint(bytes);
  if (decoded.text === undefined) return { document: undefined, diagnostics: named(decoded.diagnostics, options.filename) };
  return convert(decoded.text, options);
}

/** What the API category holds: resources, only data structures, or nothing at all. */
function contentOf(api: Element): 'resources' | 'data structures' | 'nothing' {
  let structures = false;
  const visit = (el: Element): boolean => {
    for (const child of children(el)) {
      if (child.element === 'resource') return true;
      if (child.element === 'dataStructure') structures = true;
      else if (child.element === 'category' && visit(child)) return true;
    }
    return false;
  };
  if (visit(api)) return 'resources';
  return structures ? 'data structures' : 'nothing';
}

function named(items: Diagnostic[], file: string | undefined): Diagnostic[] {
  return file === undefined ? items : items.map((d) => ({ ...d, file }));
}

/** Maps lines of the expanded text back to the blueprint as written, sorts by position, names the file. */
function finish(items: Diagnostic[], file: string | undefined, expanded: ExpandedSource): Diagnostic[] {
  const mapped = items.map((d) => (d.line === undefined ? d : { ...d, line: expanded.originalLine(d.line) }));
  // Drafter's, the include step's and the converter's own, in the order of the blueprint.
  return named(inSourceOrder([...expanded.diagnostics, ...mapped]), file);
}
export { converterFingerprint } from './converter-fingerprint.js';
