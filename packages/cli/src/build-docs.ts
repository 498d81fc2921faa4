/**
 * The API reference: one self-contained HTML page rendered by Redoc through
 * `@redocly/cli build-docs`, with Redoc's scripts inlined (`--inlineBundle`) so the
 * page needs no network, neither to build nor to open.
 */
import { spawn } from 'node:child_process';
import { access, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { makeFolder } from '@tm-partner/apib-to-openapi/write';
import { ROOT } from './paths.js';

export interface BuildDocsOptions {
  /** OpenAPI document. */
  spec: string;
  /** HTML file to write (its folder is created). */
  out: string;
  signal?: AbortSignal;
}

export interface BuiltDocs {
  out: string;
  bytes: number;
  ms: number;
}

function redoclyBin(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@redocly/cli/package.json');
  const manifest = require(manifestPath) as { bin: Record<string, string> };
  const bin = manifest.bin['redocly'];
  if (bin === undefined) throw new Error('@redocly/cli has no redocly bin');
  return join(dirname(manifestPath), bin);
}

/** Builds the page; throws with Redocly's output when it fails. The previous page stays until the new one is complete. */
export async function buildDocs(options: BuildDocsOptions): Promise<BuiltDocs> {
  const started = performance.now();
  await access(options.spec).catch(() => {
    throw new Error(`no OpenAPI document at ${options.spec} (run tm-partner generate first?)`);
  });
  await makeFolder(dirname(options.out));
  const partial = `${options.out}.${process.pid}.partial.html`;
  const args = [redoclyBin(), 'build-docs', options.spec, '--inlineBundle', '--output', partial, '--lint-config', 'off'];
  try {
    const { code, output } = await run(args, options.signal);
    if (code !== 0) throw new Error(`redocly build-docs failed (exit ${code}):\n${withoutBanners(output)}`);
    await rename(partial, options.out);
  } finally {
    await rm(partial, { force: true });
  }
  const { size } = await stat(options.out);
  return { out: options.out, bytes: size, ms: Math.round(performance.now() - started) };
}

/** Redocly's boxed notices (Node.js 20 deprecation, Redoc 3) are noise next to an error. */
export function withoutBanners(output: string): string {
  return output
    .split('\n')
    .filter((line) => !/^\s*[╔║╚]/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function run(args: string[], signal: AbortSignal | undefined): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      // No telemetry and no update check: the build stays offline.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(signal ? { signal } : {}),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, killedBy) => resolvePromise({ code: code ?? (killedBy ? 1 : 0), output }));
  });
}
