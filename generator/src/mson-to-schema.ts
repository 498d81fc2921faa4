/**
 * MSON (as Drafter expands it into API Elements data structures) → JSON Schema 2020-12.
 * Named types stay named (`$ref` into components), inheritance and mixins become
 * `allOf`, `One Of` becomes `oneOf`, `nullable` widens `type`, `fixed` pins values.
 */
import { type Element, children, description, id, isElement, member, primitive, text, typeAttributes } from './api-elements.js';
import type { DiagnosticSink } from './diagnostics.js';
import { type JsonSchema, dedupe } from './infer-schema.js';
import type { SchemaComponents } from './schema-components.js';

const BASE_TYPES = new Set([
  'string',
  'number',
  'boolean',
  'null',
  'object',
  'array',
  'enum',
  'select',
  'option',
  'ref',
  'extend',
  'member',
]);

interface Context {
  fixed: boolean;
}

/** Converts MSON data structures, registering named types as components. */
export class MsonConverter {
  private readonly named = new Map<string, Element>();

  constructor(
    private readonly components: SchemaComponents,
    private readonly sink: DiagnosticSink,
  ) {}

  /** Finds every named data structure under `root` and defines its component. */
  defineNamedTypes(root: Element): void {
    collectNamed(root, this.named);
    for (const name of this.named.keys()) this.components.keyFor(name);
    for (const [name, el] of this.named) this.components.define(name, this.definition(el));
  }

  /** Is `name` a named type of this blueprint? */
  isNamed(name: string): boolean {
    return this.named.has(name);
  }

  /** Schema for the data structure of a request or response body (`+ Attributes`). */
  bodySchema(structure: Element): JsonSchema {
    return this.valueSchema(structure, { fixed: false });
  }

  /** The plain value an element describes (its sample), or undefined. */
  valueOf(el: Element | undefined): unknown {
    return elementValue(el, this.named, 0);
  }

  private definition(el: Element): JsonSchema {
    const base = el.element;
    const own = this.withDescription(this.valueSchema(this.asBase(el), { fixed: false }), description(el));
    if (BASE_TYPES.has(base)) return own;
    // A type named after its own base (a resource `Profile` with `+ Attributes (Profile)`) is not inheritance.
    if (!this.named.has(base) || base === id(el)) return own;
    // Inheritance: `## Coupon (Coupon Base)`.
    const extra = stripType(own);
    return Object.keys(extra).length === 0 ? this.components.ref(base) : { allOf: [this.components.ref(base), extra] };
  }

  /** The element re-typed as the base type at the root of its inheritance chain. */
  private asBase(el: Element): Element {
    return { ...el, element: this.baseOf(el.element) };
  }

  private baseOf(name: string, seen = new Set<string>()): string {
    if (BASE_TYPES.has(name)) return name;
    const def = this.named.get(name);
    if (!def || seen.has(name)) return 'object';
    seen.add(name);
    return this.baseOf(def.element, seen);
  }

  private valueSchema(el: Element, ctx: Context): JsonSchema {
    const attrs = typeAttributes(el);
    const fixed = ctx.fixed || attrs.includes('fixed');
    let schema: JsonSchema;
    switch (el.element) {
      case 'string':
      case 'number':
      case 'boolean': {
        schema = { type: el.element };
        const value = primitive(el);
        if (value !== undefined && value !== null) {
          if (fixed) schema.const = value;
          else schema.examples = [value];
        }
        break;
      }
      case 'null':
        schema = { type: 'null' };
        break;
      case 'object':
        schema = this.objectSchema(el, fixed, attrs.includes('fixedType'), false);
        break;
      case 'array':
        schema = this.arraySchema(el, fixed);
        break;
      case 'enum':
        schema = this.enumSchema(el);
        break;
      case 'ref':
        schema = this.refTo(text(el) ?? '');
        break;
      default:
        schema = this.namedReference(el, fixed);
    }
    this.applyCommon(el, schema);
    return attrs.includes('nullable') ? nullable(schema) : schema;
  }

  /** A use of a named type, possibly with members or a sample of its own. */
  private namedReference(el: Element, fixed: boolean): JsonSchema {
    const ref = this.refTo(el.element);
    if (!this.named.has(el.element)) return ref;
    const base = this.baseOf(el.element);
    if ((base === 'object' || base === 'array') && children(el).length > 0) {
      const extra = stripType(this.valueSchema({ ...el, element: base }, { fixed }));
      if (Object.keys(extra).length > 0) return { allOf: [ref, extra] };
      return ref;
    }
    const sample = this.valueOf(el);
    if (sample !== undefined && base !== 'object' && base !== 'array') return { ...ref, examples: [sample] };
    return ref;
  }

  private refTo(name: string): JsonSchema {
    if (this.named.has(name)) return this.components.ref(name);
    this.sink.warn(`data structure '${name}' is not defined; using an unconstrained schema`);
    return {};
  }

  private objectSchema(el: Element, fixed: boolean, fixedType: boolean, requireAll: boolean): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    const mixins: JsonSchema[] = [];
    const choices: JsonSchema[] = [];
    let additional: JsonSchema | undefined;

    for (const child of children(el)) {
      if (child.element === 'member') {
        const { key, value } = member(child);
        const name = text(key) ?? String(primitive(key) ?? '');
        const attrs = typeAttributes(child);
        const memberFixed = fixed || attrs.includes('fixed');
        let schema = value ? this.valueSchema(value, { fixed: memberFixed }) : {};
        if (attrs.includes('nullable') && !typeAttributes(value).includes('nullable')) schema = nullable(schema);
        schema = this.withDescription(schema, description(child));
        if (primitive(child.attributes?.variable) === true) {
          // `+ *name* (type)`: a sample key standing for any key.
          additional = schema;
          continue;
        }
        properties[name] = schema;
        const isRequired = attrs.includes('required') || ((fixed || requireAll) && !attrs.includes('optional'));
        if (isRequired) required.push(name);
      } else if (child.element === 'ref') {
        mixins.push(this.refTo(text(child) ?? ''));
      } else if (child.element === 'select') {
        const options = children(child).map((option) =>
          this.objectSchema({ element: 'object', content: option.content }, fixed, false, true),
        );
        choices.push({ oneOf: options.map(stripType) });
      } else if (child.element === 'extend') {
        mixins.push(stripType(this.valueSchema({ ...child, element: 'object' }, { fixed })));
      }
    }

    const own: JsonSchema = { type: 'object' };
    if (Object.keys(properties).length > 0) own.properties = properties;
    if (required.length > 0) own.required = required;
    if (additional) own.additionalProperties = additional;
    const closed = fixed || fixedType;
    if (mixins.length === 0 && choices.length === 0) {
      if (closed && !additional) own.additionalProperties = false;
      return own;
    }
    const parts = [...mixins, ...choices];
    if (own.properties || own.required || own.additionalProperties) parts.push(stripType(own));
    const composed: JsonSchema = { type: 'object', allOf: parts };
    // With allOf, `additionalProperties` cannot see the other parts; 2020-12's keyword can.
    if (closed && !additional) composed.unevaluatedProperties = false;
    return composed;
  }

  private arraySchema(el: Element, fixed: boolean): JsonSchema {
    const items = children(el);
    const schemas = items.map((item) => this.valueSchema(item, { fixed }));
    const distinct = dedupe(schemas.map(withoutSamples));
    const schema: JsonSchema = { type: 'array' };
    if (distinct.length === 1) schema.items = distinct[0];
    else if (distinct.length > 1) schema.items = { anyOf: distinct };
    // Only written samples (`tags: a, b`) are an example; `array[Type]` names a type, not a value.
    const values = items.map((item) => (['string', 'number', 'boolean'].includes(item.element) ? primitive(item) : undefined));
    if (values.length > 0 && values.every((v) => v !== undefined && v !== null)) {
      if (fixed) schema.const = values;
      else schema.examples = [values];
    }
    return schema;
  }

  private enumSchema(el: Element): JsonSchema {
    const members = children(el.attributes?.enumerations);
    const values = members.map((m) => this.valueOf(m)).filter((v) => v !== undefined);
    const types = new Set(members.map((m) => m.element));
    const schema: JsonSchema = {};
    const only = [...types][0];
    if (types.size === 1 && only !== undefined && ['string', 'number', 'boolean'].includes(only)) schema.type = only;
    schema.enum = values;
    const notes = members
      .map((m) => {
        const d = description(m);
        return d ? `- \`${JSON.stringify(this.valueOf(m))}\`: ${d}` : undefined;
      })
      .filter((s): s is string => s !== undefined);
    if (notes.length > 0) schema.description = notes.join('\n');
    const sample = isElement(el.content) ? this.valueOf(el.content) : undefined;
    if (sample !== undefined) schema.examples = [sample];
    return schema;
  }

  /** `default` and `samples` attributes. */
  private applyCommon(el: Element, schema: JsonSchema): void {
    const def = el.attributes?.default;
    if (def) {
      const value = this.valueOf(def);
      if (value !== undefined) schema.default = value;
    }
    const samples = children(el.attributes?.samples)
      .map((s) => this.valueOf(s))
      .filter((v) => v !== undefined);
    if (samples.length > 0) {
      const existing = Array.isArray(schema.examples) ? (schema.examples as unknown[]) : [];
      schema.examples = [...existing, ...samples];
    }
  }

  private withDescription(schema: JsonSchema, text: string | undefined): JsonSchema {
    const d = text?.trim();
    if (!d) return schema;
    const existing = typeof schema.description === 'string' ? `${schema.description}\n\n` : '';
    return { ...schema, description: existing ? `${d}\n\n${schema.description as string}` : d };
  }
}

/** Every named data structure in the tree, by name (first definition wins). */
function collectNamed(el: Element, into: Map<string, Element>): void {
  if (el.element === 'dataStructure' && isElement(el.content)) {
    const name = id(el.content);
    if (name && !into.has(name)) into.set(name, el.content);
  }
  for (const child of children(el)) collectNamed(child, into);
}

function nullable(schema: JsonSchema): JsonSchema {
  const t = schema.type;
  if (typeof t === 'string') {
    const out: JsonSchema = { ...schema, type: [t, 'null'] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
    return out;
  }
  if (Array.isArray(t)) return t.includes('null') ? schema : { ...schema, type: [...t, 'null'] };
  return { anyOf: [schema, { type: 'null' }] };
}

/** The schema without its `type: object` (used inside allOf/oneOf parts). */
function stripType(schema: JsonSchema): JsonSchema {
  const { type: _type, ...rest } = schema;
  return rest;
}

function withoutSamples(schema: JsonSchema): JsonSchema {
  const { examples: _examples, ...rest } = schema;
  return rest;
}

function elementValue(el: Element | undefined, named: Map<string, Element>, depth: number): unknown {
  if (!el || depth > 32) return undefined;
  switch (el.element) {
    case 'string':
    case 'number':
    case 'boolean': {
      const v = primitive(el);
      if (v !== undefined) return v;
      const samples = children(el.attributes?.samples);
      return samples.length > 0 ? elementValue(samples[0], named, depth + 1) : undefined;
    }
    case 'null':
      return null;
    case 'enum':
      return isElement(el.content)
        ? elementValue(el.content, named, depth + 1)
        : elementValue(children(el.attributes?.enumerations)[0], named, depth + 1);
    case 'array':
      return children(el).map((c) => elementValue(c, named, depth + 1));
    case 'object':
      return objectValue(el, named, depth);
    default: {
      // A named type: its definition's sample, with this element's own members on top.
      const def = named.get(el.element);
      const inherited = def && def !== el ? elementValue(def, named, depth + 1) : undefined;
      if (Array.isArray(el.content) && el.content.length > 0) {
        const kids = children(el);
        const isObject = kids.some((k) => k.element === 'member' || k.element === 'ref' || k.element === 'select');
        if (!isObject) return kids.map((c) => elementValue(c, named, depth + 1));
        const own = objectValue(el, named, depth);
        return isPlainObject(inherited) ? { ...inherited, ...own } : own;
      }
      const v = primitive(el);
      if (v !== undefined) return v;
      if (isElement(el.content)) return elementValue(el.content, named, depth + 1);
      return inherited;
    }
  }
}

function objectValue(el: Element, named: Map<string, Element>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const child of children(el)) {
    if (child.element === 'member') {
      const { key, value } = member(child);
      const k = text(key);
      const v = elementValue(value, named, depth + 1);
      if (k !== undefined && v !== undefined) out[k] = v;
    } else if (child.element === 'ref') {
      const target = named.get(text(child) ?? '');
      const v = target ? elementValue(target, named, depth + 1) : undefined;
      if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, v);
    } else if (child.element === 'select') {
      const first = children(child)[0];
      if (first) Object.assign(out, objectValue({ element: 'object', content: first.content }, named, depth + 1));
    }
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
