/** `tm-partner` as its own process, through its compiled bin: real children, real signals. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, spawnCli, type RunningCli } from './support.js';

const running: RunningCli[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(args: string[]): RunningCli {
  const cli = spawnCli(args);
  running.push(cli);
  return cli;
}

describe('tm-partner processes', () => {
  it('check passes --allow-breaking through and exits 0 on the committed generated/', async () => {
    const cli = start(['check', '--allow-breaking']);
    expect((await cli.exit).code).toBe(0);
    expect(cli.output()).toContain('check: generated/ matches spec/partner-api.apib');
  });

  it('sandbox serves until Ctrl-C, then stops its server and exits 0', async () => {
    const cli = start(['sandbox', '--no-maintenance']);
    const [, url] = await cli.waitFor(/listening at (http:\/\/127\.0\.0\.1:\d+\/partners\/v1)/);
    const event = await fetch(`${url}/event/1A005E2BC0DE0001?apikey=sandbox-key`);
    expect(event.status).toBe(200);
    cli.child.kill('SIGINT');
    expect(await cli.exit).toEqual({ code: 0, signal: null });
    expect(cli.output()).toContain('SIGINT: stopping the sandbox');
    await expect(fetch(`${url}/event/1A005E2BC0DE0001?apikey=sandbox-key`)).rejects.toThrow();
  });

  it('sandbox --help shows the sandbox options; a bad flag exits 2', async () => {
    const help = start(['sandbox', '--help']);
    expect((await help.exit).code).toBe(0);
    expect(help.output()).toContain('Usage: tm-partner sandbox [options]');
    expect(help.output()).toContain('--polling-rate');
    const bad = start(['sandbox', '--nope']);
    expect((await bad.exit).code).toBe(2);
    expect(bad.output()).toMatch(/--nope/);
  });

  it('sandbox refuses bad flag values naming the flag, with the --help hint and exit 2, before listening', async () => {
    const cases: Array<[string[], string]> = [
      [['--hold', '0'], '--hold needs a whole number of at least 1, got "0"'],
      [['--polling-rate', '2'], '--polling-rate needs a number from 0 to 1, got "2"'],
      [['--port', '70000'], '--port needs a number from 0 to 65535, got "70000"'],
      [['--port', '-1'], '--port needs a number from 0 to 65535, got "-1"'],
      [['--port=0x50'], '--port needs a number from 0 to 65535, got "0x50"'],
      [['--port', '1e3'], '--port needs a number from 0 to 65535, got "1e3"'],
      [['--wait', '1.5'], '--wait needs a whole number of at least 0, got "1.5"'],
      [['--token-lifetime', '-3'], '--token-lifetime needs a whole number of at least 1, got "-3"'],
      [['--public-base-url', 'ftp://x'], '--public-base-url must be an http or https URL, got "ftp://x"'],
    ];
    const runs = cases.map(([args]) => start(['sandbox', ...args]));
    for (const [i, [args, message]] of cases.entries()) {
      const run = runs[i] as RunningCli;
      expect((await run.exit).code, args.join(' ')).toBe(2);
      expect(run.output()).toBe(`sandbox: ${message}\nRun tm-partner sandbox --help for its options.\n`);
    }
  });

  it('generate --watch regenerates a copy of the spec when it changes, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-partner-generate-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'spec'));
    mkdirSync(join(dir, 'out'));
    const spec = join(dir, 'spec/partner-api.apib');
    copyFileSync(resolve(ROOT, 'spec/partner-api.apib'), spec);
    copyFileSync(resolve(ROOT, 'generated/openapi.json'), join(dir, 'out/openapi.json'));
    const cli = start(['generate', '--watch', '--spec', spec, '--out', join(dir, 'out')]);
    await cli.waitFor(/generate: done; watching/, 30_000);
    const first = readFileSync(join(dir, 'out/openapi.json'), 'utf8');
    await new Promise((r) => setTimeout(r, 300));

    // A new API title: not breaking, so it is written.
    const source = readFileSync(spec, 'utf8');
    expect(source).toMatch(/^# \S/m);
    writeFileSync(spec, source.replace(/^# (.+)$/m, '# $1 (watched)'));
    await cli.waitFor(/changed[\s\S]*generate: done; watching/, 30_000);
    const second = readFileSync(join(dir, 'out/openapi.json'), 'utf8');
    expect(second).not.toBe(first);
    expect(JSON.parse(second).info.title).toMatch(/ \(watched\)$/);

    cli.child.kill('SIGTERM');
    expect((await cli.exit).code).toBe(0);
    expect(cli.output()).toContain('generate: stopped watching');
  }, 60_000);
});

describe('tm-partner demo', () => {
  it('buys tickets from the embedded sandbox and exits 0', async () => {
    const cli = start(['demo']);
    const { code } = await cli.exit;
    expect(cli.output()).toMatch(/order token \S+/);
    expect(code).toBe(0);
    expect(cli.output().trim().split('\n').at(-1)).toBe('Sandbox closed.');
  }, 60_000);
});
