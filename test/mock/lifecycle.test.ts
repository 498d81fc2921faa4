import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentError, PrismStartError, findFreePort, startPrism, type PrismServer } from '../../packages/mock/src/index.js';
import { isAlive, operation, readDocument, responseExample } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'tm-mock-test-'));
const started: PrismServer[] = [];

afterAll(async () => {
  await Promise.all(started.map((server) => server.close()));
  rmSync(scratch, { recursive: true, force: true });
});

async function start(...args: Parameters<typeof startPrism>): Promise<PrismServer> {
  const server = await startPrism(...args);
  started.push(server);
  return server;
}

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

async function startFailure(...args: Parameters<typeof startPrism>): Promise<PrismStartError> {
  const error: unknown = await startPrism(...args).then(
    (server) => {
      started.push(server);
      return new Error('Prism started although it should not have');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PrismStartError);
  return error as PrismStartError;
}

describe('findFreePort', () => {
  it('returns a port that can be bound on 127.0.0.1', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
    await closeServer(await listenOn(port));
  });
});

describe('startPrism lifecycle', () => {
  it('runs two Prisms at once on different ports, and close() ends the process and frees the port', async () => {
    const seen: string[] = [];
    const [first, second] = await Promise.all([start({ log: (line) => seen.push(line) }), start()]);
    expect(first.port).not.toBe(second.port);
    expect(first.url).toBe(`http://127.0.0.1:${first.port}`);
    for (const server of [first, second]) {
      expect(isAlive(server.pid)).toBe(true);
      const response = await fetch(`${server.url}/event/3F004CBB88958BF9?apikey=k`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    // Each serves its own private copy of the document.
    expect(first.document).not.toBe(second.document);
    expect(existsSync(first.document)).toBe(true);
    // Every line reaches the log callback, without colour codes, and logs() keeps them too.
    expect(seen.some((line) => line.includes('Starting Prism'))).toBe(true);
    expect(seen.some((line) => line.includes(`Prism is listening on ${first.url}`))).toBe(true);
    expect(seen.some((line) => line.includes('\u001b['))).toBe(false);
    expect(first.logs()).toEqual(seen.slice(-200));
    expect(second.logs().some((line) => line.includes(`Prism is listening on ${second.url}`))).toBe(true);

    await first.close();
    expect(() => process.kill(first.pid, 0)).toThrow();
    expect(await first.exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(existsSync(dirname(first.document))).toBe(false);
    // The port is free again: we can listen on it ourselves.
    await closeServer(await listenOn(first.port));
    // close() again is harmless, and the other Prism is untouched.
    await expect(first.close()).resolves.toBeUndefined();
    expect(isAlive(second.pid)).toBe(true);
    const stillServing = await fetch(`${second.url}/event/3F004CBB88958BF9?apikey=k`);
    expect(stillServing.status).toBe(200);
    await stillServing.arrayBuffer();

    await Promise.all([second.close(), second.close()]);
    expect(isAlive(second.pid)).toBe(false);
  });

  it('generates responses in dynamic mode, the same ones for the same seed', async () => {
    const target = '/event/3F004CBB88958BF9?apikey=k';
    const seeded = await start({ dynamic: true, seed: 7 });
    const bodyOf = async (): Promise<unknown> => {
      const response = await fetch(`${seeded.url}${target}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('sl-violations')).toBeNull();
      return response.json();
    };
    const first = await bodyOf();
    expect(first).toHaveProperty('event.venue');
    // Without a seed every request gets a new body; with one, the same request gets the same body.
    expect(await bodyOf()).toEqual(first);
    // Static mode would answer with the document's example, which a generated body is not.
    const document = readDocument(seeded.document);
    expect(first).not.toEqual(responseExample(operation(document, 'get', '/event/{event_id}'), '200'));
    await seeded.close();
  });

  it('serves the document as it was at start, unaffected by later edits, unless watch is set', async () => {
    const source = join(scratch, 'editable.json');
    const minimal = (status: string) =>
      JSON.stringify({
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        paths: { '/ping': { get: { responses: { [status]: { description: 'ok' } } } } },
      });
    writeFileSync(source, minimal('200'));
    const server = await start({ document: source });
    writeFileSync(source, minimal('204'));
    // Long enough for Prism's watcher (500 ms stability window) to have reloaded, had it watched.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const response = await fetch(`${server.url}/ping`);
    expect(response.status).toBe(200);
    expect(server.logs().join('\n')).not.toContain('Restarting Prism');
    await server.close();
  });
});

// These do not interfere, so they run together.
describe.concurrent('startPrism refusals of the document, and a taken port', () => {
  it('refuses a missing document in watch mode too, before Prism starts, naming the file', async () => {
    const missing = join(scratch, 'also-missing.json');
    const error = await startFailure({ document: missing, watch: true });
    expect(error.message).toBe(`cannot read the OpenAPI document ${missing}: no such file or directory`);
    expect(error.logs).toEqual([]);
  });

  it('refuses a document that is not valid JSON, quoting the parser, before Prism starts', async () => {
    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, '{"openapi": "3.1.0", ');
    const error = await startFailure({ document: broken });
    expect(error.message).toMatch(new RegExp(`^the OpenAPI document ${broken.replace(/[.]/g, '\\.')} is not valid JSON \\(.+\\)$`));
    expect(error.logs).toEqual([]);
  });

  it('rejects when the requested port is taken, saying so', async () => {
    const blocker = await listenOn(await findFreePort());
    const { port } = blocker.address() as { port: number };
    try {
      const error = await startFailure({ port });
      expect(error.message).toContain(`could not listen on 127.0.0.1:${port}: the port is in use`);
      expect(error.message).toContain('EADDRINUSE');
    } finally {
      await closeServer(blocker);
    }
  });
});

describe('startPrism failures', () => {
  it('rejects a nonexistent document with a message naming it, before launching Prism', async () => {
    const missing = join(scratch, 'does-not-exist.json');
    const error = await startFailure({ document: missing });
    expect(error.message).toBe(`cannot read the OpenAPI document ${missing}: no such file or directory`);
    expect(error).toBeInstanceOf(DocumentError);
  });

  it('serves a YAML document that passes the check', async () => {
    const yamlFile = join(scratch, 'tiny.yaml');
    const tiny = [
      'openapi: 3.1.0',
      'info: { title: Tiny, version: 1.0.0 }',
      'paths:',
      '  /ping:',
      '    get:',
      '      responses:',
      "        '200':",
      '          description: pong',
      '          content:',
      '            application/json:',
      '              example:',
      '                pong: true',
    ];
    writeFileSync(yamlFile, `${tiny.join('\n')}\n`);
    const server = await startPrism({ document: yamlFile });
    try {
      const answer = await fetch(`${server.url}/ping`);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ pong: true });
    } finally {
      await server.close();
    }
  }, 60_000);

  it('gives up after startupTimeoutMs and leaves no process behind', async () => {
    const pids = new Set<number>();
    // Watch our children while startup is attempted, to learn the pid of the Prism that gets killed.
    const watcher = setInterval(() => childPids().forEach((pid) => pids.add(pid)), 25);
    const before = Date.now();
    const error = await startFailure({ startupTimeoutMs: 400 }).finally(() => clearInterval(watcher));
    expect(Date.now() - before).toBeLessThan(5_000);
    expect(error.message).toMatch(/did not listen on 127\.0\.0\.1:\d+ within 400 ms/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pids.size).toBeGreaterThan(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  });

  it('rejects proxy mode without a usable upstream', async () => {
    // @ts-expect-error upstream is required in proxy mode
    await expect(startPrism({ mode: 'proxy' })).rejects.toThrow(/proxy mode needs `upstream`/);
    await expect(startPrism({ mode: 'proxy', upstream: 'not a url' })).rejects.toThrow(/is not a URL/);
    await expect(startPrism({ mode: 'proxy', upstream: 'ftp://example.com' })).rejects.toThrow(/http\(s\) URL/);
  });
});

/** Pids of this process's children running Prism (Linux /proc), to check none survive. */
function childPids(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes('prism-cli'))
    .map((line) => Number.parseInt(line.trim(), 10))
    .filter((pid) => Number.isInteger(pid));
}
