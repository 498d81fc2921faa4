/**
 * Where a request may go. The API key travels in the query string and the token in a
 * header, so every URL the client calls (a method's, a `client.raw` call's, a polling
 * URL, a redirect's Location) is checked here first: the configured origin only, and
 * never a URL with user info in it (fetch refuses those with an error that quotes the
 * whole URL). A URL is otherwise sent as the URL parser reads it: the key is appended
 * as text when it is missing, so the query is never re-serialised.
 */
import { PartnerError, PartnerValidationError } from './errors.js';

/** Why a URL may not be called: empty or not http(s), user info in it, or another origin. */
export type TargetProblem = 'invalid' | 'user-info' | 'foreign-origin';

/**
 * A URL resolved against `base` and checked. `url` is there whenever it is an http(s) URL,
 * even one that may not be called, so that an error can quote it (stripped and redacted)
 * rather than the raw text; `problem` says why it may not be called.
 */
export function checkTarget(
  raw: string | URL,
  base: URL | string,
  origin: string,
): { url: URL; problem?: 'user-info' | 'foreign-origin' } | { url?: undefined; problem: 'invalid' } {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return { problem: 'invalid' };
  }
  // An empty reference would resolve to the base URL itself.
  if (String(raw).trim() === '' || (url.protocol !== 'https:' && url.protocol !== 'http:')) return { problem: 'invalid' };
  if (url.username !== '' || url.password !== '') return { url, problem: 'user-info' };
  if (url.origin !== origin) return { url, problem: 'foreign-origin' };
  return { url };
}

/**
 * A path the URL parser keeps exactly as written: characters it never encodes or
 * rewrites (no `%`, `\\`, `?` or `#`), and no `.` or `..` segment.
 */
const PLAIN_PATH = /^(?:\/(?!\.\.?(?:\/|$))[\w\-.~!$&'()*+,;=:@]*)+$/;

/** The URL to send, as text, with the API key; throws before any request when it may not be called. */
export function apiTarget(raw: string, origin: string, apiKey: string): string {
  // The methods' URLs are the base URL plus a plain path: on the origin by construction
  // and already what the parser would print, so parsing them (most of this function's
  // cost) would change nothing.
  if (raw.startsWith(origin) && PLAIN_PATH.test(raw.slice(origin.length))) return `${raw}?apikey=${encodeURIComponent(apiKey)}`;
  const { url, problem } = checkTarget(raw, origin, origin);
  if (problem === 'invalid') throw new PartnerValidationError('url', 'must be an http(s) URL');
  if (problem === 'user-info') throw new PartnerValidationError('url', 'must not carry a user name or password');
  // The origin, without a path or query, is safe to name.
  if (problem) throw new PartnerError(`Refusing to send credentials to ${url.origin}; the client is configured for ${origin}`);
  return withApiKey(url, apiKey);
}

/**
 * The URL's text with `apikey=<key>` appended when its query has no `apikey`. The
 * fragment is dropped (fetch never sends it); everything else stays as it is.
 */
export function withApiKey(url: URL, apiKey: string): string {
  const href = url.hash === '' ? url.href : url.href.slice(0, url.href.length - url.hash.length);
  if (hasApiKey(url.search)) return href;
  const separator = href.endsWith('?') || href.endsWith('&') ? '' : url.search === '' ? '?' : '&';
  return `${href}${separator}apikey=${encodeURIComponent(apiKey)}`;
}

function hasApiKey(search: string): boolean {
  // URLSearchParams decodes names (percent escapes, `+`) without touching the URL's text.
  return search.length >= 8 && new URLSearchParams(search).has('apikey');
}
