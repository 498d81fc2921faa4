/** A converted document → what generated/ needs besides its JSON and YAML: validation problems and TypeScript types. */

/** The result of {@link render}; `problems` is empty when the document is valid. */
export interface Rendered {
  problems: string[];
  types: string;
}

/** Loads the libraries {@link render} needs, so the first render does not wait for them. */
export async function preload(): Promise<void> {
  const [{ loadTypeGenerator }] = await Promise.all([
    import('@tm-partner/apib-to-openapi'),
    import('@tm-partner/apib-to-openapi/validate'),
  ]);
  loadTypeGenerator();
}

/** Validates with swagger-parser and Redocly, then renders the types (skipped for an invalid document). */
export async function render(document: object): Promise<Rendered> {
  const [{ generateTypes }, { validateOpenApi }] = await Promise.all([
    import('@tm-partner/apib-to-openapi'),
    import('@tm-partner/apib-to-openapi/validate'),
  ]);
  const validation = await validateOpenApi(document);
  const problems = [...validation.swaggerParser, ...validation.redocly];
  if (problems.length > 0) return { problems, types: '' };
  return { problems, types: await generateTypes(document) };
}
