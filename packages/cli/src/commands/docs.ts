/** `tm-partner docs`: the HTML API reference from generated/openapi.json. */
import { relative, resolve } from 'node:path';
import { buildDocs } from '../build-docs.js';
import type { Command } from '../command.js';
import { EXIT, messageOf, readFlags } from '../io.js';
import { PATHS, ROOT } from '../paths.js';

const USAGE = `Usage: tm-partner docs [--spec FILE] [--out FILE]

Builds the API reference from the OpenAPI document: one self-contained HTML page
rendered by Redoc (@redocly/cli build-docs, scripts inlined), which opens offline.

Options:
  --spec FILE   OpenAPI document (default: generated/openapi.json)
  --out FILE    page to write (default: .tmp/docs/index.html, git-ignored)
  -h, --help    show this text

Exit status: 0 written, 1 the build failed, 2 usage error.`;

const FLAGS = {
  spec: { type: 'string' },
  out: { type: 'string' },
} as const;

export const docs: Command = {
  name: 'docs',
  usage: USAGE,
  summary: 'build the HTML API reference (Redoc) into .tmp/docs/index.html',
  async run(argv, { io, signal }) {
    const flags = readFlags(argv, FLAGS);
    const spec = resolve(flags.spec ?? PATHS.openapi);
    const out = resolve(flags.out ?? PATHS.docsOut);
    try {
      const built = await buildDocs({ spec, out, signal });
      const shown = relative(ROOT, built.out).startsWith('..') ? built.out : relative(ROOT, built.out);
      io.out(`docs: wrote ${shown} (${(built.bytes / 1024).toFixed(0)} KiB, ${built.ms} ms) from ${relative(ROOT, spec) || spec}`);
      io.out(`docs: open file://${built.out}`);
      return EXIT.ok;
    } catch (error) {
      io.err(`docs: ${messageOf(error)}`);
      return EXIT.failed;
    }
  },
};
