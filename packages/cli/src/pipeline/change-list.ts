/** How generate and check print the API changes between generated/openapi.json and the spec: on stdout, as findings. */
import type { ApiChange } from '@tm-partner/apib-to-openapi/diff';
import type { Io } from '../io.js';

/** Prints `COMMAND: API changes against AGAINST: counts` and one block a change; resolves to the number of breaking ones. */
export async function listChanges(command: 'generate' | 'check', changes: ApiChange[], against: string, io: Io): Promise<number> {
  // Loaded on use: an up-to-date run never needs the diff.
  const { countChanges, formatChanges } = await import('@tm-partner/apib-to-openapi/diff');
  const counts = countChanges(changes);
  io.out(`${command}: API changes against ${against}: ${counts.text}`);
  for (const line of formatChanges(changes)) io.out(line);
  return counts.breaking;
}
