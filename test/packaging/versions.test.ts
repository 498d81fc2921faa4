/**
 * The version rule of the published packages (README, "The packages outside the
 * workspace"): the toolkit packages share one version and are released together;
 * `@tm-partner/generated` carries the version of the API description it holds
 * (`info.version` of its openapi.json); every dependency between our packages is
 * `workspace:*`, which packing turns into the exact version packed beside it. The
 * consumer test checks the same rule on the installed tarballs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
/** The toolkit: everything we publish except the generated API description. */
const TOOLKIT = ['generator', 'packages/client', 'packages/sandbox', 'packages/mock', 'packages/cli'];

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  files?: string[];
  bin?: Record<string, string>;
  engines?: { node?: string };
  exports?: unknown;
}

const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as Manifest;

describe('package versions', () => {
  it('the toolkit packages share one version, and generated/ carries the API document version', () => {
    const versions = new Set(TOOLKIT.map((dir) => manifest(dir).version));
    expect(versions.size).toBe(1);
    const document = JSON.parse(readFileSync(join(ROOT, 'generated/openapi.json'), 'utf8')) as { info: { version: string } };
    expect(manifest('generated').version).toBe(document.info.version);
  });

  it.each(TOOLKIT)('%s is publishable and depends on our packages as workspace:* (exact once packed)', (dir) => {
    const m = manifest(dir);
    expect(m.private).toBeUndefined();
    expect(m.files).toContain('dist');
    expect(m.engines?.node).toBe('^20.19.0 || ^22.12.0 || ^24.0.0');
    expect(m.exports).toBeDefined();
    for (const [name, range] of Object.entries({ ...m.dependencies, ...m.devDependencies })) {
      if (name.startsWith('@tm-partner/')) expect(range, `${m.name} → ${name}`).toBe('workspace:*');
      // Everything else is pinned exactly, so a release installs what was tested.
      else expect(range, `${m.name} → ${name}`).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it.each(TOOLKIT)('%s links its bins to committed, executable, packed files, never into dist/', (dir) => {
    // pnpm links bins on install, before anything is built: a bin in dist/ warns on a fresh install.
    const committed = execFileSync('git', ['ls-files', '--', dir], { cwd: ROOT, encoding: 'utf8' }).split('\n');
    const m = manifest(dir);
    for (const [name, target] of Object.entries(m.bin ?? {})) {
      const file = join(dir, target);
      expect(target, `${m.name} bin ${name}`).not.toMatch(/^(\.\/)?dist\//);
      expect(committed, `${m.name} bin ${name}`).toContain(file);
      expect(statSync(join(ROOT, file)).mode & 0o111, `${file} is executable`).not.toBe(0);
      expect(m.files, `${m.name} packs ${file}`).toContain(target.replace(/^\.\//, '').split('/')[0]);
    }
  });
});
