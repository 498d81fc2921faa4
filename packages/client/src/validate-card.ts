/**
 * Checks on card and billing input before anything is encrypted or sent. Each failure
 * is a PartnerValidationError naming the field by its path in the payment request
 * (`payment.card.number`, `payment.address.city`…); values never appear in messages.
 * Inputs are checked as untrusted data, since they often come straight from a form.
 */
import type { components } from '@tm-partner/generated';
import { PartnerValidationError } from './errors.js';

/** A card as the SDK's caller supplies it, before encryption. */
export interface CardInput {
  /** Card number; spaces and dashes are allowed and removed. */
  number: string;
  /** Security code, sent as `cin`. */
  cvv: string;
  /** 1–12. */
  expireMonth: number | string;
  /** Four digits. */
  expireYear: number | string;
  postalCode: string;
}

/** A card that passed validation, normalised (digits only, numbers as numbers). */
export interface ValidCard {
  number: string;
  cvv: string;
  expireMonth: number;
  expireYear: number;
  postalCode: string;
}

/** The payment fields apart from the card, in the API's own shape (`PUT /cart/payment`). */
export type PaymentDetails = Omit<components['schemas']['Payment'], 'card'>;

/** True when a digit string passes the Luhn checksum used by card numbers. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Validates a card and returns it normalised; `now` is injectable for tests. */
export function validateCard(card: CardInput, options: { now?: Date } = {}): ValidCard {
  const input = record(card, 'payment.card');
  const number = cardNumber(input.number);
  const cvv = input.cvv;
  if (typeof cvv !== 'string' || !/^\d{3,4}$/.test(cvv.trim())) {
    throw new PartnerValidationError('payment.card.cin', 'must be 3 or 4 digits');
  }
  const expireMonth = integer(input.expireMonth, /^\d{1,2}$/);
  if (expireMonth === undefined || expireMonth < 1 || expireMonth > 12) {
    throw new PartnerValidationError('payment.card.expire_month', 'must be a month from 1 to 12');
  }
  const expireYear = integer(input.expireYear, /^\d{4}$/);
  if (expireYear === undefined || expireYear < 1000 || expireYear > 9999) {
    throw new PartnerValidationError('payment.card.expire_year', 'must be a four-digit year');
  }
  if (isExpired(expireYear, expireMonth, options.now ?? new Date())) {
    throw new PartnerValidationError('payment.card.expire_year', 'together with expire_month, is in the past: the card has expired');
  }
  const postalCode = requiredText(input.postalCode, 'payment.card.postal_code');
  return { number, cvv: cvv.trim(), expireMonth, expireYear, postalCode };
}

/** Validates the billing fields the API requires for a CC or INVOICE payment. */
export function validateBilling(billing: PaymentDetails): void {
  const input = record(billing, 'payment');
  if (input.type !== 'CC' && input.type !== 'INVOICE') {
    throw new PartnerValidationError('payment.type', 'must be "CC" or "INVOICE"');
  }
  requiredText(input.first_name, 'payment.first_name');
  requiredText(input.last_name, 'payment.last_name');
  requiredText(input.home_phone, 'payment.home_phone');
  const email = requiredText(input.email_address, 'payment.email_address');
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new PartnerValidationError('payment.email_address', 'must look like an email address');
  }

  const address = record(input.address, 'payment.address');
  requiredText(address.line1, 'payment.address.line1');
  if (typeof address.line2 !== 'string') {
    throw new PartnerValidationError('payment.address.line2', 'is required (an empty string is allowed)');
  }
  if (address.unit !== undefined && typeof address.unit !== 'string') {
    throw new PartnerValidationError('payment.address.unit', 'must be a string when given');
  }
  requiredText(address.city, 'payment.address.city');
  checkCountry(address.country);
  requiredText(record(address.region, 'payment.address.region').abbrev, 'payment.address.region.abbrev');
  requiredText(address.postal_code, 'payment.address.postal_code');

  if (input.type === 'CC') checkAmount(input.amount);
  else requiredText(input.reference, 'payment.reference');
}

// The ids of the published country table (generated `CountryId` enum): 124 is Canada, 36 Australia.
const COUNTRY_IDS: ReadonlySet<number> = new Set<components['schemas']['CountryId']>([840, 124, 36, 484, 554]);

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PartnerValidationError(field, 'is required');
  }
  return value as Record<string, unknown>;
}

function requiredText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new PartnerValidationError(field, 'is required');
  }
  return value.trim();
}

function cardNumber(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new PartnerValidationError('payment.card.number', 'is required');
  }
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) {
    throw new PartnerValidationError('payment.card.number', 'may contain only digits, spaces and dashes');
  }
  if (digits.length < 12 || digits.length > 19) {
    throw new PartnerValidationError('payment.card.number', 'must have 12 to 19 digits');
  }
  if (!passesLuhn(digits)) {
    throw new PartnerValidationError('payment.card.number', 'fails the Luhn check (mistyped?)');
  }
  return digits;
}

function integer(value: unknown, digits: RegExp): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && digits.test(value.trim())) return Number(value.trim());
  return undefined;
}

function isExpired(year: number, month: number, now: Date): boolean {
  if (Number.isNaN(now.getTime())) throw new PartnerValidationError('now', 'must be a valid Date');
  // A card is good through the end of its month. Judging "this month" at UTC−12, the last
  // place on Earth to leave a month, never rejects a card its holder can still use.
  const lagging = new Date(now.getTime() - 12 * 3_600_000);
  return year * 12 + (month - 1) < lagging.getUTCFullYear() * 12 + lagging.getUTCMonth();
}

function checkCountry(value: unknown): void {
  const { id } = record(value, 'payment.address.country');
  if (id === undefined) throw new PartnerValidationError('payment.address.country.id', 'is required');
  if (typeof id !== 'number' || !COUNTRY_IDS.has(id)) {
    throw new PartnerValidationError(
      'payment.address.country.id',
      `must be one of the documented country ids (${[...COUNTRY_IDS].join(', ')})`,
    );
  }
}

function checkAmount(value: unknown): void {
  const valid =
    (typeof value === 'string' && /^\d+(?:\.\d{1,2})?$/.test(value.trim())) ||
    (typeof value === 'number' && Number.isFinite(value) && value >= 0);
  if (!valid) {
    throw new PartnerValidationError('payment.amount', 'is required for CC payments, as a decimal amount such as "69.00"');
  }
}
