/** `generate --watch` with real file operations on a temporary folder: in-place writes, renames, deletes, sed -i, git checkout. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../packages/cli/src/cli.js';
import { createGenerateCommand } from '../../packages/cli/src/commands/generate.js';
import type { GenerateRunOptions } from '../../packages/cli/src/pipeline/run-generate.js';
import { watchFiles } from '../../packages/cli/src/watch.js';
import { EDITS, type SpecCopy, copySpec } from './spec-copy.js';
import { capture } from './support.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const clean of cleanups.splice(0)) clean();
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tm-partner-watch-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** `generate --watch` on `spec` with a recording runner; runs can be made slow or failing. */
function watchWithRecorder(spec: string) {
  const runs: GenerateRunOptions[] = [];
  let running = 0;
  let overlapped = false;
  const state = { slow: false, fail: false };
  const command = createGenerateCommand(async (options, context) => {
    overlapped ||= running > 0;
    running++;
    runs.push(options);
    if (state.slow) await sleep(300);
    running--;
    expect(context.signal.aborted).toBe(false);
    return state.fail ? 1 : 0;
  }, 60);
  const io = capture();
  const controller = new AbortController();
  const done = runCli(['generate', '--watch', '--spec', spec, '--allow-breaking'], io, controller.signal, [command]);
  cleanups.push(() => controller.abort('SIGINT'));
  return { runs, io, state, controller, done, overlapped: () => overlapped };
}

describe('generate --watch', () => {
  it('generates once, then once per burst of changes (debounced, never overlapping), and stops on the signal', async () => {
    const dir = tempDir();
    const spec = join(dir, 'api.apib');
    writeFileSync(spec, 'FORMAT: 1A\n');
    const w = watchWithRecorder(spec);

    await until(() => w.io.stdout.some((l) => l.startsWith('generate: done; watching')), 'the first run');
    expect(w.runs).toEqual([expect.objectContaining({ spec, allowBreaking: true })]);
    expect(w.io.stdout[0]).toBe(`generate: done; watching ${spec} (Ctrl-C stops)`);

    // A burst of writes: one run. A failed run keeps watching.
    w.state.fail = true;
    writeFileSync(spec, 'FORMAT: 1A\n# A\n');
    await sleep(10);
    writeFileSync(spec, 'FORMAT: 1A\n# B\n');
    await until(() => w.runs.length === 2, 'the run after the burst');
    await until(
      () => w.io.stdout.some((l) => l === `generate: failed (exit 1); watching ${spec} for a fix (Ctrl-C stops)`),
      'the failure line',
    );
    expect(w.io.stdout).toContain(`generate: ${spec} changed`);
    w.state.fail = false;

    // Other files in the folder (editor swap and backup files, other blueprints) are not the spec.
    writeFileSync(join(dir, '.api.apib.swp'), 'x');
    writeFileSync(join(dir, 'api.apib~'), 'x');
    writeFileSync(join(dir, '4913'), 'x');
    writeFileSync(join(dir, 'other.apib'), 'FORMAT: 1A\n');
    await sleep(300);
    expect(w.runs).toHaveLength(2);

    // Changes during a run: exactly one more run after it.
    w.state.slow = true;
    writeFileSync(spec, 'FORMAT: 1A\n# C\n');
    await until(() => w.runs.length === 3, 'the third run');
    writeFileSync(spec, 'FORMAT: 1A\n# D\n');
    await sleep(20);
    writeFileSync(spec, 'FORMAT: 1A\n# E\n');
    await until(() => w.runs.length === 4, 'the run for changes made during the third');
    await sleep(500);
    expect(w.runs).toHaveLength(4);
    expect(w.overlapped()).toBe(false);

    w.controller.abort('SIGINT');
    expect(await w.done).toBe(0);
    expect(w.io.stdout.at(-1)).toBe('generate: stopped watching');
  });

  it('keeps hearing the spec after it is replaced by rename, sed -i, deleted and re-created, and checked out by git', async () => {
    const dir = tempDir();
    const spec = join(dir, 'api.apib');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    writeFileSync(spec, 'FORMAT: 1A\n# One\n');
    git('init', '-q', '-b', 'main');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'empty');
    git('add', 'api.apib');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'one');
    const w = watchWithRecorder(spec);
    await until(() => w.io.stdout.at(-1)?.startsWith('generate: done;') === true, 'the first run');
    const changedLines = () => w.io.stdout.filter((l) => l.endsWith(' changed'));
    const step = async (what: string, operation: () => void) => {
      const before = w.runs.length;
      operation();
      await until(() => w.runs.length > before, `a run after ${what}`);
      // The run is over before the next operation: each operation gets its own run.
      await until(() => w.io.stdout.at(-1)?.startsWith('generate: done;') === true, `the end of the run after ${what}`);
    };

    // An editor saving through a temporary file and a rename (twice: the second used to go unheard).
    for (const text of ['# Two', '# Three']) {
      await step(`a save by rename (${text})`, () => {
        writeFileSync(join(dir, '.api.apib.tmp'), `FORMAT: 1A\n${text}\n`);
        renameSync(join(dir, '.api.apib.tmp'), spec);
      });
    }
    await step('sed -i', () => execFileSync('sed', ['-i', 's/Three/Four/', spec]));
    await step('a delete', () => rmSync(spec));
    await step('a re-create', () => writeFileSync(spec, 'FORMAT: 1A\n# Five\n'));
    await step('git checkout of the file', () => git('checkout', '--', 'api.apib'));
    await step('git checkout of a branch', () => {
      git('checkout', '-q', '-b', 'other', 'HEAD~1');
    });
    await step('a write after all that', () => writeFileSync(spec, 'FORMAT: 1A\n# Six\n'));

    expect(changedLines().length).toBe(w.runs.length - 1);
    expect(new Set(changedLines())).toEqual(new Set([`generate: ${spec} changed`]));
  });

  it('regenerates the real spec after each save by rename', async () => {
    const copy: SpecCopy = copySpec();
    cleanups.push(() => copy.remove());
    const io = capture();
    const controller = new AbortController();
    cleanups.push(() => controller.abort('SIGINT'));
    const done = runCli(['generate', '--watch', '--spec', copy.spec, '--out', copy.out, '--allow-breaking'], io, controller.signal);
    await until(() => io.stdout.some((l) => l.startsWith('generate: done; watching')), 'the first run', 30_000);
    // The way editors save: a new file renamed over the old one.
    const saveByRename = ([from, to]: readonly [string, string]) => {
      writeFileSync(`${copy.spec}.new`, readFileSync(copy.spec, 'utf8').replace(from, to));
      renameSync(`${copy.spec}.new`, copy.spec);
    };
    saveByRename(EDITS.venueCapacity);
    await until(() => io.stdout.filter((l) => l.startsWith('generate: wrote')).length === 1, 'the first regeneration', 30_000);
    expect(JSON.parse(copy.read('openapi.json')).components.schemas.Venue.properties.capacity).toBeDefined();
    saveByRename(EDITS.httpCodeRequired);
    await until(() => io.stdout.filter((l) => l.startsWith('generate: wrote')).length === 2, 'the second regeneration', 30_000);
    expect(JSON.parse(copy.read('openapi.json')).components.schemas.ErrorDetail.required).toContain('http_code');
    controller.abort('SIGINT');
    expect(await done).toBe(0);
  }, 90_000);
});

describe('watchFiles', () => {
  it('watches a folder afresh when the folder itself is replaced', async () => {
    const root = tempDir();
    const dir = join(root, 'spec');
    mkdirSync(dir);
    const file = join(dir, 'api.apib');
    writeFileSync(file, 'one');
    const seen: string[][] = [];
    const controller = new AbortController();
    const done = watchFiles({
      files: [file],
      debounceMs: 30,
      recheckMs: 100,
      signal: controller.signal,
      onChange: async (f) => void seen.push(f),
    });
    await sleep(100);
    rmSync(dir, { recursive: true });
    mkdirSync(dir);
    writeFileSync(file, 'two');
    await until(() => seen.length >= 1, 'the change in the new folder');
    const count = seen.length;
    writeFileSync(file, 'three');
    await until(() => seen.length > count, 'a later change in the new folder');
    expect(new Set(seen.flat())).toEqual(new Set([file]));
    controller.abort();
    await done;
  });
});
