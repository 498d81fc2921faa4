/**
 * MSON (as Drafter expands it into API Elements data structures) → JSON Schema 2020-12,
 * with the meaning Drafter's own JSON Schema gives it:
 *
 * - Named types become components, used by `$ref`; inheritance and mixins are merged
 *   into one object (a closed base type would otherwise reject its heirs' members).
 *   A use that changes the type (`fixed`, `fixed-type`, members of its own) is written
 *   out in place.
 * - `required` members are required; in a `fixed` or `fixed-type` object every member
 *   is, unless `optional`, and no other member is allowed.
 * - `fixed` reaches every nested value: samples become `const`, arrays become tuples.
 *   `fixed-type` fixes the object's members or the array's item types, not their values,
 *   and not what is nested deeper.
 * - `nullable` admits `null`; `default` and `sample` values are annotations, never `const`.
 * - An enum allows its members' values, its sample, the values of named enum types among
 *   its members, and the shapes of object or array members (`anyOf`).
 * - `One Of` becomes `oneOf`, each choice's members required.
 */
import { type Element, children, description, isElement, member, primitive, text, typeAttributes } from './api-elements.js';
import type { DiagnosticSink } from './diagnostics.js';
import { type JsonSchema, dedupe } from './infer-schema.js';
import { sampleOf } from './mson-samples.js';
import { NamedTypes, type Resolved } from './mson-types.js';
import type { SchemaComponents } from './schema-components.js';
import type { SourcePosition } from './source-locator.js';

/** What a value inherits from where it stands. */
interface Context {
  /** A `fixed` ancestor fixes this value too. */
  fixed: boolean;
}

const FREE: Context = { fixed: false };
const PRIMITIVES = new Set(['string', 'number', 'boolean']);

/** Converts MSON data structures, registering named types as components. */
export class MsonConverter {
  private types = new NamedTypes({ element: 'category' });
  /** Named types being written out in place (a recursive type falls back to its `$ref`). */
  private readonly expanding: string[] = [];

  constructor(
    private readonly components: SchemaComponents,
    private readonly sink: DiagnosticSink,
  ) {}

  /**
   * Finds every named data structure under `root` and defines its component;
   * `where` places warnings about a definition.
   */
  defineNamedTypes(root: Element, where: (name: string) => SourcePosition | undefined): void {
    this.types = new NamedTypes(root);
    for (const name of this.types.names()) this.components.keyFor(name);
    for (const name of this.types.names()) {
      const def = this.types.definition(name) as Element;
      this.expanding.push(name);
      const schema = this.sink.within(where(name), () => this.build(this.types.resolve(def), FREE, []));
      this.expanding.pop();
      this.components.define(name, withDescription(schema, description(def)));
    }
  }

  /** Is `name` a named type of this blueprint? */
  isNamed(name: string): boolean {
    return this.types.has(name);
  }

  /** Schema for the data structure of a request or response body (`+ Attributes`). */
  bodySchema(structure: Element): JsonSchema {
    return this.valueSchema(structure, FREE, []);
  }

  /** The plain value an element describes (its sample), or undefined. */
  valueOf(el: Element | undefined): unknown {
    return sampleOf(el, this.types);
  }

  /** The values an enum element allows (parameters use them). */
  enumValues(el: Element): unknown[] {
    return this.types.enumParts(this.types.resolve(el).parts).values;
  }

  /** Schema of a value; `site` holds the type attributes of the member it is the value of. */
  private valueSchema(el: Element, ctx: Context, site: string[]): JsonSchema {
    if (el.element === 'ref') return this.refTo(text(el) ?? '');
    if (!this.types.isNamedUse(el)) {
      if (this.types.resolve(el).base === el.element) return this.build(this.types.resolve(el), ctx, site);
      return this.refTo(el.element);
    }
    return this.namedUse(el, ctx, site);
  }

  /** A use of a named type: its `$ref`, unless the use changes what the type allows. */
  private namedUse(el: Element, ctx: Context, site: string[]): JsonSchema {
    const name = el.element;
    const resolved = this.types.resolve(el);
    const own = new Set([...typeAttributes(el), ...site]);
    const defined = this.types.definitionAttributes(name);
    const fixed = ctx.fixed || own.has('fixed');
    const sample = primitive(el);
    const structured = resolved.base === 'object' || resolved.base === 'array';
    const changes =
      children(el).length > 0 ||
      (structured && fixed && !defined.has('fixed')) ||
      (structured && own.has('fixedType') && !defined.has('fixed') && !defined.has('fixedType')) ||
      (PRIMITIVES.has(resolved.base) && fixed && sample !== undefined && !isAnnotation(own));
    if (changes && !this.expanding.includes(name)) {
      this.expanding.push(name);
      try {
        return this.build(resolved, ctx, site);
      } finally {
        this.expanding.pop();
      }
    }
    let schema = this.components.ref(name);
    if (changes && resolved.base === 'object' && (fixed || own.has('fixedType'))) {
      // A recursive type met again inside its own fixed expansion: still closed, as Drafter has it.
      schema = { type: 'object', allOf: [schema], unevaluatedProperties: false };
    }
    if (resolved.base === 'enum') {
      // A sample outside the type's values is allowed too (Drafter adds it to the enum).
      const allowed = new Set(this.enumValues(this.types.definition(name) as Element).map((v) => JSON.stringify(v)));
      const extra = this.types.enumParts([el]).values.filter((v) => !allowed.has(JSON.stringify(v)));
      if (extra.length > 0) schema = { anyOf: [schema, { enum: extra }] };
    }
    const value = structured ? undefined : this.valueOf(el);
    if (value !== undefined && value !== null) schema = { ...schema, examples: [value] };
    return own.has('nullable') && !defined.has('nullable') ? nullable(schema) : schema;
  }

  /** The schema of a resolved element, written out. */
  private build(resolved: Resolved, ctx: Context, site: string[]): JsonSchema {
    const attrs = new Set([...resolved.attributes, ...site]);
    const fixed = ctx.fixed || attrs.has('fixed');
    const self = resolved.parts[resolved.parts.length - 1] as Element;
    let schema: JsonSchema;
    switch (resolved.base) {
      case 'string':
      case 'number':
      case 'boolean': {
        schema = { type: resolved.base };
        const value = primitive(self);
        if (value !== undefined && value !== null) {
          if (fixed && !isAnnotation(attrs)) schema.const = value;
          else schema.examples = [value];
        }
        break;
      }
      case 'null':
        schema = { type: 'null' };
        break;
      case 'array':
        schema = this.arraySchema(resolved.parts, fixed);
        break;
      case 'enum':
        schema = this.enumSchema(resolved.parts, ctx);
        break;
      default:
        schema = this.objectSchema(resolved.parts, fixed, attrs.has('fixedType'));
    }
    this.annotate(self, schema);
    return attrs.has('nullable') ? nullable(schema) : schema;
  }

  private refTo(name: string): JsonSchema {
    if (this.types.has(name)) return this.components.ref(name);
    this.sink.warn(`data structure '${name}' is not defined; using an unconstrained schema`);
    return {};
  }

  private objectSchema(parts: Element[], fixed: boolean, fixedType: boolean): JsonSchema {
    const { members, choices } = this.types.objectParts(parts);
    const closed = fixed || fixedType;
    const { properties, required, additional } = this.membersSchema(members, fixed, closed);
    const schema: JsonSchema = { type: 'object' };
    if (Object.keys(properties).length > 0) schema.properties = properties;
    if (required.length > 0) schema.required = required;
    if (additional) schema.additionalProperties = additional;
    const oneOfs = choices.map((choice) => ({
      oneOf: children(choice).map((option) => {
        const part = this.membersSchema(this.types.objectParts([{ element: 'object', content: option.content }]).members, fixed, true);
        const out: JsonSchema = { properties: part.properties };
        if (part.required.length > 0) out.required = part.required;
        return out;
      }),
    }));
    if (oneOfs.length === 1) Object.assign(schema, oneOfs[0]);
    else if (oneOfs.length > 1) schema.allOf = oneOfs;
    // With choices, `additionalProperties` cannot see their members; 2020-12's keyword can.
    if (closed && !additional) schema[oneOfs.length > 0 ? 'unevaluatedProperties' : 'additionalProperties'] = false;
    return schema;
  }

  /** Properties of members; `requireAll` makes every member not marked `optional` required. */
  private membersSchema(members: Element[], fixed: boolean, requireAll: boolean) {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    let additional: JsonSchema | undefined;
    for (const child of members) {
      const { key, value } = member(child);
      const name = text(key) ?? String(primitive(key) ?? '');
      const attrs = typeAttributes(child);
      const schema = withDescription(
        value ? this.valueSchema(value, { fixed: fixed || attrs.includes('fixed') }, attrs) : {},
        description(child),
      );
      if (primitive(child.attributes?.variable) === true) {
        // `+ *name* (type)`: a sample key standing for any key.
        additional = schema;
        continue;
      }
      properties[name] = schema;
      const isRequired = attrs.includes('required') || (requireAll && !attrs.includes('optional'));
      if (isRequired && !required.includes(name)) required.push(name);
      else if (!isRequired && required.includes(name)) required.splice(required.indexOf(name), 1);
    }
    return { properties, required, additional };
  }

  private arraySchema(parts: Element[], fixed: boolean): JsonSchema {
    const items = parts.flatMap((p) => children(p));
    const schema: JsonSchema = { type: 'array' };
    if (fixed) {
      // A fixed array is exactly its items, in order.
      if (items.length === 0) schema.maxItems = 0;
      else {
        schema.prefixItems = items.map((item) => this.valueSchema(item, { fixed: true }, []));
        schema.minItems = items.length;
        schema.items = false;
      }
      return schema;
    }
    const distinct = dedupe(items.map((item) => withoutSamples(this.valueSchema(item, { fixed: false }, []))));
    if (distinct.length === 1) schema.items = distinct[0];
    else if (distinct.length > 1) schema.items = { anyOf: distinct };
    // Only written samples (`tags: a, b`) are an example; `array[Type]` names a type, not a value.
    const values = items.map((item) => (PRIMITIVES.has(item.element) ? primitive(item) : undefined));
    if (values.length > 0 && values.every((v) => v !== undefined && v !== null)) schema.examples = [values];
    return schema;
  }

  private enumSchema(parts: Element[], ctx: Context): JsonSchema {
    const { values, typed, declaredTypes, unquoted } = this.types.enumParts(parts);
    if (unquoted) {
      this.sink.warn(
        `enum members are all written in double quotes; the quotes are read as notation (${values.map((v) => JSON.stringify(v)).join(', ')}), while Drafter keeps them`,
      );
    }
    const types = new Set([...values.map(jsonType), ...declaredTypes]);
    const only = [...types][0];
    const listed: JsonSchema =
      types.size === 1 && only !== undefined && PRIMITIVES.has(only) ? { type: only, enum: values } : { enum: values };
    const notes = parts
      .flatMap((p) => children(p.attributes?.enumerations))
      .map((m) => {
        const d = description(m);
        if (!d) return undefined;
        // Shown as listed: without the quotes when the enum's quotes were notation.
        return `- \`${JSON.stringify(asListed(this.valueOf(m), values))}\`: ${d}`;
      })
      .filter((s): s is string => s !== undefined);
    const branches = dedupe(typed.map((m) => this.valueSchema(m, ctx, [])));
    let schema: JsonSchema;
    if (branches.length === 0 && values.length === 0) {
      this.sink.warn('enum has no members; any value is accepted');
      schema = {};
    } else if (branches.length === 0) schema = listed;
    else schema = { anyOf: values.length > 0 ? [...branches, listed] : branches };
    if (notes.length > 0) schema.description = notes.join('\n');
    const self = parts[parts.length - 1];
    const sample = isElement(self?.content) ? asListed(this.valueOf(self.content), values) : undefined;
    if (sample !== undefined && values.length > 0) schema.examples = [sample];
    return schema;
  }

  /** `default` and `samples` attributes (annotations only). */
  private annotate(el: Element, schema: JsonSchema): void {
    const def = el.attributes?.default;
    if (def) {
      const value = this.valueOf(def);
      if (value !== undefined) schema.default = value;
    }
    // An enum's samples are among its values already.
    if (this.types.resolve(el).base === 'enum') return;
    const samples = children(el.attributes?.samples)
      .map((s) => this.valueOf(s))
      .filter((v) => v !== undefined);
    if (samples.length > 0) {
      const existing = Array.isArray(schema.examples) ? (schema.examples as unknown[]) : [];
      schema.examples = [...existing, ...samples];
    }
  }
}

/** `default` and `sample` say what a value is by default or for instance, not what it must be. */
function isAnnotation(attrs: Set<string>): boolean {
  return attrs.has('default') || attrs.has('sample');
}

function withDescription(schema: JsonSchema, text: string | undefined): JsonSchema {
  const d = text?.trim();
  if (!d) return schema;
  return { ...schema, description: typeof schema.description === 'string' ? `${d}\n\n${schema.description}` : d };
}

/** The schema, also admitting `null`. */
function nullable(schema: JsonSchema): JsonSchema {
  const composed = ['$ref', 'allOf', 'anyOf', 'oneOf'].some((k) => k in schema);
  if (!composed && typeof schema.type === 'string') {
    const out: JsonSchema = { ...schema, type: [schema.type, 'null'] };
    if ('const' in schema) {
      delete out.const;
      out.enum = [schema.const, null];
    } else if (Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
    return out;
  }
  if (!composed && schema.type === undefined && Array.isArray(schema.enum)) {
    return schema.enum.includes(null) ? schema : { ...schema, enum: [...schema.enum, null] };
  }
  return { anyOf: [schema, { type: 'null' }] };
}

/** A member's value as the enum lists it: without quotes that were notation. */
function asListed(value: unknown, values: unknown[]): unknown {
  if (typeof value !== 'string' || values.includes(value)) return value;
  const inner = value.slice(1, -1);
  return values.includes(inner) ? inner : value;
}

function withoutSamples(schema: JsonSchema): JsonSchema {
  const { examples: _examples, ...rest } = schema;
  return rest;
}

function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
