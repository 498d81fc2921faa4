/**
 * `tm-partner verify` against three servers: the sandbox (conforms), Prism serving the
 * document (conforms with --stateless, skipping what needs state), and a server of this
 * test's own that breaks the contract on purpose (fails, naming operation and field).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../packages/cli/src/cli.js';
import { isProductionApi } from '../../packages/cli/src/verify/settings.js';
import { undocumentedFields } from '../../packages/cli/src/verify/undocumented-fields.js';
import { startPrism, type PrismServer } from '../../packages/mock/src/index.js';
import { SANDBOX_EVENTS, startSandbox, type Sandbox } from '../../packages/sandbox/src/index.js';
import { capture, spawnCli } from './support.js';

const work = mkdtempSync(join(tmpdir(), 'tm-partner-verify-'));
const SANDBOX_FLAGS = [
  '--client-secret',
  'sandbox-secret',
  '--purchase',
  '--sold-out-event',
  SANDBOX_EVENTS.soldOut,
  '--closed-event',
  SANDBOX_EVENTS.notTransactable,
];
/** The checks a stateless mock cannot pass, by title; verify skips them with --stateless. */
const NEED_STATE = [
  'a wrong client secret is refused',
  'an unknown API key is refused',
  'an invalid access token is refused',
  'an unknown event is 404',
  'a cart without a captcha token is refused (401 / 10004)',
  'a wrong captcha token is refused (400 / 10031)',
  'a reserve on an unknown cart is refused (400 / 90003)',
  'a reserve on a sold-out event is refused (400 / 20052)',
  'a reserve on an event not sold through the API is refused (403 / 90001)',
  'a certificate for an unknown cart is refused (400 / 90003)',
  'a payment with a wrong security code is refused (400 / 20152)',
  'a payment with a card the server does not take is refused (400 / 20122)',
  'unredeemed orders without a day filter are refused (400 / 10002)',
  'a deleted cart is gone (400 / 90003)',
  'an unknown polling URL is 404',
];

let sandbox: Sandbox;
let prism: PrismServer;

beforeAll(async () => {
  [sandbox, prism] = await Promise.all([startSandbox({ pollingWaitSeconds: 0, maintenance: false }), startPrism()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([sandbox?.close(), prism?.close()]);
  await rm(work, { recursive: true, force: true });
});

async function verify(args: string[]) {
  const io = capture();
  const status = await runCli(['verify', ...args], io);
  return { status, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** testcase elements of a JUnit report: name and whether it failed or was skipped. */
function junitCases(xml: string): Array<{ name: string; outcome: 'passed' | 'failed' | 'skipped' }> {
  return [...xml.matchAll(/<testcase classname="[^"]+" name="([^"]+)" time="[\d.]+"(\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => ({
    name: (m[1] ?? '')
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
    outcome: m[3]?.includes('<failure') ? 'failed' : m[3]?.includes('<skipped') ? 'skipped' : 'passed',
  }));
}

describe('verify against the sandbox', () => {
  it('runs the whole flow and every error probe through the bin, exits 0 and writes JUnit without secrets', async () => {
    const junit = join(work, 'reports', 'sandbox.xml');
    const cli = spawnCli(['verify', '--base-url', sandbox.baseUrl, ...SANDBOX_FLAGS, '--junit', junit]);
    expect((await cli.exit).code, cli.output()).toBe(0);
    const xml = await readFile(junit, 'utf8');
    const cases = junitCases(xml);
    expect(cases.length).toBeGreaterThanOrEqual(29);
    expect(cases.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(xml).toMatch(/<testsuites name="tm-partner verify" tests="\d+" failures="0" errors="0" skipped="0"/);
    // Every operation of the document was exercised.
    for (const id of [
      'getAccessToken',
      'retrieveEventDetails',
      'getCaptchaPage',
      'postCaptchaSolution',
      'reserveTickets',
      'getEncryptionCertificate',
      'addPayment',
      'purchaseCart',
      'listUnredeemedOrders',
      'deleteCart',
      'poll',
    ]) {
      expect(xml).toContain(`classname="${id}"`);
    }
    // Polling was followed for reserve, purchase and delete.
    expect(xml.match(/GET \/partners\/v1\/polling\/cart-tickets-PUT-\w+\?[^ ]* -&gt; 200/g)).toHaveLength(1);
    expect(xml).toMatch(/polling\/cart-PUT-\w+\?[^ ]* -&gt; 200/);
    expect(xml).toMatch(/polling\/cart-DELETE-\w+\?[^ ]* -&gt; 204/);
    expect(cli.output()).toContain(`verify ${sandbox.baseUrl}: conforms (29 passed, 0 failed, 0 skipped checks)`);
    for (const text of [xml, cli.output()]) {
      expect(text).not.toContain('sandbox-secret');
      expect(text).not.toContain('apikey=sandbox-key');
      expect(text).not.toContain('4588883206000011');
    }
    expect(sandbox.contractViolations()).toEqual([]);
    expect(sandbox.orders().some((order) => order.sourceAccountId === 'tm-partner-verify')).toBe(true);
  }, 60_000);

  it('passes on http://localhost:PORT too: the sandbox answers polling URLs on the origin it was called on', async () => {
    const localhost = sandbox.baseUrl.replace('//127.0.0.1:', '//localhost:');
    const run = await verify(['--base-url', localhost, ...SANDBOX_FLAGS]);
    expect(run.status, run.out).toBe(0);
    expect(run.out).toContain(`verify ${localhost}: conforms (29 passed, 0 failed, 0 skipped checks)`);
    expect(run.out).toMatch(
      /^PASS {2}reserve tickets, following polling {2}\(PUT \/partners\/v1\/cart\/tickets 202, GET \/partners\/v1\/polling\//m,
    );
  });

  it('without --purchase and --client-secret, skips the steps that pay or need the secret and still conforms', async () => {
    const run = await verify(['--base-url', sandbox.baseUrl]);
    expect(run.status, run.out).toBe(0);
    expect(run.out).toMatch(/^SKIP {2}access token \(client credentials\) {2}\[no client secret given/m);
    expect(run.out).toMatch(/^SKIP {2}payment with the test card {2}\[pays or buys: runs with --purchase/m);
    expect(run.out).toMatch(/^PASS {2}delete a cart, following polling/m);
  });
});

describe('verify with a JUnit report it cannot write', () => {
  it('says so in one line naming the file and why, exit 2', async () => {
    const blocker = join(work, 'a-file');
    await writeFile(blocker, '');
    const junit = join(blocker, 'report.xml');
    const run = await verify(['--base-url', sandbox.baseUrl, '--junit', junit]);
    expect(run.err).toBe(`verify: cannot write the JUnit report ${junit}: a parent is not a directory`);
    expect(run.status).toBe(2);
  }, 60_000);
});

describe('verify against Prism', () => {
  it('conforms with --stateless, skipping exactly the checks that need state, each with its reason', async () => {
    const junit = join(work, 'prism.xml');
    const run = await verify(['--base-url', prism.url, '--stateless', '--purchase', '--client-secret', 'any', '--junit', junit]);
    expect(run.status, run.out).toBe(0);
    const cases = junitCases(await readFile(junit, 'utf8'));
    expect(
      cases
        .filter((c) => c.outcome === 'skipped')
        .map((c) => c.name)
        .sort(),
    ).toEqual([...NEED_STATE].sort());
    expect(cases.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(run.out).toContain('SKIP  an unknown event is 404  [needs a server with state: a mock answers every event id with its example]');
  }, 30_000);

  it('does not conform without --stateless, and fails only on what needs a server of its own', async () => {
    const run = await verify(['--base-url', prism.url, '--client-secret', 'any']);
    expect(run.status).toBe(1);
    const problems = (run.out.split('\nProblems:\n')[1] ?? '').split('\n\n')[0]?.split('\n') ?? [];
    expect(problems.length).toBeGreaterThan(3);
    // Every answer of Prism fits the document; what fails is state and the server's own rules:
    // statuses and error codes it cannot know, the event it was asked for, polling URLs of its own.
    for (const problem of problems) {
      expect(problem).toMatch(
        /: expected (status|error code|fault) |asked for event 1A005E2BC0DE0001, got 3F004CBB88958BF9|polling_url points at https:\/\/app\.ticketmaster\.com, not/,
      );
    }
  }, 30_000);
});

describe('verify against a server that breaks the contract', () => {
  let wrong: Server;
  let wrongUrl: string;

  beforeAll(async () => {
    // The sandbox behind a proxy that changes what it says: the reserve's hold_time
    // becomes a string, event details gain a member the document lacks, and the
    // certificate comes with 201. X-TM-FORCE-POLLING is dropped, so reserve answers directly.
    wrong = createServer((req, res) => void forward(req, res));
    await new Promise<void>((resolve) => wrong.listen(0, '127.0.0.1', resolve));
    wrongUrl = `http://127.0.0.1:${(wrong.address() as AddressInfo).port}/partners/v1`;
  });

  afterAll(async () => {
    wrong.closeAllConnections();
    await new Promise((resolve) => wrong.close(resolve));
  });

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => name !== 'host' && name !== 'x-tm-force-polling'),
    ) as Record<string, string>;
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const answer = await fetch(`${sandbox.origin}${req.url}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) });
    let text = await answer.text();
    let status = answer.status;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'PUT' && path.endsWith('/cart/tickets') && status === 200) {
      const json = JSON.parse(text);
      json.cart.hold_time = String(json.cart.hold_time);
      text = JSON.stringify(json);
    }
    if (path.includes('/event/') && status === 200) {
      const json = JSON.parse(text);
      json.event.surprise = true;
      text = JSON.stringify(json);
    }
    if (path.endsWith('/certificate') && status === 200) status = 201;
    const passed: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) passed[name] = value;
    });
    res.writeHead(status, passed);
    res.end(text);
  }

  it('fails, naming the operation and the field, and lists undocumented members and statuses', async () => {
    const junit = join(work, 'wrong.xml');
    const run = await verify(['--base-url', wrongUrl, '--client-secret', 'sandbox-secret', '--junit', junit]);
    expect(run.status).toBe(1);
    expect(run.out).toContain('reserve tickets, following polling: reserveTickets 200: body/cart/hold_time must be number');
    expect(run.out).toContain(
      'encryption certificate: getEncryptionCertificate 201: status 201 is not documented for getEncryptionCertificate',
    );
    expect(run.out).toContain('undocumented member: retrieveEventDetails 200: body/event/surprise');
    expect(run.out).toContain(`verify ${wrongUrl}: does NOT conform`);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(
      /<testcase classname="reserveTickets" name="reserve tickets, following polling" time="[\d.]+">\s*<failure message="reserveTickets 200: body\/cart\/hold_time must be number"/,
    );
    // A step whose prerequisite failed is skipped, saying which.
    expect(run.out).toMatch(/^SKIP {2}a certificate without cart_id|^PASS {2}a certificate without cart_id/m);
  }, 30_000);
});

describe('verify usage', () => {
  it('exits 2 without --base-url, with a bad one, and for an unreachable server', async () => {
    expect((await verify([])).err).toContain('--base-url is required');
    expect((await verify([])).status).toBe(2);
    expect((await verify(['--base-url', 'ftp://example.com'])).status).toBe(2);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await verify(['--base-url', `http://127.0.0.1:${port}/partners/v1`]);
    expect(unreachable.status).toBe(2);
    expect(unreachable.err).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/partners\/v1: (GET|POST) .*ECONNREFUSED/);
  });

  it('refuses --purchase on the production host before any request', async () => {
    for (const base of [
      'https://app.ticketmaster.com/partners/v1',
      'https://APP.Ticketmaster.com./partners/v1/',
      'http://app.ticketmaster.com:443/partners/v1',
    ]) {
      const run = await verify(['--base-url', base, '--purchase']);
      expect(run.status, base).toBe(2);
      expect(run.err).toContain('--purchase is refused');
    }
    expect(isProductionApi(new URL('https://app.ticketmaster.com/partners-sandbox/v1'))).toBe(false);
    expect(isProductionApi(new URL('https://app.ticketmaster.com/partners/v1'))).toBe(true);
    expect(isProductionApi(new URL('http://127.0.0.1:4010'))).toBe(false);
  });
});

describe('undocumentedFields', () => {
  const document = {
    components: {
      schemas: {
        Base: { type: 'object', properties: { id: { type: 'string' } } },
        Item: { type: 'object', properties: { n: { type: 'number' } } },
      },
    },
  };

  it('finds members no schema names, through $ref, allOf, oneOf and arrays; open objects are not searched', () => {
    const schema = {
      allOf: [
        { $ref: '#/components/schemas/Base' },
        {
          type: 'object',
          properties: {
            items: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
            free: { type: 'object', additionalProperties: true },
          },
        },
      ],
      oneOf: [{ properties: { a: { type: 'string' } } }, { properties: { b: { type: 'string' } } }],
    };
    const value = { id: 'x', a: 'y', b: 'z', extra: 1, items: [{ n: 1 }, { n: 2, m: 3 }], free: { anything: true }, 'sl/ash': 1 };
    expect(undocumentedFields(document, schema, value)).toEqual(['/extra', '/items/1/m', '/sl~1ash']);
    expect(undocumentedFields(document, { $ref: '#/components/schemas/Missing' }, { x: 1 })).toEqual([]);
  });
});
