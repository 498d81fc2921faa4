/**
 * Apiary's `<!-- include(file) -->` directive: some blueprints keep bodies and
 * schemas in separate files. Each directive is replaced by the file's text,
 * indented like the directive, and lines are mapped back so that diagnostics
 * still point at the blueprint the user wrote.
 */
import { decodeBlueprint, findBinary } from './decode-blueprint.js';
import type { Diagnostic } from './diagnostics.js';

/**
 * Reads an included file, given its path as written in the directive: its bytes (checked
 * as a blueprint's are: UTF-8, no binary) or its text (checked for binary content).
 */
export type ReadInclude = (path: string) => string | Uint8Array;

/** The blueprint with includes expanded, and the way back to original lines. */
export interface ExpandedSource {
  text: string;
  /** Original line of an expanded line (lines from an included file map to the directive's line). */
  originalLine(line: number): number;
  diagnostics: Diagnostic[];
}

// Accepts `include(path)`, `include: path` and the unbalanced `include ( path` seen in the wild.
const DIRECTIVE = /^(\s*)<!--\s*include\s*(?:\(\s*|:\s*)([^\s)]+)\s*\)?\s*-->\s*$/;
const MAX_DEPTH = 8;

/** Replaces include directives using `read`; without `read`, directives are left as they are. */
export function expandIncludes(source: string, read: ReadInclude | undefined): ExpandedSource {
  const diagnostics: Diagnostic[] = [];
  if (!read || !source.includes('<!--')) return { text: source, originalLine: (line) => line, diagnostics };
  const out: string[] = [];
  const origin: number[] = [];
  const expand = (lines: string[], originOf: (index: number) => number, depth: number, indent: string) => {
    lines.forEach((line, index) => {
      const match = DIRECTIVE.exec(line);
      if (!match) {
        out.push(indent + line);
        origin.push(originOf(index));
        return;
      }
      const at = originOf(index);
      const path = match[2] ?? '';
      // The directive stays as written, and the diagnostic says why, at its line.
      const leave = (severity: Diagnostic['severity'], message: string) => {
        diagnostics.push({ severity, message, line: at, column: 1 });
        out.push(indent + line);
        origin.push(at);
      };
      let raw: string | Uint8Array;
      try {
        raw = read(path);
      } catch {
        leave('warning', `included file '${path}' cannot be read; the directive is left in place`);
        return;
      }
      if (depth >= MAX_DEPTH) {
        leave('warning', `includes nested deeper than ${MAX_DEPTH}; '${path}' is not expanded`);
        return;
      }
      // An included file is part of the blueprint: the same encoding rules apply to it.
      const decoded = typeof raw === 'string' ? { text: raw, problem: findBinary(raw) } : decodedInclude(raw);
      if (decoded.text === undefined || decoded.problem) {
        const problem = decoded.problem;
        const place = problem?.line === undefined ? '' : `, line ${problem.line} column ${problem.column ?? 1}`;
        leave('error', `included file '${path}'${place}: ${problem?.message ?? 'unreadable'}`);
        return;
      }
      const body = decoded.text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
      expand(body, () => at, depth + 1, indent + (match[1] ?? ''));
    });
  };
  expand(source.split('\n'), (index) => index + 1, 0, '');
  return { text: out.join('\n'), originalLine: (line) => origin[line - 1] ?? line, diagnostics };
}

function decodedInclude(bytes: Uint8Array): { text: string | undefined; problem: Diagnostic | undefined } {
  const decoded = decodeBlueprint(bytes);
  return { text: decoded.text, problem: decoded.diagnostics[0] };
}
