/** `tm-partner check [--base [REV]]`: is generated/ what the spec gives, is the spec clean, and is every breaking change released? */
import type { Command, CommandContext } from '../command.js';
import { readFlags } from '../io.js';
import { type CheckRunOptions, runCheck } from '../pipeline/run-check.js';
import { generateOptions } from './generate.js';

const USAGE = `Usage: tm-partner check [--base [REV]] [--allow-breaking] [--spec FILE] [--out DIR]

Fails, with a line diff, when generated/ differs from what spec/partner-api.apib gives
or when the blueprint has any warning. API changes against the generated/openapi.json
on disk are listed.

With --base, also compares the API the spec describes now with generated/openapi.json
as committed at REV (a commit, branch or tag), listing every change with its rule,
severity and the operations it affects. Any breaking change fails the check unless
generated/package.json's version is a new major version since REV (below 1.0.0, a new
minor) and packages/client/package.json makes a breaking release too.
Without REV: the last release tag (v1.2.3), else where the branch left the first of
main, master, origin/HEAD, origin/main, origin/master that exists, else the previous
commit (the line naming the base says what was not found); with no such history (a
single commit, a shallow clone) the comparison is skipped with a note.

Options:
  --base [REV]       compare with generated/ as committed at REV (see above)
  --allow-breaking   do not count breaking changes against the files on disk
                     (the --base rule still applies)
  --spec FILE        blueprint (default: spec/partner-api.apib)
  --out DIR          generated folder to compare (default: generated/)
  -h, --help         show this text

Exit status: 0 up to date, 1 stale, spec warnings, or breaking changes not released,
2 usage error, a file that cannot be read, or a base that git cannot show.`;

const FLAGS = {
  base: { type: 'string' },
  'allow-breaking': { type: 'boolean' },
  spec: { type: 'string' },
  out: { type: 'string' },
} as const;

/** Seam for tests: what one check is. */
export type CheckRunner = (options: CheckRunOptions, context: CommandContext) => Promise<number>;

const checkOnce: CheckRunner = (options, { io }) => runCheck(options, io);

/** `--base` without a value (last, or before another flag) asks for the default base. */
function withBaseValue(argv: readonly string[]): string[] {
  return argv.map((arg, i) => (arg === '--base' && (i === argv.length - 1 || argv[i + 1]?.startsWith('-')) ? '--base=' : arg));
}

export function createCheckCommand(run: CheckRunner = checkOnce): Command {
  return {
    name: 'check',
    usage: USAGE,
    summary: 'fail when generated/ is stale, the spec has warnings, or (--base) a breaking change is not a new major version',
    async run(argv, context) {
      const flags = readFlags(withBaseValue(argv), FLAGS);
      return await run({ ...generateOptions(flags), base: flags.base }, context);
    },
  };
}

export const check = createCheckCommand();
