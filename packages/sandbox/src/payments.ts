/**
 * Card checks of `PUT /cart/payment`: the encrypted fields are opened with the
 * certificate's private key, the 16-character salt is checked and removed, and the
 * card is judged against the single sandbox test card. Card values are never logged,
 * stored or echoed: failures carry fixed reasons only.
 *
 * The distinct answers for bad padding and bad values would be a padding oracle on a
 * real service; here the key pair is made per process and never leaves loopback.
 */
import { constants, privateDecrypt } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { components } from '@tm-partner/generated';
import { ErrorCode } from './responses.js';
import type { SandboxErrorCode } from './responses.js';

type Schemas = components['schemas'];

/** The card that the sandbox accepts, and its security code. */
export interface TestCard {
  number: string;
  cvv: string;
}

/** Billing details of the sandbox's test buyer: every field a payment requires, for demos, benches and tests. */
export const SANDBOX_BILLING = Object.freeze<Omit<Schemas['Payment'], 'type' | 'card' | 'amount' | 'reference'>>({
  first_name: 'Ada',
  last_name: 'Lovelace',
  home_phone: '212-867-5309',
  email_address: 'ada.lovelace@example.com',
  address: {
    line1: '1 Loopback Way',
    line2: '',
    city: 'Los Angeles',
    country: { id: 840 },
    region: { abbrev: 'CA' },
    postal_code: '90210',
  },
});

/** The spec's sandbox card: number 4588883206000011, security code 123. */
export const SANDBOX_CARD: Readonly<TestCard> = Object.freeze({ number: '4588883206000011', cvv: '123' });

const SALT_LENGTH = 16;
// PKCS#1 v1.5 type 2 block: 00 02, at least 8 non-zero padding bytes, 00, message.
const MIN_PADDING = 8;

/** Outcome of the card checks: accepted, or refused with an API error code. */
export type CardVerdict = { ok: true } | { ok: false; code: SandboxErrorCode; reason: string };

/** Opens one encrypted card field; returns the clear value, or undefined when anything is off. */
export function decryptCardField(ciphertext: string, privateKey: KeyObject): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(ciphertext)) return undefined;
  const raw = Buffer.from(ciphertext, 'base64');
  let block: Buffer;
  try {
    // Node 20 refuses PKCS#1 v1.5 private decryption (CVE-2023-46809), so the raw RSA
    // block is taken without padding and the framing is checked below.
    block = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, raw);
  } catch {
    return undefined; // wrong length, or a number not below the modulus
  }
  try {
    if (block[0] !== 0x00 || block[1] !== 0x02) return undefined;
    const separator = block.indexOf(0x00, 2);
    if (separator < 2 + MIN_PADDING) return undefined;
    const message = block.subarray(separator + 1);
    if (message.length <= SALT_LENGTH) return undefined;
    // Salt and value are ASCII; anything else cannot be a salted card field.
    for (const byte of message) if (byte < 0x20 || byte > 0x7e) return undefined;
    return message.subarray(SALT_LENGTH).toString('ascii');
  } finally {
    block.fill(0);
  }
}

/** Checks an encrypted card against the certificate id, the salt rules and the test card. */
export function checkCard(
  card: Schemas['EncryptedCard'],
  certificateId: string,
  privateKey: KeyObject,
  testCard: TestCard = SANDBOX_CARD,
): CardVerdict {
  if (card.encryption_key !== certificateId) {
    return refuse(ErrorCode.InvalidInput, 'payment.card.encryption_key is not the id of the current certificate');
  }
  if (!Number.isInteger(card.expire_month) || card.expire_month < 1 || card.expire_month > 12) {
    return refuse(ErrorCode.InvalidInput, 'payment.card.expire_month must be 1 to 12');
  }
  if (!Number.isInteger(card.expire_year) || card.expire_year < 1000 || card.expire_year > 9999) {
    return refuse(ErrorCode.InvalidInput, 'payment.card.expire_year must have four digits');
  }
  const number = decryptCardField(card.number, privateKey);
  if (number === undefined) {
    return refuse(
      ErrorCode.InvalidInput,
      'payment.card.number could not be decrypted (RSA PKCS#1 v1.5, base64, 16 printable salt characters)',
    );
  }
  const cvv = decryptCardField(card.cin, privateKey);
  if (cvv === undefined) {
    return refuse(
      ErrorCode.InvalidInput,
      'payment.card.cin could not be decrypted (RSA PKCS#1 v1.5, base64, 16 printable salt characters)',
    );
  }
  if (!/^\d{12,19}$/.test(number) || !passesLuhn(number)) {
    return refuse(ErrorCode.InvalidInput, 'payment.card.number is not a card number (12 to 19 digits passing the Luhn check)');
  }
  if (!/^\d{3,4}$/.test(cvv)) {
    return refuse(ErrorCode.InvalidInput, 'payment.card.cin is not 3 or 4 digits');
  }
  if (number !== testCard.number) return refuse(ErrorCode.PaymentNotAccepted, 'only the sandbox test card is accepted');
  if (cvv !== testCard.cvv) return refuse(ErrorCode.BadSecurityCode, 'wrong security code for the sandbox test card');
  return { ok: true };
}

/** True when a digit string passes the Luhn checksum. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (digit < 0 || digit > 9) return false;
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function refuse(code: SandboxErrorCode, reason: string): CardVerdict {
  return { ok: false, code, reason };
}
