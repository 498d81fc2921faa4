/**
 * `@tm-partner/sandbox`: a stateful local stand-in for the Partner-App API, served on
 * loopback under `/partners/v1` and checked against generated/openapi.json.
 */
import type { ClockControls } from './clock.js';
import type { InventoryCount } from './inventory.js';
import { checkPublicBaseUrl, resolveOptions } from './options.js';
import type { SandboxOptions } from './options.js';
import type { OrderRecord } from './orders.js';
import { listen } from './server.js';
import { createState } from './state.js';
import type { ContractViolation } from './state.js';

export { SANDBOX_EVENTS, SANDBOX_TICKET_TYPES } from './catalog.js';
export type { ClockControls } from './clock.js';
export { ContractValidator } from './contract-validator.js';
export type { OpenApiDocument, RequestParts, ResponseCheck, ResponseParts } from './contract-validator.js';
export type { InventoryCount } from './inventory.js';
export type { MaintenanceHours } from './maintenance.js';
export { DEFAULT_API_KEY, DEFAULT_CAPTCHA_TOKEN, DEFAULT_CLIENT_SECRET } from './options.js';
export type { SandboxLogger, SandboxOptions } from './options.js';
export type { OrderRecord } from './orders.js';
export { SANDBOX_BILLING, SANDBOX_CARD } from './payments.js';
export type { TestCard } from './payments.js';
export { ErrorCode } from './responses.js';
export type { SandboxResponse } from './responses.js';
export type { ContractViolation } from './state.js';

/** A running sandbox. */
export interface Sandbox {
  /** Base URL of the API, e.g. `http://127.0.0.1:PORT/partners/v1`. */
  readonly baseUrl: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly port: number;
  /**
   * Base of the polling URLs the sandbox hands out: `publicBaseUrl` when one is set
   * (a proxy in front of the sandbox), else `baseUrl`. Without one, a call made on another
   * loopback name (`http://localhost:PORT`) gets polling URLs on the origin it called.
   */
  readonly publicBaseUrl: string;
  /**
   * Sets the base of polling URLs, e.g. once a proxy started with `baseUrl` as its upstream
   * listens (`undefined` goes back to `baseUrl`). Jobs created earlier answer with the new base too.
   */
  setPublicBaseUrl(url: string | URL | undefined): void;
  /** The sandbox clock: read it, move it, set it. */
  readonly clock: ClockControls;
  /** The payment certificate served by `GET /certificate` (public part only). */
  readonly certificate: { readonly id: string; readonly pem: string };
  /** Per ticket type of an event: capacity, sold, held, free. Throws for an unknown event. */
  inventory(eventId: string): Record<string, InventoryCount>;
  /** Number of access tokens issued so far. */
  tokensIssued(): number;
  /** Copies of the orders placed so far. */
  orders(): OrderRecord[];
  /** Number of carts alive (open, holding, paid or purchased). */
  cartCount(): number;
  /** Responses that broke the contract so far (sandbox bugs). */
  contractViolations(): ContractViolation[];
  /** Stops the server and drops every connection and all state; safe to call twice. */
  close(): Promise<void>;
}

/** Starts a sandbox on 127.0.0.1 (a free port unless `port` is given). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = await createState(resolveOptions(options));
  const running = await listen(state);
  const clock = state.clock;
  return {
    baseUrl: state.baseUrl,
    origin: state.origin,
    port: running.port,
    get publicBaseUrl() {
      return state.publicBaseUrl ?? state.baseUrl;
    },
    setPublicBaseUrl(url) {
      state.publicBaseUrl = url === undefined ? undefined : checkPublicBaseUrl(url);
    },
    clock: {
      now: () => clock.now(),
      date: () => clock.date(),
      advance: (ms) => clock.advance(ms),
      set: (at) => clock.set(at),
    },
    certificate: { id: state.certificate.id, pem: state.certificate.pem },
    inventory(eventId) {
      // Expired holds are released first, so the numbers match what a request would see.
      state.carts.sweep(clock.now());
      const counts = state.carts.inventory(eventId);
      if (!counts) throw new Error(`sandbox: unknown event ${eventId}`);
      return counts;
    },
    tokensIssued: () => state.tokens.issued(),
    orders: () => state.orders.list(),
    cartCount() {
      state.carts.sweep(clock.now());
      return state.carts.size();
    },
    contractViolations: () => state.violations.map((v) => ({ ...v, problems: [...v.problems] })),
    close: () => running.close(),
  };
}
