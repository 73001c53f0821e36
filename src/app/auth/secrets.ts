import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets handed to people (session cookies, API tokens, invitation and reset links): 32 random bytes,
 * base64url, with a prefix that says what they are (`vt_` for tokens, so a leaked one is easy to grep for).
 * Only the SHA-256 of a secret is stored: a database dump opens nothing. A fast hash is right here, unlike
 * for passwords, because the secret itself has 256 bits of entropy.
 */
export const newSecret = (prefix = ''): string => `${prefix}${randomBytes(32).toString('base64url')}`;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Equal strings, compared in constant time (CSRF tokens, the local key). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
