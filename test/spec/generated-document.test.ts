/**
 * The facts of the Partner-App API, read back from generated/openapi.json, so that a
 * spec edit that loses one fails here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const doc = JSON.parse(readFileSync(resolve(ROOT, 'generated/openapi.json'), 'utf8')) as Record<string, any>;

interface Expected {
  method: string;
  path: string;
  params: string[];
  polling: boolean;
  errors: Record<string, Array<number | string>>;
}

const FAULTS = ['oauth.v2.InvalidApiKey', 'oauth.v2.InvalidAccessToken'];
const TICKETING = ['header:True-Client-IP!', 'header:Original-User-Id'];

const OPERATIONS: Record<string, Expected> = {
  getAccessToken: {
    method: 'post',
    path: '/oauth/accesstoken',
    params: [],
    polling: false,
    errors: { '400': [10002], '401': ['oauth.v2.InvalidApiKey'] },
  },
  retrieveEventDetails: { method: 'get', path: '/event/{event_id}', params: ['path:event_id!'], polling: false, errors: { '401': FAULTS } },
  getCaptchaPage: { method: 'get', path: '/captcha', params: [], polling: false, errors: { '401': FAULTS } },
  postCaptchaSolution: {
    method: 'post',
    path: '/cart',
    params: TICKETING,
    polling: false,
    errors: { '400': [10002, 10031], '401': [...FAULTS, 10004] },
  },
  reserveTickets: {
    method: 'put',
    path: '/cart/tickets',
    params: [...TICKETING, 'header:X-TM-FORCE-POLLING'],
    polling: true,
    errors: { '400': [10002, 20052], '401': FAULTS, '403': [90001] },
  },
  getEncryptionCertificate: {
    method: 'get',
    path: '/certificate',
    params: ['query:cart_id!', ...TICKETING],
    polling: false,
    errors: { '400': [90003], '401': FAULTS },
  },
  addPayment: {
    method: 'put',
    path: '/cart/payment',
    params: TICKETING,
    polling: false,
    errors: { '400': [10002, 20122, 20152], '401': FAULTS },
  },
  purchaseCart: {
    method: 'put',
    path: '/cart',
    params: [...TICKETING, 'header:X-TM-FORCE-POLLING'],
    polling: true,
    errors: { '400': [10002], '401': FAULTS },
  },
  deleteCart: {
    method: 'delete',
    path: '/cart',
    params: ['query:cart_id!', ...TICKETING, 'header:X-TM-FORCE-POLLING'],
    polling: true,
    errors: { '400': [90003], '401': FAULTS },
  },
  listUnredeemedOrders: {
    method: 'get',
    path: '/orders/unredeemed',
    params: ['query:days_from_purchase', 'query:days_before_event'],
    polling: false,
    errors: { '400': [10002], '401': FAULTS },
  },
  poll: {
    method: 'get',
    path: '/polling/{poll_path}',
    params: ['path:poll_path!', 'query:cart_id!', ...TICKETING],
    polling: true,
    errors: { '400': [20052], '401': FAULTS, '403': [90001] },
  },
};

function operationById(id: string): Record<string, any> {
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(item)) if (op.operationId === id) return { ...op, method, path };
  }
  throw new Error(`no operation ${id}`);
}

/** Error codes shown in a response's examples (API `error.code` or gateway `fault` code). */
function codesOf(response: Record<string, any> | undefined): Array<number | string> {
  const media = response?.content?.['application/json'];
  if (!media) return [];
  const values = media.examples ? Object.values(media.examples as Record<string, { value: any }>).map((e) => e.value) : [media.example];
  return values.map((v) => v?.error?.code ?? v?.fault?.detail?.errorcode).filter((c) => c !== undefined);
}

describe('generated/openapi.json describes the Partner-App API', () => {
  it('has exactly the documented operations', () => {
    const ids = Object.values(doc.paths as Record<string, Record<string, any>>).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    expect(ids.sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  it.each(Object.entries(OPERATIONS))('%s: method, path, parameters, polling and errors', (id, expected) => {
    const op = operationById(id);
    expect([op.method, op.path]).toEqual([expected.method, expected.path]);
    const params = ((op.parameters ?? []) as Array<{ in: string; name: string; required: boolean }>).map(
      (p) => `${p.in}:${p.name}${p.required ? '!' : ''}`,
    );
    expect(params.sort()).toEqual([...expected.params].sort());
    // Every operation carries the API key; a Bearer token is an alternative addition, never required.
    const security = op.security as Array<Record<string, string[]>>;
    for (const requirement of security) expect(Object.keys(requirement)).toContain('apikeyQuery');
    if (id !== 'getAccessToken') expect(security).toContainEqual({ apikeyQuery: [] });
    if (expected.polling) {
      expect(op.responses['202'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PollingResponse' });
    } else {
      expect(op.responses['202']).toBeUndefined();
    }
    for (const [status, codes] of Object.entries(expected.errors)) {
      expect(codesOf(op.responses[status]).sort()).toEqual([...codes].sort());
    }
    for (const status of ['401', '406', '500', '503']) expect(op.responses[status], `${id} ${status}`).toBeDefined();
  });

  it('names both hosts, production first', () => {
    expect(doc.servers).toEqual([
      { url: 'https://app.ticketmaster.com/partners/v1' },
      { url: 'https://app.ticketmaster.com/partners-sandbox/v1', description: 'sandbox' },
    ]);
  });

  it('declares the API key, Basic and Bearer security schemes', () => {
    expect(doc.components.securitySchemes).toMatchObject({
      apikeyQuery: { type: 'apiKey', in: 'query', name: 'apikey' },
      basicAuth: { type: 'http', scheme: 'basic' },
      bearerAuth: { type: 'http', scheme: 'bearer' },
    });
    expect(operationById('getAccessToken').security).toEqual([{ apikeyQuery: [], basicAuth: [] }]);
  });

  it('documents the OAuth client-credentials call', () => {
    const op = operationById('getAccessToken');
    const form = op.requestBody.content['application/x-www-form-urlencoded'];
    expect(form.example).toEqual({ grant_type: 'client_credentials' });
    const token = doc.components.schemas.AccessToken;
    expect(token.required).toEqual(expect.arrayContaining(['access_token', 'expires_in', 'token_type']));
    expect(token.properties.expires_in.type).toBe('string');
  });

  it('returns the captcha page as HTML with the site-key header', () => {
    const ok = operationById('getCaptchaPage').responses['200'];
    expect(Object.keys(ok.content)).toEqual(['text/html']);
    expect(Object.keys(ok.headers)).toContain('X-TM-CAPTCHA-V2-SITEKEY');
  });

  it('keeps ticket ids as strings and the payment types and enums', () => {
    const s = doc.components.schemas;
    expect(s.TicketSelection.properties.id.type).toBe('string');
    expect(s.TicketType.properties.id.type).toBe('string');
    expect(s.Payment.properties.type.enum).toEqual(['CC', 'INVOICE']);
    expect(s.UnredeemedOrder.properties.email_status.enum).toEqual([1, 2, 3]);
    expect(s.CountryId.enum).toEqual([840, 124, 36, 484, 554]);
    expect(s.StateId.enum).toHaveLength(75);
    expect(s.StateId.enum).toEqual(expect.arrayContaining([1, 12, 43, 66, 78]));
    expect(s.StateId.enum).not.toContain(8);
    expect(s.StateId.description).toContain('`12`: California');
  });

  it('marks required billing fields as the published document does', () => {
    const s = doc.components.schemas;
    expect(s.Payment.required).toEqual(
      expect.arrayContaining(['first_name', 'last_name', 'home_phone', 'type', 'email_address', 'address']),
    );
    expect(s.BillingAddress.required).toEqual(expect.arrayContaining(['line1', 'line2', 'city', 'country', 'region', 'postal_code']));
    expect(s.BillingAddress.required).not.toContain('unit');
    expect(s.EncryptedCard.required).toEqual(
      expect.arrayContaining(['number', 'cin', 'encryption_key', 'expire_month', 'expire_year', 'postal_code']),
    );
  });

  it('says what it chose where the published text conflicts', () => {
    const intro = doc.info.description as string;
    expect(intro).toMatch(/124/);
    expect(operationById('listUnredeemedOrders').description).toMatch(/at least one/i);
    expect(doc.components.schemas.CountryId.description).toMatch(/Canada/);
  });
});
