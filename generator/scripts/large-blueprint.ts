/**
 * A large blueprint for the scale bench, made at bench time from our own spec (never
 * committed): the spec's metadata and introduction, one resource group repeated with
 * distinct paths and names (the "Captcha and cart" group with the "Cart payment"
 * resource: six operations, JSON bodies, MSON attributes, headers), then the spec's
 * data structures once. 104 copies give about 5 MB and 624 operations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus.js';

/** The blueprint text and how many operations it has. */
export interface LargeBlueprint {
  source: string;
  operations: number;
}

const GROUP_START = '# Group Captcha and cart';
const GROUP_END = '# Group Payment';
const PAYMENT_START = '## Cart payment [';
const PAYMENT_END = '# Group Orders';
const STRUCTURES = '# Data Structures';
/** Operations in one copy of the template group. */
const PER_COPY = 6;

/** Builds the blueprint with `copies` copies of the template group (default 104: 624 operations). */
export function largeBlueprint(copies = 104, spec = readFileSync(join(REPO_ROOT, 'spec', 'partner-api.apib'), 'utf8')): LargeBlueprint {
  const head = spec.slice(0, at(spec, '# Group '));
  const group = spec.slice(at(spec, GROUP_START), at(spec, GROUP_END)) + spec.slice(at(spec, PAYMENT_START), at(spec, PAYMENT_END));
  const structures = spec.slice(at(spec, STRUCTURES));
  const parts = [head];
  for (let n = 1; n <= copies; n++) parts.push(copyOf(group, n));
  parts.push(structures);
  return { source: parts.join(''), operations: copies * PER_COPY };
}

/** Copy `n` of the group: its name, resource names and paths made distinct (`/r17/cart…`). */
function copyOf(group: string, n: number): string {
  return group.replace(/^# Group (.+)$/m, `# Group $1 ${n}`).replace(/^## ([^\n[]+?) \[\//gm, `## $1 ${n} [/r${n}/`);
}

function at(text: string, marker: string): number {
  const index = text.indexOf(marker);
  if (index === -1) throw new Error(`the spec has no '${marker}'; the large-blueprint template needs it`);
  return index;
}
