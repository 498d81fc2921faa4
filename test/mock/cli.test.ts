import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArguments } from '../../packages/mock/src/command.js';
import { isAlive } from './support.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The compiled bin, as `node_modules/.bin/tm-partner mock` runs it (the packages must be built).
const bin = resolve(root, 'packages/cli/bin/tm-partner.js');

interface RunningCli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Runs `tm-partner mock ARGS` in its own process. */
function runCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, [bin, 'mock', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('close', (code, signal) => done({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    async waitFor(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = out.match(pattern);
        if (match) return match;
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`No ${pattern} in the output of mock ${args.join(' ')}:\n${out}\n${err}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

async function waitUntilGone(pid: number, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !isAlive(pid);
}

const LISTENING = /^mock listening at (http:\/\/127\.0\.0\.1:\d+) \(pid (\d+)\)\n {2}Prism mock server \(pid (\d+)\)/m;

describe('parseCliArguments', () => {
  it('defaults to static mock mode on the repository document', () => {
    expect(parseCliArguments([])).toEqual({ mode: 'mock' });
  });

  it('reads every flag', () => {
    expect(parseCliArguments(['--dynamic', '--document', 'x.json', '--port', '4010', '--watch'])).toEqual({
      mode: 'mock',
      dynamic: true,
      document: resolve('x.json'),
      port: 4010,
      watch: true,
    });
    expect(parseCliArguments(['--seed', '42'])).toEqual({ mode: 'mock', dynamic: true, seed: 42 });
    // Port 0 is "any free port", which is what no port means to startPrism.
    expect(parseCliArguments(['--port', '0'])).toEqual({ mode: 'mock' });
    expect(parseCliArguments(['--proxy', 'http://127.0.0.1:8080/partners/v1'])).toEqual({
      mode: 'proxy',
      upstream: 'http://127.0.0.1:8080/partners/v1',
    });
    expect(parseCliArguments(['--help'])).toBe('help');
    expect(parseCliArguments(['--', '--dynamic'])).toEqual({ mode: 'mock', dynamic: true });
  });

  it.each([
    [['--nope'], /Unknown option '--nope'/],
    [['stray'], /positional/i],
    [['--seed', 'abc'], /--seed needs an integer/],
    [['--port', '70000'], /--port needs a number from 0 to 65535/],
    [['--proxy', 'localhost:8080'], /--proxy needs an http\(s\) URL/],
    [['--proxy', 'http://h', '--dynamic'], /mock mode only/],
  ])('rejects %j', (args, message) => {
    expect(() => parseCliArguments(args)).toThrow(message);
  });
});

describe('tm-partner mock', () => {
  it('prints the usage for --help and exits 0', async () => {
    const run = runCli(['--help']);
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toContain('Usage: tm-partner mock [options]');
    expect(run.stdout()).toContain('--proxy URL');
  });

  it('exits 2 with a short message on a usage error', async () => {
    const run = runCli(['--port', 'x']);
    expect(await run.exit).toEqual({ code: 2, signal: null });
    expect(run.stderr()).toBe('mock: --port needs a number from 0 to 65535, got "x"\nRun tm-partner mock --help for its options.\n');
  });

  it('checks --document before Prism starts: unreadable exits 2, unusable 1, one line naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-partner-mock-document-'));
    try {
      const file = (name: string, content: string | Buffer) => {
        writeFileSync(join(dir, name), content);
        return join(dir, name);
      };
      mkdirSync(join(dir, 'folder.json'));
      // Fixed bytes that are not UTF-8 (0xff and 0xfe never occur in it), as random binary would be.
      const binary = Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x7b, 0x22, 0xc3, 0x28]);
      const cases: Array<[string, number, string]> = [
        [resolve(root, 'nowhere/openapi.json'), 2, 'cannot read the OpenAPI document PATH: no such file or directory'],
        [join(dir, 'folder.json'), 2, 'cannot read the OpenAPI document PATH: it is a directory'],
        [file('empty.json', ''), 1, 'the OpenAPI document PATH is empty'],
        [file('binary.json', binary), 1, 'the OpenAPI document PATH is not UTF-8 text (a binary file?)'],
        [file('nul.yaml', 'openapi: 3.1.0\u0000'), 1, 'the OpenAPI document PATH is not text (it holds NUL bytes)'],
        [file('hello.json', 'hello'), 1, 'the OpenAPI document PATH is not valid JSON ('],
        [file('bad.yaml', 'openapi: [3.1.0\n'), 1, 'the OpenAPI document PATH is not valid YAML ('],
        [file('list.yaml', '- a\n- b\n'), 1, 'the OpenAPI document PATH is not an OpenAPI document (not an object)'],
        [
          file('swagger.json', '{"swagger":"2.0","paths":{}}'),
          1,
          'the OpenAPI document PATH is Swagger / OpenAPI 2.0; the mock serves OpenAPI 3.x',
        ],
        [file('other.yaml', 'title: not an API\n'), 1, 'the OpenAPI document PATH is not OpenAPI 3.x (its "openapi" member is missing)'],
        [
          file('four.yaml', 'openapi: 4.0.0\npaths: {}\n'),
          1,
          'the OpenAPI document PATH is not OpenAPI 3.x (its "openapi" member is "4.0.0")',
        ],
      ];
      const runs = cases.map(([path]) => runCli(['--document', path]));
      for (const [i, [path, code, message]] of cases.entries()) {
        const run = runs[i] as RunningCli;
        expect(await run.exit, path).toEqual({ code, signal: null });
        const expected = `mock: ${message.replace('PATH', path)}`;
        expect(run.stderr().startsWith(expected), run.stderr()).toBe(true);
        // One line, about the user's file: nothing of Prism's or of a temporary copy.
        expect(run.stderr().trimEnd().split('\n')).toHaveLength(1);
        expect(run.stderr()).not.toContain('tm-prism-');
        expect(run.stdout()).toBe('');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves the document on --port 0, prints the URL first and stops Prism cleanly on SIGTERM', async () => {
    const run = runCli(['--port', '0']);
    try {
      const [, url, own, pid] = await run.waitFor(LISTENING);
      expect(Number(own)).toBe(run.child.pid);
      expect(run.stdout().split('\n')[0]).toBe(`mock listening at ${url} (pid ${own})`);
      const response = await fetch(`${url}/event/3F004CBB88958BF9?apikey=k`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { event: { id: string } }).event.id).toBe('3F004CBB88958BF9');
      expect(isAlive(Number(pid))).toBe(true);

      run.child.kill('SIGTERM');
      expect(await run.exit).toEqual({ code: 0, signal: null });
      expect(run.stdout()).toContain('SIGTERM: stopping Prism\nmock stopped\n');
      expect(isAlive(Number(pid))).toBe(false);
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('takes Prism down even when the command itself is killed with SIGKILL', async () => {
    const run = runCli(['--seed', '1']);
    let pid = 0;
    try {
      const [, , , pidText] = await run.waitFor(LISTENING);
      pid = Number(pidText);
      const args = execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
      expect(args).toContain('--dynamic');
      const copy = args.match(/ mock (\S+\.json) /)?.[1];
      expect(copy && existsSync(copy)).toBe(true);

      run.child.kill('SIGKILL');
      expect((await run.exit).signal).toBe('SIGKILL');
      // No handler of the killed parent ran; the child noticed its stdin pipe close and left.
      expect(await waitUntilGone(pid)).toBe(true);
      expect(existsSync(dirname(copy ?? ''))).toBe(false);
    } finally {
      run.child.kill('SIGKILL');
      // Should the guard fail, the test fails, but must not leave the orphan running.
      if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
