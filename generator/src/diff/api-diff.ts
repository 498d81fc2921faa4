/**
 * What changed between two OpenAPI documents and whom it breaks: operations are
 * matched by method and path, compared part by part, and every change is reported
 * once with its rule, its severity and the operations it affects (a change to a
 * named schema lists every operation that uses it).
 */
import { type OperationEntry, deref, obj, operationsOf, schemaNamesUsedBy } from './openapi-document.js';
import { diffOperation } from './operation-diff.js';
import { type RuleId, type Severity, severityOf } from './rules.js';
import { SchemaDiff } from './schema-diff.js';

/** An operation affected by a change, as clients of the old document know it. */
export interface AffectedOperation {
  /** `GET /certificate` */
  key: string;
  operationId?: string;
}

/** One change between two documents. */
export interface ApiChange {
  rule: RuleId;
  severity: Severity;
  /** Where: `GET /cart`, `GET /cart query cart_id`, `Certificate.value`, `PUT /cart request body.payment`. */
  subject: string;
  /** How: `required → optional`, `maxLength 20 → 10`, `removed`. */
  detail: string;
  /** The operations it affects, sorted by key. */
  operations: AffectedOperation[];
  /** What it probably is, when the diff can tell (a renamed path, a renamed schema). */
  hint?: string;
}

const ORDER: Record<Severity, number> = { breaking: 0, warning: 1, info: 2 };

/** Lists the changes from `before` to `after`, breaking first. */
export function diffApis(before: unknown, after: unknown): ApiChange[] {
  const found = new Map<string, ApiChange>();
  const record = (change: { rule: RuleId; subject: string; detail: string; hint?: string }, entry: OperationEntry) => {
    const key = `${change.rule}|${change.subject}|${change.detail}`;
    let existing = found.get(key);
    if (!existing) {
      existing = { ...change, severity: severityOf(change.rule), operations: [] };
      found.set(key, existing);
    }
    if (!existing.operations.some((o) => o.key === entry.key)) {
      existing.operations.push(entry.operationId === undefined ? { key: entry.key } : { key: entry.key, operationId: entry.operationId });
    }
  };

  const schemas = new SchemaDiff(before, after);
  const oldOps = operationsOf(before);
  const newOps = operationsOf(after);
  const newByShape = new Map(newOps.map((o) => [o.shape, o]));
  const oldShapes = new Set(oldOps.map((o) => o.shape));
  const added = newOps.filter((o) => !oldShapes.has(o.shape));
  for (const a of oldOps) {
    const b = newByShape.get(a.shape);
    if (!b) {
      const hint = renameHint(before, after, a, added);
      record({ rule: 'operation-removed', subject: a.key, detail: 'removed', ...(hint ? { hint } : {}) }, a);
      continue;
    }
    for (const change of diffOperation(before, after, a, b, schemas)) record(change, a);
  }
  for (const b of added) record({ rule: 'operation-added', subject: b.key, detail: 'added' }, b);

  const oldSchemas = obj(obj(obj(before).components).schemas);
  const newSchemas = obj(obj(obj(after).components).schemas);
  for (const name of Object.keys(oldSchemas)) {
    if (name in newSchemas) continue;
    const text = JSON.stringify(oldSchemas[name]);
    const twin = Object.keys(newSchemas).find((n) => !(n in oldSchemas) && JSON.stringify(newSchemas[n]) === text);
    const change = {
      rule: 'component-schema-removed' as const,
      subject: name,
      detail: 'removed',
      ...(twin ? { hint: `${twin} is new and identical: renamed?` } : {}),
    };
    const users = oldOps.filter((o) => schemaNamesUsedBy(before, o.op).has(name));
    if (users.length === 0) found.set(`${change.rule}|${name}`, { ...change, severity: severityOf(change.rule), operations: [] });
    for (const o of users) record(change, o);
  }

  const changes = [...found.values()];
  for (const c of changes) c.operations.sort((x, y) => x.key.localeCompare(y.key));
  return changes.sort(
    (x, y) => ORDER[x.severity] - ORDER[y.severity] || x.subject.localeCompare(y.subject) || x.rule.localeCompare(y.rule),
  );
}

/**
 * A removed operation that reappears under another path is a renamed path to clients
 * still calling the old one. Said when an added operation has the same method and
 * operationId, or the same parameters, body and responses.
 */
function renameHint(before: unknown, after: unknown, removed: OperationEntry, added: OperationEntry[]): string | undefined {
  const candidates = added.filter((o) => o.method === removed.method);
  const byId = candidates.find((o) => o.operationId !== undefined && o.operationId === removed.operationId);
  if (byId)
    return `${byId.key} is new with the same operationId (${byId.operationId}): a renamed path? Clients calling ${removed.path} break`;
  const shape = signature(before, removed);
  const twin = candidates.find((o) => signature(after, o) === shape);
  if (twin) return `${twin.key} is new with the same parameters, body and responses: a renamed path? Clients calling ${removed.path} break`;
  return undefined;
}

/** Parameters (other than path variables), body schemas and response schemas of an operation, as text. */
function signature(doc: unknown, entry: OperationEntry): string {
  const op = entry.op;
  const params = Array.isArray(op.parameters)
    ? op.parameters
        .map((p) => obj(p))
        .filter((p) => p.in !== 'path')
        .map((p) => `${String(p.in)}:${String(p.name)}:${p.required === true}`)
        .sort()
    : [];
  const content = (value: unknown) =>
    Object.fromEntries(Object.entries(obj(deref(doc, value).content)).map(([type, media]) => [type, obj(media).schema]));
  const responses = Object.fromEntries(Object.entries(obj(op.responses)).map(([status, r]) => [status, content(r)]));
  return JSON.stringify({ params, body: content(op.requestBody), responses });
}
