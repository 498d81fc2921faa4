/**
 * Runs Drafter on a blueprint and turns its annotations into diagnostics, in source
 * order. A large blueprint (over 1.5 MB) is parsed in chunks of resource groups
 * (blueprint-chunks.ts), which keeps Drafter's memory near that of one chunk; the
 * chunks' results are merged into the one a whole-document parse gives. Whenever the
 * merge could differ from that (an error, a group name or resource URI in two chunks,
 * anything outside the groups that is not the same in every chunk), the document is
 * parsed whole instead.
 */
import { type Element, children, classes, id, isElement, text, title } from './api-elements.js';
import { type Chunk, planChunks } from './blueprint-chunks.js';
import { type Diagnostic, inSourceOrder } from './diagnostics.js';
import { type DrafterOptions, loadDrafter } from './load-drafter.js';
import { SourceLocator } from './source-locator.js';

/** Drafter's result: the API category (if any) and its annotations as diagnostics. */
export interface ParsedBlueprint {
  api: Element | undefined;
  diagnostics: Diagnostic[];
  /** Maps Drafter's source maps back to lines and columns of `source`. */
  locator: SourceLocator;
  /** How many Drafter parses made the result (1: the whole document at once). */
  chunks: number;
}

/** Options of {@link parseBlueprint}. */
export interface ParseOptions {
  /**
   * Group text per chunk (default 384 kB, which Drafter parses in a heap of 64 MB at most);
   * documents up to four chunks long are parsed whole.
   */
  chunkBytes?: number;
}

const CHUNK_BYTES = 384 * 1024;

/**
 * The Drafter options the converter parses with, fresh each time (drafter.js writes to
 * the object it is given). Source maps and MSON-generated bodies are not asked for: they
 * cost parse time, and the converter locates text and renders MSON samples itself.
 */
export function drafterOptions(): DrafterOptions {
  return { generateSourceMap: false, generateMessageBody: false, generateMessageBodySchema: false };
}

/** Parses API Blueprint text with Drafter. */
export function parseBlueprint(source: string, options: ParseOptions = {}): ParsedBlueprint {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const plan = source.length > 4 * chunkBytes ? planChunks(source, chunkBytes) : undefined;
  const locator = new SourceLocator(source);
  if (plan) {
    const merged = parseChunks(plan.chunks, plan.sections);
    if (merged) return { api: merged.api, diagnostics: inSourceOrder(merged.diagnostics), locator, chunks: plan.chunks.length };
  }
  const whole = runDrafter(source);
  if (typeof whole === 'string') return { api: undefined, diagnostics: [{ severity: 'error', message: whole }], locator, chunks: 1 };
  const diagnostics = annotationsOf(whole).map((el) => diagnosticOf(el, locator, (line) => line));
  return { api: apiOf(whole), diagnostics: inSourceOrder(diagnostics), locator, chunks: 1 };
}

/** The merged result of the chunks, or undefined when it might differ from a whole parse. */
function parseChunks(chunks: Chunk[], sections: Array<'group' | 'structures'>) {
  const results: Element[] = [];
  for (const chunk of chunks) {
    const result = runDrafter(chunk.text);
    if (typeof result === 'string') return undefined;
    if (annotationsOf(result).some((a) => classes(a).includes('error'))) return undefined;
    results.push(result);
  }
  const groups = chunks.map((c) => c.groups);
  const apis = results.map(apiOf);
  const first = apis[0];
  if (!first || apis.some((a) => !a)) return undefined;

  // Outside the groups, every chunk must have read the same: the header and the data structures.
  const outside = (api: Element) => children(api).filter((c) => !isGroup(c) && !isStructures(c));
  const shared = JSON.stringify({ ...first, content: outside(first) });
  if (apis.some((a) => JSON.stringify({ ...a, content: outside(a as Element) }) !== shared)) return undefined;
  if (outside(first).some((c) => c.element !== 'copy')) return undefined;

  const groupQueues = apis.map((a) => children(a).filter(isGroup));
  if (groupQueues.some((q, i) => q.length !== groups[i])) return undefined;
  const structures = children(first).filter(isStructures);
  if (structures.length !== sections.filter((s) => s === 'structures').length) return undefined;
  // Only the first chunk has every data structure; the others must have no section of their own.
  if (apis.some((a) => children(a).filter(isStructures).length !== structures.length)) return undefined;
  if (!uniqueAcrossChunks(groupQueues, chunks, structures)) return undefined;

  const content: Element[] = [...outside(first)];
  let chunk = 0;
  let structure = 0;
  for (const kind of sections) {
    if (kind === 'structures') {
      content.push(structures[structure++] as Element);
      continue;
    }
    while ((groupQueues[chunk]?.length ?? 0) === 0) chunk++;
    content.push(groupQueues[chunk]?.shift() as Element);
  }
  // Repeated parts (the header, the data structures) repeat their annotations: keep one of each.
  const seen = new Set<string>();
  const diagnostics = results.flatMap((result, i) => {
    const chunk = chunks[i] as Chunk;
    const locator = new SourceLocator(chunk.text);
    return annotationsOf(result)
      .map((el) => diagnosticOf(el, locator, (line) => (chunk.lines[line - 1] ?? 0) + 1))
      .filter((d) => {
        const key = JSON.stringify(d);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  });
  return { api: { ...first, content }, diagnostics };
}

/**
 * Drafter warns about a group name or resource URI used twice, and refuses a named type
 * (a resource's Attributes, a data structure) or a model defined twice; across chunks it
 * cannot see either. Data structures are all in the first chunk, so a resource type of
 * another chunk named like one is a repeat too.
 */
function uniqueAcrossChunks(groupQueues: Element[][], chunks: Chunk[], structures: Element[]): boolean {
  const owner = new Map<string, number>();
  for (const section of structures) {
    for (const s of children(section)) {
      const name = namedType(s);
      if (name !== undefined) owner.set(`type ${name}`, -1);
    }
  }
  for (const [index, queue] of groupQueues.entries()) {
    const keys = new Set<string>();
    for (const group of queue) {
      keys.add(`group ${title(group) ?? ''}`);
      for (const r of children(group).filter((c) => c.element === 'resource')) {
        keys.add(`href ${text(r.attributes?.href) ?? ''}`);
        for (const s of children(r)) {
          const name = namedType(s);
          if (name !== undefined) keys.add(`type ${name}`);
        }
      }
    }
    for (const name of chunks[index]?.models ?? []) keys.add(`model ${name}`);
    for (const key of keys) {
      const other = owner.get(key);
      if (other !== undefined && other !== index) return false;
      owner.set(key, index);
    }
  }
  return true;
}

/** The name a `dataStructure` element defines, if any. */
function namedType(el: Element): string | undefined {
  return el.element === 'dataStructure' && isElement(el.content) ? id(el.content) : undefined;
}

function runDrafter(source: string): Element | string {
  let result: unknown;
  try {
    result = loadDrafter().parseSync(source, drafterOptions());
  } catch (err) {
    return `Drafter failed: ${describe(err)}`;
  }
  return isElement(result) ? result : 'Drafter returned no parse result';
}

function apiOf(result: Element): Element | undefined {
  return children(result).find((el) => el.element === 'category' && classes(el).includes('api'));
}

function annotationsOf(result: Element): Element[] {
  return children(result).filter((el) => el.element === 'annotation');
}

function isGroup(el: Element): boolean {
  return el.element === 'category' && classes(el).includes('resourceGroup');
}

function isStructures(el: Element): boolean {
  return el.element === 'category' && classes(el).includes('dataStructures');
}

/** An annotation as a diagnostic; `lineOf` maps the parsed text's lines to the blueprint's. */
function diagnosticOf(el: Element, locator: SourceLocator, lineOf: (line: number) => number): Diagnostic {
  const severity = classes(el).includes('error') ? 'error' : 'warning';
  const message = (text(el) ?? 'unknown Drafter annotation').trim();
  const at = locator.ofAnnotation(el);
  return at ? { severity, message, line: lineOf(at.line), column: at.column } : { severity, message };
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (isElement(err)) return text(err) ?? 'unknown error';
  return String(err);
}
