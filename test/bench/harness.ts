/**
 * The shared benchmark harness behind `pnpm bench` (`test/bench/all.ts`). Every
 * benchmark is a module here exporting a function that returns `BenchCase[]`; a case
 * measures our code and, in the same run, a baseline, and yields one or more rows.
 *
 * The row format ({@link BenchRow}), one line of the table:
 *
 *     benchmark | ours | baseline | unit | ratio | target
 *
 * - `name`: what is measured, against what (`"GET /event/{id}: client vs plain fetch"`).
 * - `unit`: any text (`ms/pass`, `µs/call`, `ops/s`, `flows/s`, `MB`, `kB`), so time,
 *   throughput, memory and size rows share one table.
 * - `ours`, `baseline`: numbers in that unit; `baseline` undefined when there is none,
 *   `ours` undefined with `skipped` saying why (`failed: true` when the case threw).
 * - `target`: optional, on the ratio (`on: 'ratio'`, ours / baseline; for `ops/s` below
 *   1x means ours is slower) or on our value (`on: 'ours'`), with `max` and/or `min`.
 * - `note`: printed under the table and referenced from the row (`[1]`).
 *
 * `runBenchMain` prints one progress line per row on standard error as each case
 * finishes, then the table on standard output, and exits 1 when a case failed or a
 * row missed its target (`--no-fail` reports misses but exits 0, for exploring).
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { isMainModule, runScript } from '../../generator/scripts/run-script.js';
import { formatTable } from '../../generator/scripts/text-table.js';

/** A unit for the `unit` column, e.g. `ms/pass`, `µs/call`, `ops/s`, `kB`. */
export type BenchUnit = string;

/** A goal for one row: a bound on the ratio or on our own value. */
export interface BenchTarget {
  /** `ratio`: ours / baseline; `ours`: our value, in the row's unit. */
  on: 'ratio' | 'ours';
  /** Met when the value is at most this. */
  max?: number;
  /** Met when the value is at least this. */
  min?: number;
}

/** One line of the table. */
export interface BenchRow {
  name: string;
  unit: BenchUnit;
  /** Our value; undefined when the row could not be measured (see `skipped`). */
  ours: number | undefined;
  /** The baseline's value, measured in the same run; undefined when there is none. */
  baseline: number | undefined;
  target?: BenchTarget;
  /** Why the row has no values (e.g. the corpus is absent); printed as a note. */
  skipped?: string;
  /** The case threw: the row shows FAILED and `skipped` holds the error. */
  failed?: boolean;
  /** Printed under the table, referenced from the row. */
  note?: string;
}

/** How long cases should run; a case may use fewer or more passes where that makes sense. */
export interface BenchSettings {
  /** Untimed passes of each side before timing (JIT, lazy module loads, connections). */
  warmup: number;
  /** Timed passes of each side; rows report the median. */
  passes: number;
}

export const DEFAULT_SETTINGS: BenchSettings = { warmup: 1, passes: 5 };

/** A group of measurements sharing setup (a server, a corpus); yields one or more rows. */
export interface BenchCase {
  /** Label used when the case fails before yielding rows. */
  name: string;
  run(settings: BenchSettings): Promise<BenchRow[]>;
}

/** Milliseconds per pass of each side, median of the timed passes. */
export interface PassTimes {
  [side: string]: number;
}

/**
 * Times `sides` (each one pass of work) after `warmup` untimed passes each; the
 * sides take turns within a pass and the order rotates from pass to pass, so
 * neither drift nor GC debt favours one side. Returns the median ms per pass.
 */
export async function timePasses(sides: Record<string, () => unknown>, settings: BenchSettings): Promise<PassTimes> {
  const names = Object.keys(sides);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < settings.warmup; i++) {
    for (const name of names) await sides[name]?.();
  }
  for (let pass = 0; pass < settings.passes; pass++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(pass + k) % names.length] ?? '';
      const fn = sides[name];
      if (!fn) continue;
      const start = performance.now();
      await fn();
      samples[name]?.push(performance.now() - start);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n] ?? [])]));
}

/** Options of {@link timedCase}. */
export interface TimedCaseOptions {
  name: string;
  /** One pass of our implementation. */
  ours: () => unknown;
  /** One pass of the reference implementation, if any. */
  baseline?: () => unknown;
  /** Default `ms/pass`. */
  unit?: BenchUnit;
  /** Turns ms per pass into the unit (e.g. `1000 / calls` for µs/call). Default 1. */
  scale?: number;
  target?: BenchTarget;
  note?: string;
  settings?: Partial<BenchSettings>;
}

/** A one-row case: median time per pass of ours and the baseline. */
export function timedCase(o: TimedCaseOptions): BenchCase {
  return {
    name: o.name,
    async run(settings) {
      const sides: Record<string, () => unknown> = { ours: o.ours };
      if (o.baseline) sides.baseline = o.baseline;
      const t = await timePasses(sides, { ...settings, ...o.settings });
      const scale = o.scale ?? 1;
      return [
        {
          name: o.name,
          unit: o.unit ?? 'ms/pass',
          ours: (t.ours ?? Number.NaN) * scale,
          baseline: t.baseline === undefined ? undefined : t.baseline * scale,
          target: o.target,
          note: o.note,
        },
      ];
    },
  };
}

/** A row that says why it has no values. */
export function skippedRow(name: string, unit: BenchUnit, reason: string, target?: BenchTarget): BenchRow {
  return { name, unit, ours: undefined, baseline: undefined, skipped: reason, target };
}

/** Runs every case in order; a case that throws gives one FAILED row and does not stop the others. */
export async function runBenchCases(
  cases: BenchCase[],
  settings: BenchSettings = DEFAULT_SETTINGS,
): Promise<{ rows: BenchRow[]; failed: number }> {
  const rows: BenchRow[] = [];
  let failed = 0;
  for (const c of cases) {
    try {
      rows.push(...(await c.run(settings)));
    } catch (err) {
      failed++;
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      rows.push({ ...skippedRow(c.name, '-', `failed: ${message}`), failed: true });
    }
  }
  return { rows, failed };
}

/** ours / baseline, when both are there. */
export function ratioOf(r: BenchRow): number | undefined {
  if (r.ours === undefined || r.baseline === undefined || r.baseline === 0) return undefined;
  return r.ours / r.baseline;
}

/** Whether the row meets its target; undefined without a target or without values. */
export function targetMet(r: BenchRow): boolean | undefined {
  if (!r.target) return undefined;
  const value = r.target.on === 'ratio' ? ratioOf(r) : r.ours;
  if (value === undefined || Number.isNaN(value)) return undefined;
  if (r.target.max !== undefined && !(value <= r.target.max)) return false;
  if (r.target.min !== undefined && !(value >= r.target.min)) return false;
  return true;
}

/** `≤ 1.10x`, `≤ 12 kB`, `≥ 0.50x`, or both bounds. */
export function formatTarget(target: BenchTarget, unit: BenchUnit): string {
  const value = (n: number) => (target.on === 'ratio' ? `${n.toFixed(2)}x` : `${Number.isInteger(n) ? n : formatNumber(n)} ${unit}`);
  const parts: string[] = [];
  if (target.min !== undefined) parts.push(`≥ ${value(target.min)}`);
  if (target.max !== undefined) parts.push(`≤ ${value(target.max)}`);
  return parts.join(', ');
}

/** The table, then the numbered notes its rows refer to (`[1]`). */
export function formatBenchTable(rows: BenchRow[]): string {
  const notes: string[] = [];
  const refer = (text: string) => {
    const seen = notes.indexOf(text);
    return ` [${seen === -1 ? notes.push(text) : seen + 1}]`;
  };
  const body = rows.map((r) => {
    let name = r.name;
    // A reason for missing values can be long (a path, an error): it goes under the table too.
    if (r.ours === undefined) name += refer(r.skipped ?? 'not measured');
    if (r.note) name += refer(r.note);
    const ratio = ratioOf(r);
    const met = targetMet(r);
    const target = r.target ? `${formatTarget(r.target, r.unit)} ${met === undefined ? '?' : met ? '✓ met' : '✗ MISSED'}` : '-';
    return [
      name,
      r.ours === undefined ? (r.failed ? 'FAILED' : 'skipped') : formatNumber(r.ours),
      r.baseline === undefined ? '-' : formatNumber(r.baseline),
      r.unit,
      ratio === undefined ? '-' : `${ratio.toFixed(2)}x`,
      target,
    ];
  });
  const table = formatTable(['benchmark', 'ours', 'baseline', 'unit', 'ratio', 'target'], body, ['l', 'r', 'r', 'l', 'r', 'l']);
  return notes.length === 0 ? table : `${table}\n\n${notes.map((n, i) => `[${i + 1}] ${n}`).join('\n')}`;
}

/** Three significant digits or more: 1234, 123, 12.3, 1.23. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  return n.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The lines above the table: machine, Node, passes, and how to read the columns. */
export function benchHeader(settings: BenchSettings): string {
  const all = cpus();
  const model = all[0]?.model.trim() || 'unknown CPU';
  return [
    `Machine: ${model}, ${all.length} cores; Node ${process.version} (${process.platform}-${process.arch}).`,
    `Passes: ${settings.warmup} warm-up + median of ${settings.passes} timed passes per side, sides interleaved; baselines measured in the same run.`,
    'ratio = ours / baseline (for ops/s, below 1x means ours is slower).',
  ].join('\n');
}

/** One progress line for a finished row: name, values, ratio and target. */
export function progressLine(r: BenchRow, index: number, total: number): string {
  const ratio = ratioOf(r);
  const met = targetMet(r);
  const value = r.ours === undefined ? (r.failed ? 'FAILED' : 'skipped') : `${formatNumber(r.ours)} ${r.unit}`;
  const baseline = r.baseline === undefined ? '' : `, baseline ${formatNumber(r.baseline)} ${r.unit}`;
  const target = r.target ? `, target ${formatTarget(r.target, r.unit)} ${met === undefined ? '?' : met ? 'met' : 'MISSED'}` : '';
  const why = r.ours === undefined && r.skipped ? ` (${r.skipped})` : '';
  return `bench [case ${index}/${total}] ${r.name}: ${value}${baseline}${ratio === undefined ? '' : ` (${ratio.toFixed(2)}x)`}${target}${why}`;
}

/**
 * Runs the cases, printing a progress line per row to standard error as each case
 * finishes, then the header and the table to standard output. Resolves to the exit
 * status: 1 when a case failed or a row missed its target (with `noFail`, misses are
 * reported and the status is 0), else 0.
 */
export async function printBench(
  cases: BenchCase[],
  settings: BenchSettings = DEFAULT_SETTINGS,
  options: { noFail?: boolean } = {},
): Promise<number> {
  process.stderr.write(`bench: ${cases.length} cases; one line per row as each finishes, the table at the end\n`);
  const rows: BenchRow[] = [];
  let failed = 0;
  for (const [i, c] of cases.entries()) {
    const started = performance.now();
    const result = await runBenchCases([c], settings);
    failed += result.failed;
    rows.push(...result.rows);
    for (const row of result.rows) process.stderr.write(`${progressLine(row, i + 1, cases.length)}\n`);
    process.stderr.write(
      `bench [case ${i + 1}/${cases.length}] ${c.name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
  console.log(benchHeader(settings));
  console.log('');
  console.log(formatBenchTable(rows));
  const missed = rows.filter((r) => targetMet(r) === false);
  for (const row of missed)
    console.error(`bench: missed its target: ${row.name} (${formatTarget(row.target ?? { on: 'ours' }, row.unit)})`);
  if (failed > 0) console.error(`bench: ${failed} case(s) failed`);
  if (failed > 0) return 1;
  if (missed.length > 0 && !options.noFail) {
    console.error('bench: exit status 1 for the missed target(s); --no-fail reports them and exits 0');
    return 1;
  }
  return 0;
}

/** The entry of a bench script: `[--no-fail]`, then {@link printBench}; an unknown argument is exit status 2. */
export function runBenchMain(cases: () => BenchCase[], argv: readonly string[] = process.argv.slice(2)): void {
  runScript(async () => {
    const unknown = argv.filter((a) => a !== '--no-fail');
    if (unknown.length > 0) {
      console.error(`bench: unknown argument ${unknown.join(' ')}; usage: bench [--no-fail]`);
      return 2;
    }
    return await printBench(cases(), DEFAULT_SETTINGS, { noFail: argv.includes('--no-fail') });
  });
}

export { isMainModule, runScript };
