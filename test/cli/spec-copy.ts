/** A copy of the real spec and generated/ in a temporary folder, and `tm-partner` run in-process on it. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../packages/cli/src/cli.js';
import { BIN, ROOT, capture } from './support.js';

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface SpecCopy {
  dir: string;
  spec: string;
  out: string;
  /** A file of the generated folder. */
  read(name: string): string;
  /** Replaces text in the spec; fails when `from` is not there exactly once. */
  edit(from: string, to: string): void;
  /** `tm-partner COMMAND --spec … --out … ARGS`. */
  run(command: 'generate' | 'check', ...args: string[]): Promise<RunResult>;
  /** `tm-partner COMMAND --spec spec/partner-api.apib --out generated ARGS` as its own process, from the copy's folder (see {@link runIn}). */
  runProcess(command: 'generate' | 'check', ...args: string[]): { status: number | null; stdout: string; stderr: string };
  remove(): void;
}

/**
 * spec/partner-api.apib and generated/ copied to `<tmp>/spec/` and `<tmp>/generated/`, in a
 * project of their own (a package.json), whose output cache is `<tmp>/node_modules/.cache/tm-partner`.
 */
export function copySpec(): SpecCopy {
  const dir = mkdtempSync(join(tmpdir(), 'tm-spec-'));
  const spec = join(dir, 'spec', 'partner-api.apib');
  const out = join(dir, 'generated');
  const cache = join(dir, 'node_modules', '.cache', 'tm-partner');
  cpSync(join(ROOT, 'spec'), join(dir, 'spec'), { recursive: true });
  cpSync(join(ROOT, 'generated'), out, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  return {
    dir,
    spec,
    out,
    read: (name) => readFileSync(join(out, name), 'utf8'),
    edit(from, to) {
      const text = readFileSync(spec, 'utf8');
      const at = text.indexOf(from);
      if (at === -1 || text.indexOf(from, at + 1) !== -1)
        throw new Error(`the spec has ${at === -1 ? 'no' : 'several'} ${JSON.stringify(from)}`);
      writeFileSync(spec, text.slice(0, at) + to + text.slice(at + from.length));
    },
    async run(command, ...args) {
      const io = capture();
      // In-process runs work in the test's folder; the copy keeps the cache its own checkout would.
      const saved = process.env.TM_PARTNER_CACHE_DIR;
      process.env.TM_PARTNER_CACHE_DIR = cache;
      try {
        const status = await runCli([command, '--spec', spec, '--out', out, ...args], io);
        return { status, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
      } finally {
        if (saved === undefined) delete process.env.TM_PARTNER_CACHE_DIR;
        else process.env.TM_PARTNER_CACHE_DIR = saved;
      }
    },
    runProcess(command, ...args) {
      return runIn(dir, [command, '--spec', 'spec/partner-api.apib', '--out', 'generated', ...args]);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `tm-partner ARGS` as its own process in `cwd` (environment: this one's, without TM_PARTNER_CACHE_DIR, plus `extra`); status null when it did not exit within a minute. */
export function runIn(
  cwd: string,
  args: string[],
  extra: NodeJS.ProcessEnv = {},
): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, ...extra };
  if (!('TM_PARTNER_CACHE_DIR' in extra)) delete env.TM_PARTNER_CACHE_DIR;
  // A process that does not end is a failure to report, not a test run that never ends.
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Edits of the real spec used by several tests. */
export const EDITS = {
  certificateValueOptional: ['+ value (string, required) - The X.509 certificate', '+ value (string, optional) - The X.509 certificate'],
  venueCapacity: [
    '+ name: CenturyLink Field (string, required) - Venue name.',
    '+ name: CenturyLink Field (string, required) - Venue name.\n+ capacity: 68000 (number, required) - Seats.',
  ],
  httpCodeRequired: ['+ http_code: 400 (number, optional)', '+ http_code: 400 (number, required)'],
  retitleEventDetails: ['### Retrieve event details [GET]', '### Get event details [GET]'],
} as const satisfies Record<string, readonly [string, string]>;
