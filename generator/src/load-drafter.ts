/**
 * Loads drafter.js, the Emscripten build of Drafter, once per process, faster and
 * without its side effects.
 *
 * Faster: Drafter compiles many small regular expressions per blueprint, and each
 * compilation clears memory through the build's `memset` millions of times per
 * corpus, mostly 8–64 bytes. Emscripten's JS `memset` fills blocks under 67 bytes
 * one byte at a time; lowering that threshold lets them go a word at a time, the
 * same code path it already uses for larger blocks. Parses are about 15% faster and
 * their results unchanged (see the generator tests). When the bundle's text is not
 * the one this was written for, the bundle is loaded as published.
 *
 * Side effects: on load, the bundle registers an `unhandledRejection` listener
 * that exits the process with status 1, which would silence real failures in
 * whatever program uses the converter. The listener is removed again.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { runInThisContext } from 'node:vm';

/** The part of drafter.js the converter uses. */
export interface Drafter {
  parseSync(source: string, options: DrafterOptions): unknown;
}

/** drafter.js parse options (all default to true in Drafter). */
export interface DrafterOptions {
  generateSourceMap?: boolean;
  generateMessageBody?: boolean;
  generateMessageBodySchema?: boolean;
}

/** Emscripten's memset in drafter.js 3.2.0, up to its small-block threshold. */
const MEMSET_HEAD = 'function gH(a,c,d){a=a|0;c=c|0;d=d|0;var e=0,g=0;e=a+d|0;c=c&255;if((d|0)>=67)';
/** Word fills once a block has 8 bytes (the code aligns the start itself). */
const MEMSET_FASTER = MEMSET_HEAD.replace('>=67', '>=8');

/** The bundle's text with the faster memset, or undefined when the text is not the known one. */
export function patchDrafterBundle(bundle: string): string | undefined {
  const at = bundle.indexOf(MEMSET_HEAD);
  if (at === -1 || bundle.indexOf(MEMSET_HEAD, at + 1) !== -1) return undefined;
  return bundle.slice(0, at) + MEMSET_FASTER + bundle.slice(at + MEMSET_HEAD.length);
}

const loaded = new Map<boolean, Drafter>();

/**
 * drafter.js, loaded on first use (importing the converter costs nothing until a parse).
 * `asPublished` skips the memset patch, to compare against or to rule it out.
 */
export function loadDrafter(options: { asPublished?: boolean } = {}): Drafter {
  const asPublished = options.asPublished ?? false;
  let drafter = loaded.get(asPublished);
  if (!drafter) {
    drafter = withoutNewRejectionListeners(() => evaluateBundle(asPublished));
    loaded.set(asPublished, drafter);
  }
  return drafter;
}

function evaluateBundle(asPublished: boolean): Drafter {
  const require = createRequire(import.meta.url);
  const file = require.resolve('drafter.js');
  const patched = asPublished ? undefined : patchDrafterBundle(readFileSync(file, 'utf8'));
  if (patched === undefined) return require('drafter.js') as Drafter;
  // Evaluated as Node would a CommonJS file, under its own file name for stack traces.
  const module = { exports: {} as unknown };
  const wrapper = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${patched}\n})`, {
    filename: file,
  }) as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  wrapper(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports as Drafter;
}

function withoutNewRejectionListeners<T>(load: () => T): T {
  const before = new Set(process.listeners('unhandledRejection'));
  try {
    return load();
  } finally {
    for (const listener of process.listeners('unhandledRejection')) {
      if (!before.has(listener)) process.off('unhandledRejection', listener);
    }
  }
}
