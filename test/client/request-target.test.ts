/**
 * apiTarget, the check every URL passes before the client sends it. The methods' URLs
 * skip the URL parser when their path is plain; these cases pin that the text sent is
 * still exactly what the parser would make of it, and that nothing off the origin passes.
 */
import { describe, expect, it } from 'vitest';
import { PartnerError, PartnerValidationError } from '../../packages/client/src/errors.js';
import { apiTarget } from '../../packages/client/src/request-target.js';

const ORIGIN = 'http://127.0.0.1:4010';
/** A key that needs encoding, so the appended text shows it is encoded. */
const KEY = 'k e/y+1';

/** What the WHATWG URL parser makes of `raw`, without its fragment, with the key appended. */
function parsed(raw: string): string {
  const url = new URL(raw);
  url.hash = '';
  // An empty query (`/a?`) keeps its `?`: the key follows it directly.
  const separator = url.search !== '' ? '&' : url.href.endsWith('?') ? '' : '?';
  return `${url.href}${separator}apikey=${encodeURIComponent(KEY)}`;
}

describe('apiTarget', () => {
  it('sends a plain path on the origin as written, with the key appended', () => {
    for (const path of ['/partners/v1/event/3F004CBB88958BF9', '/partners/v1/cart/tickets', '/a/b/', "/x!$&'()*+,;=:@~-_.y"]) {
      expect(apiTarget(ORIGIN + path, ORIGIN, KEY)).toBe(`${ORIGIN}${path}?apikey=k%20e%2Fy%2B1`);
    }
  });

  it('sends any other path as the URL parser would: dot segments, escapes, spaces, backslashes, queries, fragments', () => {
    const paths = [
      '/a/./b',
      '/a/../b',
      '/a/..',
      '/a/.',
      '/.',
      '/..',
      '/.hidden/x',
      '/a..b/.../c',
      '/a/%2e%2e/b',
      '/a/%2E/b',
      '/a b',
      '/a\\b',
      '/a"b<c>d`e{f}g',
      '/é',
      '/a?x=1',
      '/a?',
      '/a#frag',
      '//double',
      '',
      '/',
    ];
    for (const path of paths) expect(apiTarget(ORIGIN + path, ORIGIN, KEY), path).toBe(parsed(ORIGIN + path));
  });

  it('refuses user info, another origin and text that is no URL, whatever the path', () => {
    expect(() => apiTarget('http://user:pass@127.0.0.1:4010/a', ORIGIN, KEY)).toThrow(PartnerValidationError);
    expect(() => apiTarget(`${ORIGIN}.evil.example/a`, ORIGIN, KEY)).toThrow(PartnerValidationError);
    expect(() => apiTarget(`${ORIGIN}:81/a`, ORIGIN, KEY)).toThrow(PartnerValidationError);
    expect(() => apiTarget('http://127.0.0.1:4011/a', ORIGIN, KEY)).toThrow(PartnerError);
    expect(() => apiTarget('https://127.0.0.1:4010/a', ORIGIN, KEY)).toThrow(PartnerError);
  });
});
