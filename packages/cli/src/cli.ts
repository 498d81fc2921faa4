/** `tm-partner`: finds the subcommand and runs it; usage errors are reported here, once. */
import { createRequire } from 'node:module';
import type { Command } from './command.js';
import { check } from './commands/check.js';
import { demo } from './commands/demo.js';
import { docs } from './commands/docs.js';
import { generate } from './commands/generate.js';
import { mock } from './commands/mock.js';
import { sandbox } from './commands/sandbox.js';
import { verify } from './commands/verify.js';
import { consoleIo, EXIT, type Io, UsageError } from './io.js';

export const COMMANDS: readonly Command[] = [generate, check, verify, sandbox, mock, demo, docs];

export function usage(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: tm-partner <command> [options]',
    '',
    'The Partner-App API toolkit from the command line.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run tm-partner <command> --help for its options; tm-partner --version for the versions.',
    'Exit status: 0 done, 1 failed, 2 usage error.',
  ].join('\n');
}

/** `tm-partner 0.1.0 (Partner-App API 1.0.0, @tm-partner/generated 1.0.0)`: the toolkit's version and the API document's it carries. */
export function versionLine(): string {
  const require = createRequire(import.meta.url);
  const own = require('../package.json') as { version: string };
  const generated = require('@tm-partner/generated/package.json') as { version: string };
  const document = require('@tm-partner/generated/openapi.json') as { info: { version: string } };
  return `tm-partner ${own.version} (Partner-App API ${document.info.version}, @tm-partner/generated ${generated.version})`;
}

/** Closest command name, for "did you mean". */
function suggest(name: string, commands: readonly Command[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const c of commands) {
    const distance = editDistance(name, c.name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: c.name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Runs `tm-partner ARGV`; resolves to the exit status. */
export async function runCli(
  argv: readonly string[],
  io: Io = consoleIo,
  signal: AbortSignal = new AbortController().signal,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [first, ...rest] = argv[0] === '--' ? argv.slice(1) : argv;
  if (first === undefined) {
    io.err(usage(commands));
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h') {
    io.out(usage(commands));
    return EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.out(versionLine());
    return EXIT.ok;
  }
  // `tm-partner help generate` is `tm-partner generate --help`.
  const [name, args] = first === 'help' ? [rest[0], rest[0] === undefined ? [] : ['--help']] : [first, rest];
  if (name === undefined) {
    io.out(usage(commands));
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const what = name.startsWith('-') ? `unknown option ${JSON.stringify(name)}` : `unknown command ${JSON.stringify(name)}`;
    const guess = suggest(name.replace(/^-+/, ''), commands);
    io.err(`tm-partner: ${what}.${guess ? ` Did you mean "${guess}"?` : ''}`);
    io.err(`Commands: ${commands.map((c) => c.name).join(', ')}. Run tm-partner --help for more.`);
    return EXIT.usage;
  }
  if (command.usage !== undefined && args.some((a) => a === '--help' || a === '-h')) {
    io.out(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(args, { io, signal });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`tm-partner ${command.name}: ${error.message}`);
    io.err(`Run tm-partner ${command.name} --help for its options.`);
    return EXIT.usage;
  }
}
