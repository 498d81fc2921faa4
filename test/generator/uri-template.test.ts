import { describe, expect, it } from 'vitest';
import { splitUriTemplate } from '../../generator/src/uri-template.js';

describe('URI template splitting', () => {
  it.each([
    ['/coupons{?limit}', '/coupons', [], ['limit']],
    ['/a/{id}{?x,y}{&z}', '/a/{id}', ['id'], ['x', 'y', 'z']],
    ['/partners/v1/event/{event_id}?apikey={apikey}', '/partners/v1/event/{event_id}', ['event_id'], ['apikey']],
    ['/orders?order_token={order_token}?apikey={apikey}', '/orders', [], ['order_token', 'apikey']],
    ['/files/{+path}', '/files/{path}', ['path'], []],
    ['/items{/id*}{.format}', '/items/{id}.{format}', ['id', 'format'], []],
    ['coupons/{id}', '/coupons/{id}', ['id'], []],
    ['/', '/', [], []],
  ])('%s', (template, path, pathParams, query) => {
    const split = splitUriTemplate(template);
    expect(split.path).toBe(path);
    expect(split.pathParams).toEqual(pathParams);
    expect(split.query.map((q) => q.name)).toEqual(query);
  });

  it('keeps literal query values and drops fragments', () => {
    const split = splitUriTemplate('/x?format=json{#section}');
    expect(split.query).toEqual([{ name: 'format', fixedValue: 'json' }]);
    expect(splitUriTemplate('/x{#section}').dropped).toEqual(['section']);
  });
});
