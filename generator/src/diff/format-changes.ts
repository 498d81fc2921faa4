/** API changes as text: one line per change, then the operations it affects and any hint. */
import type { AffectedOperation, ApiChange } from './api-diff.js';
import type { Severity } from './rules.js';

/** `getEncryptionCertificate (GET /certificate)`; many operations by id only. */
export function describeOperations(operations: AffectedOperation[]): string {
  if (operations.length > 3) return operations.map((o) => o.operationId ?? o.key).join(', ');
  return operations.map((o) => (o.operationId ? `${o.operationId} (${o.key})` : o.key)).join(', ');
}

/**
 * `breaking  rule-id  subject: detail`, then `affects …` (left out when the subject is
 * the one operation affected) and `hint: …`, each indented under the change.
 */
export function formatChanges(changes: ApiChange[], indent = '  '): string[] {
  const lines: string[] = [];
  for (const c of changes) {
    lines.push(`${indent}${c.severity.padEnd(8)}  ${c.rule}  ${c.subject}: ${c.detail}`);
    const more = `${indent}${' '.repeat(10)}`;
    const self = c.operations.length === 1 && c.operations[0]?.key === c.subject;
    if (c.operations.length > 0 && !self)
      lines.push(
        `${more}affects ${c.operations.length > 3 ? `${c.operations.length} operations: ` : ''}${describeOperations(c.operations)}`,
      );
    if (c.hint) lines.push(`${more}hint: ${c.hint}`);
  }
  return lines;
}

/** How many changes of each severity: `1 breaking, 0 warnings, 3 info`. */
export function countChanges(changes: ApiChange[]): Record<Severity, number> & { text: string } {
  const n = (s: Severity) => changes.filter((c) => c.severity === s).length;
  const breaking = n('breaking');
  const warning = n('warning');
  const info = n('info');
  return { breaking, warning, info, text: `${breaking} breaking, ${warning} warning${warning === 1 ? '' : 's'}, ${info} info` };
}
