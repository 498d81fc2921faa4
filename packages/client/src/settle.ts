/**
 * Turns what openapi-fetch returns into the operation's final result. openapi-fetch
 * lumps every 2xx into `data`; here a 202 polling answer is followed to the end, so
 * it never reaches the caller as if it were the data, and errors become typed throws.
 */
import { PartnerApiError } from './errors.js';
import { type PollingContext, followPolling, isPollingInstruction } from './polling.js';

/** A final answer, tagged with its status. */
export type Settled<T> = { status: 200 | 201 | 202; data: T } | { status: 204; data: undefined };

/** What openapi-fetch hands back from a call. */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Throws API errors, follows polling, and returns the final data tagged by status. */
export async function settle<T>(result: FetchResult, polling: PollingContext | undefined): Promise<Settled<T>> {
  const { response } = result;
  if (!response.ok || result.error !== undefined) throw new PartnerApiError(response.status, result.error, response.headers);
  if (response.status === 202 && isPollingInstruction(result.data)) {
    if (!polling) throw new PartnerApiError(response.status, result.data, response.headers);
    return readFinal<T>(await followPolling(result.data, polling));
  }
  return tagged<T>(response.status, result.data);
}

/** The final response of a polling sequence, read like a direct answer. */
async function readFinal<T>(response: Response): Promise<Settled<T>> {
  const text = await response.text();
  if (!response.ok) throw PartnerApiError.from(response.status, text, response.headers);
  return tagged<T>(response.status, text.trim() === '' ? undefined : (JSON.parse(text) as unknown));
}

function tagged<T>(status: number, data: unknown): Settled<T> {
  if (status === 204) return { status: 204, data: undefined };
  return { status: status as 200 | 201 | 202, data: data as T };
}

/** Like {@link settle} for operations whose success always has a body. */
export async function settleData<T>(result: FetchResult, polling: PollingContext | undefined): Promise<T> {
  const settled = await settle<T>(result, polling);
  if (settled.data === undefined) throw new PartnerApiError(settled.status, undefined);
  return settled.data;
}
