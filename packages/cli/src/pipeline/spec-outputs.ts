/**
 * What generated/ must hold for a spec: answered from the {@link OutputCache} when
 * this spec was built by this same pipeline before, else built (and remembered).
 */
import { readFile, readdir } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '@tm-partner/apib-to-openapi';
import { converterFingerprint } from '@tm-partner/apib-to-openapi/fingerprint';
import { type GeneratedName, type GeneratedSet, GENERATED_FILES, buildGenerated } from './build-generated.js';
import { OutputCache, digestOf } from './output-cache.js';

/** The files a spec gives, by digest; their text on demand. */
export interface SpecOutputs {
  digests: Record<GeneratedName, string>;
  diagnostics: Diagnostic[];
  /** The text of one file. */
  content(name: GeneratedName): Promise<string>;
  /** openapi.json parsed, once for the run however many comparisons read it. */
  document(): Promise<unknown>;
  /** Whether the answer came from the cache (no conversion ran). */
  cached: boolean;
}

/** The expected generated files for `source`; throws SpecError when the spec gives no valid document. */
export async function specOutputs(source: string, cache: OutputCache | undefined): Promise<SpecOutputs> {
  const key = cache ? OutputCache.key(await pipelineFingerprint(), source) : undefined;
  const record = cache && key ? await cache.lookup(key) : undefined;
  if (cache && key && record) {
    let built: Promise<GeneratedSet> | undefined;
    return withDocument({
      digests: record.digests,
      diagnostics: record.diagnostics,
      cached: true,
      async content(name) {
        const text = await cache.blob(record.digests[name]);
        if (text !== undefined) return text;
        // The blob is gone (pruned by another run): build once, as if there were no record.
        built ??= buildGenerated(source).then((r) => r.files);
        return (await built)[name];
      },
    });
  }
  const { files, diagnostics } = await buildGenerated(source);
  const digests = Object.fromEntries(GENERATED_FILES.map((n) => [n, digestOf(files[n])])) as Record<GeneratedName, string>;
  if (cache && key) await cache.remember(key, files, digests, diagnostics);
  return withDocument({ digests, diagnostics, cached: false, content: async (name) => files[name] });
}

function withDocument(outputs: Omit<SpecOutputs, 'document'>): SpecOutputs {
  let parsed: Promise<unknown> | undefined;
  return { ...outputs, document: () => (parsed ??= outputs.content('openapi.json').then((text) => JSON.parse(text) as unknown)) };
}

let fingerprint: Promise<string> | undefined;

/** The converter's fingerprint and this pipeline's own code (it writes the manifest and picks the files). */
export function pipelineFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const self = fileURLToPath(import.meta.url);
    const dir = dirname(self);
    const names = (await readdir(dir)).filter((n) => extname(n) === extname(self) && !n.endsWith(`.d${extname(self)}`)).sort();
    const parts = [await converterFingerprint()];
    for (const name of names) parts.push(name, await readFile(join(dir, name), 'utf8'));
    return digestOf(parts.join('\0'));
  })();
  return fingerprint;
}
