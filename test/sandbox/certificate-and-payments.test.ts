import { X509Certificate, constants, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPaymentCertificate, selfSignedCertificate, toPem } from '../../packages/sandbox/src/certificate.js';
import { objectIdentifier, time, tlv, unsignedInteger } from '../../packages/sandbox/src/der.js';
import { SANDBOX_CARD, checkCard, decryptCardField, passesLuhn } from '../../packages/sandbox/src/payments.js';
import { alphanumericSalt } from './helpers.js';

const NOW = new Date('2026-06-15T18:00:00Z');
const certificate = await createPaymentCertificate(NOW);
const key = certificate.publicKey;

function encrypt(message: Buffer): string {
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, message).toString('base64');
}

/** Encrypts a raw 256-byte block with no padding, to forge malformed PKCS#1 framing. */
function rawBlock(block: Buffer): string {
  return publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, block).toString('base64');
}

function card(number: string, cvv: string) {
  return {
    number: encrypt(Buffer.from(alphanumericSalt() + number)),
    cin: encrypt(Buffer.from(alphanumericSalt() + cvv)),
    encryption_key: certificate.id,
    expire_month: 12,
    expire_year: 2020,
    postal_code: '90210',
  };
}

describe('the payment certificate', () => {
  it('is a self-signed X.509 v3 certificate for a 2048-bit RSA key, valid for a day', () => {
    const x509 = new X509Certificate(certificate.pem);
    expect(x509.publicKey.equals(certificate.publicKey)).toBe(true);
    expect(x509.verify(certificate.publicKey)).toBe(true);
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.subject).toContain('CN=Partner API sandbox payment certificate');
    expect(x509.publicKey.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    expect(new Date(x509.validFrom).getTime()).toBe(NOW.getTime() - 3_600_000);
    expect(new Date(x509.validTo).getTime()).toBe(NOW.getTime() + 86_400_000);
    expect(x509.serialNumber).toMatch(/^[0-7][0-9A-F]*$/);
    expect(certificate.id).toMatch(/^paysys-sandbox\.0\.local\.[0-9a-f]{8}$/);
  });

  it('is written as PEM with CRLF line ends and 64-character lines', () => {
    const lines = certificate.pem.split('\r\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines.at(-2)).toBe('-----END CERTIFICATE-----');
    expect(lines.at(-1)).toBe('');
    for (const line of lines.slice(1, -3)) expect(line).toHaveLength(64);
    expect(certificate.pem.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('uses GeneralizedTime from 2050 on, as RFC 5280 asks', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const der = selfSignedCertificate(publicKey, privateKey, new Date('2049-12-31T00:00:00Z'), new Date('2051-01-01T00:00:00Z'));
    const x509 = new X509Certificate(toPem('CERTIFICATE', der));
    expect(new Date(x509.validTo).toISOString()).toBe('2051-01-01T00:00:00.000Z');
    expect(time(new Date('2049-12-31T00:00:00Z'))[0]).toBe(0x17);
    expect(time(new Date('2050-01-01T00:00:00Z'))[0]).toBe(0x18);
  });
});

describe('DER building blocks', () => {
  it('encode lengths, integers and object identifiers', () => {
    expect(tlv(0x04, Buffer.alloc(3)).subarray(0, 2)).toEqual(Buffer.from([0x04, 3]));
    expect(tlv(0x04, Buffer.alloc(200)).subarray(0, 3)).toEqual(Buffer.from([0x04, 0x81, 200]));
    expect(tlv(0x04, Buffer.alloc(300)).subarray(0, 4)).toEqual(Buffer.from([0x04, 0x82, 0x01, 0x2c]));
    expect(unsignedInteger(Buffer.from([0x00, 0x00, 0x80]))).toEqual(Buffer.from([0x02, 0x02, 0x00, 0x80]));
    expect(unsignedInteger(Buffer.from([0x00]))).toEqual(Buffer.from([0x02, 0x01, 0x00]));
    expect(objectIdentifier('1.2.840.113549.1.1.11')).toEqual(Buffer.from('06092a864886f70d01010b', 'hex'));
  });
});

describe('card decryption', () => {
  it('opens PKCS#1 v1.5 ciphertext and drops the 16-character salt', () => {
    expect(decryptCardField(encrypt(Buffer.from(`${alphanumericSalt()}4588883206000011`)), certificate.privateKey)).toBe(
      '4588883206000011',
    );
    // Any printable ASCII salt is allowed, as the spec says.
    expect(decryptCardField(encrypt(Buffer.from(' !"#$%&()*+,-./:123')), certificate.privateKey)).toBe('123');
  });

  it('refuses a block that is not type 2, lacks eight padding bytes, or has no separator', () => {
    const block = (build: (b: Buffer) => void) => {
      const b = Buffer.alloc(256, 0x55);
      b[0] = 0x00;
      b[1] = 0x02;
      b[200] = 0x00;
      build(b);
      return rawBlock(b);
    };
    const valid = block(() => {});
    // The helper block itself is well formed: 198 padding bytes, separator, 55-byte message.
    expect(decryptCardField(valid, certificate.privateKey)).toBe('U'.repeat(55 - 16));
    expect(
      decryptCardField(
        block((b) => (b[1] = 0x01)),
        certificate.privateKey,
      ),
    ).toBeUndefined();
    expect(
      decryptCardField(
        block((b) => {
          b[200] = 0x55;
          b[5] = 0x00;
        }),
        certificate.privateKey,
      ),
    ).toBeUndefined();
    expect(
      decryptCardField(
        block((b) => (b[200] = 0x55)),
        certificate.privateKey,
      ),
    ).toBeUndefined();
  });

  it('refuses ciphertext for another key, of the wrong size, or whose message is only a salt', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const foreign = publicEncrypt(
      { key: other.publicKey, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(`${alphanumericSalt()}123`),
    ).toString('base64');
    expect(decryptCardField(foreign, certificate.privateKey)).toBeUndefined();
    expect(decryptCardField(Buffer.alloc(255, 7).toString('base64'), certificate.privateKey)).toBeUndefined();
    expect(decryptCardField(encrypt(Buffer.from(alphanumericSalt())), certificate.privateKey)).toBeUndefined();
  });
});

describe('card checks', () => {
  it('accept the sandbox card and security code, and nothing else', () => {
    expect(checkCard(card(SANDBOX_CARD.number, SANDBOX_CARD.cvv), certificate.id, certificate.privateKey)).toEqual({ ok: true });
    expect(checkCard(card('4111111111111111', '123'), certificate.id, certificate.privateKey)).toMatchObject({ ok: false, code: 20122 });
    expect(checkCard(card(SANDBOX_CARD.number, '321'), certificate.id, certificate.privateKey)).toMatchObject({ ok: false, code: 20152 });
    expect(checkCard(card('4111111111111112', '123'), certificate.id, certificate.privateKey)).toMatchObject({ ok: false, code: 10002 });
    expect(checkCard(card(SANDBOX_CARD.number, '12'), certificate.id, certificate.privateKey)).toMatchObject({ ok: false, code: 10002 });
    expect(checkCard({ ...card(SANDBOX_CARD.number, '123'), expire_month: 13 }, certificate.id, certificate.privateKey)).toMatchObject({
      ok: false,
      code: 10002,
    });
    expect(checkCard(card(SANDBOX_CARD.number, SANDBOX_CARD.cvv), 'another-id', certificate.privateKey)).toMatchObject({
      ok: false,
      code: 10002,
    });
  });

  it('take another test card when configured', () => {
    const custom = { number: '4111111111111111', cvv: '9876' };
    expect(checkCard(card(custom.number, custom.cvv), certificate.id, certificate.privateKey, custom)).toEqual({ ok: true });
    expect(checkCard(card(SANDBOX_CARD.number, SANDBOX_CARD.cvv), certificate.id, certificate.privateKey, custom)).toMatchObject({
      code: 20122,
    });
  });

  it('never put card values into their reasons', () => {
    for (const [number, cvv] of [
      ['4111111111111111', '123'],
      [SANDBOX_CARD.number, '321'],
      ['4111111111111112', '555'],
    ] as const) {
      const verdict = checkCard(card(number, cvv), certificate.id, certificate.privateKey);
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) {
        expect(verdict.reason).not.toContain(number);
        expect(verdict.reason).not.toContain(cvv);
      }
    }
  });

  it('use the Luhn checksum', () => {
    expect(passesLuhn('4588883206000011')).toBe(true);
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
    expect(passesLuhn('')).toBe(false);
    expect(passesLuhn('12a4')).toBe(false);
  });
});
