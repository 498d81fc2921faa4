/** The one-line messages of files generate and check cannot read or write, each path as messages show it. */
import { WriteFilesError, fileErrorReason } from '@tm-partner/apib-to-openapi/write';
import { displayPath } from './display-path.js';
import { ReadFileError } from './generated-folder.js';

function cannot(verb: 'read' | 'write', path: string, reason: string): string {
  return `cannot ${verb} ${displayPath(path)}: ${reason}`;
}

/** `cannot read PATH: reason` for an error the file system gave reading `path`. */
export function readFailure(path: string, error: unknown): string {
  return cannot('read', path, fileErrorReason(error));
}

/** The one-line message of a read or write failure; undefined for anything else. */
export function ioFailure(error: unknown): string | undefined {
  if (error instanceof ReadFileError) return cannot('read', error.path, error.reason);
  if (error instanceof WriteFilesError) return cannot('write', error.path, error.reason);
  return undefined;
}
