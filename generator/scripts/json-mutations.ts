/**
 * Mutations of a JSON example for the fidelity check: for every object of the
 * example, each property dropped, each property given a value of another JSON
 * type, and one unknown property added. Two schemas that mean the same accept
 * and reject the same mutants.
 */

/** A mutated copy of an example and what was done to it. */
export interface Mutant {
  /** e.g. `drop /items/0/id`, `retype /name`, `add /address/zzUnknownProperty`. */
  change: string;
  value: unknown;
}

/** A location in the example, as keys and indices from the root. */
export type InstancePath = Array<string | number>;

/** The name given to the added property (any name the example does not use). */
const UNKNOWN = 'zzUnknownProperty';

/**
 * Every mutant of `example`. Objects are visited through their properties; an
 * array's elements only when `enterArray(path)` says the ground truth describes
 * them (Drafter's schemas leave most array items unconstrained).
 */
export function mutantsOf(example: unknown, enterArray: (path: InstancePath) => boolean): Mutant[] {
  const out: Mutant[] = [];
  const visit = (value: unknown, path: InstancePath) => {
    if (Array.isArray(value)) {
      if (!enterArray(path)) return;
      value.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    if (!isObject(value)) return;
    for (const key of Object.keys(value)) {
      out.push({ change: `drop ${pointer([...path, key])}`, value: replaceAt(example, path, without(value, key)) });
      out.push({
        change: `retype ${pointer([...path, key])}`,
        value: replaceAt(example, path, { ...value, [key]: otherType(value[key]) }),
      });
    }
    let name = UNKNOWN;
    for (let n = 2; name in value; n++) name = `${UNKNOWN}${n}`;
    out.push({ change: `add ${pointer([...path, name])}`, value: replaceAt(example, path, { ...value, [name]: 'x' }) });
    for (const key of Object.keys(value)) visit(value[key], [...path, key]);
  };
  visit(example, []);
  return out;
}

/** A value of a different JSON type: a number for a string, a string for anything else. */
function otherType(value: unknown): unknown {
  return typeof value === 'string' ? 12345 : 'mutated';
}

function without(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = obj;
  return rest;
}

/** A copy of `root` with the value at `path` replaced (the rest shared, never modified). */
function replaceAt(root: unknown, path: InstancePath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root) && typeof head === 'number') {
    const copy = [...root];
    copy[head] = replaceAt(root[head], rest, value);
    return copy;
  }
  if (isObject(root) && typeof head === 'string') return { ...root, [head]: replaceAt(root[head], rest, value) };
  return root;
}

/** JSON Pointer of a path (`/a/0/b`). */
export function pointer(path: InstancePath): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('') || '/';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
