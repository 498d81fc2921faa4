import { spawnSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
  existsSync,
  readdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apib } from './blueprint.js';

const CLI = resolve(import.meta.dirname, '../../generator/src/cli.ts');

function run(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workdir(): string {
  return mkdtempSync(join(tmpdir(), 'apib-cli-'));
}

const good = apib('# A', '## R [/r]', '### Read [GET]', '+ Response 200 (application/json)', '', '        {"a": 1}', '');
const withWarning = apib('# A', '## R [/r]', '### Read [GET]', '+ Response 200 (application/json)', '', '        {"a": 1, }', '');
const broken = apib('# A', '## R [/r]', '### Read [GET]', '+ Response 200 (application/json)', '    + Attributes (Nope)');

describe('apib-to-openapi CLI', () => {
  it('writes JSON or YAML by the output name, atomically, leaving no temporary files', () => {
    const dir = workdir();
    writeFileSync(join(dir, 'in.apib'), good);
    expect(run([join(dir, 'in.apib'), '-o', join(dir, 'out.json')]).status).toBe(0);
    expect(run([join(dir, 'in.apib'), '-o', join(dir, 'out.yaml')]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).openapi).toBe('3.1.0');
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toMatch(/^openapi: 3\.1\.0/);
    expect(readdirSync(dir).sort()).toEqual(['in.apib', 'out.json', 'out.yaml']);
  });

  it('prints the document on stdout without -o', () => {
    const dir = workdir();
    writeFileSync(join(dir, 'in.apib'), good);
    const r = run([join(dir, 'in.apib')]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).paths['/r'].get.operationId).toBe('read');
  });

  it('exits 0 with warnings, 1 with --strict, and reports file:line:col', () => {
    const dir = workdir();
    const input = join(dir, 'w.apib');
    writeFileSync(input, withWarning);
    const lax = run([input, '-o', join(dir, 'w.json')]);
    expect(lax.status).toBe(0);
    expect(lax.stderr).toMatch(new RegExp(`${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:\\d+: warning: .*trailing comma`));
    const strict = run([input, '-o', join(dir, 'strict.json'), '--strict']);
    expect(strict.status).toBe(1);
    expect(existsSync(join(dir, 'strict.json'))).toBe(false);
  });

  it('exits 1 on a blueprint Drafter rejects and keeps the previous output intact', () => {
    const dir = workdir();
    const out = join(dir, 'out.json');
    writeFileSync(out, 'previous');
    writeFileSync(join(dir, 'bad.apib'), broken);
    const r = run([join(dir, 'bad.apib'), '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.apib:5:\d+: error: /);
    expect(r.stderr).toMatch(/nothing written/);
    expect(readFileSync(out, 'utf8')).toBe('previous');
  });

  it('exits 2 with a readable message on usage errors and unreadable input', () => {
    expect(run([]).status).toBe(2);
    const missing = run(['/nonexistent/x.apib']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('apib-to-openapi: cannot read /nonexistent/x.apib: no such file or directory\n');
    const folder = run([tmpdir()]);
    expect(folder.stderr).toBe(`apib-to-openapi: cannot read ${tmpdir()}: it is a directory\n`);
    expect(folder.status).toBe(2);
    expect(run(['--format', 'xml', 'a.apib']).stderr).toMatch(/--format must be json or yaml/);
  });

  it('keeps an output that is a symbolic link when a later output cannot be written (exit 2)', () => {
    const dir = workdir();
    writeFileSync(join(dir, 'in.apib'), good);
    writeFileSync(join(dir, 'target.json'), 'previous');
    symlinkSync('target.json', join(dir, 'link.json'));
    mkdirSync(join(dir, 'adir'));
    const r = run([join(dir, 'in.apib'), '-o', join(dir, 'link.json'), '--types', join(dir, 'adir')]);
    expect(r.stderr).toBe(`apib-to-openapi: cannot write ${join(dir, 'adir')}: it is a directory; nothing written\n`);
    expect(r.status).toBe(2);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('target.json');
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'target.json'), 'utf8')).toBe('previous');
  });

  it('says a parent is not a folder, not that the output exists, when a file stands in its path (exit 2)', () => {
    const dir = workdir();
    writeFileSync(join(dir, 'in.apib'), good);
    writeFileSync(join(dir, 'build'), '');
    const out = join(dir, 'build', 'api', 'openapi.json');
    const r = run([join(dir, 'in.apib'), '-o', out]);
    expect(r.stderr).toBe(`apib-to-openapi: cannot write ${out}: a parent is not a directory; nothing written\n`);
    expect(r.status).toBe(2);
  });
});
