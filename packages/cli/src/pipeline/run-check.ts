/**
 * `tm-partner check`, once: generated/ must be exactly what the spec gives and the
 * spec must convert without warnings; with a base revision, the API must not break
 * clients since then unless released as a new major version.
 */
import { GENERATED_FILES } from './build-generated.js';
import type { Io } from '../io.js';
import { displayPath } from './display-path.js';
import { apiChangesOnDisk, readGeneratedFolder, staleFiles } from './generated-folder.js';
import { lineDiff } from './line-diff.js';
import type { OutputCache } from './output-cache.js';
import { readSpec } from './read-spec.js';
import { listChanges } from './change-list.js';
import { ioFailure } from './io-failure.js';

export interface CheckRunOptions {
  spec: string;
  out: string;
  allowBreaking: boolean;
  cache: OutputCache | undefined;
  /** Compare with generated/ as committed at a revision: `''` for the default base, undefined not to. */
  base: string | undefined;
}

/** Resolves to the exit status: 0 all good, 1 stale, warnings, breaking or unreleased changes, 2 I/O or git failure. */
export async function runCheck(options: CheckRunOptions, io: Io): Promise<number> {
  const out = displayPath(options.out);
  const specName = displayPath(options.spec);
  const spec = await readSpec('check', options.spec, options.out, options.cache, io);
  if ('exit' in spec) return spec.exit;
  const { outputs, warnings } = spec;
  const problems: string[] = [];
  if (warnings > 0) problems.push(`${specName} has ${warnings} warning(s); the spec must convert cleanly`);
  try {
    const folder = await readGeneratedFolder(options.out);
    const stale = staleFiles(folder, outputs);
    // What check found goes to stdout; why it fails, to stderr (README: "Where output goes").
    for (const name of stale) {
      const current = folder[name];
      io.out(`check: ${out}/${name} is ${current === undefined ? 'missing' : 'stale'}${current === undefined ? '' : ':'}`);
      if (current !== undefined) io.out(lineDiff(current, await outputs.content(name)));
    }
    if (stale.length > 0) {
      problems.push(`${stale.length} generated file(s) differ from ${specName}; run tm-partner generate and commit ${out}/`);
      const changes = await apiChangesOnDisk(folder, outputs, stale);
      if (changes && changes.length > 0) {
        const breaking = await listChanges('check', changes, `${out}/openapi.json`, io);
        if (breaking > 0 && !options.allowBreaking) {
          problems.push(`the API changes include ${breaking} breaking one(s), which generate refuses without --allow-breaking`);
        }
      }
    }
  } catch (error) {
    const message = ioFailure(error);
    if (message === undefined) throw error;
    io.err(`check: ${message}`);
    return 2;
  }
  let releaseFailed = false;
  if (options.base !== undefined) {
    const { checkAgainstBase } = await import('./release-check.js');
    const verdict = await checkAgainstBase(
      {
        base: options.base === '' ? undefined : options.base,
        out: options.out,
        specName,
        now: { document: await outputs.document(), manifest: await outputs.content('package.json') },
      },
      io,
    );
    if (verdict === 'unusable') return 2;
    releaseFailed = verdict === 'fail';
  }
  if (problems.length > 0 || releaseFailed) {
    for (const p of problems) io.err(`check: ${p}`);
    io.err(`check: failed`);
    return 1;
  }
  io.out(`check: ${out}/ matches ${specName} (${GENERATED_FILES.length} files)`);
  return 0;
}
