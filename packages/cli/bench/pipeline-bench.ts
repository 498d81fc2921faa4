/**
 * The pipeline's bench cases, printed by `pnpm bench` with the others: whole
 * processes, as a partner runs them, on a copy of the spec and generated/.
 *
 * - `check` on an unchanged spec: ours answers from the output cache (warmed by the
 *   warm-up pass); target ≤ 500 ms.
 * - `generate` from cold: an empty cache and a stale generated/, so the blueprint is
 *   converted, validated, typed and written; target ≤ 1.5 s.
 *
 * Ours runs as compiled JavaScript: generator/dist (`tsc -b generator`) and the CLI's
 * sources transpiled file by file with esbuild into packages/cli/.tmp/bench-cli (a
 * stand-in for the packaged CLI). The baseline is today's path before this pipeline:
 * generator/scripts/generate.ts as of the commit before it was removed, run with tsx,
 * taken from git history.
 *
 * Run alone: `npx tsx packages/cli/bench/pipeline-bench.ts`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import {
  type BenchCase,
  type BenchRow,
  type BenchSettings,
  isMainModule,
  printBench,
  runScript,
  skippedRow,
  timePasses,
} from '../../../generator/scripts/bench-harness.js';

const CLI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(CLI_DIR, '..', '..');
const COMPILED = join(CLI_DIR, '.tmp', 'bench-cli');
const TODAY = join(ROOT, '.tmp', 'bench', 'generate-before-pipeline');
const REMOVED_SCRIPT = 'generator/scripts/generate.ts';

/** generator/dist built and the CLI transpiled, as a packaged CLI would run. */
async function compileOurs(): Promise<string> {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', join(ROOT, 'generator')], { stdio: 'pipe' });
  rmSync(COMPILED, { recursive: true, force: true });
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) sources.push(path);
    }
  };
  walk(join(CLI_DIR, 'src'));
  await build({ entryPoints: sources, outdir: COMPILED, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  return join(COMPILED, 'main.js');
}

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
  'whole process, wall time. Ours: compiled JS (generator/dist + the CLI transpiled by esbuild, standing in for the packaged CLI); ' +
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
        const main = await compileOurs();
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

if (isMainModule(import.meta.url)) runScript(() => printBench(pipelineBenchCases()));
