/**
 * One request to the server under verification and its answer, both checked against
 * the OpenAPI document: the request before it is sent (parameters, headers, body), the
 * answer as received (status documented for the operation, media type, body schema,
 * documented headers, members the document does not name). Raw HTTP (fetch, redirects
 * not followed), so what is checked is exactly what the server sent.
 */
import { type ContractValidator, type OpenApiDocument } from '@tm-partner/sandbox';
import { fetchAnswer, type RawAnswer } from './fetch-answer.js';
import { undocumentedFields } from './undocumented-fields.js';

/** A request to make. Header names are lower case. */
export interface CallSpec {
  operationId: string;
  /** Path parameters, for a URL built from the operation's path template. */
  pathParams?: Record<string, string>;
  /** Query parameters added to the URL. */
  query?: Record<string, string>;
  /** A URL to call as given (a polling URL) instead of one built from the template. */
  url?: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /** Operations the final answer must also satisfy (a poll answers for the polled operation). */
  answersFor?: string;
}

/** What the server sent. Header names are lower case. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** Media type without parameters, when a Content-Type was sent. */
  mediaType: string | undefined;
  /** JSON value, text, or undefined for an empty body. */
  body: unknown;
}

/** A finished exchange: the answer and what the contract says about both sides. */
export interface Exchange {
  operationId: string;
  method: string;
  /** Path and query with credentials masked, for reports. */
  target: string;
  answer: Answer;
  /** Problems of the request as sent (empty for a request that follows the contract). */
  requestProblems: string[];
  /** Problems of the answer, each starting with the operation and status. */
  problems: string[];
  /** JSON pointers of body members the document does not name, with operation and status. */
  undocumented: string[];
  ms: number;
}

const SECRET_QUERY = new Set(['apikey', 'api_key', 'access_token', 'client_secret']);

/** Makes requests against one base URL and checks them against one document. */
export class ContractSession {
  private readonly base: URL;

  constructor(
    private readonly document: OpenApiDocument,
    private readonly validator: ContractValidator,
    baseUrl: string,
    private readonly timeoutMs: number,
    private readonly signal: AbortSignal,
  ) {
    this.base = new URL(baseUrl.replace(/\/+$/, ''));
  }

  /** The base URL without a trailing slash. */
  get baseUrl(): string {
    return this.base.href.replace(/\/+$/, '');
  }

  /** Sends the request and checks both sides; throws `NoAnswer` or `BadAnswer` (fetch-answer.ts) when no whole answer came. */
  async send(spec: CallSpec): Promise<Exchange> {
    const operation = this.operationOf(spec.operationId);
    const url = spec.url !== undefined ? new URL(spec.url) : this.urlFor(operation.path, spec.pathParams ?? {});
    for (const [name, value] of Object.entries(spec.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: '*/*', ...spec.headers };
    let body: string | undefined;
    let mediaType: string | undefined;
    let parsedBody: unknown;
    if (spec.json !== undefined) {
      mediaType = 'application/json';
      body = JSON.stringify(spec.json);
      parsedBody = spec.json;
    } else if (spec.form !== undefined) {
      mediaType = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(spec.form).toString();
      parsedBody = spec.form;
    }
    if (mediaType !== undefined) headers['content-type'] = mediaType;

    const route = this.validator.match(operation.method, this.relativePath(url));
    const requestProblems =
      route.kind === 'operation' && route.operation.operationId === spec.operationId
        ? this.validator.validateRequest(spec.operationId, {
            pathParams: route.params,
            query: url.searchParams,
            headers,
            ...(mediaType !== undefined ? { mediaType } : {}),
            body: parsedBody,
          })
        : [`${url.pathname} is not the path of ${spec.operationId} under ${this.base.pathname}`];

    const started = performance.now();
    let raw: RawAnswer;
    try {
      raw = await fetchAnswer(
        url,
        { method: operation.method, headers, ...(body !== undefined ? { body } : {}) },
        this.timeoutMs,
        this.signal,
      );
    } catch (error) {
      // Named with the request, so a failed check says which call it was.
      if (error instanceof Error && !this.signal.aborted) error.message = `${operation.method} ${maskTarget(url)}: ${error.message}`;
      throw error;
    }
    const { bytes } = raw;
    const ms = performance.now() - started;
    const answerHeaders: Record<string, string> = {};
    raw.headers.forEach((value, name) => (answerHeaders[name] = value));
    const answer: Answer = {
      status: raw.status,
      headers: answerHeaders,
      mediaType: mediaTypeOf(answerHeaders['content-type']),
      body: undefined,
    };
    const problems: string[] = [];
    const label = `${spec.operationId} ${raw.status}`;
    if (bytes.length > 0) {
      const text = bytes.toString('utf8');
      if (answer.mediaType === undefined) problems.push(`${label}: a body without a Content-Type header`);
      if (answer.mediaType === 'application/json' || answer.mediaType?.endsWith('+json')) {
        try {
          answer.body = JSON.parse(text);
        } catch {
          answer.body = text;
          problems.push(`${label}: the body is not valid JSON although its Content-Type says so`);
        }
      } else {
        answer.body = text;
      }
    }
    const undocumented: string[] = [];
    for (const id of spec.answersFor === undefined ? [spec.operationId] : [spec.operationId, spec.answersFor]) {
      const parts = {
        status: answer.status,
        headers: answerHeaders,
        ...(answer.mediaType !== undefined ? { mediaType: answer.mediaType } : {}),
        body: answer.body,
      };
      const as = id === spec.operationId ? '' : ` (as the answer of ${id})`;
      problems.push(...this.validator.validateResponse(id, parts).problems.map((p) => `${label}${as}: ${p}`));
      const schema = this.responseSchema(id, answer);
      if (schema !== undefined && answer.body !== undefined && typeof answer.body === 'object') {
        undocumented.push(
          ...undocumentedFields(this.document, schema, answer.body).map((pointer) => `${id} ${answer.status}: body${pointer}`),
        );
      }
    }
    return {
      operationId: spec.operationId,
      method: operation.method,
      target: maskTarget(url),
      answer,
      requestProblems,
      problems: [...new Set(problems)],
      undocumented: [...new Set(undocumented)],
      ms,
    };
  }

  private operationOf(operationId: string): { method: string; path: string } {
    const found = this.validator.listOperations().find((op) => op.operationId === operationId);
    if (!found) throw new Error(`verify: the document has no operation ${operationId}`);
    return found;
  }

  private urlFor(template: string, params: Record<string, string>): URL {
    const path = template.replace(/\{([^}]+)\}/g, (_whole, name: string) => encodeURIComponent(params[name] ?? ''));
    return new URL(`${this.baseUrl}${path}`);
  }

  /** The URL's path below the base path, as the document's path templates see it. */
  private relativePath(url: URL): string {
    const basePath = this.base.pathname.replace(/\/+$/, '');
    if (url.origin !== this.base.origin || !url.pathname.startsWith(`${basePath}/`)) return url.pathname;
    return url.pathname.slice(basePath.length);
  }

  private responseSchema(operationId: string, answer: Answer): unknown {
    const op = this.validator.listOperations().find((o) => o.operationId === operationId);
    if (!op || answer.mediaType === undefined) return undefined;
    const responses = record(record(record(this.document.paths[op.path])?.[op.method.toLowerCase()])?.responses);
    const status = String(answer.status);
    const response = record(responses?.[status] ?? responses?.[`${status.charAt(0)}XX`] ?? responses?.default);
    return record(record(response?.content)?.[answer.mediaType])?.schema;
  }
}

/** Path and query of a URL, secrets in the query masked. */
export function maskTarget(url: URL): string {
  const query = [...url.searchParams].map(
    ([name, value]) => `${name}=${SECRET_QUERY.has(name.toLowerCase()) ? '***' : encodeURIComponent(value)}`,
  );
  return `${url.pathname}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
