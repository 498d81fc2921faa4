/**
 * Checks of the options a client is made with, and of a call's polling overrides: a wrong
 * type or range is a PartnerValidationError naming the option, before any request (a
 * NaN polling cap, say, would otherwise poll without end).
 */
import { PartnerValidationError } from './errors.js';
import type { PollingOptions } from './polling.js';

/** A numeric option, or `fallback` when absent. */
export function numberOption(value: unknown, field: string, fallback: number, range: 'positive' | 'zero or more'): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (value === 0 && range === 'positive')) {
    throw new PartnerValidationError(field, `must be a ${range === 'positive' ? 'positive number' : 'number, zero or more'}`);
  }
  return value;
}

/** A function option (`undefined` when absent). */
export function functionOption<T>(value: T, field: string): T {
  if (value !== undefined && typeof value !== 'function') throw new PartnerValidationError(field, 'must be a function when given');
  return value;
}

const POLLING_NUMBERS = ['deadlineMs', 'maxAttempts', 'minIntervalMs', 'maxIntervalMs'] as const;

/** Polling options, checked (`{}` when absent). */
export function checkPolling(polling: PollingOptions | undefined): PollingOptions {
  if (polling === undefined) return {};
  if (typeof polling !== 'object' || polling === null) throw new PartnerValidationError('polling', 'must be an object when given');
  for (const name of POLLING_NUMBERS) numberOption(polling[name], `polling.${name}`, 0, 'zero or more');
  functionOption(polling.onPoll, 'polling.onPoll');
  if (polling.forcePolling !== undefined && typeof polling.forcePolling !== 'boolean') {
    throw new PartnerValidationError('polling.forcePolling', 'must be true or false when given');
  }
  return polling;
}
