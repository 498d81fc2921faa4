/** `tm-partner mock`: Stoplight Prism on the OpenAPI document, until SIGINT or SIGTERM. */
import type { Command } from '../command.js';

export const mock: Command = {
  name: 'mock',
  summary: 'serve the OpenAPI document with Prism (static or dynamic examples, or a validating proxy)',
  async run(args, { io, signal }) {
    // Loaded on use: Prism's module graph is only worth loading for this command.
    const { runMockCommand } = await import('@tm-partner/mock/command');
    // The mock's command words its own help and usage errors.
    return await runMockCommand(args, io, signal);
  },
};
