import { describe, expect, it } from 'vitest';
import { convert, formatDiagnostic, serializeDocument } from '../../generator/src/index.js';
import type { Element } from '../../generator/src/api-elements.js';
import { SourceLocator } from '../../generator/src/source-locator.js';
import { apib } from './blueprint.js';

const clean = apib(
  'FORMAT: 1A',
  '',
  '# A',
  '## R [/r/{id}]',
  '+ Parameters',
  '    + id (string) - Id',
  '### Read [GET]',
  '+ Response 200 (application/json)',
  '    + Attributes',
  '        + name: x (string)',
);

describe('input normalisation, diagnostics and determinism', () => {
  it('gives the same document for CRLF, BOM and tab-indented input', () => {
    const reference = convert(clean);
    const messy = `\ufeff${clean.replace(/ {4}/g, '\t').replace(/\n/g, '\r\n')}`;
    const result = convert(messy);
    expect(result.diagnostics).toEqual(reference.diagnostics);
    expect(result.document).toEqual(reference.document);
  });

  it('reports Drafter annotations as file:line:col warnings', () => {
    const { diagnostics } = convert(
      apib('# A', '## R [/r]', '### Read [GET]', '+ Response 200', '', '    {"a": 1}', '', '+ Parameters', '    + id'),
      {
        filename: 'x.apib',
      },
    );
    const lines = diagnostics.map((d) => formatDiagnostic(d));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^x\.apib:\d+:\d+: (warning|error): \S/);
  });

  it('returns no document and an error with position for a blueprint Drafter rejects', () => {
    const { document, diagnostics } = convert(
      apib('# A', '## R [/r]', '### G [GET]', '+ Response 200 (application/json)', '    + Attributes (Missing)'),
      {
        filename: 'bad.apib',
      },
    );
    expect(document).toBeUndefined();
    const error = diagnostics.find((d) => d.severity === 'error');
    expect(error).toMatchObject({ file: 'bad.apib', line: 5 });
  });

  it('is deterministic: same input, same bytes, in JSON and YAML', () => {
    const a = convert(clean).document;
    const b = convert(clean).document;
    expect(serializeDocument(a, 'json')).toBe(serializeDocument(b, 'json'));
    expect(serializeDocument(a, 'yaml')).toBe(serializeDocument(b, 'yaml'));
    expect(serializeDocument(a, 'yaml')).toMatch(/^openapi: 3\.1\.0\n/);
  });
});

describe('every diagnostic has a position', () => {
  const warningsOf = (source: string) => convert(source, { filename: 'p.apib' }).diagnostics.filter((d) => d.severity === 'warning');

  it('places a repaired example inside a model at the model body, even when used further down', () => {
    const warnings = warningsOf(
      apib(
        '# A',
        '## Note [/notes/{id}]',
        '+ Model (application/json)',
        '',
        '        {',
        '            "id": 1,',
        '        }',
        '',
        '+ Parameters',
        '    + id (number)',
        '',
        '### Create [POST /notes]',
        '+ Response 201 (application/json)',
        '',
        '        {"id": 2}',
        '',
        '### Read [GET]',
        '+ Response 200',
        '',
        '    [Note][]',
      ),
    );
    const trailing = warnings.find((w) => w.message.includes('trailing comma'));
    // Line 6 holds `"id": 1,`; the repair is reported there, not left without a position.
    expect(trailing).toMatchObject({ file: 'p.apib', line: 6 });
  });

  it('places "no response" at the action heading and a scheme-less HOST at its line', () => {
    const warnings = warningsOf(
      apib('FORMAT: 1A', 'HOST: api.example.com/v1', '', '# A', '## R [/r]', '### Make [POST]', '+ Request (text/plain)', '', '        x'),
    );
    expect(warnings.find((w) => w.message.includes('documents no response'))).toMatchObject({ line: 6, column: 1 });
    expect(warnings.find((w) => w.message.includes('has no scheme'))).toMatchObject({ line: 2, column: 1 });
    for (const w of warnings) expect(w.line).toBeGreaterThan(0);
  });

  it('places a Drafter annotation reported at line 0 by its character offset', () => {
    const source = 'ü日本\nsecond line\nthird';
    const locator = new SourceLocator(source);
    const number = (content: number, attributes?: Record<string, unknown>) => ({
      element: 'number',
      content,
      ...(attributes ? { attributes } : {}),
    });
    const at = (offset: number, line: number, column: number) => ({
      element: 'annotation',
      attributes: {
        sourceMap: {
          element: 'array',
          content: [
            {
              element: 'sourceMap',
              content: [{ element: 'array', content: [number(offset, { line: number(line), column: number(column) }), number(3)] }],
            },
          ],
        },
      },
      content: 'x',
    });
    // 'ü日本\n' is 4 characters; offset 11 is the 8th character of line 2, the "l" of "line".
    expect(locator.ofAnnotation(at(11, 0, 0) as Element)).toEqual({ line: 2, column: 8 });
    expect(locator.ofAnnotation(at(11, 2, 8) as Element)).toEqual({ line: 2, column: 8 });
    expect(locator.ofAnnotation(at(999, 0, 0) as Element)).toBeUndefined();
  });
});

describe('include directives', () => {
  const files: Record<string, string> = { 'body.json': '{\n  "id": 1\n}\n', 'nested.md': '<!-- include(body.json) -->' };
  const read = (path: string) => {
    const content = files[path];
    if (content === undefined) throw new Error('missing');
    return content;
  };

  it('expands include(...) and include: forms, indented like the directive, nested too', () => {
    const source = apib(
      '# A',
      '## R [/r]',
      '### Read [GET]',
      '+ Response 200 (application/json)',
      '    + Body',
      '',
      '            <!-- include: nested.md -->',
      '',
    );
    const { document, diagnostics } = convert(source, { readInclude: read });
    expect(diagnostics).toEqual([]);
    const media = (document?.paths['/r']?.get as Record<string, any>).responses['200'].content['application/json'];
    expect(media.example).toEqual({ id: 1 });
  });

  it('warns at the directive line for a file it cannot read, and maps later lines back', () => {
    const source = apib(
      '# A',
      '## R [/r]',
      '### Read [GET]',
      '+ Response 200 (application/json)',
      '    + Body',
      '',
      '            <!-- include(body.json) -->',
      '',
      '+ Response 201 (application/json)',
      '    + Body',
      '',
      '            <!-- include(gone.json) -->',
      '',
      '+ Response 202 (application/json)',
      '',
      '        {"a": 1,}',
      '',
    );
    const { diagnostics } = convert(source, { readInclude: read, filename: 'x.apib' });
    expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual(
      expect.arrayContaining([
        "x.apib:12:1: warning: included file 'gone.json' cannot be read; the directive is left in place",
        expect.stringMatching(/^x\.apib:16:\d+: warning: .*trailing comma removed/),
      ]),
    );
  });
});
