/**
 * `tm-partner verify` against servers that answer badly or not at all, on real loopback
 * sockets this file opens: an endless body, bytes that are not HTTP, a body that stalls
 * or is cut off after the headers, silence. Each ends within the timeout with a reason in
 * words and the exit status README states; memory stays bounded (the endless server
 * counts what it got to send before verify hung up).
 */
import { mkdtempSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../packages/cli/src/cli.js';
import { MAX_ANSWER_BYTES } from '../../packages/cli/src/verify/fetch-answer.js';
import { capture, spawnCli } from './support.js';

type Mode = 'endless' | 'not-http' | 'stall' | 'cut' | 'silent';

interface FaultServer {
  baseUrl: string;
  /** Request lines seen. */
  requests: string[];
  /** Body bytes the endless mode wrote before the client closed the connection. */
  sent: number;
  /** Resolves when the endless mode's client has closed its connection. */
  hungUp: Promise<void>;
  close(): Promise<void>;
}

const work = mkdtempSync(join(tmpdir(), 'tm-partner-verify-faults-'));
const servers: FaultServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A raw TCP server on 127.0.0.1 that reads one request head and misbehaves as `mode` says. */
async function faultServer(mode: Mode): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  let hangUp: () => void = () => {};
  const state: FaultServer = {
    baseUrl: '',
    requests: [],
    sent: 0,
    hungUp: new Promise<void>((resolve) => (hangUp = resolve)),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      if (head.includes('\r\n\r\n')) return;
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      state.requests.push(head.split('\r\n')[0] ?? '');
      answer(socket);
    });
  });
  const answer = (socket: Socket): void => {
    const json = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n';
    if (mode === 'not-http') socket.end(Buffer.from('\x00\xff\xfeNOT HTTP AT ALL\r\n\r\n', 'latin1'));
    if (mode === 'stall') socket.write(`${json}Content-Length: 500\r\n\r\n{"event":`);
    if (mode === 'cut') {
      socket.write(`${json}Content-Length: 500\r\n\r\n{"event":`);
      setTimeout(() => socket.destroy(), 50);
    }
    if (mode === 'endless') {
      socket.write(`${json}Transfer-Encoding: chunked\r\n\r\n`);
      const chunk = Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(0x10000, 0x20), Buffer.from('\r\n')]);
      socket.on('close', () => hangUp());
      // As fast as the client reads, for as long as it reads.
      const pump = (): void => {
        while (!socket.destroyed) {
          state.sent += 0x10000;
          if (!socket.write(chunk)) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    }
    // 'silent' answers nothing.
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/partners/v1`;
  servers.push(state);
  return state;
}

async function verify(args: string[]) {
  const io = capture();
  const status = await runCli(['verify', ...args], io);
  return { status, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('verify against a server that answers badly', () => {
  it('stops reading an endless body at the cap: a failed check, exit 1, memory bounded', async () => {
    const server = await faultServer('endless');
    const run = await verify(['--base-url', server.baseUrl, '--timeout', '60']);
    expect(run.status, run.out + run.err).toBe(1);
    expect(run.out).toContain(`the body is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB (not read further)`);
    await server.hungUp;
    // What verify took in is at most the cap plus what socket buffers held: far from unbounded.
    expect(server.sent).toBeGreaterThan(MAX_ANSWER_BYTES);
    expect(server.sent).toBeLessThan(8 * MAX_ANSWER_BYTES);
    // The first answer was not whole HTTP: the run stopped there, one request made.
    expect(server.requests).toHaveLength(1);
  }, 60_000);

  it('through the bin, an endless body ends the run with exit 1 and a JUnit file naming the failure', async () => {
    const server = await faultServer('endless');
    const junit = join(work, 'endless.xml');
    const cli = spawnCli(['verify', '--base-url', server.baseUrl, '--junit', junit]);
    expect((await cli.exit).code, cli.output()).toBe(1);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(/<testsuites name="tm-partner verify" tests="29" failures="1" errors="0" skipped="28"/);
    expect(xml).toContain('the body is larger than 8 MiB');
    expect(cli.output()).toContain("not run: the server's first answer was not whole HTTP (see the failed check)");
  }, 60_000);

  it('bytes that are not HTTP: "the answer is not HTTP", exit 1', async () => {
    const server = await faultServer('not-http');
    const run = await verify(['--base-url', server.baseUrl]);
    expect(run.status).toBe(1);
    expect(run.out).toMatch(/bad answer: POST \/partners\/v1\/oauth\/accesstoken\?apikey=\*\*\*: the answer is not HTTP( \(HPE_\w+\))?$/m);
    expect(run.out).toContain('does NOT conform (0 passed, 1 failed, 28 skipped checks)');
    expect(run.err).toBe('');
  });

  it('a body that stalls after the headers fails within --timeout: "the body did not finish within N ms", exit 1', async () => {
    const server = await faultServer('stall');
    const run = await verify(['--base-url', server.baseUrl, '--timeout', '1']);
    expect(run.status).toBe(1);
    expect(run.out).toContain('the body did not finish within 1000 ms');
    expect(server.requests).toHaveLength(1);
  }, 30_000);

  it('a connection closed after the headers: "the connection closed mid-answer", exit 1', async () => {
    const server = await faultServer('cut');
    const run = await verify(['--base-url', server.baseUrl]);
    expect(run.status).toBe(1);
    expect(run.out).toMatch(/the connection closed mid-answer/);
  }, 30_000);
});

describe('verify against a server that does not answer', () => {
  it('silence until --timeout: exit 2, one line, and the JUnit file with one test case in error', async () => {
    const server = await faultServer('silent');
    const junit = join(work, 'silent', 'report.xml');
    const run = await verify(['--base-url', server.baseUrl, '--timeout', '1', '--junit', junit]);
    expect(run.status).toBe(2);
    expect(run.err).toBe(
      `verify: cannot reach ${server.baseUrl}: POST /partners/v1/oauth/accesstoken?apikey=***: no answer within 1000 ms`,
    );
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(/<testsuites name="tm-partner verify" tests="2" failures="0" errors="1" skipped="1"/);
    expect(xml).toContain(
      `<testcase classname="verify" name="reach the server" time="0.000">\n      <error message="cannot reach ${server.baseUrl}: POST /partners/v1/oauth/accesstoken?apikey=***: no answer within 1000 ms" type="unreachable"/>`,
    );
  }, 30_000);

  it('a port fetch will not call (9, on its list of ports browsers block) is said in words: exit 2', async () => {
    const run = await verify(['--base-url', 'http://127.0.0.1:9/partners/v1']);
    expect(run.status).toBe(2);
    expect(run.err).toBe(
      'verify: cannot reach http://127.0.0.1:9/partners/v1: POST /partners/v1/oauth/accesstoken?apikey=***: fetch refuses to call this port, as browsers do (bad port): serve on another one',
    );
  });
});

describe('verify with a --junit path it could never write', () => {
  it('refuses a directory, a path under a file and an unwritable place before any request: exit 2, one line naming the path', async () => {
    const server = await faultServer('silent');
    const file = join(work, 'a-file');
    await writeFile(file, '');
    const folder = join(work, 'a-folder');
    await mkdir(folder);
    for (const [junit, reason] of [
      [folder, 'it is a directory'],
      [join(file, 'report.xml'), 'a parent is not a directory'],
      [join(file, 'deeper', 'report.xml'), 'a parent is not a directory'],
      // /proc takes no new files: root is told the name does not exist, others that permission is denied.
      ['/proc/tm-partner-report.xml', /no such file or directory|permission denied/],
    ] as const) {
      const run = await verify(['--base-url', server.baseUrl, '--junit', junit]);
      const words = typeof reason === 'string' ? reason : reason.source;
      expect(run.err, junit).toMatch(new RegExp(`^verify: cannot write the JUnit report ${junit.replace(/[.]/g, '\\.')}: (${words})$`));
      expect(run.status).toBe(2);
      expect(run.out).toBe('');
    }
    expect(server.requests).toEqual([]);
  });
});
