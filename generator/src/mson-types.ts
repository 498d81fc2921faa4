/**
 * MSON named types, resolved the way Drafter resolves them: a data structure's
 * inheritance chain down to its base type, the type attributes the chain carries
 * (`fixed`, `fixed-type` and `nullable` pass from a base type to the types built on
 * it), object members with inherited members and mixins (`Include`) merged in,
 * and the values an enum allows.
 */
import { type Element, children, id, isElement, primitive, text, typeAttributes } from './api-elements.js';

/** The types MSON builds on; any other element name is a named type. */
export const BASE_TYPES = new Set([
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

const PRIMITIVES = new Set(['string', 'number', 'boolean']);

/** An element with its named types resolved. */
export interface Resolved {
  /** The base type at the root of the chain (`object` when the chain is broken or circular). */
  base: string;
  /** The chain, base-most definition first, the element itself last. */
  parts: Element[];
  /** Type attributes of every part (`fixed`, `fixedType`, `nullable`, …). */
  attributes: Set<string>;
}

/** The parts of an object, flattened. */
export interface ObjectParts {
  members: Element[];
  /** `One Of` groups (`select` elements), in order. */
  choices: Element[];
}

/** One enum's allowed values and the members that stand for a type rather than a value. */
export interface EnumParts {
  values: unknown[];
  /** Every string member was written in double quotes, which were taken as notation. */
  unquoted: boolean;
  /** Members of object, array or other non-enum named types. */
  typed: Element[];
  /** Primitive types declared without a value (`enum[string]` without a sample). */
  declaredTypes: string[];
}

/** Every named data structure of a blueprint, and how elements resolve against them. */
export class NamedTypes {
  private readonly named = new Map<string, Element>();

  /** Collects the named data structures under `root` (first definition of a name wins). */
  constructor(root: Element) {
    collectNamed(root, this.named);
  }

  /** Names in definition order. */
  names(): string[] {
    return [...this.named.keys()];
  }

  /** The definition of a named type. */
  definition(name: string): Element | undefined {
    return this.named.get(name);
  }

  /** Is `name` a named type of this blueprint? */
  has(name: string): boolean {
    return this.named.has(name);
  }

  /** Is the element a use of a named type (not a base type)? */
  isNamedUse(el: Element): boolean {
    return !BASE_TYPES.has(el.element) && this.named.has(el.element);
  }

  /** The element's inheritance chain and what it carries. */
  resolve(el: Element): Resolved {
    const parts = [el];
    const seen = new Set<string>();
    let current = el;
    let base = el.element;
    while (!BASE_TYPES.has(base)) {
      const def = this.named.get(base);
      // A type named after its own base (`+ Attributes (Profile)` in resource Profile) ends the chain.
      if (!def || def === current || seen.has(base)) {
        base = 'object';
        break;
      }
      seen.add(base);
      parts.unshift(def);
      current = def;
      base = def.element;
    }
    const attributes = new Set(parts.flatMap((p) => typeAttributes(p)));
    return { base, parts, attributes };
  }

  /** Type attributes the definition chain of a named type carries (not those of a use). */
  definitionAttributes(name: string): Set<string> {
    const def = this.named.get(name);
    return def ? this.resolve(def).attributes : new Set();
  }

  /** Members and `One Of` groups of an object, inherited ones and mixins merged in order. */
  objectParts(parts: Element[], seen = new Set<string>()): ObjectParts {
    const out: ObjectParts = { members: [], choices: [] };
    for (const part of parts) {
      for (const child of children(part)) {
        if (child.element === 'member') out.members.push(child);
        else if (child.element === 'select') out.choices.push(child);
        else if (child.element === 'extend') {
          const inner = this.objectParts([child], seen);
          out.members.push(...inner.members);
          out.choices.push(...inner.choices);
        } else if (child.element === 'ref') {
          // `Include Type`: the type's members, not its type attributes.
          const name = text(child) ?? '';
          const def = this.named.get(name);
          if (!def || seen.has(name)) continue;
          const inner = this.objectParts(this.resolve(def).parts, new Set([...seen, name]));
          out.members.push(...inner.members);
          out.choices.push(...inner.choices);
        }
      }
    }
    return out;
  }

  /**
   * An enum's values: the members of every part, then its samples (Drafter allows
   * those too); members of named enum types contribute their values. When every
   * string member is written in double quotes, the quotes are notation, not value.
   */
  enumParts(parts: Element[], seen = new Set<string>()): EnumParts {
    const samples: EnumParts = { values: [], unquoted: false, typed: [], declaredTypes: [] };
    for (const part of [...parts].reverse()) {
      if (isElement(part.content)) this.addEnumMember(part.content, samples, seen);
      for (const s of children(part.attributes?.samples)) this.addEnumMember(s, samples, seen);
    }
    const members: EnumParts = { values: [], unquoted: false, typed: [], declaredTypes: [] };
    for (const part of parts) for (const m of children(part.attributes?.enumerations)) this.addEnumMember(m, members, seen);
    const quoted = allQuoted(members.values);
    const strip = (values: unknown[]) => (quoted ? values.map((v) => (typeof v === 'string' && isQuoted(v) ? v.slice(1, -1) : v)) : values);
    return {
      values: dedupeValues([...strip(members.values), ...strip(samples.values)]),
      unquoted: quoted,
      typed: [...members.typed, ...samples.typed],
      declaredTypes: [...new Set([...members.declaredTypes, ...samples.declaredTypes])],
    };
  }

  private addEnumMember(m: Element, into: EnumParts, seen: Set<string>): void {
    if (PRIMITIVES.has(m.element) || m.element === 'null') {
      const v = primitive(m);
      if (v !== undefined) into.values.push(v);
      else if (m.element !== 'null') into.declaredTypes.push(m.element);
      return;
    }
    const name = m.element;
    const resolved = this.named.has(name) ? this.resolve(m) : undefined;
    if (resolved?.base === 'enum' && !seen.has(name)) {
      // A member of a named enum type stands for that type's values.
      const inner = this.enumParts(resolved.parts, new Set([...seen, name]));
      into.values.push(...inner.values);
      into.typed.push(...inner.typed);
      into.declaredTypes.push(...inner.declaredTypes);
    } else {
      into.typed.push(m);
    }
  }
}

/** Removes repeated values (same JSON), keeping the first. */
function dedupeValues(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every string value is written in double quotes (`"a"`, `"b"`): the quotes are notation. */
function allQuoted(values: unknown[]): boolean {
  const strings = values.filter((v): v is string => typeof v === 'string');
  return strings.length > 0 && strings.every(isQuoted);
}

function isQuoted(value: string): boolean {
  return /^"[^"]*"$/.test(value);
}

function collectNamed(el: Element, into: Map<string, Element>): void {
  if (el.element === 'dataStructure' && isElement(el.content)) {
    const name = id(el.content);
    if (name && !into.has(name)) into.set(name, el.content);
  }
  for (const child of children(el)) collectNamed(child, into);
}
