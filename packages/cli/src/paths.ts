/**
 * Where the CLI finds what it works on: the spec, generated/ and the docs page are
 * relative to the current directory (the workspace root when run through pnpm, the
 * partner's repository otherwise); the OpenAPI document is the one the installed
 * `@tm-partner/generated` ships.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

/** The directory relative paths are read from and shown against. */
export const ROOT = process.cwd();

export const PATHS = {
  spec: resolve(ROOT, 'spec/partner-api.apib'),
  generated: resolve(ROOT, 'generated'),
  openapi: createRequire(import.meta.url).resolve('@tm-partner/generated/openapi.json'),
  docsOut: resolve(ROOT, '.tmp/docs/index.html'),
} as const;
