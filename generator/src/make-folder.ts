/**
 * Makes a folder and its missing parents, one level at a time. Node's own
 * `mkdir(…, { recursive: true })` never returns when a level cannot be made but does not
 * exist either (under `/proc`, for one, mkdir says ENOENT for ever): it spins at full CPU.
 * Here each level is tried once, so such a path fails with that level's error. A file
 * standing where a folder should be is always ENOTDIR, never mkdir's ambiguous EEXIST.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Creates `folder` and any missing parent; rejects with the error of the first level that cannot be made. */
export async function makeFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    const found = await stat(at).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
    if (found) {
      if (!found.isDirectory()) throw notAFolder(at);
      break;
    }
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const level of missing.reverse()) {
    await mkdir(level).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
      // Made meanwhile by someone else: fine, as long as it is a folder.
      if (!(await stat(level).catch(() => undefined))?.isDirectory()) throw notAFolder(level);
    });
  }
}

function notAFolder(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: 'ENOTDIR', path });
}
