/**
 * The pipeline's bench cases, printed by `pnpm bench` with the others: whole
 * processes, as a partner runs them, on a copy of the spec and generated/.
 *
 * - `check` on an unchanged spec: ours answers from the output cache (warmed by the
 *   warm-up pass); target ≤ 500 ms.
 * - `generate` from cold: an empty cache and a stale generated/, so the blueprint is
 *   converted, validated, typed and written; target ≤ 1.5 s.
 *
 * Ours is the compiled `tm-partner` bin (`pnpm bench` builds first), as a partner runs
 * it. The baseline is the path before this pipeline:
 * generator/scripts/generate.ts as of the commit before it was removed, run with tsx,
 * taken from git history.
 *
 * Run alone, after `pnpm build`: `npx tsx test/bench/pipeline.ts`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchCase, type BenchRow, type BenchSettings, isMainModule, runBenchMain, skippedRow, timePasses } from './harness.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'packages', 'cli', 'bin', 'tm-partner.js');
const TODAY = join(ROOT, '.tmp', 'bench', 'generate-before-pipeline');
const REMOVED_SCRIPT = 'generator/scripts/generate.ts';

/** Today's generate.ts with the generator sources of its commit, or why it is unavailable. */
function extractToday(): { script: string } | { missing: string } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' }).trim();
  let removedIn: string;
  try {
    removedIn = git('rev-list', '-1', 'HEAD', '--', REMOVED_SCRIPT);
    git('cat-file', '-e', `${removedIn}^:${REMOVED_SCRIPT}`);
  } catch {
    return { missing: `git history without ${REMOVED_SCRIPT} (a shallow clone?)` };
  }
  rmSync(TODAY, { recursive: true, force: true });
  mkdirSync(TODAY, { recursive: true });
  const archive = execFileSync('git', ['archive', `${removedIn}^`, 'generator/src', 'generator/scripts'], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', TODAY], { input: archive });
  // Its imports resolve to the generator's installed dependencies.
  symlinkSync(join(ROOT, 'generator/node_modules'), join(TODAY, 'generator/node_modules'));
  return { script: join(TODAY, REMOVED_SCRIPT) };
}

/** A copy of spec/ and generated/ to run on. */
function workspaceCopy(): { dir: string; spec: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tm-bench-pipeline-'));
  cpSync(join(ROOT, 'spec'), join(dir, 'spec'), { recursive: true });
  cpSync(join(ROOT, 'generated'), join(dir, 'generated'), { recursive: true });
  return { dir, spec: join(dir, 'spec/partner-api.apib'), out: join(dir, 'generated') };
}

/** Runs a whole process; throws with its output unless it exits 0. */
function run(args: string[], env: NodeJS.ProcessEnv = {}): void {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').at(-1)}`);
}

const NOTE =
  'whole process, wall time. Ours: the compiled tm-partner bin; ' +
  'baseline: generator/scripts/generate.ts before the in-process pipeline, with tsx, from git history.';

/** The rows: check on an unchanged spec, and generate from cold. */
export function pipelineBenchCases(): BenchCase[] {
  return [
    {
      name: 'tm-partner check and generate',
      async run(settings: BenchSettings): Promise<BenchRow[]> {
        const names = {
          check: 'tm-partner check, unchanged spec (whole process)',
          generate: 'tm-partner generate, from cold (whole process)',
        };
        const today = extractToday();
        if ('missing' in today) {
          return [
            skippedRow(names.check, 'ms/run', today.missing, { on: 'ours', max: 500 }),
            skippedRow(names.generate, 'ms/run', today.missing, { on: 'ours', max: 1500 }),
          ];
        }
        if (!existsSync(join(ROOT, 'packages', 'cli', 'dist', 'main.js'))) throw new Error('tm-partner is not built: run pnpm build first');
        const main = BIN;
        const w = workspaceCopy();
        try {
          const paths = ['--spec', w.spec, '--out', w.out];
          const warmCache = join(w.dir, 'cache-warm');
          let cold = 0;
          const check = await timePasses(
            {
              ours: () => run([main, 'check', ...paths], { TM_PARTNER_CACHE_DIR: warmCache }),
              baseline: () => run(['--import', 'tsx', today.script, '--check', ...paths]),
            },
            settings,
          );
          // Stale generated/ and no cache: everything is converted, checked and written.
          const makeStale = () => rmSync(join(w.out, 'openapi.yaml'), { force: true });
          const generate = await timePasses(
            {
              ours: () => {
                makeStale();
                run([main, 'generate', ...paths], { TM_PARTNER_CACHE_DIR: join(w.dir, `cache-cold-${cold++}`) });
              },
              baseline: () => {
                makeStale();
                run(['--import', 'tsx', today.script, ...paths]);
              },
            },
            settings,
          );
          if (!existsSync(join(w.out, 'openapi.yaml'))) throw new Error('generate did not write openapi.yaml');
          return [
            { name: names.check, unit: 'ms/run', ours: check.ours, baseline: check.baseline, target: { on: 'ours', max: 500 }, note: NOTE },
            {
              name: names.generate,
              unit: 'ms/run',
              ours: generate.ours,
              baseline: generate.baseline,
              target: { on: 'ours', max: 1500 },
              note: NOTE,
            },
          ];
        } finally {
          rmSync(w.dir, { recursive: true, force: true });
        }
      },
    },
  ];
}

if (isMainModule(import.meta.url)) runBenchMain(pipelineBenchCases);
