/** Runs `tm-partner` in-process with captured output, or as its own process the way `pnpm tm-partner` does. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Io } from '../../packages/cli/src/io.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const MAIN = resolve(ROOT, 'packages/cli/src/main.ts');

export interface CapturedIo extends Io {
  readonly stdout: string[];
  readonly stderr: string[];
  text(): string;
}

export function capture(): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    text: () => [...stdout, ...stderr].join('\n'),
  };
}

export interface RunningCli {
  child: ChildProcess;
  output(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** `tm-partner ARGS` in a child process (tsx, as the root scripts run it). */
export function spawnCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, ['--conditions=tm-partner:source', '--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('close', (code, signal) => done({ code, signal })),
  );
  return {
    child,
    output: () => output,
    exit,
    async waitFor(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          throw new Error(`no ${pattern} in the output of tm-partner ${args.join(' ')}:\n${output}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
