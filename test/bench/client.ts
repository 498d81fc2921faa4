/**
 * The client's bench cases, printed by `test/bench/all.ts` (`pnpm bench`)
 * in one table with the converter's. Each case times a real code path of the client
 * against a baseline measured in the same run:
 *
 * - per-call overhead: `client.getEvent(id)` against plain `fetch` + `res.json()`,
 *   against bare openapi-fetch and against openai-node (a Stainless SDK with retries and
 *   timeouts, used as a generic REST client), sequential calls to a loopback node:http server;
 * - card encryption: `encryptCardField` against bare `crypto.publicEncrypt`;
 * - bundle size: the client, minified and gzipped, against openapi-fetch alone.
 *
 * Run alone: `npx tsx test/bench/client.ts`.
 */
import { constants, privateDecrypt, publicEncrypt } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { builtinModules } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import OpenAI from 'openai';
import createClient from 'openapi-fetch';
import { type BenchCase, type BenchRow, type BenchSettings, isMainModule, runBenchMain, timePasses } from './harness.js';
import { handBuiltCertificate, makeKeys } from '../client/certificates.js';
import { createPartnerClient, encryptCardField, readEncryptionKey } from '../../packages/client/src/index.js';
import type { EventDetails, paths } from '../../packages/client/src/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = join(HERE, '..', '..');
const CLIENT_DIR = join(REPO_ROOT, 'packages', 'client');
/** The openai-node version the baseline row runs (pinned in the root devDependencies). */
const OPENAI_VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> })
  .devDependencies.openai;

/**
 * Per-call sides: timed passes each, sequential calls per pass, and untimed calls per
 * side first. Many short passes rather than a few long ones: see {@link perCallCase}.
 */
const PER_CALL_PASSES = 50;
const CALLS_PER_PASS = 200;
const WARMUP_CALLS = 500;
/** Encryptions per timed pass. */
const ENCRYPTIONS_PER_PASS = 1000;
/** The card number the docs use in their examples; 16 digits like most cards. */
const CARD_NUMBER = '4588883206000011';

/** Every client case, in table order. */
export function clientBenchCases(): BenchCase[] {
  return [perCallCase(), encryptionCase(), bundleSizeCase()];
}

// ---------------------------------------------------------------------------
// Per-call overhead

const EVENT_ID = '3F004CBB88958BF9';
const API_KEY = 'bench-api-key';

/** The documented `GET /event/{event_id}` example (about 2 kB), else a small stand-in. */
function eventBody(): string {
  try {
    const document = JSON.parse(readFileSync(join(REPO_ROOT, 'generated', 'openapi.json'), 'utf8')) as {
      paths?: Record<string, { get?: { responses?: Record<string, { content?: Record<string, { example?: unknown }> }> } }>;
    };
    const example = document.paths?.['/event/{event_id}']?.get?.responses?.['200']?.content?.['application/json']?.example;
    if (example !== undefined) return JSON.stringify(example);
  } catch {
    // Fall through to the stand-in.
  }
  return JSON.stringify({ api_transactable: true, event: { id: EVENT_ID, name: 'Bench event', currency_code: 'USD', tickets: [] } });
}

interface LoopbackServer {
  baseUrl: string;
  /** TCP connections accepted so far (keep-alive keeps this near 1 per client). */
  connections(): number;
  requests(): number;
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1 answering the event details, and 404 for anything else. */
async function startEventServer(body: string): Promise<LoopbackServer> {
  const path = `/partners/v1/event/${EVENT_ID}`;
  const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
  let connections = 0;
  let requests = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests++;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    if ((q === -1 ? url : url.slice(0, q)) !== path) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"NOT_FOUND"}]}');
      return;
    }
    res.writeHead(200, headers).end(body);
  });
  // Keep idle sockets open across passes (the default is 5 s).
  server.keepAliveTimeout = 60_000;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/partners/v1`,
    connections: () => connections,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The least a Request can be for openapi-fetch: the parts a fetch reads. */
class MinimalRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: RequestInit['headers'];
  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method ?? 'GET';
    this.headers = init.headers;
  }
}

/**
 * `fetch` with what a per-attempt timeout to the last byte costs at the least: a
 * controller, a timer and a signal for fetch to follow, with the body read before the
 * timer is cleared (as the transport does).
 */
async function fetchBytesWithTimeout(url: string, init: RequestInit): Promise<{ response: Response; bytes: ArrayBuffer }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    return { response, bytes: await response.arrayBuffer() };
  } finally {
    clearTimeout(timer);
  }
}

/** The same, handing back a fresh Response built from the bytes read (for openapi-fetch to parse). */
async function fetchWithTimeout(url: string, init: RequestInit): Promise<Response> {
  const { response, bytes } = await fetchBytesWithTimeout(url, init);
  return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** openai-node's default retries and a 30 s timeout, as a generic client of the same server. */
function openaiClient(baseURL: string): OpenAI {
  return new OpenAI({ apiKey: API_KEY, baseURL, maxRetries: 2, timeout: 30_000 });
}

/**
 * `client.getEvent` vs plain fetch vs bare openapi-fetch vs openai-node, all on Node's
 * global fetch (undici, keep-alive by default) against the same server, sending the same
 * URL (`/event/{id}?apikey=…`). Yields ours vs fetch, then ours vs openapi-fetch and ours vs
 * openai-node (each with a target), then reference rows for what a client built on
 * openapi-fetch with a per-attempt timeout to the last byte pays: bare openapi-fetch vs
 * fetch, fetch with a timeout signal held until the body is read vs fetch, and both
 * together with the cheapest Request openapi-fetch accepts (see {@link MinimalRequest})
 * and a fresh Response built from the bytes read (ours builds no Response for its methods).
 *
 * Steadiness. The sides share one heap, so a major (mark-compact) collection, paid for
 * by every side's garbage, comes about every 0.5 s (2,000-3,000 calls) and slows the
 * pass it falls in by 10-20 ms (its pause and the concurrent marking before it). In
 * passes of 2,000 calls it lands in some passes and not others, so with five passes a
 * side's median moved by up to ±8% from run to run (ours vs bare openapi-fetch read
 * 0.90x-1.11x for one and the same code). In 50 passes of 200 calls (the same 10,000
 * calls per side) it touches a few passes of each side, the rotating order spreads
 * those evenly, and the ratio of the medians repeats within ±3%. The ratio of the mean
 * pass times, which counts every collection, is noisier but on average within 2% of
 * it: the median does not flatter a side by leaving its collections out.
 * The server runs in the same thread on purpose: its share of a call is the same for
 * every side (the same request bytes, the same answer); in another process it adds a
 * cross-process wake-up to every call (+65 µs per call here) that pulls every ratio
 * towards 1x.
 */
function perCallCase(): BenchCase {
  const name = 'per call: client.getEvent';
  return {
    name,
    async run(): Promise<BenchRow[]> {
      const body = eventBody();
      const server = await startEventServer(body);
      try {
        const client = createPartnerClient({ apiKey: API_KEY, environment: { baseUrl: server.baseUrl } });
        const bare = createClient<paths>({ baseUrl: server.baseUrl, querySerializer: () => `apikey=${API_KEY}` });
        const url = `${server.baseUrl}/event/${EVENT_ID}?apikey=${API_KEY}`;
        const openai = openaiClient(server.baseUrl);
        const floor = createClient<paths>({
          baseUrl: server.baseUrl,
          querySerializer: () => `apikey=${API_KEY}`,
          Request: MinimalRequest as unknown as typeof Request,
          fetch: ((request: MinimalRequest) =>
            fetchWithTimeout(request.url, { method: request.method, headers: request.headers })) as unknown as typeof fetch,
        });

        const one = {
          ours: () => client.getEvent(EVENT_ID),
          fetch: async () => {
            const res = await fetch(url);
            if (!res.ok) throw new Error(`plain fetch: status ${res.status}`);
            return (await res.json()) as EventDetails;
          },
          openapiFetch: async () => {
            const { data, error } = await bare.GET('/event/{event_id}', { params: { path: { event_id: EVENT_ID } } });
            if (error !== undefined || data === undefined) throw new Error('bare openapi-fetch: no data');
            return data;
          },
          fetchWithTimeout: async () => {
            const { response, bytes } = await fetchBytesWithTimeout(url, {});
            if (!response.ok) throw new Error(`fetch with timeout: status ${response.status}`);
            return JSON.parse(new TextDecoder().decode(bytes)) as EventDetails;
          },
          openaiNode: () => openai.get<EventDetails>(`/event/${EVENT_ID}`, { query: { apikey: API_KEY } }),
          floor: async () => {
            const { data, error } = await floor.GET('/event/{event_id}', { params: { path: { event_id: EVENT_ID } } });
            if (error !== undefined || data === undefined) throw new Error('openapi-fetch floor: no data');
            return data;
          },
        };
        // Each side must get the same, whole answer before it is timed.
        for (const [side, call] of Object.entries(one)) {
          if (JSON.stringify(await call()) !== body) throw new Error(`${side} did not return the event body`);
        }

        const repeat = (call: () => Promise<unknown>, n: number) => async () => {
          for (let i = 0; i < n; i++) await call();
        };
        const warm = Object.fromEntries(Object.entries(one).map(([k, call]) => [k, repeat(call, WARMUP_CALLS)]));
        await timePasses(warm, { warmup: 1, passes: 0 });
        const before = { connections: server.connections(), requests: server.requests() };
        const t = await timePasses(Object.fromEntries(Object.entries(one).map(([k, call]) => [k, repeat(call, CALLS_PER_PASS)])), {
          warmup: 0,
          passes: PER_CALL_PASSES,
        });
        const timedRequests = server.requests() - before.requests;
        const newConnections = server.connections() - before.connections;
        const perCall = (ms: number | undefined) => ((ms ?? Number.NaN) * 1000) / CALLS_PER_PASS;
        const note =
          `Median of ${PER_CALL_PASSES} interleaved passes of ${CALLS_PER_PASS} sequential calls per side, after ${WARMUP_CALLS} warm-up calls per side; ` +
          `${body.length}-byte JSON body from an in-process node:http server; ` +
          `${newConnections} new TCP connections for ${timedRequests} timed requests (keep-alive).`;
        return [
          {
            name: `${name} vs plain fetch + res.json()`,
            unit: 'µs/call',
            ours: perCall(t.ours),
            baseline: perCall(t.fetch),
            note:
              note +
              ' No target: the first client issue asked for 1.10x; bare openapi-fetch alone costs more than that here (its reference row below).',
          },
          {
            name: `${name} vs bare openapi-fetch GET`,
            unit: 'µs/call',
            ours: perCall(t.ours),
            baseline: perCall(t.openapiFetch),
            target: { on: 'ratio', max: 1.05 },
            note: 'Ours reads and parses every body inside the attempt (timeout to the last byte, size cap, typed JSON errors); bare openapi-fetch has no timeout at all.',
          },
          {
            name: `${name} vs openai-node client.get (2 retries, 30 s timeout)`,
            unit: 'µs/call',
            ours: perCall(t.ours),
            baseline: perCall(t.openaiNode),
            target: { on: 'ratio', max: 1 },
            note: `openai@${OPENAI_VERSION} (a Stainless SDK: retries, timeouts, typed errors) as a generic REST client of the same server: \`new OpenAI({ baseURL, maxRetries: 2, timeout: 30_000 }).get(path, { query })\`.`,
          },
          {
            name: 'per call, reference: openai-node client.get vs plain fetch',
            unit: 'µs/call',
            ours: perCall(t.openaiNode),
            baseline: perCall(t.fetch),
          },
          {
            name: 'per call, reference: bare openapi-fetch GET vs plain fetch',
            unit: 'µs/call',
            ours: perCall(t.openapiFetch),
            baseline: perCall(t.fetch),
          },
          {
            name: 'per call, reference: fetch + timeout to the last byte vs plain fetch',
            unit: 'µs/call',
            ours: perCall(t.fetchWithTimeout),
            baseline: perCall(t.fetch),
          },
          {
            name: 'per call, reference: openapi-fetch (minimal Request) + timeout to the last byte + fresh Response vs plain fetch',
            unit: 'µs/call',
            ours: perCall(t.floor),
            baseline: perCall(t.fetch),
            note: 'openapi-fetch given a Request class that only keeps url, method and headers, and a fetch that holds a timeout signal until the body is read and hands back a fresh Response from the bytes: a client built the obvious way on openapi-fetch.',
          },
        ];
      } finally {
        await server.close();
      }
    },
  };
}

// ---------------------------------------------------------------------------
// Card encryption

/**
 * `encryptCardField(certificatePem, number)` vs bare `publicEncrypt` (PKCS#1 v1.5) of a
 * buffer as long as salt + number, with the same 2048-bit key. A second row passes
 * the key already read, so PEM handling and salting show separately.
 */
function encryptionCase(): BenchCase {
  const name = 'card encryption: encryptCardField(PEM)';
  return {
    name,
    async run(settings: BenchSettings): Promise<BenchRow[]> {
      const keys = makeKeys(2048);
      const certificate = handBuiltCertificate(keys);
      const key: KeyObject = readEncryptionKey(certificate);
      const plaintext = Buffer.from(`${'S'.repeat(16)}${CARD_NUMBER}`, 'utf8');

      // The path must really work: the ciphertext decrypts to 16 salt characters and the number.
      // Node 20 refuses PKCS#1 v1.5 private decryption, so the block is opened without padding and unwrapped here.
      for (const cipher of [encryptCardField(certificate, CARD_NUMBER), encryptCardField(key, CARD_NUMBER)]) {
        const block = privateDecrypt({ key: keys.privateKey, padding: constants.RSA_NO_PADDING }, Buffer.from(cipher, 'base64'));
        const separator = block.indexOf(0x00, 2);
        const clear = block.subarray(separator + 1).toString('utf8');
        if (
          block[0] !== 0x00 ||
          block[1] !== 0x02 ||
          separator < 10 ||
          !/^[A-Za-z0-9]{16}$/.test(clear.slice(0, 16)) ||
          clear.slice(16) !== CARD_NUMBER
        ) {
          throw new Error('encryptCardField did not round-trip');
        }
      }

      const loop = (fn: () => unknown) => () => {
        for (let i = 0; i < ENCRYPTIONS_PER_PASS; i++) fn();
      };
      const t = await timePasses(
        {
          pem: loop(() => encryptCardField(certificate, CARD_NUMBER)),
          keyObject: loop(() => encryptCardField(key, CARD_NUMBER)),
          bare: loop(() => publicEncrypt({ key: keys.publicKey, padding: constants.RSA_PKCS1_PADDING }, plaintext).toString('base64')),
        },
        settings,
      );
      const opsPerSecond = (ms: number | undefined) => (ENCRYPTIONS_PER_PASS * 1000) / (ms ?? Number.NaN);
      const baseline = opsPerSecond(t.bare);
      const note =
        `RSA-2048 key and self-signed X.509 certificate made in the bench; ${ENCRYPTIONS_PER_PASS} encryptions per pass; ` +
        `baseline = publicEncrypt(PKCS#1 v1.5) of a ${plaintext.length}-byte buffer, base64-encoded.`;
      return [
        { name: `${name} vs bare publicEncrypt`, unit: 'ops/s', ours: opsPerSecond(t.pem), baseline, note },
        {
          name: 'card encryption: encryptCardField(KeyObject) vs bare publicEncrypt',
          unit: 'ops/s',
          ours: opsPerSecond(t.keyObject),
          baseline,
        },
      ];
    },
  };
}

// ---------------------------------------------------------------------------
// Bundle size

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Minified ESM bundle for Node (builtins external), its size and what it left external. */
async function bundle(
  entry: { file: string } | { contents: string; resolveDir: string },
): Promise<{ min: number; gzip: number; external: string[] }> {
  const result = await build({
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: entry.resolveDir, loader: 'ts' as const } }),
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    write: false,
    external: NODE_BUILTINS,
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild wrote no output');
  const external = Object.values(result.metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external)
    .map((i) => i.path);
  return { min: output.contents.length, gzip: gzipSync(output.contents, { level: 9 }).length, external: [...new Set(external)].sort() };
}

/**
 * Bundle size, min+gzip, against openapi-fetch alone bundled the same way. The target
 * row is what a partner app ships when it imports `createPartnerClient` (the whole flow:
 * auth, polling, sessions, encryption, errors); the second row is every export at once,
 * optional helpers included, which tree shaking removes when they are not imported.
 */
function bundleSizeCase(): BenchCase {
  const name = 'client bundle, min+gzip';
  return {
    name,
    async run(): Promise<BenchRow[]> {
      const resolveDir = join(CLIENT_DIR, 'src');
      const app = await bundle({ contents: "export { createPartnerClient } from './index.ts';\n", resolveDir });
      const everything = await bundle({ file: join(CLIENT_DIR, 'src', 'index.ts') });
      // openapi-fetch's whole public module, as a user importing it alone would get it.
      const baseline = await bundle({
        contents: "export * from 'openapi-fetch';\nexport { default } from 'openapi-fetch';\n",
        resolveDir: CLIENT_DIR,
      });
      const strays = everything.external.filter((p) => !NODE_BUILTINS.includes(p));
      if (strays.length > 0) throw new Error(`the client bundle left non-builtin imports external: ${strays.join(', ')}`);
      const kB = (bytes: number) => bytes / 1000;
      return [
        {
          name: `${name}: createPartnerClient vs openapi-fetch alone`,
          unit: 'kB',
          ours: kB(app.gzip),
          baseline: kB(baseline.gzip),
          // 12 kB until the transport read every body, handled redirects itself and redacted
          // errors (0.3 kB above it then); those, and checking every option and header a
          // partner passes, add ~3.5 kB and are not optional.
          target: { on: 'ours', max: 16 },
          note:
            `esbuild bundle+minify, platform node, ESM; gzip level 9; 1 kB = 1000 bytes. Minified before gzip: ours ${kB(app.min).toFixed(1)} kB, ` +
            `openapi-fetch ${kB(baseline.min).toFixed(1)} kB. Our layer adds ${kB(app.gzip - baseline.gzip).toFixed(2)} kB gzipped. ` +
            `External imports of the client bundle: ${everything.external.join(', ') || 'none'}.`,
        },
        {
          name: `${name}: every export (helpers included) vs openapi-fetch alone`,
          unit: 'kB',
          ours: kB(everything.gzip),
          baseline: kB(baseline.gzip),
        },
      ];
    },
  };
}

if (isMainModule(import.meta.url)) {
  runBenchMain(clientBenchCases);
}
