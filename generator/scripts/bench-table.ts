/**
 * A tiny benchmark harness: each case times one pass of our code and one pass of a
 * baseline, interleaved, after warm-up passes, and yields one table row with the
 * median pass time of each and their ratio. Other benches add cases to the list.
 */
import { performance } from 'node:perf_hooks';
import { formatTable } from './text-table.js';

/** One row of the bench table. */
export interface BenchCase {
  /** Row label. */
  name: string;
  /** One pass of our implementation. */
  ours: () => unknown;
  /** One pass of the reference implementation, if there is one. */
  baseline?: () => unknown;
}

/** Median milliseconds per pass; `baseline` is undefined when the case has none. */
export interface BenchRow {
  name: string;
  ours: number;
  baseline: number | undefined;
}

export interface BenchOptions {
  /** Untimed passes of each side before timing (JIT, lazy module loads). Default 1. */
  warmup?: number;
  /** Timed passes of each side. Default 5. */
  passes?: number;
}

/** Runs one case: warm-up, then `passes` timed passes of each side, alternating. */
export async function runBenchCase(c: BenchCase, options: BenchOptions = {}): Promise<BenchRow> {
  const warmup = options.warmup ?? 1;
  const passes = options.passes ?? 5;
  for (let i = 0; i < warmup; i++) {
    await c.ours();
    if (c.baseline) await c.baseline();
  }
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < passes; i++) {
    ours.push(await time(c.ours));
    if (c.baseline) baseline.push(await time(c.baseline));
  }
  return { name: c.name, ours: median(ours), baseline: c.baseline ? median(baseline) : undefined };
}

/** Runs every case in order and returns their rows. */
export async function runBenchCases(cases: BenchCase[], options: BenchOptions = {}): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const c of cases) rows.push(await runBenchCase(c, options));
  return rows;
}

/** The table: name, ours (ms), baseline (ms), ratio ours/baseline. */
export function formatBenchTable(rows: BenchRow[]): string {
  return formatTable(
    ['name', 'ours ms', 'baseline ms', 'ratio'],
    rows.map((r) => [
      r.name,
      r.ours.toFixed(1),
      r.baseline === undefined ? '-' : r.baseline.toFixed(1),
      r.baseline === undefined || r.baseline === 0 ? '-' : `${(r.ours / r.baseline).toFixed(2)}x`,
    ]),
    ['l', 'r', 'r', 'r'],
  );
}

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
