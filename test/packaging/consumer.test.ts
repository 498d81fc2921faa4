/**
 * The packages as a partner gets them: `pnpm pack` of every published package, installed
 * with npm into a fresh project outside the workspace; type-checked with the consumer's
 * own TypeScript; README's "CI in a partner repository" block run as written (sandbox and
 * mock through npx, a purchase flow with the client, verify against both into JUnit
 * files, both stopped by their PIDs, nothing of theirs left); generate and check on a
 * blueprint of the partner's; the converter's bin.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmeBlock, runBashStep } from '../cli/support.js';
import { isAlive } from '../mock/support.js';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const PACKAGES = ['generated', 'packages/client', 'generator', 'packages/sandbox', 'packages/mock', 'packages/cli'];
const TOOLKIT = ['@tm-partner/cli', '@tm-partner/client', '@tm-partner/sandbox', '@tm-partner/mock', '@tm-partner/apib-to-openapi'];
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
  expect(packed).toHaveLength(PACKAGES.length);

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
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
  console.log(`consumer test timings (ms): ${JSON.stringify(timings)}`);
});

function tsc(file: string) {
  return exec(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), ...TSC_FLAGS, file], { cwd: project, env: cleanEnv() });
}

describe('the packed packages in a fresh npm project', () => {
  it('is outside the workspace, with the packages from the tarballs at coherent, exact versions', async () => {
    expect(relative(ROOT, project).startsWith('..')).toBe(true);
    const installed = (name: string) =>
      JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
        dependencies?: Record<string, string>;
      };
    // The version rule: one toolkit version; generated carries the document's; our dependencies are exact.
    expect(new Set(TOOLKIT.map((name) => installed(name).version)).size).toBe(1);
    const document = JSON.parse(readFileSync(join(project, 'node_modules/@tm-partner/generated/openapi.json'), 'utf8'));
    expect(installed('@tm-partner/generated').version).toBe(document.info.version);
    for (const name of TOOLKIT) {
      for (const [dependency, range] of Object.entries(installed(name).dependencies ?? {})) {
        if (dependency.startsWith('@tm-partner/')) expect(range, `${name} → ${dependency}`).toBe(installed(dependency).version);
      }
    }
    for (const dir of ['client', 'sandbox', 'mock', 'cli']) {
      const files = await readdir(join(project, 'node_modules/@tm-partner', dir, 'dist'));
      expect(files).toContain(dir === 'cli' ? 'main.js' : 'index.d.ts');
      expect(files).not.toContain('tsconfig.tsbuildinfo');
    }
    // No TypeScript loader at run time.
    const cli = installed('@tm-partner/cli');
    expect(Object.keys(cli.dependencies ?? {})).not.toContain('tsx');
    expect(readFileSync(join(project, 'node_modules/.bin/tm-partner'), 'utf8')).not.toMatch(/tsx/);
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

  it('runs the CI block of README: sandbox and mock through npx, the program, verify into JUnit, both stopped, nothing left', async () => {
    const js = ts.transpileModule(APP, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    await writeFile(join(project, 'app.mjs'), js);
    const block = readmeBlock('CI in a partner repository');
    // The block as README has it, then our program against the sandbox before its EXIT trap stops both.
    const script = `${block}\nnode app.mjs "$SANDBOX_URL" > app.log\necho "pids $SANDBOX_PID $MOCK_PID"\n`;
    const run = await timed('README CI block', async () =>
      spawnSync('bash', ['-e', '-c', script], { cwd: project, encoding: 'utf8', env: cleanEnv(), timeout: 180_000 }),
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect((await readFile(join(project, 'app.log'), 'utf8')).trim().split('\n')).toEqual([
      'event 1A005E2BC0DE0001 Sandbox Summer Festival api_transactable=true',
      'reserved 2 x 000000000001, hold 299 s',
      'cart deleted',
      'sold out: PartnerApiError 400 isNoInventory=true PartnerError=true',
      'validation: PartnerValidationError captchaToken',
      'converted: /things',
    ]);
    // The sandbox: all but the sold-out and not-sellable checks; the mock: also what needs state and the token (no secret).
    for (const [file, skipped] of [
      ['sandbox-contract.xml', 2],
      ['mock-contract.xml', 16],
    ] as const) {
      const xml = await readFile(join(project, file), 'utf8');
      expect(xml, file).toMatch(new RegExp(`<testsuites name="tm-partner verify" tests="29" failures="0" errors="0" skipped="${skipped}"`));
    }
    expect(run.stdout).toMatch(/verify http:\/\/127\.0\.0\.1:\d+\/partners\/v1: conforms/);
    expect(run.stdout).toMatch(/verify http:\/\/127\.0\.0\.1:\d+: conforms/);
    // Both stopped on request (exit 0 each) and took everything beneath them along.
    const sandboxLog = await readFile(join(project, 'sandbox.log'), 'utf8');
    const mockLog = await readFile(join(project, 'mock.log'), 'utf8');
    expect(sandboxLog.trimEnd().split('\n').at(-1)).toBe('sandbox stopped');
    expect(mockLog.trimEnd().split('\n').at(-1)).toBe('mock stopped');
    const [sandboxPid, mockPid] = (/pids (\d+) (\d+)/.exec(run.stdout) ?? []).slice(1).map(Number);
    const prismPid = Number(/Prism mock server \(pid (\d+)\)/.exec(mockLog)?.[1]);
    await new Promise((r) => setTimeout(r, 300));
    for (const pid of [sandboxPid, mockPid, prismPid]) expect(isAlive(pid ?? 0), `pid ${pid}`).toBe(false);
    expect(processesOf(project)).toEqual([]);
  }, 240_000);

  // README's block with a stand-in for the mock line; the real sandbox must be stopped all the same.
  const MOCK_LINE = 'npx tm-partner mock --port 0 > mock.log 2>&1 &';
  async function runWithStandInMock(standIn: string, edit: (block: string) => string = (block) => block) {
    const block = readmeBlock('CI in a partner repository');
    expect(block).toContain(MOCK_LINE);
    await rm(join(project, 'sandbox-contract.xml'), { force: true });
    await rm(join(project, 'mock-contract.xml'), { force: true });
    const printed = (log: string) => Number(/\bpid (\d+)/.exec(readFileSafe(join(project, log)))?.[1] ?? 0);
    const run = await runBashStep(edit(block.replace(MOCK_LINE, () => `${standIn} > mock.log 2>&1 &`)), {
      cwd: project,
      env: cleanEnv(),
      timeoutMs: 120_000,
      alsoKill: () => [printed('sandbox.log'), printed('mock.log')],
    });
    // Nothing of the step ran past the failed start, and nothing of it is left.
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(1);
    expect(run.stdout).not.toMatch(/verify/);
    expect(readdirSync(project).filter((f) => f.endsWith('-contract.xml'))).toEqual([]);
    expect(run.stderr).toContain(`mock is not listening; mock.log:\n${readFileSafe(join(project, 'mock.log'))}`);
    expect(readFileSafe(join(project, 'sandbox.log')).trimEnd().split('\n').at(-1)).toBe('sandbox stopped');
    expect(run.leftovers).toEqual([]);
    for (const pid of [printed('sandbox.log'), printed('mock.log')]) if (pid > 0) expect(isAlive(pid), `pid ${pid}`).toBe(false);
    expect(processesOf(project)).toEqual([]);
    return run;
  }

  it('fails the CI block at once, with the log, when the mock ends before it listens; the sandbox is stopped', async () => {
    const run = await runWithStandInMock(`sh -c 'echo "mock: cannot start (a stand-in)"; exit 1'`);
    expect(run.stderr).toContain('mock: cannot start (a stand-in)');
  }, 120_000);

  it('fails the CI block when the mock never listens, stops the stand-in and the sandbox, and does not hang', async () => {
    // The block's 30 s limit cut to 2 s; the stand-in would run for 10 minutes if nothing stopped it.
    const run = await runWithStandInMock(`sh -c 'echo "mock starting (a stand-in that never listens), pid $$"; exec sleep 600'`, (block) =>
      block.replace('$(seq 150)', '$(seq 10)'),
    );
    expect(run.stderr).toMatch(/mock starting \(a stand-in that never listens\), pid \d+/);
  }, 120_000);

  it('generates and checks a blueprint of its own with tm-partner generate/check --spec --out', async () => {
    await writeFile(join(project, 'shop.apib'), BLUEPRINT);
    const tmPartner = join(project, 'node_modules/.bin/tm-partner');
    const generated = await exec(tmPartner, ['generate', '--spec', 'shop.apib', '--out', 'gen'], { cwd: project, env: cleanEnv() });
    expect(generated.stdout).toContain('generate: wrote gen/ (openapi.json, openapi.yaml, schema.d.ts, package.json) from shop.apib');
    expect(JSON.parse(await readFile(join(project, 'gen/openapi.json'), 'utf8')).paths).toHaveProperty(['/pets/{id}']);
    expect(await readFile(join(project, 'gen/schema.d.ts'), 'utf8')).toContain('"/pets/{id}"');
    const checked = await exec(tmPartner, ['check', '--spec', 'shop.apib', '--out', 'gen'], { cwd: project, env: cleanEnv() });
    expect(checked.stdout).toContain('check: gen/ matches shop.apib (4 files)');
    await writeFile(join(project, 'shop.apib'), BLUEPRINT.replace('# Pets', '# Pets and more'));
    const stale = await exec(tmPartner, ['check', '--spec', 'shop.apib', '--out', 'gen'], { cwd: project, env: cleanEnv() }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(stale).toMatchObject({ code: 1 });
    // What check found on stdout, why it fails on stderr.
    expect((stale as { stdout: string }).stdout).toContain('check: gen/openapi.json is stale');
    expect((stale as { stderr: string }).stderr.trimEnd().split('\n').at(-1)).toBe('check: failed');
  }, 60_000);

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

/** Processes still running in the project folder or from its node_modules (Linux /proc). */
function processesOf(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cmdline.includes(dir) || cwd === dir || cwd.startsWith(`${dir}/`)) found.push(`${entry}: ${cmdline}`);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** A file's text, or '' when it does not exist. */
function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
