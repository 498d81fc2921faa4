/**
 * Test helpers for the sandbox suites: plain fetch calls with the apikey, a client IP
 * and JSON bodies, plus the steps of the purchase flow that most tests need.
 */
import { X509Certificate, constants, publicEncrypt, randomInt } from 'node:crypto';
import { expect } from 'vitest';
import type { components } from '../../generated/schema.js';
import type { Sandbox } from '../../packages/sandbox/src/index.js';
import { DEFAULT_API_KEY, DEFAULT_CAPTCHA_TOKEN, SANDBOX_BILLING, SANDBOX_CARD } from '../../packages/sandbox/src/index.js';

export type Schemas = components['schemas'];

export const CLIENT_IP = '198.51.100.23';

/**
 * A start time at which no seeded venue is in its 02:00–03:00 maintenance hour
 * (Los Angeles 11:00, Chicago 13:00, New York 14:00, London 19:00). Suites start the
 * sandbox frozen here so that the real time of day cannot make them fail.
 */
export const SAFE_START = Date.parse('2026-06-15T18:00:00Z');

/** A response with its body read once. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
}

export interface CallOptions {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** JSON body; a string is sent as is (with the given content type). */
  body?: unknown;
  contentType?: string;
  /** Leave out the apikey parameter. */
  noApiKey?: boolean;
  /** Leave out True-Client-IP. */
  noClientIp?: boolean;
  apiKey?: string;
  bearer?: string;
}

/** Calls `${baseUrl}${path}` with the apikey and True-Client-IP unless told otherwise. */
export async function call(sandbox: Sandbox, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(`${sandbox.baseUrl}${path}`);
  if (!options.noApiKey) url.searchParams.set('apikey', options.apiKey ?? DEFAULT_API_KEY);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
  return send(url.href, method, options);
}

/** Calls an absolute URL (a polling URL) verbatim. */
export async function callUrl(url: string, method = 'GET', options: CallOptions = {}): Promise<Answer> {
  return send(url, method, options);
}

async function send(url: string, method: string, options: CallOptions): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (!options.noClientIp) headers['True-Client-IP'] ??= CLIENT_IP;
  if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] = options.contentType ?? 'application/json';
  }
  const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Asserts an API error envelope with the given status and code. */
export function expectError(answer: Answer, status: number, code: number): void {
  expect({ status: answer.status, code: (answer.json as Schemas['Error'] | undefined)?.error?.code }).toEqual({ status, code });
}

/** Asserts a gateway fault with the given error code. */
export function expectFault(answer: Answer, errorcode: string): void {
  expect(answer.status).toBe(401);
  expect((answer.json as Schemas['Fault']).fault.detail.errorcode).toBe(errorcode);
}

/** Opens a cart with the fixed captcha token. */
export async function openCart(sandbox: Sandbox, options: CallOptions = {}): Promise<string> {
  const answer = await call(sandbox, 'POST', '/cart', { ...options, body: { token: DEFAULT_CAPTCHA_TOKEN } });
  expect(answer.status).toBe(200);
  return (answer.json as Schemas['CartSession']).cart_id;
}

/** A reserve body for one ticket type. */
export function reserveBody(
  cartId: string,
  eventId: string,
  tickets: Schemas['TicketSelection'][],
  areas?: number[],
): Schemas['ReserveRequest'] {
  return { cart_id: cartId, event: { id: eventId, tickets, ...(areas ? { areas: areas.map((id) => ({ id })) } : {}) } };
}

/** Encrypts a card field the way the API documents, with a chosen salt. */
export function encryptField(pem: string, value: string, salt = alphanumericSalt()): string {
  const key = new X509Certificate(pem).publicKey;
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(salt + value, 'latin1')).toString('base64');
}

/** 16 random letters and digits. */
export function alphanumericSalt(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let salt = '';
  for (let i = 0; i < 16; i++) salt += alphabet.charAt(randomInt(alphabet.length));
  return salt;
}

/** A credit-card payment body with encrypted fields. */
export function cardPayment(
  cartId: string,
  certificate: Schemas['Certificate'],
  card: { number?: string; cvv?: string; numberCipher?: string; cinCipher?: string; encryptionKey?: string } = {},
  email = 'buyer@example.com',
): Schemas['PaymentRequest'] {
  return {
    cart_id: cartId,
    payment: {
      ...SANDBOX_BILLING,
      type: 'CC',
      email_address: email,
      amount: '69.00',
      card: {
        number: card.numberCipher ?? encryptField(certificate.value, card.number ?? SANDBOX_CARD.number),
        cin: card.cinCipher ?? encryptField(certificate.value, card.cvv ?? SANDBOX_CARD.cvv),
        encryption_key: card.encryptionKey ?? certificate.id,
        expire_month: 12,
        expire_year: 2020,
        postal_code: '90210',
      },
    },
  };
}

/** Gets the certificate of a cart. */
export async function getCertificate(sandbox: Sandbox, cartId: string): Promise<Schemas['Certificate']> {
  const answer = await call(sandbox, 'GET', '/certificate', { query: { cart_id: cartId } });
  expect(answer.status).toBe(200);
  return answer.json as Schemas['Certificate'];
}

/** Opens a cart, reserves and pays: ready for `PUT /cart`. */
export async function paidCart(sandbox: Sandbox, eventId: string, tickets: Schemas['TicketSelection'][], email?: string): Promise<string> {
  const cartId = await openCart(sandbox);
  const reserve = await call(sandbox, 'PUT', '/cart/tickets', { body: reserveBody(cartId, eventId, tickets) });
  expect(reserve.status).toBe(200);
  const certificate = await getCertificate(sandbox, cartId);
  const payment = await call(sandbox, 'PUT', '/cart/payment', { body: cardPayment(cartId, certificate, {}, email) });
  expect(payment.status).toBe(200);
  return cartId;
}

/** A logger that keeps what it is told, for assertions (and a quiet test run). */
export function collectingLogger(): {
  info: string[];
  warn: string[];
  error: string[];
  logger: { info(m: string): void; warn(m: string): void; error(m: string): void };
} {
  const info: string[] = [];
  const warn: string[] = [];
  const error: string[] = [];
  return { info, warn, error, logger: { info: (m) => info.push(m), warn: (m) => warn.push(m), error: (m) => error.push(m) } };
}
