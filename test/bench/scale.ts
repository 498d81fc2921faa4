/**
 * The scale rows of `pnpm bench`: a 5 MB blueprint (generator/scripts/large-blueprint.ts, made at bench
 * time), converted by us and by apib2swagger, each in a child process of its own
 * (scale-child.ts): wall time and peak RSS, how much of our time is Drafter's
 * parse, and what parsing in chunks saves against one whole-document parse. Our side is
 * the median of up to three runs; apib2swagger's single run takes most of a minute.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchCase, median } from './harness.js';
import { largeBlueprint } from '../../generator/scripts/large-blueprint.js';

const CHILD = resolve(fileURLToPath(new URL('.', import.meta.url)), 'scale-child.ts');

interface ChildRun {
  ms: number;
  drafterMs: number;
  maxRssMB: number;
}

/** The scale case; its rows are wall time and peak RSS of the whole conversion, and Drafter's share. */
export function scaleBenchCases(): BenchCase[] {
  return [
    {
      name: 'convert a 5 MB blueprint',
      async run(settings) {
        const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
        try {
          const { source, operations } = largeBlueprint();
          const file = join(dir, 'large.apib');
          writeFileSync(file, source);
          const label = `convert ${(Buffer.byteLength(source) / 1e6).toFixed(1)} MB blueprint (${operations} operations)`;
          const passes = Math.max(1, Math.min(settings.passes, 3));
          const load = loadavg()[0]?.toFixed(1) ?? '?';
          const ours = runs('ours', file, passes);
          const theirs = runs('apib2swagger', file, 1);
          const whole = runs('drafter-whole', file, 1);
          const note =
            `each run in its own process (node --import tsx; module loading not timed), peak RSS from process.resourceUsage().maxRSS; ours: median of ${passes} runs, ` +
            `apib2swagger and the whole-document parse: 1 run; load average ${load} on ${cpus().length} cores when the case started.`;
          return [
            {
              name: `${label}, wall vs apib2swagger`,
              unit: 's',
              ours: ours.ms / 1000,
              baseline: theirs.ms / 1000,
              target: { on: 'ours', max: 5 },
              note,
            },
            {
              name: `${label}, peak RSS vs apib2swagger`,
              unit: 'MB',
              ours: ours.maxRssMB,
              baseline: theirs.maxRssMB,
              target: { on: 'ours', max: 300 },
              note,
            },
            {
              name: "… of which Drafter's parse (in chunks) vs one whole-document parse, wall",
              unit: 's',
              ours: ours.drafterMs / 1000,
              baseline: whole.ms / 1000,
              note: `measured inside our runs: Drafter ${(ours.drafterMs / 1000).toFixed(1)} s, our own code ${((ours.ms - ours.drafterMs) / 1000).toFixed(1)} s of ${(ours.ms / 1000).toFixed(1)} s.`,
            },
            {
              name: "… our whole conversion vs Drafter's whole-document parse alone, peak RSS",
              unit: 'MB',
              ours: ours.maxRssMB,
              baseline: whole.maxRssMB,
            },
          ];
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    },
  ];
}

/** Medians of `passes` child runs (each figure on its own). */
function runs(mode: string, file: string, passes: number): ChildRun {
  const all: ChildRun[] = [];
  for (let i = 0; i < passes; i++) all.push(runChild(mode, file));
  return { ms: median(all.map((r) => r.ms)), drafterMs: median(all.map((r) => r.drafterMs)), maxRssMB: median(all.map((r) => r.maxRssMB)) };
}

function runChild(mode: string, file: string): ChildRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let parsed: (ChildRun & { failure?: string }) | undefined;
  try {
    parsed = JSON.parse(line) as ChildRun & { failure?: string };
  } catch {
    throw new Error(`${mode} run gave no result (status ${r.status}): ${r.stderr.trim().split('\n').pop() ?? ''}`);
  }
  if (parsed.failure) throw new Error(`${mode} did not convert the large blueprint: ${parsed.failure}`);
  return parsed;
}
