/** Plain-text tables with aligned columns. */

/** `l`eft or `r`ight alignment of a column. */
export type Align = 'l' | 'r';

/** Formats a header row, a rule and the rows; numbers-like columns are best right-aligned. */
export function formatTable(headers: string[], rows: string[][], align: Align[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    widths
      .map((w, i) => {
        const cell = cells[i] ?? '';
        return (align[i] ?? 'l') === 'r' ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
