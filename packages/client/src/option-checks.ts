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

/** An option of the given type, or `undefined` when absent. */
export function typedOption<T>(value: T, field: string, type: 'function' | 'boolean' | 'object'): T {
  if (value !== undefined && (typeof value !== type || value === null))
    throw new PartnerValidationError(field, `must be of type ${type} when given`);
  return value;
}

const POLLING_NUMBERS = ['deadlineMs', 'maxAttempts', 'minIntervalMs', 'maxIntervalMs'] as const;

/** Polling options, checked (`{}` when absent). */
export function checkPolling(polling: PollingOptions | undefined): PollingOptions {
  typedOption(polling, 'polling', 'object');
  if (polling === undefined) return {};
  for (const name of POLLING_NUMBERS) numberOption(polling[name], `polling.${name}`, 0, 'zero or more');
  typedOption(polling.onPoll, 'polling.onPoll', 'function');
  typedOption(polling.forcePolling, 'polling.forcePolling', 'boolean');
  return polling;
}
