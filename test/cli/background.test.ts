/**
 * README's promises about servers in the background, tested as written: the "CI in this
 * workspace" block runs verbatim in bash; `npx tm-partner` stopped through npx's own
 * process id leaves nothing behind. Both need the packages built (the bin runs dist/).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../mock/support.js';
import { readmeBlock, ROOT } from './support.js';

async function gone(pid: number, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !isAlive(pid);
}

describe('README: the sandbox in the background in this workspace', () => {
  it('runs the "CI in this workspace" block as written: verify passes, the sandbox stops with exit status 0', () => {
    const block = readmeBlock('CI in this workspace');
    // What the block leaves for us to look at: its PID and status, after it ran.
    const run = spawnSync('bash', ['-e', '-c', `${block}\necho "block: sandbox pid $SANDBOX_PID stopped with status $?"`], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const pid = Number(/block: sandbox pid (\d+) stopped with status 0/.exec(run.stdout)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
    // All but the sold-out and not-sellable checks, which need --sold-out-event and --closed-event.
    expect(run.stdout).toContain('conforms (27 passed, 0 failed, 2 skipped checks)');
    const log = readFileSync(join(ROOT, '.tmp/sandbox.log'), 'utf8');
    expect(log.split('\n')[0]).toMatch(new RegExp(`^sandbox listening at http://127\\.0\\.0\\.1:\\d+/partners/v1 \\(pid ${pid}\\)$`));
    expect(log.trimEnd().split('\n').slice(-2)).toEqual(['SIGTERM: stopping the sandbox', 'sandbox stopped']);
    expect(readFileSync(join(ROOT, '.tmp/sandbox-contract.xml'), 'utf8')).toMatch(
      /<testsuites name="tm-partner verify" tests="\d+" failures="0"/,
    );
  }, 150_000);
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

/** Processes of a process group (Linux /proc: the fifth field of stat is the group). */
function groupMembers(group: number): number[] {
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
