import type { Engine } from '@rebound/engine';

/** The headline tiles: each KPI for the window and for the window before it. */
export async function overviewTiles(engine: Engine, tenantId: string, from: Date, to: Date) {
  const span = to.getTime() - from.getTime();
  const previousFrom = new Date(from.getTime() - span);
  const [now, before] = await Promise.all([
    engine.kpis.kpis(tenantId, { from: from.toISOString(), to: to.toISOString() }),
    engine.kpis.kpis(tenantId, { from: previousFrom.toISOString(), to: from.toISOString() }),
  ]);
  const tile = (key: keyof typeof now, label: string, unit: string) => ({ key, label, unit, value: now[key], previous: before[key] });
  return [
    tile('return_rate_units', 'Return rate', '%'),
    tile('cost_per_return', 'Cost per return', 'money'),
    tile('time_to_refund_days_median', 'Time to refund', 'days'),
    tile('time_to_restock_hours_median', 'Time to restock', 'hours'),
    tile('recovery_rate_units', 'Recovery rate', '%'),
    tile('co2_avoided_kg', 'CO2 avoided', 'kg'),
    tile('materials_recycled_kg', 'Materials recycled', 'kg'),
    tile('retention_rate_units', 'Retention', '%'),
  ];
}

/** Returns per week and the reason mix, for the charts. */
export async function overviewCharts(engine: Engine, tenantId: string, from: Date, to: Date) {
  const window = { from: from.toISOString(), to: to.toISOString() };
  const [weekly, reasons] = await Promise.all([
    engine.kpis.timeseries(tenantId, 'units_returned', 'week', window),
    engine.kpis.breakdown(tenantId, 'units_returned', 'reason_code', window),
  ]);
  return { weekly, reasons };
}
