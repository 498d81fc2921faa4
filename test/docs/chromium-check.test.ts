/** The first step of `pnpm test`: it says at once whether Chromium is there, and never stops the run. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const check = (chromium: string) =>
  spawnSync(process.execPath, [join(ROOT, 'test/chromium-check.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, CHROMIUM_PATH: chromium },
  });

describe('the Chromium check of pnpm test', () => {
  it('names the missing browser, how to install it, and lets the other checks run (exit 0)', () => {
    const run = check('/nonexistent/chromium');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('test: Chromium is missing (/nonexistent/chromium): the docs test (test/docs) will fail.');
    expect(run.stderr).toContain('apt-get install -y chromium');
  });

  it('says where it found one', () => {
    const run = check(process.execPath);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`test: Chromium found at ${process.execPath}`);
  });

  it('comes first in pnpm test, and conformance runs whatever the vitest suites say', () => {
    const script =
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['test'] ?? '';
    expect(script.startsWith('node test/chromium-check.mjs && ')).toBe(true);
    expect(script).toMatch(/vitest run [^;&]*; tests=\$\?; pnpm conformance; conformance=\$\?; exit \$\(\(tests \|\| conformance\)\)/);
  });
});
