/** What every call of the client takes besides its input. */
import type { PollingOptions } from './polling.js';

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call: it rejects at once with the signal's reason. */
  signal?: AbortSignal;
  /** Overrides the client's polling defaults for this call. */
  polling?: PollingOptions;
}
