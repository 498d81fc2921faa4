/**
 * Blueprint positions for API Elements. Drafter's source maps hold UTF-8 byte
 * offsets (only annotations also carry line and column), so positions are
 * computed from the normalised source the parser saw.
 */
import { type Element, type MemberContent, children, isElement, primitive } from './api-elements.js';

/** A 1-based position in the blueprint. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Finds the line and column of elements in one source text. */
export class SourceLocator {
  private readonly bytes: Buffer;
  private readonly lineStarts: number[] = [0];

  constructor(source: string) {
    this.bytes = Buffer.from(source, 'utf8');
    for (let i = 0; i < this.bytes.length; i++) if (this.bytes[i] === 0x0a) this.lineStarts.push(i + 1);
  }

  /** Position of a UTF-8 byte offset. */
  at(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.lineStarts[lo] ?? 0;
    const column = this.bytes.subarray(start, Math.max(start, offset)).toString('utf8').length + 1;
    return { line: lo + 1, column };
  }

  /** The first position recorded in an element's own source map. */
  of(el: Element | undefined): SourcePosition | undefined {
    for (const map of children(el?.attributes?.sourceMap)) {
      for (const range of children(map)) {
        const start = children(range)[0];
        const line = primitive(start?.attributes?.line);
        const column = primitive(start?.attributes?.column);
        if (typeof line === 'number' && typeof column === 'number') return { line, column };
        const offset = primitive(start);
        if (typeof offset === 'number') return this.at(offset);
      }
    }
    return undefined;
  }

  /** The element's position, else the first one found among its meta and descendants. */
  nearest(el: Element | undefined, depth = 0): SourcePosition | undefined {
    if (!el || depth > 12) return undefined;
    const own = this.of(el);
    if (own) return own;
    const next: Element[] = [];
    for (const m of Object.values(el.meta ?? {})) if (m) next.push(m);
    const c = el.content;
    if (Array.isArray(c)) next.push(...c.filter(isElement));
    else if (isElement(c)) next.push(c);
    else if (typeof c === 'object' && c !== null) {
      const { key, value } = c as MemberContent;
      if (isElement(key)) next.push(key);
      if (isElement(value)) next.push(value);
    }
    for (const child of next) {
      const pos = this.nearest(child, depth + 1);
      if (pos) return pos;
    }
    return undefined;
  }
}
