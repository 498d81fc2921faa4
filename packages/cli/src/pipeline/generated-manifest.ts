/**
 * generated/ is a package of its own (`@tm-partner/generated`) so the client and
 * partners' code import the types by name, in the workspace and from a tarball alike.
 * Its version is the blueprint's `VERSION` metadata (1.0.0 when absent), which must
 * therefore be a semantic version.
 */
import type { Diagnostic } from '@tm-partner/apib-to-openapi';

/** `major.minor.patch`, with optional pre-release and build parts, as npm and `check --base` read versions. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** An error at the blueprint's `VERSION` line when the version it gives is not a semantic version. */
export function versionProblem(source: string, version: string): Diagnostic | undefined {
  if (SEMVER.test(version)) return undefined;
  return {
    severity: 'error',
    message: `VERSION '${version}' is not a semantic version (major.minor.patch, e.g. 2.0.0); it becomes the version of @tm-partner/generated`,
    ...metadataValueAt(source, 'VERSION'),
  };
}

/** Where the value of a metadata key (`KEY: value` lines at the top of a blueprint) starts; the last one counts. */
function metadataValueAt(source: string, key: string): { line: number; column: number } | undefined {
  let at: { line: number; column: number } | undefined;
  for (const [index, line] of source.split(/\r?\n/).entries()) {
    const match = /^([^:\s][^:]*?)\s*:\s*/.exec(line);
    if (!match) break;
    if (match[1]?.toUpperCase() === key) at = { line: index + 1, column: Array.from(match[0]).length + 1 };
  }
  return at;
}

/** The package.json written into generated/. */
export function generatedManifest(version: string): string {
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
