/** OpenAPI document → TypeScript declarations, with openapi-typescript. */

const BANNER = `/**
 * Generated from an OpenAPI document by apib-to-openapi with openapi-typescript.
 * Do not edit by hand: regenerate instead.
 */

`;

/** Renders `paths`, `components` and `operations` types for a document. */
export async function generateTypes(document: object): Promise<string> {
  // Loaded on demand: openapi-typescript brings the TypeScript compiler with it.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  // openapi-typescript may annotate the object it is given; hand it a copy.
  const ast = await openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0], {
    alphabetize: false,
    silent: true,
  });
  return BANNER + astToString(ast);
}
