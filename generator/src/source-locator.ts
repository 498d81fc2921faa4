/**
 * Blueprint positions without Drafter's source maps. Asking Drafter for source maps
 * costs about a third of its parse time, and only annotations carry line numbers
 * anyway; so annotations use theirs, and the converter finds bodies and action
 * headings in the text itself. The walk visits them in document order, so each
 * search starts where the previous one of its kind ended.
 */
import { type Element, children, primitive } from './api-elements.js';

/** A 1-based position in the blueprint. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Finds the line and column of annotations, bodies and action headings in one source text. */
export class SourceLocator {
  private readonly lines: string[];
  private blockCursor = 0;
  private headingCursor = 0;

  constructor(source: string) {
    this.lines = source.split('\n');
  }

  /** Position of an annotation (Drafter gives line and column for those). */
  ofAnnotation(el: Element): SourcePosition | undefined {
    for (const map of children(el.attributes?.sourceMap)) {
      for (const range of children(map)) {
        const start = children(range)[0];
        const line = primitive(start?.attributes?.line);
        const column = primitive(start?.attributes?.column);
        if (typeof line === 'number' && typeof column === 'number' && line > 0) return { line, column: Math.max(1, column) };
      }
    }
    return undefined;
  }

  /**
   * Where a body (as Drafter gives it: de-indented) starts in the source: the next
   * run of lines, at or after the previous body, that ends with the body's lines.
   */
  findBlock(body: string): SourcePosition | undefined {
    const wanted = body.replace(/\n+$/, '').split('\n');
    const first = wanted.findIndex((l) => l.trim() !== '');
    if (first === -1) return undefined;
    const lead = wanted[first] as string;
    for (let i = this.blockCursor; i < this.lines.length; i++) {
      const indent = indentOf(this.lines[i] as string, lead);
      if (indent === undefined) continue;
      if (!this.matchesFrom(i, wanted.slice(first + 1))) continue;
      this.blockCursor = i + wanted.length - first;
      return { line: i + 1, column: indent + 1 };
    }
    return undefined;
  }

  /** The next heading line of an action (`### Title [METHOD …]` or `## METHOD /path`). */
  findAction(title: string, method: string): SourcePosition | undefined {
    const m = method.toUpperCase();
    for (let i = this.headingCursor; i < this.lines.length; i++) {
      const line = (this.lines[i] as string).trim();
      if (!line.startsWith('#')) continue;
      const heading = line.replace(/^#+\s*/, '');
      const named = heading.includes(`[${m}`) && (title === '' || heading.includes(title));
      if (named || heading.startsWith(`${m} `) || heading === m) {
        this.headingCursor = i + 1;
        return { line: i + 1, column: 1 };
      }
    }
    return undefined;
  }

  private matchesFrom(start: number, rest: string[]): boolean {
    return rest.every((want, k) => {
      const have = this.lines[start + 1 + k];
      if (have === undefined) return false;
      return want.trim() === '' ? have.trim() === '' : have.endsWith(want) && have.slice(0, have.length - want.length).trim() === '';
    });
  }
}

/** Indentation before `lead` if the line is exactly white space plus `lead`. */
function indentOf(line: string, lead: string): number | undefined {
  if (!line.endsWith(lead)) return undefined;
  const prefix = line.slice(0, line.length - lead.length);
  return prefix.trim() === '' ? prefix.length : undefined;
}
