/** `pnpm generate` / `pnpm check` on a copy of the spec in a temporary folder. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'generator/scripts/generate.ts');

function run(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8', cwd: ROOT });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('generate and check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tm-generate-'));
  const spec = join(dir, 'api.apib');
  const out = join(dir, 'generated');
  cpSync(join(ROOT, 'spec/partner-api.apib'), spec);
  cpSync(join(ROOT, 'generated'), out, { recursive: true });
  const args = ['--spec', spec, '--out', out];

  it('finds the committed output up to date', () => {
    const r = run([...args, '--check']);
    expect(r.out).toContain('check: generated/ matches');
    expect(r.status).toBe(0);
  });

  it('refuses a breaking change, writing nothing, until --allow-breaking', () => {
    const before = readFileSync(join(out, 'openapi.json'), 'utf8');
    // Drop the Delete cart action.
    const source = readFileSync(spec, 'utf8');
    const start = source.indexOf('### Delete cart [DELETE]');
    const end = source.indexOf('\n## ', start);
    writeFileSync(spec, source.slice(0, start) + source.slice(end));

    const refused = run(args);
    expect(refused.status).toBe(1);
    expect(refused.out).toMatch(/^! - operation DELETE \/cart$/m);
    expect(refused.out).toContain('nothing written');
    expect(readFileSync(join(out, 'openapi.json'), 'utf8')).toBe(before);

    const stale = run([...args, '--check', '--allow-breaking']);
    expect(stale.status).toBe(1);
    expect(stale.out).toMatch(/openapi\.json is stale/);
    expect(stale.out).toMatch(/^-\s+"delete": \{$/m);

    const allowed = run([...args, '--allow-breaking']);
    expect(allowed.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'openapi.json'), 'utf8')).paths['/cart'].delete).toBeUndefined();
    expect(readdirSync(out).sort()).toEqual(['openapi.json', 'openapi.yaml', 'package.json', 'schema.d.ts']);
  });

  it('fails on a spec with warnings in check mode and on errors always, leaving the output intact', () => {
    const before = readFileSync(join(out, 'schema.d.ts'), 'utf8');
    writeFileSync(
      spec,
      `${readFileSync(spec, 'utf8')}\n## Broken [/broken]\n### Read [GET]\n+ Response 200 (application/json)\n    + Attributes (Missing type)\n`,
    );
    const r = run(args);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/api\.apib:\d+:\d+: error: /);
    expect(readFileSync(join(out, 'schema.d.ts'), 'utf8')).toBe(before);
  });
});
