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
  /** `tm-partner COMMAND --spec spec/partner-api.apib --out generated ARGS` as its own process, from the copy's folder; status null when it did not exit within a minute. */
  runProcess(command: 'generate' | 'check', ...args: string[]): { status: number | null; stdout: string; stderr: string };
  remove(): void;
}

/** spec/partner-api.apib and generated/ copied to `<tmp>/spec/` and `<tmp>/generated/` (its own output cache beside them). */
export function copySpec(): SpecCopy {
  const dir = mkdtempSync(join(tmpdir(), 'tm-spec-'));
  const spec = join(dir, 'spec', 'partner-api.apib');
  const out = join(dir, 'generated');
  cpSync(join(ROOT, 'spec'), join(dir, 'spec'), { recursive: true });
  cpSync(join(ROOT, 'generated'), out, { recursive: true });
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
      const status = await runCli([command, '--spec', spec, '--out', out, ...args], io);
      return { status, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
    },
    runProcess(command, ...args) {
      const r = spawnSync(process.execPath, [BIN, command, '--spec', 'spec/partner-api.apib', '--out', 'generated', ...args], {
        cwd: dir,
        encoding: 'utf8',
        // A process that does not end is a failure to report, not a test run that never ends.
        timeout: 60_000,
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
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
