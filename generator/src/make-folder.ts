/**
 * Makes a folder and its missing parents, one level at a time. Node's own
 * `mkdir(…, { recursive: true })` never returns when a level cannot be made but does not
 * exist either (under `/proc`, for one, mkdir says ENOENT for ever): it spins at full CPU.
 * Here each level is tried once, so such a path fails with that level's error.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Creates `folder` and any missing parent; rejects with the error of the first level that cannot be made. */
export async function makeFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    const found = await stat(at).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
    if (found) {
      if (!found.isDirectory())
        throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${folder}'`), { code: 'ENOTDIR', path: at });
      break;
    }
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const level of missing.reverse()) {
    await mkdir(level).catch(async (error: NodeJS.ErrnoException) => {
      // Made meanwhile by someone else: fine, as long as it is a folder.
      if (error.code === 'EEXIST' && (await stat(level).catch(() => undefined))?.isDirectory()) return;
      throw error;
    });
  }
}
