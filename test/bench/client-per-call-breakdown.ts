/**
 * Where the per-call time of `client.getEvent` goes, step by step (not part of
 * `pnpm bench`; run `npx tsx test/bench/client-per-call-breakdown.ts`).
 *
 * Every variant calls the same loopback server with the same URL on Node's global
 * fetch; each adds one layer of what the client does, re-created here outside the
 * client so the layers can be told apart:
 *
 *   A  plain fetch + res.json()
 *   B  bare openapi-fetch GET
 *   C  B with a custom fetch doing the transport's first per-call work except signals
 *      (new URL, apikey check, randomUUID, new Headers, fetch(url, init)); the transport
 *      has since dropped all but the apikey check and the fetch for a plain GET
 *   D  C + AbortSignal.timeout(30 s) passed to fetch
 *   E  C + AbortSignal.any([request.signal, AbortSignal.timeout(30 s)])
 *   H  C + one AbortController with setTimeout/clearTimeout and a listener on request.signal
 *      (the transport's way, though here the timer stops at the headers)
 *   G  client.getEvent (its timer runs to the last byte; it reads and parses the body itself)
 *
 * Variants take turns within a pass, the order rotating; medians of wall time,
 * process CPU time (user + system, less sensitive to other load) and GC pause time.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import createClient from 'openapi-fetch';
import { median } from './harness.js';
import { createPartnerClient } from '../../packages/client/src/index.js';
import type { paths } from '../../packages/client/src/index.js';

const CALLS = Number(process.env.CALLS ?? 1000);
const PASSES = Number(process.env.PASSES ?? 11);
const ID = '3F004CBB88958BF9';
const KEY = 'bench-api-key';
const TIMEOUT_MS = 30_000;

type Signals = 'none' | 'timeout' | 'any' | 'controller';

/** A fetch for openapi-fetch that does what Transport.send/attempt do for a GET, with the given signal handling. */
function transportLike(signals: Signals) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (!url.searchParams.has('apikey')) url.searchParams.set('apikey', KEY);
    randomUUID().slice(0, 8);
    const init = { method: 'GET', headers: new Headers(request.headers), body: undefined };
    if (signals === 'none') return fetch(url, init);
    if (signals === 'timeout') return fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (signals === 'any') return fetch(url, { ...init, signal: AbortSignal.any([request.signal, AbortSignal.timeout(TIMEOUT_MS)]) });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The attempt timed out', 'TimeoutError')), TIMEOUT_MS);
    const onAbort = () => controller.abort(request.signal.reason);
    request.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await fetch(url, { ...init, signal: controller.signal });
    } finally {
      // Note: unlike the other variants, the timeout stops covering the body once headers are in.
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
    }
  };
}

async function main(): Promise<void> {
  const body = JSON.stringify({ api_transactable: true, event: { id: ID, name: 'Bench event', notes: 'x'.repeat(1700) } });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }).end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/partners/v1`;

  const client = createPartnerClient({ apiKey: KEY, environment: { baseUrl } });
  const viaOpenapiFetch = (fetchFn?: (request: Request) => Promise<Response>) => {
    const c = fetchFn
      ? createClient<paths>({ baseUrl, fetch: fetchFn })
      : createClient<paths>({ baseUrl, querySerializer: () => `apikey=${KEY}` });
    return async () => (await c.GET('/event/{event_id}', { params: { path: { event_id: ID } } })).data;
  };
  const variants: Record<string, () => Promise<unknown>> = {
    'A plain fetch + res.json()': async () => (await fetch(`${baseUrl}/event/${ID}?apikey=${KEY}`)).json(),
    'B bare openapi-fetch': viaOpenapiFetch(),
    'C B + transport work, no signal': viaOpenapiFetch(transportLike('none')),
    'D C + AbortSignal.timeout': viaOpenapiFetch(transportLike('timeout')),
    'E C + timeout + AbortSignal.any': viaOpenapiFetch(transportLike('any')),
    'H C + AbortController/setTimeout': viaOpenapiFetch(transportLike('controller')),
    'G client.getEvent': () => client.getEvent(ID),
  };

  for (const call of Object.values(variants)) for (let i = 0; i < 500; i++) await call();
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((n) => [n, { wall: [] as number[], cpu: [] as number[], gc: [] as number[] }]));
  for (let pass = 0; pass < PASSES; pass++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(pass + k) % names.length] ?? '';
      const call = variants[name];
      const s = samples[name];
      if (!call || !s) continue;
      await new Promise((resolve) => setImmediate(resolve));
      const gc0 = gcMs;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < CALLS; i++) await call();
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      await new Promise((resolve) => setImmediate(resolve));
      s.wall.push((wall * 1000) / CALLS);
      s.cpu.push((cpu.user + cpu.system) / CALLS);
      s.gc.push(((gcMs - gc0) * 1000) / CALLS);
    }
  }
  observer.disconnect();
  server.closeAllConnections();
  server.close();

  const base = samples[names[0] ?? ''];
  const baseWall = median(base?.wall ?? []);
  console.log(`${CALLS} calls x ${PASSES} passes per variant; medians per call (µs).`);
  console.log(`${'variant'.padEnd(34)} ${'wall'.padStart(7)} ${'vs A'.padStart(6)} ${'cpu'.padStart(7)} ${'gc'.padStart(6)}`);
  for (const name of names) {
    const s = samples[name];
    if (!s) continue;
    const wall = median(s.wall);
    console.log(
      `${name.padEnd(34)} ${wall.toFixed(1).padStart(7)} ${`${(wall / baseWall).toFixed(2)}x`.padStart(6)} ${median(s.cpu).toFixed(1).padStart(7)} ${median(s.gc).toFixed(1).padStart(6)}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
