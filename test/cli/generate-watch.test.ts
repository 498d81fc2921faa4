import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../packages/cli/src/cli.js';
import { createGenerateCommand } from '../../packages/cli/src/commands/generate.js';
import { isIgnored } from '../../packages/cli/src/watch.js';
import { capture } from './support.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('generate --watch', () => {
  it('generates once, then once per burst of changes (debounced, never overlapping), and stops on the signal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-partner-watch-'));
    dirs.push(dir);
    const spec = join(dir, 'api.apib');
    writeFileSync(spec, 'FORMAT: 1A\n');
    let running = 0;
    let overlapped = false;
    const runs: string[][] = [];
    let slow = false;
    const command = createGenerateCommand(async (args, signal) => {
      overlapped ||= running > 0;
      running++;
      runs.push(args);
      if (slow) await sleep(300);
      running--;
      expect(signal.aborted).toBe(false);
      return runs.length === 2 ? 1 : 0; // the second run fails: watching goes on
    }, 60);
    const io = capture();
    const controller = new AbortController();
    const done = runCli(['generate', '--watch', '--spec', spec, '--allow-breaking'], io, controller.signal, [command]);

    await until(() => io.stdout.some((l) => l.startsWith('generate: done; watching')), 'the first run');
    expect(runs).toEqual([['--allow-breaking', '--spec', spec]]);
    await sleep(250); // the recursive watcher is set up asynchronously

    // A burst of writes: one run.
    writeFileSync(spec, 'FORMAT: 1A\n# A\n');
    await sleep(10);
    writeFileSync(spec, 'FORMAT: 1A\n# B\n');
    await until(() => runs.length === 2, 'the run after the burst');
    await until(() => io.stdout.some((l) => l.startsWith('generate: failed (exit 1); watching')), 'the failure line');
    expect(io.stdout).toContain(`generate: ${dir}/api.apib changed`);

    // Editor leftovers are not the spec.
    writeFileSync(join(dir, '.api.apib.swp'), 'x');
    writeFileSync(join(dir, 'api.apib~'), 'x');
    await sleep(300);
    expect(runs).toHaveLength(2);

    // Changes during a run: exactly one more run after it.
    slow = true;
    writeFileSync(spec, 'FORMAT: 1A\n# C\n');
    await until(() => runs.length === 3, 'the third run');
    writeFileSync(spec, 'FORMAT: 1A\n# D\n');
    await sleep(20);
    writeFileSync(join(dir, 'other.apib'), 'FORMAT: 1A\n');
    await until(() => runs.length === 4, 'the run for changes made during the third');
    await sleep(500);
    expect(runs).toHaveLength(4);
    expect(overlapped).toBe(false);

    controller.abort('SIGINT');
    expect(await done).toBe(0);
    expect(io.stdout.at(-1)).toBe('generate: stopped watching');
  });

  it('ignores swap, backup and hidden files', () => {
    expect(['.a.apib.swp', 'a.apib~', '4913', 'x/.hidden', 'b.tmp'].every(isIgnored)).toBe(true);
    expect(['partner-api.apib', 'parts/tickets.apib'].some(isIgnored)).toBe(false);
  });
});
