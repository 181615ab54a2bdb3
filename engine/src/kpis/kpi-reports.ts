import { InvalidInputError } from '../shared/errors';
import { KPI_KEYS, type KpiValues } from './kpi-definitions';

/** The money of returns (definitions: README "KPIs", formulas: dbt/macros/return_money_kpis.sql). */
export const MONEY_KEYS = [
  'returns_count',
  'units_returned',
  'refund_total',
  'exchange_value',
  'return_cost_total',
  'value_returned',
  'value_recovered',
  'value_lost',
  'margin_impact',
] as const;
export type MoneyKey = (typeof MONEY_KEYS)[number];
export type MoneyValues = Record<MoneyKey, number>;

/** One SKU of the products report (mart_sku_returns) with its top reasons (mart_sku_top_reasons). */
export interface SkuReturns {
  sku: string;
  product_name: string | null;
  category: string | null;
  units_ordered: number;
  returns_count: number;
  units_returned: number;
  return_rate_units: number | null;
  return_rate_value: number | null;
  refund_total: number;
  return_cost_total: number;
  cost_per_return: number | null;
  value_returned: number;
  value_recovered: number;
  value_lost: number;
  margin_impact: number;
  top_reasons: { reason_code: string | null; units_returned: number; share_of_sku_units: number }[];
}

/** What the products report can be ranked by, largest first. */
export const SKU_SORTS = ['return_rate_units', 'return_rate_value', 'units_returned', 'return_cost_total', 'value_lost', 'refund_total', 'margin_impact'] as const;
export type SkuSort = (typeof SKU_SORTS)[number];

/** One link of the disposition flow (mart_disposition_flows). */
export interface DispositionFlow {
  stage: 1 | 2;
  source: string;
  target: string;
  units: number;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Refuses a sort the products report does not know, naming the ones it does. */
export function checkSkuSort(sort: string | undefined): SkuSort {
  if (sort === undefined || sort === '') return 'return_rate_units';
  if (!(SKU_SORTS as readonly string[]).includes(sort)) throw new InvalidInputError(`sort '${sort}' is not one of ${SKU_SORTS.join(', ')}`);
  return sort as SkuSort;
}

/** Refuses a limit that is not a whole number from 1 to 500. */
export function checkLimit(limit: number | string | undefined, fallback: number): number {
  if (limit === undefined || limit === '') return fallback;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new InvalidInputError(`limit '${limit}' is not a whole number from 1 to 500`);
  return n;
}

/** A mart row's money columns as numbers. */
export function toMoney(row: Record<string, unknown> | undefined): MoneyValues {
  const out = {} as MoneyValues;
  for (const key of MONEY_KEYS) out[key] = row ? (num(row[key]) ?? 0) : 0;
  return out;
}

/** A mart row's KPI columns as numbers (nulls kept: an empty denominator). */
export function toKpiValues(row: Record<string, unknown>): KpiValues {
  const out = {} as KpiValues;
  for (const key of KPI_KEYS) out[key] = num(row[key]);
  return out;
}

/** Joins SKU rows with their top reasons, ranks them by `sort` (nulls last, then by SKU) and keeps `limit`. */
export function rankSkus(skus: Record<string, unknown>[], reasons: Record<string, unknown>[], sort: SkuSort, limit: number): SkuReturns[] {
  const bySku = new Map<string, SkuReturns['top_reasons']>();
  for (const r of [...reasons].sort((a, b) => Number(a.reason_rank) - Number(b.reason_rank))) {
    const list = bySku.get(r.sku as string) ?? [];
    list.push({ reason_code: (r.reason_code as string | null) ?? null, units_returned: Number(r.units_returned), share_of_sku_units: Number(r.share_of_sku_units) });
    bySku.set(r.sku as string, list);
  }
  const rows: SkuReturns[] = skus.map((r) => ({
    sku: r.sku as string,
    product_name: (r.product_name as string | null) ?? null,
    category: (r.category as string | null) ?? null,
    units_ordered: Number(r.units_ordered),
    returns_count: Number(r.returns_count),
    units_returned: Number(r.units_returned),
    return_rate_units: num(r.return_rate_units),
    return_rate_value: num(r.return_rate_value),
    refund_total: Number(r.refund_total),
    return_cost_total: Number(r.return_cost_total),
    cost_per_return: num(r.cost_per_return),
    value_returned: Number(r.value_returned),
    value_recovered: Number(r.value_recovered),
    value_lost: Number(r.value_lost),
    margin_impact: Number(r.margin_impact),
    top_reasons: bySku.get(r.sku as string) ?? [],
  }));
  return rows
    .sort((a, b) => (b[sort] ?? -Infinity) - (a[sort] ?? -Infinity) || b.units_returned - a.units_returned || a.sku.localeCompare(b.sku))
    .slice(0, limit);
}
