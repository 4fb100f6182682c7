// Link passwords (issue 10): scrypt from node:crypto with a random salt per password. The stored
// form carries its parameters, so they can be raised later without breaking stored hashes.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * N = 2^15, r = 8, p = 1: 32 MiB and about 50 ms per check on one core. Below OWASP's 2^17 for stored
 * account passwords on purpose: a link password is a second lock behind a 256-bit link token, it is
 * checked for each of 40 people joining at once, and guessing it online is capped by
 * rate-limiter-flexible (http/apiRoutes.ts).
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, o: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...o, maxmem: 256 * (o.N ?? 0) * (o.r ?? 0) }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const got = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return got.byteLength === expected.byteLength && timingSafeEqual(got, expected);
}
