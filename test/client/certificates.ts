/**
 * Test helpers: an RSA key pair and a self-signed X.509 certificate for it. Node cannot
 * create certificates, so one comes from the openssl binary (when installed) and one is
 * hand-encoded in DER and signed with node:crypto.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An RSA key pair for one test file. */
export interface TestKeys {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

/** Generates an RSA key pair of the given size. */
export function makeKeys(modulusLength = 2048): TestKeys {
  return generateKeyPairSync('rsa', { modulusLength });
}

/** True when an `openssl` binary answers on the PATH. */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A self-signed certificate made by `openssl req -x509` for the given key, or undefined if that fails. */
export function opensslCertificate(keys: TestKeys): string | undefined {
  if (!hasOpenssl()) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'tm-client-cert-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  try {
    writeFileSync(keyFile, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    execFileSync('openssl', ['req', '-x509', '-new', '-key', keyFile, '-subj', '/CN=test', '-days', '1', '-out', certFile], {
      stdio: 'pipe',
    });
    return readFileSync(certFile, 'utf8');
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A minimal v1 self-signed certificate, DER-encoded by hand and signed with SHA-256/RSA. */
export function handBuiltCertificate(keys: TestKeys, now = new Date()): string {
  const algorithm = sequence(oid('2a864886f70d01010b'), Buffer.from('0500', 'hex')); // sha256WithRSAEncryption, NULL
  const subject = sequence(tlv(0x31, sequence(oid('550403'), tlv(0x0c, Buffer.from('test'))))); // CN=test
  const tbs = sequence(
    tlv(0x02, Buffer.from([0x01])), // serial number 1
    algorithm,
    subject, // issuer: self-signed, so the same name
    sequence(utcTime(now), utcTime(new Date(now.getTime() + 86_400_000))),
    subject,
    keys.publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, keys.privateKey);
  const der = sequence(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return toPem('CERTIFICATE', der);
}

/** Wraps DER bytes in a PEM block with 64-column lines. */
export function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Writes a PEM the way the API's certificate example shows it: literal `\r\n` text, then a break and indentation. */
export function likeTheApiExample(pem: string): string {
  const lines = pem.trim().split('\n');
  return lines.map((line) => `${line}\\r\\n`).join('\n                  ');
}

function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}

function sequence(...parts: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(parts));
}

function oid(hex: string): Buffer {
  return tlv(0x06, Buffer.from(hex, 'hex'));
}

function utcTime(date: Date): Buffer {
  const two = (n: number) => String(n).padStart(2, '0');
  const text =
    two(date.getUTCFullYear() % 100) +
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    two(date.getUTCHours()) +
    two(date.getUTCMinutes()) +
    two(date.getUTCSeconds()) +
    'Z';
  return tlv(0x17, Buffer.from(text, 'ascii'));
}
