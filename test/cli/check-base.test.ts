/**
 * `tm-partner check --base` in a temporary git repository holding a copy of the spec,
 * generated/ and the client's manifest: a committed breaking change fails it until
 * generated/ and the client are released as new major versions.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../packages/cli/src/cli.js';
import { BIN, ROOT, capture } from './support.js';
import { EDITS, type SpecCopy, copySpec } from './spec-copy.js';

const copies: SpecCopy[] = [];
afterAll(() => {
  for (const c of copies.splice(0)) c.remove();
});

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** A repository with the spec, generated/ and packages/client/package.json, committed once on main. */
function repository(): SpecCopy & { git(...args: string[]): string; commit(message: string): void; clientVersion(version: string): void } {
  const copy = copySpec();
  copies.push(copy);
  mkdirSync(join(copy.dir, 'packages/client'), { recursive: true });
  cpSync(join(ROOT, 'packages/client/package.json'), join(copy.dir, 'packages/client/package.json'));
  // The output cache lives in node_modules, which git ignores, as in a real checkout.
  writeFileSync(join(copy.dir, '.gitignore'), 'node_modules/\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: copy.dir, env: GIT_ENV, encoding: 'utf8', stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', message);
  };
  commit('spec and generated/ at 1.0.0');
  return {
    ...copy,
    git,
    commit,
    clientVersion(version) {
      const path = join(copy.dir, 'packages/client/package.json');
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as { version: string };
      writeFileSync(path, `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
    },
  };
}

/** `tm-partner ARGS` as its own process in `cwd`. */
function tmPartner(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...GIT_ENV, ...env } });
  return { status: r.status, stdout: r.stdout.trimEnd(), stderr: r.stderr.trimEnd() };
}

describe('check --base', () => {
  it('fails on a committed breaking change until generated/ and the client are released as new major versions', async () => {
    const repo = repository();
    const clientVersion = (JSON.parse(readFileSync(join(ROOT, 'packages/client/package.json'), 'utf8')) as { version: string }).version;
    expect(clientVersion).toBe('0.1.0');

    // A single commit: nothing earlier to compare with.
    const first = await repo.run('check', '--base');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(
      'check: no base to compare with (HEAD is the first commit, no release tag v* reachable, HEAD is on main); pass --base REV to name one',
    );

    repo.git('tag', 'v1.0.0');
    const tagCommit = repo.git('rev-parse', '--short=7', 'HEAD').trim();
    repo.edit(...EDITS.certificateValueOptional);
    expect((await repo.run('generate', '--allow-breaking')).status).toBe(0);
    repo.commit('Certificate.value may be missing');

    // The committed change passes the plain check: generated/ matches the spec.
    expect((await repo.run('check')).status).toBe(0);
    const refused = await repo.run('check', '--base');
    expect(refused.status).toBe(1);
    expect(refused.stdout.split('\n')).toEqual([
      `check: API changes since v1.0.0 (${tagCommit}), the last release tag: 1 breaking, 0 warnings, 0 info`,
      '  breaking  response-property-became-optional  Certificate.value: required → optional',
      '            affects getEncryptionCertificate (GET /certificate)',
    ]);
    expect(refused.stderr).toContain(
      `check: 1 breaking change(s) since v1.0.0 (${tagCommit}), but @tm-partner/generated is 1.0.0 there and 1.0.0 now.`,
    );
    expect(refused.stderr).toContain(
      `check: next: undo it, or release 2.0.0: set "VERSION: 2.0.0" in the metadata at the top of ${repo.spec},`,
    );
    expect(refused.stderr.split('\n').at(-1)).toBe('check: failed');
    expect((await repo.run('check', '--base', 'HEAD~1')).status).toBe(1);

    // generated/ released as 2.0.0, the client not yet.
    repo.edit('FORMAT: 1A\n', 'FORMAT: 1A\nVERSION: 2.0.0\n');
    expect((await repo.run('generate')).status).toBe(0);
    expect(JSON.parse(repo.read('package.json')).version).toBe('2.0.0');
    repo.commit('@tm-partner/generated 2.0.0');
    const clientBehind = await repo.run('check', '--base');
    expect(clientBehind.status).toBe(1);
    expect(clientBehind.stdout).toContain('check: the 1 breaking change(s) are released as @tm-partner/generated 2.0.0 (was 1.0.0)');
    expect(clientBehind.stderr).toContain(
      'check: @tm-partner/generated goes 1.0.0 → 2.0.0 but @tm-partner/client stays 0.1.0 (0.1.0 at v1.0.0',
    );
    expect(clientBehind.stderr).toContain('set "version": "0.2.0" in packages/client/package.json and add it to CHANGELOG.md');

    repo.clientVersion('0.2.0');
    repo.commit('@tm-partner/client 0.2.0');
    const released = await repo.run('check', '--base');
    expect(released.stderr).toBe('');
    expect(released.status).toBe(0);
    expect(released.stdout.split('\n').at(-1)).toBe(`check: ${repo.out}/ matches ${repo.spec} (4 files)`);
  }, 120_000);

  it('defaults to where the branch left main without release tags, and names an unknown base', async () => {
    const repo = repository();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.edit(...EDITS.retitleEventDetails);
    expect((await repo.run('generate', '--allow-breaking')).status).toBe(0);
    repo.commit('Get event details');
    const main = repo.git('rev-parse', '--short=7', 'main').trim();
    const r = await repo.run('check', '--base');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`check: API changes since main (${main}), where this branch left main: 1 breaking, 0 warnings, 0 info`);
    expect(r.stdout).toContain(
      '  breaking  operation-id-changed  GET /event/{event_id}: operationId retrieveEventDetails → getEventDetails',
    );

    const unknown = await repo.run('check', '--base', 'no-such-tag');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('check: unknown revision no-such-tag (in a shallow or single-branch clone, fetch it first)');
  }, 60_000);

  it('without a release tag or main, leaves from master, else the remote default branch, else says what it tried and uses HEAD^', async () => {
    const repo = repository();
    const short = (rev: string, cwd = repo.dir) =>
      execFileSync('git', ['rev-parse', '--short=7', rev], { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
    const changes = '1 breaking, 0 warnings, 0 info';
    repo.git('branch', '-m', 'main', 'master');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.edit(...EDITS.retitleEventDetails);
    expect((await repo.run('generate', '--allow-breaking')).status).toBe(0);
    repo.commit('Get event details');
    const fromMaster = await repo.run('check', '--base');
    expect(fromMaster.stdout.split('\n')[0]).toBe(
      `check: API changes since master (${short('master')}), where this branch left master: ${changes}`,
    );

    // A clone whose own default branch is gone: the remote's default branch (origin/HEAD → origin/master) is the mainline.
    const clone = join(repo.dir, 'clone');
    execFileSync('git', ['clone', '-q', '--branch', 'feature', `file://${repo.dir}`, clone], { env: GIT_ENV, stdio: 'pipe' });
    execFileSync('git', ['remote', 'set-head', 'origin', 'master'], { cwd: clone, env: GIT_ENV, stdio: 'pipe' });
    const io = capture();
    await runCli(['check', '--base', '--spec', join(clone, 'spec/partner-api.apib'), '--out', join(clone, 'generated')], io);
    expect(io.stdout[0]).toBe(
      `check: API changes since origin/HEAD (${short('origin/HEAD', clone)}), where this branch left origin/HEAD: ${changes}`,
    );

    // No mainline at all: the previous commit, and the line says what was not there.
    repo.git('branch', '-D', 'master');
    const fromParent = await repo.run('check', '--base');
    expect(fromParent.stdout.split('\n')[0]).toBe(
      `check: API changes since HEAD^ (${short('HEAD^')}), the previous commit ` +
        `(no release tag v* reachable, no main, master, origin/HEAD, origin/main or origin/master branch): ${changes}`,
    );
    expect(fromParent.status).toBe(1);

    // A main with a history of its own is no mainline of this branch.
    repo.git('checkout', '-q', '--orphan', 'main');
    repo.commit('unrelated main');
    repo.git('checkout', '-q', 'feature');
    const unrelated = await repo.run('check', '--base');
    expect(unrelated.stdout.split('\n')[0]).toBe(
      `check: API changes since HEAD^ (${short('HEAD^')}), the previous commit (no release tag v* reachable, no history shared with main): ${changes}`,
    );
  }, 120_000);

  it('skips the comparison with a note in a shallow clone', async () => {
    const repo = repository();
    repo.edit(...EDITS.venueCapacity);
    expect((await repo.run('generate')).status).toBe(0);
    repo.commit('Venue.capacity');
    const shallow = join(repo.dir, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow], { env: GIT_ENV, stdio: 'pipe' });
    const io = capture();
    expect(
      await runCli(['check', '--base', '--spec', join(shallow, 'spec/partner-api.apib'), '--out', join(shallow, 'generated')], io),
    ).toBe(0);
    expect(io.stdout).toContain(
      'check: no base to compare with (a shallow clone without the previous commit, no release tag v* reachable, HEAD is on main: git fetch --unshallow fetches it); pass --base REV to name one',
    );
  }, 60_000);

  it('with a generated folder that does not exist: its files are missing, one line each, no stack, exit 1', async () => {
    const repo = repository();
    const r = tmPartner(repo.dir, ['check', '--base', '--spec', 'spec/partner-api.apib', '--out', 'nowhere/generated']);
    expect(r.stderr.split('\n')).toEqual([
      'check: 4 generated file(s) differ from spec/partner-api.apib; run tm-partner generate and commit nowhere/generated/',
      'check: failed',
    ]);
    const stdout = r.stdout.split('\n');
    expect(stdout.slice(0, 4)).toEqual([
      'check: nowhere/generated/openapi.json is missing',
      'check: nowhere/generated/openapi.yaml is missing',
      'check: nowhere/generated/schema.d.ts is missing',
      'check: nowhere/generated/package.json is missing',
    ]);
    expect(stdout.slice(4)).toEqual([expect.stringMatching(/^check: no base to compare with \(HEAD is the first commit/)]);
    expect(r.status).toBe(1);
  }, 60_000);

  it('tells a file missing at the base from a git failure whatever language git speaks', async () => {
    const repo = repository();
    // generated/ copied to a folder the base commit does not have.
    cpSync(repo.out, join(repo.dir, 'gen2'), { recursive: true });
    const head = repo.git('rev-parse', '--short=7', 'HEAD').trim();
    const r = tmPartner(repo.dir, ['check', '--base', 'HEAD', '--spec', 'spec/partner-api.apib', '--out', 'gen2'], { LANGUAGE: 'de' });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      `check: gen2/openapi.json is not in HEAD (${head}), named with --base; nothing to compare with`,
      'check: gen2/ matches spec/partner-api.apib (4 files)',
    ]);
    expect(r.status).toBe(0);
  }, 60_000);
});
