/**
 * Deleting a cart the client gave up on, after an abort or after polling stopped
 * without a final answer: the reservation may be held on the API either way. The
 * DELETE runs under its own deadline (`cleanupTimeoutMs`, retries included), its
 * outcome goes to the logger and to `onCleanup`, and it never rejects.
 */
import { PartnerError, PartnerTimeoutError } from './errors.js';
import type { Logger } from './logger.js';

/** How long a cleanup DELETE may take, retries included, unless configured. */
export const DEFAULT_CLEANUP_TIMEOUT_MS = 5_000;

/** Why the client deleted a cart by itself. */
export type CleanupTrigger = 'aborted' | 'polling';

/** How a cleanup went, for `onCleanup`. */
export interface CleanupReport {
  cartId: string;
  trigger: CleanupTrigger;
  /** The API confirmed the delete. */
  deleted: boolean;
  /** Why not, when not deleted (a PartnerTimeoutError of kind `deadline` when the deadline ran out). */
  error?: PartnerError;
  durationMs: number;
}

/** The client's cleanup settings. */
export interface CleanupSettings {
  timeoutMs: number;
  onCleanup?: ((report: CleanupReport) => void) | undefined;
  logger: Logger;
}

/** Runs `deleteCart` under the cleanup deadline and reports how it went; never rejects. */
export async function cleanUpCart(
  cartId: string,
  trigger: CleanupTrigger,
  deleteCart: (signal: AbortSignal) => Promise<void>,
  settings: CleanupSettings,
): Promise<void> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new PartnerTimeoutError('deadline', settings.timeoutMs)), settings.timeoutMs);
  let error: PartnerError | undefined;
  try {
    await deleteCart(controller.signal);
  } catch (err) {
    error =
      err instanceof PartnerError ? err : new PartnerError(`The cart cleanup failed (${err instanceof Error ? err.name : typeof err})`);
  } finally {
    clearTimeout(timer);
  }
  const durationMs = Math.round(performance.now() - started);
  settings.logger.log(
    error
      ? { level: 'warn', message: `cart cleanup after ${trigger} failed: ${error.name}`, durationMs }
      : { level: 'info', message: `cart cleanup after ${trigger}: deleted`, durationMs },
  );
  try {
    settings.onCleanup?.({ cartId, trigger, deleted: error === undefined, durationMs, ...(error ? { error } : {}) });
  } catch {
    // The callback is the caller's; its failure is not the cleanup's.
  }
}
