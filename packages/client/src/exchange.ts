/**
 * One attempt: the request, the same-origin redirect hops it may follow, and the whole
 * body, under one deadline (`timeoutMs`, to the last byte) and the caller's signal.
 *
 * Redirects are never left to fetch (`redirect: 'manual'`): runtimes differ on what
 * they resend (Node 24 resends a 307's body to any host), and a Location on another
 * origin would receive the user's headers, the body and, in the URL, the API key. Only
 * a 307 or 308 to the API's own origin is followed, with the same method, headers and
 * body, at most {@link MAX_REDIRECTS} times; any other redirect is a PartnerResponseError
 * and nothing is sent to its Location.
 */
import { BufferedResponse } from './buffered-response.js';
import { PartnerResponseError, PartnerTimeoutError } from './errors.js';
import { checkTarget, withApiKey } from './request-target.js';
import type { Secrets } from './secrets.js';

/** Same-origin 307/308 hops followed within one attempt. */
export const MAX_REDIRECTS = 3;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** The codes of Node's decompression errors, which fetch reports as the `cause` of a body read that failed. */
const DECODING_ERROR = /^(?:Z_|ZSTD_|ERR__ERROR)/;
const EMPTY = new Uint8Array(0);

/** What an attempt needs from the client's settings. */
export interface ExchangeSettings {
  fetch: typeof globalThis.fetch;
  /** The configured API origin: the only one requests go to. */
  origin: string;
  apiKey: string;
  /** From sending the request to the last byte of the answer, redirect hops included. */
  timeoutMs: number;
  /** Largest body read; a longer one is a PartnerResponseError. */
  maxResponseBytes: number;
  secrets: Secrets;
}

/** The request of one attempt, ready to send. */
export interface ExchangeRequest {
  method: string;
  /** Checked, with the API key. */
  url: string;
  headers: Headers;
  body: string | ArrayBuffer | undefined;
}

/**
 * Runs one attempt and returns the whole answer. Rejects with a PartnerTimeoutError
 * when the deadline passes, with the caller's abort reason the moment it aborts
 * (whether or not the fetch in use honours signals), with a PartnerResponseError for
 * an answer the client cannot use, and with the fetch's own error otherwise.
 */
export function exchange(settings: ExchangeSettings, request: ExchangeRequest, callerSignal?: AbortSignal): Promise<BufferedResponse> {
  return new Promise<BufferedResponse>((resolve, reject) => {
    const attempt = new Attempt(settings, request.url, callerSignal, resolve, reject);
    // Aborted before it began: nothing is sent (a custom fetch may ignore an aborted signal).
    if (attempt.settled) return;
    // Settled by whichever comes first: the answer, the deadline or the caller's abort, so
    // the attempt ends on time even if a custom fetch ignores its signal; later outcomes are ignored.
    hops(settings, request, attempt.controller.signal).then(
      (reply) => attempt.finish(reply),
      (err: unknown) => attempt.fail(err),
    );
  });
}

/**
 * The state of one attempt: its controller, deadline and the caller's signal. The
 * object is also the timer's argument and the abort listener (`handleEvent`), so an
 * attempt allocates no closures of its own; a plain controller and timer cost far
 * less per call than AbortSignal.timeout + AbortSignal.any.
 */
class Attempt {
  readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private timedOut = false;
  /** Resolved or rejected: by the answer, the deadline or the caller's abort. */
  settled = false;

  constructor(
    private readonly settings: ExchangeSettings,
    private readonly url: string,
    private readonly callerSignal: AbortSignal | undefined,
    private readonly resolve: (reply: BufferedResponse) => void,
    private readonly reject: (err: unknown) => void,
  ) {
    this.timer = setTimeout(onDeadline, settings.timeoutMs, this);
    if (callerSignal?.aborted) this.handleEvent();
    else callerSignal?.addEventListener('abort', this, ONCE);
  }

  /** The caller aborted: stop the request and reject with the caller's reason at once. */
  handleEvent(): void {
    this.controller.abort(this.callerSignal?.reason);
    this.fail(this.callerSignal?.reason);
  }

  /** The deadline passed. */
  expire(): void {
    this.timedOut = true;
    this.controller.abort();
    this.fail(this.controller.signal.reason);
  }

  finish(reply: BufferedResponse): void {
    if (this.end()) this.resolve(reply);
  }

  fail(err: unknown): void {
    if (!this.end()) return;
    if (this.callerSignal?.aborted) this.reject(this.callerSignal.reason);
    else if (this.timedOut) {
      this.reject(new PartnerTimeoutError('attempt', this.settings.timeoutMs, { url: this.url, cause: this.settings.secrets.error(err) }));
    } else this.reject(err);
  }

  /** True the first time: stops the timer and the listener. */
  private end(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this);
    return true;
  }
}

const ONCE = { once: true };

function onDeadline(attempt: Attempt): void {
  attempt.expire();
}

async function hops(settings: ExchangeSettings, request: ExchangeRequest, signal: AbortSignal): Promise<BufferedResponse> {
  const { method, headers, body } = request;
  let url = request.url;
  for (let hop = 0; ; hop++) {
    // The attempt ended (deadline or abort) while a fetch that ignores signals was answering: no further hop.
    if (signal.aborted) throw signal.reason;
    const response = await settings.fetch(url, { method, headers, body, signal, redirect: 'manual' });
    // A custom fetch may have followed a redirect itself; its answer is refused unless it stayed home.
    if (response.redirected && response.url !== '' && checkTarget(response.url, url, settings.origin).problem) {
      throw refusal(settings, response, method, url, response.url, 'the fetch in use followed it to another origin');
    }
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
    if (location !== null) {
      url = nextHop(settings, response, method, url, location, hop);
      void discard(response);
      continue;
    }
    let bytes: Uint8Array | undefined;
    try {
      bytes = await readBody(response, settings.maxResponseBytes);
    } catch (err) {
      // Bytes its Content-Encoding cannot decode (zlib, brotli, zstd) are an answer the client cannot use, not a lost connection.
      throw DECODING_ERROR.test(String((err as { cause?: { code?: unknown } } | null)?.cause?.code))
        ? unusable(settings, response, method, url, 'bad-encoding')
        : err;
    }
    if (bytes === undefined) throw unusable(settings, response, method, url, 'too-large');
    return new BufferedResponse(response, url, bytes, method, settings.secrets);
  }
}

/** An answer whose body the client does not use (too long, or undecodable). */
function unusable(
  settings: ExchangeSettings,
  response: Response,
  method: string,
  url: string,
  reason: 'too-large' | 'bad-encoding',
): PartnerResponseError {
  const { secrets, maxResponseBytes } = settings;
  return new PartnerResponseError(reason, {
    status: response.status,
    method,
    url: secrets.text(url),
    headers: response.headers,
    limit: maxResponseBytes,
  });
}

/** Why a redirect's Location is not followed, by the problem found with it. */
const REFUSED = { invalid: 'not an http(s) URL', 'user-info': 'a URL with user info', 'foreign-origin': 'another origin' };

/** The URL of the next hop, or a PartnerResponseError when the redirect is not followed. */
function nextHop(settings: ExchangeSettings, response: Response, method: string, url: string, location: string, hop: number): string {
  // Resolved against the request's URL, so that user info is found (and never quoted) in a `//host` Location too.
  const { url: target, problem } = checkTarget(location, url, settings.origin);
  if (problem) throw refusal(settings, response, method, url, target?.href, REFUSED[problem]);
  // 301, 302 and 303 turn a POST or PUT into a GET: the call would silently become another one.
  if (response.status !== 307 && response.status !== 308)
    throw refusal(settings, response, method, url, target.href, 'only 307 and 308 are followed');
  if (hop >= MAX_REDIRECTS) throw refusal(settings, response, method, url, target.href, `more than ${MAX_REDIRECTS} hops`);
  return withApiKey(target, settings.apiKey);
}

/**
 * A refused redirect; nothing more is read of its answer. The request's URL (a hop's may
 * carry anything in its path) and the Location pass through the one redaction.
 */
function refusal(
  settings: ExchangeSettings,
  response: Response,
  method: string,
  url: string,
  location: string | undefined,
  why: string,
): PartnerResponseError {
  void discard(response);
  const { secrets } = settings;
  return new PartnerResponseError('redirect', {
    status: response.status,
    method,
    url: secrets.text(url),
    headers: response.headers,
    location: location === undefined ? undefined : secrets.text(location),
    detail: why,
  });
}

/** The body's bytes, or `undefined` when it is longer than `max` (reading stops there). */
async function readBody(response: Response, max: number): Promise<Uint8Array | undefined> {
  const body = response.body;
  if (body === null) return EMPTY;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  // A declared length too long is refused unread, unless a content encoding expands the bytes anyway.
  if (declared > max && !response.headers.has('content-encoding')) {
    void discard(response);
    return undefined;
  }
  // Read chunk by chunk even when the length is declared: arrayBuffer() copies the bytes
  // twice (a concatenation, then a fresh ArrayBuffer), and an answer is mostly one chunk.
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Lets go of a body the client will not read. */
async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Already errored or closed: nothing to free.
  }
}
