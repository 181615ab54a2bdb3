import { describe, expect, it } from 'vitest';
import { assertReturnable, DEFAULT_POLICY, lateReturnsAllowedFrom, parsePolicy } from './policy';

const line = { sku: 'TEE', category: 'apparel', final_sale: false, window_starts_at: new Date('2026-05-01T00:00:00Z') };

describe('return policy', () => {
  it('allows a return on the last day of the window and refuses it a moment later', () => {
    expect(() => assertReturnable(DEFAULT_POLICY, line, new Date('2026-05-31T00:00:00Z'))).not.toThrow();
    expect(() => assertReturnable(DEFAULT_POLICY, line, new Date('2026-05-31T00:00:01Z'))).toThrow(
      'TEE cannot be returned: the 30-day return window closed on 2026-05-31',
    );
  });

  it('lets staff take a late return as an exception, but never a final-sale one, and never from the portal', () => {
    const late = new Date('2026-06-10T00:00:00Z');
    expect(assertReturnable(DEFAULT_POLICY, line, late, { allowLate: true })).toEqual(['return_window']);
    expect(assertReturnable(DEFAULT_POLICY, line, new Date('2026-05-10T00:00:00Z'), { allowLate: true })).toEqual([]);
    expect(() => assertReturnable(DEFAULT_POLICY, { ...line, final_sale: true }, late, { allowLate: true })).toThrow(/final sale/);
    expect(lateReturnsAllowedFrom('portal')).toBe(false);
    expect(lateReturnsAllowedFrom('api')).toBe(true);
  });

  it('refuses bad policy values with the field name', () => {
    expect(() => parsePolicy({ return_window_days: -1 })).toThrow(/return_window_days must be a whole number of days from 0 to 3650/);
    expect(() => parsePolicy({ return_window_days: 1.5 })).toThrow(/return_window_days/);
    expect(() => parsePolicy({ final_sale_skus: 'TEE' })).toThrow('final_sale_skus must be a list of strings');
    expect(() => parsePolicy(null)).toThrow('a return policy must be a JSON object');
  });

  it('fills defaults for what a stored policy leaves out', () => {
    expect(parsePolicy('{"return_window_days": 14}')).toEqual({ ...DEFAULT_POLICY, return_window_days: 14 });
  });
});
