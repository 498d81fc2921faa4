/** `tm-partner sandbox`: the stateful local API (packages/sandbox's command, in a child process). */
import type { Command } from '../command.js';
import { EXIT } from '../io.js';
import { PATHS } from '../paths.js';
import { runScript } from '../run-script.js';

const HEADER = `tm-partner sandbox [sandbox options]: serves the stateful Partner-App API sandbox
on 127.0.0.1 until Ctrl-C. The options are packages/sandbox's:`;

const STOPPED = new Set([130, 143]);

export const sandbox: Command = {
  name: 'sandbox',
  summary: 'run the stateful local Partner-App API (test key, card and events printed at start)',
  async run(args, { io, signal }) {
    const list = args[0] === '--' ? args.slice(1) : [...args];
    if (list.includes('--help') || list.includes('-h')) io.out(HEADER);
    const status = await runScript(PATHS.sandboxCli, list, { signal });
    // Stopped on request: a normal end, whether the sandbox closed itself or the signal did.
    return signal.aborted && STOPPED.has(status) ? EXIT.ok : status;
  },
};
