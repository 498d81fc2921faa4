/**
 * A JSON Schema inferred from an example value, used when a body has neither MSON
 * attributes nor an explicit schema. Examples illustrate; they do not say which
 * members are required, so inferred schemas declare types only.
 */

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it). */
export interface JsonSchema {
  [keyword: string]: unknown;
}

/** Infers a schema from a JSON value. */
export function inferSchema(value: unknown): JsonSchema {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) return { type: 'array', items: mergeSchemas(value.map(inferSchema)) };
  switch (typeof value) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object': {
      const properties: Record<string, JsonSchema> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) properties[k] = inferSchema(v);
      return { type: 'object', properties };
    }
    default:
      return {};
  }
}

/**
 * One schema covering several: objects are unioned member by member, equal
 * schemas collapse, anything else becomes `anyOf`. No schemas gives `{}`.
 */
export function mergeSchemas(schemas: JsonSchema[]): JsonSchema {
  const distinct = dedupe(schemas);
  if (distinct.length === 0) return {};
  if (distinct.length === 1) return distinct[0] as JsonSchema;
  if (distinct.every((s) => s.type === 'object' && isPlainProperties(s.properties))) {
    const grouped = new Map<string, JsonSchema[]>();
    for (const s of distinct) {
      for (const [k, v] of Object.entries(s.properties as Record<string, JsonSchema>)) {
        grouped.set(k, [...(grouped.get(k) ?? []), v]);
      }
    }
    const properties: Record<string, JsonSchema> = {};
    for (const [k, list] of grouped) properties[k] = mergeSchemas(list);
    return { type: 'object', properties };
  }
  if (distinct.every((s) => s.type === 'array')) {
    return { type: 'array', items: mergeSchemas(distinct.map((s) => (s.items ?? {}) as JsonSchema)) };
  }
  return { anyOf: distinct };
}

function isPlainProperties(value: unknown): value is Record<string, JsonSchema> {
  return typeof value === 'object' && value !== null;
}

/** Removes repeated schemas (same JSON text), keeping first occurrences in order. */
export function dedupe(schemas: JsonSchema[]): JsonSchema[] {
  const seen = new Set<string>();
  const out: JsonSchema[] = [];
  for (const s of schemas) {
    const key = JSON.stringify(s);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}
