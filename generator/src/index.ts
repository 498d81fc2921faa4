/** Programmatic API: API Blueprint text → OpenAPI 3.1 document and diagnostics. */
import { type Diagnostic, DiagnosticSink } from './diagnostics.js';
import { type OpenApiDocument, elementsToOpenApi } from './elements-to-openapi.js';
import { type ExpandedSource, type ReadInclude, expandIncludes } from './include-directive.js';
import { normaliseSource } from './normalise-source.js';
import { parseBlueprint } from './parse-blueprint.js';

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

/** Converts API Blueprint source text into an OpenAPI 3.1 document. */
export function convert(source: string, options: ConvertOptions = {}): ConvertResult {
  const normalised = normaliseSource(source);
  const expanded = expandIncludes(normalised, options.readInclude);
  // Included files get the same clean-up; without includes the text is already clean.
  const parsed = parseBlueprint(expanded.text === normalised ? normalised : normaliseSource(expanded.text));
  const sink = new DiagnosticSink();
  for (const d of parsed.diagnostics) sink.add(d);
  if (parsed.diagnostics.some((d) => d.severity === 'error') || !parsed.api) {
    if (!parsed.api && !sink.items.some((d) => d.severity === 'error')) {
      sink.add({ severity: 'error', message: 'no API found in the blueprint' });
    }
    return { document: undefined, diagnostics: finish(sink.items, options.filename, expanded) };
  }
  const document = elementsToOpenApi(parsed.api, sink, parsed.locator);
  return { document, diagnostics: finish(sink.items, options.filename, expanded) };
}

/** Maps lines of the expanded text back to the blueprint as written, and names the file. */
function finish(items: Diagnostic[], file: string | undefined, expanded: ExpandedSource): Diagnostic[] {
  const mapped = items.map((d) => (d.line === undefined ? d : { ...d, line: expanded.originalLine(d.line) }));
  return [...expanded.diagnostics, ...mapped].map((d) => (file === undefined ? d : { ...d, file }));
}
export { converterFingerprint } from './converter-fingerprint.js';
