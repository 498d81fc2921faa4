/** The generated folder as it is on disk, and how it differs from what the spec gives. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiChange } from '@tm-partner/apib-to-openapi/diff';
import { fileErrorReason } from '@tm-partner/apib-to-openapi/write';
import { GENERATED_FILES, type GeneratedName } from './build-generated.js';
import { digestOf } from './output-cache.js';
import type { SpecOutputs } from './spec-outputs.js';

/** A file could not be read (other than not existing); one line names it. */
export class ReadFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot read ${path}: ${reason}`);
    this.name = 'ReadFileError';
  }
}

/** A text file, undefined when there is none (nothing, or a folder, at the path). */
export async function readTextFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return undefined;
    throw new ReadFileError(path, fileErrorReason(error));
  }
}

/** The generated files now on disk, by name. */
export type GeneratedFolder = Record<GeneratedName, string | undefined>;

/** Reads every generated file; a missing one is undefined, an unreadable one a {@link ReadFileError}. */
export async function readGeneratedFolder(outDir: string): Promise<GeneratedFolder> {
  const entries = await Promise.all(GENERATED_FILES.map(async (n) => [n, await readTextFile(join(outDir, n))] as const));
  return Object.fromEntries(entries) as GeneratedFolder;
}

/** The files on disk that are missing or differ from what the spec gives. */
export function staleFiles(folder: GeneratedFolder, expected: SpecOutputs): GeneratedName[] {
  return GENERATED_FILES.filter((n) => {
    const text = folder[n];
    return text === undefined || digestOf(text) !== expected.digests[n];
  });
}

/**
 * The API changes from the document on disk to the one the spec gives (`stale` is what
 * {@link staleFiles} found); undefined when there is no readable document on disk.
 */
export async function apiChangesOnDisk(
  folder: GeneratedFolder,
  expected: SpecOutputs,
  stale: readonly GeneratedName[],
): Promise<ApiChange[] | undefined> {
  const current = folder['openapi.json'];
  if (current === undefined) return undefined;
  if (!stale.includes('openapi.json')) return [];
  let before: unknown;
  try {
    before = JSON.parse(current);
  } catch {
    return undefined;
  }
  const { diffApis } = await import('@tm-partner/apib-to-openapi/diff');
  return diffApis(before, await expected.document());
}
