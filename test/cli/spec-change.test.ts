/**
 * A partner's spec changes, end to end on a copy of the real spec: what generate and
 * check say about them (verdict, exit status, message), and what the build does next.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, spawnCli } from './support.js';
import { EDITS, type SpecCopy, copySpec } from './spec-copy.js';

const copies: SpecCopy[] = [];
afterAll(() => {
  for (const c of copies.splice(0)) c.remove();
});
function fresh(...edits: Array<readonly [string, string]>): SpecCopy {
  const copy = copySpec();
  copies.push(copy);
  for (const [from, to] of edits) copy.edit(from, to);
  return copy;
}

describe('finding 1: whether a change breaks clients depends on which way the schema travels', () => {
  it('a response property made optional breaks clients: refused, naming the operation, nothing written', async () => {
    const w = fresh(EDITS.certificateValueOptional);
    const before = w.read('schema.d.ts');
    const r = await w.run('generate');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      `generate: API changes against ${w.out}/openapi.json: 1 breaking, 0 warnings, 0 info`,
      '  breaking  response-property-became-optional  Certificate.value: required → optional',
      '            affects getEncryptionCertificate (GET /certificate)',
    ]);
    expect(r.stderr).toBe(
      'generate: 1 breaking change(s); nothing written. Undo it, or run generate --allow-breaking and release a new major version (tm-partner check --base says which).',
    );
    expect(w.read('schema.d.ts')).toBe(before);
  });

  it('a required property added to a response-only schema, or a response property made required, breaks nothing', async () => {
    const w = fresh(EDITS.venueCapacity, EDITS.httpCodeRequired);
    const r = await w.run('generate');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`generate: API changes against ${w.out}/openapi.json: 0 breaking, 0 warnings, 2 info`);
    expect(r.stdout).toContain('  info      response-property-became-required  ErrorDetail.http_code: optional → required');
    expect(r.stdout).toContain('  info      response-property-added  Venue.capacity: added, required');
    expect(r.stdout).toContain('            affects retrieveEventDetails (GET /event/{event_id})');
    expect(r.stderr).toBe('');
    expect(JSON.parse(w.read('openapi.json')).components.schemas.Venue.required).toContain('capacity');
    expect(await w.run('check')).toMatchObject({ status: 0 });
  });
});

describe('finding 2: an operationId never changes silently', () => {
  it('retitling an action is a breaking operation-id-changed, refused until allowed', async () => {
    const w = fresh(EDITS.retitleEventDetails);
    const refused = await w.run('generate');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain(
      '  breaking  operation-id-changed  GET /event/{event_id}: operationId retrieveEventDetails → getEventDetails',
    );
    expect(w.read('schema.d.ts')).toContain('retrieveEventDetails: {');

    const allowed = await w.run('generate', '--allow-breaking');
    expect(allowed.status).toBe(0);
    expect(w.read('schema.d.ts')).toContain('getEventDetails: {');
    expect(w.read('schema.d.ts')).not.toContain('retrieveEventDetails');
  });

  it('an action added earlier with the same title takes the operationId: the old one moves, reported by generate and check', async () => {
    const w = fresh([
      '## Event [/event/{event_id}{?apikey}]',
      '## Event summary [/event-summary]\n\n### Retrieve event details [GET]\n\n+ Response 204\n\n## Event [/event/{event_id}{?apikey}]',
    ]);
    const moved = '  breaking  operation-id-changed  GET /event/{event_id}: operationId retrieveEventDetails → eventRetrieveEventDetails';
    const check = await w.run('check');
    expect(check.status).toBe(1);
    expect(check.stdout.split('\n')).toContain(moved);
    const refused = await w.run('generate');
    expect(refused.status).toBe(1);
    expect(refused.stdout.split('\n')).toContain(moved);
    expect(w.read('schema.d.ts')).toContain('retrieveEventDetails: {');
  });
});

describe('finding 8: messages say who speaks, whom a change affects, and what a rename probably is', () => {
  it('a renamed path is a removal with a hint, plus an addition', async () => {
    const w = fresh(['## Event [/event/{event_id}{?apikey}]', '## Event [/events/{event_id}{?apikey}]']);
    const r = await w.run('check');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('  breaking  operation-removed  GET /event/{event_id}: removed');
    expect(r.stdout).toContain(
      '            hint: GET /events/{event_id} is new with the same operationId (retrieveEventDetails): a renamed path? Clients calling /event/{event_id} break',
    );
    expect(r.stdout).toContain('  info      operation-added  GET /events/{event_id}: added');
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^generate:/m);
  });
});

describe('finding 5: the build type-checks the client against new types', () => {
  it('tsc -b rebuilds the client after generate, and fails where it no longer compiles', async () => {
    const w = fresh(EDITS.certificateValueOptional);
    // The client beside the copy, as in the workspace: packages/client with @tm-partner/generated linked to ../generated.
    const client = join(w.dir, 'packages/client');
    cpSync(join(ROOT, 'packages/client/src'), join(client, 'src'), { recursive: true });
    for (const file of ['tsconfig.json', 'package.json']) cpSync(join(ROOT, 'packages/client', file), join(client, file));
    cpSync(join(ROOT, 'tsconfig.base.json'), join(w.dir, 'tsconfig.base.json'));
    mkdirSync(join(client, 'node_modules/@tm-partner'), { recursive: true });
    mkdirSync(join(w.dir, 'node_modules'), { recursive: true });
    symlinkSync(w.out, join(client, 'node_modules/@tm-partner/generated'));
    symlinkSync(resolve(ROOT, 'packages/client/node_modules/openapi-fetch'), join(client, 'node_modules/openapi-fetch'));
    symlinkSync(resolve(ROOT, 'node_modules/@types'), join(w.dir, 'node_modules/@types'));
    const tsc = () => spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', client], { encoding: 'utf8' });

    const first = tsc();
    expect(first.stdout + first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect((await w.run('generate', '--allow-breaking')).status).toBe(0);
    const rebuilt = tsc();
    expect(rebuilt.stdout).toMatch(/src\/cart-session\.ts\(\d+,\d+\): error TS2345: Argument of type 'string \| undefined'/);
    expect(rebuilt.status).not.toBe(0);
  }, 120_000);
});

describe('finding 6: generated/ is replaced as a whole set or not at all', () => {
  it('a folder where schema.d.ts should be: one line naming it, exit 2, nothing replaced, no temporary files', async () => {
    const w = fresh(EDITS.venueCapacity);
    const json = w.read('openapi.json');
    rmSync(join(w.out, 'schema.d.ts'));
    mkdirSync(join(w.out, 'schema.d.ts'));
    const cli = spawnCli(['generate', '--spec', w.spec, '--out', w.out]);
    const { code } = await cli.exit;
    expect(code).toBe(2);
    const lines = cli.output().trim().split('\n');
    expect(lines.at(-1)).toBe(`generate: cannot write ${w.out}/schema.d.ts: it is a directory; ${w.out}/ is left as it was`);
    expect(lines.filter((l) => /^\s+at |Error:/.test(l))).toEqual([]);
    expect(w.read('openapi.json')).toBe(json);
    expect(readdirSync(w.out).sort()).toEqual(['openapi.json', 'openapi.yaml', 'package.json', 'schema.d.ts']);
  }, 60_000);
});
