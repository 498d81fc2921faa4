/**
 * One HTTP message of a blueprint (request or response) → its headers and body:
 * schema from MSON attributes first, then an explicit Schema section, else one
 * inferred from the example; examples parsed leniently, never dropped silently.
 */
import { type Element, children, hasClass, pairs, text } from './api-elements.js';
import type { DiagnosticSink } from './diagnostics.js';
import { type JsonSchema, inferSchema, mergeSchemas } from './infer-schema.js';
import { importJsonSchema } from './json-schema-import.js';
import { LenientJsonError, parseLenientJson } from './lenient-json.js';
import type { MsonConverter } from './mson-to-schema.js';
import type { SchemaComponents } from './schema-components.js';
import type { SourceLocator } from './source-locator.js';

/** What one request or response says. */
export interface MessageSample {
  /** Title of the request/response (`+ Request Plain Text`), if any. */
  name?: string;
  description?: string;
  headers: Array<[string, string]>;
  body?: BodySample;
}

/** A body: its media type, schema and example values. */
export interface BodySample {
  mediaType: string;
  schema: JsonSchema;
  examples: unknown[];
}

/** Shared state for reading messages. */
export interface MessageContext {
  mson: MsonConverter;
  components: SchemaComponents;
  sink: DiagnosticSink;
  locator: SourceLocator;
}

/**
 * Reads a request or response element; `scope` names it in diagnostics and hoisted schemas.
 * `inherited` is the action's `+ Attributes`, which describe its JSON requests that have none.
 */
export function readMessage(msg: Element, scope: string, ctx: MessageContext, inherited?: Element): MessageSample {
  const headers = pairs(msg.attributes?.headers);
  const sample: MessageSample = { headers };
  const name = text(msg.meta?.title)?.trim();
  if (name) sample.name = name;
  const copy = children(msg)
    .filter((c) => c.element === 'copy')
    .map((c) => text(c)?.trim())
    .filter((s): s is string => !!s);
  if (copy.length > 0) sample.description = copy.join('\n\n');

  const assets = children(msg).filter((c) => c.element === 'asset');
  const bodyAsset = assets.find((a) => hasClass(a, 'messageBody'));
  const schemaAsset = assets.find((a) => hasClass(a, 'messageBodySchema'));
  const declaredType =
    headerValue(headers, 'content-type') ?? text(bodyAsset?.attributes?.contentType) ?? text(msg.attributes?.contentType);
  const own = children(msg).find((c) => c.element === 'dataStructure');
  // As Drafter does: the action's attributes describe a JSON request without attributes of its own.
  const structure = own ?? (inherited && declaredType && isJsonMediaType(mediaTypeOf(declaredType, undefined)) ? inherited : undefined);
  const bodyText = text(bodyAsset);
  const hasBody = (bodyText !== undefined && bodyText.trim() !== '') || structure !== undefined || schemaAsset !== undefined;
  if (!hasBody) return sample;

  const mediaType = mediaTypeOf(declaredType ?? (structure ? 'application/json' : undefined), bodyText);
  const jsonLike = isJsonMediaType(mediaType);
  const examples: unknown[] = [];
  if ((bodyText === undefined || bodyText.trim() === '') && structure && jsonLike) {
    // No written body: the MSON samples are the example, as Drafter would render them.
    const sample = ctx.mson.valueOf(structure.content as Element);
    if (sample !== undefined && !isEmptyObject(sample)) examples.push(sample);
  }
  if (bodyText !== undefined && bodyText.trim() !== '') {
    if (jsonLike) examples.push(...readJson(bodyText, scope, 'example', ctx));
    else if (mediaType === 'application/x-www-form-urlencoded') examples.push(readFormExample(bodyText));
    else examples.push(bodyText);
  }

  let schema: JsonSchema | undefined;
  const schemaText = text(schemaAsset) ?? '';
  // A written JSON Schema says what the body must be, even beside Attributes (Drafter's rule too);
  // a schema in another language (XML Schema for an XML body) has no place in OpenAPI.
  if (schemaText.trimStart().startsWith('{') || (schemaAsset && jsonLike)) {
    const parsed = readJson(schemaText, `${scope} schema`, 'schema', ctx);
    if (parsed.length > 0 && typeof parsed[0] === 'object') schema = importJsonSchema(parsed[0], scope, ctx.components, ctx.sink);
  }
  if (!schema && structure && structure.content && typeof structure.content === 'object') {
    schema = ctx.mson.bodySchema(structure.content as Element);
  }
  if (!schema) {
    const structured = jsonLike || mediaType === 'application/x-www-form-urlencoded';
    const typed = examples.filter((e) => typeof e !== 'string');
    schema = structured && typed.length > 0 ? mergeSchemas(typed.map(inferSchema)) : structured ? {} : { type: 'string' };
  }
  sample.body = { mediaType, schema, examples };
  return sample;
}

/** Case-insensitive header lookup. */
export function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}

/** `application/problem+json`, `application/json; charset=utf-8`, … are JSON. */
export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(.+\+)?json$/i.test(mediaType) || /\+json$/i.test(mediaType) || /^text\/json$/i.test(mediaType);
}

function mediaTypeOf(declared: string | undefined, body: string | undefined): string {
  const base = declared?.split(';')[0]?.trim().toLowerCase();
  if (base && /^[\w.+-]+\/[\w.+*-]+$/.test(base)) return base;
  const start = body?.trimStart().charAt(0);
  return start === '{' || start === '[' ? 'application/json' : 'text/plain';
}

/** Parses a JSON example or schema leniently; repairs become warnings, failure keeps the text. */
function readJson(body: string, scope: string, what: 'example' | 'schema', ctx: MessageContext): unknown[] {
  const { sink } = ctx;
  const origin = ctx.locator.findBlock(body);
  // Body lines keep their offset from the indented block they were read from.
  const at = (line: number, column: number) => (origin ? { line: origin.line + line - 1, column: origin.column + column - 1 } : undefined);
  try {
    const { values, repairs } = parseLenientJson(body);
    for (const r of repairs) sink.warn(`${scope}: ${what} is not strict JSON (${r.message}); read leniently`, at(r.line, r.column));
    return values;
  } catch (err) {
    if (!(err instanceof LenientJsonError)) throw err;
    sink.warn(
      `${scope}: ${what} is not JSON (${err.message}); ${what === 'example' ? 'kept as text' : 'left out'}`,
      at(err.line, err.column),
    );
    return [body];
  }
}

/** A form body (`a=1&b=2`) is an object in OpenAPI terms: its example is too. */
function readFormExample(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body.trim())) out[key] = value;
  return out;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
