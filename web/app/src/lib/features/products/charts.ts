import type { Engine } from '@rebound/engine';
import { BASE_OPTION } from '../../dashboard/chart-theme';
import type { ChartTable } from '../../dashboard/table';
import { PRODUCT_SORTS, type ProductSort } from './selectors';

/** One SKU of the products report, as the engine answers it. */
export type SkuRow = Awaited<ReturnType<Engine['kpis']['products']>>['skus'][number];

const RATES = new Set<ProductSort>(['return_rate_units']);
const reasonName = (code: string | null) => (code ?? 'not given').replace(/_/g, ' ');

/** The ranking table: one row per SKU with its KPIs and its top reasons in words. */
export function skuTable(skus: SkuRow[]): ChartTable<SkuRow & { rank: number; reasons: string }> {
  return {
    name: 'skus',
    caption: 'SKUs ranked, with units, return rate, return cost, value lost and their top reasons',
    columns: [
      { key: 'rank', label: '#', format: 'count' },
      { key: 'sku', label: 'SKU', nowrap: true },
      { key: 'product_name', label: 'Product' },
      { key: 'category', label: 'Category' },
      { key: 'units_ordered', label: 'Units ordered', format: 'count' },
      { key: 'units_returned', label: 'Units returned', format: 'count' },
      { key: 'return_rate_units', label: 'Return rate', format: 'percent' },
      { key: 'return_cost_total', label: 'Return cost', format: 'money' },
      { key: 'value_lost', label: 'Value lost', format: 'money' },
      { key: 'reasons', label: 'Top reasons' },
    ],
    rows: skus.map((s, i) => ({
      ...s,
      rank: i + 1,
      reasons: s.top_reasons.map((r) => `${reasonName(r.reason_code)} ${r.units_returned} (${Math.round(r.share_of_sku_units * 100)}%)`).join('; '),
    })),
  };
}

/** The top reasons table: one row per SKU and reason, as in the stacked chart. */
export function reasonTable(skus: SkuRow[]): ChartTable<{ sku: string; reason_rank: number; reason: string; units_returned: number; share_of_sku_units: number }> {
  return {
    name: 'reasons',
    caption: 'The three reasons each SKU comes back for most, by units',
    columns: [
      { key: 'sku', label: 'SKU' },
      { key: 'reason_rank', label: 'Rank', format: 'count' },
      { key: 'reason', label: 'Reason' },
      { key: 'units_returned', label: 'Units returned', format: 'count' },
      { key: 'share_of_sku_units', label: "Share of the SKU's returned units", format: 'percent' },
    ],
    rows: skus.flatMap((s) => s.top_reasons.map((r, i) => ({ sku: s.sku, reason_rank: i + 1, reason: reasonName(r.reason_code), units_returned: r.units_returned, share_of_sku_units: r.share_of_sku_units }))),
  };
}

/** Horizontal bars of the first 15 SKUs by the ranking KPI, the first on top (rates shown in %). */
export function skuRankingOption(skus: SkuRow[], sort: ProductSort) {
  const top = skus.slice(0, 15).reverse();
  const scale = RATES.has(sort) ? 100 : 1;
  return {
    ...BASE_OPTION,
    grid: { left: 110, right: 24, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: RATES.has(sort) ? '%' : '', axisLabel: { formatter: RATES.has(sort) ? '{value}%' : '{value}' } },
    yAxis: { type: 'category', data: top.map((s) => s.sku) },
    series: [{ name: PRODUCT_SORTS[sort], type: 'bar', data: top.map((s) => (s[sort] === null ? 0 : Math.round(s[sort] * scale * 100) / 100)) }],
  };
}

/** Stacked bars of the first 10 SKUs' returned units by their top reasons. */
export function reasonMixOption(skus: SkuRow[]) {
  const top = skus.filter((s) => s.top_reasons.length > 0).slice(0, 10).reverse();
  const reasons = [...new Set(top.flatMap((s) => s.top_reasons.map((r) => reasonName(r.reason_code))))].sort();
  return {
    ...BASE_OPTION,
    grid: { left: 110, right: 24, top: 40, bottom: 28 },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: 'units', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((s) => s.sku) },
    series: reasons.map((reason) => ({
      name: reason,
      type: 'bar',
      stack: 'units',
      data: top.map((s) => s.top_reasons.find((r) => reasonName(r.reason_code) === reason)?.units_returned ?? 0),
    })),
  };
}
