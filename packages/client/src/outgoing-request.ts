/**
 * The Request class the client's own methods hand to openapi-fetch. Building an
 * undici `Request` costs more per call than anything else in the client's layer, and
 * the transport rebuilds every attempt anyway (its own URL, headers, timeout signal),
 * so this keeps only the parts the transport reads. `client.raw` keeps real Requests,
 * so middleware partners add there sees what openapi-fetch documents.
 */

/** What the transport sends: one of the client's own requests, or a real `Request` from `client.raw`. */
export type RequestParts = OutgoingRequest | Request;

/** What {@link OutgoingRequest} is built from (openapi-fetch passes a few more fields, unused). */
export interface OutgoingInit {
  method: string;
  /** openapi-fetch merges the call's headers into one `Headers`; the client's own calls pass one too. */
  headers: Headers;
  /**
   * The serialised body: the methods' bodies are JSON text (openapi-fetch's default
   * serialiser, which the methods' client keeps), the token call's a form.
   */
  body?: string | undefined;
  signal?: AbortSignal | null | undefined;
}

/** A request's parts: URL, method, headers, the caller's signal and the serialised body. */
export class OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** The caller's signal; absent when the call cannot be aborted. */
  readonly signal: AbortSignal | undefined;
  readonly body: string | undefined;

  constructor(url: string, init: OutgoingInit) {
    this.url = url;
    // The transport upper-cases the method itself.
    this.method = init.method;
    this.headers = init.headers;
    this.signal = init.signal ?? undefined;
    this.body = init.body;
  }
}
