/**
 * The packages as a partner gets them: `pnpm pack` of @tm-partner/generated,
 * @tm-partner/client and @tm-partner/apib-to-openapi, installed with npm into a fresh
 * project outside the workspace, type-checked with the consumer's own TypeScript, run
 * against the sandbox, and the converter's bin used from there.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../packages/sandbox/src/index.js';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const PACKAGES = ['generated', 'packages/client', 'generator'];
const TSC_FLAGS = [
  '--strict',
  '--noEmit',
  '--module',
  'nodenext',
  '--moduleResolution',
  'nodenext',
  '--target',
  'es2022',
  '--types',
  'node',
];

/** The environment without the npm_* settings pnpm or npm gave this process: the consumer's npm reads its own. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** pnpm as the workspace pins it: the running one when the tests run under pnpm, else through npx. */
async function pnpm(): Promise<{ file: string; args: string[] }> {
  const execPath = process.env['npm_execpath'];
  if (execPath && /pnpm[^/\\]*\.c?js$/.test(execPath)) return { file: process.execPath, args: [execPath] };
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { packageManager: string };
  return { file: 'npx', args: ['-y', manifest.packageManager] };
}

const timings: Record<string, number> = {};
async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[name] = Math.round(performance.now() - started);
  }
}

const APP = `import { convert } from '@tm-partner/apib-to-openapi';
import {
  PartnerApiError,
  PartnerError,
  PartnerValidationError,
  createPartnerClient,
  type CartResponse,
  type EventDetails,
  type ReserveEvent,
} from '@tm-partner/client';
import type { components } from '@tm-partner/generated';

const baseUrl = process.argv[2];
if (!baseUrl) throw new Error('usage: node app.mjs BASE_URL');
const client = createPartnerClient({ apiKey: 'sandbox-key', environment: { baseUrl }, polling: { deadlineMs: 20_000 } });
const user = { ip: '203.0.113.7', userId: 'consumer-test' };

const details: EventDetails = await client.getEvent('1A005E2BC0DE0001');
console.log(\`event \${details.event.id} \${details.event.name} api_transactable=\${details.api_transactable}\`);

const selection: components['schemas']['TicketSelection'] = { id: '000000000001', quantity: 2 };
const cart = await client.openCart({ captchaToken: 'sandbox-captcha-token', user });
try {
  const event: ReserveEvent = { id: details.event.id, tickets: [selection] };
  const reserved: CartResponse = await cart.reserve(event);
  const ticket = reserved.cart.items[0]?.tickets[0];
  console.log(\`reserved \${ticket?.quantity} x \${ticket?.id}, hold \${reserved.cart.hold_time} s\`);
} finally {
  await cart.delete();
}
console.log(\`cart \${cart.state}\`);

const soldOut = await client.openCart({ captchaToken: 'sandbox-captcha-token', user });
try {
  await soldOut.reserve({ id: '1A005E2BC0DE0004', tickets: [{ id: '000000000301', quantity: 1 }] });
} catch (err) {
  if (!(err instanceof PartnerApiError)) throw err;
  console.log(\`sold out: \${err.name} \${err.status} isNoInventory=\${err.isNoInventory} PartnerError=\${err instanceof PartnerError}\`);
} finally {
  await soldOut.delete();
}

try {
  await client.openCart({ captchaToken: ' ', user });
} catch (err) {
  if (!(err instanceof PartnerValidationError)) throw err;
  console.log(\`validation: \${err.name} \${err.field}\`);
}

const { document } = convert('FORMAT: 1A\\n# Tiny\\n## Things [/things]\\n### List [GET]\\n+ Response 200 (application/json)\\n\\n        []\\n');
console.log(\`converted: \${Object.keys(document?.paths ?? {}).join(',')}\`);
`;

const WRONG = `import { createPartnerClient } from '@tm-partner/client';

const client = createPartnerClient({ apiKey: 'k', environment: 'sandbox' });
const cart = await client.openCart({ captchaToken: 't', user: { ip: '203.0.113.7' } });
await cart.reserve({ id: '1A005E2BC0DE0001', tickets: [{ id: '000000000001', quantiy: 2 }] });
`;

const BLUEPRINT = `FORMAT: 1A
HOST: https://api.example.com

# Pets

## Pet [/pets/{id}]

+ Parameters
    + id: 7 (number, required) - The pet.

### Get a pet [GET]

+ Response 200 (application/json)

        {"id": 7, "name": "Rex"}
`;

let work: string;
let project: string;
let sandbox: Sandbox;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tm-partner-consumer-'));
  project = join(work, 'app');
  const tarballs = join(work, 'tarballs');
  const runPnpm = await pnpm();
  await timed('pack', () =>
    Promise.all(
      PACKAGES.map((dir) =>
        exec(runPnpm.file, [...runPnpm.args, 'pack', '--pack-destination', tarballs], { cwd: join(ROOT, dir), env: process.env }),
      ),
    ),
  );
  const packed = (await readdir(tarballs)).filter((f) => f.endsWith('.tgz')).map((f) => join(tarballs, f));
  expect(packed).toHaveLength(3);

  await mkdir(project);
  await writeFile(join(project, 'package.json'), `${JSON.stringify({ name: 'partner-app', private: true, type: 'module' }, null, 2)}\n`);
  // @types/node: the client is a Node library (node:crypto keys, AsyncDisposable carts) and so is the app.
  await timed('npm install', () =>
    exec(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...packed, 'typescript@5.9.3', '@types/node@20.19.43'],
      {
        cwd: project,
        env: cleanEnv(),
      },
    ),
  );
  sandbox = await startSandbox({ maintenance: false });
}, 240_000);

afterAll(async () => {
  await sandbox?.close();
  if (work) await rm(work, { recursive: true, force: true });
  console.log(`consumer test timings (ms): ${JSON.stringify(timings)}`);
});

function tsc(file: string) {
  return exec(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), ...TSC_FLAGS, file], { cwd: project, env: cleanEnv() });
}

describe('the packed packages in a fresh npm project', () => {
  it('is outside the workspace, with the three packages and their dependencies from the tarballs', async () => {
    expect(relative(ROOT, project).startsWith('..')).toBe(true);
    const manifest = JSON.parse(await readFile(join(project, 'node_modules/@tm-partner/client/package.json'), 'utf8'));
    expect(manifest.dependencies['@tm-partner/generated']).toMatch(/^\d+\.\d+\.\d+$/);
    const files = await readdir(join(project, 'node_modules/@tm-partner/client/dist'));
    expect(files).toContain('index.d.ts');
    expect(files).not.toContain('tsconfig.tsbuildinfo');
  });

  it('type-checks a program using the client strictly, and rejects a misspelt reserve field', async () => {
    await writeFile(join(project, 'app.ts'), APP);
    await writeFile(join(project, 'wrong.ts'), WRONG);
    const [good, wrong] = await timed('tsc (both programs)', () => Promise.allSettled([tsc('app.ts'), tsc('wrong.ts')]));
    if (good.status === 'rejected') throw new Error(`tsc app.ts failed:\n${(good.reason as { stdout?: string }).stdout ?? good.reason}`);
    expect(wrong.status).toBe('rejected');
    const output = (wrong as PromiseRejectedResult).reason as { stdout: string; code: number };
    expect(output.code).not.toBe(0);
    expect(output.stdout).toMatch(/wrong\.ts\(5,\d+\): error TS\d+: .*'quantiy'/);
    expect(output.stdout.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('runs that program with node against the sandbox', async () => {
    const js = ts.transpileModule(APP, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    await writeFile(join(project, 'app.mjs'), js);
    const { stdout } = await timed('node app.mjs', () => exec(process.execPath, ['app.mjs', sandbox.baseUrl], { cwd: project }));
    expect(stdout.trim().split('\n')).toEqual([
      'event 1A005E2BC0DE0001 Sandbox Summer Festival api_transactable=true',
      'reserved 2 x 000000000001, hold 299 s',
      'cart deleted',
      'sold out: PartnerApiError 400 isNoInventory=true PartnerError=true',
      'validation: PartnerValidationError captchaToken',
      'converted: /things',
    ]);
    expect(sandbox.cartCount()).toBe(0);
  });

  it('has a working apib-to-openapi bin', async () => {
    await writeFile(join(project, 'pets.apib'), BLUEPRINT);
    const bin = join(project, 'node_modules/.bin/apib-to-openapi');
    const { stderr } = await exec(bin, ['pets.apib', '-o', 'pets.yaml', '--types', 'pets.d.ts', '--strict'], { cwd: project });
    expect(stderr).toBe('');
    const yaml = await readFile(join(project, 'pets.yaml'), 'utf8');
    expect(yaml).toMatch(/^openapi: 3\.1\.0/);
    expect(yaml).toContain('/pets/{id}:');
    expect(yaml).toContain('operationId: getAPet');
    expect(await readFile(join(project, 'pets.d.ts'), 'utf8')).toContain('"/pets/{id}"');

    const usage = await exec(bin, ['missing.apib'], { cwd: project }).catch((error: { code: number; stderr: string }) => error);
    expect(usage).toMatchObject({ code: 2 });
  });
});
