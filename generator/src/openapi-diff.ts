/**
 * What changed between two OpenAPI documents, for reviewing a regeneration:
 * operations, parameters and component schemas added, removed or changed, with
 * the changes that break existing clients flagged.
 */

/** One difference. */
export interface ApiChange {
  kind: 'added' | 'removed' | 'changed';
  /** `operation GET /cart`, `parameter GET /cart query:cart_id`, `schema Cart.cart_id`, … */
  subject: string;
  detail?: string;
  /** Would a client written against the old document break? */
  breaking: boolean;
}

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Lists the changes from `before` to `after`, breaking ones flagged. */
export function diffOpenApi(before: unknown, after: unknown): ApiChange[] {
  const changes: ApiChange[] = [];
  const oldOps = operations(before);
  const newOps = operations(after);
  for (const [key, op] of oldOps) {
    const next = newOps.get(key);
    if (!next) {
      changes.push({ kind: 'removed', subject: `operation ${key}`, breaking: true });
      continue;
    }
    diffParameters(key, op, next, changes);
    diffRequestBody(key, op, next, changes);
  }
  for (const key of newOps.keys()) if (!oldOps.has(key)) changes.push({ kind: 'added', subject: `operation ${key}`, breaking: false });
  diffSchemas(obj(obj(before).components).schemas, obj(obj(after).components).schemas, changes);
  return changes;
}

/** Human-readable lines, `!` marking breaking changes. */
export function formatChanges(changes: ApiChange[]): string {
  if (changes.length === 0) return 'no API changes';
  const sign = { added: '+', removed: '-', changed: '~' } as const;
  return changes.map((c) => `${c.breaking ? '!' : ' '} ${sign[c.kind]} ${c.subject}${c.detail ? `: ${c.detail}` : ''}`).join('\n');
}

function operations(doc: unknown): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const [path, item] of Object.entries(obj(obj(doc).paths))) {
    for (const method of METHODS) {
      const op = obj(obj(item)[method]);
      if (Object.keys(op).length > 0) out.set(`${method.toUpperCase()} ${path}`, op);
    }
  }
  return out;
}

function diffParameters(key: string, before: Json, after: Json, changes: ApiChange[]): void {
  const params = (op: Json) =>
    new Map(
      list(op.parameters).map((p) => {
        const param = obj(p);
        return [`${String(param.in)}:${String(param.name)}`, param] as const;
      }),
    );
  const oldParams = params(before);
  const newParams = params(after);
  for (const [name, param] of oldParams) {
    const next = newParams.get(name);
    const subject = `parameter ${key} ${name}`;
    if (!next) {
      changes.push({ kind: 'removed', subject, breaking: true });
      continue;
    }
    if (next.required === true && param.required !== true)
      changes.push({ kind: 'changed', subject, detail: 'now required', breaking: true });
    const narrowed = narrowing(obj(param.schema), obj(next.schema));
    if (narrowed) changes.push({ kind: 'changed', subject, detail: narrowed, breaking: true });
  }
  for (const [name, param] of newParams) {
    if (!oldParams.has(name)) {
      const required = param.required === true;
      changes.push({ kind: 'added', subject: `parameter ${key} ${name}`, ...(required ? { detail: 'required' } : {}), breaking: required });
    }
  }
}

function diffRequestBody(key: string, before: Json, after: Json, changes: ApiChange[]): void {
  const oldBody = obj(before.requestBody);
  const newBody = obj(after.requestBody);
  if (Object.keys(oldBody).length === 0 && newBody.required === true) {
    changes.push({ kind: 'added', subject: `request body ${key}`, detail: 'required', breaking: true });
  } else if (Object.keys(oldBody).length > 0 && Object.keys(newBody).length === 0) {
    changes.push({ kind: 'removed', subject: `request body ${key}`, breaking: true });
  }
}

function diffSchemas(before: unknown, after: unknown, changes: ApiChange[]): void {
  const oldSchemas = obj(before);
  const newSchemas = obj(after);
  for (const [name, schema] of Object.entries(oldSchemas)) {
    if (!(name in newSchemas)) {
      changes.push({ kind: 'removed', subject: `schema ${name}`, breaking: true });
      continue;
    }
    diffSchema(name, obj(schema), obj(newSchemas[name]), changes);
  }
  for (const name of Object.keys(newSchemas))
    if (!(name in oldSchemas)) changes.push({ kind: 'added', subject: `schema ${name}`, breaking: false });
}

/** Compares properties (recursively through inline objects), `required` and types. */
function diffSchema(path: string, before: Json, after: Json, changes: ApiChange[], depth = 0): void {
  if (depth > 16) return;
  const narrowed = narrowing(before, after);
  if (narrowed) changes.push({ kind: 'changed', subject: `schema ${path}`, detail: narrowed, breaking: true });
  const oldProps = obj(before.properties);
  const newProps = obj(after.properties);
  const oldRequired = new Set(list(before.required));
  const newRequired = new Set(list(after.required));
  for (const [prop, schema] of Object.entries(oldProps)) {
    const subject = `schema ${path}.${prop}`;
    if (!(prop in newProps)) {
      changes.push({ kind: 'removed', subject, breaking: true });
      continue;
    }
    if (newRequired.has(prop) && !oldRequired.has(prop)) changes.push({ kind: 'changed', subject, detail: 'now required', breaking: true });
    diffSchema(`${path}.${prop}`, obj(schema), obj(newProps[prop]), changes, depth + 1);
  }
  for (const prop of Object.keys(newProps)) {
    if (prop in oldProps) continue;
    const required = newRequired.has(prop);
    changes.push({ kind: 'added', subject: `schema ${path}.${prop}`, ...(required ? { detail: 'required' } : {}), breaking: required });
  }
  if (before.$ref !== after.$ref && (before.$ref !== undefined || after.$ref !== undefined)) {
    changes.push({
      kind: 'changed',
      subject: `schema ${path}`,
      detail: `reference ${String(before.$ref ?? 'inline')} → ${String(after.$ref ?? 'inline')}`,
      breaking: true,
    });
  }
}

/** Describes how `after` accepts less than `before` (fewer types or enum values), if it does. */
function narrowing(before: Json, after: Json): string | undefined {
  const types = (s: Json) => (Array.isArray(s.type) ? s.type.map(String) : typeof s.type === 'string' ? [s.type] : undefined);
  const oldTypes = types(before);
  const newTypes = types(after);
  if (oldTypes && newTypes) {
    const lost = oldTypes.filter((t) => !newTypes.includes(t) && !(t === 'integer' && newTypes.includes('number')));
    if (lost.length > 0) return `type ${oldTypes.join('|')} → ${newTypes.join('|')}`;
  } else if (!oldTypes && newTypes && Object.keys(before).length === 0) {
    return `type any → ${newTypes.join('|')}`;
  }
  if (Array.isArray(after.enum)) {
    const allowed = new Set(after.enum.map((v) => JSON.stringify(v)));
    const old = Array.isArray(before.enum) ? before.enum : undefined;
    if (!old) return 'now restricted to an enum';
    const lost = old.filter((v) => !allowed.has(JSON.stringify(v)));
    if (lost.length > 0) return `enum values removed: ${lost.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return undefined;
}

function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
