import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), as authenticator apps compute them:
 * HMAC-SHA1, 30-second steps, 6 digits by default. Written on node:crypto (a few lines) rather than
 * a dependency; tested against the RFC's own vectors.
 */
export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  digits?: number;
  stepSeconds?: number;
  algorithm?: TotpAlgorithm;
}

export function hotp(secret: Buffer, counter: bigint, digits = 6, algorithm: TotpAlgorithm = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm, secret).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

export function totpStep(atMs: number, stepSeconds = 30): bigint {
  return BigInt(Math.floor(atMs / 1000 / stepSeconds));
}

export function totp(secret: Buffer, atMs: number, options: TotpOptions = {}): string {
  return hotp(secret, totpStep(atMs, options.stepSeconds), options.digits, options.algorithm);
}

/**
 * The step the code belongs to, accepting one step of clock drift either way, or null. Callers
 * refuse a step at or before the last one used (a code works once).
 */
export function matchTotp(
  secret: Buffer,
  code: string,
  atMs: number,
  options: TotpOptions = {},
): bigint | null {
  const digits = options.digits ?? 6;
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return null;
  const now = totpStep(atMs, options.stepSeconds);
  for (const step of [now, now - 1n, now + 1n]) {
    const expected = Buffer.from(hotp(secret, step, digits, options.algorithm));
    if (timingSafeEqual(expected, Buffer.from(code))) return step;
  }
  return null;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(data: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/=+$/, '').replace(/\s+/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const i = BASE32.indexOf(ch);
    if (i < 0) throw new Error('not base32');
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new 160-bit secret (RFC 4226 recommends 160 bits for SHA-1). */
export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

/** The otpauth:// URI authenticator apps read from a QR code. */
export function otpauthUri(secret: Buffer, account: string, issuer = 'Hệ thống hộ tịch'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${base32Encode(secret)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
