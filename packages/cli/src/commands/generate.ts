/** `tm-partner generate [--watch]`: spec/ → generated/, once or on every change. */
import { dirname, relative, resolve } from 'node:path';
import type { Command, CommandContext } from '../command.js';
import { EXIT, readFlags } from '../io.js';
import { PATHS, ROOT } from '../paths.js';
import { runScript } from '../run-script.js';
import { watchFolder } from '../watch.js';

const USAGE = `Usage: tm-partner generate [--watch] [--allow-breaking] [--spec FILE] [--out DIR]

Converts spec/partner-api.apib into generated/ (openapi.json, openapi.yaml, schema.d.ts,
package.json). Nothing is written unless the blueprint converts and the OpenAPI document
validates. API changes against the committed document are listed; breaking ones stop it.

Options:
  --watch            generate, then again whenever a file in the spec's folder changes
                     (changes are debounced; Ctrl-C stops watching)
  --allow-breaking   write even if the changes break existing clients
  --spec FILE        blueprint to convert (default: spec/partner-api.apib)
  --out DIR          folder to write (default: generated/)
  -h, --help         show this text

Exit status: 0 written (or watching stopped), 1 the spec has errors or breaking changes,
2 usage error.`;

const FLAGS = {
  watch: { type: 'boolean' },
  'allow-breaking': { type: 'boolean' },
  spec: { type: 'string' },
  out: { type: 'string' },
} as const;

/** Arguments of generator/scripts/generate.ts for these flags. */
export function scriptArguments(flags: { 'allow-breaking'?: boolean; spec?: string; out?: string }): string[] {
  const args: string[] = [];
  if (flags['allow-breaking']) args.push('--allow-breaking');
  if (flags.spec !== undefined) args.push('--spec', resolve(flags.spec));
  if (flags.out !== undefined) args.push('--out', resolve(flags.out));
  return args;
}

/** Seam for tests: what runs the generate script. */
export type ScriptRunner = (args: string[], signal: AbortSignal) => Promise<number>;

const runGenerate: ScriptRunner = (args, signal) => runScript(PATHS.generateScript, args, { signal });

export function createGenerateCommand(run: ScriptRunner = runGenerate, debounceMs = 200): Command {
  return {
    name: 'generate',
    usage: USAGE,
    summary: 'spec/ → generated/ (OpenAPI JSON and YAML, TypeScript types); --watch to keep at it',
    async run(argv, context) {
      const flags = readFlags(argv, FLAGS);
      const args = scriptArguments(flags);
      if (!flags.watch) return await run(args, context.signal);
      return await watch(run, args, resolve(flags.spec ?? PATHS.spec), debounceMs, context);
    },
  };
}

async function watch(run: ScriptRunner, args: string[], spec: string, debounceMs: number, { io, signal }: CommandContext): Promise<number> {
  const dir = dirname(spec);
  const shown = displayPath(dir);
  const once = async (): Promise<void> => {
    const status = await run(args, signal);
    if (signal.aborted) return;
    io.out(
      status === 0
        ? `generate: done; watching ${shown}/ (Ctrl-C stops)`
        : `generate: failed (exit ${status}); watching ${shown}/ for a fix (Ctrl-C stops)`,
    );
  };
  await once();
  await watchFolder({
    dir,
    debounceMs,
    signal,
    onChange: async (files) => {
      io.out(`generate: ${files.map((f) => `${shown}/${f}`).join(', ')} changed`);
      await once();
    },
  });
  io.out('generate: stopped watching');
  return EXIT.ok;
}

/** Relative to the workspace when inside it, else absolute. */
function displayPath(path: string): string {
  const inside = relative(ROOT, path);
  return inside === '' ? '.' : inside.startsWith('..') ? path : inside;
}

export const generate = createGenerateCommand();
