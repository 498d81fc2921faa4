import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { readDocument } from './check-document.js';
import { findFreePort } from './free-port.js';
import { PrismStartError } from './start-error.js';

export { PrismStartError } from './start-error.js';

/** `mock` answers from the document's examples; `proxy` forwards to an upstream and checks both directions. */
export type PrismMode = 'mock' | 'proxy';

interface CommonPrismOptions {
  /** Path (or http(s) URL) of the OpenAPI document. Default: the `openapi.json` of `@tm-partner/generated`. */
  document?: string;
  /**
   * Answer with a Prism error (500 problem document) instead of passing a response on when it breaks
   * the contract. Default: `true` in proxy mode, `false` in mock mode.
   */
  errors?: boolean;
  /**
   * Serve the document in place, so Prism reloads it whenever the file changes. Default `false`: Prism
   * serves a private copy taken at start, because a reload closes and reopens its server and any request
   * made meanwhile (say while `pnpm generate` rewrites the file) fails with a refused connection.
   */
  watch?: boolean;
  /** Listen on this port instead of a free one found for the purpose (no retry when it is taken). */
  port?: number;
  /** How long to wait for Prism to listen before giving up. Default 30 000 ms. */
  startupTimeoutMs?: number;
  /** Receives every line Prism prints (stdout and stderr), without colour codes. */
  log?: (line: string) => void;
}

/** Options for a Prism that answers from the document itself. */
export interface MockPrismOptions extends CommonPrismOptions {
  mode?: 'mock';
  /** Generate responses from the schemas (json-schema-faker) instead of returning the static examples. */
  dynamic?: boolean;
  /** Seed for dynamic generation, so the same request gets the same generated body. */
  seed?: number | string;
  upstream?: undefined;
}

/** Options for a Prism placed between a client and a real (or sandbox) server. */
export interface ProxyPrismOptions extends CommonPrismOptions {
  mode: 'proxy';
  /** Base URL requests are forwarded to; the request path is appended to its path. */
  upstream: string | URL;
  dynamic?: undefined;
  seed?: undefined;
}

export type PrismOptions = MockPrismOptions | ProxyPrismOptions;

/** How the Prism process ended. */
export interface PrismExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running Prism process. */
export interface PrismServer {
  /** `http://127.0.0.1:<port>`; the document's paths are served at its root. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly mode: PrismMode;
  /** The document Prism actually serves (the private copy unless `watch` was set). */
  readonly document: string;
  /** Settles when the process ends, whether through `close()` or on its own. */
  readonly exited: Promise<PrismExit>;
  /** Stops Prism (SIGTERM, SIGKILL after a grace period) and resolves once the process has exited. */
  close(): Promise<void>;
  /** The last lines Prism printed (at most 200). */
  logs(): string[];
}

const HOST = '127.0.0.1';
// The document `@tm-partner/generated` ships: the one this package was released with.
const DEFAULT_DOCUMENT = createRequire(import.meta.url).resolve('@tm-partner/generated/openapi.json');
const CHILD_LIFETIME = fileURLToPath(new URL('./child-lifetime.cjs', import.meta.url));
const LOG_LIMIT = 200;
const LINES_IN_ERRORS = 25;
const KILL_GRACE_MS = 3_000;
const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 5;
// Colour codes, should Prism print any despite FORCE_COLOR=0: log lines are for reading and matching.
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** Starts the Prism CLI in a child process and resolves once it listens on 127.0.0.1. */
export async function startPrism(options: PrismOptions = {}): Promise<PrismServer> {
  const mode: PrismMode = options.mode ?? 'mock';
  const upstream = mode === 'proxy' ? checkUpstream(options.upstream) : undefined;
  const source = options.document ?? DEFAULT_DOCUMENT;
  // Checked before Prism starts, so a message names the user's file; a URL is Prism's to fetch.
  const text = isUrl(source) ? undefined : await readDocument(resolve(source));
  const served: Served =
    options.watch || text === undefined ? { path: inPlace(source), cleanup: async () => {} } : await snapshot(resolve(source), text);
  const timeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  const logs = new LogBuffer(options.log);

  try {
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await findFreePort(HOST));
      const args = prismArguments(options, mode, served.path, upstream, port);
      const outcome = await launch(args, served, port, timeoutMs, logs, `Prism (${mode} mode, document ${source})`);
      if (outcome.kind === 'listening') {
        return runningServer(outcome.child, port, mode, served, logs);
      }
      // Only a port lost to someone else between findFreePort and Prism's bind is worth a retry.
      if (options.port !== undefined || attempt === PORT_ATTEMPTS) {
        throw new PrismStartError(
          `Prism (${mode} mode) could not listen on ${HOST}:${port}: the port is in use` +
            (options.port === undefined ? ` (${PORT_ATTEMPTS} ports tried)` : '') +
            '.' +
            lastLines(logs.lines()),
          logs.lines(),
        );
      }
      logs.push(`[tm-partner/mock] port ${port} was taken before Prism could bind it; trying another port`);
    }
  } catch (error) {
    await served.cleanup();
    throw error;
  }
}

function checkUpstream(upstream: string | URL | undefined): string {
  if (upstream === undefined || upstream === '') {
    throw new TypeError('startPrism: proxy mode needs `upstream`, the base URL to forward requests to');
  }
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    throw new TypeError(`startPrism: upstream ${JSON.stringify(String(upstream))} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`startPrism: upstream must be an http(s) URL, got ${url.href}`);
  }
  return url.href;
}

function isUrl(document: string): boolean {
  return /^https?:\/\//i.test(document);
}

function inPlace(document: string): string {
  return isUrl(document) ? document : resolve(document);
}

/** The document as handed to Prism, and how to remove the private copy (in `directory`) if one was made. */
interface Served {
  path: string;
  directory?: string;
  cleanup: () => Promise<void>;
}

/** A private copy of `text`, read from `source`, for Prism to serve. */
async function snapshot(source: string, text: string): Promise<Served> {
  const directory = await mkdtemp(join(tmpdir(), 'tm-prism-'));
  temporaryDirectories.add(directory);
  const path = join(directory, basename(source));
  await writeFile(path, text);
  return {
    path,
    directory,
    cleanup: async () => {
      temporaryDirectories.delete(directory);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function prismArguments(options: PrismOptions, mode: PrismMode, document: string, upstream: string | undefined, port: number): string[] {
  const args: string[] = mode === 'proxy' && upstream !== undefined ? ['proxy', document, upstream] : ['mock', document];
  args.push('-h', HOST, '-p', String(port));
  if (options.errors ?? mode === 'proxy') args.push('--errors');
  if (options.mode !== 'proxy') {
    if (options.dynamic) args.push('--dynamic');
    if (options.seed !== undefined) args.push('--seed', String(options.seed));
  }
  return args;
}

/** The CLI's JavaScript entry, from the `bin` of its package.json, so no PATH or shell is involved. */
function prismEntry(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@stoplight/prism-cli/package.json');
  const manifest = require(manifestPath) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.['prism'];
  if (bin === undefined) throw new Error(`${manifestPath} declares no "prism" bin`);
  return resolve(dirname(manifestPath), bin);
}

type LaunchOutcome = { kind: 'listening'; child: ChildProcess } | { kind: 'port-taken' };

function launch(args: string[], served: Served, port: number, timeoutMs: number, logs: LogBuffer, label: string): Promise<LaunchOutcome> {
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    let portTaken = false;
    const child = spawn(process.execPath, ['-r', CHILD_LIFETIME, prismEntry(), ...args], {
      // A pipe on stdin is what child-lifetime.cjs watches; never `detached`, so the child
      // also stays in our process group and gets the terminal's Ctrl-C with us.
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        FORCE_COLOR: '0',
        NO_COLOR: '1',
        ...(served.directory ? { TM_PRISM_REMOVE_ON_EXIT: served.directory } : {}),
      },
      windowsHide: true,
    });
    track(child);

    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const fail = (message: string): void => finish(() => reject(new PrismStartError(message + lastLines(logs.lines()), logs.lines())));

    const onLine = (raw: string): void => {
      const line = raw.replace(ANSI, '');
      logs.push(line);
      if (line.includes('EADDRINUSE')) portTaken = true;
      if (!settled && line.includes('Prism is listening on') && line.includes(`:${port}`)) {
        finish(() => resolvePromise({ kind: 'listening', child }));
      }
    };
    if (child.stdout) createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', onLine);
    if (child.stderr) createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', onLine);
    // Our end of the child's stdin may see EPIPE once the child is gone; that is expected.
    child.stdin?.on('error', () => {});

    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`${label} did not listen on ${HOST}:${port} within ${timeoutMs} ms.`);
    }, timeoutMs);

    child.once('error', (error) => fail(`${label} could not be launched: ${error.message}.`));
    // 'close' rather than 'exit': it comes after the output pipes are drained, so the
    // failure message holds Prism's last words.
    child.once('close', (code, signal) => {
      if (portTaken) finish(() => resolvePromise({ kind: 'port-taken' }));
      else fail(`${label} exited ${signal ? `on ${signal}` : `with code ${code}`} before listening.`);
    });
  });
}

function runningServer(child: ChildProcess, port: number, mode: PrismMode, served: Served, logs: LogBuffer): PrismServer {
  const pid = child.pid;
  if (pid === undefined) throw new Error('Prism is listening but its process has no pid');
  const exited = new Promise<PrismExit>((resolvePromise) => {
    const done = (): void => resolvePromise({ code: child.exitCode, signal: child.signalCode });
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', done);
  });
  let closing: Promise<void> | undefined;
  return {
    url: `http://${HOST}:${port}`,
    port,
    pid,
    mode,
    document: served.path,
    exited,
    logs: () => logs.lines(),
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
          await exited;
          clearTimeout(killer);
        }
        child.stdin?.destroy();
        await served.cleanup();
      })();
      return closing;
    },
  };
}

class LogBuffer {
  readonly #lines: string[] = [];
  constructor(private readonly listener: ((line: string) => void) | undefined) {}
  push(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > LOG_LIMIT) this.#lines.splice(0, this.#lines.length - LOG_LIMIT);
    this.listener?.(line);
  }
  lines(): string[] {
    return [...this.#lines];
  }
}

/** Prism's last lines for an error message, without the usage text yargs prints on every failure. */
function lastLines(lines: readonly string[]): string {
  const kept: string[] = [];
  let inUsage = false;
  let sawOptions = false;
  for (const line of lines) {
    if (/^prism (mock|proxy) </.test(line)) {
      inUsage = true;
      sawOptions = false;
      continue;
    }
    if (inUsage) {
      if (line.startsWith('Options:')) sawOptions = true;
      else if (sawOptions && line.trim() === '') inUsage = false;
      continue;
    }
    kept.push(line);
  }
  const tail = kept.slice(-LINES_IN_ERRORS);
  if (tail.length === 0) return '';
  return `\nLast output from Prism:\n${tail.map((line) => `  ${line}`).join('\n')}`;
}

// Children still running and copies still on disk, so that leaving the process never
// leaves a Prism behind, even when the caller forgets close().
const liveChildren = new Set<ChildProcess>();
const temporaryDirectories = new Set<string>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Only synchronous work is possible here; SIGKILL needs no grace period to take effect.
  process.on('exit', () => {
    for (const live of liveChildren) live.kill('SIGKILL');
    for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
  });
}
