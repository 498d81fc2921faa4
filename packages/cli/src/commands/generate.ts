/** `tm-partner generate [--watch]`: spec/ → generated/, once or on every change of the spec. */
import { resolve } from 'node:path';
import type { Command, CommandContext } from '../command.js';
import { EXIT, readFlags } from '../io.js';
import { PATHS } from '../paths.js';
import { displayPath } from '../pipeline/display-path.js';
import { OutputCache } from '../pipeline/output-cache.js';
import { type GenerateRunOptions, runGenerate } from '../pipeline/run-generate.js';
import { watchFiles } from '../watch.js';

const USAGE = `Usage: tm-partner generate [--watch] [--allow-breaking] [--spec FILE] [--out DIR]

Converts spec/partner-api.apib into generated/ (openapi.json, openapi.yaml, schema.d.ts,
package.json), replacing the four files together or none of them. Nothing is written
unless the blueprint converts and the OpenAPI document validates. API changes against
the generated/openapi.json on disk are listed; breaking ones stop it.

Options:
  --watch            generate, then again whenever the spec file changes (also when it
                     is replaced, deleted and re-created, or checked out by git);
                     changes are debounced; Ctrl-C stops watching
  --allow-breaking   write even if the changes break existing clients (then release
                     a new major version: tm-partner check --base says which)
  --spec FILE        blueprint to convert (default: spec/partner-api.apib)
  --out DIR          folder to write (default: generated/)
  -h, --help         show this text

Runs that succeeded are remembered in node_modules/.cache/tm-partner/ of the project
run in (the nearest folder up with a package.json, outside the output folder; outside
any project, ~/.cache/tm-partner/pipeline), or in $TM_PARTNER_CACHE_DIR, so an
unchanged spec is not converted again.

Exit status: 0 written (or already up to date, or watching stopped), 1 the spec has
errors or the changes break clients, 2 usage error or a file that cannot be read or written.`;

const FLAGS = {
  watch: { type: 'boolean' },
  'allow-breaking': { type: 'boolean' },
  spec: { type: 'string' },
  out: { type: 'string' },
} as const;

/** Seam for tests: what one generation is. */
export type GenerateRunner = (options: GenerateRunOptions, context: CommandContext) => Promise<number>;

const generateOnce: GenerateRunner = (options, { io }) => runGenerate(options, io);

/** The options of one run for these flags. */
export function generateOptions(flags: { 'allow-breaking'?: boolean; spec?: string; out?: string }): GenerateRunOptions {
  const out = resolve(flags.out ?? PATHS.generated);
  return {
    spec: resolve(flags.spec ?? PATHS.spec),
    out,
    allowBreaking: flags['allow-breaking'] ?? false,
    cache: OutputCache.forProject(process.cwd(), out),
  };
}

export function createGenerateCommand(run: GenerateRunner = generateOnce, debounceMs = 200): Command {
  return {
    name: 'generate',
    usage: USAGE,
    summary: 'spec/ → generated/ (OpenAPI JSON and YAML, TypeScript types); --watch to keep at it',
    async run(argv, context) {
      const flags = readFlags(argv, FLAGS);
      const options = generateOptions(flags);
      if (!flags.watch) return await run(options, context);
      return await watchSpec(run, options, debounceMs, context);
    },
  };
}

async function watchSpec(run: GenerateRunner, options: GenerateRunOptions, debounceMs: number, context: CommandContext): Promise<number> {
  const { io, signal } = context;
  const shown = displayPath(options.spec);
  const once = async (): Promise<void> => {
    const status = await run(options, context);
    if (signal.aborted) return;
    io.out(
      status === 0
        ? `generate: done; watching ${shown} (Ctrl-C stops)`
        : `generate: failed (exit ${status}); watching ${shown} for a fix (Ctrl-C stops)`,
    );
  };
  await once();
  await watchFiles({
    files: [options.spec],
    debounceMs,
    signal,
    onChange: async (files) => {
      io.out(`generate: ${files.map((f) => displayPath(f)).join(', ')} changed`);
      await once();
    },
  });
  io.out('generate: stopped watching');
  return EXIT.ok;
}

export const generate = createGenerateCommand();
