/** A short, readable line diff, for `tm-partner check` to show how a generated file is stale. */

/** Unified-style hunks of the lines that differ between two texts, at most `maxHunks`. */
export function lineDiff(before: string, after: string, maxHunks = 10, context = 2): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const ops = diffOps(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length && hunks.length < maxHunks) {
    if (ops[i]?.kind === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while changes are close together.
    while (end < ops.length && (ops[end]?.kind !== ' ' || ops.slice(end, end + context * 2).some((o) => o.kind !== ' '))) end++;
    const stop = Math.min(ops.length, end + context);
    const first = ops[start];
    const header = `@@ -${(first?.aLine ?? 0) + 1} +${(first?.bLine ?? 0) + 1} @@`;
    hunks.push([header, ...ops.slice(start, stop).map((o) => `${o.kind} ${o.text}`)].join('\n'));
    i = stop;
  }
  const more = ops.slice(i).some((o) => o.kind !== ' ') ? '\n… more differences not shown' : '';
  return hunks.join('\n') + more;
}

interface Op {
  kind: ' ' | '-' | '+';
  text: string;
  aLine: number;
  bLine: number;
}

/** Longest-common-subsequence diff over lines, after trimming the shared head and tail. */
function diffOps(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const ops: Op[] = a.slice(0, head).map((text, k) => ({ kind: ' ', text, aLine: k, bLine: k }));
  if (midA.length * midB.length > 4_000_000) {
    // Too large for a table: show the whole middle as replaced.
    midA.forEach((text, k) => ops.push({ kind: '-', text, aLine: head + k, bLine: head }));
    midB.forEach((text, k) => ops.push({ kind: '+', text, aLine: head + midA.length, bLine: head + k }));
  } else {
    const n = midA.length;
    const m = midB.length;
    const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let x = n - 1; x >= 0; x--) {
      const row = table[x] as Uint32Array;
      const below = table[x + 1] as Uint32Array;
      for (let y = m - 1; y >= 0; y--) {
        row[y] = midA[x] === midB[y] ? (below[y + 1] as number) + 1 : Math.max(below[y] as number, row[y + 1] as number);
      }
    }
    let x = 0;
    let y = 0;
    while (x < n || y < m) {
      if (x < n && y < m && midA[x] === midB[y]) {
        ops.push({ kind: ' ', text: midA[x] as string, aLine: head + x, bLine: head + y });
        x++;
        y++;
      } else if (y < m && (x === n || (table[x]?.[y + 1] ?? 0) >= (table[x + 1]?.[y] ?? 0))) {
        ops.push({ kind: '+', text: midB[y] as string, aLine: head + x, bLine: head + y });
        y++;
      } else {
        ops.push({ kind: '-', text: midA[x] as string, aLine: head + x, bLine: head + y });
        x++;
      }
    }
  }
  const offA = a.length - tail;
  const offB = b.length - tail;
  a.slice(offA).forEach((text, k) => ops.push({ kind: ' ', text, aLine: offA + k, bLine: offB + k }));
  return ops;
}
