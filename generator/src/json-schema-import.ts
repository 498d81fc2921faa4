/**
 * Explicit `+ Schema` sections hold JSON Schema of any draft (mostly draft-04).
 * OpenAPI 3.1 speaks 2020-12, so older keywords are rewritten, local
 * `definitions` are hoisted into components, and remote `$ref`s are cut off
 * (a validator would otherwise try to fetch them).
 */
import type { DiagnosticSink } from './diagnostics.js';
import type { JsonSchema } from './infer-schema.js';
import type { SchemaComponents } from './schema-components.js';

/** Rewrites a parsed JSON Schema for OpenAPI 3.1; `scope` prefixes hoisted definition names. */
export function importJsonSchema(schema: unknown, scope: string, components: SchemaComponents, sink: DiagnosticSink): JsonSchema {
  if (!isObject(schema)) {
    sink.warn(`${scope}: the schema is not a JSON object; it is ignored`);
    return {};
  }
  const root = schema;
  const definitions = { ...asRecord(root.definitions), ...asRecord(root.$defs) };
  const names = new Map<string, string>();
  for (const name of Object.keys(definitions)) names.set(name, components.keyFor(`${scope} ${name}`));
  const ctx: Ctx = { root, names, sink, scope, depth: 0, components, hoisted: new Set() };
  for (const [name, def] of Object.entries(definitions)) {
    components.define(`${scope} ${name}`, rewrite(def, ctx));
  }
  return rewrite(root, ctx);
}

interface Ctx {
  root: Record<string, unknown>;
  names: Map<string, string>;
  sink: DiagnosticSink;
  scope: string;
  depth: number;
  components: SchemaComponents;
  /** Pointers already hoisted into components (breaks reference cycles). */
  hoisted: Set<string>;
}

const DROP = new Set(['$schema', 'id', '$id', 'definitions', '$defs']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_SINGLE = new Set(['not', 'additionalProperties', 'contains', 'propertyNames', 'if', 'then', 'else', 'unevaluatedProperties']);

function rewrite(node: unknown, ctx: Ctx): JsonSchema {
  if (typeof node === 'boolean') return node ? {} : { not: {} };
  if (!isObject(node)) return {};
  if (ctx.depth > 64) return {};
  const inner: Ctx = { ...ctx, depth: ctx.depth + 1 };
  const out: JsonSchema = {};
  const required = Array.isArray(node.required) ? [...(node.required as unknown[])].filter((r) => typeof r === 'string') : [];

  for (const [key, value] of Object.entries(node)) {
    if (DROP.has(key)) continue;
    if (key === '$ref' && typeof value === 'string') {
      Object.assign(out, rewriteRef(value, inner));
    } else if (SCHEMA_MAPS.has(key) && isObject(value)) {
      const map: Record<string, JsonSchema> = {};
      for (const [name, sub] of Object.entries(value)) {
        // draft-03 put `required: true` on the property itself.
        if (isObject(sub) && sub.required === true) required.push(name);
        map[name] = rewrite(sub, inner);
      }
      out[key] = map;
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((v) => rewrite(v, inner));
    } else if (key === 'items') {
      // draft-04 tuple form `items: [..]` is `prefixItems` in 2020-12, and its `additionalItems` is `items`.
      if (Array.isArray(value)) {
        if (value.length > 0) out.prefixItems = value.map((v) => rewrite(v, inner));
        if (node.additionalItems !== undefined) out.items = rewriteSingle(node.additionalItems, inner);
      } else out.items = rewrite(value, inner);
    } else if (key === 'additionalItems') {
      continue; // with tuple `items` above; without them draft-04 ignores it
    } else if (key === 'pattern' && typeof value === 'string') {
      const pattern = unicodePattern(value);
      if (pattern !== undefined) out.pattern = pattern;
      else ctx.sink.warn(`${ctx.scope}: pattern '${value}' is not a valid regular expression; it is left out`);
    } else if (key === 'enum' && Array.isArray(value) && value.length === 0) {
      ctx.sink.warn(`${ctx.scope}: an enum without values is left out; any value is accepted`);
    } else if (key === 'type' && !isTypeList(value)) {
      const types = (Array.isArray(value) ? value : [value]).filter((t) => typeof t === 'string' && JSON_TYPES.has(t));
      if (types.length > 0) out.type = types.length === 1 ? types[0] : types;
      const wrong = (Array.isArray(value) ? value : [value]).filter((t) => !(typeof t === 'string' && JSON_TYPES.has(t)) && t !== 'any');
      if (wrong.length > 0) ctx.sink.warn(`${ctx.scope}: type ${JSON.stringify(wrong)} is not a JSON Schema type; it is left out`);
    } else if (SCHEMA_SINGLE.has(key)) {
      out[key] = rewriteSingle(value, inner);
    } else if (key === 'dependencies' && isObject(value)) {
      const schemas: Record<string, JsonSchema> = {};
      const lists: Record<string, unknown> = {};
      for (const [name, dep] of Object.entries(value)) {
        if (Array.isArray(dep)) lists[name] = dep;
        else schemas[name] = rewrite(dep, inner);
      }
      if (Object.keys(schemas).length) out.dependentSchemas = schemas;
      if (Object.keys(lists).length) out.dependentRequired = lists;
    } else if (key === 'required') {
      continue; // gathered above
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') {
      const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
      if (value && typeof node[bound] === 'number') out[key] = node[bound];
    } else {
      out[key] = value;
    }
  }
  if (typeof out.exclusiveMinimum === 'number' && node.exclusiveMinimum === true) delete out.minimum;
  if (typeof out.exclusiveMaximum === 'number' && node.exclusiveMaximum === true) delete out.maximum;
  if (required.length > 0) out.required = [...new Set(required)];
  return out;
}

/** A schema-valued keyword that may also be a boolean. */
function rewriteSingle(value: unknown, ctx: Ctx): JsonSchema | boolean {
  return typeof value === 'boolean' ? value : rewrite(value, ctx);
}

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** A `type` that 2020-12 accepts as written. */
function isTypeList(value: unknown): boolean {
  const list = Array.isArray(value) ? value : [value];
  return list.length > 0 && list.every((t) => typeof t === 'string' && JSON_TYPES.has(t)) && new Set(list).size === list.length;
}

/**
 * The pattern as a validator with Unicode regular expressions (Ajv, 2020-12) reads it.
 * Such expressions reject escapes of plain characters (`\-` outside a class, `\_`)
 * that older validators read as the character itself; those escapes are dropped.
 * Undefined when the pattern is no regular expression either way.
 */
export function unicodePattern(pattern: string): string | undefined {
  if (compiles(pattern)) return pattern;
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1] as string;
      const meaningful = /[A-Za-z0-9^$\\.*+?()[\]{}|/]/.test(next) || (inClass && next === '-');
      out += meaningful ? c + next : next;
      i++;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return compiles(out) ? out : undefined;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function rewriteRef(ref: string, ctx: Ctx): JsonSchema {
  const local = /^#\/(definitions|\$defs)\/(.+)$/.exec(ref);
  if (local) {
    const name = decodePointer(local[2] ?? '');
    const key = ctx.names.get(name);
    if (key) return { $ref: `#/components/schemas/${key}` };
  }
  if (ref === '#' || ref.startsWith('#/')) {
    const target = ref === '#' ? ctx.root : resolvePointer(ctx.root, ref.slice(2));
    if (target !== undefined) {
      // Any other local pointer becomes a component of its own, defined once.
      const source = `${ctx.scope} ${ref}`;
      if (!ctx.hoisted.has(source)) {
        ctx.hoisted.add(source);
        ctx.components.define(source, rewrite(target, { ...ctx, depth: 0 }));
      }
      return ctx.components.ref(source);
    }
  }
  ctx.sink.warn(`${ctx.scope}: schema reference '${ref}' cannot be resolved inside the blueprint; replaced by an unconstrained schema`);
  return {};
}

function resolvePointer(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const raw of pointer.split('/')) {
    const part = decodePointer(raw);
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isObject(node)) node = node[part];
    else return undefined;
  }
  return node;
}

function decodePointer(part: string): string {
  return decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}
