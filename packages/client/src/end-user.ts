/**
 * The end user on whose behalf ticketing calls are made. The API requires the
 * user's IP address in `True-Client-IP` on every ticketing and polling call.
 */
import { isIP } from 'node:net';
import { PartnerValidationError } from './errors.js';

/** Identifies the end user to the API (bot detection models all of it). */
export interface EndUser {
  /** The user's IP address (never the partner server's): sent as `True-Client-IP`. */
  ip: string;
  /** The partner's id for the user: sent as `Original-User-Id`. */
  userId?: string;
  /** More identifying headers to pass through, e.g. the browser's `User-Agent`. */
  headers?: Record<string, string>;
}

// Credentials are the client's business; user-supplied headers may not set them.
const RESERVED = new Set(['authorization', 'true-client-ip', 'original-user-id', 'cookie', 'host', 'content-length']);

/** Checks an end user and returns the headers that identify them. */
export function endUserHeaders(user: EndUser | undefined): Headers {
  if (typeof user !== 'object' || user === null) throw new PartnerValidationError('user', 'is required for ticketing calls');
  if (typeof user.ip !== 'string' || isIP(user.ip.trim()) === 0) {
    throw new PartnerValidationError('user.ip', "must be the end user's IPv4 or IPv6 address (sent as True-Client-IP)");
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(user.headers ?? {})) {
    if (RESERVED.has(name.toLowerCase())) throw new PartnerValidationError('user.headers', `may not set ${name}`);
    if (typeof value !== 'string') throw new PartnerValidationError('user.headers', `${name} must be a string`);
    setHeader(headers, name, value, `user.headers.${name}`);
  }
  headers.set('True-Client-IP', user.ip.trim());
  if (user.userId !== undefined) {
    if (typeof user.userId !== 'string' || user.userId.trim() === '') {
      throw new PartnerValidationError('user.userId', 'must be a non-empty string when given');
    }
    setHeader(headers, 'Original-User-Id', user.userId, 'user.userId');
  }
  return headers;
}

/** Sets a header, or names the field when fetch would refuse it (a bad name, a line break, a non-Latin-1 character). */
function setHeader(headers: Headers, name: string, value: string, field: string): void {
  try {
    headers.set(name, value);
  } catch {
    throw new PartnerValidationError(field, 'is not a valid HTTP header (a token name; Latin-1 text without line breaks)');
  }
}

/** The typed header parameters of ticketing operations, from a user's headers. */
export function headerParams(headers: Headers): { 'True-Client-IP': string; 'Original-User-Id'?: string } {
  const ip = headers.get('True-Client-IP') ?? '';
  const userId = headers.get('Original-User-Id');
  return userId === null ? { 'True-Client-IP': ip } : { 'True-Client-IP': ip, 'Original-User-Id': userId };
}
