/**
 * Runs one of the workspace's TypeScript programs (the sandbox CLI) in a
 * child Node process with the tsx loader, its output going straight to ours.
 *
 * The child gets its own process group, so a Ctrl-C in the terminal reaches it once,
 * through us (`signal`), and never twice (terminal and relay), which would cut a
 * graceful shutdown short. If we exit first, the child is killed with us.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { ROOT } from './paths.js';

const TSX_LOADER = import.meta.resolve('tsx');

export interface RunScriptOptions {
  /** Aborting sends the child the signal named by the abort reason (`'SIGINT'`, `'SIGTERM'`), else SIGTERM. */
  signal?: AbortSignal;
  cwd?: string;
}

/** Resolves to the child's exit status (128 + signal number when a signal ended it). */
export function runScript(script: string, args: readonly string[], options: RunScriptOptions = {}): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, script, ...args], {
      cwd: options.cwd ?? ROOT,
      stdio: 'inherit',
      detached: true,
    });
    const killOnExit = (): void => {
      child.kill('SIGKILL');
    };
    const forward = (): void => {
      const reason: unknown = options.signal?.reason;
      child.kill(reason === 'SIGINT' || reason === 'SIGTERM' ? reason : 'SIGTERM');
    };
    const cleanUp = (): void => {
      process.off('exit', killOnExit);
      options.signal?.removeEventListener('abort', forward);
    };
    process.on('exit', killOnExit);
    if (options.signal?.aborted) forward();
    else options.signal?.addEventListener('abort', forward, { once: true });
    child.once('error', (error) => {
      cleanUp();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      cleanUp();
      resolvePromise(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}
