import type { Engine } from '@rebound/engine';

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

/** What the trends page asks: read from the URL, refusing nothing (unknown values fall back to defaults). */
export function trendQuery(url: URL) {
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = url.searchParams.get(name) as T | null;
    return v && allowed.includes(v) ? v : fallback;
  };
  const endOfToday = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z').getTime() + 86_400_000;
  const to = url.searchParams.get('to') ? new Date(url.searchParams.get('to')!) : new Date(endOfToday);
  const from = url.searchParams.get('from') ? new Date(url.searchParams.get('from')!) : new Date(to.getTime() - 180 * 86_400_000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new Error('from and to must be dates such as 2026-05-01');
  return {
    metric: pick('metric', Object.keys(TREND_METRICS) as (keyof typeof TREND_METRICS)[], 'units_returned'),
    grain: pick('grain', TREND_GRAINS, 'week'),
    by: pick('by', TREND_DIMENSIONS, 'category'),
    from,
    to,
  };
}

/** The KPI per period and per value of a dimension over the window. */
export async function trend(engine: Engine, tenantId: string, q: ReturnType<typeof trendQuery>) {
  const window = { from: q.from.toISOString(), to: q.to.toISOString() };
  const series = await engine.kpis.timeseries(tenantId, q.metric, q.grain, window);
  const breakdown = await engine.kpis.breakdown(tenantId, q.metric, q.by, window);
  return { series, breakdown: breakdown.slice(0, 25) };
}
