/** Read-only access to an OpenAPI document given as plain JSON data, for the diff. */

/** A JSON object. */
export type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** An operation of a document. */
export interface OperationEntry {
  /** `GET /event/{event_id}` */
  key: string;
  /** The key with path variables blanked (`GET /event/{}`): two documents' operations match on it. */
  shape: string;
  method: string;
  path: string;
  operationId: string | undefined;
  op: Json;
  /** The path item holding it (parameters shared by its operations live there). */
  item: Json;
}

/** The object, or an empty one when the value is not an object. */
export function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** The array, or an empty one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Every operation of the document, in document order. */
export function operationsOf(doc: unknown): OperationEntry[] {
  const out: OperationEntry[] = [];
  for (const [path, item] of Object.entries(obj(obj(doc).paths))) {
    for (const method of METHODS) {
      const op = obj(obj(item)[method]);
      if (Object.keys(op).length === 0) continue;
      const verb = method.toUpperCase();
      out.push({
        key: `${verb} ${path}`,
        shape: `${verb} ${path.replace(/\{[^}]*\}/g, '{}')}`,
        method,
        path,
        operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
        op,
        item: obj(item),
      });
    }
  }
  return out;
}

/** `#/components/schemas/Cart` → `Cart`; undefined for any other reference. */
export function schemaRefName(schema: Json): string | undefined {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return undefined;
  const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
  return match?.[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Follows local `$ref`s (to responses, parameters, request bodies, …) to the object they name. */
export function deref(doc: unknown, value: unknown, depth = 0): Json {
  const node = obj(value);
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/') || depth > 16) return node;
  let target: unknown = doc;
  for (const part of ref.slice(2).split('/')) target = obj(target)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return deref(doc, target, depth + 1);
}

/** A named schema of `components/schemas`. */
export function componentSchema(doc: unknown, name: string): Json {
  return obj(obj(obj(obj(doc).components).schemas)[name]);
}

/** The parameters of an operation, its path item's included (the operation's own win), references followed. */
export function parametersOf(doc: unknown, entry: OperationEntry): Json[] {
  const byKey = new Map<string, Json>();
  for (const p of [...list(entry.item.parameters), ...list(entry.op.parameters)]) {
    const param = deref(doc, p);
    byKey.set(`${String(param.in)}:${String(param.name)}`, param);
  }
  return [...byKey.values()];
}

/** The names of the component schemas a part of the document uses, directly or through other schemas. */
export function schemaNamesUsedBy(doc: unknown, value: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const o = node as Json;
    if (typeof o.$ref === 'string') {
      const name = schemaRefName(o);
      if (name !== undefined && !names.has(name)) {
        names.add(name);
        visit(componentSchema(doc, name));
      } else if (name === undefined) {
        visit(deref(doc, o));
      }
    }
    for (const [key, child] of Object.entries(o)) if (key !== '$ref') visit(child);
  };
  visit(value);
  return names;
}
