/**
 * spec → the generated file set, in memory: the blueprint is converted and its VERSION
 * checked; the renderer (a worker thread where one can run) validates the document
 * (swagger-parser and Redocly) and renders its types while this thread serializes it as
 * YAML, then as JSON, and writes the package manifest. Nothing here touches generated/;
 * a spec with errors or an invalid document is a {@link SpecError}.
 */
import type { Diagnostic } from '@tm-partner/apib-to-openapi';
import { generatedManifest, versionProblem } from './generated-manifest.js';
import { startRenderer } from './renderer.js';

/** The files of generated/, by name. */
export const GENERATED_FILES = ['openapi.json', 'openapi.yaml', 'schema.d.ts', 'package.json'] as const;
export type GeneratedName = (typeof GENERATED_FILES)[number];
export type GeneratedSet = Record<GeneratedName, string>;

/** The spec does not give a valid document; `diagnostics` say why (when the converter found it). */
export class SpecError extends Error {
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
    this.name = 'SpecError';
  }
}

/** Converts, validates and renders; diagnostics carry no file name (the caller names the spec). */
export async function buildGenerated(source: string): Promise<{ files: GeneratedSet; diagnostics: Diagnostic[] }> {
  // Started first: the renderer loads its libraries on another core while Drafter parses.
  const renderer = startRenderer();
  // Loaded here, not at the top: a check answered from the cache never needs the converter.
  const { convert, serializeDocument } = await import('@tm-partner/apib-to-openapi');
  const { document, diagnostics } = convert(source);
  if (!document || diagnostics.some((d) => d.severity === 'error')) {
    throw new SpecError('the blueprint has errors', diagnostics);
  }
  // VERSION is metadata, at the top of the blueprint: its error comes first.
  const badVersion = versionProblem(source, document.info.version);
  if (badVersion) throw new SpecError('the blueprint has errors', [badVersion, ...diagnostics]);
  const rendering = renderer.render(document);
  // Serialized here while the renderer works.
  const yaml = serializeDocument(document, 'yaml');
  const { problems, types } = await rendering;
  if (problems.length > 0) throw new SpecError(`the OpenAPI document is not valid:\n  ${problems.join('\n  ')}`, diagnostics);
  const files: GeneratedSet = {
    'openapi.json': serializeDocument(document, 'json'),
    'openapi.yaml': yaml,
    'schema.d.ts': types,
    'package.json': generatedManifest(document.info.version),
  };
  return { files, diagnostics };
}
