/**
 * Files as committed at a git revision (read with `git cat-file`), and the revision a
 * change is judged against when none is named: the last release tag, else where the
 * branch left main (or master, or the remote's default branch), else the previous commit.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';

/** Git refused or is missing; the message is one line for the user. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function git(args: string[], cwd: string, input?: string): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // ENOENT is also what a missing working folder gives: only with the folder there is it git that is missing.
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new GitError(existsSync(cwd) ? 'git is not installed (or not on PATH)' : `cannot run git in ${cwd}: no such folder`));
        return;
      }
      resolvePromise({ ok: !error, stdout, stderr });
    });
    // A git that is missing closes stdin at once; the error is reported above.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/** The top folder of the repository holding `dir` (which need not exist yet); undefined outside one. */
export async function repositoryRoot(dir: string): Promise<string | undefined> {
  const r = await git(['rev-parse', '--show-toplevel'], nearestFolder(dir));
  return r.ok ? r.stdout.trim() : undefined;
}

/** `dir` itself when it is a folder, else its nearest ancestor that is. */
function nearestFolder(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (statSync(d, { throwIfNoEntry: false })?.isDirectory() || dirname(d) === d) return d;
  }
}

/** A revision as a full commit id; undefined when the repository does not have it. */
export async function commitOf(root: string, rev: string): Promise<string | undefined> {
  const r = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], root);
  return r.ok ? r.stdout.trim() : undefined;
}

/** A file's text at a commit; undefined when the file is not in it. `path` is absolute or relative to the root. */
export async function fileAt(root: string, commit: string, path: string): Promise<string | undefined> {
  const inRepo = relative(root, path).split(sep).join('/');
  // cat-file --batch answers `<id> blob <size>` then the content, or `<name> missing`, in words
  // meant for programs: git's messages for people are translated and change between versions.
  const r = await git(['cat-file', '--batch'], root, `${commit}:${inRepo}\n`);
  if (!r.ok) {
    throw new GitError(`git cat-file ${commit.slice(0, 12)}:${inRepo} failed: ${r.stderr.trim().split('\n')[0] || 'no reason given'}`);
  }
  const end = r.stdout.indexOf('\n');
  if (!/^[0-9a-f]+ blob \d+$/.test(r.stdout.slice(0, end))) return undefined;
  return r.stdout.slice(end + 1, -1);
}

/** A revision to compare with, and why it was chosen. */
export interface Base {
  rev: string;
  commit: string;
  why: string;
}

/** Where a branch usually leaves from, in the order tried: local names first, then the remote's default branch. */
const MAINLINES = ['main', 'master', 'origin/HEAD', 'origin/main', 'origin/master'] as const;

/**
 * The default base: the newest release tag (`v1.2.3`, no pre-release) reachable from
 * HEAD; else the merge base with the first of {@link MAINLINES} the repository has,
 * when HEAD is not on it; else HEAD's parent. None, with the reason, when the history
 * has none of these (a single commit, a shallow clone). Whatever is not found is named
 * in `why`, so the one line that reports the base says what was tried.
 */
export async function defaultBase(root: string): Promise<Base | { none: string }> {
  const head = await commitOf(root, 'HEAD');
  if (!head) return { none: 'the repository has no commits yet' };
  // A release tag on HEAD is the release the working tree is compared with.
  const tag = await git(['describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*', '--exclude', '*-*', head], root);
  if (tag.ok) {
    const name = tag.stdout.trim();
    const commit = await commitOf(root, name);
    if (commit) return { rev: name, commit, why: 'the last release tag' };
  }
  const found = await leftMainline(root, head);
  if ('commit' in found) return found;
  const tried = `no release tag v* reachable, ${found.tried}`;
  const parent = await commitOf(root, 'HEAD^');
  if (parent) return { rev: 'HEAD^', commit: parent, why: `the previous commit (${tried})` };
  const shallow = await git(['rev-parse', '--is-shallow-repository'], root);
  if (shallow.ok && shallow.stdout.trim() === 'true') {
    return { none: `a shallow clone without the previous commit, ${tried}: git fetch --unshallow fetches it` };
  }
  return { none: `HEAD is the first commit, ${tried}` };
}

/** Where HEAD left the first mainline that shares its history; else what was found instead, in words. */
async function leftMainline(root: string, head: string): Promise<Base | { tried: string }> {
  const unrelated: string[] = [];
  for (const mainline of MAINLINES) {
    const mainCommit = await commitOf(root, mainline);
    if (!mainCommit) continue;
    const mergeBase = await git(['merge-base', head, mainCommit], root);
    const commit = mergeBase.ok ? mergeBase.stdout.trim() : '';
    if (!commit) unrelated.push(mainline);
    else if (commit === head) return { tried: `HEAD is on ${mainline}` };
    else return { rev: mainline, commit, why: `where this branch left ${mainline}` };
  }
  if (unrelated.length > 0) return { tried: `no history shared with ${unrelated.join(' or ')}` };
  return { tried: `no ${MAINLINES.slice(0, -1).join(', ')} or ${MAINLINES.at(-1)} branch` };
}
