import { describe, expect, it } from 'vitest';
import { faultBucketOf, REASON_CODES, reasonCodeFrom, REASONS, toShopifyReason } from './taxonomy';

describe('reason taxonomy', () => {
  it('has exactly the fifteen codes, each defined', () => {
    expect(REASON_CODES).toHaveLength(15);
    for (const code of REASON_CODES) expect(REASONS[code].definition.length).toBeGreaterThan(10);
  });

  it('puts each code in its fault bucket', () => {
    const merchant = REASON_CODES.filter((c) => faultBucketOf(c) === 'merchant');
    expect(merchant.sort()).toEqual(['defective', 'late_delivery', 'missing_parts', 'not_as_described', 'quality', 'wrong_item']);
    expect(REASON_CODES.filter((c) => faultBucketOf(c) === 'carrier')).toEqual(['damaged_in_transit']);
  });

  it('maps Shopify and Amazon codes onto ours, and refuses unknown ones', () => {
    expect(reasonCodeFrom('SIZE_TOO_SMALL')).toBe('size_too_small');
    expect(reasonCodeFrom('unknown')).toBe('other');
    expect(reasonCodeFrom('APPAREL_TOO_LARGE')).toBe('size_too_large');
    expect(reasonCodeFrom('damaged_by_carrier')).toBe('damaged_in_transit');
    expect(reasonCodeFrom('FOUND_BETTER_PRICE')).toBe('better_price');
    expect(reasonCodeFrom(' quality ')).toBe('quality');
    expect(reasonCodeFrom('because')).toBeUndefined();
    expect(toShopifyReason('missing_parts')).toBe('NOT_AS_DESCRIBED');
  });
});
