/**
 * Holds one body schema of our document against Drafter's own JSON Schema for the
 * same body (the ground truth of `pnpm conformance`): Drafter's example, every
 * mutant of it and any chosen values get a verdict from both.
 */
import { expect } from 'vitest';
import { type SchemaPair, drafterMutants, schemaPairs } from '../../generator/scripts/fidelity.js';
import { normaliseSource } from '../../generator/src/normalise-source.js';
import { toOpenApi } from './blueprint.js';

/** The verdicts on one body: where both schemas disagree, and what ours says about `values`. */
export interface Verdicts {
  /** Drafter's example of the body. */
  example: unknown;
  /** `value: Drafter accepts, ours rejects` lines; empty when both always agree. */
  disagreements: string[];
  /** Our verdict on each of `values`, in order. */
  ours: boolean[];
  /** Drafter's verdict on each of `values`, in order. */
  drafter: boolean[];
  /** Our schema for the body. */
  schema: unknown;
  /** Our whole document (for components). */
  doc: ReturnType<typeof toOpenApi>['doc'];
}

/**
 * `where` names the body as `METHOD href request` or `METHOD href status`
 * (`POST /r request`, `GET /r/{id} 200`).
 */
export function verdicts(source: string, where: string, values: unknown[] = []): Verdicts {
  const { doc } = toOpenApi(source);
  const pairs = schemaPairs(normaliseSource(source), doc);
  const pair = pairs.find((p) => `${p.body.method.toUpperCase()} ${p.body.href} ${p.body.message}` === where);
  if (!pair)
    throw new Error(`no body '${where}'; bodies: ${pairs.map((p) => `${p.body.method} ${p.body.href} ${p.body.message}`).join(', ')}`);
  const drafter = usable(pair.drafter, "Drafter's schema");
  const ours = usable(pair.ours, 'our schema');
  const example = JSON.parse(pair.body.example ?? 'null') as unknown;
  const checked = [example, ...drafterMutants(pair.body, example).map((m) => m.value), ...values];
  const disagreements = checked
    .filter((v) => drafter(v) !== ours(v))
    .map((v) => `${JSON.stringify(v)}: Drafter ${drafter(v) ? 'accepts' : 'rejects'}, ours ${ours(v) ? 'accepts' : 'rejects'}`);
  const segments = where.split(' ');
  const operation = doc.paths[segments[1]?.replace(/\{\?[^}]*\}/, '') ?? '']?.[segments[0]?.toLowerCase() ?? ''] as Record<string, any>;
  const message = segments[2] === 'request' ? operation?.requestBody : operation?.responses?.[segments[2] ?? ''];
  return {
    example,
    disagreements,
    ours: values.map((v) => ours(v)),
    drafter: values.map((v) => drafter(v)),
    schema: message?.content?.['application/json']?.schema,
    doc,
  };
}

function usable(validator: SchemaPair['ours'], what: string): (value: unknown) => boolean {
  if (typeof validator === 'string') throw new Error(`${what}: ${validator}`);
  return (value) => validator(value) === true;
}

/**
 * Asserts that our schema and Drafter's agree on Drafter's example, every mutant of it
 * and `values`, and that ours gives `expected` on `values`; returns the verdicts.
 */
export function expectAgreement(source: string, where: string, values: unknown[], expected: boolean[]): Verdicts {
  const v = verdicts(source, where, values);
  expect(v.disagreements).toEqual([]);
  expect(v.ours).toEqual(expected);
  return v;
}
