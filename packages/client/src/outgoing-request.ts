/**
 * The Request class handed to openapi-fetch. An undici `Request` costs tens of
 * microseconds to build and the transport rebuilds the call anyway (its own URL,
 * headers, signal and body per attempt), so this keeps only the parts it reads.
 */

// A signal that never aborts, for calls made without one.
const NEVER = new AbortController().signal;

/** A request's parts: URL, method, headers, signal and a body readable once as bytes. */
export class OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;
  private readonly body: RequestInit['body'];

  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = String(input);
    this.method = (init.method ?? 'GET').toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.signal = init.signal ?? NEVER;
    this.body = init.body;
  }

  /** The body as bytes (empty when there is none). */
  async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.body === undefined || this.body === null) return new ArrayBuffer(0);
    return new Response(this.body).arrayBuffer();
  }
}
