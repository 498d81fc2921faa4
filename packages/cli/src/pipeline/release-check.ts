/**
 * `check --base`: the API the spec describes now against generated/openapi.json as
 * committed at a base revision. Breaking changes pass only when they are released as
 * a new major version of @tm-partner/generated (below 1.0.0, a new minor), and the
 * client, whose types come from it, makes a breaking release too.
 */
import { join } from 'node:path';
import {
  type ApiChange,
  countChanges,
  diffApis,
  formatChanges,
  isBreakingRelease,
  nextBreakingRelease,
  parseVersion,
} from '@tm-partner/apib-to-openapi/diff';
import type { Io } from '../io.js';
import { type Base, GitError, commitOf, defaultBase, fileAt, repositoryRoot } from './git-revision.js';
import { displayPath } from './display-path.js';
import { readTextFile } from './generated-folder.js';

/** Where the compared files are. */
export interface ReleaseCheckOptions {
  /** A revision; undefined for the default base. */
  base: string | undefined;
  /** The generated folder (absolute). */
  out: string;
  /** The spec, as shown to the user (for the next-step advice). */
  specName: string;
  /** The API document (parsed) and manifest the spec gives now. */
  now: { document: unknown; manifest: string };
}

/** pass: nothing breaks, or it is released properly; fail: exit 1; unusable: a named base that cannot be read (exit 2). */
export type ReleaseVerdict = 'pass' | 'fail' | 'unusable';

/** The client package whose version must follow generated/'s, relative to the repository root. */
const CLIENT_MANIFEST = 'packages/client/package.json';

export async function checkAgainstBase(options: ReleaseCheckOptions, io: Io): Promise<ReleaseVerdict> {
  let base: Base;
  try {
    const root = await repositoryRoot(options.out);
    if (!root) {
      if (options.base !== undefined) {
        io.err(`check: ${displayPath(options.out)} is not in a git repository, so there is no ${options.base} to compare with`);
        return 'unusable';
      }
      io.out('check: not in a git repository; the comparison with a base is skipped');
      return 'pass';
    }
    const found = await findBase(root, options.base);
    if ('none' in found) {
      io.out(`check: no base to compare with (${found.none}); pass --base REV to name one`);
      return 'pass';
    }
    if ('unknown' in found) {
      io.err(`check: unknown revision ${options.base} (in a shallow or single-branch clone, fetch it first)`);
      return 'unusable';
    }
    base = found;
    return await compare(root, base, options, io);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    io.err(`check: ${error.message}`);
    return 'unusable';
  }
}

async function findBase(root: string, named: string | undefined): Promise<Base | { none: string } | { unknown: true }> {
  if (named === undefined) return await defaultBase(root);
  const commit = await commitOf(root, named);
  return commit ? { rev: named, commit, why: 'named with --base' } : { unknown: true };
}

async function compare(root: string, base: Base, options: ReleaseCheckOptions, io: Io): Promise<ReleaseVerdict> {
  const label = `${base.rev}${base.rev.startsWith(base.commit.slice(0, 7)) ? '' : ` (${base.commit.slice(0, 7)})`}`;
  const openapiPath = join(options.out, 'openapi.json');
  const committed = await fileAt(root, base.commit, openapiPath);
  if (committed === undefined) {
    io.out(`check: ${displayPath(openapiPath)} is not in ${label}, ${base.why}; nothing to compare with`);
    return 'pass';
  }
  const changes = diffApis(parseJson(committed, `${displayPath(openapiPath)} at ${label}`), options.now.document);
  const counts = countChanges(changes);
  io.out(`check: API changes since ${label}, ${base.why}: ${changes.length === 0 ? 'none' : counts.text}`);
  for (const line of formatChanges(changes)) io.out(line);

  const generatedThen = versionIn(await fileAt(root, base.commit, join(options.out, 'package.json')));
  const generatedNow = versionIn(options.now.manifest);
  const generatedBreaks = generatedThen && generatedNow ? isBreakingRelease(generatedThen.parsed, generatedNow.parsed) : false;
  let verdict: ReleaseVerdict = 'pass';
  if (counts.breaking > 0 && !generatedBreaks) {
    verdict = 'fail';
    io.err(breakingAdvice(changes, label, options, generatedThen?.text, generatedNow?.text));
  } else if (counts.breaking > 0) {
    io.out(
      `check: the ${counts.breaking} breaking change(s) are released as @tm-partner/generated ${generatedNow?.text} (was ${generatedThen?.text})`,
    );
  }
  if (generatedBreaks && generatedThen && generatedNow) {
    const clientPath = join(root, CLIENT_MANIFEST);
    const clientThen = versionIn(await fileAt(root, base.commit, clientPath));
    const clientNow = versionIn(await readTextFile(clientPath));
    if (clientThen && clientNow && !isBreakingRelease(clientThen.parsed, clientNow.parsed)) {
      verdict = 'fail';
      io.err(
        `check: @tm-partner/generated goes ${generatedThen.text} → ${generatedNow.text} but @tm-partner/client stays ${clientNow.text} ` +
          `(${clientThen.text} at ${base.rev}); its types come from generated/, so it needs a breaking release too: ` +
          `set "version": "${nextBreakingRelease(clientThen.parsed)}" in ${CLIENT_MANIFEST} and add it to CHANGELOG.md`,
      );
    }
  }
  return verdict;
}

function breakingAdvice(
  changes: ApiChange[],
  label: string,
  options: ReleaseCheckOptions,
  then: string | undefined,
  now: string | undefined,
): string {
  const n = changes.filter((c) => c.severity === 'breaking').length;
  const from = parseVersion(then ?? '') ?? parseVersion(now ?? '');
  const next = from ? nextBreakingRelease(from) : 'a new major version';
  return [
    `check: ${n} breaking change(s) since ${label}, but @tm-partner/generated is ${then ?? 'unversioned'} there and ${now ?? 'unversioned'} now.`,
    `check: next: undo ${n === 1 ? 'it' : 'them'}, or release ${next}: set "VERSION: ${next}" in the metadata at the top of ${options.specName},`,
    `check:   run tm-partner generate, give @tm-partner/client a breaking release too, record both in CHANGELOG.md and commit.`,
  ].join('\n');
}

function versionIn(manifest: string | undefined): { text: string; parsed: NonNullable<ReturnType<typeof parseVersion>> } | undefined {
  if (manifest === undefined) return undefined;
  try {
    const version = (JSON.parse(manifest) as { version?: unknown }).version;
    const parsed = typeof version === 'string' ? parseVersion(version) : undefined;
    return parsed && typeof version === 'string' ? { text: version, parsed } : undefined;
  } catch {
    return undefined;
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GitError(`${what} is not JSON`);
  }
}
