import { expect, it } from 'vitest';
import { reasonMixOption, reasonTable, skuRankingOption, skuTable, type SkuRow } from './charts';

const sku = (over: Partial<SkuRow>): SkuRow => ({
  sku: 'X', product_name: null, category: 'apparel', units_ordered: 0, returns_count: 0, units_returned: 0, return_rate_units: null, return_rate_value: null,
  refund_total: 0, return_cost_total: 0, cost_per_return: null, value_returned: 0, value_recovered: 0, value_lost: 0, margin_impact: 0, top_reasons: [], ...over,
});
const skus = [
  sku({ sku: 'SPKR', product_name: 'Bluetooth speaker', units_ordered: 1, units_returned: 1, return_rate_units: 1, refund_total: 89, return_cost_total: 22, value_lost: 39, margin_impact: 61,
    top_reasons: [{ reason_code: 'defective', units_returned: 1, share_of_sku_units: 1 }] }),
  sku({ sku: 'TEE', units_ordered: 10, units_returned: 7, return_rate_units: 0.7,
    top_reasons: [{ reason_code: 'size_too_small', units_returned: 3, share_of_sku_units: 3 / 7 }, { reason_code: 'color', units_returned: 2, share_of_sku_units: 2 / 7 }, { reason_code: null, units_returned: 1, share_of_sku_units: 1 / 7 }] }),
  sku({ sku: 'BOOT-40', units_ordered: 1, return_rate_units: 0 }),
];

it('ranks the SKUs in the table with their top reasons in words', () => {
  const t = skuTable(skus);
  expect(t.rows.map((r) => [r.rank, r.sku, r.reasons])).toEqual([
    [1, 'SPKR', 'defective 1 (100%)'],
    [2, 'TEE', 'size too small 3 (43%); color 2 (29%); not given 1 (14%)'],
    [3, 'BOOT-40', ''],
  ]);
  expect(reasonTable(skus).rows).toHaveLength(4);
});

it('draws the ranking first on top, rates in %, and the reasons stacked per SKU', () => {
  const ranking = skuRankingOption(skus, 'return_rate_units');
  expect(ranking.yAxis.data).toEqual(['BOOT-40', 'TEE', 'SPKR']);
  expect(ranking.series[0].data).toEqual([0, 70, 100]);
  expect(skuRankingOption(skus, 'value_lost').series[0].data).toEqual([0, 0, 39]);
  const mix = reasonMixOption(skus);
  expect(mix.yAxis.data).toEqual(['TEE', 'SPKR']); // BOOT-40 has no returns
  expect(mix).toMatchSnapshot();
});
