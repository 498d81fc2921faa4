import { describe, expect, it } from 'vitest';
import {
  ErrorCode,
  FaultCode,
  PartnerApiError,
  PartnerError,
  PartnerNetworkError,
  PartnerPollingError,
  PartnerTimeoutError,
  PartnerValidationError,
} from '../../packages/client/src/errors.js';

// The error examples exactly as the blueprint prints them (status from their http_code or the text).
const SEED = {
  invalidInput: [
    400,
    '{\n    "error": {\n        "message" : "Invalid input data type",\n        "code": 10002\n        "http_code":400,\n        "severity":"ERROR"\n    }\n}',
  ],
  notTransactable: [
    403,
    '{\n    "error": {\n        "message": "Event is not API transactable",\n        "code": 90001\n        "http_code":403,\n        "severity":"ERROR"\n    }\n}',
  ],
  noInventory: [400, '{\n    "error": {\n        "message": "No inventory found to match request",\n        "code": 20052\n    }\n}'],
  captchaMissing: [
    401,
    '{\n    "error": {\n        "message":"Unauthorized Access",\n        "code":10004,\n        "http_code":401,\n        "severity":"ERROR"\n    }\n}',
  ],
  invalidCaptcha: [
    400,
    '{\n    "error": {\n        "message":"Invalid captcha solution.",\n        "code":10031,\n        "http_code":400,\n        "severity":"ERROR"\n    }\n}',
  ],
  paymentNotAccepted: [
    400,
    '{\n    "error": {\n        "message":"Payment Not Accepted",\n        "code":20122,\n        "http_code":400,\n        "severity":"ERROR"\n    }\n}',
  ],
  badSecurityCode: [
    400,
    '\n{\n    "error": {\n        "message":"Please enter a valid security code.",\n        "code":20152,\n        "http_code":400,\n        "severity":"ERROR"\n    }\n}\n',
  ],
  invalidApiKey: [401, '{"fault":{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}}'],
  invalidToken: [401, '{"fault":{"faultstring":"Invalid access token","detail":{"errorcode":"oauth.v2.InvalidAccessToken"}}}'],
} as const satisfies Record<string, readonly [number, string]>;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function apiError(code: number, status = 400): PartnerApiError {
  return PartnerApiError.from(status, JSON.stringify({ error: { message: 'm', code, http_code: status, severity: 'ERROR' } }));
}

type Check =
  | 'isNotTransactable'
  | 'isNoInventory'
  | 'isInvalidCaptcha'
  | 'isCaptchaMissing'
  | 'isPaymentNotAccepted'
  | 'isBadSecurityCode'
  | 'isInvalidInput'
  | 'isInvalidApiKey'
  | 'isInvalidToken'
  | 'isInvalidCart'
  | 'isMaintenance'
  | 'isRateLimited';

// One error that each check should recognise; every other check must say false to it.
const TRIGGERS: Record<Check, () => PartnerApiError> = {
  isNotTransactable: () => apiError(90001, 403),
  isNoInventory: () => apiError(20052),
  isInvalidCaptcha: () => apiError(10031),
  isCaptchaMissing: () => apiError(10004, 401),
  isPaymentNotAccepted: () => apiError(20122),
  isBadSecurityCode: () => apiError(20152),
  isInvalidInput: () => apiError(10002),
  isInvalidApiKey: () => PartnerApiError.from(...SEED.invalidApiKey),
  isInvalidToken: () => PartnerApiError.from(...SEED.invalidToken),
  isInvalidCart: () => apiError(90003),
  isMaintenance: () => apiError(20001, 400),
  isRateLimited: () => PartnerApiError.from(429, ''),
};
const CHECKS = Object.keys(TRIGGERS) as Check[];

describe('PartnerApiError from the documented bodies', () => {
  it('the valid-JSON examples parse into code, message and severity', () => {
    for (const key of ['captchaMissing', 'invalidCaptcha', 'paymentNotAccepted', 'badSecurityCode'] as const) {
      const [status, text] = SEED[key];
      const parsed = JSON.parse(text) as { error: { code: number; message: string; severity: string } };
      const error = PartnerApiError.from(status, text);
      expect(error.status).toBe(status);
      expect(error.code).toBe(parsed.error.code);
      expect(error.severity).toBe('ERROR');
      expect(error.message).toContain(parsed.error.message);
      expect(error.message).toContain(String(parsed.error.code));
      expect(error.body).toEqual(parsed);
    }
  });

  it('keeps the raw text of the examples that are not JSON (missing comma) and still reads their code', () => {
    for (const key of ['invalidInput', 'notTransactable'] as const) {
      const [status, text] = SEED[key];
      expect(isJson(text)).toBe(false);
      const error = PartnerApiError.from(status, text);
      expect(error).toBeInstanceOf(PartnerApiError);
      expect(error.status).toBe(status);
      expect(error.body).toBe(text);
    }
    const invalidInput = PartnerApiError.from(...SEED.invalidInput);
    expect(invalidInput.code).toBe(ErrorCode.InvalidInput);
    expect(invalidInput.isInvalidInput).toBe(true);
    expect(invalidInput.message).toContain('Invalid input data type');
    expect(PartnerApiError.from(...SEED.notTransactable).isNotTransactable).toBe(true);
  });

  it('reads the 20052 example, which has no http_code or severity', () => {
    const error = PartnerApiError.from(...SEED.noInventory);
    expect(error.code).toBe(20052);
    expect(error.severity).toBeUndefined();
    expect(error.isNoInventory).toBe(true);
  });

  it('reads both gateway faults with their string codes', () => {
    const apiKey = PartnerApiError.from(...SEED.invalidApiKey);
    expect(apiKey.status).toBe(401);
    expect(apiKey.code).toBe(FaultCode.InvalidApiKey);
    expect(apiKey.message).toContain('Invalid ApiKey');
    expect(apiKey.isInvalidApiKey).toBe(true);
    expect(apiKey.isInvalidToken).toBe(false);
    const token = PartnerApiError.from(...SEED.invalidToken);
    expect(token.code).toBe('oauth.v2.InvalidAccessToken');
    expect(token.isInvalidToken).toBe(true);
    expect(token.isInvalidApiKey).toBe(false);
  });

  it('each documented body trips exactly its own check', () => {
    const expected: Record<keyof typeof SEED, Check> = {
      invalidInput: 'isInvalidInput',
      notTransactable: 'isNotTransactable',
      noInventory: 'isNoInventory',
      captchaMissing: 'isCaptchaMissing',
      invalidCaptcha: 'isInvalidCaptcha',
      paymentNotAccepted: 'isPaymentNotAccepted',
      badSecurityCode: 'isBadSecurityCode',
      invalidApiKey: 'isInvalidApiKey',
      invalidToken: 'isInvalidToken',
    };
    for (const [key, check] of Object.entries(expected) as Array<[keyof typeof SEED, Check]>) {
      const [status, text] = SEED[key];
      const error = PartnerApiError.from(status, text);
      expect(
        CHECKS.filter((name) => error[name]),
        key,
      ).toEqual([check]);
    }
  });
});

describe('PartnerApiError with odd bodies', () => {
  it('an empty body gives a message from the status', () => {
    const error = PartnerApiError.from(503, '');
    expect(error.status).toBe(503);
    expect(error.code).toBeUndefined();
    expect(error.body).toBeUndefined();
    expect(error.message).toContain('503');
    expect(error.message).toContain('Service Unavailable');
    expect(error.isMaintenance).toBe(true);
  });

  it('an HTML body is kept as text, and not copied into the message', () => {
    const html = '<html><body><h1>502 Bad Gateway</h1><p>upstream said no</p></body></html>';
    const error = PartnerApiError.from(502, html);
    expect(error.body).toBe(html);
    expect(error.code).toBeUndefined();
    expect(error.message).toContain('502');
    expect(error.message).not.toContain('<html>');
    expect(error.message).not.toContain('upstream said no');
  });

  it('JSON that is neither envelope, or not an object, leaves code unset', () => {
    for (const text of ['{"status":"broken"}', '[1,2]', '"text"', 'null', '{"error":"flat string"}']) {
      const error = PartnerApiError.from(500, text);
      expect(error.code, text).toBeUndefined();
      expect(error.message).toContain('500');
    }
  });

  it('accepts an already parsed body in the constructor', () => {
    const body = { error: { message: 'Invalid cart', code: 90003, http_code: 400, severity: 'ERROR' } };
    const error = new PartnerApiError(400, body);
    expect(error.isInvalidCart).toBe(true);
    expect(error.body).toBe(body);
  });

  it('caps a very long server message', () => {
    const error = PartnerApiError.from(400, JSON.stringify({ error: { message: 'x'.repeat(10_000), code: 10002 } }));
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('PartnerApiError named checks', () => {
  it.each(CHECKS)('%s is true for its trigger and false for every other trigger', (check) => {
    expect(TRIGGERS[check]()[check]).toBe(true);
    for (const other of CHECKS.filter((name) => name !== check)) {
      expect(TRIGGERS[other]()[check], `${check} on the ${other} trigger`).toBe(false);
    }
  });

  it('isMaintenance is true for code 20001 and for status 503 alone', () => {
    expect(apiError(ErrorCode.Maintenance, 400).isMaintenance).toBe(true);
    expect(PartnerApiError.from(503, '<html>down</html>').isMaintenance).toBe(true);
    expect(PartnerApiError.from(500, '').isMaintenance).toBe(false);
  });

  it('isRateLimited follows the status, whatever the body', () => {
    expect(PartnerApiError.from(429, '{"fault":{"faultstring":"Rate limit quota violation"}}').isRateLimited).toBe(true);
    expect(PartnerApiError.from(400, '').isRateLimited).toBe(false);
  });

  it('ErrorCode is frozen and holds the documented numbers', () => {
    expect(Object.isFrozen(ErrorCode)).toBe(true);
    expect(Object.isFrozen(FaultCode)).toBe(true);
    expect(ErrorCode).toMatchObject({ NotTransactable: 90001, NoInventory: 20052, InvalidCart: 90003, Maintenance: 20001 });
    expect(new Set(Object.values(ErrorCode)).size).toBe(Object.keys(ErrorCode).length);
  });
});

describe('PartnerApiError request id', () => {
  const body = SEED.paymentNotAccepted[1];

  it('reads x-request-id from a Headers object', () => {
    expect(PartnerApiError.from(400, body, new Headers({ 'X-Request-Id': 'req-1' })).requestId).toBe('req-1');
  });

  it('reads x-correlation-id from a plain record, case-insensitively, and from entry pairs', () => {
    expect(PartnerApiError.from(400, body, { 'X-Correlation-ID': 'corr-2' }).requestId).toBe('corr-2');
    expect(PartnerApiError.from(400, body, { 'x-request-id': ['first', 'second'] }).requestId).toBe('first');
    expect(PartnerApiError.from(400, body, [['x-correlation-id', 'pair-3']]).requestId).toBe('pair-3');
  });

  it('is undefined without such a header', () => {
    expect(PartnerApiError.from(400, body, { 'content-type': 'application/json' }).requestId).toBeUndefined();
    expect(PartnerApiError.from(400, body).requestId).toBeUndefined();
  });
});

describe('the other errors', () => {
  const secretUrl = 'https://app.ticketmaster.com/partners/v1/cart?apikey=SECRETKEY123&cart_id=abc#access_token=TOK';

  it('all are PartnerErrors with their own name, which shows in the stack', () => {
    const errors = [
      new PartnerError('base'),
      PartnerApiError.from(400, ''),
      new PartnerNetworkError('get', secretUrl, new TypeError('fetch failed')),
      new PartnerTimeoutError('attempt', 5000),
      new PartnerValidationError('payment.card.number', 'is required'),
      new PartnerPollingError('max-attempts', { attempts: 3, elapsedMs: 12_000 }),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(PartnerError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(error.constructor.name);
      expect(String(error.stack).startsWith(`${error.name}: `)).toBe(true);
    }
  });

  it('PartnerNetworkError keeps the cause, quotes a system code, and drops the query string', () => {
    const cause = new TypeError('fetch failed', { cause: Object.assign(new Error(`connect to ${secretUrl}`), { code: 'ECONNRESET' }) });
    const error = new PartnerNetworkError('put', secretUrl, cause);
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('PUT https://app.ticketmaster.com/partners/v1/cart');
    expect(error.message).toContain('ECONNRESET');
    expect(error.request).toBe('PUT https://app.ticketmaster.com/partners/v1/cart');
    for (const secret of ['SECRETKEY123', 'TOK', 'apikey', 'connect to']) expect(error.message).not.toContain(secret);
  });

  it('PartnerNetworkError strips credentials from relative or odd URLs too', () => {
    expect(new PartnerNetworkError('get', '/partners/v1/cart?apikey=SECRETKEY123', undefined).message).not.toContain('SECRETKEY123');
    expect(new PartnerNetworkError('get', 'https://user:pw@host.example/x?apikey=K', undefined).message).not.toMatch(/pw|user|K$/);
  });

  it('PartnerTimeoutError says which limit elapsed and how long it was', () => {
    const attempt = new PartnerTimeoutError('attempt', 5000, { url: secretUrl });
    expect(attempt.kind).toBe('attempt');
    expect(attempt.timeoutMs).toBe(5000);
    expect(attempt.message).toMatch(/attempt/i);
    expect(attempt.message).toContain('5000 ms');
    expect(attempt.message).not.toContain('SECRETKEY123');
    const deadline = new PartnerTimeoutError('deadline', 60_000);
    expect(deadline.message).toMatch(/deadline/i);
    expect(deadline.message).toContain('60000 ms');
    expect(deadline.message).not.toMatch(/attempt/i);
  });

  it('PartnerValidationError names the field', () => {
    const error = new PartnerValidationError('payment.address.city', 'is required');
    expect(error.field).toBe('payment.address.city');
    expect(error.message).toContain('payment.address.city');
    expect(error.message).toContain('is required');
  });

  it('PartnerPollingError reports attempts and elapsed time', () => {
    const error = new PartnerPollingError('max-attempts', { attempts: 7, elapsedMs: 28_000 });
    expect(error).toMatchObject({ reason: 'max-attempts', attempts: 7, elapsedMs: 28_000 });
    expect(error.message).toContain('7 attempts');
    expect(error.message).toContain('28000 ms');
    expect(new PartnerPollingError('deadline', { attempts: 1, elapsedMs: 10 }).message).toMatch(/deadline.*1 attempt in/);
  });

  it('PartnerPollingError for a foreign origin says so without the query string', () => {
    const error = new PartnerPollingError('foreign-origin', {
      attempts: 2,
      elapsedMs: 8000,
      url: 'https://evil.example/partners/v1/polling/x?apikey=SECRETKEY123&cart_id=abc',
      expectedOrigin: 'https://app.ticketmaster.com/partners/v1?apikey=SECRETKEY123',
    });
    expect(error.reason).toBe('foreign-origin');
    expect(error.message).toContain('https://evil.example/partners/v1/polling/x');
    expect(error.message).toContain('https://app.ticketmaster.com');
    expect(error.message).toMatch(/another origin/);
    expect(error.message).not.toContain('SECRETKEY123');
    expect(error.message).not.toContain('?');
  });
});
