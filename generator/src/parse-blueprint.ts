/** Runs Drafter on a blueprint and turns its annotations into diagnostics. */
import { type Element, children, classes, isElement, text } from './api-elements.js';
import type { Diagnostic } from './diagnostics.js';
import { type DrafterOptions, loadDrafter } from './load-drafter.js';
import { SourceLocator } from './source-locator.js';

/** Drafter's result: the API category (if any) and its annotations as diagnostics. */
export interface ParsedBlueprint {
  api: Element | undefined;
  diagnostics: Diagnostic[];
  /** Maps Drafter's source maps back to lines and columns of `source`. */
  locator: SourceLocator;
}

/**
 * The Drafter options the converter parses with, fresh each time (drafter.js writes to
 * the object it is given). Source maps and MSON-generated bodies are not asked for: they
 * cost parse time, and the converter locates text and renders MSON samples itself.
 */
export function drafterOptions(): DrafterOptions {
  return { generateSourceMap: false, generateMessageBody: false, generateMessageBodySchema: false };
}

/** Parses API Blueprint text with Drafter. */
export function parseBlueprint(source: string): ParsedBlueprint {
  const locator = new SourceLocator(source);
  let result: unknown;
  try {
    result = loadDrafter().parseSync(source, drafterOptions());
  } catch (err) {
    return {
      api: undefined,
      diagnostics: [{ severity: 'error', message: `Drafter failed: ${describe(err)}` }],
      locator,
    };
  }
  if (!isElement(result)) {
    return { api: undefined, diagnostics: [{ severity: 'error', message: 'Drafter returned no parse result' }], locator };
  }
  const diagnostics: Diagnostic[] = [];
  let api: Element | undefined;
  for (const el of children(result)) {
    if (el.element === 'annotation') {
      const severity = classes(el).includes('error') ? 'error' : 'warning';
      const message = (text(el) ?? 'unknown Drafter annotation').trim();
      diagnostics.push({ severity, message, ...(locator.ofAnnotation(el) ?? {}) });
    } else if (el.element === 'category' && classes(el).includes('api')) {
      api = el;
    }
  }
  return { api, diagnostics, locator };
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (isElement(err)) return text(err) ?? 'unknown error';
  return String(err);
}
