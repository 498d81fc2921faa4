/**
 * README's promises about servers in the background, tested as written: the "CI in this
 * workspace" block runs verbatim in bash (and failing variants of it, which must stop the
 * sandbox all the same); `npx tm-partner` stopped through npx's own process id leaves nothing
 * behind; what signals to a wrapper's own process id do and do not reach. They need the
 * packages built (the bin runs dist/).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../mock/support.js';
import { groupMembers, readmeBlock, ROOT, runBashStep, type BashStep } from './support.js';

async function gone(pid: number, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !isAlive(pid);
}

/** A README block in `bash -e` from the workspace root; the sandbox it printed counts as its own. */
async function runBlock(script: string): Promise<BashStep> {
  return runBashStep(script, { cwd: ROOT, alsoKill: () => [Number(/\(pid (\d+)\)/.exec(readLog())?.[1] ?? 0)] });
}

function readLog(): string {
  try {
    return readFileSync(join(ROOT, '.tmp/sandbox.log'), 'utf8');
  } catch {
    return '';
  }
}

/** The sandbox's PID as the block's log printed it. */
function sandboxPid(): number {
  const pid = Number(/^sandbox listening at \S+ \(pid (\d+)\)$/m.exec(readLog())?.[1]);
  expect(pid, readLog()).toBeGreaterThan(0);
  return pid;
}

describe('README: the sandbox in the background in this workspace', () => {
  it('runs the "CI in this workspace" block as written: verify passes, the trap stops the sandbox', async () => {
    const block = readmeBlock('CI in this workspace');
    const run = await runBlock(block);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const pid = sandboxPid();
    expect(isAlive(pid)).toBe(false);
    expect(run.leftovers).toEqual([]);
    // All but the sold-out and not-sellable checks, which need --sold-out-event and --closed-event.
    expect(run.stdout).toContain('conforms (27 passed, 0 failed, 2 skipped checks)');
    const log = readLog();
    expect(log.split('\n')[0]).toMatch(new RegExp(`^sandbox listening at http://127\\.0\\.0\\.1:\\d+/partners/v1 \\(pid ${pid}\\)$`));
    // Stopped on request by the EXIT trap, not killed.
    expect(log.trimEnd().split('\n').slice(-2)).toEqual(['SIGTERM: stopping the sandbox', 'sandbox stopped']);
    expect(readFileSync(join(ROOT, '.tmp/sandbox-contract.xml'), 'utf8')).toMatch(
      /<testsuites name="tm-partner verify" tests="\d+" failures="0"/,
    );
  }, 150_000);

  it("stops the sandbox when verify fails, and the step keeps verify's exit status", async () => {
    const block = readmeBlock('CI in this workspace');
    // A base URL without the API's path: every check meets an undocumented 404, verify exits 1.
    const failing = block.replace('--base-url "$SANDBOX_URL"', '--base-url "${SANDBOX_URL%/partners/v1}"');
    expect(failing).not.toBe(block);
    const run = await runBlock(failing);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/does NOT conform/);
    const pid = sandboxPid();
    expect(isAlive(pid)).toBe(false);
    expect(run.leftovers).toEqual([]);
    expect(readLog().trimEnd().split('\n').slice(-2)).toEqual(['SIGTERM: stopping the sandbox', 'sandbox stopped']);
  }, 150_000);

  it('fails at once with the log when the sandbox ends before it listens', async () => {
    const block = readmeBlock('CI in this workspace');
    // A flag the sandbox refuses: it exits 2 with a usage error before listening.
    const failing = block.replace('--no-maintenance', '--no-maintenance --port nope');
    expect(failing).not.toBe(block);
    const run = await runBlock(failing);
    expect(run.status).toBe(1);
    const log = readLog().trim();
    expect(log).not.toBe('');
    expect(log).not.toMatch(/listening/);
    expect(run.stderr).toContain(log);
    expect(run.stdout).not.toMatch(/verify/);
    expect(run.leftovers).toEqual([]);
  }, 60_000);
});

describe('npx tm-partner, stopped through npx', () => {
  it('stops by itself when npx is sent SIGTERM (npm passes it only to its shell)', async () => {
    const npx = spawn('npx', ['tm-partner', 'sandbox', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npx.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => npx.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + 15 : null))));
    try {
      const deadline = Date.now() + 30_000;
      let match: RegExpExecArray | null = null;
      while (!(match = /^sandbox listening at (\S+) \(pid (\d+)\)$/m.exec(output)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(match, output).not.toBeNull();
      const [, url, pidText] = match ?? [];
      const pid = Number(pidText);
      expect(pid).not.toBe(npx.pid);
      expect((await fetch(`${url}/event/1A005E2BC0DE0001?apikey=sandbox-key`)).status).toBe(200);

      npx.kill('SIGTERM');
      // npm reports the signal (README: "npm then reports 143, not 0").
      expect(await exited).toBe(143);
      expect(await gone(pid)).toBe(true);
      await expect(fetch(`${url}/event/1A005E2BC0DE0001?apikey=sandbox-key`)).rejects.toThrow();
    } finally {
      npx.kill('SIGKILL');
    }
  }, 60_000);
});

/** A wrapper (npx …) in a process group of its own, as `cmd &` in a script; its output and exit as a shell reports it. */
function startWrapper(args: string[]) {
  const child = spawn('npx', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => ((output += chunk.toString()), (stdout += chunk.toString())));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + constants.signals[signal] : null))),
  );
  return {
    child,
    exited,
    stdout: () => stdout,
    async listening(timeoutMs = 90_000): Promise<{ url: string; pid: number }> {
      const deadline = Date.now() + timeoutMs;
      let match: RegExpExecArray | null = null;
      while (!(match = /^sandbox listening at (\S+) \(pid (\d+)\)$/m.exec(output)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(match, output).not.toBeNull();
      return { url: match?.[1] ?? '', pid: Number(match?.[2]) };
    },
    /** Kills whatever of its group is left. */
    cleanUp(): void {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // The group is gone already.
      }
    },
  };
}

const EVENT = '/event/1A005E2BC0DE0001?apikey=sandbox-key';
/** Long enough for a signal to have had its effect, if it had one. */
const settle = () => new Promise((r) => setTimeout(r, 2_000));

describe("README: signals sent to a wrapper's own process id", () => {
  it("SIGINT to npx's pid is ignored by npm; npx exits 130 once the server is stopped at its printed PID", async () => {
    const npx = startWrapper(['tm-partner', 'sandbox', '--port', '0']);
    try {
      const { url, pid } = await npx.listening();
      process.kill(npx.child.pid ?? 0, 'SIGINT');
      await settle();
      expect(isAlive(npx.child.pid ?? 0)).toBe(true);
      expect((await fetch(`${url}${EVENT}`)).status).toBe(200);
      process.kill(pid, 'SIGTERM');
      expect(await npx.exited).toBe(130);
      expect(await gone(pid)).toBe(true);
    } finally {
      npx.cleanUp();
    }
  }, 120_000);

  it("SIGTERM to npx's pid of `npx -y pnpm sandbox` leaves pnpm, its shell and the server running; the printed PID stops them, exit 0", async () => {
    const pnpm = startWrapper(['-y', 'pnpm@10.34.8', 'sandbox', '--port', '0']);
    const group = pnpm.child.pid ?? 0;
    try {
      const { url, pid } = await pnpm.listening();
      // pnpm's banner comes first: a blank line, the script's name, its command.
      expect(pnpm.stdout()).toMatch(/^\n> tm-partner-toolkit@ sandbox .*\n> pnpm -s build && tm-partner sandbox --port 0\n/);
      process.kill(group, 'SIGTERM');
      expect(await pnpm.exited).toBe(143);
      await settle();
      expect((await fetch(`${url}${EVENT}`)).status).toBe(200);
      expect(isAlive(pid)).toBe(true);
      expect(groupMembers(group).length).toBeGreaterThanOrEqual(3); // pnpm, its shell, tm-partner
      process.kill(pid, 'SIGTERM');
      expect(await gone(pid)).toBe(true);
      const deadline = Date.now() + 5_000;
      while (groupMembers(group).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(groupMembers(group)).toEqual([]);
    } finally {
      pnpm.cleanUp();
    }
  }, 120_000);

  it('SIGTERM to the PID `npx -y pnpm sandbox` printed stops everything, and npx exits 0', async () => {
    const pnpm = startWrapper(['-y', 'pnpm@10.34.8', 'sandbox', '--port', '0']);
    try {
      const { pid } = await pnpm.listening();
      process.kill(pid, 'SIGTERM');
      expect(await pnpm.exited).toBe(0);
      expect(await gone(pid)).toBe(true);
      expect(groupMembers(pnpm.child.pid ?? 0)).toEqual([]);
    } finally {
      pnpm.cleanUp();
    }
  }, 120_000);
});

describe('npx -y pnpm sandbox in a terminal', () => {
  it('stops everything on Ctrl-C (SIGINT to the whole process group); pnpm itself reports 130', async () => {
    // A terminal's Ctrl-C reaches every process of the foreground group: its own group here.
    const pnpm = spawn('npx', ['-y', 'pnpm@10.34.8', 'sandbox', '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    pnpm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    pnpm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // As a shell reports it: the exit code, or 128 + the signal's number.
    const exited = new Promise<number | null>((resolve) =>
      pnpm.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + constants.signals[signal] : null))),
    );
    const group = pnpm.pid ?? 0;
    try {
      const deadline = Date.now() + 90_000;
      let match: RegExpExecArray | null = null;
      while (!(match = /^sandbox listening at (\S+) \(pid (\d+)\)$/m.exec(output)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(match, output).not.toBeNull();
      const pid = Number(match?.[2]);
      process.kill(-group, 'SIGINT');
      expect(await exited).toBe(130);
      expect(await gone(pid)).toBe(true);
      expect(output).toContain('SIGINT: stopping the sandbox\nsandbox stopped');
      expect(output).toContain('ELIFECYCLE');
      // Nothing of the group is left: npm, pnpm, the shells and tm-partner are all gone.
      const deadline2 = Date.now() + 5_000;
      while (groupMembers(group).length > 0 && Date.now() < deadline2) await new Promise((r) => setTimeout(r, 100));
      expect(groupMembers(group)).toEqual([]);
    } finally {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
    }
  }, 120_000);
});
