import { X509Certificate, constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptCardField, readEncryptionKey } from '../../packages/client/src/encrypt-card.js';
import { PartnerValidationError } from '../../packages/client/src/errors.js';
import { handBuiltCertificate, hasOpenssl, likeTheApiExample, makeKeys, opensslCertificate, toPem } from './certificates.js';

const CARD = '4588883206000011';
const keys = makeKeys(2048);
const KEY_BYTES = 256;

const sources: Array<[string, string]> = [];
const fromOpenssl = opensslCertificate(keys);
if (fromOpenssl) sources.push(['openssl', fromOpenssl]);
sources.push(['hand-built DER', handBuiltCertificate(keys)]);

/** Decrypts without padding (Node 20 refuses PKCS#1 v1.5 private decryption) and unwraps the block by hand. */
function openBlock(ciphertext: string, privateKey: KeyObject = keys.privateKey): Buffer {
  const raw = Buffer.from(ciphertext, 'base64');
  const block = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, raw);
  expect(block[0]).toBe(0x00);
  expect(block[1]).toBe(0x02);
  const separator = block.indexOf(0x00, 2);
  // At least 8 non-zero padding bytes between `00 02` and the `00` separator.
  expect(separator).toBeGreaterThanOrEqual(2 + 8);
  expect(block.subarray(2, separator).includes(0x00)).toBe(false);
  return block.subarray(separator + 1);
}

function expectSaltedValue(plaintext: Buffer, value: string): void {
  const text = plaintext.toString('utf8');
  expect(text).toHaveLength(16 + value.length);
  expect(text.slice(0, 16)).toMatch(/^[A-Za-z0-9]{16}$/);
  expect(text.slice(16)).toBe(value);
}

describe('test certificates', () => {
  it.skipIf(!hasOpenssl())('openssl is installed, so its certificate is among the sources', () => {
    expect(fromOpenssl).toContain('BEGIN CERTIFICATE');
  });

  it.skipIf(hasOpenssl())('no openssl binary on PATH: only the hand-built DER certificate is exercised', () => {
    expect(sources.map(([name]) => name)).toEqual(['hand-built DER']);
  });

  it.each(sources)('%s certificate carries the generated public key and verifies', (_name, pem) => {
    const cert = new X509Certificate(pem);
    expect(cert.publicKey.equals(keys.publicKey)).toBe(true);
    expect(cert.verify(keys.publicKey)).toBe(true);
  });
});

describe.each(sources)('encryptCardField with a %s certificate', (_name, pem) => {
  it('encrypts 16 alphanumeric salt characters followed by exactly the value', () => {
    const ciphertext = encryptCardField(pem, CARD);
    expectSaltedValue(openBlock(ciphertext), CARD);
  });

  it('produces canonical base64 of exactly the key size', () => {
    const ciphertext = encryptCardField(pem, '123');
    expect(ciphertext).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const raw = Buffer.from(ciphertext, 'base64');
    expect(raw).toHaveLength(KEY_BYTES);
    expect(raw.toString('base64')).toBe(ciphertext);
  });

  it('draws salt characters from the whole 62-character alphabet', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      for (const char of openBlock(encryptCardField(pem, '1')).toString('utf8').slice(0, 16)) {
        counts.set(char, (counts.get(char) ?? 0) + 1);
      }
    }
    // 3200 draws, about 52 per character: all 62 appear and none is wildly over- or under-drawn.
    expect([...counts.keys()].sort().join('')).toBe('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
    for (const count of counts.values()) expect(count).toBeGreaterThan(15);
    for (const count of counts.values()) expect(count).toBeLessThan(150);
  });

  it('gives different ciphertexts and salts for the same value', () => {
    const first = encryptCardField(pem, CARD);
    const second = encryptCardField(pem, CARD);
    expect(first).not.toBe(second);
    const salts = new Set([first, second].map((c) => openBlock(c).toString('utf8').slice(0, 16)));
    expect(salts.size).toBe(2);
  });

  it('reads the certificate written like the API example (literal \\r\\n, breaks, indentation)', () => {
    const messy = likeTheApiExample(pem);
    expect(messy).toContain('\\r\\n\n                  ');
    expectSaltedValue(openBlock(encryptCardField(messy, CARD)), CARD);
  });

  it('reads the certificate as JSON-decoded (real CRLFs), on one line, or without BEGIN/END lines', () => {
    const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    const variants = [pem.replace(/\n/g, '\r\n'), `-----BEGIN CERTIFICATE-----${body}-----END CERTIFICATE-----`, body, `   ${pem}\n\n`];
    for (const variant of variants) expectSaltedValue(openBlock(encryptCardField(variant, '987')), '987');
  });
});

describe('encryptCardField with bare public keys', () => {
  it('accepts an SPKI "PUBLIC KEY" PEM and a PKCS#1 "RSA PUBLIC KEY" PEM', () => {
    const spki = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const pkcs1 = keys.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(pkcs1).toContain('BEGIN RSA PUBLIC KEY');
    for (const pem of [spki, likeTheApiExample(pkcs1)]) expectSaltedValue(openBlock(encryptCardField(pem, CARD)), CARD);
  });

  it('accepts a KeyObject read once with readEncryptionKey', () => {
    const key = readEncryptionKey(likeTheApiExample(handBuiltCertificate(keys)));
    expect(key.equals(keys.publicKey)).toBe(true);
    expectSaltedValue(openBlock(encryptCardField(key, '1234')), '1234');
  });

  it('works with a smaller key, where capacity is key size minus 11 minus the salt', () => {
    const small = makeKeys(1024);
    const pem = toPem('PUBLIC KEY', small.publicKey.export({ type: 'spki', format: 'der' }));
    const fits = '7'.repeat(128 - 11 - 16);
    expectSaltedValue(openBlock(encryptCardField(pem, fits), small.privateKey), fits);
    expect(() => encryptCardField(pem, `${fits}7`)).toThrow(PartnerValidationError);
  });
});

describe('encryptCardField rejections', () => {
  const pem = handBuiltCertificate(keys);

  function caught(run: () => unknown): PartnerValidationError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(PartnerValidationError);
      return error as PartnerValidationError;
    }
    throw new Error('expected a PartnerValidationError');
  }

  it('rejects a value one byte over the PKCS#1 v1.5 capacity and accepts one that fits exactly', () => {
    const capacity = KEY_BYTES - 11 - 16;
    expectSaltedValue(openBlock(encryptCardField(pem, '5'.repeat(capacity))), '5'.repeat(capacity));
    const error = caught(() => encryptCardField(pem, '5'.repeat(capacity + 1), 'payment.card.number'));
    expect(error.field).toBe('payment.card.number');
    expect(error.message).toContain('payment.card.number');
  });

  it('never puts the card number in the message or stack of any error it throws', () => {
    const tooLong = CARD.repeat(16);
    const failures = [
      caught(() => encryptCardField(pem, tooLong, 'payment.card.number')),
      caught(() => encryptCardField(`${pem.slice(0, 200)}${CARD}`, CARD, 'payment.card.number')),
      caught(() => encryptCardField('not a certificate', CARD)),
      caught(() => encryptCardField(keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), CARD)),
    ];
    for (const error of failures) {
      expect(error.message).not.toContain(CARD);
      expect(String(error.stack)).not.toContain(CARD);
      expect(JSON.stringify(error)).not.toContain(CARD);
    }
  });

  it('names the certificate when it is truncated, not PEM, a private key or not RSA', () => {
    const lines = pem.trim().split('\n');
    const truncated = [...lines.slice(0, 3), ...lines.slice(-2)].join('\n');
    const ecKey = makeEcPublicKeyPem();
    for (const bad of [truncated, 'hello world', '', keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), ecKey]) {
      expect(caught(() => readEncryptionKey(bad)).field).toBe('certificate');
    }
  });

  it('rejects an empty value, naming the field', () => {
    expect(caught(() => encryptCardField(pem, '', 'payment.card.cin')).field).toBe('payment.card.cin');
  });
});

function makeEcPublicKeyPem(): string {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}
