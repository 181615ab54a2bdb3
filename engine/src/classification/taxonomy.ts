// Placeholder until the reason taxonomy lands; same exports.
export const REASON_CODES = ['size_too_small', 'size_too_large', 'color', 'style', 'not_as_described', 'defective', 'damaged_in_transit', 'wrong_item', 'missing_parts', 'quality', 'unwanted', 'better_price', 'late_delivery', 'duplicate_order', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
/** Maps our, Shopify's and Amazon's codes onto ours. */
export function reasonCodeFrom(input: string): ReasonCode | undefined {
  const k = input.trim().toLowerCase();
  return (REASON_CODES as readonly string[]).includes(k) ? (k as ReasonCode) : undefined;
}
