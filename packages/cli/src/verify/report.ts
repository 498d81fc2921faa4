/**
 * How verify's results are shown: one line per check as it finishes, a summary table
 * with the problems under it, and JUnit XML for CI. Nothing here prints a credential:
 * URLs come masked from the exchanges, and problems name parts, never values.
 */
import type { CheckResult } from './run-checks.js';

const MARK = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;

/** Counts of a run. */
export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  warnings: number;
}

/** Passed, failed and skipped checks and the warnings of a run. */
export function totalsOf(results: readonly CheckResult[]): Totals {
  return {
    passed: results.filter((r) => r.outcome === 'passed').length,
    failed: results.filter((r) => r.outcome === 'failed').length,
    skipped: results.filter((r) => r.outcome === 'skipped').length,
    warnings: results.reduce((n, r) => n + r.warnings.length, 0),
  };
}

/** The progress line of one finished check. */
export function progressLine(result: CheckResult): string {
  const calls = result.exchanges.map((e) => `${e.method} ${e.target.split('?')[0]} ${e.status}`).join(', ');
  return `${MARK[result.outcome]}  ${result.title}${calls ? `  (${calls})` : ''}${result.skipped ? `  [${result.skipped}]` : ''}`;
}

/** The summary: a table of every check, then each failure's problems and the warnings. */
export function summary(results: readonly CheckResult[], baseUrl: string): string {
  const rows = results.map((r) => [
    MARK[r.outcome],
    r.operationId,
    r.title,
    r.outcome === 'skipped' ? (r.skipped ?? '') : `${Math.round(r.ms)} ms`,
  ]);
  const lines = [table(['result', 'operation', 'check', 'detail'], rows)];
  const failed = results.filter((r) => r.outcome === 'failed');
  if (failed.length > 0) {
    lines.push('', 'Problems:');
    for (const r of failed) for (const problem of r.problems) lines.push(`  ${r.title}: ${problem}`);
  }
  const warnings = [...new Set(results.flatMap((r) => r.warnings))];
  if (warnings.length > 0) lines.push('', 'Remarks (reported, not failed):', ...warnings.map((w) => `  ${w}`));
  const t = totalsOf(results);
  lines.push(
    '',
    `verify ${baseUrl}: ${t.failed === 0 ? 'conforms' : 'does NOT conform'} (${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped checks)`,
  );
  return lines.join('\n');
}

/**
 * The results as a JUnit XML document: one test case per check, its calls in system-out;
 * with `unreachable`, one more test case in error, so a run that could not reach the
 * server still leaves a report for CI to show.
 */
export function junitXml(
  results: readonly CheckResult[],
  baseUrl: string,
  documentVersion: string,
  at: Date,
  unreachable?: string,
): string {
  const t = totalsOf(results);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const total = results.reduce((n, r) => n + r.ms, 0);
  const suite = `tm-partner verify ${baseUrl}`;
  const cases = results.map((r) => {
    const open = `    <testcase classname="${xml(r.operationId)}" name="${xml(r.title)}" time="${seconds(r.ms)}"`;
    const parts: string[] = [];
    if (r.outcome === 'failed') {
      parts.push(`      <failure message="${xml(r.problems[0] ?? 'failed')}" type="contract">${xml(r.problems.join('\n'))}</failure>`);
    }
    if (r.outcome === 'skipped') parts.push(`      <skipped message="${xml(r.skipped ?? '')}"/>`);
    const out = [...r.exchanges.map((e) => `${e.method} ${e.target} -> ${e.status} (${Math.round(e.ms)} ms)`), ...r.warnings];
    if (out.length > 0) parts.push(`      <system-out>${xml(out.join('\n'))}</system-out>`);
    return parts.length === 0 ? `${open}/>` : `${open}>\n${parts.join('\n')}\n    </testcase>`;
  });
  if (unreachable !== undefined) {
    cases.push(
      `    <testcase classname="verify" name="reach the server" time="0.000">\n      <error message="${xml(unreachable)}" type="unreachable"/>\n    </testcase>`,
    );
  }
  const counts = `tests="${cases.length}" failures="${t.failed}" errors="${unreachable === undefined ? 0 : 1}" skipped="${t.skipped}" time="${seconds(total)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tm-partner verify" ${counts}>`,
    `  <testsuite name="${xml(suite)}" ${counts} timestamp="${at.toISOString().slice(0, 19)}">`,
    '    <properties>',
    `      <property name="base-url" value="${xml(baseUrl)}"/>`,
    `      <property name="openapi-version" value="${xml(documentVersion)}"/>`,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Text for XML content and attributes; characters XML 1.0 cannot hold are dropped. */
function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- removing what XML 1.0 forbids is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    widths
      .map((w, i) => (cells[i] ?? '').padEnd(w))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
