import type { FraudSignal } from '../signal';

// A size token at the end of a SKU: TEE-M, JEANS-32, BOOT-40, DRESS-XL.
const SIZE_SUFFIX = /[-_ ](XXS|XS|S|M|L|XL|XXL|XXXL|\d{1,3}(\.5)?)$/i;

/** The SKU without its size, so two sizes of one item compare equal. */
export function baseSku(sku: string): string {
  return sku.replace(SIZE_SUFFIX, '');
}

/** The same item ordered in several sizes and one of them sent back. */
export const bracketing: FraudSignal = {
  id: 'bracketing',
  weight: 0.1,
  description: 'the order held the same item in several sizes and one comes back',
  evaluate({ lines, orderSkus }) {
    for (const line of lines) {
      const base = baseSku(line.sku);
      if (base === line.sku) continue;
      // Distinct SKUs: two lines of one size (two of the same dress) are not several sizes.
      const sizes = [...new Set(orderSkus.filter((s) => baseSku(s) === base))];
      if (sizes.length >= 2) return { evidence: { item: base, sizes_ordered: sizes, returned: line.sku } };
    }
    return null;
  },
};
