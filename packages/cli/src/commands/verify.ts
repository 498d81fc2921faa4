/** `tm-partner verify`: checks a running server against the OpenAPI document. */
import type { Command } from '../command.js';
import { EXIT, messageOf } from '../io.js';
import { readVerifySettings, VERIFY_USAGE } from '../verify/settings.js';

export const verify: Command = {
  name: 'verify',
  usage: VERIFY_USAGE,
  summary: 'check a running server (sandbox, mock, your stub, the API) against the contract; JUnit for CI',
  async run(argv, { io, signal }) {
    const settings = readVerifySettings(argv);
    // Loaded on use: verification compiles the whole document with Ajv.
    const { verifyServer } = await import('../verify/verify-server.js');
    try {
      const outcome = await verifyServer(settings, { write: io.out, signal });
      return outcome.conforms ? EXIT.ok : EXIT.failed;
    } catch (error) {
      if (signal.aborted) {
        io.err('verify: stopped');
        return signal.reason === 'SIGTERM' ? 143 : 130;
      }
      io.err(`verify: ${messageOf(error)}`);
      return (error as { exitStatus?: number }).exitStatus ?? EXIT.failed;
    }
  },
};
