/** Where the workspace's files are, wherever the command is started from. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const PATHS = {
  spec: resolve(ROOT, 'spec/partner-api.apib'),
  generated: resolve(ROOT, 'generated'),
  openapi: resolve(ROOT, 'generated/openapi.json'),
  sandboxCli: resolve(ROOT, 'packages/sandbox/src/cli.ts'),
  docsOut: resolve(ROOT, '.tmp/docs/index.html'),
} as const;
