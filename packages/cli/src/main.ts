/** Entry point of `tm-partner` (bin/tm-partner.js runs the compiled copy in dist/). */
import { runCli } from './cli.js';
import { consoleIo } from './io.js';
import { onStopRequest } from './stop-signals.js';

const controller = new AbortController();
const stopListening = onStopRequest((reason) => controller.abort(reason));

try {
  process.exitCode = await runCli(process.argv.slice(2), consoleIo, controller.signal);
} catch (error) {
  console.error(`tm-partner: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  stopListening();
}
