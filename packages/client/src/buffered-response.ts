/**
 * An answer read to its last byte inside the attempt that fetched it. The client's
 * methods hand it to openapi-fetch in place of a Response: openapi-fetch reads the
 * status and headers and calls `json()` or `text()` (the methods use no other
 * `parseAs`), which return what was already read (and parsed), so no body is read or
 * parsed outside the transport, and a body that is not the JSON it declares is a
 * PartnerResponseError, never a SyntaxError. `client.raw`, whose callers may ask for
 * any `parseAs`, gets a real Response built from the same bytes.
 */
import { type PartnerApiError, PartnerResponseError } from './errors.js';
import type { Secrets } from './secrets.js';

/** Characters of a body kept in an error (after redaction). */
const EXCERPT_CHARS = 200;
const decoder = new TextDecoder();
const UNPARSED: unique symbol = Symbol('unparsed');
const JSON_TYPE = /^[^;]*[/+]json\s*(?:;|$)/i;

/** What an answer needs to know to build its errors. */
export interface ReplyContext {
  method: string;
  secrets: Secrets;
}

/** Does this content type declare JSON (`application/json`, `…+json`)? */
export function declaresJson(headers: Headers): boolean {
  const type = headers.get('content-type');
  return type !== null && JSON_TYPE.test(type);
}

/** A whole answer: status, headers and the body's bytes, parsed at most once. */
export class BufferedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic';
  readonly bodyUsed = false;
  private decoded: string | undefined;
  private parsed: unknown = UNPARSED;

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly url: string,
    private readonly bytes: Uint8Array,
    private readonly context: ReplyContext,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  /** Builds it from a fetched response whose body has been read into `bytes`. */
  static of(response: Response, url: string, bytes: Uint8Array, context: ReplyContext): BufferedResponse {
    let headers = response.headers;
    // openapi-fetch calls json() only when a Content-Length is present, and parses text() itself otherwise.
    if (!headers.has('content-length')) {
      headers = new Headers(headers);
      headers.set('content-length', String(bytes.byteLength));
    }
    return new BufferedResponse(response.status, response.statusText, headers, url, bytes, context);
  }

  /** Parses a success that declares JSON now, so a bad body fails inside the attempt. */
  check(): void {
    if (this.ok && this.bytes.byteLength > 0 && declaresJson(this.headers)) this.data();
  }

  /** The body as text (UTF-8). */
  bodyText(): string {
    this.decoded ??= this.bytes.byteLength === 0 ? '' : decoder.decode(this.bytes);
    return this.decoded;
  }

  /** The body parsed as JSON (`undefined` when empty); a PartnerResponseError when it does not parse. */
  data(): unknown {
    if (this.parsed !== UNPARSED) return this.parsed;
    const text = this.bodyText();
    if (text.trim() === '') {
      this.parsed = undefined;
      return undefined;
    }
    try {
      this.parsed = JSON.parse(text) as unknown;
    } catch {
      throw this.failure('invalid-json');
    }
    return this.parsed;
  }

  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  peek(): unknown {
    try {
      return this.data();
    } catch {
      return undefined;
    }
  }

  /** The API's error answer as a redacted PartnerApiError. */
  apiError(): PartnerApiError {
    return this.context.secrets.apiError(this.status, this.bodyText(), this.headers);
  }

  /** A PartnerResponseError about this answer, with a redacted excerpt of its body. */
  failure(reason: 'invalid-json'): PartnerResponseError {
    // Redact before cutting, so no secret is cut in half at the end of the excerpt.
    const excerpt = this.context.secrets.text(this.bodyText().slice(0, EXCERPT_CHARS * 4)).slice(0, EXCERPT_CHARS);
    return new PartnerResponseError(reason, {
      status: this.status,
      method: this.context.method,
      url: this.url,
      headers: this.headers,
      excerpt,
    });
  }

  // What openapi-fetch calls for the methods (parseAs json or text, and text for errors).

  async json(): Promise<unknown> {
    return this.data();
  }

  async text(): Promise<string> {
    return this.bodyText();
  }

  /** A real Response with this answer (for `client.raw` and its middleware). */
  toResponse(): Response {
    return readResponse(this, this.bytes);
  }
}

/** Statuses whose responses may not have a body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** A Response built from bytes already read, whose `json()` is the answer's own (typed errors). */
function readResponse(reply: BufferedResponse, bytes: Uint8Array): Response {
  const headers = new Headers(reply.headers);
  // The bytes are already decoded: the length is theirs, and no encoding applies any more.
  headers.delete('content-encoding');
  const empty = NULL_BODY.has(reply.status);
  if (!empty) headers.set('content-length', String(bytes.byteLength));
  const response = new Response(empty ? null : bytes, { status: reply.status, statusText: reply.statusText, headers });
  // Own properties shadow the prototype's: the URL the answer came from, and JSON parsed once, with typed errors.
  Object.defineProperties(response, { url: { value: reply.url }, json: { value: () => reply.json() } });
  return response;
}
