/** Where the API lives: the documented hosts, or a base URL of the caller's choosing. */
import { PartnerValidationError } from './errors.js';

/** Base URLs of the two documented environments. */
export const ENVIRONMENTS = Object.freeze({
  production: 'https://app.ticketmaster.com/partners/v1',
  sandbox: 'https://app.ticketmaster.com/partners-sandbox/v1',
} as const);

/** A documented environment by name, or any base URL (a local sandbox, a mock). */
export type Environment = keyof typeof ENVIRONMENTS | { baseUrl: string };

/**
 * The base URL for an environment, without a trailing slash. Credentials travel in
 * it (the API key is a query parameter), so plain HTTP is accepted on loopback only.
 */
export function resolveBaseUrl(environment: Environment): URL {
  const raw = typeof environment === 'string' ? ENVIRONMENTS[environment] : environment?.baseUrl;
  if (typeof raw !== 'string') {
    throw new PartnerValidationError('environment', "must be 'production', 'sandbox' or { baseUrl }");
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PartnerValidationError('environment.baseUrl', 'must be an absolute URL');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new PartnerValidationError('environment.baseUrl', 'must use https (plain http is allowed on loopback only)');
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new PartnerValidationError('environment.baseUrl', 'must not carry a query, fragment or credentials');
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}
