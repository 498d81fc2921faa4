/** A stop that hangs still ends: the second signal to a `tm-partner` process exits at once (real processes, real signals). */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support.js';

/** A process whose stop request does nothing, as when a stop hangs; it prints the first request it got. */
const HANGING_STOP = `
import { onStopRequest } from './packages/cli/src/stop-signals.ts';
onStopRequest((reason) => console.log('stop requested: ' + reason));
setInterval(() => {}, 1000);
console.log('ready');
`;

describe('stop requests', () => {
  for (const [signal, status] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`a second ${signal} ends a process whose stop hangs, with status ${status}`, async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', HANGING_STOP], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exit = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      let output = '';
      const seen = (text: string) =>
        new Promise<void>((resolve) => {
          const look = () => (output.includes(text) ? resolve() : undefined);
          child.stdout.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            look();
          });
          look();
        });
      try {
        await seen('ready');
        child.kill(signal);
        await seen(`stop requested: ${signal}`);
        // The first request was taken and the process lives on: its stop hangs.
        expect(child.exitCode).toBeNull();
        child.kill(signal);
        const [code, bySignal] = await exit;
        expect({ code, bySignal }).toEqual({ code: status, bySignal: null });
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    }, 30_000);
  }
});
