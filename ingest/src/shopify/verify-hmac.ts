import { createHmac, timingSafeEqual } from 'node:crypto';

/** The base64 HMAC-SHA256 Shopify sends in X-Shopify-Hmac-Sha256 for a raw body. */
export function shopifyHmac(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** True when the header is the body's HMAC under the secret; compared in constant time. */
export function verifyShopifyHmac(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(shopifyHmac(rawBody, secret), 'base64');
  let given: Buffer;
  try {
    given = Buffer.from(header, 'base64');
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}
