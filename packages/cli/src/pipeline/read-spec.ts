/** The first step of generate and check: read the spec and get what it gives, reporting failures as the command. */
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '@tm-partner/apib-to-openapi';
import { decodeBlueprint } from '@tm-partner/apib-to-openapi/decode';
import type { Io } from '../io.js';
import { SpecError } from './build-generated.js';
import { displayPath } from './display-path.js';
import { readFailure } from './io-failure.js';
import type { OutputCache } from './output-cache.js';
import { type SpecOutputs, specOutputs } from './spec-outputs.js';

/** What the spec gives, or the exit status when it gives nothing: 1 spec errors or invalid document, 2 unreadable. */
export async function readSpec(
  command: 'generate' | 'check',
  spec: string,
  out: string,
  cache: OutputCache | undefined,
  io: Io,
): Promise<{ outputs: SpecOutputs; warnings: number } | { exit: number }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(spec);
  } catch (error) {
    io.err(`${command}: ${readFailure(spec, error)}`);
    return { exit: 2 };
  }
  const name = displayPath(spec);
  // The converter's own decoding: never U+FFFD in place of a bad byte, and no binary input.
  const decoded = decodeBlueprint(bytes);
  if (decoded.text === undefined) {
    await report(decoded.diagnostics, name, io);
    io.err(`${command}: ${name} is not UTF-8 text; ${untouched(command, out)}. Save it as UTF-8 and run ${command} again.`);
    return { exit: 1 };
  }
  try {
    const outputs = await specOutputs(decoded.text, cache);
    await report(outputs.diagnostics, name, io);
    return { outputs, warnings: outputs.diagnostics.length };
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    await report(error.diagnostics, name, io);
    io.err(`${command}: ${name}: ${error.message}; ${untouched(command, out)}. Fix the spec and run ${command} again.`);
    return { exit: 1 };
  }
}

/** What became of the output folder: generate leaves it alone; check, which never writes, did not get to compare it. */
function untouched(command: 'generate' | 'check', out: string): string {
  return command === 'generate' ? `${displayPath(out)}/ is left as it was` : `${displayPath(out)}/ was not compared`;
}

async function report(diagnostics: Diagnostic[], file: string, io: Io): Promise<void> {
  if (diagnostics.length === 0) return;
  // The converter's entry point is loaded only when there is something to say.
  const { formatDiagnostic } = await import('@tm-partner/apib-to-openapi');
  for (const d of diagnostics) io.err(formatDiagnostic({ ...d, file }));
}
