/** The `apib-to-openapi` command: a thin shell over `convert`. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { convertBytes, formatDiagnostic } from './index.js';
import { formatForPath, serializeDocument } from './serialize-document.js';
import { generateTypes } from './openapi-to-types.js';
import { type OutputFile, fileErrorReason, writeFilesAtomically } from './write-atomic.js';

const USAGE = `Usage: apib-to-openapi INPUT.apib [-o OUT.json|OUT.yaml] [--types OUT.d.ts] [--strict] [--format json|yaml]

Converts an API Blueprint document into OpenAPI 3.1.
  -o, --output FILE   write here (atomically) instead of standard output
  --format FORMAT     json or yaml (default: from the output name, else json)
  --types FILE        also write TypeScript types (openapi-typescript) here
  --strict            treat warnings as errors (exit 1, nothing written)
  -q, --quiet         do not print warnings
  -h, --help          show this help

Diagnostics go to standard error as file:line:col: severity: message. Input that is
no blueprint (empty, not UTF-8, binary, no resources or data structures) is an error.
Exit status: 0 converted, 1 blueprint errors (or warnings with --strict), 2 usage or I/O error.`;

/** Runs the CLI with the given arguments; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        format: { type: 'string' },
        types: { type: 'string' },
        strict: { type: 'boolean', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`apib-to-openapi: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const input = positionals[0];
  if (!input || positionals.length > 1) {
    process.stderr.write(`apib-to-openapi: expected exactly one input file\n\n${USAGE}\n`);
    return 2;
  }
  if (values.format !== undefined && values.format !== 'json' && values.format !== 'yaml') {
    process.stderr.write(`apib-to-openapi: --format must be json or yaml, not '${values.format}'\n`);
    return 2;
  }

  let source: Uint8Array;
  try {
    // Bytes, not text: invalid UTF-8 is an error with its position, never silently replaced.
    source = await readFile(input);
  } catch (err) {
    process.stderr.write(`apib-to-openapi: cannot read ${input}: ${fileErrorReason(err)}\n`);
    return 2;
  }

  // Include directives name files relative to the blueprint; read as bytes, they are checked as it is.
  const readInclude = (path: string) => readFileSync(resolve(dirname(input), path));
  const { document, diagnostics } = convertBytes(source, { filename: input, readInclude });
  for (const d of diagnostics) {
    if (d.severity === 'error' || !values.quiet || values.strict) process.stderr.write(`${formatDiagnostic(d)}\n`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (!document || errors > 0) {
    process.stderr.write(`apib-to-openapi: ${input}: ${errors} error(s); nothing written\n`);
    return 1;
  }
  if (values.strict && warnings > 0) {
    process.stderr.write(`apib-to-openapi: ${input}: ${warnings} warning(s) with --strict; nothing written\n`);
    return 1;
  }

  const format = (values.format as 'json' | 'yaml' | undefined) ?? (values.output ? formatForPath(values.output) : 'json');
  const text = serializeDocument(document, format);
  const files: OutputFile[] = [];
  if (values.output) files.push({ path: values.output, content: text });
  if (values.types) files.push({ path: values.types, content: await generateTypes(document) });
  try {
    await writeFilesAtomically(files);
  } catch (err) {
    process.stderr.write(`apib-to-openapi: ${(err as Error).message}; nothing written\n`);
    return 2;
  }
  if (!values.output) process.stdout.write(text);
  return 0;
}
