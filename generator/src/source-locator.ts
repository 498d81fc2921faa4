/**
 * Blueprint positions without Drafter's source maps. Asking Drafter for source maps
 * costs about a third of its parse time, and only annotations carry line numbers
 * anyway; so annotations use theirs, and the converter finds bodies, action headings
 * and metadata in the text itself. The walk visits them in document order, so each
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

  constructor(private readonly source: string) {
    this.lines = source.split('\n');
  }

  /**
   * Position of an annotation. Drafter gives line and column for those, except at
   * times line 0 for a range that starts a block; its character offset still says where.
   */
  ofAnnotation(el: Element): SourcePosition | undefined {
    for (const map of children(el.attributes?.sourceMap)) {
      for (const range of children(map)) {
        const start = children(range)[0];
        const line = primitive(start?.attributes?.line);
        const column = primitive(start?.attributes?.column);
        if (typeof line === 'number' && typeof column === 'number' && line > 0) return { line, column: Math.max(1, column) };
        const offset = primitive(start);
        if (typeof offset === 'number') return this.atCharacterOffset(offset);
      }
    }
    return undefined;
  }

  /**
   * Where a body (as Drafter gives it: de-indented) starts in the source: the next
   * run of lines, at or after the previous body, that ends with the body's lines;
   * failing that, the first such run before it.
   */
  findBlock(body: string): SourcePosition | undefined {
    const wanted = body.replace(/\n+$/, '').split('\n');
    const first = wanted.findIndex((l) => l.trim() !== '');
    if (first === -1) return undefined;
    const lead = wanted[first] as string;
    const rest = wanted.slice(first + 1);
    const found = this.searchBlock(lead, rest, this.blockCursor, this.lines.length);
    if (found) {
      this.blockCursor = found.line - 1 + rest.length + 1;
      return found;
    }
    // A body can also stand earlier in the text: a model's, used by reference.
    return this.searchBlock(lead, rest, 0, this.blockCursor);
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

  /** The heading that names a data structure (`## Coupon (object)`, or a resource's `## Coupon [/c]`). */
  findDataStructure(name: string): SourcePosition | undefined {
    const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const heading = new RegExp(`^#{1,6}\\s*${escaped}\\s*(\\(|\\[|#*\\s*$)`);
    const at = this.lines.findIndex((l) => heading.test(l.trim()));
    return at === -1 ? undefined : { line: at + 1, column: 1 };
  }

  /** The `NAME:` metadata line at the top of the blueprint (e.g. `HOST: …`). */
  findMetadata(name: string): SourcePosition | undefined {
    const wanted = name.trim().toLowerCase();
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i] as string;
      if (line.startsWith('#')) break;
      const colon = line.indexOf(':');
      if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) return { line: i + 1, column: 1 };
    }
    return undefined;
  }

  private searchBlock(lead: string, rest: string[], from: number, to: number): SourcePosition | undefined {
    for (let i = from; i < to; i++) {
      const indent = indentOf(this.lines[i] as string, lead);
      if (indent !== undefined && this.matchesFrom(i, rest)) return { line: i + 1, column: indent + 1 };
    }
    return undefined;
  }

  /** Line and column of an offset in characters (code points, as Drafter counts them), or undefined past the end. */
  private atCharacterOffset(offset: number): SourcePosition | undefined {
    const characters = Array.from(this.source);
    if (!Number.isInteger(offset) || offset < 0 || offset > characters.length) return undefined;
    const before = characters.slice(0, offset).join('').split('\n');
    return { line: before.length, column: Array.from(before.at(-1) ?? '').length + 1 };
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
