/**
 * Headings Drafter did not read. A resource or action heading with a small mistake
 * (`## Event [/event/{id}` without its `]`, `### Read [get]`) is not an error to
 * Drafter: the heading and everything up to the next one it knows become description
 * text, and the resource or action is gone without a word. Drafter keeps such text in
 * `copy` elements, so every line there that looks like a resource or action heading
 * is reported, at its line and column, with the likely mistake.
 */
import { type Element, children, text } from './api-elements.js';
import type { Diagnostic } from './diagnostics.js';

/** Methods API Blueprint actions use (any case, for recognising mistakes). */
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'LINK', 'UNLINK', 'COPY']);

const HEADING = /^( {0,3}|\s+)(#{1,6})\s*(.*?)\s*#*\s*$/;

/** Warnings for heading-like lines that Drafter kept as description, placed in `source`. */
export function unrecognisedHeadings(api: Element, source: string): Diagnostic[] {
  const lines = source.split('\n');
  let cursor = 0;
  const out: Diagnostic[] = [];
  for (const copy of copies(api)) {
    let fenced = false;
    for (const line of (text(copy) ?? '').split('\n')) {
      if (/^\s{0,3}(```|~~~)/.test(line)) fenced = !fenced;
      if (fenced) continue;
      if (!headingProblem(line)) continue;
      // Copies come in document order: the line is the next one with this text.
      const wanted = line.trim();
      let at = lines.findIndex((l, i) => i >= cursor && l.trim() === wanted);
      if (at === -1) at = lines.findIndex((l) => l.trim() === wanted);
      if (at !== -1) cursor = at + 1;
      // Drafter may re-indent copy text: the line as written decides (indented four, it is code).
      const problem = headingProblem(at === -1 ? line : (lines[at] as string));
      if (!problem) continue;
      const where = at === -1 ? {} : { line: at + 1, column: (lines[at] as string).indexOf('#') + 1 };
      out.push({
        severity: 'warning',
        message: `'${wanted}' looks like ${problem.kind} heading but is not read as one (${problem.hint}); it and the text after it are description, not API`,
        ...where,
      });
    }
  }
  return out;
}

/** What is wrong with a line that looks like a resource or action heading, or undefined. */
export function headingProblem(line: string): { kind: string; hint: string } | undefined {
  const heading = HEADING.exec(line);
  if (!heading) return undefined;
  const indent = heading[1] ?? '';
  const body = heading[3] ?? '';
  // Indented by four or more it is a code block; Markdown allows up to three spaces.
  if (indent.length >= 4 || indent.includes('\t')) return undefined;
  const bracket = /\[\s*([^\]\s]*)(\s+[^\]]*)?(\])?(.*)$/.exec(body);
  if (bracket) {
    const first = bracket[1] ?? '';
    const isUri = first.startsWith('/') || first.startsWith('{');
    const method = isUri ? undefined : first;
    // `[GET]`, `[get /x]`, `[FETCH /x]` are actions; `[USD]` or `[draft]` are just words.
    const uriFollows = /^\s+[/{]/.test(bracket[2] ?? '');
    if (!isUri && !METHODS.has(first.toUpperCase()) && !(uriFollows && /^[A-Z]+$/.test(first))) return undefined;
    const kind = isUri ? 'a resource' : 'an action';
    if (!bracket[3]) return { kind, hint: "no closing ']'" };
    if ((bracket[4] ?? '').trim() !== '') return { kind, hint: "text after ']'" };
    return { kind, hint: hintFor(method, indent) };
  }
  const shorthand = /^(?:([A-Za-z]+)\s+)?(\/\S*)$/.exec(body);
  if (shorthand) {
    const method = shorthand[1];
    if (method !== undefined && !METHODS.has(method.toUpperCase()) && !/^[A-Z]+$/.test(method)) return undefined;
    return { kind: method ? 'an action' : 'a resource', hint: hintFor(method, indent) };
  }
  return undefined;
}

function hintFor(method: string | undefined, indent: string): string {
  if (indent.length > 0) return "the '#' is indented";
  if (method !== undefined && method !== method.toUpperCase()) return `the method '${method}' is not upper case`;
  if (method !== undefined && !METHODS.has(method)) return `'${method}' is not a method API Blueprint knows`;
  return 'it is not inside a resource or group that Drafter read';
}

/** Every `copy` element under `el`, in document order. */
function copies(el: Element): Element[] {
  const out: Element[] = [];
  for (const child of children(el)) {
    if (child.element === 'copy') out.push(child);
    else if (child.element !== 'dataStructure') out.push(...copies(child));
  }
  return out;
}
