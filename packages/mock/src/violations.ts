/** The response header in which Prism lists the contract problems of an exchange. */
export const VIOLATIONS_HEADER = 'sl-violations';

/** Prism's severities, as the names of Stoplight's `DiagnosticSeverity`. */
export type ViolationSeverity = 'Error' | 'Warning' | 'Information' | 'Hint';

/** One contract problem reported by Prism. */
export interface Violation {
  /** Where: starts with `request` or `response`, then e.g. `body`, `event`, `tickets`. */
  location: string[];
  severity: ViolationSeverity;
  /** A JSON Schema keyword (`required`, `type`…), an HTTP status (401 for security), or absent. */
  code?: string | number;
  message: string;
}

/** The problem document Prism sends when it answers by itself (invalid request, no route, `--errors`…). */
export interface PrismProblem {
  /** `https://stoplight.io/prism/errors#<NAME>`, e.g. `#UNPROCESSABLE_ENTITY`, `#NO_PATH_MATCHED_ERROR`, `#VIOLATIONS`. */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The violations behind the answer; for a 422 they are only here, not in the header. */
  validation: Violation[];
}

/** Thrown by {@link assertNoViolations}. */
export class ContractViolationError extends Error {
  override readonly name = 'ContractViolationError';
  constructor(
    message: string,
    readonly violations: readonly Violation[],
    readonly status: number,
  ) {
    super(message);
  }
}

const PRISM_ERROR_TYPE = 'https://stoplight.io/prism/errors#';
// Prism cuts an oversized header at about 8 KB and puts this in front of the cut JSON.
const TRUNCATED_PREFIX = 'Too many violations!';
const SEVERITIES: readonly ViolationSeverity[] = ['Error', 'Warning', 'Information', 'Hint'];
const RAW_LIMIT = 500;

/** Parses the `sl-violations` header: [] when absent, one synthetic `Error` entry when unreadable. */
export function readViolations(headers: Headers): Violation[] {
  const raw = headers.get(VIOLATIONS_HEADER);
  if (raw === null || raw.trim() === '') return [];
  const text = raw.trim();
  if (text.startsWith(TRUNCATED_PREFIX)) {
    // The JSON after the prefix is cut mid-way, so it cannot be parsed; a lost violation
    // must still fail the contract, hence one entry that says so.
    return [synthetic('truncated', `Prism reported more violations than fit in the header: ${clip(text)}`)];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [synthetic('unreadable', `The ${VIOLATIONS_HEADER} header is not valid JSON: ${clip(text)}`)];
  }
  if (!Array.isArray(parsed)) {
    return [synthetic('unreadable', `The ${VIOLATIONS_HEADER} header is not a JSON array: ${clip(text)}`)];
  }
  return parsed.map(toViolation);
}

/** Throws a {@link ContractViolationError} listing every reported violation, warnings included. */
export function assertNoViolations(response: Response): void {
  const violations = readViolations(response.headers);
  // When Prism rejects a request without a documented error to answer with (422), or finds
  // no route (404/405), the violations are only in its problem+json body and the header is
  // absent. Our documents never declare that media type, so it marks Prism's own answer.
  const prismAnswered = isProblemJson(response);
  if (violations.length === 0 && !prismAnswered) return;

  const where = `${response.status}${response.url ? ` ${response.url}` : ''}`;
  const ownAnswer =
    `Prism answered ${where} by itself (application/problem+json) instead of passing on a documented` +
    ' response; readPrismProblem(response) gives its reasons';
  if (violations.length === 0) {
    throw new ContractViolationError(`${ownAnswer}.`, violations, response.status);
  }
  const lines = violations.map((v) => `  - ${formatViolation(v)}`);
  if (prismAnswered) lines.push(`  - ${ownAnswer}`);
  const count = violations.length === 1 ? '1 contract violation' : `${violations.length} contract violations`;
  throw new ContractViolationError(`${count} reported by Prism for ${where}:\n${lines.join('\n')}`, violations, response.status);
}

/** Reads Prism's own problem document from a clone of the response; `undefined` if it is not one. */
export async function readPrismProblem(response: Response): Promise<PrismProblem | undefined> {
  if (!isProblemJson(response)) return undefined;
  let body: unknown;
  try {
    body = await response.clone().json();
  } catch {
    return undefined;
  }
  if (!isRecord(body) || typeof body['type'] !== 'string' || !body['type'].startsWith(PRISM_ERROR_TYPE)) {
    return undefined;
  }
  const validation = body['validation'];
  return {
    type: body['type'],
    title: typeof body['title'] === 'string' ? body['title'] : '',
    status: typeof body['status'] === 'number' ? body['status'] : response.status,
    detail: typeof body['detail'] === 'string' ? body['detail'] : '',
    validation: Array.isArray(validation) ? validation.map(toViolation) : [],
  };
}

/** One line per violation: `[Warning] response.body.event: message (required)`. */
export function formatViolation(violation: Violation): string {
  const location = violation.location.length > 0 ? `${violation.location.join('.')}: ` : '';
  const code = violation.code === undefined ? '' : ` (${violation.code})`;
  return `[${violation.severity}] ${location}${violation.message}${code}`;
}

function isProblemJson(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === 'application/problem+json';
}

function toViolation(entry: unknown): Violation {
  if (!isRecord(entry)) {
    return synthetic('unreadable', `Unreadable ${VIOLATIONS_HEADER} entry: ${clip(JSON.stringify(entry) ?? '')}`);
  }
  const { location, severity, code, message } = entry;
  const violation: Violation = {
    location: Array.isArray(location) ? location.map(String) : [],
    // An unknown severity is kept strict: the contract suite must fail on it, not ignore it.
    severity: SEVERITIES.find((s) => s === severity) ?? 'Error',
    message: typeof message === 'string' ? message : clip(JSON.stringify(entry)),
  };
  if (typeof code === 'string' || typeof code === 'number') violation.code = code;
  return violation;
}

function synthetic(code: string, message: string): Violation {
  return { location: [], severity: 'Error', code, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string): string {
  return text.length > RAW_LIMIT ? `${text.slice(0, RAW_LIMIT)}…` : text;
}
