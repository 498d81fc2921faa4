/**
 * Runs a task whenever one of some files changes, including when a file is replaced
 * rather than rewritten (an editor saving through a temporary file and a rename,
 * `sed -i`, `git checkout`) or deleted and created again. Each file's folder is
 * watched, not the file: a watch on a file follows the file that was replaced and
 * goes deaf. Other files in the folder (editor swap and backup files) are not
 * reported. The folder itself is looked at every few seconds, and watched afresh when
 * it was replaced or the watch failed.
 *
 * Changes are collected for a quiet period (debounce), runs never overlap, and
 * changes that arrive during a run cause exactly one more run after it. Resolves when
 * the signal aborts.
 */
import { type FSWatcher, type Stats, statSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface WatchOptions {
  /** Files to watch (absolute paths); they need not exist yet. */
  files: string[];
  /** Called with the changed files (as given), after `debounceMs` without further changes. */
  onChange(files: string[]): Promise<void>;
  /** Stops watching; a run in progress is awaited. */
  signal: AbortSignal;
  debounceMs?: number;
  /** How often each folder is checked for having been replaced. */
  recheckMs?: number;
}

/** Identity and state of a path, to tell a replaced file or folder from the same one. */
function signature(path: string): string {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return 'missing';
  }
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

/** A folder's identity: a re-created folder may get the same inode number, never the same birth time. */
function identity(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}:${stats.birthtimeMs}`;
  } catch {
    return 'missing';
  }
}

export function watchFiles(options: WatchOptions): Promise<void> {
  const { files, onChange, signal, debounceMs = 200, recheckMs = 2_000 } = options;
  return new Promise((resolvePromise, reject) => {
    if (signal.aborted) {
      resolvePromise();
      return;
    }
    const pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    let finished = false;
    const byFolder = new Map<string, { names: Map<string, string>; watcher?: FSWatcher; identity: string }>();
    const lastSeen = new Map(files.map((f) => [f, signature(f)]));

    const finish = (error?: unknown): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearInterval(recheck);
      for (const folder of byFolder.values()) folder.watcher?.close();
      signal.removeEventListener('abort', onAbort);
      void (running ?? Promise.resolve()).then(() => (error === undefined ? resolvePromise() : reject(error)));
    };
    const onAbort = (): void => finish();

    const flush = (): void => {
      timer = undefined;
      if (running || pending.size === 0 || finished) return;
      const changed = [...pending].sort();
      pending.clear();
      for (const f of changed) lastSeen.set(f, signature(f));
      running = onChange(changed)
        .catch((error: unknown) => {
          finish(error);
        })
        .finally(() => {
          running = undefined;
          // Changes seen during the run: one more run, after the same quiet period.
          if (pending.size > 0 && !finished) timer = setTimeout(flush, debounceMs);
        });
    };
    const changed = (file: string): void => {
      if (finished) return;
      pending.add(file);
      if (running) return;
      clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    };

    const arm = (dir: string): void => {
      const folder = byFolder.get(dir);
      if (!folder) return;
      folder.watcher?.close();
      folder.watcher = undefined;
      folder.identity = identity(dir);
      if (folder.identity === 'missing') return;
      try {
        const watcher = watch(dir, (_event, filename) => {
          if (filename === null) {
            // Some platforms do not say which entry changed: compare what can be compared.
            for (const file of folder.names.values()) if (signature(file) !== lastSeen.get(file)) changed(file);
            return;
          }
          const name = filename.toString();
          const file = folder.names.get(name);
          if (file !== undefined) changed(file);
          // The folder itself was removed or replaced: look again soon rather than at the next check.
          else if (name === basename(dir)) setTimeout(() => recheckFolder(dir), debounceMs);
        });
        // A watch that fails (the folder was removed) is set up again by the periodic check.
        watcher.on('error', () => {
          watcher.close();
          if (folder.watcher === watcher) folder.watcher = undefined;
        });
        folder.watcher = watcher;
      } catch {
        folder.watcher = undefined;
      }
    };

    /** Watches a folder afresh when it was replaced or its watch failed, and compares its files. */
    function recheckFolder(dir: string): void {
      const folder = byFolder.get(dir);
      if (!folder || finished || (folder.watcher && identity(dir) === folder.identity)) return;
      arm(dir);
      // Whatever happened while the folder was not watched.
      for (const file of folder.names.values()) if (signature(file) !== lastSeen.get(file)) changed(file);
    }

    for (const file of files) {
      const dir = dirname(file);
      const folder = byFolder.get(dir) ?? { names: new Map<string, string>(), identity: 'missing' };
      folder.names.set(basename(file), file);
      byFolder.set(dir, folder);
    }
    for (const dir of byFolder.keys()) arm(dir);

    const recheck = setInterval(() => {
      for (const dir of byFolder.keys()) recheckFolder(dir);
    }, recheckMs);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
