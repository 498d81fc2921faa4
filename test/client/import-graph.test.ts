/**
 * The client's modules import one another one way only. Type-only imports count too:
 * a cycle of types is still two modules that cannot be read or moved apart.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../packages/client/src/', import.meta.url));
const IMPORT = /^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"](\.\/[^'"]+)\.js['"]/gm;

/** Module name → the modules it imports from the same folder. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(SRC).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(SRC, file), 'utf8');
    const imports = [...text.matchAll(IMPORT)].map((m) => `${(m[1] ?? '').slice(2)}.ts`);
    graph.set(file, [...new Set(imports)]);
  }
  return graph;
}

/** Every import cycle, each as the path that closes it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('the client’s import graph', () => {
  it('reads every relative import of every module', () => {
    const graph = importGraph();
    expect(graph.get('partner-client.ts')).toEqual(expect.arrayContaining(['transport.ts', 'cart-session.ts', 'purchase-flow.ts']));
    expect(graph.get('access-token.ts')).toContain('transport.ts');
    for (const targets of graph.values()) for (const target of targets) expect(graph.has(target), target).toBe(true);
  });

  it('has no cycle', () => {
    expect(cycles(importGraph()).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});
