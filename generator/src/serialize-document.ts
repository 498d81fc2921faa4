/** Deterministic text for a document: same document, same bytes. */
import { stringify } from 'yaml';

/** The formats the converter writes. */
export type OutputFormat = 'json' | 'yaml';

/** Serialises a document as JSON (2-space indent) or YAML, ending with a newline. */
export function serializeDocument(document: unknown, format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(document, null, 2)}\n`;
  // No anchors/aliases: repeated objects are written out, as in the JSON.
  return stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** The format a file name asks for: `.yaml`/`.yml` → YAML, otherwise JSON. */
export function formatForPath(path: string): OutputFormat {
  return /\.ya?ml$/i.test(path) ? 'yaml' : 'json';
}
