/** `tm-partner mock`: Stoplight Prism on the OpenAPI document (packages/mock's command, as is). */
import type { Command } from '../command.js';

export const mock: Command = {
  name: 'mock',
  summary: 'serve generated/openapi.json with Prism (static or dynamic examples, or a validating proxy)',
  async run(args, { io }) {
    // Loaded on use: Prism's module graph is only worth loading for this command.
    const { runCli } = await import('../../../mock/src/cli.js');
    // packages/mock stops on SIGINT/SIGTERM by itself and words its own usage errors.
    return await runCli(args, { out: io.out, err: io.err });
  },
};
