/** OpenAPI document → TypeScript declarations, with openapi-typescript. */
import { createRequire } from 'node:module';
import type * as OpenApiTypescriptModule from 'openapi-typescript';

const BANNER = `/**
 * Generated from an OpenAPI document by apib-to-openapi with openapi-typescript.
 * Do not edit by hand: regenerate instead.
 */

`;

type OpenApiTypescript = typeof OpenApiTypescriptModule;

/**
 * openapi-typescript, loaded on first use: it brings the TypeScript compiler with it.
 * Its CommonJS build is required rather than imported: importing it as ESM makes Node
 * scan the whole compiler for export names, which doubles the load time.
 */
let loaded: OpenApiTypescript | undefined;

function typeGenerator(): OpenApiTypescript {
  loaded ??= createRequire(import.meta.url)('openapi-typescript') as OpenApiTypescript;
  return loaded;
}

/** Loads openapi-typescript now rather than on the first {@link generateTypes} (e.g. while other work runs). */
export function loadTypeGenerator(): void {
  typeGenerator();
}

/** Renders `paths`, `components` and `operations` types for a document. */
export async function generateTypes(document: object): Promise<string> {
  const { default: openapiTS, astToString } = typeGenerator();
  // openapi-typescript may annotate the object it is given; hand it a copy.
  const ast = await openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0], {
    alphabetize: false,
    silent: true,
  });
  return BANNER + astToString(ast);
}
