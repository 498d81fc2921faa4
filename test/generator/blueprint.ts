/** Helpers for generator tests: convert a small blueprint and look into the result. */
import { convert } from '../../generator/src/index.js';
import type { OpenApiDocument } from '../../generator/src/index.js';

/** Joins lines into a blueprint (keeps tests readable). */
export function apib(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** Converts and fails loudly when no document comes out. */
export function toOpenApi(source: string): { doc: OpenApiDocument; warnings: string[] } {
  const { document, diagnostics } = convert(source, { filename: 'test.apib' });
  if (!document) throw new Error(`no document: ${diagnostics.map((d) => d.message).join('; ')}`);
  return { doc: document, warnings: diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message) };
}

/** An operation object by method and path. */
export function op(doc: OpenApiDocument, method: string, path: string): Record<string, any> {
  const item = doc.paths[path];
  if (!item) throw new Error(`no path ${path}; paths: ${Object.keys(doc.paths).join(', ')}`);
  const operation = item[method];
  if (!operation) throw new Error(`no ${method} on ${path}`);
  return operation as Record<string, any>;
}
