/**
 * Card field encryption as the Partner API expects it: 16 random alphanumeric
 * characters are put in front of the value, the result is encrypted with RSA PKCS#1
 * v1.5 under the public key of the certificate from `GET /certificate`, and the
 * ciphertext is base64-encoded. Used for `payment.card.number` and `payment.card.cin`.
 */
import { X509Certificate, constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { PartnerError, PartnerValidationError } from './errors.js';

// The FAQ lists exactly the 62 ASCII letters and digits as valid salt characters.
const SALT_LENGTH = 16;
// PKCS#1 v1.5 framing takes 11 bytes of the modulus: 00 02, at least 8 padding bytes, 00.
const PKCS1_OVERHEAD = 11;
const ACCEPTED_LABELS = new Set(['CERTIFICATE', 'PUBLIC KEY', 'RSA PUBLIC KEY']);

/** Reads the RSA public key from a certificate `value` as the API returns it (or a public-key PEM). */
export function readEncryptionKey(certificate: string): KeyObject {
  if (typeof certificate !== 'string' || certificate.trim() === '') {
    throw new PartnerValidationError('certificate', 'must be a non-empty PEM string');
  }
  // The API's value may hold literal "\r\n" escapes, real line breaks and indentation;
  // strict PEM parsers want none of that, so the base64 body is rebuilt from scratch.
  const text = certificate.replace(/\\[rnt]/g, '\n');
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1] ?? 'CERTIFICATE';
  if (!ACCEPTED_LABELS.has(label)) {
    throw new PartnerValidationError('certificate', 'must be an X.509 certificate or an RSA public key');
  }
  const body = text.replace(/-----(?:BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    throw new PartnerValidationError('certificate', 'is not valid base64 PEM');
  }
  const lines = body.match(/.{1,64}/g) ?? [];
  const pem = `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
  let key: KeyObject;
  try {
    key = label === 'CERTIFICATE' ? new X509Certificate(pem).publicKey : createPublicKey(pem);
  } catch {
    throw new PartnerValidationError(
      'certificate',
      `could not be parsed as ${label === 'CERTIFICATE' ? 'an X.509 certificate' : 'a public key'}`,
    );
  }
  return checkedKey(key);
}

/**
 * Salts and encrypts one card field; returns the base64 ciphertext for the request body.
 * `field` names the value in errors (e.g. `payment.card.cin`); the value itself never appears.
 */
export function encryptCardField(certificate: string | KeyObject, value: string, field = 'value'): string {
  if (typeof value !== 'string' || value === '') {
    throw new PartnerValidationError(field, 'must be a non-empty string');
  }
  const key = typeof certificate === 'string' ? readEncryptionKey(certificate) : checkedKey(certificate);
  const capacity = modulusBytes(key) - PKCS1_OVERHEAD - SALT_LENGTH;
  if (Buffer.byteLength(value, 'utf8') > capacity) {
    throw new PartnerValidationError(field, `is too long to encrypt with this key (at most ${capacity} bytes after the salt)`);
  }
  const plaintext = Buffer.from(makeSalt() + value, 'utf8');
  try {
    return publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, plaintext).toString('base64');
  } catch (error) {
    // OpenSSL's messages describe the key or padding, never the data, so the cause is safe to keep.
    throw new PartnerError(`Could not encrypt ${field}`, { cause: error });
  } finally {
    // Best effort only: the caller's string copy cannot be wiped, but this buffer can.
    plaintext.fill(0);
  }
}

function checkedKey(key: KeyObject): KeyObject {
  if (key.type !== 'public' || key.asymmetricKeyType !== 'rsa') {
    throw new PartnerValidationError('certificate', 'must hold an RSA public key');
  }
  return key;
}

function modulusBytes(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw new PartnerValidationError('certificate', 'has an RSA key of unknown size');
  return Math.ceil(bits / 8);
}

function makeSalt(): string {
  // Each base64 character of CSPRNG bytes (whole 3-byte groups, so no `=`) is one of 64,
  // all equally likely; dropping `+` and `/` leaves the 62 letters and digits, still
  // equally likely (rejection sampling).
  let salt = '';
  while (salt.length < SALT_LENGTH) salt += randomBytes(24).toString('base64').replace(/[+/]/g, '');
  return salt.slice(0, SALT_LENGTH);
}
