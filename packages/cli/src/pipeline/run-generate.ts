/**
 * `tm-partner generate`, once: spec → generated/, written as a whole set or not at
 * all. The API changes against the generated/openapi.json on disk are listed, and
 * breaking ones stop it unless allowed.
 */
import { join } from 'node:path';
import { writeFilesAtomically } from '@tm-partner/apib-to-openapi/write';
import type { Io } from '../io.js';
import { GENERATED_FILES } from './build-generated.js';
import { listChanges } from './change-list.js';
import { displayPath } from './display-path.js';
import { apiChangesOnDisk, readGeneratedFolder, staleFiles } from './generated-folder.js';
import { ioFailure } from './io-failure.js';
import type { OutputCache } from './output-cache.js';
import { readSpec } from './read-spec.js';

export interface GenerateRunOptions {
  spec: string;
  out: string;
  allowBreaking: boolean;
  /** Where known-good runs are kept; undefined to always convert. */
  cache: OutputCache | undefined;
}

/** Resolves to the exit status: 0 written or already up to date, 1 spec errors or breaking changes, 2 I/O failure. */
export async function runGenerate(options: GenerateRunOptions, io: Io): Promise<number> {
  const out = displayPath(options.out);
  const spec = await readSpec('generate', options.spec, options.out, options.cache, io);
  if ('exit' in spec) return spec.exit;
  const { outputs } = spec;
  try {
    const folder = await readGeneratedFolder(options.out);
    const stale = staleFiles(folder, outputs);
    if (stale.length === 0) {
      io.out(`generate: ${out}/ already matches ${displayPath(options.spec)} (${GENERATED_FILES.length} files); nothing to write`);
      return 0;
    }
    const changes = await apiChangesOnDisk(folder, outputs, stale);
    const breaking = changes && changes.length > 0 ? await listChanges('generate', changes, `${out}/openapi.json`, io) : 0;
    if (breaking > 0 && !options.allowBreaking) {
      io.err(
        `generate: ${breaking} breaking change(s); nothing written. Undo ${breaking === 1 ? 'it' : 'them'}, or run generate --allow-breaking ` +
          `and release a new major version (tm-partner check --base says which).`,
      );
      return 1;
    }
    const files = await Promise.all(GENERATED_FILES.map(async (n) => ({ path: join(options.out, n), content: await outputs.content(n) })));
    await writeFilesAtomically(files);
    io.out(`generate: wrote ${out}/ (${GENERATED_FILES.join(', ')}) from ${displayPath(options.spec)}`);
    if (breaking > 0) {
      io.out(`generate: ${breaking} breaking change(s) written; release them as a new major version (tm-partner check --base says which)`);
    }
    return 0;
  } catch (error) {
    const message = ioFailure(error);
    if (message === undefined) throw error;
    io.err(`generate: ${message}; ${out}/ is left as it was`);
    return 2;
  }
}
