/**
 * Validity checks for a generated OpenAPI document, with two independent validators:
 * swagger-parser (JSON Schema of the OpenAPI version) and Redocly (a small set of
 * structural-correctness rules, no style rules). Also counts a few smells the
 * validators let through (duplicate or empty operationIds, `items: {}`).
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { BaseResolver, type Config, type NormalizedProblem, type Source, createConfig, lintFromString } from '@redocly/openapi-core';

/** Error messages from each validator; empty arrays mean the document is valid. */
export interface ValidationResult {
  swaggerParser: string[];
  redocly: string[];
}

/**
 * Redocly rules that say whether a document is *correct*, not whether it is nice.
 * Only `error` severity counts; `warn` rules are reported by Redocly but ignored here.
 */
const VALIDITY_RULES = {
  // The document's shape matches the OpenAPI types (required fields, field types, unknown keys).
  struct: 'error',
  // Every $ref points at something that exists.
  'no-unresolved-refs': 'error',
  // $ref only where the spec allows a Reference Object.
  'spec-strict-refs': 'error',
  // Siblings of $ref are ignored by 3.0 (and limited to summary/description in 3.1): content would be lost.
  'spec-ref-siblings': 'error',
  // Every {name} in a path key has a path parameter, and every path parameter is in the path key.
  'path-parameters-defined': 'error',
  // A path key has no empty `{}` template expression.
  'path-declaration-must-exist': 'error',
  // A path key holds a path, never a query string (queries are parameters).
  'path-not-include-query': 'error',
  // Paths that differ only in variable names are the same path (the spec forbids them).
  'no-identical-paths': 'error',
  // The converter is expected to name every operation (clients and mocks key on it).
  'operation-operationId': 'error',
  // The spec requires operationIds to be unique in the document.
  'operation-operationId-unique': 'error',
  // The spec forbids two parameters with the same name and location on one operation.
  'operation-parameters-unique': 'error',
  // The spec requires tag names to be unique.
  'no-duplicated-tag-names': 'error',
  // Component keys must match ^[a-zA-Z0-9.\-_]+$ (spec MUST).
  'spec-components-invalid-map-name': 'error',
  // An Example has either `value` or `externalValue`, never both (spec MUST).
  'no-example-value-and-externalValue': 'error',
  // Server URL variables must be declared in `variables` (spec MUST).
  'no-undefined-server-variable': 'error',
  // A server variable's `enum` must not be empty (spec MUST).
  'no-server-variables-empty-enum': 'error',
  // Security requirements must name declared security schemes (spec MUST); see STYLE_MESSAGES.
  'security-defined': 'error',
  // OpenAPI 3.0 only: `nullable` without `type` has no meaning.
  'nullable-type-sibling': 'error',
  // Reported, not counted: a trailing slash is legal but usually an artefact.
  'no-path-trailing-slash': 'warn',
  // Reported, not counted: `servers` is optional (a blueprint without HOST has none).
  'no-empty-servers': 'warn',
} as const;

/** Messages of error-level rules that are style, not validity (security-defined mixes both). */
const STYLE_MESSAGES = [/^Every operation should have security defined/];

/** Resolves nothing outside the document: validation never reads files or fetches URLs. */
class LocalOnlyResolver extends BaseResolver {
  override loadExternalRef(absoluteRef: string): Promise<Source> {
    return Promise.reject(new Error(`external reference ${absoluteRef} is not resolved (documents must be self-contained)`));
  }
}

let configPromise: Promise<Config> | undefined;
function redoclyConfig(): Promise<Config> {
  configPromise ??= createConfig({ rules: { ...VALIDITY_RULES } });
  return configPromise;
}

/** Validates a document with swagger-parser and Redocly; returns each one's error messages. */
export async function validateOpenApi(doc: unknown): Promise<ValidationResult> {
  let json: string;
  try {
    // A JSON round trip is the deep clone: it is also exactly what a user would serialise
    // (undefined-valued keys vanish), and swagger-parser mutates what it is given.
    json = JSON.stringify(doc);
  } catch (err) {
    const message = `document is not serialisable as JSON: ${describe(err)}`;
    return { swaggerParser: [message], redocly: [message] };
  }
  if (json === undefined) return { swaggerParser: ['no document'], redocly: ['no document'] };
  const [swaggerParser, redocly] = await Promise.all([withSwaggerParser(json), withRedocly(json)]);
  return { swaggerParser, redocly };
}

async function withSwaggerParser(json: string): Promise<string[]> {
  try {
    await SwaggerParser.validate(JSON.parse(json) as Parameters<typeof SwaggerParser.validate>[0], {
      // Documents have only local refs; never read files or fetch URLs.
      resolve: { external: false },
    });
    return [];
  } catch (err) {
    return swaggerParserMessages(err);
  }
}

/** One message per Ajv error when swagger-parser gives them, else the error's own lines. */
function swaggerParserMessages(err: unknown): string[] {
  const details = (err as { details?: unknown } | null)?.details;
  if (Array.isArray(details) && details.length > 0) {
    const out = details.map((d: { instancePath?: string; message?: string; params?: unknown }) => {
      const where = d.instancePath ? d.instancePath : '/';
      const extra = d.params && typeof d.params === 'object' ? paramsHint(d.params as Record<string, unknown>) : '';
      return `#${where} ${d.message ?? 'is invalid'}${extra}`;
    });
    return [...new Set(out)];
  }
  return [describe(err)];
}

function paramsHint(params: Record<string, unknown>): string {
  if (typeof params.additionalProperty === 'string') return ` (${params.additionalProperty})`;
  if (typeof params.missingProperty === 'string') return ` (${params.missingProperty})`;
  return '';
}

async function withRedocly(json: string): Promise<string[]> {
  try {
    const problems = await lintFromString({
      source: json,
      absoluteRef: '/openapi.json',
      config: await redoclyConfig(),
      externalRefResolver: new LocalOnlyResolver(),
    });
    return problems.filter(isCountedError).map(formatProblem);
  } catch (err) {
    return [`Redocly failed: ${describe(err)}`];
  }
}

function isCountedError(p: NormalizedProblem): boolean {
  return p.severity === 'error' && !p.ignored && !STYLE_MESSAGES.some((re) => re.test(p.message));
}

function formatProblem(p: NormalizedProblem): string {
  const pointer = p.location[0]?.pointer;
  return `${p.ruleId}: ${p.message}${pointer ? ` at ${pointer}` : ''}`;
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Smells that validators do not flag. */
export interface DocumentSmells {
  /** Number of operations in `paths`. */
  operations: number;
  /** `METHOD path (operationId)` of operations sharing their operationId with another one. */
  duplicateOperationIds: string[];
  /** `METHOD path` of operations without a non-empty operationId. */
  emptyOperationIds: string[];
  /** Array `items` schemas that are the empty object `{}` (any type allowed). */
  emptyItems: number;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Lists operations with duplicate or empty operationIds and counts `items: {}` in a document. */
export function inspectDocument(doc: unknown): DocumentSmells {
  const smells: DocumentSmells = { operations: 0, duplicateOperationIds: [], emptyOperationIds: [], emptyItems: 0 };
  if (!isObject(doc)) return smells;
  const byId = new Map<string, string[]>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      smells.operations++;
      const label = `${method.toUpperCase()} ${path}`;
      const id = typeof op.operationId === 'string' ? op.operationId.trim() : '';
      if (id === '') smells.emptyOperationIds.push(label);
      else byId.set(id, [...(byId.get(id) ?? []), label]);
    }
  }
  for (const [id, labels] of byId) {
    if (labels.length > 1) for (const label of labels) smells.duplicateOperationIds.push(`${label} (${id})`);
  }
  smells.emptyItems = countEmptyItems(doc, false);
  return smells;
}

/** Keys whose value maps names to objects (a property called `items` is not the keyword). */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'schemas',
  'responses',
  'parameters',
  'headers',
  'content',
  'paths',
  'securitySchemes',
  'requestBodies',
  'links',
  'callbacks',
  'encoding',
  'variables',
  'pathItems',
  'webhooks',
]);
/** Keys holding instance data, not schemas. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const']);

function countEmptyItems(node: unknown, isNameMap: boolean): number {
  if (Array.isArray(node)) return node.reduce<number>((n, v) => n + countEmptyItems(v, false), 0);
  if (!isObject(node)) return 0;
  let n = 0;
  for (const [key, value] of Object.entries(node)) {
    if (isNameMap) {
      n += countEmptyItems(value, false);
      continue;
    }
    if (DATA_KEYS.has(key) || key.startsWith('x-')) continue;
    if (key === 'items' && isObject(value) && Object.keys(value).length === 0) n++;
    n += countEmptyItems(value, NAME_MAPS.has(key) && isObject(value));
  }
  return n;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
