/**
 * One request of verify on the wire, bounded: the deadline runs to the answer's last
 * byte, not to its headers, and the body is read up to a cap. A server that stalls or
 * streams without end thus ends in a failure within the timeout, in bounded memory.
 * Failures come in two kinds, each with its reason in words: no answer (the server was
 * not reached) and a bad answer (it was reached and did not give a whole HTTP answer).
 */

/** Largest answer body verify reads; the Partner-App API's answers are a few KiB. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** An answer as it came off the wire. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** What to send. */
export interface RawRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** No answer came: connection refused, host not found, a reset, or the deadline before any answer. */
export class NoAnswer extends Error {}

/** The server answered, but not with a whole HTTP answer: not HTTP, cut off, too slow or too large. */
export class BadAnswer extends Error {}

/** Raised by the deadline's abort, so it is told apart from the caller's stop. */
class DeadlinePassed extends Error {}

class BodyTooLarge extends Error {}

/**
 * Sends the request (redirects not followed) and reads the whole answer within
 * `timeoutMs`; throws {@link NoAnswer} or {@link BadAnswer}, or the caller's abort reason.
 */
export async function fetchAnswer(url: URL, request: RawRequest, timeoutMs: number, stop: AbortSignal): Promise<RawAnswer> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlinePassed()), timeoutMs);
  let phase: 'headers' | 'body' = 'headers';
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      redirect: 'manual',
      signal: AbortSignal.any([stop, deadline.signal]),
    });
    phase = 'body';
    return { status: response.status, headers: response.headers, bytes: await readCapped(response) };
  } catch (error) {
    if (stop.aborted) throw error;
    throw phase === 'headers' ? beforeAnswer(error, timeoutMs) : duringBody(error, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

/** The body, chunk by chunk, so an endless one is cut at the cap instead of filling memory. */
async function readCapped(response: Response): Promise<Buffer> {
  if (response.body === null) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      // Cancelling closes the connection: the server stops sending to us.
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
}

/** A failure before the status line and headers were in. */
function beforeAnswer(error: unknown, timeoutMs: number): NoAnswer | BadAnswer {
  if (error instanceof DeadlinePassed) return new NoAnswer(`no answer within ${timeoutMs} ms`);
  const code = causeCode(error);
  if (isParserError(error)) return new BadAnswer(`the answer is not HTTP${code !== undefined ? ` (${code})` : ''}`);
  const words = code === undefined ? undefined : NO_ANSWER[code];
  if (words !== undefined) return new NoAnswer(`${words} (${code})`);
  // No code: fetch's own refusals, such as "bad port" for ports browsers block.
  const cause = error instanceof Error ? (error.cause as { message?: unknown } | undefined) : undefined;
  if (cause?.message === 'bad port')
    return new NoAnswer('fetch refuses to call this port, as browsers do (bad port): serve on another one');
  return new NoAnswer(
    code ?? (typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error)),
  );
}

/** A failure after the headers: the server was reached, its answer is what is wrong. */
function duringBody(error: unknown, timeoutMs: number): BadAnswer {
  if (error instanceof DeadlinePassed) return new BadAnswer(`the body did not finish within ${timeoutMs} ms`);
  if (error instanceof BodyTooLarge)
    return new BadAnswer(`the body is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB (not read further)`);
  const code = causeCode(error);
  if (isParserError(error)) return new BadAnswer(`the body is not valid HTTP${code !== undefined ? ` (${code})` : ''}`);
  return new BadAnswer(`the connection closed mid-answer${code !== undefined ? ` (${code})` : ''}`);
}

const NO_ANSWER: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset before an answer',
  UND_ERR_SOCKET: 'the connection closed before an answer',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
};

/** undici's HTTP parser refused the bytes: an `HPE_` code on Node 20 and 22; on Node 24 its error has no code, only its name. */
function isParserError(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { name?: unknown } | undefined) : undefined;
  return cause?.name === 'HTTPParserError' || (causeCode(error)?.startsWith('HPE_') ?? false);
}

/** undici puts the socket's or the parser's error under `cause`. */
function causeCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}
