/**
 * The captcha step. There is no Google widget in a sandbox, so the page served by
 * `GET /captcha` "solves" itself: it carries a one-time token and a button (plus an
 * automatic redirect) that navigates to `ticketmaster-g-recaptcha-response://<token>`,
 * as the real page's callback does. Page tokens are single-use and expire after two
 * minutes, like reCAPTCHA solutions. A fixed token (an option) is always accepted so
 * scripted clients can skip the page, as with reCAPTCHA's test keys.
 */
import { newCaptchaToken } from './ids.js';

/** What a submitted token turned out to be. */
export type CaptchaVerdict = 'accepted' | 'missing' | 'invalid';

const PAGE_TOKEN_LIFETIME_MS = 120_000;

/** Issues captcha pages and checks the tokens posted to `POST /cart`. */
export class CaptchaDesk {
  private readonly pageTokens = new Map<string, number>();

  /** `fixedToken` is accepted any number of times; `siteKey` goes in the page and its header. */
  constructor(
    readonly fixedToken: string,
    readonly siteKey: string,
  ) {}

  /** A new captcha page with its own one-time token. */
  page(now: number): { html: string; token: string } {
    this.forgetExpired(now);
    const token = newCaptchaToken();
    this.pageTokens.set(token, now + PAGE_TOKEN_LIFETIME_MS);
    return { html: renderPage(this.siteKey, token), token };
  }

  /** Checks a posted token; a page token is used up by the check when it is accepted. */
  redeem(token: string | undefined, now: number): CaptchaVerdict {
    if (token === undefined || token.trim() === '') return 'missing';
    if (token === this.fixedToken) return 'accepted';
    const expiresAt = this.pageTokens.get(token);
    if (expiresAt === undefined || expiresAt <= now) return 'invalid';
    this.pageTokens.delete(token);
    return 'accepted';
  }

  private forgetExpired(now: number): void {
    for (const [token, expiresAt] of this.pageTokens) if (expiresAt <= now) this.pageTokens.delete(token);
  }
}

function renderPage(siteKey: string, token: string): string {
  // Both values are generated or configured by the sandbox; escaping keeps an odd option harmless.
  const key = escapeHtml(siteKey);
  const solution = escapeHtml(token);
  return `<html>
    <head>
        <meta name="sandbox-captcha-token" content="${solution}">
        <script>
        function callback(responseText) {
            location.href = "ticketmaster-g-recaptcha-response://" + responseText;
        }
        window.addEventListener("load", function () { callback("${solution}"); });
        </script>
    </head>
    <body>
        <div class="g-recaptcha" data-sitekey="${key}" data-callback="callback"></div>
        <p>Partner API sandbox: this captcha solves itself.</p>
        <button type="button" onclick="callback('${solution}')">I'm not a robot</button>
    </body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
