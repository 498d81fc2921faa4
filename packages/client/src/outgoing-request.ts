/**
 * The Request class the client's own methods hand to openapi-fetch. Building an
 * undici `Request` costs more per call than anything else in the client's layer, and
 * the transport rebuilds every attempt anyway (its own URL, headers, timeout signal),
 * so this keeps only the parts the transport reads. `client.raw` keeps real Requests,
 * so middleware partners add there sees what openapi-fetch documents.
 */

/** What the transport reads of a request: a real `Request` or an {@link OutgoingRequest}. */
export interface RequestParts {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** The caller's signal; absent when the call cannot be aborted. */
  readonly signal?: AbortSignal | undefined;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A request's parts: URL, method, headers, the caller's signal and a body readable as bytes. */
export class OutgoingRequest implements RequestParts {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal | undefined;
  private readonly body: RequestInit['body'];

  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = String(input);
    // The transport upper-cases the method itself.
    this.method = init.method ?? 'GET';
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.signal = init.signal ?? undefined;
    this.body = init.body;
  }

  /** The body as bytes (empty when there is none). */
  async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.body === undefined || this.body === null) return new ArrayBuffer(0);
    return new Response(this.body).arrayBuffer();
  }

  /** The body to send: the serialised text as it is (JSON, a form), else its bytes. */
  payload(): string | undefined | Promise<ArrayBuffer> {
    if (this.body === undefined || this.body === null) return undefined;
    return typeof this.body === 'string' ? this.body : this.arrayBuffer();
  }
}
