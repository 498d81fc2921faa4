/** URI template variables (API Blueprint `+ Parameters`) → OpenAPI parameter objects. */
import { type Element, children, description, member, primitive, text, title, typeAttributes } from './api-elements.js';
import type { JsonSchema } from './infer-schema.js';
import type { MsonConverter } from './mson-to-schema.js';

/** An OpenAPI parameter object. */
export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
  example?: unknown;
}

/** A declared template variable, before it is placed in path or query. */
export interface DeclaredVariable {
  name: string;
  required: boolean;
  description?: string;
  schema: JsonSchema;
  example?: unknown;
}

/** Reads the members of an `hrefVariables` element. */
export function readVariables(hrefVariables: Element | undefined, mson: MsonConverter): Map<string, DeclaredVariable> {
  const out = new Map<string, DeclaredVariable>();
  for (const m of children(hrefVariables)) {
    const { key, value } = member(m);
    const name = text(key);
    if (!name) continue;
    const rawType = (title(m) ?? value?.element ?? 'string').toLowerCase();
    const schema = variableSchema(rawType, value, mson);
    const sample = primitive(value);
    const variable: DeclaredVariable = {
      name,
      required: typeAttributes(m).includes('required'),
      schema,
    };
    const d = description(m)?.trim();
    if (d) variable.description = d;
    if (sample !== undefined && sample !== null) variable.example = coerce(sample, schema);
    else if (Array.isArray(schema.examples)) variable.example = schema.examples[0];
    delete schema.examples;
    out.set(name, variable);
  }
  return out;
}

/** Places a declared variable (or a bare name) as a path or query parameter. */
export function toParameter(name: string, location: 'path' | 'query', declared: DeclaredVariable | undefined): ParameterObject {
  const param: ParameterObject = {
    name,
    in: location,
    // OpenAPI demands `required: true` on every path parameter.
    required: location === 'path' ? true : (declared?.required ?? false),
    schema: declared?.schema ?? { type: 'string' },
  };
  if (declared?.description) param.description = declared.description;
  if (declared?.example !== undefined) param.example = declared.example;
  return param;
}

function variableSchema(rawType: string, value: Element | undefined, mson: MsonConverter): JsonSchema {
  if (value?.element === 'enum') {
    const members = children(value.attributes?.enumerations);
    const types = new Set(members.map((m) => m.element));
    const type = types.size === 1 && types.has('number') ? 'number' : 'string';
    const schema: JsonSchema = {
      type,
      enum: [...new Set(mson.enumValues({ ...value, content: undefined }).map((v) => coerce(v, { type })))],
    };
    addDefault(schema, value, mson);
    return schema;
  }
  const base = rawType.replace(/\[.*$/, '').trim();
  let schema: JsonSchema;
  switch (base) {
    case 'number':
    case 'integer':
    case 'boolean':
      schema = { type: base };
      break;
    case 'array':
      schema = { type: 'array', items: { type: itemType(rawType) } };
      break;
    default:
      schema = { type: 'string' };
  }
  addDefault(schema, value, mson);
  return schema;
}

function itemType(rawType: string): string {
  const inner = /\[(\w+)\]/.exec(rawType)?.[1]?.toLowerCase();
  return inner === 'number' || inner === 'boolean' || inner === 'integer' ? inner : 'string';
}

function addDefault(schema: JsonSchema, value: Element | undefined, mson: MsonConverter): void {
  const def = value?.attributes?.default;
  if (!def) return;
  const v = mson.valueOf(def);
  if (v !== undefined) schema.default = coerce(v, schema);
}

/** Drafter keeps parameter samples as text; give numbers and booleans their type. */
function coerce(value: unknown, schema: JsonSchema): unknown {
  if (typeof value !== 'string') return value;
  const t = schema.type;
  if ((t === 'number' || t === 'integer') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (t === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
