/**
 * The HTTP side: routing under `/partners/v1`, the gateway checks (API key, bearer
 * token), the request and response contract checks, the maintenance window, polling,
 * and the server's lifecycle. Each request is read fully, then handled in one
 * synchronous step, so its state change cannot interleave with another request's.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import { callerOrigin } from './caller-origin.js';
import { createHandlers, pollingAnswer } from './handlers.js';
import type { CallContext, OperationHandler, OperationId } from './handlers.js';
import { inMaintenance, secondsUntilOpen } from './maintenance.js';
import { ErrorCode, apiError, empty, fault, withReason } from './responses.js';
import type { SandboxResponse } from './responses.js';
import { BASE_PATH, REDEEM_PATH } from './state.js';
import type { SandboxState } from './state.js';

const MAX_BODY_BYTES = 1024 * 1024;
const FORCE_POLLING_HEADER = 'x-tm-force-polling';

/** A listening sandbox server. */
export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** Starts the HTTP server on 127.0.0.1 and fills in the state's origin and base URL. */
export async function listen(state: SandboxState): Promise<RunningServer> {
  const handlers = createHandlers(state);
  for (const operation of state.validator.listOperations()) {
    if (!(operation.operationId in handlers))
      throw new Error(`sandbox: the document has an operation without a handler: ${operation.operationId}`);
  }
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => send(res, handle(state, handlers, req, body)))
      .catch((error: unknown) => {
        state.options.logger.error(`request failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) send(res, empty(500));
        else res.destroy();
      });
  });
  // The sandbox is for one machine only: it never listens beyond loopback.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(state.options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  state.origin = `http://127.0.0.1:${port}`;
  state.baseUrl = `${state.origin}${BASE_PATH}`;
  let closing: Promise<void> | undefined;
  return {
    server,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive sockets would keep close() waiting; requests in flight are cut too.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

interface RawBody {
  bytes: Buffer;
  tooLarge: boolean;
}

function readBody(req: IncomingMessage): Promise<RawBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
  });
}

/** Routes and answers one request; synchronous from here on. */
function handle(state: SandboxState, handlers: Record<OperationId, OperationHandler>, req: IncomingMessage, raw: RawBody): SandboxResponse {
  const { options, validator, clock } = state;
  const now = clock.now();
  // Holds that ran out are released before anything reads the inventory.
  state.carts.sweep(now);
  const url = new URL(req.url ?? '/', state.origin);
  const method = (req.method ?? 'GET').toUpperCase();
  const finish = (response: SandboxResponse) => {
    options.logger.info(`${method} ${url.pathname} -> ${response.status}`);
    return response;
  };

  if (url.pathname === REDEEM_PATH && method === 'GET') return finish(redeemPage(state, url));
  if (!url.pathname.startsWith(`${BASE_PATH}/`)) return finish(empty(404));
  const route = validator.match(method, url.pathname.slice(BASE_PATH.length));
  if (route.kind === 'not-found') return finish(empty(404));
  if (route.kind === 'method-not-allowed') return finish(empty(405, { allow: route.allowed.join(', ') }));

  const operationId = route.operation.operationId as OperationId;
  const handler = handlers[operationId];
  const headers = lowerCaseHeaders(req);
  const apiKey = url.searchParams.get('apikey');
  const check = (response: SandboxResponse, also: OperationId[] = []) => finish(checkResponse(state, operationId, also, response));

  // Gateway first: the API key, then the bearer token (the token call itself uses Basic).
  if (!state.tokens.knowsKey(apiKey)) return check(fault('InvalidApiKey', 'missing or unknown apikey query parameter'));
  if (operationId !== 'getAccessToken') {
    const bearer = state.tokens.checkBearer(headers.authorization, apiKey, now, options.requireAccessToken);
    if (!bearer.ok) return check(fault(bearer.fault, bearer.reason));
  }

  const parsed = parseBody(raw, headers['content-type']);
  const ctx: CallContext = {
    operationId,
    apiKey,
    params: route.params,
    query: url.searchParams,
    headers,
    body: parsed.body,
    now,
    answersFor: [],
    // A proxy's public base wins; else the origin the client called, when it is a loopback one.
    pollingBase: state.publicBaseUrl ?? `${callerOrigin(headers.host) ?? state.origin}${BASE_PATH}`,
  };
  if (parsed.error) return check(apiError(ErrorCode.InvalidInput, parsed.error));
  const early = handler.beforeValidation?.(ctx);
  if (early) return check(early);
  const problems = validator.validateRequest(operationId, {
    pathParams: route.params,
    query: url.searchParams,
    headers,
    ...(parsed.mediaType !== undefined ? { mediaType: parsed.mediaType } : {}),
    body: parsed.body,
  });
  const clientIp = headers['true-client-ip'];
  if (clientIp !== undefined && isIP(clientIp.trim()) === 0) problems.push('header True-Client-IP must be the IP address of the end user');
  // A request that breaks the contract is the client's mistake: the API's 400 / 10002.
  if (problems.length > 0) return check(apiError(ErrorCode.InvalidInput, problems.join('; ')));

  const eventId = handler.eventOf?.(ctx);
  const seed = eventId === undefined ? undefined : state.catalog.event(eventId);
  if (seed && options.maintenance && inMaintenance(seed.venue.timeZone, now, options.maintenance)) {
    const retryAfter = String(secondsUntilOpen(seed.venue.timeZone, now, options.maintenance));
    return check(
      withReason(empty(503, { 'retry-after': retryAfter }), `nightly maintenance of the ticketing system in ${seed.venue.timeZone}`),
    );
  }

  if (handler.polling) {
    const forced = headers[FORCE_POLLING_HEADER]?.trim().toLowerCase() === 'true';
    if (forced || (options.pollingRate > 0 && options.random() < options.pollingRate)) {
      // The effect happens now, as it would on the ticketing server; the answer waits for the polls.
      const result = checkResponse(state, operationId, [], safeRun(state, handler, ctx));
      const job = state.polling.create(handler.polling, apiKey, cartIdOf(ctx), eventId, result);
      return check(pollingAnswer(state, job, ctx.pollingBase));
    }
  }
  const response = safeRun(state, handler, ctx);
  return check(response, ctx.answersFor);
}

function safeRun(state: SandboxState, handler: OperationHandler, ctx: CallContext): SandboxResponse {
  try {
    return handler.run(ctx);
  } catch (error) {
    const message = `handler of ${ctx.operationId} failed: ${error instanceof Error ? error.message : String(error)}`;
    state.options.logger.error(message);
    state.violations.push({ operationId: ctx.operationId, status: 500, problems: [message] });
    return sandboxBug(message);
  }
}

/**
 * The response contract check. A breach is a sandbox bug: in strict mode the client
 * gets a 500 that names it, otherwise the answer goes out as it is; it is logged and
 * recorded either way.
 */
function checkResponse(
  state: SandboxState,
  operationId: OperationId,
  also: readonly OperationId[],
  original: SandboxResponse,
): SandboxResponse {
  const response = state.options.transformResponse ? state.options.transformResponse(operationId, original) : original;
  const parts = {
    status: response.status,
    headers: response.headers ?? {},
    ...(response.body !== undefined ? { mediaType: mediaTypeOf(response) } : {}),
    body: response.body,
  };
  const problems: string[] = [];
  for (const id of [operationId, ...also]) {
    const result = state.validator.validateResponse(id, parts);
    problems.push(...result.problems.map((p) => (id === operationId ? p : `as the answer of ${id}: ${p}`)));
  }
  if (problems.length === 0) return response;
  state.violations.push({ operationId, status: response.status, problems });
  const message = `response breaks the contract (${operationId}, status ${response.status}): ${problems.join('; ')}`;
  state.options.logger.error(message);
  return state.options.strict ? sandboxBug(message) : response;
}

/** A 500 that says the sandbox, not the client, is at fault. */
function sandboxBug(message: string): SandboxResponse {
  return {
    status: 500,
    headers: { 'x-sandbox-contract-violation': 'true' },
    body: { error: { message: `Sandbox bug: ${message}`, code: 500, http_code: 500, severity: 'SANDBOX' } },
  };
}

function parseBody(raw: RawBody, contentType: string | undefined): { body?: unknown; mediaType?: string; error?: string } {
  if (raw.tooLarge) return { error: `the body is larger than ${MAX_BODY_BYTES} bytes` };
  if (raw.bytes.length === 0) return {};
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  const text = raw.bytes.toString('utf8');
  if (mediaType === 'application/json' || mediaType?.endsWith('+json')) {
    try {
      return { body: JSON.parse(text) as unknown, mediaType: 'application/json' };
    } catch {
      return { error: 'the body is not valid JSON' };
    }
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    return { body: Object.fromEntries(new URLSearchParams(text)), mediaType };
  }
  return { body: text, ...(mediaType !== undefined ? { mediaType } : {}) };
}

function cartIdOf(ctx: CallContext): string {
  const fromBody = (ctx.body as { cart_id?: unknown } | undefined)?.cart_id;
  return typeof fromBody === 'string' ? fromBody : (ctx.query.get('cart_id') ?? '');
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function mediaTypeOf(response: SandboxResponse): string {
  return (response.contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? 'application/json';
}

/** The page a redemption link opens: marks the order redeemed. Not part of the API. */
function redeemPage(state: SandboxState, url: URL): SandboxResponse {
  const token = url.searchParams.get('token') ?? '';
  if (!state.orders.redeem(token)) return empty(404);
  return { status: 200, contentType: 'text/html', body: '<html><body><p>Partner API sandbox: the order is redeemed.</p></body></html>\n' };
}

function send(res: ServerResponse, response: SandboxResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload: Buffer | undefined;
  if (response.body !== undefined) {
    const type = response.contentType ?? 'application/json';
    payload = Buffer.from(type === 'application/json' ? JSON.stringify(response.body) : String(response.body), 'utf8');
    headers['content-type'] = `${type}; charset=utf-8`;
  }
  // RFC 9110: no Content-Length on 204.
  if (response.status !== 204) headers['content-length'] = String(payload?.length ?? 0);
  res.writeHead(response.status, headers);
  res.end(payload);
}
