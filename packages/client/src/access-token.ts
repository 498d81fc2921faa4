/**
 * Application access tokens (OAuth client credentials). A token lasts an hour and
 * cannot be refreshed, so it is cached, renewed shortly before it runs out, and
 * fetched once for all concurrent callers.
 */
import { PartnerError } from './errors.js';
import { OutgoingRequest } from './outgoing-request.js';
import type { Send, TokenSource } from './transport.js';

/** What the token source needs from the client. */
export interface AccessTokenOptions {
  baseUrl: URL;
  /** The Basic credentials: base64 of `apiKey:clientSecret`. */
  basic: string;
  send: Send;
  now: () => number;
}

/** Renew this long before expiry (at most half the token's lifetime). */
const RENEW_MARGIN_MS = 60_000;

interface CachedToken {
  token: string;
  /** When to fetch the next one: shortly before this one expires. */
  renewAt: number;
}

/** Caches and renews the client-credentials access token. */
export class AccessTokens implements TokenSource {
  private current: CachedToken | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly options: AccessTokenOptions) {}

  /** A valid token: the cached one, or one shared in-flight renewal. */
  get(): Promise<string> {
    const current = this.current;
    if (current && this.options.now() < current.renewAt) return Promise.resolve(current.token);
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets `token` if it is the cached one (the API rejected it). */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async fetchToken(): Promise<string> {
    const { baseUrl, basic, send, now } = this.options;
    // A root-mounted base URL has the path `/`: join without doubling the slash.
    const url = new URL(`${baseUrl.pathname.replace(/\/+$/, '')}/oauth/accesstoken`, baseUrl);
    const request = new OutgoingRequest(url.href, {
      method: 'POST',
      headers: new Headers({
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      }),
      body: 'grant_type=client_credentials',
    });
    const requestedAt = now();
    // The token call is safe to repeat: it has no effect but issuing a token.
    const reply = await send(request, { retry: true, bearer: false });
    if (!reply.ok) throw reply.apiError();
    const parsed = parseToken(reply.data());
    const lifetimeMs = parsed.expiresInSeconds * 1000;
    const margin = Math.min(RENEW_MARGIN_MS, lifetimeMs / 2);
    this.current = { token: parsed.token, renewAt: requestedAt + lifetimeMs - margin };
    return parsed.token;
  }
}

/** A bearer token's characters (RFC 6750 `b64token`): nothing a header could not carry. */
const B64TOKEN = /^[\w.~+/-]+=*$/;

function parseToken(body: unknown): { token: string; expiresInSeconds: number } {
  const { access_token: token, expires_in: expiresIn } = (body ?? {}) as Record<string, unknown>;
  // The API sends `expires_in` as a string ("3599").
  const seconds = typeof expiresIn === 'number' ? expiresIn : Number(expiresIn);
  if (typeof token !== 'string' || !B64TOKEN.test(token) || !Number.isFinite(seconds) || seconds <= 0) {
    // The value itself is never quoted: it would be a secret in the message.
    throw new PartnerError('The access token response lacks a valid access_token or a positive expires_in');
  }
  return { token, expiresInSeconds: seconds };
}
