/** `tm-partner sandbox`: the stateful local API, in this process, until SIGINT or SIGTERM. */
import type { Command } from '../command.js';

export const sandbox: Command = {
  name: 'sandbox',
  summary: 'run the stateful local Partner-App API (test key, card and events printed at start)',
  async run(args, { io, signal }) {
    // Loaded on use: the sandbox compiles the whole document with Ajv when it starts.
    const { runSandboxCommand } = await import('@tm-partner/sandbox/command');
    // The sandbox's command words its own help and usage errors.
    return await runSandboxCommand(args, io, signal);
  },
};
