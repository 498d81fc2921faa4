/**
 * Renders converted documents (validation and types) on a second core: a worker
 * thread is started before the blueprint is parsed, loads its libraries while Drafter
 * runs, and is kept for later documents (a watch). Where the worker cannot run, the
 * same rendering happens in this thread.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Rendered, render } from './render-document.js';

/** Renders documents. */
export interface Renderer {
  render(document: object): Promise<Rendered>;
  /** Where documents are rendered now: a worker, or this thread (no worker could run). */
  readonly thread: 'worker' | 'this thread';
}

type Reply = { id: number; rendered: Rendered } | { id: number; error: string };

class WorkerRenderer implements Renderer {
  private readonly pending = new Map<number, { document: object; settle: (result: Promise<Rendered>) => void }>();
  private next = 0;
  private broken = false;

  get thread(): 'worker' | 'this thread' {
    return this.broken ? 'this thread' : 'worker';
  }

  constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.done(reply.id);
      waiting.settle('rendered' in reply ? Promise.resolve(reply.rendered) : Promise.reject(new Error(reply.error)));
    });
    const fail = () => {
      this.broken = true;
      // What was waiting is rendered here instead.
      for (const [id, waiting] of this.pending) {
        this.done(id);
        waiting.settle(render(waiting.document));
      }
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    // Idle, it must not keep the process alive; busy, it must. Only after the listeners:
    // adding a 'message' listener refs the worker's port again.
    worker.unref();
  }

  render(document: object): Promise<Rendered> {
    if (this.broken) return render(document);
    const id = this.next++;
    return new Promise<Rendered>((resolvePromise, reject) => {
      this.pending.set(id, { document, settle: (result) => result.then(resolvePromise, reject) });
      this.worker.ref();
      this.worker.postMessage({ id, document });
    });
  }

  private done(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }
}

let shared: Renderer | undefined;

/** The renderer for this process, its worker started on first use. */
export function startRenderer(): Renderer {
  shared ??= create();
  return shared;
}

function create(): Renderer {
  try {
    return new WorkerRenderer(startWorker());
  } catch {
    return { render, thread: 'this thread' };
  }
}

function startWorker(): Worker {
  const self = fileURLToPath(import.meta.url);
  const entry = new URL(`./render-worker${extname(self)}`, import.meta.url);
  if (extname(self) !== '.ts') return new Worker(entry);
  // From TypeScript sources (the workspace, tests): Node 20 does not apply a loader given in a
  // worker's execArgv to its entry, so the worker registers tsx itself, then imports the entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, execArgv: ['--conditions=tm-partner:source'] });
}
