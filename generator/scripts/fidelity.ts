/**
 * Schema fidelity: does a converted document mean what Drafter means? Drafter's own
 * transactions and `messageBodySchema` assets are the ground truth (drafter-bodies.ts).
 *
 * - Examples: every strict-JSON example that Drafter's schema accepts must validate
 *   against our schema for the same operation, status and media type.
 * - Mutations: each such example is mutated (json-mutations.ts); Drafter's schema and
 *   ours must give every mutant the same verdict.
 *
 * Left out, and counted: bodies whose example Drafter's own schema rejects (the
 * blueprint contradicts itself), and bodies of a request or status that carries several
 * different bodies (OpenAPI has one schema per status and media type; the converter
 * combines them, so no single Drafter schema is the truth for it). Drafter's schemas are
 * validated in their own dialect (draft-04 with ajv-draft-04, draft-07 with Ajv, …),
 * ours as 2020-12 (OpenAPI 3.1).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import { type DrafterBody, drafterBodies, operationShape } from './drafter-bodies.js';
import { type InstancePath, type Mutant, mutantsOf, pointer } from './json-mutations.js';

/** The counts of one document (or of many, added up). */
export interface FidelityFigures {
  /** Strict-JSON examples Drafter's schema accepts, and how many of them ours accepts. */
  examples: number;
  examplesAgreed: number;
  /** Mutants of those examples, and how many get the same verdict from both schemas. */
  mutations: number;
  mutationsAgreed: number;
  /** Left out: Drafter's schema rejects the body's own example. */
  contradictory: number;
  /** Left out: the body's request or status carries several different bodies. */
  severalBodies: number;
  /**
   * Of the bodies left out for sharing their status: examples Drafter's schema accepts,
   * and how many our combined schema accepts (it must accept every one).
   */
  combinedExamples: number;
  combinedAgreed: number;
  /** Strict-JSON examples without a Drafter schema, and how many our schema accepts (it must accept every one). */
  schemalessExamples: number;
  schemalessAgreed: number;
  /** Not counted: JSON bodies whose example is not strict JSON, or that have no Drafter schema or no example. */
  notStrictJson: number;
  withoutSchema: number;
}

/** The figures of one document and what disagreed. */
export interface FidelityResult extends FidelityFigures {
  /** Set when Drafter rejects the blueprint: nothing was checked. */
  drafterError?: string;
  disagreements: string[];
  /** Each body left out, and why. */
  leftOut: string[];
}

/** An empty set of figures. */
export function noFigures(): FidelityFigures {
  return {
    examples: 0,
    examplesAgreed: 0,
    mutations: 0,
    mutationsAgreed: 0,
    contradictory: 0,
    severalBodies: 0,
    combinedExamples: 0,
    combinedAgreed: 0,
    schemalessExamples: 0,
    schemalessAgreed: 0,
    notStrictJson: 0,
    withoutSchema: 0,
  };
}

/** Adds `b` into `a`. */
export function addFigures(a: FidelityFigures, b: FidelityFigures): void {
  for (const key of Object.keys(a) as Array<keyof FidelityFigures>) a[key] += b[key];
}

/** Checks `document` (our conversion of `source`) against Drafter's view of the same blueprint. */
export function checkFidelity(source: string, document: unknown): FidelityResult {
  const result: FidelityResult = { ...noFigures(), disagreements: [], leftOut: [] };
  const drafter = drafterBodies(source);
  if (drafter.error !== undefined) return { ...result, drafterError: drafter.error };
  // Every schema must be usable, with or without a Drafter body to hold it against.
  result.disagreements.push(...schemaProblems(document));
  const ours = new OurSchemas(document);
  const groups = new Map<string, DrafterBody[]>();
  for (const body of drafter.bodies) {
    if (!isJson(body)) continue;
    const key = `${operationShape(body.method, body.href)} ${body.message} ${mediaTypeOf(body)}`;
    groups.set(key, [...(groups.get(key) ?? []), body]);
  }
  for (const bodies of groups.values()) {
    // Different bodies: different schemas, or a schema-less body beside another one.
    const distinct = new Set(bodies.map((b) => b.schema ?? `example:${b.example ?? ''}`));
    for (const body of bodies) {
      if (body.schema === undefined || body.example === undefined) {
        result.withoutSchema++;
        if (body.example !== undefined) checkSchemaless(body, ours, result);
        continue;
      }
      let example: unknown;
      try {
        example = JSON.parse(body.example);
      } catch {
        result.notStrictJson++;
        continue;
      }
      if (distinct.size > 1) {
        result.severalBodies++;
        result.leftOut.push(
          `${labelOf(body)}: one of ${distinct.size} different bodies of its ${body.message === 'request' ? 'requests' : 'status'}`,
        );
        checkCombined(body, example, ours, result);
        continue;
      }
      checkBody(body, example, ours, result);
    }
  }
  return result;
}

/** A body's two validators: Drafter's schema and ours (or why either is missing). */
export interface SchemaPair {
  body: DrafterBody;
  drafter: ValidateFunction | string;
  ours: ValidateFunction | string;
}

/** Drafter's and our validator for every JSON body of the blueprint (tests hold them against chosen values). */
export function schemaPairs(source: string, document: unknown): SchemaPair[] {
  const drafter = drafterBodies(source);
  if (drafter.error !== undefined) throw new Error(drafter.error);
  const ours = new OurSchemas(document);
  return drafter.bodies
    .filter((b) => isJson(b) && b.schema !== undefined)
    .map((body) => ({ body, drafter: drafterValidator(body.schema ?? ''), ours: ours.validator(body) }));
}

/**
 * Every schema of the document that a 2020-12 validator cannot use: each component and
 * each body schema must be valid against the meta-schema and compile (with its `$ref`s).
 */
export function schemaProblems(document: unknown): string[] {
  const ours = new OurSchemas(document);
  const locations: string[] = [];
  const doc = document as DocumentShape;
  for (const name of Object.keys(doc.components?.schemas ?? {})) locations.push(pointer(['components', 'schemas', name]));
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      const messages: Array<[string[], MessageShape | undefined]> = [[['requestBody'], operation?.requestBody]];
      for (const [status, response] of Object.entries(operation?.responses ?? {})) messages.push([['responses', status], response]);
      for (const [where, message] of messages) {
        for (const [mediaType, media] of Object.entries(message?.content ?? {})) {
          if (media?.schema !== undefined) locations.push(pointer(['paths', path, method, ...where, 'content', mediaType, 'schema']));
        }
      }
    }
  }
  return locations.map((l) => ours.compileAt(l)).filter((v): v is string => typeof v === 'string');
}

/** A strict-JSON example without a Drafter schema: our schema (written or inferred) must accept it all the same. */
function checkSchemaless(body: DrafterBody, ours: OurSchemas, result: FidelityResult): void {
  let example: unknown;
  try {
    example = JSON.parse(body.example ?? '');
  } catch {
    return;
  }
  result.schemalessExamples++;
  const mine = ours.validator(body);
  if (typeof mine !== 'string' && mine(example)) result.schemalessAgreed++;
  else
    result.disagreements.push(
      `${labelOf(body)}: our schema ${typeof mine === 'string' ? `is missing (${mine})` : `rejects the example (${describeErrors(mine)})`}`,
    );
}

/** A body that shares its status with others: its example must still fit our combined schema. */
function checkCombined(body: DrafterBody, example: unknown, ours: OurSchemas, result: FidelityResult): void {
  const truth = drafterValidator(body.schema ?? '');
  if (typeof truth === 'string' || !truth(example)) return;
  result.combinedExamples++;
  const mine = ours.validator(body);
  if (typeof mine !== 'string' && mine(example)) result.combinedAgreed++;
  else
    result.disagreements.push(
      `${labelOf(body)}: Drafter's schema accepts the example, our combined schema ${typeof mine === 'string' ? `is missing (${mine})` : `rejects it (${describeErrors(mine)})`}`,
    );
}

function labelOf(body: DrafterBody): string {
  return `${body.method.toUpperCase()} ${body.href} ${body.message} ${mediaTypeOf(body)}`;
}

function checkBody(body: DrafterBody, example: unknown, ours: OurSchemas, result: FidelityResult): void {
  const label = labelOf(body);
  const truth = drafterValidator(body.schema ?? '');
  if (typeof truth === 'string') {
    // Drafter's schema cannot be used: the blueprint's own schema is broken; nothing to hold ours against.
    result.contradictory++;
    result.leftOut.push(`${label}: ${truth}`);
    return;
  }
  if (!truth(example)) {
    result.contradictory++;
    result.leftOut.push(`${label}: Drafter's schema rejects the example (${describeErrors(truth)})`);
    return;
  }
  result.examples++;
  const mine = ours.validator(body);
  if (typeof mine === 'string') {
    result.disagreements.push(`${label}: ${mine}`);
    return;
  }
  if (mine(example)) result.examplesAgreed++;
  else result.disagreements.push(`${label}: Drafter's schema accepts the example, ours rejects it (${describeErrors(mine)})`);

  for (const mutant of drafterMutants(body, example)) {
    result.mutations++;
    const expected = truth(mutant.value);
    const actual = mine(mutant.value);
    if (expected === actual) result.mutationsAgreed++;
    else
      result.disagreements.push(
        `${label}: ${mutant.change}: Drafter's schema ${expected ? 'accepts' : 'rejects'}, ours ${actual ? 'accepts' : 'rejects'}`,
      );
  }
}

/** Our document's body schemas, compiled on demand with Ajv 2020-12. */
class OurSchemas {
  private readonly ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
  private readonly cache = new Map<string, ValidateFunction | string>();

  /** Components that are no valid 2020-12 schema, with Ajv's complaint. */
  private readonly invalid = new Map<string, string>();

  constructor(private readonly document: unknown) {
    // The whole document is one schema resource, so `#/components/schemas/…` resolves.
    this.ajv.addSchema(document as object, DOCUMENT_ID, undefined, false);
    const schemas = (document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas ?? {};
    for (const [name, schema] of Object.entries(schemas)) {
      const problem = metaProblem(schema);
      if (problem) this.invalid.set(name, problem);
    }
  }

  /** Our validator for a body, or why there is none. */
  validator(body: DrafterBody): ValidateFunction | string {
    const location = this.locate(body);
    return location.startsWith('!') ? location.slice(1) : this.compileAt(location);
  }

  /** The validator of the schema at a JSON Pointer into the document, or why it cannot be had. */
  compileAt(location: string): ValidateFunction | string {
    let known = this.cache.get(location);
    if (known === undefined) {
      try {
        const problem = metaProblem(this.schemaAt(location)) ?? this.invalidReference(this.schemaAt(location));
        known = problem
          ? `our schema at ${location} is not valid JSON Schema 2020-12: ${problem}`
          : this.ajv.compile({ $ref: `${DOCUMENT_ID}#${location}` });
      } catch (err) {
        known = `our schema at ${location} does not compile: ${err instanceof Error ? err.message : String(err)}`;
      }
      this.cache.set(location, known);
    }
    return known;
  }

  private schemaAt(location: string): unknown {
    let node: unknown = this.document;
    for (const raw of location.split('/').slice(1)) node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node;
  }

  /** The complaint about the first invalid component the schema refers to, directly or not. */
  private invalidReference(schema: unknown, seen = new Set<string>()): string | undefined {
    if (schema === undefined) return undefined;
    for (const ref of JSON.stringify(schema).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      const name = ref[1] ?? '';
      if (seen.has(name)) continue;
      seen.add(name);
      const problem = this.invalid.get(name);
      if (problem) return `component ${name}: ${problem}`;
      const deeper = this.invalidReference(this.schemaAt(`/components/schemas/${name}`), seen);
      if (deeper) return deeper;
    }
    return undefined;
  }

  /** JSON Pointer of our schema for the body, or `!` and why there is none. */
  private locate(body: DrafterBody): string {
    const paths = (this.document as DocumentShape).paths ?? {};
    const wanted = operationShape(body.method, body.href);
    const path = Object.keys(paths).find((p) => operationShape(body.method, p) === wanted);
    const operation = path === undefined ? undefined : paths[path]?.[body.method];
    if (path === undefined || !operation) return `!no operation ${body.method.toUpperCase()} ${body.href} in our document`;
    const mediaType = mediaTypeOf(body);
    const base = ['paths', path, body.method];
    const status = statusKey(body.message);
    const content = body.message === 'request' ? operation.requestBody?.content : operation.responses?.[status]?.content;
    const where = body.message === 'request' ? [...base, 'requestBody'] : [...base, 'responses', status];
    const media = content?.[mediaType];
    if (!media) return `!our document has no ${mediaType} body for it`;
    if (media.schema === undefined) return `!our ${mediaType} body for it has no schema`;
    return pointer([...where, 'content', mediaType, 'schema']);
  }
}

const DOCUMENT_ID = 'urn:fidelity:openapi-document';

/** The parts of an OpenAPI document the check reads (anything may be missing). */
interface DocumentShape {
  components?: { schemas?: Record<string, unknown> };
  paths?: Record<string, Record<string, OperationShape | undefined>>;
}
interface OperationShape {
  requestBody?: MessageShape;
  responses?: Record<string, MessageShape | undefined>;
}
interface MessageShape {
  content?: Record<string, { schema?: unknown } | undefined>;
}

function statusKey(code: string): string {
  if (/^[1-5]\d\d$/.test(code)) return code;
  if (/^[1-5]XX$/i.test(code)) return code.toUpperCase();
  return 'default';
}

/** The body's media type; Drafter's generated JSON bodies may come without one. */
function mediaTypeOf(body: DrafterBody): string {
  if (body.mediaType) return body.mediaType;
  const start = (body.example ?? '').trimStart().charAt(0);
  return start === '{' || start === '[' || body.schema !== undefined ? 'application/json' : 'text/plain';
}

function isJson(body: DrafterBody): boolean {
  return /^(application|text)\/([\w.-]+\+)?json$/.test(mediaTypeOf(body));
}

const metaAjv = new Ajv2020({ strict: false });

/** Why a schema is no valid JSON Schema 2020-12 (its meta-schema's first complaint), or undefined. */
function metaProblem(schema: unknown): string | undefined {
  if (metaAjv.validateSchema(schema as object)) return undefined;
  const first = metaAjv.errors?.[0];
  return first ? `${first.instancePath || '/'} ${first.message ?? 'invalid'}` : 'invalid';
}

const drafterCache = new Map<string, ValidateFunction | string>();
// Written schemas predate Unicode regular expressions: their patterns are read as plain ECMAScript ones.
const drafterOptions = { strict: false, validateFormats: false, unicodeRegExp: false };
const engines = {
  draft04: new AjvDraft04Module.default(drafterOptions),
  draft07: new Ajv(drafterOptions),
  draft2019: new Ajv2019(drafterOptions),
  draft2020: new Ajv2020(drafterOptions),
};

/** Drafter's schema compiled in its own dialect, or why it cannot be. */
function drafterValidator(text: string): ValidateFunction | string {
  let known = drafterCache.get(text);
  if (known !== undefined) return known;
  try {
    const schema = JSON.parse(text) as Record<string, unknown>;
    const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
    const { $schema: _declared, ...rest } = schema;
    const engine = /draft-0[34]\b/.test(dialect)
      ? engines.draft04
      : /2019-09/.test(dialect)
        ? engines.draft2019
        : /2020-12/.test(dialect)
          ? engines.draft2020
          : engines.draft07;
    known = engine.compile(rest);
  } catch (err) {
    known = `Drafter's schema does not compile: ${err instanceof Error ? err.message : String(err)}`;
  }
  drafterCache.set(text, known);
  return known;
}

/** The mutants of a body's example; array items only where Drafter's schema describes them. */
export function drafterMutants(body: DrafterBody, example: unknown): Mutant[] {
  const schema = JSON.parse(body.schema ?? '{}') as unknown;
  return mutantsOf(example, (path) => describesItems(schema, path));
}

/**
 * Whether the schema says anything about the items of the array at `path`: only
 * then are its elements mutated (Drafter's schemas for MSON arrays have no `items`
 * unless the array is fixed or fixed-type).
 */
function describesItems(root: unknown, path: InstancePath): boolean {
  return schemasAt(root, root, path, 0).some((s) => s.items !== undefined || s.prefixItems !== undefined);
}

/** The subschemas that apply at `path` (properties, items, combinators, local `$ref`s). */
function schemasAt(root: unknown, schema: unknown, path: InstancePath, depth: number): Array<Record<string, unknown>> {
  if (!isObject(schema) || depth > 64) return [];
  const here: Array<Record<string, unknown>> = [];
  const alternatives = [schema];
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#')) alternatives.push(...asList(resolveLocal(root, schema.$ref)));
  for (const key of ['allOf', 'anyOf', 'oneOf'])
    if (Array.isArray(schema[key])) alternatives.push(...(schema[key] as unknown[]).filter(isObject));
  for (const s of alternatives) {
    if (s !== schema) {
      here.push(...schemasAt(root, s, path, depth + 1));
      continue;
    }
    if (path.length === 0) {
      here.push(s);
      continue;
    }
    const [head, ...rest] = path;
    const next: unknown[] = [];
    if (typeof head === 'string') {
      const props = isObject(s.properties) ? s.properties : {};
      next.push(head in props ? props[head] : s.additionalProperties);
    } else if (typeof head === 'number') {
      if (Array.isArray(s.items)) next.push(head < s.items.length ? s.items[head] : s.additionalItems);
      else next.push(s.items);
      if (Array.isArray(s.prefixItems)) next.push(s.prefixItems[head]);
    }
    for (const n of next) here.push(...schemasAt(root, n, rest, depth + 1));
  }
  return here;
}

function resolveLocal(root: unknown, ref: string): unknown {
  let node: unknown = root;
  for (const raw of ref.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[part] : Array.isArray(node) ? node[Number(part)] : undefined;
  }
  return node;
}

function describeErrors(validate: ValidateFunction): string {
  const first = validate.errors?.[0];
  return first ? `${first.instancePath || '/'} ${first.message ?? 'invalid'}` : 'invalid';
}

function asList(value: unknown): Array<Record<string, unknown>> {
  return isObject(value) ? [value] : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
