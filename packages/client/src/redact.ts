/**
 * Redaction for anything that may be logged: URLs (the apikey rides in every query
 * string), headers (Authorization, cookies) and bodies (card fields, secrets, tokens).
 * Each function returns a copy; the input is never modified.
 */
import { type HeadersLike, headerEntries } from './header-entries.js';
import { passesLuhn } from './validate-card.js';

/** What stands in for a masked value. */
export const MASK = '***';

// Names are compared after lower-casing and dropping `-` and `_`, so apikey, apiKey,
// api_key and API-KEY are one name.
const SECRET_PARAMS = new Set([
  'apikey',
  'clientsecret',
  'clientid', // the pantheon token response shows client_id is the apikey itself
  'accesstoken',
  'refreshtoken',
  'token',
  'password',
  'code', // OAuth authorization code in redirect URLs and the token exchange form
]);

const SECRET_BODY_KEYS = new Set([
  'number',
  'cin',
  'cvv',
  'cardnumber',
  'accountnumber', // the wallet-token request sends the plain card number here
  'securitycode',
  'clientsecret',
  'clientid',
  'accesstoken',
  'refreshtoken',
  'token',
  'ordertoken', // redeems the tickets, as good as the tickets themselves
  'password',
  'apikey',
  'authorization',
]);

const SECRET_HEADERS = new Set([
  'authorization',
  'proxyauthorization',
  'xapikey',
  'apikey',
  'cookie',
  'setcookie',
  'xauthtoken',
  'xaccesstoken',
]);

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/** Masks secret query and fragment parameters, user:password and OAuth info tokens in a URL. */
export function redactUrl(url: string | URL): string {
  const text = String(url);
  const hashAt = text.indexOf('#');
  const beforeHash = hashAt === -1 ? text : text.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  let out = redactPath(base);
  if (queryAt !== -1) out += `?${redactParams(beforeHash.slice(queryAt + 1), SECRET_PARAMS)}`;
  // Implicit-grant OAuth puts access_token in the fragment.
  if (hashAt !== -1) out += `#${redactParams(text.slice(hashAt + 1), SECRET_PARAMS)}`;
  return out;
}

/** Copies headers into a plain object, masking credentials and cookies (the auth scheme is kept). */
export function redactHeaders(headers: HeadersLike): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of headerEntries(headers)) {
    const value = Array.isArray(raw) ? raw.join(', ') : String(raw);
    const key = normalise(name);
    if (!SECRET_HEADERS.has(key)) {
      out[name] = value;
    } else if (key === 'authorization' || key === 'proxyauthorization') {
      // "Bearer ***" still tells a reader which kind of credential was sent.
      const scheme = /^([A-Za-z][A-Za-z0-9-]*)\s+\S/.exec(value)?.[1];
      out[name] = scheme ? `${scheme} ${MASK}` : MASK;
    } else {
      out[name] = MASK;
    }
  }
  return out;
}

/**
 * Deep-copies a JSON-like value, masking secret keys (case-insensitive) and secret URL
 * parameters inside string values. A top-level string holding JSON or a form-encoded
 * body is redacted as such and returned as a string.
 */
export function redactBody(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  return redactValue(value, redactString);
}

// In free text: `"name": value` JSON members and `name=value` pairs with a secret name
// (an unterminated string value counts to the end), URLs, credentials after an auth
// scheme, and digit runs that pass the Luhn check like a card number.
const JSON_PAIR_IN_TEXT = /"([^"\\]*)"(\s*:\s*)(?:"(?:[^"\\]|\\.)*"?|[\d.]+)/g;
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
const PAIR_IN_TEXT = /([A-Za-z][A-Za-z0-9_-]*)=([^&\s"'<>;#]+)/g;
const AUTH_IN_TEXT = /\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;
const CARD_IN_TEXT = /\b\d(?:[ -]?\d){12,18}\b/g;

/**
 * Masks what may hide in text from elsewhere (an error message, a stack, a body excerpt):
 * secret JSON members, secret URL parts, secret `name=value` pairs, `Basic`/`Bearer`
 * credentials and card numbers.
 */
export function redactFreeText(text: string): string {
  return text
    .replace(JSON_PAIR_IN_TEXT, (whole, name: string, colon: string) =>
      SECRET_BODY_KEYS.has(normalise(name)) ? `"${name}"${colon}"${MASK}"` : whole,
    )
    .replace(URL_IN_TEXT, (url) => redactUrl(url))
    .replace(PAIR_IN_TEXT, (whole, name: string) => (SECRET_PARAMS.has(normalise(name)) ? `${name}=${MASK}` : whole))
    .replace(AUTH_IN_TEXT, (_whole, scheme: string) => `${scheme} ${MASK}`)
    .replace(CARD_IN_TEXT, (digits) => (passesLuhn(digits.replace(/\D/g, '')) ? MASK : digits));
}

function redactPath(base: string): string {
  return (
    base
      .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, `$1${MASK}@`)
      // The member OAuth user-info endpoint takes the access token as a path segment.
      .replace(/(\/oauth\/info\/)[^/]+/i, `$1${MASK}`)
  );
}

// `?` and `;` count as separators too: the docs contain URLs like `?order_token=x?apikey=y`,
// and masking a little too much is better than leaking the key.
function redactParams(params: string, secret: ReadonlySet<string>): string {
  return params.replace(/(^|[&?;])([^=&?;#]*)=([^&?;#]*)/g, (whole, sep: string, name: string) =>
    secret.has(normalise(decodeName(name))) ? `${sep}${name}=${MASK}` : whole,
  );
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

const FORM_BODY = /^[^=&\s]+=[^&\s]*(?:&[^=&\s]+=[^&\s]*)*$/;
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|\/)/i;

function redactText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactValue(JSON.parse(trimmed) as unknown, redactString));
    } catch {
      // Not JSON after all; fall through to the other shapes.
    }
  }
  if (FORM_BODY.test(trimmed)) return redactParams(trimmed, union(SECRET_PARAMS, SECRET_BODY_KEYS));
  return redactString(text);
}

function redactString(text: string): string {
  // polling_url and redemption_url values carry the apikey or a redemption token.
  return URL_LIKE.test(text) && /[?#@]/.test(text) ? redactUrl(text) : text;
}

function union(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a, ...b]);
}

/**
 * Deep-copies a JSON-like value: secret keys (case-insensitive) are masked, every other
 * string goes through `text`. Functions and symbols are dropped, dates and byte arrays
 * summarised, and a cycle is cut.
 */
export function redactValue(value: unknown, text: (value: string) => string, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return text(value);
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((item) => redactValue(item, text, seen));
  } else {
    // fromEntries defines own properties, so a `__proto__` key stays a plain key.
    out = Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, SECRET_BODY_KEYS.has(normalise(key)) ? MASK : redactValue(item, text, seen)]),
    );
  }
  // Only ancestors count as circular; the same object twice side by side is fine.
  seen.delete(value);
  return out;
}
