/**
 * Read-only accessors for API Elements (the Refract tree Drafter emits).
 * Drafter's output is untyped JSON; everything here tolerates missing parts.
 */

/** One API Elements node. */
export interface Element {
  element: string;
  meta?: Record<string, Element | undefined>;
  attributes?: Record<string, Element | undefined>;
  content?: unknown;
}

/** A member's key/value pair. */
export interface MemberContent {
  key?: Element;
  value?: Element;
}

/** Is this value an API Elements node? */
export function isElement(value: unknown): value is Element {
  return typeof value === 'object' && value !== null && typeof (value as { element?: unknown }).element === 'string';
}

/** The child elements of an element whose content is an array. */
export function children(el: Element | undefined): Element[] {
  if (!el || !Array.isArray(el.content)) return [];
  return el.content.filter(isElement);
}

/** The primitive content of a string/number/boolean element (or a bare primitive). */
export function primitive(el: Element | undefined): string | number | boolean | null | undefined {
  if (!el) return undefined;
  const c = el.content;
  if (typeof c === 'string' || typeof c === 'number' || typeof c === 'boolean') return c;
  if (c === null && el.element === 'null') return null;
  return undefined;
}

/** String content of an element, or undefined. */
export function text(el: Element | undefined): string | undefined {
  const value = primitive(el);
  return typeof value === 'string' ? value : undefined;
}

/** `meta.title` as a string. */
export function title(el: Element | undefined): string | undefined {
  return text(el?.meta?.title);
}

/** `meta.description` as a string. */
export function description(el: Element | undefined): string | undefined {
  return text(el?.meta?.description);
}

/** `meta.id` as a string (named data structures). */
export function id(el: Element | undefined): string | undefined {
  return text(el?.meta?.id);
}

/** Strings held by an array element (e.g. `meta.classes`, `typeAttributes`). */
export function stringList(el: Element | undefined): string[] {
  return children(el)
    .map((c) => text(c))
    .filter((s): s is string => s !== undefined);
}

/** `meta.classes` of an element. */
export function classes(el: Element | undefined): string[] {
  return stringList(el?.meta?.classes);
}

/** Does the element carry this class? */
export function hasClass(el: Element | undefined, name: string): boolean {
  return classes(el).includes(name);
}

/** `attributes.typeAttributes` of an element. */
export function typeAttributes(el: Element | undefined): string[] {
  return stringList(el?.attributes?.typeAttributes);
}

/** The content of a member element. */
export function member(el: Element | undefined): MemberContent {
  const c = el?.content;
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return {};
  const { key, value } = c as { key?: unknown; value?: unknown };
  return { key: isElement(key) ? key : undefined, value: isElement(value) ? value : undefined };
}

/** Key/value pairs of an httpHeaders (or similar array of members) element. */
export function pairs(el: Element | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of children(el)) {
    const { key, value } = member(m);
    const k = text(key);
    if (k === undefined) continue;
    const v = primitive(value);
    out.push([k, v === undefined || v === null ? '' : String(v)]);
  }
  return out;
}
