/** Random identifiers for carts, tokens, orders and polling jobs. */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A cart id: base64 of 50 random bytes, so it ends in `=`, redrawn until it also holds
 * `+` and `/`. Clients that forget to URL-encode it in a query string then lose the
 * `+` (read as a space) and get "Invalid cart", as they would in production.
 */
export function newCartId(): string {
  for (;;) {
    const id = randomBytes(50).toString('base64');
    if (id.includes('+') && id.includes('/')) return id;
  }
}

/** An access token: 28 letters and digits, like the spec's example. */
export function newAccessToken(): string {
  let token = '';
  for (let i = 0; i < 28; i++) token += ALPHANUMERIC.charAt(randomInt(ALPHANUMERIC.length));
  return token;
}

/** A one-time captcha solution token. */
export function newCaptchaToken(): string {
  return `sandbox-page-${randomBytes(16).toString('hex')}`;
}

/** A polling job id: 32 upper-case hex digits, like the spec's example path. */
export function newJobId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/** An order token. */
export function newOrderToken(): string {
  return randomUUID();
}
