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
    const sa = obj(a);
    const sb = obj(b);
    const refA = schemaRefName(sa);
    const refB = schemaRefName(sb);
    if (refA !== undefined && refB !== undefined) return this.named(refA, refB, direction);
    // A reference on one side only: compare what it names with the inline schema.
    const resolvedA = refA === undefined ? sa : componentSchema(this.before, refA);
    const resolvedB = refB === undefined ? sb : componentSchema(this.after, refB);
    const changes: SchemaChange[] = [];
    new Walk(this, direction, changes).schema(resolvedA, resolvedB, subject, depth);
    return changes;
  }

  private named(nameA: string, nameB: string, direction: Direction): SchemaChange[] {
    const key = `${direction}|${nameA}|${nameB}`;
    const known = this.memo.get(key);
    if (known) return known;
    // A schema that contains itself: the outer comparison reports its changes.
    if (this.active.has(key)) return [];
    this.active.add(key);
    const subject = nameA === nameB ? nameB : `${nameB} (was ${nameA})`;
    const changes: SchemaChange[] = [];
    new Walk(this, direction, changes).schema(componentSchema(this.before, nameA), componentSchema(this.after, nameB), subject, 0);
    this.active.delete(key);
    this.memo.set(key, changes);
    return changes;
  }
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

  schema(a: Json, b: Json, subject: string, depth: number): void {
    this.types(a, b, subject);
    this.format(a, b, subject);
    this.enums(a, b, subject);
    this.constraints(a, b, subject);
    this.properties(a, b, subject, depth);
    if (a.items !== undefined || b.items !== undefined) this.nested(a.items ?? {}, b.items ?? {}, `${subject}[]`, depth);
    for (const keyword of ['oneOf', 'anyOf'] as const) this.alternatives(keyword, a, b, subject, depth);
    this.allOf(a, b, subject, depth);
  }

  private types(a: Json, b: Json, subject: string): void {
    const ta = typesOf(a);
    const tb = typesOf(b);
    if (!ta || !tb) return;
    const lost = ta.types === 'any' ? (tb.types === 'any' ? [] : ['any']) : [...ta.types].filter((t) => !accepts(tb.types, t));
    const gained = tb.types === 'any' ? (ta.types === 'any' ? [] : ['any']) : [...tb.types].filter((t) => !accepts(ta.types, t));
    const detail = `type ${describeTypes(ta)} → ${describeTypes(tb)}`;
    if (lost.length > 0 && gained.length > 0) this.add('request-type-changed', 'response-type-changed', subject, detail);
    else if (lost.length > 0) this.add('request-type-narrowed', 'response-type-narrowed', subject, detail);
    else if (gained.length > 0) this.add('request-type-widened', 'response-type-widened', subject, detail);
    if (ta.nullable && !tb.nullable)
      this.add('request-became-not-nullable', 'response-became-not-nullable', subject, 'null no longer allowed');
    if (!ta.nullable && tb.nullable) this.add('request-became-nullable', 'response-became-nullable', subject, 'may now be null');
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
  }

  private alternatives(keyword: 'oneOf' | 'anyOf', a: Json, b: Json, subject: string, depth: number): void {
    if (a[keyword] === undefined && b[keyword] === undefined) return;
    // A schema that becomes (or stops being) a union is its first member.
    const ma = a[keyword] === undefined ? [a] : list(a[keyword]);
    const mb = b[keyword] === undefined ? [b] : list(b[keyword]);
    const { pairs, onlyA, onlyB } = pairMembers(ma, mb);
    for (const [x, y, label] of pairs) if (x !== a || y !== b) this.nested(x, y, `${subject} (${keyword} ${label})`, depth);
    for (const label of onlyA)
      this.add('request-alternative-removed', 'response-alternative-removed', subject, `${keyword} member ${label} removed`);
    for (const label of onlyB)
      this.add('request-alternative-added', 'response-alternative-added', subject, `${keyword} member ${label} added`);
  }

  private allOf(a: Json, b: Json, subject: string, depth: number): void {
    if (a.allOf === undefined && b.allOf === undefined) return;
    const { pairs, onlyA, onlyB } = pairMembers(list(a.allOf), list(b.allOf));
    for (const [x, y, label] of pairs) this.nested(x, y, `${subject} (allOf ${label})`, depth);
    for (const label of onlyA)
      this.add('request-constraint-loosened', 'response-constraint-loosened', subject, `allOf member ${label} removed`);
    for (const label of onlyB)
      this.add('request-constraint-tightened', 'response-constraint-tightened', subject, `allOf member ${label} added`);
  }
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
  if (s.items !== undefined) return { types: new Set(['array']), nullable: s.nullable === true };
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

/** Members matched by referenced name, inline ones by position among the inline ones (`#1`, `#2`, …). */
function pairMembers(ma: unknown[], mb: unknown[]) {
  const labelled = (members: unknown[]) => {
    let inline = 0;
    return members.map((m) => ({ m, label: schemaRefName(obj(m)) ?? `#${++inline}` }));
  };
  const la = labelled(ma);
  const lb = labelled(mb);
  const pairs: Array<[unknown, unknown, string]> = [];
  const onlyA: string[] = [];
  for (const x of la) {
    const y = lb.find((candidate) => candidate.label === x.label);
    if (y) pairs.push([x.m, y.m, x.label]);
    else onlyA.push(x.label);
  }
  const onlyB = lb.filter((y) => !la.some((x) => x.label === y.label)).map((y) => y.label);
  return { pairs, onlyA, onlyB };
}
