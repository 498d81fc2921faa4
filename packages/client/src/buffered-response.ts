/**
 * An answer read to its last byte inside the attempt that fetched it. The client's
 * methods hand it to openapi-fetch in place of a Response: openapi-fetch reads the
 * status and headers and calls `json()` or `text()` (the methods use no other
 * `parseAs`), which return what was already read (and parsed), so no body is read or
 * parsed outside the transport, and a body that is not the JSON it declares is a
 * PartnerResponseError, never a SyntaxError. `client.raw`, whose callers may ask for
 * any `parseAs`, gets a real Response built from the same bytes.
 */
import { type PartnerApiError, PartnerResponseError, type ResponseFailure } from './errors.js';
import type { Secrets } from './secrets.js';

/** Characters of a body kept in an error (after redaction). */
const EXCERPT_CHARS = 200;
const decoder = new TextDecoder();
const UNPARSED: unique symbol = Symbol('unparsed');
const JSON_TYPE = /^[^;]*[/+]json\s*(?:;|$)/i;
/** Statuses whose responses may not have a body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** Does this content type declare JSON (`application/json`, `…+json`)? */
function declaresJson(headers: Headers): boolean {
  const type = headers.get('content-type');
  return type !== null && JSON_TYPE.test(type);
}

/** A whole answer: status, headers and the body's bytes, parsed at most once. */
export class BufferedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly ok: boolean;
  private decoded: string | undefined;
  private parsed: unknown = UNPARSED;

  /**
   * The answer of a fetched response whose body has been read into `bytes`. A success
   * that declares JSON is parsed here, so a bad body fails inside the attempt.
   */
  constructor(
    response: Response,
    readonly url: string,
    private readonly bytes: Uint8Array,
    /** The request's method and the client's secrets, for the errors this answer builds. */
    private readonly method: string,
    private readonly secrets: Secrets,
  ) {
    this.status = response.status;
    this.statusText = response.statusText;
    this.ok = response.ok;
    let headers = response.headers;
    // openapi-fetch calls json() only when a Content-Length is present, and parses text() itself otherwise.
    if (!headers.has('content-length')) {
      headers = new Headers(headers);
      headers.set('content-length', String(bytes.byteLength));
    }
    this.headers = headers;
    if (this.ok && bytes.byteLength > 0 && declaresJson(headers)) this.data();
  }

  /** The body as text (UTF-8). */
  bodyText(): string {
    this.decoded ??= decoder.decode(this.bytes);
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
      // The whole text is redacted before the cut: a cut first could leave part of a secret.
      throw this.unusable('invalid-json', { excerpt: this.secrets.text(text).slice(0, EXCERPT_CHARS) });
    }
    return this.parsed;
  }

  /** A PartnerResponseError about this answer, its URL redacted. */
  unusable(reason: ResponseFailure, details?: { excerpt?: string; detail?: string }): PartnerResponseError {
    return new PartnerResponseError(reason, {
      status: this.status,
      method: this.method,
      url: this.secrets.text(this.url),
      headers: this.headers,
      ...details,
    });
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
    return this.secrets.apiError(this.status, this.bodyText(), this.headers);
  }

  // What openapi-fetch calls for the methods (parseAs json or text, and text for errors).

  async json(): Promise<unknown> {
    return this.data();
  }

  async text(): Promise<string> {
    return this.bodyText();
  }

  /**
   * A real Response with this answer (for `client.raw` and its middleware), whose
   * `json()` is this answer's own: parsed once, with typed errors.
   */
  toResponse(): Response {
    const headers = new Headers(this.headers);
    // The bytes are already decoded: the length is theirs, and no encoding applies any more.
    headers.delete('content-encoding');
    const empty = NULL_BODY.has(this.status);
    if (!empty) headers.set('content-length', String(this.bytes.byteLength));
    const response = new Response(empty ? null : this.bytes, { status: this.status, statusText: this.statusText, headers });
    // Own properties shadow the prototype's: the URL the answer came from, and that json().
    Object.defineProperties(response, { url: { value: this.url }, json: { value: () => this.json() } });
    return response;
  }
}
