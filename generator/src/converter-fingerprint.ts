/**
 * What identifies this build of the converter, for caches of its output: a hash of
 * the converter's own code (the files beside this module, whichever form runs:
 * compiled JavaScript or TypeScript sources) and of the installed versions of the
 * packages that shape or check its output.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Packages whose version changes what the converter writes or accepts. */
const DEPENDENCIES = ['drafter.js', 'openapi-typescript', 'typescript', 'yaml', '@apidevtools/swagger-parser', '@redocly/openapi-core'];

let cached: Promise<string> | undefined;

/** A hex SHA-256 that changes whenever the converter's code or one of its output-shaping dependencies does. */
export function converterFingerprint(): Promise<string> {
  cached ??= compute();
  return cached;
}

async function compute(): Promise<string> {
  const self = fileURLToPath(import.meta.url);
  const hash = createHash('sha256');
  await hashCode(hash, dirname(self), extname(self));
  const require = createRequire(import.meta.url);
  for (const name of DEPENDENCIES) hash.update(`\0${name}@${await installedVersion(require, name)}`);
  return hash.digest('hex');
}

/** Every file with the running code's extension under `dir`, in a stable order. */
async function hashCode(hash: ReturnType<typeof createHash>, dir: string, extension: string, prefix = ''): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.isDirectory()) await hashCode(hash, join(dir, entry.name), extension, `${prefix}${entry.name}/`);
    else if (entry.name.endsWith(extension) && !entry.name.endsWith(`.d${extension}`)) {
      hash.update(`\0${prefix}${entry.name}\0`);
      hash.update(await readFile(join(dir, entry.name)));
    }
  }
}

/** The version in the package.json above the package's entry point. */
async function installedVersion(require: NodeJS.Require, name: string): Promise<string> {
  let dir: string;
  try {
    dir = dirname(require.resolve(name));
  } catch {
    return 'missing';
  }
  for (;;) {
    const manifest = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest !== undefined) {
      const parsed = JSON.parse(manifest) as { name?: string; version?: string };
      if (parsed.name === name) return parsed.version ?? 'unknown';
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
