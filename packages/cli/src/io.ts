/** What every command shares: where it writes, how it reports bad usage, how it reads flags. */
import { parseArgs } from 'node:util';

/** Where a command writes; tests pass their own. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const consoleIo: Io = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** Bad command line: reported with a pointer to --help, exit status 2. */
export class UsageError extends Error {}

/** Exit statuses of every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A flag: `--name` (boolean) or `--name VALUE` (string). */
export interface Flag {
  type: 'boolean' | 'string';
  short?: string;
}

/** The values read for a set of flags; absent flags are undefined. */
export type FlagValues<F extends Record<string, Flag>> = {
  [K in keyof F]?: F[K]['type'] extends 'boolean' ? boolean : string;
};

/**
 * Reads a command's flags strictly (unknown flags and stray arguments are usage errors).
 * A leading `--` (as `pnpm tm-partner generate -- --watch` passes it on) is dropped.
 */
export function readFlags<F extends Record<string, Flag>>(args: readonly string[], flags: F): FlagValues<F> {
  const list = args[0] === '--' ? args.slice(1) : [...args];
  try {
    return parseArgs({ args: list, options: flags, strict: true, allowPositionals: false }).values as FlagValues<F>;
  } catch (error) {
    // parseArgs words its errors for people already ("Unknown option '--x'").
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
