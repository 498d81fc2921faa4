import { describe, expect, it } from 'vitest';
import { redactBody, redactHeaders, redactUrl } from '../../packages/client/src/redact.js';

const KEY = 'GkB8Z037ZfqbLCNtZViAgrEegbsrZ6Ne';
const CARD = '4588883206000011';

describe('redactUrl', () => {
  it('masks apikey wherever it sits in the query', () => {
    const base = 'https://app.ticketmaster.com/partners/v1/cart';
    expect(redactUrl(`${base}?apikey=${KEY}`)).toBe(`${base}?apikey=***`);
    expect(redactUrl(`${base}?apikey=${KEY}&cart_id=abc%3D`)).toBe(`${base}?apikey=***&cart_id=abc%3D`);
    expect(redactUrl(`${base}?cart_id=abc&apikey=${KEY}`)).toBe(`${base}?cart_id=abc&apikey=***`);
    expect(redactUrl(`${base}?a=1&apikey=${KEY}&b=2`)).toBe(`${base}?a=1&apikey=***&b=2`);
  });

  it('matches the other spellings and secret names case-insensitively, even percent-encoded', () => {
    const url = `https://payment.ticketmaster.com/wallet/v1/token?apiKey=${KEY}&API_KEY=k2&Client_Secret=s&access_token=t&token=u&api%6Bey=v&keep=me`;
    const out = redactUrl(url);
    expect(out).toBe(
      'https://payment.ticketmaster.com/wallet/v1/token?apiKey=***&API_KEY=***&Client_Secret=***&access_token=***&token=***&api%6Bey=***&keep=me',
    );
  });

  it('masks secrets in the fragment, in user info and in the OAuth info path', () => {
    expect(redactUrl('https://partner.example/cb#access_token=abc&state=xyz')).toBe(
      'https://partner.example/cb#access_token=***&state=xyz',
    );
    expect(redactUrl('https://user:pa55@host.example/path?x=1')).toBe('https://***@host.example/path?x=1');
    expect(redactUrl('https://oauth.ticketmaster.com/oauth/info/SECRET-TOKEN')).toBe('https://oauth.ticketmaster.com/oauth/info/***');
  });

  it('handles relative URLs, URL objects, empty values and the doc\'s double "?" typo', () => {
    expect(redactUrl(`/partners/v1/polling/cart/tickets/PUT/0001?apikey=${KEY}&cart_id=c`)).toBe(
      '/partners/v1/polling/cart/tickets/PUT/0001?apikey=***&cart_id=c',
    );
    expect(redactUrl(new URL(`https://app.ticketmaster.com/x?apikey=${KEY}`))).toBe('https://app.ticketmaster.com/x?apikey=***');
    expect(redactUrl('https://h.example/?apikey=&x=1')).toBe('https://h.example/?apikey=***&x=1');
    expect(redactUrl(`/partners/v1/orders?order_token=t1?apikey=${KEY}`)).not.toContain(KEY);
  });

  it('leaves URLs without secrets unchanged', () => {
    const url = 'https://app.ticketmaster.com/partners/v1/events/1AeZZfEGkD0xtGV/cart?cart_id=eb6d&days=3#top';
    expect(redactUrl(url)).toBe(url);
  });
});

describe('redactHeaders', () => {
  it('masks credentials and cookies whatever the case, keeping the auth scheme', () => {
    const out = redactHeaders({
      AUTHORIZATION: 'Bearer 9dWz7IstBLgcgfEAsJ5ppmUFK0Gy',
      'X-Api-Key': KEY,
      cookie: 'session=abc',
      'Set-Cookie': ['a=1', 'b=2'],
      'True-Client-IP': '203.0.113.7',
      Accept: 'application/json',
    });
    expect(out).toEqual({
      AUTHORIZATION: 'Bearer ***',
      'X-Api-Key': '***',
      cookie: '***',
      'Set-Cookie': '***',
      'True-Client-IP': '203.0.113.7',
      Accept: 'application/json',
    });
  });

  it('reads a Headers object and entry pairs', () => {
    const fromHeaders = redactHeaders(new Headers({ Authorization: 'Basic R2tCOFow', 'Content-Type': 'application/json' }));
    expect(fromHeaders).toEqual({ authorization: 'Basic ***', 'content-type': 'application/json' });
    expect(redactHeaders([['proxy-authorization', 'opaque-secret']])).toEqual({ 'proxy-authorization': '***' });
  });

  it('does not modify its input', () => {
    const input = { Authorization: 'Bearer t' };
    redactHeaders(input);
    expect(input.Authorization).toBe('Bearer t');
  });
});

describe('redactBody', () => {
  const payment = {
    cart_id: 'bzJV',
    payment: {
      first_name: 'John',
      type: 'CC',
      address: { line1: '123 Main Street', postal_code: '90210' },
      amount: '69.00',
      card: { Number: CARD, CIN: '123', encryption_key: 'paysys-dev.0.us.999', expire_month: 12 },
    },
  };

  it('masks card fields at any depth, case-insensitively, and keeps the rest', () => {
    expect(redactBody(payment)).toEqual({
      cart_id: 'bzJV',
      payment: {
        first_name: 'John',
        type: 'CC',
        address: { line1: '123 Main Street', postal_code: '90210' },
        amount: '69.00',
        card: { Number: '***', CIN: '***', encryption_key: 'paysys-dev.0.us.999', expire_month: 12 },
      },
    });
  });

  it('masks every listed key, inside arrays too', () => {
    const keys = [
      'number',
      'cin',
      'cvv',
      'card_number',
      'client_secret',
      'access_token',
      'token',
      'password',
      'apikey',
      'APIKEY',
      'Access_Token',
    ];
    const body = { items: keys.map((key) => ({ [key]: 'secret-value', other: 1 })) };
    const out = redactBody(body) as { items: Array<Record<string, unknown>> };
    keys.forEach((key, i) => expect(out.items[i]).toEqual({ [key]: '***', other: 1 }));
    expect(JSON.stringify(out)).not.toContain('secret-value');
  });

  it('masks the wallet-token card number and tokens of a purchase response', () => {
    const out = JSON.stringify(
      redactBody({
        funding_source_details: { account_number: CARD, expiration_month: 12 },
        redemption_url: 'https://myorder.ticketmaster.com/redeem?token=28a67e13-7233',
        order_token: '28a67e13-7233',
        polling_url: `https://app.ticketmaster.com/partners/v1/polling/x?apikey=${KEY}&cart_id=c`,
      }),
    );
    for (const secret of [CARD, '28a67e13-7233', KEY]) expect(out).not.toContain(secret);
    expect(out).toContain('cart_id=c');
    expect(out).toContain('"expiration_month":12');
  });

  it('does not modify its input and keeps repeated (non-circular) objects', () => {
    const shared = { token: 't', keep: 'k' };
    const input = { a: shared, b: shared };
    const out = redactBody(input) as { a: object; b: object };
    expect(shared.token).toBe('t');
    expect(out.a).toEqual({ token: '***', keep: 'k' });
    expect(out.b).toEqual({ token: '***', keep: 'k' });
    expect(out.a).not.toBe(shared);
  });

  it('survives cycles, dates, binary data and primitives', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    expect(redactBody(cyclic)).toEqual({ name: 'x', self: '[Circular]' });
    expect(redactBody({ at: new Date('2026-01-01T00:00:00Z'), raw: Buffer.from('abc') })).toEqual({
      at: '2026-01-01T00:00:00.000Z',
      raw: '[3 bytes]',
    });
    for (const value of [null, undefined, 42, true]) expect(redactBody(value)).toBe(value);
  });

  it('redacts JSON text and form-encoded text as such', () => {
    const json = redactBody(JSON.stringify(payment)) as string;
    expect(typeof json).toBe('string');
    expect(json).not.toContain(CARD);
    expect(JSON.parse(json)).toEqual(redactBody(payment));
    const form = redactBody('grant_type=authorization_code&client_id=cid&client_secret=shh&code=c0de&redirect_uri=https%3A%2F%2Fapp');
    expect(form).toBe('grant_type=authorization_code&client_id=***&client_secret=***&code=***&redirect_uri=https%3A%2F%2Fapp');
    expect(redactBody('plain words, nothing secret')).toBe('plain words, nothing secret');
  });

  it('keeps a "__proto__" key as a plain key', () => {
    const out = redactBody(JSON.parse('{"__proto__": {"token": "t"}, "x": 1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(out)).toContain('__proto__');
    expect(JSON.stringify(out)).not.toContain('"t"');
  });
});
