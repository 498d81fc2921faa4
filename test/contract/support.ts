/**
 * Shared by the contract suites: the OpenAPI document and what it documents per
 * operation, a recording `fetch` for the client (every exchange is kept with the
 * operation it resolved to, its `sl-violations` and any Prism problem document),
 * the client's error expectations, and the coverage table.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { ErrorCode, FaultCode, PartnerApiError } from '../../packages/client/src/index.js';
import { formatViolation, readPrismProblem, readViolations } from '../../packages/mock/src/index.js';
import type { PrismProblem, Violation } from '../../packages/mock/src/index.js';
import { ContractValidator } from '../../packages/sandbox/src/index.js';

export const DOCUMENT_FILE = new URL('../../generated/openapi.json', import.meta.url);

interface MediaObject {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}
interface ResponseObject {
  content?: Record<string, MediaObject>;
  headers?: Record<string, { example?: unknown }>;
}
interface OperationObject {
  operationId: string;
  responses: Record<string, ResponseObject>;
}
interface Document {
  paths: Record<string, Record<string, OperationObject>>;
}

/** The document the suites check against (Prism serves a copy of the same file). */
export const DOCUMENT = JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8')) as Document;
/** Routing (method + path → operationId) and schema checks on the same document. */
export const validator = ContractValidator.fromFile(DOCUMENT_FILE);

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** One documented response variant: a status, and the name of one of its examples when it has several. */
export interface ResponseVariant {
  status: number;
  /** Name of the example when the status documents named ones. */
  example: string | undefined;
  /** The example body (JSON media only). */
  body: unknown;
}

/** What the document says about one operation. */
export interface DocumentedOperation {
  operationId: string;
  method: string;
  path: string;
  success: ResponseVariant[];
  errors: ResponseVariant[];
}

/** Every operation of the document, in document order. */
export const OPERATIONS: readonly DocumentedOperation[] = Object.entries(DOCUMENT.paths).flatMap(([path, item]) =>
  METHODS.flatMap((method) => {
    const op = item[method];
    if (!op) return [];
    const variants = Object.entries(op.responses).flatMap(([status, response]): ResponseVariant[] => {
      const json = response.content?.['application/json'];
      const named = Object.entries(json?.examples ?? {});
      if (named.length > 0) return named.map(([name, ex]) => ({ status: Number(status), example: name, body: ex.value }));
      return [{ status: Number(status), example: undefined, body: json?.example }];
    });
    return [
      {
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        success: variants.filter((v) => v.status < 300),
        errors: variants.filter((v) => v.status >= 400),
      },
    ];
  }),
);

/** A documented operation by id. */
export function documented(operationId: string): DocumentedOperation {
  const found = OPERATIONS.find((op) => op.operationId === operationId);
  if (!found) throw new Error(`The document has no operation ${operationId}`);
  return found;
}

/** The documented example of a status (the named one, or the only one). */
export function exampleBody(operationId: string, status: number, name?: string): unknown {
  const variant = documented(operationId)
    .success.concat(documented(operationId).errors)
    .find((v) => v.status === status && (name === undefined || v.example === name));
  if (!variant) throw new Error(`${operationId} documents no ${status}${name ? ` example ${name}` : ''}`);
  return variant.body;
}

/** A documented response header example, e.g. the captcha site key. */
export function headerExample(path: string, method: string, status: number, header: string): unknown {
  return DOCUMENT.paths[path]?.[method]?.responses[String(status)]?.headers?.[header]?.example;
}

/** `Prefer` for a variant: `code=401, example=example2`. */
export function preferFor(variant: ResponseVariant): string {
  return variant.example === undefined ? `code=${variant.status}` : `code=${variant.status}, example=${variant.example}`;
}

// ---------------------------------------------------------------------------
// Recording fetch

/** Which server answered: Prism on the document's examples, or Prism in front of the sandbox. */
export type ServerKind = 'prism' | 'sandbox';

/** One request the client made and the response it got. */
export interface Exchange {
  server: ServerKind;
  method: string;
  url: URL;
  /** Resolved from method + path against the document; undefined when no operation matches. */
  operationId: string | undefined;
  status: number;
  /** The `Prefer` header sent (Prism examples), if any. */
  prefer: string | undefined;
  /** The `Authorization` scheme sent (`Bearer`, `Basic`), if any. */
  authorization: string | undefined;
  /** `X-TM-FORCE-POLLING` was sent. */
  forcedPolling: boolean;
  headers: Headers;
  violations: Violation[];
  problem: PrismProblem | undefined;
}

/** Options of {@link ExchangeLog.fetchFor}. */
export interface RecordingOptions {
  /** `Prefer` header to add for the case being run (read per request). */
  prefer?: () => string | undefined;
  /** Headers to add to every request (e.g. a bearer token set up outside the client). */
  headers?: Record<string, string>;
}

/** Keeps every exchange the clients made, in order. */
export class ExchangeLog {
  readonly entries: Exchange[] = [];
  private checked = 0;

  /** A fetch for the client's `fetch` option: global fetch, with the case's headers added and the exchange recorded. */
  fetchFor(server: ServerKind, options: RecordingOptions = {}): typeof fetch {
    return async (input, init) => {
      const request = new Request(input, init);
      const headers = new Headers(request.headers);
      const prefer = options.prefer?.();
      if (prefer !== undefined) headers.set('prefer', prefer);
      for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
      const response = await fetch(new Request(request, { headers }));
      const url = new URL(request.url);
      const route = validator.match(request.method, url.pathname);
      this.entries.push({
        server,
        method: request.method,
        url,
        operationId: route.kind === 'operation' ? route.operation.operationId : undefined,
        status: response.status,
        prefer,
        authorization: headers.get('authorization')?.split(' ')[0],
        forcedPolling: headers.get('x-tm-force-polling') === 'true',
        headers: response.headers,
        violations: readViolations(response.headers),
        problem: await readPrismProblem(response),
      });
      return response;
    };
  }

  /** Exchanges since `mark` (an index from {@link mark}). */
  since(mark: number): Exchange[] {
    return this.entries.slice(mark);
  }

  /** The current position, to read what a step sent with {@link since}. */
  mark(): number {
    return this.entries.length;
  }

  /**
   * Fails on any `sl-violations` entry (warnings included), any Prism problem+json answer
   * and any exchange that matches no operation of the document, since the last check.
   */
  assertClean(): void {
    const fresh = this.entries.slice(this.checked);
    this.checked = this.entries.length;
    const problems = fresh.flatMap((e) => {
      const where = `${e.server}: ${e.method} ${e.url.pathname} -> ${e.status}${e.prefer ? ` [${e.prefer}]` : ''}`;
      return [
        ...e.violations.map((v) => `${where}: ${formatViolation(v)}`),
        ...(e.problem ? [`${where}: Prism answered by itself: ${e.problem.type} ${e.problem.detail}`] : []),
        ...(e.operationId === undefined ? [`${where}: no operation of the document matches`] : []),
      ];
    });
    if (problems.length > 0) throw new Error(`Contract problems reported by Prism:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

// ---------------------------------------------------------------------------
// What the client should make of an error answer

/** The named checks of PartnerApiError (`isInvalidCaptcha`, …), read from the class itself. */
export const NAMED_CHECKS: readonly string[] = Object.entries(Object.getOwnPropertyDescriptors(PartnerApiError.prototype))
  .filter(([name, descriptor]) => name.startsWith('is') && typeof descriptor.get === 'function')
  .map(([name]) => name);

const CHECK_BY_CODE = new Map<number | string, string>([
  [ErrorCode.InvalidInput, 'isInvalidInput'],
  [ErrorCode.CaptchaMissing, 'isCaptchaMissing'],
  [ErrorCode.InvalidCaptcha, 'isInvalidCaptcha'],
  [ErrorCode.Maintenance, 'isMaintenance'],
  [ErrorCode.NoInventory, 'isNoInventory'],
  [ErrorCode.PaymentNotAccepted, 'isPaymentNotAccepted'],
  [ErrorCode.BadSecurityCode, 'isBadSecurityCode'],
  [ErrorCode.NotTransactable, 'isNotTransactable'],
  [ErrorCode.InvalidCart, 'isInvalidCart'],
  [FaultCode.InvalidApiKey, 'isInvalidApiKey'],
  [FaultCode.InvalidAccessToken, 'isInvalidToken'],
]);

/** Codes the client has no named check for, on purpose. */
const CODES_WITHOUT_CHECK = new Set<number | string>(['oauth.v2.InvalidClientIdentifier']);

/** `error.code` or `fault.detail.errorcode` of an error body, as the API documents them. */
export function codeOf(body: unknown): number | string | undefined {
  const b = body as { error?: { code?: unknown }; fault?: { detail?: { errorcode?: unknown } } } | undefined;
  const code = b?.error?.code ?? b?.fault?.detail?.errorcode;
  return typeof code === 'number' || typeof code === 'string' ? code : undefined;
}

/** The named checks that must be true for an error with this status and code; all others must be false. */
export function expectedChecks(status: number, code: number | string | undefined): string[] {
  const checks = new Set<string>();
  if (code !== undefined) {
    const check = CHECK_BY_CODE.get(code);
    // A code without a named check is fine for the client, but the suite should know about it.
    if (check) checks.add(check);
    else if (!CODES_WITHOUT_CHECK.has(code)) throw new Error(`No named check is known for error code ${code}`);
  }
  if (status === 503) checks.add('isMaintenance');
  if (status === 429) checks.add('isRateLimited');
  return [...checks].sort();
}

/** Asserts that `error` is the PartnerApiError for this status and code, with exactly the matching named checks. */
export function expectApiError(error: unknown, status: number, code: number | string | undefined, label = ''): PartnerApiError {
  expect(error, label).toBeInstanceOf(PartnerApiError);
  const apiError = error as PartnerApiError;
  expect({ status: apiError.status, code: apiError.code }, label).toEqual({ status, code });
  const truthy = NAMED_CHECKS.filter((name) => (apiError as unknown as Record<string, boolean>)[name] === true).sort();
  expect(truthy, `${label} named checks`).toEqual(expectedChecks(status, code));
  return apiError;
}

/** Runs `call` and returns what it threw (failing when it did not throw). */
export async function thrownBy(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

// ---------------------------------------------------------------------------
// Coverage

interface CoverageRow {
  operationId: string;
  prismSuccess: number[];
  prismErrorStatuses: number[];
  prismErrorVariants: string[];
  documentedErrorStatuses: number[];
  documentedErrorVariants: string[];
  sandboxSuccess: number[];
  sandboxErrors: number[];
}

const sortedUnique = (values: number[]) => [...new Set(values)].sort((a, b) => a - b);
const variantKey = (status: number, example: string | undefined) => (example === undefined ? String(status) : `${status}/${example}`);

/** Per operation: what Prism and the sandbox were seen to answer, against what the document lists. */
export function coverage(entries: readonly Exchange[]): CoverageRow[] {
  return OPERATIONS.map((op) => {
    // Only clean exchanges count: a response Prism flagged or made up covers nothing.
    const of = (server: ServerKind) =>
      entries.filter((e) => e.server === server && e.operationId === op.operationId && !e.problem && e.violations.length === 0);
    const prism = of('prism');
    const sandbox = of('sandbox');
    const served = prism.filter((e) => e.status >= 400).map((e) => variantKey(e.status, /example=([^,\s]+)/.exec(e.prefer ?? '')?.[1]));
    return {
      operationId: op.operationId,
      prismSuccess: sortedUnique(prism.filter((e) => e.status < 300).map((e) => e.status)),
      prismErrorStatuses: sortedUnique(prism.filter((e) => e.status >= 400).map((e) => e.status)),
      prismErrorVariants: [...new Set(served)],
      documentedErrorStatuses: sortedUnique(op.errors.map((v) => v.status)),
      documentedErrorVariants: op.errors.map((v) => variantKey(v.status, v.example)),
      sandboxSuccess: sortedUnique(sandbox.filter((e) => e.status < 300).map((e) => e.status)),
      sandboxErrors: sortedUnique(sandbox.filter((e) => e.status >= 400).map((e) => e.status)),
    };
  });
}

/** Operations lacking Prism success or any documented error status or example on Prism. */
export function coverageGaps(rows: readonly CoverageRow[]): string[] {
  return rows.flatMap((row) => [
    ...(row.prismSuccess.length === 0 ? [`${row.operationId}: no success from Prism`] : []),
    ...row.documentedErrorVariants
      .filter((v) => !row.prismErrorVariants.includes(v))
      .map((v) => `${row.operationId}: documented error ${v} never served by Prism`),
  ]);
}

/** The coverage table as text. */
export function formatCoverage(rows: readonly CoverageRow[]): string {
  const header = [
    'operationId',
    'Prism success',
    'Prism errors (statuses, examples)',
    'sandbox success',
    'sandbox errors (documented seen)',
  ];
  const list = (values: number[]) => (values.length === 0 ? '-' : values.join(' '));
  const body = rows.map((row) => {
    const errorStatuses = row.documentedErrorStatuses.filter((s) => row.prismErrorStatuses.includes(s)).length;
    const errorVariants = row.documentedErrorVariants.filter((v) => row.prismErrorVariants.includes(v)).length;
    return [
      row.operationId,
      list(row.prismSuccess),
      `${errorStatuses}/${row.documentedErrorStatuses.length}, ${errorVariants}/${row.documentedErrorVariants.length} ex`,
      list(row.sandboxSuccess),
      row.sandboxErrors.length === 0
        ? '-'
        : `${list(row.sandboxErrors)} (${row.sandboxErrors.filter((s) => row.documentedErrorStatuses.includes(s)).length}/${row.documentedErrorStatuses.length})`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
