/**
 * The project's pipeline: spec/partner-api.apib → generated/openapi.json,
 * generated/openapi.yaml, generated/schema.d.ts and the package.json that makes
 * generated/ the `@tm-partner/generated` package.
 *
 *   generate           regenerate (atomically, only when the result is valid)
 *   generate --check   fail with a readable diff when generated/ is stale, and on
 *                      any blueprint warning (the spec must be clean)
 *
 * Both print what changed in the API against the committed generated/openapi.json
 * and refuse changes that break existing clients unless --allow-breaking is given.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { convert, formatDiagnostic, generateTypes, serializeDocument, writeFilesAtomically } from '../src/index.js';
import type { OutputFile } from '../src/index.js';
import { diffOpenApi, formatChanges } from '../src/openapi-diff.js';
import { lineDiff } from './line-diff.js';
import { validateOpenApi } from './validate-openapi.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds every generated file from the spec; throws a readable error when the result is not valid. */
export async function buildGenerated(specPath: string, outDir: string, strict: boolean): Promise<OutputFile[]> {
  const source = await readFile(specPath, 'utf8');
  const name = relative(ROOT, specPath);
  const { document, diagnostics } = convert(source, { filename: name });
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (!document) throw new Error(`${name} has errors; generated/ is left as it was`);
  if (strict && diagnostics.length > 0) {
    throw new Error(`${name} has ${diagnostics.length} warning(s); the spec must convert cleanly`);
  }
  const validation = await validateOpenApi(document);
  const problems = [...validation.swaggerParser, ...validation.redocly];
  if (problems.length > 0) {
    throw new Error(`the OpenAPI document is not valid; generated/ is left as it was:\n  ${problems.join('\n  ')}`);
  }
  return [
    { path: join(outDir, 'openapi.json'), content: serializeDocument(document, 'json') },
    { path: join(outDir, 'openapi.yaml'), content: serializeDocument(document, 'yaml') },
    { path: join(outDir, 'schema.d.ts'), content: await generateTypes(document) },
    { path: join(outDir, 'package.json'), content: packageManifest(document.info.version) },
  ];
}

/**
 * generated/ is a package of its own (`@tm-partner/generated`) so the client and
 * partners' code import the types by name, in the workspace and from a tarball alike.
 */
function packageManifest(version: string): string {
  const manifest = {
    name: '@tm-partner/generated',
    version,
    description: 'The Partner-App API as OpenAPI 3.1 and TypeScript types, generated from spec/partner-api.apib. Do not edit: regenerate.',
    type: 'module',
    license: 'MIT',
    sideEffects: false,
    types: './schema.d.ts',
    exports: {
      '.': { types: './schema.d.ts' },
      './openapi.json': './openapi.json',
      './openapi.yaml': './openapi.yaml',
      './package.json': './package.json',
    },
    files: ['schema.d.ts', 'openapi.json', 'openapi.yaml'],
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      spec: { type: 'string', default: join(ROOT, 'spec/partner-api.apib') },
      out: { type: 'string', default: join(ROOT, 'generated') },
      'allow-breaking': { type: 'boolean', default: false },
    },
  });
  let files: OutputFile[];
  try {
    files = await buildGenerated(resolve(values.spec), resolve(values.out), values.check);
  } catch (err) {
    process.stderr.write(`generate: ${(err as Error).message}\n`);
    return 1;
  }
  const committed = await readFile(join(resolve(values.out), 'openapi.json'), 'utf8').catch(() => undefined);
  const next = files[0]?.content;
  if (committed !== undefined && next !== undefined) {
    const changes = diffOpenApi(JSON.parse(committed), JSON.parse(next));
    const breaking = changes.filter((c) => c.breaking).length;
    if (changes.length > 0) {
      process.stdout.write(
        `API changes against the committed document (${changes.length}, ${breaking} breaking, marked !):\n${formatChanges(changes)}\n`,
      );
    }
    if (breaking > 0 && !values['allow-breaking']) {
      process.stderr.write(
        `generate: ${breaking} breaking change(s); nothing written. Re-run with --allow-breaking if they are intended.\n`,
      );
      return 1;
    }
  }
  if (!values.check) {
    await writeFilesAtomically(files);
    for (const f of files) process.stdout.write(`wrote ${relative(ROOT, f.path)}\n`);
    return 0;
  }
  let stale = 0;
  for (const f of files) {
    const current = await readFile(f.path, 'utf8').catch(() => undefined);
    if (current === f.content) continue;
    stale++;
    process.stderr.write(`\n${relative(ROOT, f.path)} is ${current === undefined ? 'missing' : 'stale'}:\n`);
    if (current !== undefined) process.stderr.write(`${lineDiff(current, f.content)}\n`);
  }
  if (stale > 0) {
    process.stderr.write(`\ncheck: ${stale} generated file(s) differ from the spec; run \`pnpm generate\` and commit.\n`);
    return 1;
  }
  process.stdout.write(`check: generated/ matches ${relative(ROOT, values.spec)} (${files.length} files)\n`);
  return 0;
}

process.exitCode = await main();
