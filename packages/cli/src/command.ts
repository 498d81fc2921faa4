/** The shape of a `tm-partner` subcommand; each lives in its own module under commands/. */
import type { Io } from './io.js';

export interface CommandContext {
  io: Io;
  /** Aborted on SIGINT or SIGTERM; the reason is the signal's name. */
  signal: AbortSignal;
}

export interface Command {
  readonly name: string;
  /** One line for `tm-partner --help`. */
  readonly summary: string;
  /** Full help; when set, `--help`/`-h` prints it without running the command. */
  readonly usage?: string;
  /** Resolves to the exit status: 0 done, 1 failed, 2 usage error (130/143 when stopped by a signal mid-way). */
  run(args: readonly string[], context: CommandContext): Promise<number>;
}
