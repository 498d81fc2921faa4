/**
 * All-or-nothing output: every file is written to a temporary sibling first and
 * only then renamed into place, so a failed run leaves the previous files intact.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A file to write. */
export interface OutputFile {
  path: string;
  content: string;
}

/** Writes every file via a temporary sibling and rename; on failure none is replaced. */
export async function writeFilesAtomically(files: OutputFile[]): Promise<void> {
  const staged: Array<{ temp: string; path: string }> = [];
  try {
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      const temp = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`);
      staged.push({ temp, path: file.path });
      await writeFile(temp, file.content, 'utf8');
    }
  } catch (err) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
    throw err;
  }
  for (const s of staged) await rename(s.temp, s.path);
}
