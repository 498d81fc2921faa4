/**
 * A large blueprint cut into chunks Drafter can parse one at a time. Drafter's
 * memory grows with the document (about 250 MB for 5 MB of blueprint, in a heap that
 * never shrinks); a chunk of about a megabyte needs a small fraction of that.
 *
 * A chunk is made of whole lines of the blueprint, in order: the header (metadata,
 * name, introduction), some `# Group` sections, and the `# Data Structures` sections
 * with the types those groups mention (the first chunk has them all, so each
 * definition is parsed once as written); each chunk line knows its line in the
 * blueprint. Whether the merged result equals a whole-document parse is decided by
 * parse-blueprint.ts, which falls back to one when it cannot be sure.
 */

/** One chunk: the text Drafter parses, where its lines come from, and how many group sections it holds. */
export interface Chunk {
  text: string;
  /** The blueprint's 0-based line index of each chunk line. */
  lines: number[];
  groups: number;
  /** Names of the resources in its groups that have a `+ Model` (models are named by their resource). */
  models: string[];
}

/** The document's cut: chunks in order, and the order of group and data-structure sections. */
export interface ChunkPlan {
  chunks: Chunk[];
  /** `group` or `structures` per section, in document order. */
  sections: Array<'group' | 'structures'>;
}

interface Section {
  kind: 'group' | 'structures';
  start: number;
  /** Exclusive. */
  end: number;
}

interface TypeDefinition {
  name: string;
  start: number;
  end: number;
}

const GROUP = /^# Group\s+\S/;
const STRUCTURES = /^# Data Structures\s*$/;
/** Any other heading at level 1 (a resource or action outside groups) makes a document uncuttable. */
const LEVEL_ONE = /^#\s/;
const TYPE = /^##\s+([^#(]+?)\s*(\(.*)?$/;
/** A named resource heading (`## Note [/notes]`). */
const RESOURCE = /^##\s+([^[#]*[^[#\s])\s*\[/;
const MODEL = /^[+*-]\s+Model\b/;

/**
 * Cuts the blueprint into chunks of about `chunkBytes` of group text; undefined when it
 * cannot be cut (a level-1 heading other than `# Group` or `# Data Structures` after
 * the first section, or fewer than two groups).
 */
export function planChunks(text: string, chunkBytes: number): ChunkPlan | undefined {
  const lines = text.split('\n');
  const sections = findSections(lines);
  if (!sections) return undefined;
  const groups = sections.filter((s) => s.kind === 'group');
  if (groups.length < 2) return undefined;
  const structures = sections.filter((s) => s.kind === 'structures');
  const types = structures.flatMap((s) => typeDefinitions(lines, s));
  const header = sections[0]?.start ?? lines.length;

  // Consecutive groups, each chunk at least one group and about chunkBytes long.
  const batches: Section[][] = [];
  let current: Section[] = [];
  let size = 0;
  for (const group of groups) {
    current.push(group);
    size += lengthOf(lines, group);
    if (size >= chunkBytes) {
      batches.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  if (batches.length < 2) return undefined;

  const chunks = batches.map((batch, index) => {
    const keep = new Uint8Array(lines.length);
    for (let i = 0; i < header; i++) keep[i] = 1;
    for (const group of batch) for (let i = group.start; i < group.end; i++) keep[i] = 1;
    for (const s of structures) keep[s.start] = 1;
    const wanted = index === 0 ? types : typesMentioned(lines, batch, types);
    for (const t of wanted) for (let i = t.start; i < t.end; i++) keep[i] = 1;
    const kept: number[] = [];
    for (let i = 0; i < lines.length; i++) if (keep[i]) kept.push(i);
    return { text: kept.map((i) => lines[i]).join('\n'), lines: kept, groups: batch.length, models: modelsIn(lines, batch) };
  });
  return { chunks, sections: sections.map((s) => s.kind) };
}

/** The level-1 group and data-structure sections; undefined when another level-1 heading follows the first. */
function findSections(lines: string[]): Section[] | undefined {
  const sections: Section[] = [];
  let fenced = false;
  for (const [i, line] of lines.entries()) {
    if (/^ {0,3}(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced || !LEVEL_ONE.test(line)) continue;
    const kind = GROUP.test(line) ? 'group' : STRUCTURES.test(line) ? 'structures' : undefined;
    // A level-1 heading before the first section is the API's name; after it, it could be anything.
    if (!kind) {
      if (sections.length > 0) return undefined;
      continue;
    }
    const last = sections[sections.length - 1];
    if (last) last.end = i;
    sections.push({ kind, start: i, end: lines.length });
  }
  return sections;
}

/** The named types of a data-structures section (`## Name (base)` up to the next `##`). */
function typeDefinitions(lines: string[], section: Section): TypeDefinition[] {
  const out: TypeDefinition[] = [];
  for (let i = section.start + 1; i < section.end; i++) {
    const match = TYPE.exec(lines[i] as string);
    if (!match) continue;
    const last = out[out.length - 1];
    if (last) last.end = i;
    out.push({ name: (match[1] as string).trim(), start: i, end: section.end });
  }
  return out;
}

/**
 * Types named where MSON names types (inside parentheses, brackets or after `Include`)
 * in the groups' text, with every type their definitions name in turn. A type left out
 * by mistake makes Drafter report it undefined, and the document is parsed whole.
 */
function typesMentioned(lines: string[], groups: Section[], types: TypeDefinition[]): TypeDefinition[] {
  const wanted = new Set<TypeDefinition>();
  const pending = groups.map((g) => typePositions(lines, g.start, g.end));
  while (pending.length > 0) {
    const text = pending.pop() as string;
    for (const t of types) {
      if (wanted.has(t) || !text.includes(t.name)) continue;
      wanted.add(t);
      pending.push(typePositions(lines, t.start, t.end));
    }
  }
  return types.filter((t) => wanted.has(t));
}

/** The text of the places where lines `start`..`end` can name a type. */
function typePositions(lines: string[], start: number, end: number): string {
  const out: string[] = [];
  for (let i = start; i < end; i++) {
    for (const m of (lines[i] as string).matchAll(/\(([^()]*)\)|\[([^\]]*)\]|Include\s+(.+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  }
  return out.join('\n');
}

/** Names of the resources (`## Name [uri]`) of these groups that have a `+ Model` section. */
function modelsIn(lines: string[], groups: Section[]): string[] {
  const names: string[] = [];
  for (const group of groups) {
    let resource: string | undefined;
    for (let i = group.start; i < group.end; i++) {
      const line = lines[i] as string;
      const heading = RESOURCE.exec(line);
      if (heading) resource = (heading[1] as string).trim();
      else if (/^##/.test(line)) resource = undefined;
      else if (resource !== undefined && MODEL.test(line)) names.push(resource);
    }
  }
  return names;
}

function lengthOf(lines: string[], section: Section): number {
  let n = 0;
  for (let i = section.start; i < section.end; i++) n += (lines[i] as string).length + 1;
  return n;
}
