/**
 * Fields of a JSON body that its schema does not name. The contract's objects are open
 * (JSON Schema allows unknown members unless told otherwise), so Ajv accepts them; but a
 * field the document does not have is one partners' generated types do not have either,
 * so `verify` reports it. Composed schemas (`allOf`, `anyOf`, `oneOf`) count a member as
 * documented when any branch names it; an object that allows extra members is not searched.
 */

type Schema = Record<string, unknown>;

/** JSON pointers (`/cart/items/0/extra`) of the members of `value` that `schema` does not name. */
export function undocumentedFields(document: unknown, schema: unknown, value: unknown): string[] {
  const found: string[] = [];
  walk(document, [schema], value, '', found);
  return found;
}

function walk(document: unknown, schemas: readonly unknown[], value: unknown, path: string, found: string[]): void {
  const leaves = schemas.flatMap((schema) => flatten(document, schema, new Set()));
  if (leaves.length === 0) return;
  if (Array.isArray(value)) {
    const items = leaves.flatMap((leaf) => (isSchema(leaf.items) ? [leaf.items] : []));
    if (items.length > 0) value.forEach((item, index) => walk(document, items, item, `${path}/${index}`, found));
    return;
  }
  if (!isSchema(value)) return;
  const open = leaves.some(allowsAnyMember);
  for (const [name, member] of Object.entries(value)) {
    const declared = leaves.flatMap((leaf) => {
      const properties = leaf.properties;
      return isSchema(properties) && name in properties ? [properties[name]] : [];
    });
    const where = `${path}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (declared.length > 0) walk(document, declared, member, where, found);
    else if (!open) found.push(where);
  }
}

/** The schema with `$ref`s resolved and `allOf`/`anyOf`/`oneOf` spread into their branches. */
function flatten(document: unknown, schema: unknown, seen: Set<string>): Schema[] {
  if (!isSchema(schema)) return [];
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    // A cycle adds nothing new; an unresolvable reference makes no claim.
    if (seen.has(ref)) return [];
    const target = resolvePointer(document, ref);
    return target === undefined ? [] : flatten(document, target, new Set([...seen, ref]));
  }
  const branches = ['allOf', 'anyOf', 'oneOf'].flatMap((keyword) => {
    const list = schema[keyword];
    return Array.isArray(list) ? list.flatMap((branch) => flatten(document, branch, seen)) : [];
  });
  return [schema, ...branches];
}

/** True when the schema accepts members it does not name, or says nothing about objects at all. */
function allowsAnyMember(schema: Schema): boolean {
  for (const keyword of ['additionalProperties', 'unevaluatedProperties']) {
    const rule = schema[keyword];
    if (rule !== undefined && rule !== false) return true;
  }
  if (schema.patternProperties !== undefined) return true;
  const composed = ['allOf', 'anyOf', 'oneOf'].some((keyword) => keyword in schema);
  const constrains = ['properties', 'type', 'const', 'enum', '$ref'].some((keyword) => keyword in schema);
  return !composed && !constrains;
}

function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isSchema(node)) return undefined;
    node = node[token];
  }
  return node;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
