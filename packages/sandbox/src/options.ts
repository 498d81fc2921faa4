/**
 * Options of `startSandbox`, their defaults, and the checks that turn them into the
 * settings the sandbox runs with. Defaults are chosen so a client can run the spec's
 * purchase walkthrough against the sandbox without any configuration.
 */
import { createRequire } from 'node:module';
import type { MaintenanceHours } from './maintenance.js';
import { DEFAULT_MAINTENANCE_HOURS } from './maintenance.js';
import { SANDBOX_CARD } from './payments.js';
import type { TestCard } from './payments.js';
import type { SandboxResponse } from './responses.js';

/** Where the sandbox writes what it has to say. Card data and secrets never reach it. */
export interface SandboxLogger {
  /** One line per request (method, path without query string, status). */
  info(message: string): void;
  /** Warnings about how the sandbox is used (none are raised at present). */
  warn(message: string): void;
  /** Contract violations and sandbox bugs. */
  error(message: string): void;
}

/** Options of {@link startSandbox}; every one has a default. */
export interface SandboxOptions {
  /** Port on 127.0.0.1; default 0 (a free port chosen by the system). */
  port?: number;
  /** Accepted API keys, each with its client secret; default `{ "sandbox-key": "sandbox-secret" }`. */
  clients?: Readonly<Record<string, string>>;
  /** Refuse calls without `Authorization: Bearer` (except the token call); default false. */
  requireAccessToken?: boolean;
  /** Lifetime of access tokens in seconds; default 3599. */
  tokenLifetimeSeconds?: number;
  /** Captcha token that `POST /cart` always accepts; default `"sandbox-captcha-token"`. */
  captchaToken?: string;
  /** reCAPTCHA site key shown on the captcha page and in `X-TM-CAPTCHA-V2-SITEKEY`; default `"sandbox-recaptcha-site-key"`. */
  captchaSiteKey?: string;
  /** Seconds a reserve holds its tickets; default 299. */
  holdSeconds?: number;
  /**
   * Multiplies the capacity of every general-admission ticket type (and what the sold-out
   * event sold before opening, so it stays sold out), for load tests; default 1.
   */
  capacityScale?: number;
  /** Share (0–1) of reserve, purchase and delete calls that answer 202 without being forced; default 0. */
  pollingRate?: number;
  /** `wait` of polling answers, in whole seconds; default 4. */
  pollingWaitSeconds?: number;
  /** How many polls answer 202 before the final answer; default 1. */
  pendingPolls?: number;
  /** Random source for `pollingRate`, returning [0, 1); default `Math.random`. */
  random?: () => number;
  /** Start the clock frozen at this instant (tests move it); default: a running clock at real time. */
  startTime?: Date | number;
  /** Local hours of the nightly maintenance window, or false for none; default 02:00–03:00. */
  maintenance?: MaintenanceHours | false;
  /** Answer 500 when a response breaks the contract (else only log it); default true. */
  strict?: boolean;
  /** Where messages go; default: warnings and errors to the console, no request lines. */
  logger?: Partial<SandboxLogger>;
  /** The card that payments accept; default number 4588883206000011, security code 123. */
  testCard?: TestCard;
  /** OpenAPI document to validate against; default the `openapi.json` of `@tm-partner/generated`. */
  openapiFile?: string | URL;
  /**
   * Base URL written into `polling_url`, for a proxy in front of the sandbox (e.g. Prism:
   * `http://127.0.0.1:4010`), so clients poll through the proxy on their own origin.
   * Default: the origin the client called when its Host header is a loopback name with an
   * optional port (`localhost:PORT`, `127.0.0.1:PORT`), else the sandbox's own `baseUrl`.
   * Can also be set later with `setPublicBaseUrl`.
   */
  publicBaseUrl?: string | URL;
  /**
   * Test hook for the sandbox's own tests: sees every answer of an API operation before
   * the contract check and may replace it (to prove that a broken answer is caught).
   */
  transformResponse?: (operationId: string, response: SandboxResponse) => SandboxResponse;
}

/** The options with every default filled in. */
export interface ResolvedOptions {
  port: number;
  clients: Readonly<Record<string, string>>;
  requireAccessToken: boolean;
  tokenLifetimeSeconds: number;
  captchaToken: string;
  captchaSiteKey: string;
  holdSeconds: number;
  capacityScale: number;
  pollingRate: number;
  pollingWaitSeconds: number;
  pendingPolls: number;
  random: () => number;
  startTime: Date | number | undefined;
  maintenance: MaintenanceHours | false;
  strict: boolean;
  logger: SandboxLogger;
  testCard: TestCard;
  openapiFile: string | URL;
  /** Normalised (no trailing slash), or undefined for the sandbox's own base URL. */
  publicBaseUrl: string | undefined;
  transformResponse: ((operationId: string, response: SandboxResponse) => SandboxResponse) | undefined;
}

/** Default API key. */
export const DEFAULT_API_KEY = 'sandbox-key';
/** Default client secret of {@link DEFAULT_API_KEY}. */
export const DEFAULT_CLIENT_SECRET = 'sandbox-secret';
/** Default captcha token that always solves the captcha. */
export const DEFAULT_CAPTCHA_TOKEN = 'sandbox-captcha-token';

/** The document `@tm-partner/generated` ships: the one the sandbox was built and tested against. */
const DEFAULT_OPENAPI_FILE = createRequire(import.meta.url).resolve('@tm-partner/generated/openapi.json');

/** Fills in defaults and rejects options that make no sense. */
export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: options.port ?? 0,
    clients: options.clients ?? { [DEFAULT_API_KEY]: DEFAULT_CLIENT_SECRET },
    requireAccessToken: options.requireAccessToken ?? false,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    captchaToken: options.captchaToken ?? DEFAULT_CAPTCHA_TOKEN,
    captchaSiteKey: options.captchaSiteKey ?? 'sandbox-recaptcha-site-key',
    holdSeconds: options.holdSeconds ?? 299,
    capacityScale: options.capacityScale ?? 1,
    pollingRate: options.pollingRate ?? 0,
    pollingWaitSeconds: options.pollingWaitSeconds ?? 4,
    pendingPolls: options.pendingPolls ?? 1,
    random: options.random ?? Math.random,
    startTime: options.startTime,
    maintenance: options.maintenance ?? { ...DEFAULT_MAINTENANCE_HOURS },
    strict: options.strict ?? true,
    logger: {
      info: options.logger?.info ?? (() => {}),
      warn: options.logger?.warn ?? ((message) => console.warn(`[sandbox] ${message}`)),
      error: options.logger?.error ?? ((message) => console.error(`[sandbox] ${message}`)),
    },
    testCard: options.testCard ?? { ...SANDBOX_CARD },
    openapiFile: options.openapiFile ?? DEFAULT_OPENAPI_FILE,
    publicBaseUrl: options.publicBaseUrl === undefined ? undefined : checkPublicBaseUrl(options.publicBaseUrl),
    transformResponse: options.transformResponse,
  };
  const wholeAtLeast = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min) throw new RangeError(`sandbox option ${name} must be a whole number of at least ${min}`);
  };
  wholeAtLeast('port', resolved.port, 0);
  if (resolved.port > 65535) throw new RangeError('sandbox option port must be at most 65535');
  wholeAtLeast('tokenLifetimeSeconds', resolved.tokenLifetimeSeconds, 1);
  wholeAtLeast('holdSeconds', resolved.holdSeconds, 1);
  wholeAtLeast('capacityScale', resolved.capacityScale, 1);
  wholeAtLeast('pollingWaitSeconds', resolved.pollingWaitSeconds, 0);
  wholeAtLeast('pendingPolls', resolved.pendingPolls, 0);
  if (!(resolved.pollingRate >= 0 && resolved.pollingRate <= 1)) throw new RangeError('sandbox option pollingRate must be between 0 and 1');
  if (Object.keys(resolved.clients).length === 0) throw new RangeError('sandbox option clients must name at least one API key');
  if (resolved.captchaToken.trim() === '') throw new RangeError('sandbox option captchaToken must not be empty');
  if (resolved.maintenance) {
    const { startHour, endHour } = resolved.maintenance;
    if (![startHour, endHour].every((h) => Number.isInteger(h) && h >= 0 && h <= 24) || startHour % 24 === endHour % 24) {
      throw new RangeError('sandbox option maintenance needs whole startHour and endHour from 0 to 24 that differ');
    }
  }
  return resolved;
}

/**
 * Checks a public base URL (absolute http or https, no query, fragment or credentials:
 * the sandbox appends `/polling/<job>?apikey=…&cart_id=…` to it) and drops trailing slashes.
 */
export function checkPublicBaseUrl(value: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new RangeError('sandbox option publicBaseUrl must be an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RangeError('sandbox option publicBaseUrl must be an http or https URL');
  if (url.search || url.hash || url.username || url.password) {
    throw new RangeError('sandbox option publicBaseUrl must not carry a query, fragment or credentials');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
