/**
 * The changes inside one operation present in both documents: its id, security,
 * parameters, request body and responses. Schemas are compared by {@link SchemaDiff},
 * request ones as sent by the client, response ones as received.
 */
import { type Json, type OperationEntry, deref, list, obj, parametersOf } from './openapi-document.js';
import type { RuleId } from './rules.js';
import type { SchemaChange, SchemaDiff } from './schema-diff.js';

/** A change found in an operation, before it is grouped with the same change in other operations. */
export type OperationChange = SchemaChange;

/** Compares operation `a` of document `before` with `b` of `after` (same method, same path shape). */
export function diffOperation(
  before: unknown,
  after: unknown,
  a: OperationEntry,
  b: OperationEntry,
  schemas: SchemaDiff,
): OperationChange[] {
  const out: OperationChange[] = [];
  const add = (rule: RuleId, subject: string, detail: string) => out.push({ rule, subject, detail });
  const pair: Pair = { before, after, a, b, schemas, add, out };
  if (a.operationId !== b.operationId)
    add('operation-id-changed', a.key, `operationId ${a.operationId ?? 'none'} → ${b.operationId ?? 'none'}`);
  security(pair);
  parameters(pair);
  requestBody(pair);
  responses(pair);
  return out;
}

/** The two operations compared, their documents, and where changes go. */
interface Pair {
  before: unknown;
  after: unknown;
  a: OperationEntry;
  b: OperationEntry;
  schemas: SchemaDiff;
  add: (rule: RuleId, subject: string, detail: string) => void;
  out: OperationChange[];
}

/** Security alternatives as `scheme+scheme` keys; `''` is "no authentication". */
function alternatives(doc: unknown, entry: OperationEntry): Map<string, string[]> {
  const declared = entry.op.security ?? obj(doc).security;
  const out = new Map<string, string[]>();
  const requirements = list(declared);
  if (requirements.length === 0) out.set('', []);
  for (const requirement of requirements) {
    const names = Object.entries(obj(requirement))
      .map(([name, scopes]) => (list(scopes).length > 0 ? `${name}[${list(scopes).map(String).sort().join(',')}]` : name))
      .sort();
    out.set(names.join('+'), names);
  }
  return out;
}

function describeAlternative(names: string[]): string {
  return names.length === 0 ? 'no authentication' : names.join(' + ');
}

function security({ before, after, a, b, add }: Pair): void {
  const altsA = alternatives(before, a);
  const altsB = alternatives(after, b);
  const addedKeys = [...altsB.keys()].filter((k) => !altsA.has(k));
  for (const [key, names] of altsA) {
    if (altsB.has(key)) continue;
    // The same alternative with more schemes: a requirement was added to it.
    const stricter = addedKeys.find((k) => names.every((n) => altsB.get(k)?.includes(n)));
    if (stricter !== undefined) {
      addedKeys.splice(addedKeys.indexOf(stricter), 1);
      add('security-requirement-added', a.key, `${describeAlternative(names)} → ${describeAlternative(altsB.get(stricter) ?? [])}`);
    } else {
      add('security-alternative-removed', a.key, `${describeAlternative(names)} no longer accepted`);
    }
  }
  for (const key of addedKeys) add('security-alternative-added', a.key, `${describeAlternative(altsB.get(key) ?? [])} accepted`);

  const used = (alts: Map<string, string[]>) => new Set([...alts.values()].flat().map((n) => n.replace(/\[.*$/, '')));
  const usedB = used(altsB);
  for (const name of used(altsA)) {
    if (!usedB.has(name)) continue;
    const sa = obj(obj(obj(obj(before).components).securitySchemes)[name]);
    const sb = obj(obj(obj(obj(after).components).securitySchemes)[name]);
    const differing = ['type', 'in', 'name', 'scheme', 'bearerFormat', 'openIdConnectUrl', 'flows'].filter(
      (field) => JSON.stringify(sa[field]) !== JSON.stringify(sb[field]),
    );
    if (differing.length > 0) {
      const detail = differing.map((f) => `${f} ${JSON.stringify(sa[f]) ?? 'none'} → ${JSON.stringify(sb[f]) ?? 'none'}`).join(', ');
      add('security-scheme-changed', `security scheme ${name}`, detail);
    }
  }
}

function pathVariables(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
}

/** `query cart_id`; header names compare case-insensitively. */
function parameterKey(param: Json): string {
  const name = String(param.name);
  return `${String(param.in)} ${param.in === 'header' ? name.toLowerCase() : name}`;
}

function parameters({ before, after, a, b, schemas, add, out }: Pair): void {
  const pa = parametersOf(before, a);
  const pb = parametersOf(after, b);
  // Path variables are matched by position: the URL is the same whatever they are called.
  const varsA = pathVariables(a.path);
  const varsB = pathVariables(b.path);
  varsA.forEach((nameA, i) => {
    const nameB = varsB[i] ?? nameA;
    const subject = `${a.key} path ${nameA}`;
    if (nameA !== nameB) add('request-path-parameter-renamed', subject, `${nameA} → ${nameB}`);
    const schemaA = pa.find((p) => p.in === 'path' && p.name === nameA)?.schema;
    const schemaB = pb.find((p) => p.in === 'path' && p.name === nameB)?.schema;
    out.push(...schemas.compare(schemaA ?? {}, schemaB ?? {}, 'request', subject));
  });
  const others = (params: Json[]) => new Map(params.filter((p) => p.in !== 'path').map((p) => [parameterKey(p), p]));
  const oa = others(pa);
  const ob = others(pb);
  const sameName = (x: Json, y: Json) => String(x.name).toLowerCase() === String(y.name).toLowerCase();
  for (const [key, param] of oa) {
    const subject = `${a.key} ${key}`;
    const next = ob.get(key);
    if (!next) {
      const moved = [...ob.entries()].find(([k, p]) => !oa.has(k) && sameName(p, param));
      if (moved) {
        add('request-parameter-location-changed', subject, `in ${String(param.in)} → ${String(moved[1].in)}`);
        ob.delete(moved[0]);
      } else {
        add('request-parameter-removed', subject, param.required === true ? 'required parameter removed' : 'removed');
      }
      continue;
    }
    if (param.required !== true && next.required === true) add('request-parameter-became-required', subject, 'optional → required');
    if (param.required === true && next.required !== true) add('request-parameter-became-optional', subject, 'required → optional');
    out.push(...schemas.compare(param.schema ?? {}, next.schema ?? {}, 'request', subject));
  }
  for (const [key, param] of ob) {
    if (oa.has(key)) continue;
    if (param.required === true) add('request-parameter-added-required', `${a.key} ${key}`, 'added, required');
    else add('request-parameter-added', `${a.key} ${key}`, 'added, optional');
  }
}

function requestBody({ before, after, a, b, schemas, add, out }: Pair): void {
  const subject = `${a.key} request body`;
  const ba = a.op.requestBody === undefined ? undefined : deref(before, a.op.requestBody);
  const bb = b.op.requestBody === undefined ? undefined : deref(after, b.op.requestBody);
  if (!ba && !bb) return;
  if (!ba && bb) {
    if (bb.required === true) add('request-body-added-required', subject, 'added, required');
    else add('request-body-added', subject, 'added, optional');
    return;
  }
  if (ba && !bb) {
    add('request-body-removed', subject, 'removed');
    return;
  }
  if (ba?.required !== true && bb?.required === true) add('request-body-became-required', subject, 'optional → required');
  if (ba?.required === true && bb?.required !== true) add('request-body-became-optional', subject, 'required → optional');
  const ca = obj(ba?.content);
  const cb = obj(bb?.content);
  for (const [type, media] of Object.entries(ca)) {
    if (!(type in cb)) {
      add('request-media-type-removed', subject, `${type} no longer accepted`);
      continue;
    }
    out.push(...schemas.compare(obj(media).schema ?? {}, obj(cb[type]).schema ?? {}, 'request', subject));
  }
  for (const type of Object.keys(cb)) if (!(type in ca)) add('request-media-type-added', subject, `${type} accepted`);
}

function responses({ before, after, a, b, schemas, add, out }: Pair): void {
  const ra = obj(a.op.responses);
  const rb = obj(b.op.responses);
  const success = (status: string) => /^2/.test(status);
  for (const [status, response] of Object.entries(ra)) {
    const subject = `${a.key} response ${status}`;
    if (!(status in rb)) {
      if (success(status)) add('response-success-status-removed', subject, 'removed');
      else add('response-status-removed', subject, 'removed');
      continue;
    }
    const xa = deref(before, response);
    const xb = deref(after, rb[status]);
    const ha = new Map(Object.keys(obj(xa.headers)).map((h) => [h.toLowerCase(), h]));
    const hb = new Set(Object.keys(obj(xb.headers)).map((h) => h.toLowerCase()));
    for (const [lower, name] of ha) if (!hb.has(lower)) add('response-header-removed', subject, `header ${name} removed`);
    const ca = obj(xa.content);
    const cb = obj(xb.content);
    for (const [type, media] of Object.entries(ca)) {
      if (!(type in cb)) {
        add('response-media-type-removed', subject, `${type} removed`);
        continue;
      }
      out.push(...schemas.compare(obj(media).schema ?? {}, obj(cb[type]).schema ?? {}, 'response', subject));
    }
    for (const type of Object.keys(cb)) if (!(type in ca)) add('response-media-type-added', subject, `${type} added`);
  }
  for (const status of Object.keys(rb)) {
    if (status in ra) continue;
    const subject = `${a.key} response ${status}`;
    if (success(status)) add('response-success-status-added', subject, 'added');
    else add('response-status-added', subject, 'added');
  }
}
