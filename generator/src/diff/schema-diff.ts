/**
 * Direction-aware comparison of two JSON Schemas (OpenAPI 3.1 dialect). A schema the
 * client sends (request) breaks clients when it accepts less; one the client receives
 * (response) breaks them when it promises less. The same change is therefore reported
 * under a `request-…` or a `response-…` rule, and a schema used both ways under both.
 */
import { type Json, componentSchema, list, obj, schemaRefName } from './openapi-document.js';
import type { RuleId } from './rules.js';

/** Who writes the data: the client (`request`) or the server (`response`). */
export type Direction = 'request' | 'response';

/** A change inside a schema; `subject` names where (`Certificate.value`, `PUT /cart request body.payment`). */
export interface SchemaChange {
  rule: RuleId;
  subject: string;
  detail: string;
}

const UPPER_BOUNDS = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'] as const;
const LOWER_BOUNDS = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'] as const;
const MAX_DEPTH = 32;

/** Compares schemas of two documents; named schemas are compared once per direction and the result reused. */
export class SchemaDiff {
  private readonly memo = new Map<string, SchemaChange[]>();
  private readonly active = new Set<string>();

  constructor(
    private readonly before: unknown,
    private readonly after: unknown,
  ) {}

  /** The changes from schema `a` (old document) to `b` (new document), seen from `direction`. */
  compare(a: unknown, b: unknown, direction: Direction, subject: string, depth = 0): SchemaChange[] {
    if (depth > MAX_DEPTH) return [];
    const changes: SchemaChange[] = [];
    const walk = new Walk(this, direction, changes);
    // `X, nullable` of a named or composed type is written `anyOf: [X, {type: null}]`: X, nullable.
    const ua = withoutNull(obj(a));
    const ub = withoutNull(obj(b));
    let nullability: 'judged' | undefined;
    if (ua.null || ub.null) {
      walk.nullability(ua.null || this.nullable(ua.schema, 'before'), ub.null || this.nullable(ub.schema, 'after'), subject);
      nullability = 'judged';
    }
    const sa = ua.schema;
    const sb = ub.schema;
    const refA = schemaRefName(sa);
    const refB = schemaRefName(sb);
    if (refA !== undefined && refB !== undefined) {
      changes.push(...this.named(refA, refB, direction));
      return changes;
    }
    // A reference on one side only: compare what it names with the inline schema, keeping
    // the reference itself for pairing with the members of a union on the other side.
    const resolvedA = refA === undefined ? sa : this.resolve('before', refA);
    const resolvedB = refB === undefined ? sb : this.resolve('after', refB);
    walk.schema({ schema: resolvedA, written: sa }, { schema: resolvedB, written: sb }, subject, depth, nullability);
    return changes;
  }

  /** A named schema, through schemas that only name another (`A: {$ref: B}`); a cycle of names ends at `{}`. */
  resolve(side: 'before' | 'after', name: string): Json {
    const doc = side === 'before' ? this.before : this.after;
    const seen = new Set<string>();
    let schema = componentSchema(doc, name);
    for (let next = schemaRefName(schema); next !== undefined; next = schemaRefName(schema)) {
      if (seen.has(next)) return {};
      seen.add(next);
      schema = componentSchema(doc, next);
    }
    return schema;
  }

  /** Whether a schema admits null (a reference is followed). */
  private nullable(schema: Json, side: 'before' | 'after'): boolean {
    const name = schemaRefName(schema);
    const s = name === undefined ? schema : this.resolve(side, name);
    const union = unionOf(s);
    if (union && isPure(s, union)) return list(s[union]).some((m) => this.nullable(obj(m), side));
    return typesOf(s)?.nullable ?? false;
  }

  private named(nameA: string, nameB: string, direction: Direction): SchemaChange[] {
    const key = `${direction}|${nameA}|${nameB}`;
    const known = this.memo.get(key);
    if (known) return known;
    // A schema that contains itself: the outer comparison reports its changes.
    if (this.active.has(key)) return [];
    this.active.add(key);
    const subject = nameA === nameB ? nameB : `${nameB} (was ${nameA})`;
    // A named schema that only names another (`A: {$ref: B}`) is compared as that one, under its name.
    const changes = this.compare(componentSchema(this.before, nameA), componentSchema(this.after, nameB), direction, subject);
    this.active.delete(key);
    this.memo.set(key, changes);
    return changes;
  }

  /** Member-pairing view of a schema: what a reference names, for comparing content. */
  content(schema: unknown, side: 'before' | 'after'): Json {
    const s = obj(schema);
    const name = schemaRefName(s);
    return name === undefined ? s : this.resolve(side, name);
  }
}

/** A schema to compare: its content (references resolved) and, for pairing union members, as written. */
interface Side {
  schema: Json;
  written: Json;
}

/** One comparison in one direction, collecting changes. */
class Walk {
  constructor(
    private readonly diff: SchemaDiff,
    private readonly direction: Direction,
    private readonly changes: SchemaChange[],
  ) {}

  private add(request: RuleId, response: RuleId, subject: string, detail: string): void {
    this.changes.push({ rule: this.direction === 'request' ? request : response, subject, detail });
  }

  private nested(a: unknown, b: unknown, subject: string, depth: number): void {
    this.changes.push(...this.diff.compare(a, b, this.direction, subject, depth + 1));
  }

  /** `nullability: 'judged'` when the caller already compared whether null is allowed. */
  schema(sideA: Side, sideB: Side, subject: string, depth: number, nullability?: 'judged'): void {
    const a = sideA.schema;
    const b = sideB.schema;
    const ua = unionOf(a);
    const ub = unionOf(b);
    // A union on one side only, with nothing beside it: the other side is one of its members.
    if ((ua && !ub && isPure(a, ua)) || (ub && !ua && isPure(b, ub))) {
      const keyword = (ua ?? ub) as Union;
      this.members(keyword, ua ? list(a[ua]) : [sideA.written], ub ? list(b[ub]) : [sideB.written], subject, depth);
      return;
    }
    this.types(a, b, subject, nullability);
    this.format(a, b, subject);
    this.enums(a, b, subject);
    this.constraints(a, b, subject);
    this.properties(a, b, subject, depth);
    this.arrays(a, b, subject, depth);
    this.unions(a, b, subject, depth);
    this.allOf(a, b, subject, depth);
  }

  /** Reports a change in whether null is allowed. */
  nullability(before: boolean, after: boolean, subject: string): void {
    if (before && !after) this.add('request-became-not-nullable', 'response-became-not-nullable', subject, 'null no longer allowed');
    if (!before && after) this.add('request-became-nullable', 'response-became-nullable', subject, 'may now be null');
  }

  private types(a: Json, b: Json, subject: string, nullability: 'judged' | undefined): void {
    const ta = typesOf(a);
    const tb = typesOf(b);
    if (!ta || !tb) return;
    const lost = ta.types === 'any' ? (tb.types === 'any' ? [] : ['any']) : [...ta.types].filter((t) => !accepts(tb.types, t));
    const gained = tb.types === 'any' ? (ta.types === 'any' ? [] : ['any']) : [...tb.types].filter((t) => !accepts(ta.types, t));
    const detail = `type ${describeTypes(ta)} → ${describeTypes(tb)}`;
    if (lost.length > 0 && gained.length > 0) this.add('request-type-changed', 'response-type-changed', subject, detail);
    else if (lost.length > 0) this.add('request-type-narrowed', 'response-type-narrowed', subject, detail);
    else if (gained.length > 0) this.add('request-type-widened', 'response-type-widened', subject, detail);
    if (nullability !== 'judged') this.nullability(ta.nullable, tb.nullable, subject);
  }
  private format(a: Json, b: Json, subject: string): void {
    const fa = typeof a.format === 'string' ? a.format : undefined;
    const fb = typeof b.format === 'string' ? b.format : undefined;
    if (fa === fb) return;
    const detail = `format ${fa ?? 'none'} → ${fb ?? 'none'}`;
    if (fa === undefined) this.add('request-format-added', 'response-format-added', subject, detail);
    else if (fb === undefined) this.add('request-format-removed', 'response-format-removed', subject, detail);
    else this.add('request-format-changed', 'response-format-changed', subject, detail);
  }

  private enums(a: Json, b: Json, subject: string): void {
    const ea = enumOf(a);
    const eb = enumOf(b);
    if (!ea && !eb) return;
    if (!ea && eb) {
      this.add('request-enum-added', 'response-enum-added', subject, `now one of ${[...eb].join(', ')}`);
      return;
    }
    if (ea && !eb) {
      this.add('request-enum-removed', 'response-enum-removed', subject, `no longer limited to ${[...ea].join(', ')}`);
      return;
    }
    const removed = [...(ea ?? [])].filter((v) => !eb?.has(v));
    const added = [...(eb ?? [])].filter((v) => !ea?.has(v));
    if (removed.length > 0)
      this.add('request-enum-value-removed', 'response-enum-value-removed', subject, `values removed: ${removed.join(', ')}`);
    if (added.length > 0) this.add('request-enum-value-added', 'response-enum-value-added', subject, `values added: ${added.join(', ')}`);
  }

  private constraints(a: Json, b: Json, subject: string): void {
    const tightened = (detail: string) => this.add('request-constraint-tightened', 'response-constraint-tightened', subject, detail);
    const loosened = (detail: string) => this.add('request-constraint-loosened', 'response-constraint-loosened', subject, detail);
    for (const [keywords, lessIsTighter] of [
      [UPPER_BOUNDS, true],
      [LOWER_BOUNDS, false],
    ] as const) {
      for (const keyword of keywords) {
        const va = numberOr(a[keyword]);
        const vb = numberOr(b[keyword]);
        if (va === vb) continue;
        const detail = `${keyword} ${va ?? 'none'} → ${vb ?? 'none'}`;
        // An added bound always accepts less; a removed one more.
        const tighter = va === undefined || (vb !== undefined && (lessIsTighter ? vb < va : vb > va));
        if (tighter) tightened(detail);
        else loosened(detail);
      }
    }
    const pa = typeof a.pattern === 'string' ? a.pattern : undefined;
    const pb = typeof b.pattern === 'string' ? b.pattern : undefined;
    if (pa !== pb) {
      const detail = `pattern ${pa ?? 'none'} → ${pb ?? 'none'}`;
      if (pa === undefined) tightened(detail);
      else if (pb === undefined) loosened(detail);
      else this.add('request-pattern-changed', 'response-pattern-changed', subject, detail);
    }
    if ((a.uniqueItems === true) !== (b.uniqueItems === true)) {
      if (b.uniqueItems === true) tightened('uniqueItems added');
      else loosened('uniqueItems removed');
    }
    // A closed object refuses what clients send beyond its properties; what they receive is unaffected.
    if (this.direction === 'request' && (a.additionalProperties === false) !== (b.additionalProperties === false)) {
      if (b.additionalProperties === false) tightened('additionalProperties: false (no other properties accepted)');
      else loosened('other properties accepted');
    }
  }

  private properties(a: Json, b: Json, subject: string, depth: number): void {
    const pa = obj(a.properties);
    const pb = obj(b.properties);
    const requiredA = new Set(list(a.required).map(String));
    const requiredB = new Set(list(b.required).map(String));
    // readOnly properties are never sent, writeOnly ones never received.
    const skipped = this.direction === 'request' ? 'readOnly' : 'writeOnly';
    const seen = (p: unknown) => obj(p)[skipped] !== true;
    for (const [name, schemaA] of Object.entries(pa)) {
      if (!seen(schemaA)) continue;
      const where = `${subject}.${name}`;
      if (!(name in pb)) {
        this.add(
          'request-property-removed',
          'response-property-removed',
          where,
          requiredA.has(name) ? 'required property removed' : 'removed',
        );
        continue;
      }
      if (requiredA.has(name) && !requiredB.has(name)) {
        this.add('request-property-became-optional', 'response-property-became-optional', where, 'required → optional');
      } else if (!requiredA.has(name) && requiredB.has(name)) {
        this.add('request-property-became-required', 'response-property-became-required', where, 'optional → required');
      }
      this.nested(schemaA, pb[name], where, depth);
    }
    for (const [name, schemaB] of Object.entries(pb)) {
      if (name in pa || !seen(schemaB)) continue;
      const where = `${subject}.${name}`;
      if (requiredB.has(name)) this.add('request-property-added-required', 'response-property-added', where, 'added, required');
      else this.add('request-property-added', 'response-property-added', where, 'added, optional');
    }
    // The schema of other properties (a map's values); `false` on either side is a constraint (above).
    const ea = a.additionalProperties;
    const eb = b.additionalProperties;
    if (ea !== false && eb !== false && (isSchemaObject(ea) || isSchemaObject(eb))) {
      this.nested(isSchemaObject(ea) ? ea : {}, isSchemaObject(eb) ? eb : {}, `${subject}.*`, depth);
    }
  }

  /** Array items: tuple positions (`prefixItems`) one by one, then the items after them. */
  private arrays(a: Json, b: Json, subject: string, depth: number): void {
    const pa = list(a.prefixItems);
    const pb = list(b.prefixItems);
    if (a.items === undefined && b.items === undefined && pa.length === 0 && pb.length === 0) return;
    const positions = Math.max(pa.length, pb.length);
    for (let i = 0; i < positions; i++) {
      // A position a tuple does not list is governed by its `items`: false (closed), a schema, or anything.
      const ea = i < pa.length ? pa[i] : a.items;
      const eb = i < pb.length ? pb[i] : b.items;
      const where = `${subject}[${i}]`;
      if (ea === false && eb !== false) {
        this.add(
          'request-tuple-element-added',
          'response-tuple-element-added',
          where,
          this.direction === 'request' ? 'element accepted' : 'element added',
        );
      } else if (ea !== false && eb === false) {
        this.add(
          'request-tuple-element-removed',
          'response-tuple-element-removed',
          where,
          this.direction === 'request' ? 'element no longer accepted' : 'element removed',
        );
      } else if (ea !== false && eb !== false) this.nested(ea ?? {}, eb ?? {}, where, depth);
    }
    const ra = a.items;
    const rb = b.items;
    if (ra !== false && rb !== false) {
      if (ra !== undefined || rb !== undefined) this.nested(ra ?? {}, rb ?? {}, `${subject}[]`, depth);
      return;
    }
    // Like a closed object, a closed array refuses what clients send beyond it; what they receive is unaffected.
    if (this.direction !== 'request' || (ra === false) === (rb === false)) return;
    const after = positions === 0 ? 'no elements accepted' : `no elements after [${positions - 1}] accepted`;
    if (rb === false) this.add('request-constraint-tightened', 'response-constraint-tightened', subject, `items: false (${after})`);
    else this.add('request-constraint-loosened', 'response-constraint-loosened', subject, 'more elements accepted');
  }

  /** oneOf/anyOf on both sides (or, beside other keywords, on one). */
  private unions(a: Json, b: Json, subject: string, depth: number): void {
    const ua = unionOf(a);
    const ub = unionOf(b);
    if (!ua && !ub) return;
    if (ua && ub) {
      this.members(ub, list(a[ua]), list(b[ub]), subject, depth);
      // A schema with both keywords: its anyOf compared on its own.
      if (ua === 'oneOf' && ub === 'oneOf' && (a.anyOf !== undefined || b.anyOf !== undefined)) {
        this.members('anyOf', list(a.anyOf), list(b.anyOf), subject, depth);
      }
      return;
    }
    // Choices added beside other keywords (an object's One Of) restrict it further; removed, they restrict less.
    const keyword = (ua ?? ub) as Union;
    const count = list((ua ? a : b)[keyword]).length;
    if (ub) this.add('request-constraint-tightened', 'response-constraint-tightened', subject, `${keyword} of ${count} added`);
    else this.add('request-constraint-loosened', 'response-constraint-loosened', subject, `${keyword} of ${count} removed`);
  }

  /** Union members: paired, compared; those without a counterpart added or removed. */
  private members(keyword: Union, ma: unknown[], mb: unknown[], subject: string, depth: number): void {
    const { pairs, onlyA, onlyB } = pairMembers(ma, mb, (m, side) => this.diff.content(m, side));
    for (const [x, y, label] of pairs) this.nested(x, y, `${subject} (${keyword} ${label})`, depth);
    for (const label of onlyA)
      this.add('request-alternative-removed', 'response-alternative-removed', subject, `${keyword} member ${label} removed`);
    for (const label of onlyB)
      this.add('request-alternative-added', 'response-alternative-added', subject, `${keyword} member ${label} added`);
  }

  private allOf(a: Json, b: Json, subject: string, depth: number): void {
    if (a.allOf === undefined && b.allOf === undefined) return;
    const { pairs, onlyA, onlyB } = pairMembers(list(a.allOf), list(b.allOf), (m, side) => this.diff.content(m, side));
    for (const [x, y, label] of pairs) this.nested(x, y, `${subject} (allOf ${label})`, depth);
    for (const label of onlyA)
      this.add('request-constraint-loosened', 'response-constraint-loosened', subject, `allOf member ${label} removed`);
    for (const label of onlyB)
      this.add('request-constraint-tightened', 'response-constraint-tightened', subject, `allOf member ${label} added`);
  }
}

type Union = 'oneOf' | 'anyOf';

/** Keywords that describe a schema without constraining values. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'examples',
  'example',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'externalDocs',
  'xml',
  'discriminator',
]);

/** `oneOf` or `anyOf`, whichever the schema has (oneOf first). */
function unionOf(s: Json): Union | undefined {
  return Array.isArray(s.oneOf) ? 'oneOf' : Array.isArray(s.anyOf) ? 'anyOf' : undefined;
}

/** Whether the schema is only its union (and annotations). */
function isPure(s: Json, union: Union): boolean {
  return Object.keys(s).every((k) => k === union || ANNOTATIONS.has(k));
}

/** `{type: 'null'}` (annotations allowed). */
function isNullType(m: unknown): boolean {
  const s = obj(m);
  return s.type === 'null' && Object.keys(s).every((k) => k === 'type' || ANNOTATIONS.has(k));
}

/** A union with `{type: null}` members, as the union of the others plus "null allowed"; else the schema itself. */
function withoutNull(s: Json): { schema: Json; null: boolean } {
  const union = unionOf(s);
  if (!union || !isPure(s, union)) return { schema: s, null: false };
  const members = list(s[union]);
  const others = members.filter((m) => !isNullType(m));
  if (others.length === members.length || others.length === 0) return { schema: s, null: false };
  return { schema: others.length === 1 ? obj(others[0]) : { [union]: others }, null: true };
}

interface TypeSet {
  types: Set<string> | 'any';
  nullable: boolean;
}

/** The JSON types a schema allows, null apart; undefined when only composition says (compared member by member). */
function typesOf(s: Json): TypeSet | undefined {
  const declared = Array.isArray(s.type) ? s.type.map(String) : typeof s.type === 'string' ? [s.type] : undefined;
  if (declared) {
    return { types: new Set(declared.filter((t) => t !== 'null')), nullable: declared.includes('null') || s.nullable === true };
  }
  if (s.properties !== undefined) return { types: new Set(['object']), nullable: s.nullable === true };
  if (s.items !== undefined || s.prefixItems !== undefined) return { types: new Set(['array']), nullable: s.nullable === true };
  const values = enumOf(s);
  if (values) {
    const types = new Set([...values].map((v) => jsonType(JSON.parse(v) as unknown)));
    const nullable = types.delete('null');
    return { types, nullable };
  }
  if (s.oneOf !== undefined || s.anyOf !== undefined || s.allOf !== undefined || s.not !== undefined) return undefined;
  return { types: 'any', nullable: true };
}

/** Whether a value of type `t` fits `types` (an integer is a number). */
function accepts(types: Set<string> | 'any', t: string): boolean {
  return types === 'any' || types.has(t) || (t === 'integer' && types.has('number'));
}

function describeTypes(t: TypeSet): string {
  const names = t.types === 'any' ? ['any'] : [...t.types];
  return [...names, ...(t.nullable && t.types !== 'any' ? ['null'] : [])].join('|') || 'null';
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** `enum` values (or `const` as one value), as JSON text. */
function enumOf(s: Json): Set<string> | undefined {
  if (Array.isArray(s.enum)) return new Set(s.enum.map((v) => JSON.stringify(v)));
  if ('const' in s) return new Set([JSON.stringify(s.const)]);
  return undefined;
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function isSchemaObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Member {
  m: unknown;
  index: number;
  ref: string | undefined;
  /** What it allows (a reference resolved), for comparing members. */
  content: Json;
  text: string;
}

/**
 * Pairs the members of two unions (or allOfs): the same named schema, then identical
 * ones, then the closest by type and property names, wherever they stand; only members
 * left without a counterpart are added or removed. A pair is labelled as in the new
 * document (`Colour`, `#2`); a member left over by name or position and what it is.
 */
function pairMembers(ma: unknown[], mb: unknown[], content: (m: unknown, side: 'before' | 'after') => Json) {
  const describe = (members: unknown[], side: 'before' | 'after'): Member[] =>
    members.map((m, index) => {
      const c = content(m, side);
      return { m, index, ref: schemaRefName(obj(m)), content: c, text: canonicalJson(c) };
    });
  const la = describe(ma, 'before');
  const lb = describe(mb, 'after');
  const partner = new Map<Member, Member>();
  const taken = new Set<Member>();
  const match = (x: Member, y: Member) => {
    partner.set(x, y);
    taken.add(y);
  };
  const free = (x: Member) => !partner.has(x);
  const open = (y: Member) => !taken.has(y);
  for (const x of la) {
    const y = x.ref === undefined ? undefined : lb.find((c) => open(c) && c.ref === x.ref);
    if (y) match(x, y);
  }
  for (const x of la.filter(free)) {
    const y = lb.find((c) => open(c) && c.text === x.text);
    if (y) match(x, y);
  }
  const candidates: Array<{ x: Member; y: Member; score: number }> = [];
  for (const x of la.filter(free)) {
    for (const y of lb.filter(open)) {
      // Two different named schemas are two different members.
      if (x.ref !== undefined && y.ref !== undefined) continue;
      const score = similarity(x.content, y.content);
      if (score > 0) candidates.push({ x, y, score });
    }
  }
  candidates.sort((p, q) => q.score - p.score || Math.abs(p.x.index - p.y.index) - Math.abs(q.x.index - q.y.index));
  for (const { x, y } of candidates) if (free(x) && open(y)) match(x, y);

  const label = (y: Member) => y.ref ?? `#${y.index + 1}`;
  const leftOver = (x: Member) => x.ref ?? `#${x.index + 1} (${memberSummary(x.content)})`;
  const pairs = [...partner].map(([x, y]): [unknown, unknown, string] => [x.m, y.m, label(y)]);
  return { pairs, onlyA: la.filter(free).map(leftOver), onlyB: lb.filter(open).map(leftOver) };
}

/** How alike two members are: shared property names count most, then a shared type; 0 when nothing is shared. */
function similarity(a: Json, b: Json): number {
  const pa = Object.keys(obj(a.properties));
  const pb = Object.keys(obj(b.properties));
  if (pa.length > 0 && pb.length > 0) {
    const shared = pa.filter((n) => pb.includes(n)).length;
    return shared === 0 ? 0 : 1 + shared / new Set([...pa, ...pb]).size;
  }
  const ta = typesOf(a);
  const tb = typesOf(b);
  if (!ta || !tb) return 0;
  if (ta.types === 'any' || tb.types === 'any') return 0.5;
  const typesB = tb.types;
  const typesA = ta.types;
  return [...typesA].some((t) => accepts(typesB, t)) || [...typesB].some((t) => accepts(typesA, t)) ? 1 : 0;
}

/** `string`, `object with iban, bic`: a member in a few words. */
function memberSummary(s: Json): string {
  const names = Object.keys(obj(s.properties));
  if (names.length > 0) return `object with ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`;
  const types = typesOf(s);
  return types ? describeTypes(types) : (unionOf(s) ?? (s.allOf !== undefined ? 'allOf' : 'schema'));
}

/** JSON text with object keys sorted, so equal schemas give equal text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isSchemaObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}
