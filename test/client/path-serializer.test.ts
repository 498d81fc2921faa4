/**
 * The methods' path serialiser splits each URL template once; its output must be
 * openapi-fetch's own for every template and value, the odd ones included.
 */
import { defaultPathSerializer } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { pathSerializer } from '../../packages/client/src/path-serializer.js';

const BASE = 'http://127.0.0.1:4010/partners/v1';

const cases: [template: string, params: Record<string, unknown>][] = [
  [`${BASE}/event/{event_id}`, { event_id: '3F004CBB88958BF9' }],
  [`${BASE}/event/{event_id}`, { event_id: 'a b/c?d#e%f{g}' }],
  [`${BASE}/event/{event_id}`, { event_id: 42 }],
  [`${BASE}/event/{event_id}`, { event_id: false }],
  [`${BASE}/event/{event_id}`, {}],
  [`${BASE}/event/{event_id}`, { event_id: null }],
  [`${BASE}/a/{x}/b/{y}/{x}`, { x: '1', y: 'é' }],
  [`${BASE}/a/{x}/b/{y}`, { y: '2' }],
  [`${BASE}/a/{x}{y}`, { x: '1', y: '2' }],
  [`${BASE}/no-params`, { x: '1' }],
  [`${BASE}/list/{ids}`, { ids: ['a', 'b c'] }],
  [`${BASE}/obj/{filter}`, { filter: { role: 'admin', first: 'x y' } }],
  [`${BASE}/label/{.id}`, { id: 'v' }],
  [`${BASE}/matrix/{;id}`, { id: 'v' }],
  [`${BASE}/explode/{ids*}`, { ids: ['a', 'b'] }],
  [`${BASE}/explode/{;ids*}`, { ids: { a: '1', b: '2' } }],
];

describe('pathSerializer', () => {
  it("gives openapi-fetch's default output for every template and value", () => {
    for (const [template, params] of cases) {
      // Twice: the second call reads the template's parts from the cache.
      for (let i = 0; i < 2; i++) expect(pathSerializer(template, params), template).toBe(defaultPathSerializer(template, params));
    }
  });
});
