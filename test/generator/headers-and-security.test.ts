import { describe, expect, it } from 'vitest';
import { apib, op, toOpenApi } from './blueprint.js';

describe('headers and security', () => {
  const source = apib(
    '# A',
    '## Orders [/orders{?apikey}]',
    '+ Parameters',
    '    + apikey (string) - Your API key',
    '### Create order [POST]',
    '+ Request Plain (application/json)',
    '    + Headers',
    '',
    '            Authorization: Bearer abc',
    '            True-Client-IP: 203.0.113.7',
    '',
    '    + Body',
    '',
    '            {"n": 1}',
    '',
    '+ Request With user (application/json)',
    '    + Headers',
    '',
    '            Authorization: Bearer abc',
    '            True-Client-IP: 203.0.113.7',
    '            Original-User-Id: u-1',
    '',
    '    + Body',
    '',
    '            {"n": 2}',
    '',
    '+ Response 201 (application/json)',
    '    + Headers',
    '',
    '            Location: /orders/1',
    '',
    '    + Body',
    '',
    '            {"id": 1}',
  );

  it('turns request headers into header parameters; those in every request are required', () => {
    const { doc } = toOpenApi(source);
    const params = op(doc, 'post', '/orders').parameters as Array<Record<string, unknown>>;
    expect(params).toContainEqual({
      name: 'True-Client-IP',
      in: 'header',
      required: true,
      schema: { type: 'string' },
      example: '203.0.113.7',
    });
    expect(params).toContainEqual({ name: 'Original-User-Id', in: 'header', required: false, schema: { type: 'string' }, example: 'u-1' });
    // Content-Type belongs to the media type, Authorization and apikey to security.
    expect(params.map((p) => p.name)).not.toContain('Content-Type');
    expect(params.map((p) => p.name)).not.toContain('Authorization');
    expect(params.map((p) => p.name)).not.toContain('apikey');
  });

  it('turns Authorization headers and API-key parameters into security schemes', () => {
    const { doc } = toOpenApi(source);
    expect(doc.components?.securitySchemes).toEqual({
      apikeyQuery: { type: 'apiKey', in: 'query', name: 'apikey', description: 'Your API key' },
      bearerAuth: { type: 'http', scheme: 'bearer' },
    });
    expect(op(doc, 'post', '/orders').security).toEqual([{ apikeyQuery: [], bearerAuth: [] }]);
  });

  it('maps Basic authorization and API-key headers', () => {
    const { doc } = toOpenApi(
      apib(
        '# A',
        '## Token [/token]',
        '### Get token [POST]',
        '+ Request (application/x-www-form-urlencoded)',
        '    + Headers',
        '',
        '            Authorization: Basic dXNlcjpwYXNz',
        '            X-Api-Key: k',
        '',
        '    + Body',
        '',
        '            grant_type=client_credentials',
        '',
        '+ Response 200',
      ),
    );
    expect(doc.components?.securitySchemes).toEqual({
      basicAuth: { type: 'http', scheme: 'basic' },
      xApiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    });
    const operation = op(doc, 'post', '/token');
    expect(operation.security).toEqual([{ basicAuth: [], xApiKeyHeader: [] }]);
    expect(operation.parameters).toBeUndefined();
    expect(operation.requestBody.content['application/x-www-form-urlencoded']).toEqual({
      schema: { type: 'object', properties: { grant_type: { type: 'string' } } },
      example: { grant_type: 'client_credentials' },
    });
  });

  it('keeps response headers with their examples', () => {
    const { doc } = toOpenApi(source);
    expect(op(doc, 'post', '/orders').responses['201'].headers).toEqual({
      Location: { schema: { type: 'string' }, example: '/orders/1' },
    });
  });
});
