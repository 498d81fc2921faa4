/**
 * All-or-nothing output: every file is written to a temporary sibling first; only
 * when all are written are they renamed into place, and if one of those renames
 * fails, the files already replaced get their previous content back. Temporary
 * files never stay behind.
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { copyFile, link, lstat, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { makeFolder } from './make-folder.js';

export { makeFolder } from './make-folder.js';

/** A file to write. */
export interface OutputFile {
  path: string;
  content: string;
}

/** A file could not be written; nothing was changed. `path` is the file that failed. */
export class WriteFilesError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot write ${path}: ${reason}`);
    this.name = 'WriteFilesError';
  }
}

interface Staged {
  path: string;
  temp: string;
  /** A second name for the previous file, to put it back with. */
  backup?: string;
  replaced?: boolean;
}

/** Writes every file via a temporary sibling and rename; on failure none is replaced and a {@link WriteFilesError} names the file. */
export async function writeFilesAtomically(files: OutputFile[]): Promise<void> {
  const staged: Staged[] = [];
  try {
    for (const file of files) {
      const entry: Staged = { path: file.path, temp: siblingName(file.path, 'tmp') };
      await attempt(file.path, () => makeFolder(dirname(file.path)));
      staged.push(entry);
      await attempt(file.path, () => writeFile(entry.temp, file.content, 'utf8'));
    }
    for (const entry of staged) {
      // Keep the previous file under a second name, to put it back if a later one fails.
      // Whatever is there (a file, a symbolic link), except a folder, which the rename below refuses to replace.
      const existing = await lstat(entry.path).catch(() => undefined);
      if (existing && !existing.isDirectory()) {
        entry.backup = siblingName(entry.path, 'old');
        await attempt(entry.path, () => keepPrevious(entry.path, entry.backup as string, existing));
      }
      await attempt(entry.path, () => rename(entry.temp, entry.path));
      entry.replaced = true;
    }
  } catch (error) {
    await rollBack(staged);
    throw error;
  }
  await Promise.all(staged.map((s) => (s.backup ? rm(s.backup, { force: true }) : undefined)));
}

/** Puts back what was replaced and removes every temporary and backup file. */
async function rollBack(staged: Staged[]): Promise<void> {
  for (const entry of staged) {
    if (entry.replaced) {
      if (entry.backup) await rename(entry.backup, entry.path).catch(() => undefined);
      else await rm(entry.path, { force: true }).catch(() => undefined);
    }
    await rm(entry.temp, { force: true }).catch(() => undefined);
    if (entry.backup) await rm(entry.backup, { force: true }).catch(() => undefined);
  }
}

/**
 * A hard link keeps the previous entry without copying it (of a symbolic link, it links
 * the link itself); where hard links are not supported, a copy of the file or a new link
 * to the same target.
 */
async function keepPrevious(path: string, backup: string, stats: Stats): Promise<void> {
  try {
    await link(path, backup);
  } catch {
    if (stats.isSymbolicLink()) await symlink(await readlink(path), backup);
    else await copyFile(path, backup);
  }
}

function siblingName(path: string, kind: 'tmp' | 'old'): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.${kind}`);
}

/** Runs a file operation, turning its failure into a {@link WriteFilesError} for `path`. */
async function attempt(path: string, operation: () => Promise<unknown>): Promise<void> {
  try {
    await operation();
  } catch (error) {
    if (error instanceof WriteFilesError) throw error;
    throw new WriteFilesError(path, fileErrorReason(error));
  }
}

/** A file system error in words (`it is a directory`, `permission denied`), without the path or a stack. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return REASONS[code ?? ''] ?? (code !== undefined ? code : error instanceof Error ? error.message : String(error));
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent is not a directory',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or directory',
  EEXIST: 'it already exists',
};
