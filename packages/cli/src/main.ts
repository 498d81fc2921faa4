/** Entry point of `tm-partner` (run with tsx: `pnpm tm-partner <command>`). */
import { runCli } from './cli.js';
import { consoleIo } from './io.js';

// Ctrl-C and SIGTERM become an abort that every command honours (children get the
// signal once, servers close, watchers stop), rather than an instant exit.
const controller = new AbortController();
const stop = (signal: NodeJS.Signals): void => {
  if (!controller.signal.aborted) controller.abort(signal);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

try {
  process.exitCode = await runCli(process.argv.slice(2), consoleIo, controller.signal);
} catch (error) {
  console.error(`tm-partner: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
}
