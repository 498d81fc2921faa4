/** Paths as messages show them: relative to the working folder when inside it, else absolute. */
import { relative } from 'node:path';

export function displayPath(path: string, from: string = process.cwd()): string {
  const inside = relative(from, path);
  return inside === '' ? '.' : inside.startsWith('..') ? path : inside;
}
