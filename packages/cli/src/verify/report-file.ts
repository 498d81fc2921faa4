/**
 * The file `--junit` names: checked before the first request, so a path verify could
 * never write is refused before a run that may buy tickets, and written all or nothing
 * at the end. Failures name the user's path, never a temporary sibling.
 */
import { randomBytes } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileErrorReason, makeFolder, WriteFilesError, writeFilesAtomically } from '@tm-partner/apib-to-openapi/write';

/** The JUnit report cannot be written: exit status 2, one line naming the file. */
export class ReportFileError extends Error {
  readonly exitStatus = 2;

  constructor(file: string, reason: string) {
    super(`cannot write the JUnit report ${file}: ${reason}`);
  }
}

/**
 * Proves `file` can be written: not a directory, its folder made (as the final write
 * would) and a probe file created and removed in it. Throws {@link ReportFileError}.
 */
export async function checkReportFile(file: string): Promise<void> {
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new ReportFileError(file, fileErrorReason({ code: 'EISDIR' }));
  const folder = dirname(file);
  const probe = join(folder, `.${basename(file)}.${randomBytes(6).toString('hex')}.probe`);
  try {
    await makeFolder(folder);
    await writeFile(probe, '', { flag: 'wx' });
  } catch (error) {
    throw new ReportFileError(file, fileErrorReason(error));
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

/** Writes the report all or nothing; throws {@link ReportFileError}. */
export async function writeReportFile(file: string, content: string): Promise<void> {
  try {
    await writeFilesAtomically([{ path: file, content }]);
  } catch (error) {
    if (!(error instanceof WriteFilesError)) throw error;
    throw new ReportFileError(file, error.reason);
  }
}
