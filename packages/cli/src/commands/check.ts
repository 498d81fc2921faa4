/** `tm-partner check`: is generated/ what the spec gives, and is the spec clean? */
import type { Command } from '../command.js';
import { readFlags } from '../io.js';
import { PATHS } from '../paths.js';
import { runScript } from '../run-script.js';
import { scriptArguments, type ScriptRunner } from './generate.js';

const USAGE = `Usage: tm-partner check [--allow-breaking] [--spec FILE] [--out DIR]

Fails, with a line diff, when generated/ differs from what spec/partner-api.apib gives
or when the blueprint has any warning. API changes against the committed
generated/openapi.json are listed; breaking ones fail the check unless allowed.

Options:
  --allow-breaking   accept changes that break existing clients
  --spec FILE        blueprint (default: spec/partner-api.apib)
  --out DIR          generated folder to compare (default: generated/)
  -h, --help         show this text

Exit status: 0 up to date, 1 stale, spec warnings or breaking changes, 2 usage error.`;

const FLAGS = {
  'allow-breaking': { type: 'boolean' },
  spec: { type: 'string' },
  out: { type: 'string' },
} as const;

const runCheck: ScriptRunner = (args, signal) => runScript(PATHS.generateScript, args, { signal });

export function createCheckCommand(run: ScriptRunner = runCheck): Command {
  return {
    name: 'check',
    usage: USAGE,
    summary: 'fail when generated/ is stale, the spec has warnings or the API breaks clients',
    async run(argv, context) {
      const flags = readFlags(argv, FLAGS);
      return await run(['--check', ...scriptArguments(flags)], context.signal);
    },
  };
}

export const check = createCheckCommand();
