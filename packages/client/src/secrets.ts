/**
 * The one redaction for foreign text. Whatever an error carries from elsewhere (a fetch
 * failure's message and stack, its cause chain, an error body, a body excerpt) passes
 * through here before it is kept: the client's own secrets (API key, client secret, the
 * Basic credentials made of them, every token it was issued) are masked wherever they
 * appear, and so is anything that looks like a credential or a card number.
 */
import { PartnerApiError, readErrorBody } from './errors.js';
import type { HeadersLike } from './header-entries.js';
import { MASK, redactFreeText, redactValue } from './redact.js';

/** Tokens last an hour; the last few are enough to cover any error still in flight. */
const TOKENS_KEPT = 8;
/** How deep a cause chain is copied. */
const MAX_DEPTH = 6;
/** Symbolic fields of system and undici errors that are worth keeping. */
const KEPT_FIELDS = ['code', 'errno', 'syscall'] as const;

/** The secrets of one client, and redaction of foreign text against them. */
export class Secrets {
  /** The Basic credentials of the token call (base64 of `apiKey:clientSecret`), with a client secret. */
  readonly basic: string | undefined;
  private readonly fixed: string[];
  private readonly tokens: string[] = [];

  constructor(apiKey: string, clientSecret?: string) {
    this.fixed = [apiKey];
    if (clientSecret !== undefined) {
      this.basic = Buffer.from(`${apiKey}:${clientSecret}`, 'utf8').toString('base64');
      this.fixed.push(clientSecret, this.basic);
    }
    // Longest first, so a secret containing another is masked whole.
    this.fixed.sort((a, b) => b.length - a.length);
  }

  /** Remembers an access token, so it is masked too. */
  addToken(token: string): void {
    if (this.tokens.includes(token)) return;
    this.tokens.push(token);
    if (this.tokens.length > TOKENS_KEPT) this.tokens.shift();
  }

  /** Text with every known secret and every credential-like part masked. */
  text(text: string): string {
    let out = text;
    for (const secret of this.fixed) out = out.split(secret).join(MASK);
    for (const token of this.tokens) out = out.split(token).join(MASK);
    return redactFreeText(out);
  }

  /** A copy of a JSON-like value: secret keys masked, every other string redacted as {@link text}. */
  value(value: unknown): unknown {
    return redactValue(value, (text) => this.text(text));
  }

  /** The API's error answer as a PartnerApiError whose message and body are redacted. */
  apiError(status: number, bodyText: string, headers: HeadersLike): PartnerApiError {
    return new PartnerApiError(status, this.value(readErrorBody(bodyText)), headers);
  }

  /**
   * A redacted copy of a foreign error and its cause chain: message, stack and symbolic
   * fields (`code`, `errno`, `syscall`), with the name kept. The original is not touched
   * (it may be shared) and is not referenced, so `util.inspect` never reaches it.
   */
  error(error: unknown, depth = 0): unknown {
    if (typeof error === 'string') return this.text(error);
    if (!(error instanceof Error)) return typeof error === 'object' && error !== null ? this.value(error) : error;
    const copy = new Error(this.text(error.message));
    define(copy, 'name', error.name);
    copy.stack = this.text(error.stack ?? `${error.name}: ${error.message}`);
    const source = error as Error & Record<string, unknown>;
    for (const field of KEPT_FIELDS) {
      const value = source[field];
      if (typeof value === 'string' || typeof value === 'number') (copy as unknown as Record<string, unknown>)[field] = value;
    }
    if (depth < MAX_DEPTH) {
      if (error.cause !== undefined) define(copy, 'cause', this.error(error.cause, depth + 1));
      if (Array.isArray(source.errors)) {
        define(
          copy,
          'errors',
          source.errors.map((e: unknown) => this.error(e, depth + 1)),
        );
      }
    }
    return copy;
  }
}

/** A non-enumerable own property, as `name`, `cause` and `errors` are on native errors. */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}
