import type { FraudSignal } from '../signal';

/** A return of something expensive for this merchant (above the 90th percentile of its own prices). */
export const highValue: FraudSignal = {
  id: 'high_value',
  weight: 0.15,
  description: "a line priced above the 90th percentile of the merchant's own prices",
  evaluate({ lines, tenantPriceP90 }) {
    if (tenantPriceP90 === null) return null;
    const top = lines.filter((l) => l.unit_price > tenantPriceP90).sort((a, b) => b.unit_price - a.unit_price)[0];
    if (!top) return null;
    return { evidence: { sku: top.sku, unit_price: top.unit_price, tenant_p90: tenantPriceP90 } };
  },
};
