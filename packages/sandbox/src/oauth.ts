/**
 * The gateway's side of authentication: API keys, client secrets and application
 * access tokens (`POST /oauth/accesstoken`, client-credentials grant). Tokens are
 * bound to the key they were issued to and expire on the sandbox clock.
 */
import type { components } from '@tm-partner/generated';
import { newAccessToken } from './ids.js';
import type { FaultKind } from './responses.js';

type Schemas = components['schemas'];

/** Why a bearer token was refused, or that it is fine. */
export type BearerVerdict = { ok: true } | { ok: false; fault: FaultKind; reason: string };

interface IssuedToken {
  apiKey: string;
  expiresAt: number;
}

/** Keeps the known clients and the tokens issued to them. */
export class TokenDesk {
  private readonly tokens = new Map<string, IssuedToken>();
  private issuedCount = 0;

  /** `clients` maps each accepted API key to its client secret. */
  constructor(
    private readonly clients: Readonly<Record<string, string>>,
    private readonly lifetimeSeconds: number,
  ) {}

  /** True for an API key the sandbox accepts. */
  knowsKey(apiKey: string | null | undefined): apiKey is string {
    return typeof apiKey === 'string' && Object.hasOwn(this.clients, apiKey);
  }

  /** Number of tokens issued since start. */
  issued(): number {
    return this.issuedCount;
  }

  /** Issues a token when the Basic credentials name this key and its secret. */
  issue(
    apiKey: string,
    authorization: string | undefined,
    now: number,
  ): { ok: true; token: Schemas['AccessToken'] } | { ok: false; reason: string } {
    const credentials = parseBasic(authorization);
    if (!credentials) return { ok: false, reason: 'send Authorization: Basic base64(apikey:client-secret)' };
    if (credentials.user !== apiKey) return { ok: false, reason: 'the Basic user is not the apikey of the query string' };
    if (this.clients[apiKey] !== credentials.password) return { ok: false, reason: 'wrong client secret' };
    this.forgetExpired(now);
    const accessToken = newAccessToken();
    this.tokens.set(accessToken, { apiKey, expiresAt: now + this.lifetimeSeconds * 1000 });
    this.issuedCount++;
    return {
      ok: true,
      token: {
        issued_at: String(now),
        scope: '',
        status: 'approved',
        expires_in: String(this.lifetimeSeconds),
        token_type: 'BearerToken',
        client_id: apiKey,
        access_token: accessToken,
      },
    };
  }

  /** Checks the `Authorization` header of an API call; `required` makes a missing token an error. */
  checkBearer(authorization: string | undefined, apiKey: string, now: number, required: boolean): BearerVerdict {
    if (authorization === undefined || authorization.trim() === '') {
      return required
        ? { ok: false, fault: 'InvalidAccessToken', reason: 'this sandbox requires Authorization: Bearer on every call' }
        : { ok: true };
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) return { ok: false, fault: 'InvalidAccessToken', reason: 'Authorization is not a Bearer token' };
    const token = this.tokens.get(match[1]);
    if (!token) return { ok: false, fault: 'InvalidAccessToken', reason: 'unknown access token' };
    if (token.expiresAt <= now) return { ok: false, fault: 'InvalidAccessToken', reason: 'the access token has expired' };
    if (token.apiKey !== apiKey) return { ok: false, fault: 'InvalidAccessToken', reason: 'the access token was issued to another apikey' };
    return { ok: true };
  }

  private forgetExpired(now: number): void {
    for (const [token, { expiresAt }] of this.tokens) if (expiresAt <= now) this.tokens.delete(token);
  }
}

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
