/** Diagnostics shared by every stage of the converter. */

/** How serious a diagnostic is. */
export type Severity = 'warning' | 'error';

/** A message about the blueprint, with its position when known. */
export interface Diagnostic {
  severity: Severity;
  message: string;
  /** The blueprint's file name, when one was given. */
  file?: string;
  /** 1-based line in the blueprint. */
  line?: number;
  /** 1-based column in the blueprint. */
  column?: number;
}

/** Formats a diagnostic as `file:line:col: severity: message`. */
export function formatDiagnostic(d: Diagnostic, fallbackName = '<input>'): string {
  const filename = d.file ?? fallbackName;
  const where = d.line === undefined ? filename : `${filename}:${d.line}:${d.column ?? 1}`;
  return `${where}: ${d.severity}: ${d.message}`;
}

/** Diagnostics sorted by position (stable; those without one last), as a reader meets them in the blueprint. */
export function inSourceOrder(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.line === undefined ? Number.MAX_SAFE_INTEGER : d.line * 1e6 + (d.column ?? 0));
  return [...diagnostics].sort((a, b) => rank(a) - rank(b));
}

/** Collects diagnostics, dropping exact repeats so each problem is said once. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  /** Where a warning without a position of its own is reported: the part being converted. */
  private context: { line: number; column: number } | undefined;

  /** Records a diagnostic unless the same one was recorded already. */
  add(d: Diagnostic): void {
    const key = `${d.severity}|${d.line ?? ''}|${d.column ?? ''}|${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(d);
  }

  /** Records a warning at a position, else at the current context's. */
  warn(message: string, at?: { line: number; column: number }): void {
    this.add({ severity: 'warning', message, ...(at ?? this.context ?? {}) });
  }

  /** Runs `fn` with `at` as the position of warnings that have none of their own. */
  within<T>(at: { line: number; column: number } | undefined, fn: () => T): T {
    const outer = this.context;
    this.context = at ?? outer;
    try {
      return fn();
    } finally {
      this.context = outer;
    }
  }
}
