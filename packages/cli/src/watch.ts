/**
 * Runs a task whenever files under a folder change: changes are collected for a
 * quiet period (debounce), runs never overlap, and changes that arrive during a run
 * cause exactly one more run after it. Resolves when the signal aborts.
 */
import { watch } from 'node:fs';

export interface WatchOptions {
  /** Folder to watch, recursively. */
  dir: string;
  /** Called with the changed paths (relative to `dir`), after `debounceMs` without further changes. */
  onChange(files: string[]): Promise<void>;
  /** Stops watching; a run in progress is awaited. */
  signal: AbortSignal;
  debounceMs?: number;
}

/** Editor leftovers that are not the spec: swap, backup and lock files. */
export function isIgnored(file: string): boolean {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name === '' || name.startsWith('.') || name.endsWith('~') || /\.(swp|swx|tmp)$/.test(name) || name === '4913';
}

export function watchFolder(options: WatchOptions): Promise<void> {
  const { dir, onChange, signal, debounceMs = 200 } = options;
  return new Promise((resolvePromise, reject) => {
    if (signal.aborted) {
      resolvePromise();
      return;
    }
    const pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    let finished = false;

    const finish = (error?: unknown): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      watcher.close();
      signal.removeEventListener('abort', onAbort);
      void (running ?? Promise.resolve()).then(() => (error === undefined ? resolvePromise() : reject(error)));
    };
    const onAbort = (): void => finish();

    const flush = (): void => {
      timer = undefined;
      if (running || pending.size === 0 || finished) return;
      const files = [...pending].sort();
      pending.clear();
      running = onChange(files)
        .catch((error: unknown) => {
          finish(error);
        })
        .finally(() => {
          running = undefined;
          // Changes seen during the run: one more run, after the same quiet period.
          if (pending.size > 0 && !finished) timer = setTimeout(flush, debounceMs);
        });
    };

    const watcher = watch(dir, { recursive: true }, (_event, filename) => {
      const file = filename === null ? '' : filename.toString();
      if (file === '' || isIgnored(file) || finished) return;
      pending.add(file);
      if (running) return;
      clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    });
    watcher.on('error', (error) => finish(error));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
