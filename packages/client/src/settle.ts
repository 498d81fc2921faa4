/**
 * Turns what openapi-fetch returns into the operation's final result. openapi-fetch
 * lumps every 2xx into `data`; here a 202 polling answer is followed to the end, so
 * it never reaches the caller as if it were the data, and errors become typed throws.
 * The answer was read (and its JSON parsed) by the transport, so nothing here reads a
 * body: errors come from the answer, already redacted.
 */
import type { BufferedResponse } from './buffered-response.js';
import { type PollingContext, followPolling, isPollingInstruction } from './polling.js';

/** A final answer's data, tagged with its status, and the answer itself. */
export type Settled<T> = ({ status: 200 | 201 | 202; data: T } | { status: 204; data: undefined }) & { reply: BufferedResponse };

/** What openapi-fetch hands back from a call made through the transport's `fetch`. */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Throws API errors, follows polling, and returns the final data tagged by status. */
export async function settle<T>(result: FetchResult, polling: PollingContext | undefined): Promise<Settled<T>> {
  if (polling && result.response.status === 202 && result.response.ok && isPollingInstruction(result.data)) {
    return readFinal<T>(await followPolling(result.data, polling));
  }
  return settleNow<T>(result);
}

/**
 * Like {@link settle} for a call that does not poll, without a promise of its own:
 * a polling instruction is an API error there, not data.
 */
export function settleNow<T>(result: FetchResult): Settled<T> {
  // The methods' openapi-fetch gets its responses from Transport.fetch: they are read answers.
  const reply = result.response as unknown as BufferedResponse;
  if (!reply.ok) throw reply.apiError();
  if (reply.status === 202 && isPollingInstruction(result.data)) throw reply.apiError();
  return tagged<T>(reply, result.data);
}

/** The final answer of a polling sequence, read like a direct answer. */
function readFinal<T>(reply: BufferedResponse): Settled<T> {
  if (!reply.ok) throw reply.apiError();
  return tagged<T>(reply, reply.data());
}

function tagged<T>(reply: BufferedResponse, data: unknown): Settled<T> {
  if (reply.status === 204) return { status: 204, data: undefined, reply };
  return { status: reply.status as 200 | 201 | 202, data: data as T, reply };
}

/** Like {@link settle} for operations whose success always has a body. */
export async function settleData<T>(result: FetchResult, polling: PollingContext | undefined): Promise<T> {
  return dataOf(await settle<T>(result, polling));
}

/** Like {@link settleNow} for operations whose success always has a body. */
export function settleDataNow<T>(result: FetchResult): T {
  return dataOf(settleNow<T>(result));
}

function dataOf<T>(settled: Settled<T>): T {
  // An empty success where the operation always answers with a body: the answer is unusable, not an API error.
  if (settled.data === undefined) throw settled.reply.unusable('invalid-json', { detail: 'the body is empty' });
  return settled.data;
}
