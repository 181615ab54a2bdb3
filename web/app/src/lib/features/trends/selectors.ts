import type { Engine } from '@rebound/engine';
import { readChoice, readFilters } from '../../dashboard/filters';

/** The KPIs a merchant can chart, with how they read (the KPI service's keys). */
export const TREND_METRICS = {
  returns_count: 'Returns',
  units_returned: 'Units returned',
  return_rate_units: 'Return rate (units)',
  return_rate_value: 'Return rate (value)',
  cost_per_return: 'Cost per return',
  refund_total: 'Refunds',
  time_to_refund_days_median: 'Time to refund (days, median)',
  recovery_rate_units: 'Recovery rate',
  landfill_rate_units: 'Landfill rate',
  value_recovery_rate: 'Value recovered',
  co2_avoided_kg: 'CO2 avoided (kg)',
} as const;
export const TREND_GRAINS = ['day', 'week', 'month'] as const;
export const TREND_DIMENSIONS = ['reason_code', 'category', 'sku', 'channel', 'disposition'] as const;

/** What the trends page asks, read from the URL (the window as on the other analytics pages); bad dates or choices throw BadFilterError. */
export function trendQuery(url: URL, now?: Date) {
  const { from, to } = readFilters(url, 180, now);
  return {
    metric: readChoice(url, 'metric', Object.keys(TREND_METRICS) as (keyof typeof TREND_METRICS)[], 'units_returned'),
    grain: readChoice(url, 'grain', TREND_GRAINS, 'week'),
    by: readChoice(url, 'by', TREND_DIMENSIONS, 'category'),
    from: new Date(`${from}T00:00:00Z`),
    to: new Date(`${to}T00:00:00Z`),
  };
}

/** The KPI per period and per value of a dimension over the window. */
export async function trend(engine: Engine, tenantId: string, q: ReturnType<typeof trendQuery>) {
  const window = { from: q.from.toISOString(), to: q.to.toISOString() };
  const series = await engine.kpis.timeseries(tenantId, q.metric, q.grain, window);
  const breakdown = await engine.kpis.breakdown(tenantId, q.metric, q.by, window);
  return { series, breakdown: breakdown.slice(0, 25) };
}
