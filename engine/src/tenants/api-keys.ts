import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PREFIX = 'rbk_';

/** Makes a new random API key (shown to the merchant once; only its hash is stored). */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(24).toString('base64url');
}

/**
 * Hashes an API key for storage and lookup. SHA-256 is enough here (no salt, no slow KDF): keys carry
 * 192 random bits, so there is nothing to brute-force, and lookup by hash must stay one index probe.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Compares two secrets in constant time. */
export function secretsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether a string looks like one of our API keys (cheap check before any lookup). */
export function looksLikeApiKey(key: string): boolean {
  return key.startsWith(KEY_PREFIX) && key.length >= 20 && key.length <= 80;
}

/** The visible beginning of a key, safe to log and show. */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6);
}
