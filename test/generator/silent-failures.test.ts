/**
 * No broken blueprint passes in silence: a heading Drafter does not read, input that
 * is no blueprint (empty, white space, prose only), invalid UTF-8 and binary input
 * each get a diagnostic with its line and column, through `convert`, `convertBytes`
 * and the CLI (where `--strict` makes every warning fatal).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert, convertBytes, formatDiagnostic } from '../../generator/src/index.js';
import { apib } from './blueprint.js';

const CLI = resolve(import.meta.dirname, '../../generator/src/cli.ts');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lines = (source: string | Uint8Array) =>
  (typeof source === 'string' ? convert(source, { filename: 'x.apib' }) : convertBytes(source, { filename: 'x.apib' })).diagnostics.map(
    (d) => formatDiagnostic(d),
  );

const brokenHeading = apib(
  '# API',
  '',
  '# Group Events',
  '',
  '## Event [/event/{id}',
  '',
  '### Get [GET]',
  '+ Response 200',
  '',
  '## Other [/other]',
  '### Read [get]',
  '+ Response 200',
  '',
  '### Update [PUT /other/x] trailing',
  '+ Response 200',
  '',
  '### List [GET]',
  '+ Response 200',
);

describe('headings Drafter does not read', () => {
  it('warns at the line and column of a resource heading without its ] and of the actions it swallows', () => {
    const { document, diagnostics } = convert(brokenHeading, { filename: 'x.apib' });
    expect(Object.keys(document?.paths ?? {})).toEqual(['/other']);
    expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      "x.apib:5:1: warning: '## Event [/event/{id}' looks like a resource heading but is not read as one (no closing ']'); it and the text after it are description, not API",
      "x.apib:7:1: warning: '### Get [GET]' looks like an action heading but is not read as one (it is not inside a resource or group that Drafter read); it and the text after it are description, not API",
      "x.apib:11:1: warning: '### Read [get]' looks like an action heading but is not read as one (the method 'get' is not upper case); it and the text after it are description, not API",
      "x.apib:14:1: warning: '### Update [PUT /other/x] trailing' looks like an action heading but is not read as one (text after ']'); it and the text after it are description, not API",
    ]);
  });

  it('leaves prose headings, bracketed words and code in descriptions alone', () => {
    const source = apib(
      '# API',
      'Intro.',
      '',
      '## Notes [draft]',
      '## Prices [USD]',
      '',
      '```',
      '## GET /not-a-heading',
      '```',
      '',
      '    ## Indented code [/x]',
      '',
      '## R [/r]',
      '### Read [GET]',
      '+ Response 200',
    );
    expect(lines(source)).toEqual([]);
  });
});

describe('diagnostics', () => {
  it("come in the blueprint's order, Drafter's and the converter's own alike", () => {
    const source = apib(
      'HOST: api.example.com',
      '',
      '# API',
      '## R [/r]',
      '### Read [GET]',
      '+ Response 200 (application/json)',
      '',
      '        {"a": 1,}',
      '',
      '## Broken [/b',
      '',
      '### Make [POST]',
      '+ Request',
      '    + Headers',
      '',
      '            Accept: text/plain',
      '',
    );
    const found = convert(source).diagnostics;
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(found.map((d) => d.line)).toEqual([...found.map((d) => d.line as number)].sort((a, b) => a - b));
    expect(found[0]?.message).toMatch(/HOST 'api\.example\.com' has no scheme/);
  });
});

describe('input that is no blueprint', () => {
  it('is an error: empty, white space only, or text without resources and data structures', () => {
    expect(lines('')).toEqual(['x.apib:1:1: error: no API found: the input is empty']);
    expect(lines(' \n\t\n  \n')).toEqual(['x.apib:1:1: error: no API found: the input is only white space']);
    expect(lines('# Just a title\n\nSome prose about nothing.\n')).toEqual([
      'x.apib:1:1: error: no API found: the text has no resources and no data structures',
    ]);
    expect(convert('').document).toBeUndefined();
  });

  it('converts data structures without resources into components, with a warning', () => {
    const { document, diagnostics } = convert(apib('# Data Structures', '## Coupon', '+ id (string, required)'));
    expect(document?.components?.schemas?.Coupon).toMatchObject({ type: 'object', required: ['id'] });
    expect(diagnostics.map((d) => d.message)).toEqual([
      'the blueprint has data structures but no resources: the document has components and no paths',
    ]);
  });

  it('refuses invalid UTF-8 at its first bad byte, never replacing it by U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('# A\n## R [/r]\n    café '), Buffer.from([0xe9]), Buffer.from('t\xe9\n', 'latin1')]);
    expect(lines(bytes)).toEqual([
      'x.apib:3:10: error: invalid UTF-8: byte 0xE9 (offset 24) starts no valid UTF-8 sequence; an API Blueprint is UTF-8 text',
    ]);
    // A truncated sequence at the very end, and a lone continuation byte.
    expect(lines(Buffer.from([0x23, 0x20, 0xe2, 0x82]))[0]).toMatch(/^x\.apib:1:3: error: invalid UTF-8: byte 0xE2/);
    expect(lines(Buffer.from([0x0a, 0x0a, 0x41, 0x80]))[0]).toMatch(/^x\.apib:3:2: error: invalid UTF-8: byte 0x80/);
    expect(lines(Buffer.from([0xff, 0xfe, 0x23, 0x00]))).toEqual([
      'x.apib:1:1: error: the input is UTF-16 (byte-order mark); an API Blueprint is UTF-8 text',
    ]);
  });

  it('reads valid UTF-8 bytes, byte-order mark included, as convert reads the text', () => {
    const source = apib('# Café', '## R [/r]', '### Read [GET]', '+ Response 200 (text/plain)', '', '        thé');
    const fromBytes = convertBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source)]));
    expect(fromBytes).toEqual(convert(source));
  });

  it('refuses binary input (a NUL byte, other control characters) at its position', () => {
    expect(lines('# A\n## R [/r]\x00\x01')).toEqual(['x.apib:2:10: error: binary input: a NUL byte; an API Blueprint is UTF-8 text']);
    expect(lines('# A\x07')).toEqual(['x.apib:1:4: error: binary input: control character U+0007; an API Blueprint is UTF-8 text']);
  });
});

describe('the CLI on broken input', () => {
  it('exits 1 with file:line:col for empty, white-space, invalid UTF-8 and binary files, writing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apib-silent-'));
    const inputs: Array<[string, Buffer, RegExp]> = [
      ['empty.apib', Buffer.alloc(0), /empty\.apib:1:1: error: no API found: the input is empty/],
      ['blank.apib', Buffer.from('  \n\n'), /blank\.apib:1:1: error: no API found: the input is only white space/],
      ['latin1.apib', Buffer.from('# Caf\xe9\n', 'latin1'), /latin1\.apib:1:6: error: invalid UTF-8: byte 0xE9/],
      [
        'binary.apib',
        Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]),
        /binary\.apib:1:1: error: binary input: control character U\+007F/,
      ],
    ];
    for (const [name, bytes, message] of inputs) {
      writeFileSync(join(dir, name), bytes);
      const out = join(dir, `${name}.json`);
      const r = cli([join(dir, name), '-o', out]);
      expect(r.status, name).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('exits 0 with the heading warning, and 1 with --strict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apib-silent-'));
    const input = join(dir, 'heading.apib');
    writeFileSync(input, brokenHeading);
    const lax = cli([input, '-o', join(dir, 'lax.json')]);
    expect(lax.status).toBe(0);
    expect(lax.stderr).toContain(`${input}:5:1: warning: '## Event [/event/{id}' looks like a resource heading`);
    const strict = cli([input, '-o', join(dir, 'strict.json'), '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/4 warning\(s\) with --strict; nothing written/);
    expect(existsSync(join(dir, 'strict.json'))).toBe(false);
  });
});

describe('included files', () => {
  const main = apib(
    '# API',
    '',
    '## R [/r]',
    '### Read [GET]',
    '+ Response 200 (application/json)',
    '',
    '    <!-- include(body.json) -->',
    '',
  );
  const reading = (content: string | Uint8Array) => (path: string) => {
    if (path !== 'body.json') throw new Error('missing');
    return content;
  };

  it('are UTF-8 text too: a bad byte is an error at the directive, naming its line and column in the file', () => {
    const { document, diagnostics } = convert(main, {
      filename: 'x.apib',
      readInclude: reading(Buffer.from('{\n  "name": "caf\xe9"\n}\n', 'latin1')),
    });
    expect(document).toBeUndefined();
    expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      "x.apib:7:1: error: included file 'body.json', line 2 column 15: invalid UTF-8: byte 0xE9 (offset 16) starts no valid UTF-8 sequence; an API Blueprint is UTF-8 text",
    ]);
  });

  it('are not binary: a NUL byte, given as bytes or as text, is an error at the directive', () => {
    for (const content of [Buffer.from('{"a": 1}\n\0\n'), '{"a": 1}\n\0\n']) {
      const { document, diagnostics } = convert(main, { filename: 'x.apib', readInclude: reading(content) });
      expect(document).toBeUndefined();
      expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual([
        "x.apib:7:1: error: included file 'body.json', line 2 column 1: binary input: a NUL byte; an API Blueprint is UTF-8 text",
      ]);
    }
  });

  it('are read as bytes by the CLI: invalid UTF-8 and a NUL after a resource both exit 1, writing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apib-include-'));
    const input = join(dir, 'api.apib');
    writeFileSync(input, apib('FORMAT: 1A', '', '# API', '', '<!-- include(part.apib) -->', ''));
    const cases: Array<[Buffer, RegExp]> = [
      [
        Buffer.from('## Caf\xe9 [/cafe]\n### Read [GET]\n+ Response 204\n', 'latin1'),
        /api\.apib:5:1: error: included file 'part\.apib', line 1 column 7: invalid UTF-8: byte 0xE9/,
      ],
      [
        Buffer.from('## A [/a]\n### Read [GET]\n+ Response 204\n\n\0\n## B [/b]\n### Read b [GET]\n+ Response 204\n'),
        /api\.apib:5:1: error: included file 'part\.apib', line 5 column 1: binary input: a NUL byte/,
      ],
    ];
    for (const [bytes, message] of cases) {
      writeFileSync(join(dir, 'part.apib'), bytes);
      const out = join(dir, 'out.json');
      const r = cli([input, '-o', out]);
      expect(r.stderr).toMatch(message);
      expect(r.status).toBe(1);
      expect(existsSync(out)).toBe(false);
    }
  });
});
