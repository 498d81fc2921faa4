/** `tm-partner demo`: a whole purchase with the client against the sandbox, in this process. */
import type { Command } from '../command.js';
import type { runDemo } from '../demo.js';
import { EXIT, messageOf, readFlags, UsageError } from '../io.js';

const USAGE = `Usage: tm-partner demo [--force-polling | --no-force-polling]

Starts the sandbox in this process and makes a whole purchase against it with
@tm-partner/client (event, captcha, cart, reserve, payment, purchase), printing
each step. Needs no key, network or setup.

Options:
  --force-polling      ask for a 202 and polling on reserve and purchase (the default)
  --no-force-polling   let the sandbox answer directly
  -h, --help           show this text

Exit status: 0 purchased, 1 a step failed, 2 usage error, 130 stopped by Ctrl-C.`;

const FLAGS = {
  'force-polling': { type: 'boolean' },
  'no-force-polling': { type: 'boolean' },
} as const;

type RunDemo = typeof runDemo;

/** Loaded on use: the demo brings the sandbox and the client with it. */
const loadDemo = async (): Promise<RunDemo> => (await import('../demo.js')).runDemo;

export function createDemoCommand(load: () => Promise<RunDemo> = loadDemo): Command {
  return {
    name: 'demo',
    usage: USAGE,
    summary: 'buy tickets end to end with the client against an embedded sandbox',
    async run(argv, { io, signal }) {
      const flags = readFlags(argv, FLAGS);
      if (flags['force-polling'] && flags['no-force-polling'])
        throw new UsageError('--force-polling and --no-force-polling exclude each other');
      const forcePolling = flags['force-polling'] ? true : flags['no-force-polling'] ? false : undefined;
      const run = await load();
      try {
        await run({ write: io.out, signal, ...(forcePolling === undefined ? {} : { forcePolling }) });
        return EXIT.ok;
      } catch (error) {
        if (signal.aborted) {
          io.err('demo: stopped');
          return signal.reason === 'SIGTERM' ? 143 : 130;
        }
        io.err(`demo: ${messageOf(error)}`);
        return EXIT.failed;
      }
    },
  };
}

export const demo = createDemoCommand();
