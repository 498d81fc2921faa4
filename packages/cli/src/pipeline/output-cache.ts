/**
 * Known-good pipeline runs, kept between processes. A run's key hashes the spec's
 * decoded text with the pipeline's fingerprint (the converter's and this pipeline's
 * code, and the versions of the packages that shape the output); its record holds the
 * digest of each file the run built (whether or not it wrote them) and its diagnostics,
 * and the files themselves are blobs named by their digest. Only runs whose document
 * converted and validated are recorded, the newest {@link KEEP}. A blob is checked
 * against its name when read, so a damaged cache is a miss, never a wrong answer.
 *
 * It lives in `node_modules/.cache/tm-partner/` of the project the CLI runs in (git
 * ignores node_modules), or in `$TM_PARTNER_CACHE_DIR`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { Diagnostic } from '@tm-partner/apib-to-openapi';
import { makeFolder } from '@tm-partner/apib-to-openapi/write';
import { GENERATED_FILES, type GeneratedName, type GeneratedSet } from './build-generated.js';

/** A known-good run. */
export interface CacheRecord {
  digests: Record<GeneratedName, string>;
  diagnostics: Diagnostic[];
}

const FORMAT = 'tm-partner-pipeline-cache/1';
/** Runs kept; older ones (and blobs only they used) are removed. */
const KEEP = 20;

/** Hex SHA-256 of a text. */
export function digestOf(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export class OutputCache {
  constructor(readonly dir: string) {}

  /**
   * The cache of the project the CLI runs in: `$TM_PARTNER_CACHE_DIR`, else
   * `node_modules/.cache/tm-partner` in the nearest folder at or above `cwd` that holds a
   * package.json and is not inside the output folder; outside any project, the user's
   * (`$XDG_CACHE_HOME/tm-partner/pipeline`, else `~/.cache/tm-partner/pipeline`).
   */
  static forProject(cwd: string, outDir: string, env: NodeJS.ProcessEnv = process.env): OutputCache {
    if (env.TM_PARTNER_CACHE_DIR) return new OutputCache(env.TM_PARTNER_CACHE_DIR);
    for (let dir = cwd; dirname(dir) !== dir; dir = dirname(dir)) {
      // generated/ has a package.json of its own; a cache there would be written into the output.
      const fromOut = relative(outDir, dir);
      const inOutput = fromOut === '' || (!isAbsolute(fromOut) && fromOut !== '..' && !fromOut.startsWith(`..${sep}`));
      if (!inOutput && existsSync(join(dir, 'package.json'))) return new OutputCache(join(dir, 'node_modules', '.cache', 'tm-partner'));
    }
    // Keys hold the spec and the pipeline's fingerprint, so one cache can serve every folder.
    return new OutputCache(join(xdgCacheHome(env) ?? join(homedir(), '.cache'), 'tm-partner', 'pipeline'));
  }

  /** The key of a run: the spec's bytes under a pipeline fingerprint. */
  static key(fingerprint: string, source: string): string {
    return digestOf(`${FORMAT}\0${fingerprint}\0${source}`);
  }

  /** The record of a run with this key, if one was kept and is readable. */
  async lookup(key: string): Promise<CacheRecord | undefined> {
    const text = await readFile(join(this.dir, 'runs', `${key}.json`), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const record = JSON.parse(text) as Partial<CacheRecord>;
      const digests = record.digests;
      if (!digests || !GENERATED_FILES.every((n) => typeof digests[n] === 'string') || !Array.isArray(record.diagnostics)) return undefined;
      return { digests, diagnostics: record.diagnostics };
    } catch {
      return undefined;
    }
  }

  /** A kept file by digest; undefined when missing or when its bytes do not have that digest. */
  async blob(digest: string): Promise<string | undefined> {
    const bytes = await readFile(join(this.dir, 'blobs', digest)).catch(() => undefined);
    return bytes !== undefined && digestOf(bytes) === digest ? bytes.toString('utf8') : undefined;
  }

  /** Records a known-good run (`digests` are those of `files`). Best effort: a cache that cannot be written only costs speed. */
  async remember(key: string, files: GeneratedSet, digests: Record<GeneratedName, string>, diagnostics: Diagnostic[]): Promise<void> {
    try {
      for (const name of GENERATED_FILES) await this.put(join('blobs', digests[name]), files[name]);
      await this.put(join('runs', `${key}.json`), JSON.stringify({ digests, diagnostics } satisfies CacheRecord));
      await this.prune();
    } catch {
      // An unwritable cache (read-only checkout, full disk) leaves every answer the same.
    }
  }

  private async put(name: string, content: string): Promise<void> {
    const path = join(this.dir, name);
    await makeFolder(dirname(path));
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, content, 'utf8');
      await rename(temp, path);
    } finally {
      await rm(temp, { force: true });
    }
  }

  private async prune(): Promise<void> {
    const runsDir = join(this.dir, 'runs');
    const runs = (await readdir(runsDir)).filter((n) => n.endsWith('.json'));
    if (runs.length <= KEEP) return;
    const dated = await Promise.all(runs.map(async (n) => ({ n, at: (await stat(join(runsDir, n))).mtimeMs })));
    dated.sort((a, b) => b.at - a.at);
    for (const { n } of dated.slice(KEEP)) await rm(join(runsDir, n), { force: true });
    const used = new Set<string>();
    for (const { n } of dated.slice(0, KEEP)) {
      const record = await this.lookup(n.replace(/\.json$/, ''));
      for (const digest of Object.values(record?.digests ?? {})) used.add(digest);
    }
    const blobsDir = join(this.dir, 'blobs');
    for (const blob of await readdir(blobsDir)) if (!used.has(blob)) await rm(join(blobsDir, blob), { force: true });
  }
}

/** `$XDG_CACHE_HOME` when it is an absolute path; a relative one is to be ignored (XDG Base Directory rules). */
function xdgCacheHome(env: NodeJS.ProcessEnv): string | undefined {
  const value = env['XDG_CACHE_HOME'];
  return value !== undefined && isAbsolute(value) ? value : undefined;
}
