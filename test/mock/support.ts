// Shared by the test/mock suites: reading the OpenAPI document Prism serves, building valid
// requests from its examples, and a tiny HTTP upstream for proxy mode.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MediaType {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  example?: unknown;
}
export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
  security?: Record<string, string[]>[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
}

export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Reads the document Prism serves (its private copy), so tests and Prism agree on the content. */
export function readDocument(path: string): OpenApiDocument {
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

export function operation(document: OpenApiDocument, method: string, path: string): Operation {
  const found = document.paths[path]?.[method];
  if (!found) throw new Error(`The document has no ${method.toUpperCase()} ${path}`);
  return found;
}

/** The example of a documented response: the named one, else the single `example`, else the first of `examples`. */
export function responseExample(op: Operation, status: string, name?: string): unknown {
  const media = op.responses[status]?.content?.['application/json'];
  if (!media) throw new Error(`No application/json ${status} response`);
  if (name !== undefined) {
    const named = media.examples?.[name];
    if (!named) throw new Error(`No ${status} example named ${name}`);
    return named.value;
  }
  return media.example ?? Object.values(media.examples ?? {})[0]?.value;
}

/** The name of the query parameter the document's API-key security scheme uses. */
export function apiKeyParameter(document: OpenApiDocument): string {
  const scheme = Object.values(document.components.securitySchemes).find((s) => s.type === 'apiKey' && s.in === 'query');
  if (!scheme?.name) throw new Error('The document has no apiKey-in-query security scheme');
  return scheme.name;
}

export interface ExampleRequest {
  /** Path and query, to append to Prism's URL. */
  target: string;
  init: RequestInit & { headers: Record<string, string> };
}

/**
 * A request that satisfies the operation's contract, from the document's own examples:
 * path parameters, required query parameters and headers, the API key, the first body example.
 */
export function exampleRequest(document: OpenApiDocument, method: string, path: string): ExampleRequest {
  const op = operation(document, method, path);
  let target = path;
  const query = new URLSearchParams({ [apiKeyParameter(document)]: 'test-key' });
  const headers: Record<string, string> = {};
  for (const parameter of op.parameters ?? []) {
    const value = String(parameter.example ?? 'x');
    if (parameter.in === 'path') target = target.replace(`{${parameter.name}}`, encodeURIComponent(value));
    // Some query examples are shown URL-encoded already (`%3D`); URLSearchParams encodes again.
    else if (parameter.in === 'query' && parameter.required) query.set(parameter.name, decodeURIComponent(value));
    else if (parameter.in === 'header' && parameter.required) headers[parameter.name] = value;
  }
  const schemes = document.components.securitySchemes;
  const needsBasic = (op.security ?? []).every((requirement) =>
    Object.keys(requirement).some((name) => schemes[name]?.type === 'http' && schemes[name]?.scheme === 'basic'),
  );
  if (op.security?.length && needsBasic) headers['authorization'] = `Basic ${Buffer.from('id:secret').toString('base64')}`;
  const init: ExampleRequest['init'] = { method: method.toUpperCase(), headers };
  const body = op.requestBody && Object.entries(op.requestBody.content)[0];
  if (body) {
    const [contentType, media] = body;
    const value = media.example ?? Object.values(media.examples ?? {})[0]?.value;
    headers['content-type'] = contentType;
    init.body = contentType.includes('json') ? JSON.stringify(value) : new URLSearchParams(value as Record<string, string>).toString();
  }
  return { target: `${target}?${query}`, init };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Upstream {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A throwaway HTTP server on 127.0.0.1 that records requests and answers through `handler`. */
export async function startUpstream(handler: (request: RecordedRequest, response: ServerResponse) => void): Promise<Upstream> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
      requests.push(recorded);
      handler(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** True while a process with this pid exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
