/** Runs `tm-partner` in-process with captured output, or as its own process through its compiled bin. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Io } from '../../packages/cli/src/io.js';
import { isAlive } from '../mock/support.js';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The bin as the workspace links it (node_modules/.bin/tm-partner); it runs dist/, so the packages must be built. */
export const BIN = resolve(ROOT, 'packages/cli/bin/tm-partner.js');

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

/** `tm-partner ARGS` in a child process, from the workspace root. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = process.env): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
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

/** The fenced bash block of README.md whose first line is `# <title>`, as written there. */
export function readmeBlock(title: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').find((b) => b.startsWith(`# ${title}\n`));
  if (block === undefined) throw new Error(`README.md has no bash block starting with "# ${title}"`);
  return block;
}

export interface BashStep {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Processes the step left running when it ended (killed since). */
  leftovers: number[];
}

/**
 * SCRIPT in `bash -e`, as a CI runner runs a step, in a process group of its own. Whatever it
 * leaves running is killed when it ends, even when it fails or runs past TIMEOUTMS: its group,
 * and the PIDs ALSOKILL names (servers that may have left the group).
 */
export async function runBashStep(
  script: string,
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; alsoKill?: () => number[] },
): Promise<BashStep> {
  const bash = spawn('bash', ['-e', '-c', script], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  bash.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  bash.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const group = bash.pid ?? 0;
  const killLeftovers = (): number[] => {
    const pids = groupMembers(group);
    for (const pid of options.alsoKill?.() ?? []) if (pid > 0 && isAlive(pid) && !pids.includes(pid)) pids.push(pid);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
    return pids;
  };
  const timer = setTimeout(() => bash.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  try {
    const status = await new Promise<number | null>((done) => bash.once('close', (code) => done(code)));
    return { status, stdout, stderr, leftovers: killLeftovers() };
  } finally {
    clearTimeout(timer);
    killLeftovers();
  }
}

/** Processes of a process group (Linux /proc: the fifth field of stat is the group). */
export function groupMembers(group: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === group) members.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return members;
}
