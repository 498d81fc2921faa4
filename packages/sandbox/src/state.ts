/**
 * Everything one running sandbox keeps in memory, built in one place. Nothing is
 * written to disk: closing the sandbox drops it all.
 */
import { CaptchaDesk } from './captcha.js';
import { CartDesk } from './carts.js';
import { Catalog, EVENT_SEEDS, scaleCapacity } from './catalog.js';
import { createPaymentCertificate } from './certificate.js';
import type { PaymentCertificate } from './certificate.js';
import { SandboxClock } from './clock.js';
import { ContractValidator } from './contract-validator.js';
import { TokenDesk } from './oauth.js';
import type { ResolvedOptions } from './options.js';
import { OrderBook } from './orders.js';
import { PollingDesk } from './polling.js';

/** A breach of the contract by the sandbox itself (a sandbox bug). */
export interface ContractViolation {
  operationId: string;
  status: number;
  problems: string[];
}

/** The in-memory state of one sandbox. */
export interface SandboxState {
  options: ResolvedOptions;
  clock: SandboxClock;
  catalog: Catalog;
  orders: OrderBook;
  carts: CartDesk;
  tokens: TokenDesk;
  captcha: CaptchaDesk;
  polling: PollingDesk;
  certificate: PaymentCertificate;
  validator: ContractValidator;
  violations: ContractViolation[];
  /** Origin (`http://127.0.0.1:PORT`) once listening. */
  origin: string;
  /** `${origin}/partners/v1` once listening. */
  baseUrl: string;
  /** Base of polling URLs when a proxy stands in front of the sandbox; else `baseUrl` is used. */
  publicBaseUrl: string | undefined;
}

/** The path prefix every API path is served under, as in production. */
export const BASE_PATH = '/partners/v1';
/** Path (outside the API) that redemption links open. */
export const REDEEM_PATH = '/redeem';

/** Builds a fresh state: clock, catalog, inventories, certificate and validator. */
export async function createState(options: ResolvedOptions): Promise<SandboxState> {
  const clock = new SandboxClock(options.startTime);
  const validator = ContractValidator.fromFile(options.openapiFile);
  const catalog = new Catalog(clock.now(), scaleCapacity(EVENT_SEEDS, options.capacityScale));
  const orders = new OrderBook();
  const state: SandboxState = {
    options,
    clock,
    catalog,
    orders,
    // The redemption base needs the port, so it is read from the state when a purchase happens.
    carts: new CartDesk(catalog, orders, options.holdSeconds, {
      get web() {
        return `${state.origin}${REDEEM_PATH}`;
      },
    }),
    tokens: new TokenDesk(options.clients, options.tokenLifetimeSeconds),
    captcha: new CaptchaDesk(options.captchaToken, options.captchaSiteKey),
    polling: new PollingDesk(options.pendingPolls),
    certificate: await createPaymentCertificate(clock.date()),
    validator,
    violations: [],
    origin: '',
    baseUrl: '',
    publicBaseUrl: options.publicBaseUrl,
  };
  return state;
}
