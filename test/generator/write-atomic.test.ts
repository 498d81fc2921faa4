/** All-or-nothing output across files: real renames in a temporary folder. */
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteFilesError, writeFilesAtomically } from '../../generator/src/write-atomic.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tm-write-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('writeFilesAtomically', () => {
  it('replaces every file and leaves nothing else behind', async () => {
    const dir = folder({ 'a.json': 'old a', 'b.yaml': 'old b' });
    await writeFilesAtomically([
      { path: join(dir, 'a.json'), content: 'new a' },
      { path: join(dir, 'b.yaml'), content: 'new b' },
      { path: join(dir, 'sub/c.d.ts'), content: 'new c' },
    ]);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.yaml', 'sub']);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('new a');
    expect(readFileSync(join(dir, 'sub/c.d.ts'), 'utf8')).toBe('new c');
  });

  it('puts back the files already replaced when a later one cannot be, and names it', async () => {
    const dir = folder({ 'openapi.json': 'old json', 'openapi.yaml': 'old yaml', 'package.json': 'old manifest' });
    mkdirSync(join(dir, 'schema.d.ts'));
    writeFileSync(join(dir, 'schema.d.ts', 'inside'), 'x');
    const attempt = writeFilesAtomically(
      ['openapi.json', 'openapi.yaml', 'schema.d.ts', 'package.json'].map((n) => ({ path: join(dir, n), content: `new ${n}` })),
    );
    await expect(attempt).rejects.toThrow(WriteFilesError);
    await expect(attempt).rejects.toMatchObject({ path: join(dir, 'schema.d.ts'), reason: 'it is a directory' });
    expect(readFileSync(join(dir, 'openapi.json'), 'utf8')).toBe('old json');
    expect(readFileSync(join(dir, 'openapi.yaml'), 'utf8')).toBe('old yaml');
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe('old manifest');
    expect(readdirSync(dir).sort()).toEqual(['openapi.json', 'openapi.yaml', 'package.json', 'schema.d.ts']);
  });

  it('removes a file it created when a later one fails', async () => {
    const dir = folder({});
    mkdirSync(join(dir, 'b'));
    await expect(
      writeFilesAtomically([
        { path: join(dir, 'a'), content: 'a' },
        { path: join(dir, 'b'), content: 'b' },
      ]),
    ).rejects.toThrow(`cannot write ${join(dir, 'b')}: it is a directory`);
    expect(readdirSync(dir)).toEqual(['b']);
  });

  it('puts back an output that was a symbolic link, as the link, when a later file fails', async () => {
    const dir = folder({ 'target.json': 'old target' });
    symlinkSync('target.json', join(dir, 'link.json'));
    mkdirSync(join(dir, 'types'));
    await expect(
      writeFilesAtomically([
        { path: join(dir, 'link.json'), content: 'new' },
        { path: join(dir, 'types'), content: 'types' },
      ]),
    ).rejects.toThrow(`cannot write ${join(dir, 'types')}: it is a directory`);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('target.json');
    expect(readFileSync(join(dir, 'target.json'), 'utf8')).toBe('old target');
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'target.json', 'types']);
  });

  it('fails, instead of spinning for ever, on a folder that can be neither found nor made (/proc)', { timeout: 10_000 }, async () => {
    // Node's recursive mkdir loops on such a path; /proc is where Linux has one.
    const path = '/proc/tm-partner-nowhere/deeper/openapi.json';
    await expect(writeFilesAtomically([{ path, content: '{}' }])).rejects.toThrow(`cannot write ${path}: no such file or directory`);
  });

  it('makes missing folders level by level, and refuses a file standing where a folder should be', async () => {
    const dir = folder({ plain: 'x' });
    await writeFilesAtomically([{ path: join(dir, 'a', 'b', 'c.json'), content: 'c' }]);
    expect(readFileSync(join(dir, 'a', 'b', 'c.json'), 'utf8')).toBe('c');
    await expect(writeFilesAtomically([{ path: join(dir, 'plain', 'd.json'), content: 'd' }])).rejects.toThrow(
      `cannot write ${join(dir, 'plain', 'd.json')}: a parent is not a directory`,
    );
  });
});
