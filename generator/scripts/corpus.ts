/** Locating and reading the API Blueprint corpus shared by the conformance and bench scripts. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: two levels above this scripts folder (generator/scripts → repo). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One blueprint of the corpus. */
export interface CorpusFile {
  /** Path relative to the corpus folder, with `/` separators (e.g. `official/01._Simplest_API.apib`). */
  name: string;
  /** Absolute path. */
  path: string;
  source: string;
}

/** `$APIB_CORPUS`, else `<repo root>/../shared/apib-corpus`. */
export function corpusDir(): string {
  const fromEnv = process.env.APIB_CORPUS?.trim();
  return fromEnv ? resolve(fromEnv) : resolve(REPO_ROOT, '..', 'shared', 'apib-corpus');
}

/** Every `*.apib` file under the corpus folder, sorted by name; undefined when the folder is absent. */
export function loadCorpus(dir = corpusDir()): CorpusFile[] | undefined {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  return findBlueprints(dir)
    .map((path) => ({ name: relative(dir, path).split(sep).join('/'), path, source: readFileSync(path, 'utf8') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function findBlueprints(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findBlueprints(path));
    else if (entry.isFile() && entry.name.endsWith('.apib')) out.push(path);
  }
  return out;
}

/** Prints the "corpus absent" line; the caller exits 0. */
export function reportAbsentCorpus(dir = corpusDir()): void {
  console.log(`API Blueprint corpus absent (${dir}); set APIB_CORPUS to run. Nothing to do.`);
}
