import { describe, expect, it } from 'vitest';
import { LenientJsonError, parseLenientJson } from '../../generator/src/lenient-json.js';

describe('lenient JSON reader', () => {
  it('reads strict JSON without repairs', () => {
    expect(parseLenientJson('{"a": [1, 2.5, "x", null, true]}')).toEqual({ values: [{ a: [1, 2.5, 'x', null, true] }], repairs: [] });
  });

  it('repairs comments, missing and trailing commas, placeholders, quotes and bare keys', () => {
    const { values, repairs } = parseLenientJson(
      ['{ // note', "  a: 'x'", '  "b": 2 /* two */', '  "c": [1, 2, ...,],', '  ...', '}'].join('\n'),
    );
    expect(values).toEqual([{ a: 'x', b: 2, c: [1, 2] }]);
    expect(repairs.map((r) => r.message)).toEqual([
      'comment removed',
      'unquoted key',
      'single-quoted string',
      'missing comma inserted',
      "'...' placeholder left out",
      'trailing comma removed',
    ]);
    expect(repairs[1]).toMatchObject({ line: 2, column: 3 });
  });

  it('keeps every value of a body that holds several', () => {
    const { values, repairs } = parseLenientJson('{"a": 1}\n// or\n{"b": 2}');
    expect(values).toEqual([{ a: 1 }, { b: 2 }]);
    expect(repairs.some((r) => r.message.startsWith('2 JSON values'))).toBe(true);
  });

  it('keeps raw line breaks inside strings', () => {
    expect(parseLenientJson('{"pem": "line1\\r\\n\n   line2"}').values).toEqual([{ pem: 'line1\r\n\n   line2' }]);
  });

  it('fails with a position when the text is not JSON at all', () => {
    try {
      parseLenientJson('{"a": [1, "k": 2]}');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(LenientJsonError);
      expect(err).toMatchObject({ line: 1 });
    }
    expect(() => parseLenientJson('<html></html>')).toThrow(LenientJsonError);
  });
});
