/**
 * generated/ is a package of its own (`@tm-partner/generated`) so the client and
 * partners' code import the types by name, in the workspace and from a tarball alike.
 * Its version is the blueprint's `VERSION` metadata (1.0.0 when absent).
 */

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
