/**
 * The payment certificate: a fresh RSA 2048 key pair and a self-signed X.509
 * certificate made when the sandbox starts. Clients encrypt card fields with its
 * public key; the private key never leaves the process.
 */
import { X509Certificate, createHash, generateKeyPair, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import {
  bitString,
  explicit,
  nullValue,
  objectIdentifier,
  printableString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der.js';

/** The certificate the sandbox serves and the private key that opens what clients encrypt with it. */
export interface PaymentCertificate {
  /** Identifier clients send back as `payment.card.encryption_key`. */
  id: string;
  /** PEM text with `\r\n` line ends, as `GET /certificate` returns it. */
  pem: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
  /** End of validity (the API promises 24 hours). */
  notAfter: Date;
}

const DAY_MS = 86_400_000;
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

/** Makes a new key pair and a certificate valid from an hour before `now` for 24 hours. */
export async function createPaymentCertificate(now: Date): Promise<PaymentCertificate> {
  const { publicKey, privateKey } = await new Promise<{ publicKey: KeyObject; privateKey: KeyObject }>((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 0x10001 }, (error, pub, priv) =>
      error ? reject(error) : resolve({ publicKey: pub, privateKey: priv }),
    );
  });
  // Backdated an hour so clients whose clocks run slightly behind still accept it.
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 3_600_000);
  const notAfter = new Date(notBefore.getTime() + 3_600_000 + DAY_MS);
  const der = selfSignedCertificate(publicKey, privateKey, notBefore, notAfter);
  const pem = toPem('CERTIFICATE', der, '\r\n');
  // Parse once: a malformed encoding must fail at start, not at the first payment.
  new X509Certificate(der);
  const fingerprint = createHash('sha256').update(der).digest('hex').slice(0, 8);
  return { id: `paysys-sandbox.0.local.${fingerprint}`, pem, publicKey, privateKey, notAfter };
}

/** Encodes and signs a version 3 certificate whose subject and issuer are the same sandbox name. */
export function selfSignedCertificate(publicKey: KeyObject, privateKey: KeyObject, notBefore: Date, notAfter: Date): Buffer {
  const algorithm = sequence(objectIdentifier(SHA256_WITH_RSA), nullValue());
  const name = sequence(
    set(sequence(objectIdentifier('2.5.4.6'), printableString('US'))), // countryName
    set(sequence(objectIdentifier('2.5.4.10'), utf8String('Ticketmaster Partner API Sandbox'))), // organizationName
    set(sequence(objectIdentifier('2.5.4.3'), utf8String('Partner API sandbox payment certificate'))), // commonName
  );
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f; // RFC 5280: serial numbers are positive
  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(serial),
    algorithm,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  return sequence(tbs, algorithm, bitString(signature));
}

/** Wraps DER bytes as PEM with 64-character lines and the given line end. */
export function toPem(label: string, der: Uint8Array, lineEnd = '\n'): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`, ''].join(lineEnd);
}
