/**
 * The OpenAPI document the mock is asked to serve, checked before Prism starts: readable,
 * a file, UTF-8 text, JSON or YAML, and OpenAPI 3.x. Prism's own messages name the private
 * copy it serves and speak of JSON Schema; these name the user's file and say what is wrong.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PrismStartError } from './start-error.js';

/** The document cannot be served: `unreadable` (the file system said no) or `unusable` (its content). Prism never started. */
export class DocumentError extends PrismStartError {
  override readonly name: string = 'DocumentError';

  constructor(
    readonly path: string,
    readonly kind: 'unreadable' | 'unusable',
    readonly reason: string,
  ) {
    super(kind === 'unreadable' ? `cannot read the OpenAPI document ${path}: ${reason}` : `the OpenAPI document ${path} ${reason}`, []);
  }
}

/** Reads the document at `path` (absolute) and checks it; resolves to its text, throws {@link DocumentError}. */
export async function readDocument(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DocumentError(path, 'unreadable', readReason(error));
  }
  const unusable = (reason: string) => new DocumentError(path, 'unusable', reason);
  if (bytes.length === 0) throw unusable('is empty');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unusable('is not UTF-8 text (a binary file?)');
  }
  if (text.includes('\u0000')) throw unusable('is not text (it holds NUL bytes)');
  let value: unknown;
  // A .json file is read as JSON, whose messages are the clearer; anything else as YAML, which JSON also is.
  const json = extname(path).toLowerCase() === '.json';
  try {
    value = json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw unusable(`is not valid ${json ? 'JSON' : 'YAML'} (${detail})`);
  }
  const version = (value as { openapi?: unknown; swagger?: unknown } | null)?.openapi;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw unusable('is not an OpenAPI document (not an object)');
  if ((value as { swagger?: unknown }).swagger !== undefined && version === undefined)
    throw unusable('is Swagger / OpenAPI 2.0; the mock serves OpenAPI 3.x');
  if (typeof version !== 'string' || !/^3\.\d+(\.\d+)?$/.test(version))
    throw unusable(`is not OpenAPI 3.x (its "openapi" member is ${version === undefined ? 'missing' : JSON.stringify(version)})`);
  return text;
}

const READ_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a parent is not a directory',
};

/** A read failure in words, without the path (the message names it once). */
function readReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return (code !== undefined ? READ_REASONS[code] : undefined) ?? code ?? (error instanceof Error ? error.message : String(error));
}
