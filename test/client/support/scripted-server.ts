/**
 * A real HTTP server on loopback whose answers each test scripts, recording every
 * request it receives (method, path, query, headers, body, overlap with others) and
 * every TCP connection. Answers can also fail part-way: headers and part of the body,
 * then a TCP reset or silence.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server saw it. */
export interface SeenRequest {
  method: string;
  /** The request target exactly as it arrived (path and query). */
  rawUrl: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** How many other requests were in flight when this one arrived. */
  concurrent: number;
}

/** What a handler answers: a response, or `destroy` to drop the connection before any answer. */
export type Answer =
  | {
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
      /** Wait this long before the headers. */
      delayMs?: number;
      /** Send a Content-Length (default: chunked, as node:http does after writeHead; with `cut`, declared unless `false`). */
      length?: boolean;
      /** Send only the body's first `after` bytes, then reset the socket or go silent. */
      cut?: { after: number; then: 'reset' | 'stall' };
    }
  | 'destroy';

/** Decides the answer to a request. */
export type Handler = (request: SeenRequest, server: ScriptedServer) => Answer | Promise<Answer>;

/** A running scripted server. */
export interface ScriptedServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: SeenRequest[];
  /** TCP connections accepted, whether or not a request followed. */
  connections: number;
  close(): Promise<void>;
}

/** Starts a scripted server on 127.0.0.1 and a free port. */
export async function startScriptedServer(handler: Handler): Promise<ScriptedServer> {
  let inFlight = 0;
  const requests: SeenRequest[] = [];
  const state: ScriptedServer = { origin: '', requests, connections: 0, close: async () => undefined };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    const concurrent = inFlight++;
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        rawUrl: req.url ?? '/',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        concurrent,
      };
      requests.push(seen);
      void Promise.resolve(handler(seen, state)).then(async (answer) => {
        if (answer === 'destroy') {
          inFlight--;
          req.socket.destroy();
          return;
        }
        if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
        inFlight--;
        if (res.destroyed) return;
        const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
        const bytes = Buffer.from(text, 'utf8');
        res.writeHead(answer.status, {
          ...(answer.body === undefined || typeof answer.body === 'string' ? {} : { 'content-type': 'application/json' }),
          ...(answer.length || (answer.cut && answer.length !== false) ? { 'content-length': String(bytes.length) } : {}),
          ...answer.headers,
        });
        if (!answer.cut) {
          res.end(bytes);
          return;
        }
        res.write(bytes.subarray(0, answer.cut.after));
        // A TCP RST mid-body; a stalled socket is left open until the server closes.
        if (answer.cut.then === 'reset') setTimeout(() => req.socket.resetAndDestroy(), 10);
      });
    });
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.origin = `http://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** The request's path relative to the API base path `/partners/v1`. */
export function route(request: SeenRequest): string {
  return `${request.method} ${request.path.replace(/^\/partners\/v1/, '')}`;
}

/** Per-test scripted servers: `serve(handler)` starts one; all are closed after each test. */
export function useScriptedServers(afterEach: (fn: () => Promise<void>) => void): (handler: Handler) => Promise<ScriptedServer> {
  const servers: ScriptedServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (handler) => {
    const server = await startScriptedServer(handler);
    servers.push(server);
    return server;
  };
}
