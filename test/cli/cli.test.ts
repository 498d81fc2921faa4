import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli, usage } from '../../packages/cli/src/cli.js';
import type { Command } from '../../packages/cli/src/command.js';
import { createCheckCommand } from '../../packages/cli/src/commands/check.js';
import { createDemoCommand } from '../../packages/cli/src/commands/demo.js';
import { createGenerateCommand } from '../../packages/cli/src/commands/generate.js';
import type { CheckRunOptions } from '../../packages/cli/src/pipeline/run-check.js';
import type { GenerateRunOptions } from '../../packages/cli/src/pipeline/run-generate.js';
import { ROOT, capture } from './support.js';

const NAMES = ['generate', 'check', 'verify', 'sandbox', 'mock', 'demo', 'docs'];
const never = new AbortController().signal;

describe('tm-partner', () => {
  it('lists every command with --help, and wants one when given none', async () => {
    const io = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const name of NAMES) expect(io.text()).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(COMMANDS.map((c) => c.name)).toEqual(NAMES);

    const bare = capture();
    expect(await runCli([], bare)).toBe(2);
    expect(bare.stderr.join('\n')).toBe(usage());
  });

  it('refuses unknown commands and top-level options with exit 2, suggesting a near name', async () => {
    const io = capture();
    expect(await runCli(['genrate'], io)).toBe(2);
    expect(io.stderr[0]).toBe('tm-partner: unknown command "genrate". Did you mean "generate"?');
    expect(io.stderr[1]).toContain('generate, check, verify, sandbox, mock, demo, docs');

    const option = capture();
    expect(await runCli(['--verbose'], option)).toBe(2);
    expect(option.stderr[0]).toBe('tm-partner: unknown option "--verbose".');
  });

  it.each(['generate', 'check', 'verify', 'demo', 'docs', 'mock', 'sandbox'])(
    '%s: --help prints its usage and exits 0; an unknown flag exits 2',
    async (name) => {
      const help = capture();
      expect(await runCli([name, '--help'], help)).toBe(0);
      expect(help.stdout.join('\n')).toMatch(/usage/i);
      expect(help.stderr).toEqual([]);

      const same = capture();
      expect(await runCli(['help', name], same)).toBe(0);
      expect(same.stdout).toEqual(help.stdout);

      const bad = capture();
      expect(await runCli([name, '--nope'], bad)).toBe(2);
      expect(bad.stderr.join('\n')).toContain("Unknown option '--nope'");
    },
  );

  it('turns a usage error into exit 2 once, naming the command', async () => {
    const io = capture();
    expect(await runCli(['generate', 'extra'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/^tm-partner generate: .*extra/);
    expect(io.stderr[1]).toBe('Run tm-partner generate --help for its options.');
  });

  it('lets a command failure through as its exit status', async () => {
    const failing: Command = { name: 'fail', summary: 'fails', run: async () => 1 };
    expect(await runCli(['fail'], capture(), never, [failing])).toBe(1);
  });
});

describe('generate and check', () => {
  it('run the pipeline with the flags read into options; --base alone asks for the default base', async () => {
    const generated: GenerateRunOptions[] = [];
    const checked: CheckRunOptions[] = [];
    const generate = createGenerateCommand(async (options) => {
      generated.push(options);
      return 0;
    });
    const check = createCheckCommand(async (options) => {
      checked.push(options);
      return 1;
    });
    expect(await runCli(['generate', '--allow-breaking'], capture(), never, [generate])).toBe(0);
    expect(await runCli(['check', '--', '--allow-breaking', '--spec', '/x/api.apib'], capture(), never, [check])).toBe(1);
    expect(await runCli(['check', '--base', '--out', '/x/gen'], capture(), never, [check])).toBe(1);
    expect(await runCli(['check', '--base', 'v1.0.0'], capture(), never, [check])).toBe(1);
    expect(generated[0]).toMatchObject({
      allowBreaking: true,
      spec: resolve(ROOT, 'spec/partner-api.apib'),
      out: resolve(ROOT, 'generated'),
    });
    expect(generated[0]?.cache?.dir).toBe(resolve(ROOT, 'node_modules/.cache/tm-partner'));
    expect(checked[0]).toMatchObject({ allowBreaking: true, spec: '/x/api.apib', base: undefined });
    expect(checked[1]).toMatchObject({ allowBreaking: false, out: '/x/gen', base: '' });
    // The cache is the project's (the working folder's), whatever --out says.
    expect(checked[1]?.cache?.dir).toBe(resolve(ROOT, 'node_modules/.cache/tm-partner'));
    expect(checked[2]).toMatchObject({ base: 'v1.0.0' });
  });
});

describe('demo', () => {
  it('runs runDemo with the output, the polling choice and the stop signal; a failed step exits 1', async () => {
    const seen: Array<{ forcePolling?: boolean; signal?: AbortSignal }> = [];
    const command = createDemoCommand(async () => async (options) => {
      seen.push(options);
      options.write('purchased');
      if (options.forcePolling === false) throw new Error('reserve failed');
      return { orderToken: 'token' };
    });
    const io = capture();
    expect(await runCli(['demo'], io, never, [command])).toBe(0);
    expect(await runCli(['demo', '--force-polling'], io, never, [command])).toBe(0);
    expect(io.stdout).toEqual(['purchased', 'purchased']);
    expect(seen[0]).toEqual({ write: io.out, signal: never });
    expect(seen[1]).toMatchObject({ forcePolling: true });

    const failing = capture();
    expect(await runCli(['demo', '--no-force-polling'], failing, never, [command])).toBe(1);
    expect(failing.stderr).toEqual(['demo: reserve failed']);

    const both = capture();
    expect(await runCli(['demo', '--force-polling', '--no-force-polling'], both, never, [command])).toBe(2);
    expect(seen).toHaveLength(3);
  });
});
