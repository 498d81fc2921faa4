import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type * as FreePort from '../../packages/mock/src/free-port.js';
import { startPrism } from '../../packages/mock/src/index.js';

// Stages the race startPrism guards against: the port found free is taken before Prism binds it.
const ports = vi.hoisted(() => ({ queue: [] as number[] }));
vi.mock('../../packages/mock/src/free-port.js', async (importOriginal) => {
  const real = await importOriginal<typeof FreePort>();
  return { findFreePort: async () => ports.queue.shift() ?? real.findFreePort() };
});

let blocker: Server;
let blockedPort: number;

beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  blockedPort = (blocker.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => blocker.close(resolve));
});

it('tries another port when the one it picked is taken before Prism binds it', async () => {
  ports.queue.push(blockedPort);
  const server = await startPrism();
  try {
    expect(ports.queue).toEqual([]);
    expect(server.port).not.toBe(blockedPort);
    const response = await fetch(`${server.url}/event/3F004CBB88958BF9?apikey=k`);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    const retries = server.logs().filter((line) => line.includes(`port ${blockedPort} was taken`));
    expect(retries).toHaveLength(1);
    expect(server.logs().filter((line) => line.includes('EADDRINUSE'))).toHaveLength(1);
  } finally {
    await server.close();
  }
});
