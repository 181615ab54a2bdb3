import type { Engine } from '@rebound/engine';

// The marts fold live changes in every REBOUND_MARTS_REFRESH_MS (30 s by default), so an overview asked again within
// that time cannot differ: keep it that long instead of re-running four mart queries (~0.4 s each at 1M orders).
const FRESH_MS = Number(process.env.REBOUND_MARTS_REFRESH_MS ?? 30_000);
const recent = new Map<string, { at: number; value: Promise<unknown> }>();

function remembered<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = recent.get(key);
  if (hit && now - hit.at < FRESH_MS) return hit.value as Promise<T>;
  const value = compute();
  value.catch(() => recent.delete(key));
  if (recent.size > 200) recent.delete(recent.keys().next().value!);
  recent.set(key, { at: now, value });
  return value;
}

/** The headline tiles: each KPI for the window and for the window before it (remembered while the marts cannot change). */
export function overviewTiles(engine: Engine, tenantId: string, from: Date, to: Date) {
  return remembered(`tiles|${tenantId}|${from.toISOString()}|${to.toISOString()}`, () => computeTiles(engine, tenantId, from, to));
}

/** Returns per week and the reason mix, for the charts (remembered like the tiles). */
export function overviewCharts(engine: Engine, tenantId: string, from: Date, to: Date) {
  return remembered(`charts|${tenantId}|${from.toISOString()}|${to.toISOString()}`, () => computeCharts(engine, tenantId, from, to));
}

async function computeTiles(engine: Engine, tenantId: string, from: Date, to: Date) {
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

async function computeCharts(engine: Engine, tenantId: string, from: Date, to: Date) {
  const window = { from: from.toISOString(), to: to.toISOString() };
  const [weekly, reasons] = await Promise.all([
    engine.kpis.timeseries(tenantId, 'units_returned', 'week', window),
    engine.kpis.breakdown(tenantId, 'units_returned', 'reason_code', window),
  ]);
  return { weekly, reasons };
}
