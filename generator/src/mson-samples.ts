/**
 * The plain value an MSON data structure describes (its sample), as the body
 * example of a message that has Attributes but no written body: samples and
 * defaults where given, else empty values of the right type, named types,
 * inherited members and mixins resolved. A recursive type stops at its first
 * repetition (an empty object), as in Drafter's own examples.
 */
import { type Element, children, isElement, member, primitive, text } from './api-elements.js';
import type { NamedTypes } from './mson-types.js';

const MAX_DEPTH = 32;

/** Named types being rendered, innermost last. */
type Stack = readonly string[];

/** The sample value of an element, or undefined when it describes none. */
export function sampleOf(el: Element | undefined, types: NamedTypes): unknown {
  return elementValue(el, types, 0, []);
}

function elementValue(el: Element | undefined, types: NamedTypes, depth: number, stack: Stack): unknown {
  if (!el || depth > MAX_DEPTH) return undefined;
  switch (el.element) {
    case 'string':
    case 'number':
    case 'boolean': {
      const v = primitive(el);
      if (v !== undefined) return v;
      const samples = children(el.attributes?.samples);
      if (samples.length > 0) return elementValue(samples[0], types, depth + 1, stack);
      return el.attributes?.default ? elementValue(el.attributes.default, types, depth + 1, stack) : undefined;
    }
    case 'null':
      return null;
    case 'enum': {
      const { values, typed } = types.enumParts([el]);
      return values.length > 0 ? values[0] : elementValue(typed[0], types, depth + 1, stack);
    }
    case 'array':
      return children(el).map((c) => elementValue(c, types, depth + 1, stack));
    case 'object':
      return objectValue(el, types, depth, stack);
    default: {
      const resolved = types.resolve(el);
      const recursive = stack.includes(el.element) && el !== types.definition(el.element);
      if (recursive) return resolved.base === 'object' ? {} : resolved.base === 'array' ? [] : undefined;
      const inner = [...stack, el.element];
      if (resolved.base === 'enum') {
        const { values, typed } = types.enumParts(resolved.parts);
        return values.length > 0 ? values[0] : elementValue(typed[0], types, depth + 1, inner);
      }
      // A named type: its definition's sample, with this element's own members on top.
      const def = types.definition(el.element);
      const inherited = def && def !== el ? elementValue(def, types, depth + 1, inner) : undefined;
      if (Array.isArray(el.content) && el.content.length > 0) {
        const kids = children(el);
        const isObject = kids.some((k) => k.element === 'member' || k.element === 'ref' || k.element === 'select');
        if (!isObject) return kids.map((c) => elementValue(c, types, depth + 1, inner));
        const own = objectValue(el, types, depth, inner);
        return isPlainObject(inherited) ? { ...inherited, ...own } : own;
      }
      const v = primitive(el);
      if (v !== undefined) return v;
      if (isElement(el.content)) return elementValue(el.content, types, depth + 1, inner);
      return inherited;
    }
  }
}

function objectValue(el: Element, types: NamedTypes, depth: number, stack: Stack): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const child of children(el)) {
    if (child.element === 'member') {
      const { key, value } = member(child);
      const k = text(key);
      const v = elementValue(value, types, depth + 1, stack);
      if (k !== undefined && v !== undefined) out[k] = v;
    } else if (child.element === 'ref') {
      const target = types.definition(text(child) ?? '');
      const v = target ? elementValue(target, types, depth + 1, stack) : undefined;
      if (isPlainObject(v)) Object.assign(out, v);
    } else if (child.element === 'select') {
      const first = children(child)[0];
      if (first) Object.assign(out, objectValue({ element: 'object', content: first.content }, types, depth + 1, stack));
    }
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
