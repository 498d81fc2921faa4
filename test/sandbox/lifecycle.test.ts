import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { optionsFromArgs } from '../../packages/sandbox/src/command.js';
import { SANDBOX_EVENTS, startSandbox } from '../../packages/sandbox/src/index.js';
import { call, collectingLogger, openCart, reserveBody, SAFE_START } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WATCHED = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'];

function handles(): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(WATCHED.map((name) => [name, 0]));
  for (const name of process.getActiveResourcesInfo()) if (name in counts) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

async function settle(expected: Record<string, number>): Promise<Record<string, number>> {
  // Client-side sockets learn about the close one event-loop turn or so later.
  for (let i = 0; i < 50; i++) {
    const now = handles();
    if (now.TCPServerWrap === expected.TCPServerWrap && now.TCPSocketWrap === expected.TCPSocketWrap) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return handles();
}

describe('close()', () => {
  it('stops listening, drops keep-alive connections and leaves no handle behind', async () => {
    const baseline = handles();
    const sandbox = await startSandbox({ startTime: SAFE_START, logger: collectingLogger().logger });
    const cartId = await openCart(sandbox);
    await call(sandbox, 'PUT', '/cart/tickets', {
      headers: { 'X-TM-FORCE-POLLING': 'true' },
      body: reserveBody(cartId, SANDBOX_EVENTS.generalAdmission, [{ id: '000000000001', quantity: 1 }]),
    });
    const open = handles();
    expect(open.TCPServerWrap).toBe((baseline.TCPServerWrap ?? 0) + 1);
    // fetch keeps its connection alive: one socket on each side.
    expect(open.TCPSocketWrap).toBeGreaterThan(baseline.TCPSocketWrap ?? 0);

    await sandbox.close();
    const after = await settle(baseline);
    expect({ server: after.TCPServerWrap, sockets: after.TCPSocketWrap }).toEqual({
      server: baseline.TCPServerWrap,
      sockets: baseline.TCPSocketWrap,
    });
    // The http server's connection-checking interval is gone too (the test runner may own timers of its own).
    expect(after.Timeout).toBeLessThanOrEqual(baseline.Timeout ?? 0);
    await expect(fetch(`${sandbox.baseUrl}/captcha?apikey=sandbox-key`)).rejects.toThrow();
    // A second close is harmless.
    await expect(sandbox.close()).resolves.toBeUndefined();
  });

  it('does not wait for a client that never finishes its request', async () => {
    const sandbox = await startSandbox({ startTime: SAFE_START, logger: collectingLogger().logger });
    const socket = connect(sandbox.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // Headers promise 100 bytes of body; only one arrives, so the request stays in flight.
    socket.write(
      'PUT /partners/v1/cart?apikey=sandbox-key HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outcome = await Promise.race([
      sandbox.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3_000)),
    ]);
    expect(outcome).toBe('closed');
    await closed;
    expect(socket.destroyed).toBe(true);
  });

  it('listens on loopback only, on a free port by default', async () => {
    const [a, b] = await Promise.all([
      startSandbox({ logger: collectingLogger().logger }),
      startSandbox({ logger: collectingLogger().logger }),
    ]);
    try {
      for (const sandbox of [a, b]) {
        expect(sandbox.baseUrl).toBe(`http://127.0.0.1:${sandbox.port}/partners/v1`);
        expect(sandbox.port).toBeGreaterThan(0);
      }
      expect(a.port).not.toBe(b.port);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('the sandbox command', () => {
  it('reads its flags into options and refuses bad ones', () => {
    expect(
      optionsFromArgs([
        '--port',
        '8080',
        '--polling-rate',
        '0.3',
        '--wait',
        '0',
        '--pending-polls',
        '2',
        '--hold',
        '60',
        '--token-lifetime',
        '30',
        '--require-token',
        '--no-maintenance',
        '--lenient',
        '--public-base-url',
        'http://127.0.0.1:4010',
      ]),
    ).toMatchObject({
      port: 8080,
      pollingRate: 0.3,
      pollingWaitSeconds: 0,
      pendingPolls: 2,
      holdSeconds: 60,
      tokenLifetimeSeconds: 30,
      requireAccessToken: true,
      maintenance: false,
      strict: false,
      publicBaseUrl: 'http://127.0.0.1:4010',
    });
    expect(optionsFromArgs([])).toMatchObject({ strict: true, requireAccessToken: false });
    expect(() => optionsFromArgs(['--port', 'eighty'])).toThrow(/--port needs a number/);
    expect(optionsFromArgs(['--port', '0'])).toMatchObject({ port: 0 });
    expect(() => optionsFromArgs(['--colour'])).toThrow();
    // A negative value reaches the range check instead of parseArgs' "ambiguous" message.
    expect(() => optionsFromArgs(['--pending-polls', '-1'])).toThrow('--pending-polls needs a whole number of at least 0, got "-1"');
    expect(optionsFromArgs(['--polling-rate', '.25', '--port', '65535'])).toMatchObject({ pollingRate: 0.25, port: 65535 });
  });

  it('prints its base URL, serves it, and exits cleanly on SIGTERM', async () => {
    // The compiled bin, as `node_modules/.bin/tm-partner sandbox` runs it (the packages must be built).
    const child = spawn(process.execPath, ['packages/cli/bin/tm-partner.js', 'sandbox', '--port', '0', '--wait', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const baseUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no base URL printed: ${output}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /^sandbox listening at (http:\/\/127\.0\.0\.1:\d+\/partners\/v1) \(pid (\d+)\)$/m.exec(output);
          if (match?.[1] && output.includes('events:')) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.once('exit', () => reject(new Error(`exited early: ${output}`)));
      });
      expect(output.split('\n')[0]).toBe(`sandbox listening at ${baseUrl} (pid ${child.pid})`);
      expect(output).toContain('apikey sandbox-key');
      const answer = await fetch(`${baseUrl}/event/${SANDBOX_EVENTS.reservedSeating}?apikey=sandbox-key`);
      expect(answer.status).toBe(200);
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(output).toContain(`GET /partners/v1/event/${SANDBOX_EVENTS.reservedSeating} -> 200`);
      expect(output).not.toContain('apikey=sandbox-key');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('capacityScale', () => {
  it('multiplies general-admission capacities and keeps the sold-out event sold out', async () => {
    const sandbox = await startSandbox({ capacityScale: 3, startTime: SAFE_START, logger: collectingLogger().logger });
    try {
      const ga = sandbox.inventory(SANDBOX_EVENTS.generalAdmission);
      expect(Object.values(ga).map((c) => c.capacity)).toEqual([1500, 120, 30]);
      const soldOut = Object.values(sandbox.inventory(SANDBOX_EVENTS.soldOut));
      expect(soldOut.every((c) => c.free === 0 && c.sold === c.capacity)).toBe(true);
    } finally {
      await sandbox.close();
    }
    await expect(startSandbox({ capacityScale: 0 })).rejects.toThrow(/capacityScale must be a whole number of at least 1/);
  });
});
