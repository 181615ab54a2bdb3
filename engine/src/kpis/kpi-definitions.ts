/** The KPIs every KPI answer carries, in this order (definitions: README "KPIs", formulas: dbt/macros). */
export const KPI_KEYS = [
  'returns_count',
  'units_returned',
  'return_rate_units',
  'return_rate_value',
  'cost_per_return',
  'refund_total',
  'time_to_refund_days_median',
  'time_to_restock_hours_median',
  'time_to_restock_hours_p90',
  'recovery_rate_units',
  'value_recovery_rate',
  'co2_avoided_kg',
  'materials_recycled_kg',
  'co2_transport_kg',
  'landfill_rate_units',
  'retention_rate_units',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** One value per KPI; null when its denominator is empty. */
export type KpiValues = Record<KpiKey, number | null>;

/** Time grains of a KPI time series. */
export const GRAINS = ['day', 'week', 'month'] as const;
export type Grain = (typeof GRAINS)[number];

/** Dimensions a KPI can be broken down by. */
export const DIMENSIONS = ['reason_code', 'category', 'sku', 'channel', 'disposition'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Window [from, to) and per-line filters of a KPI question. */
export interface KpiFilters {
  from?: string;
  to?: string;
  category?: string;
  sku?: string;
  channel?: string;
  reason?: string;
}
