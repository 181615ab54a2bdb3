import type { Engine } from '@rebound/engine';
import { BASE_OPTION, PALETTE } from '../../dashboard/chart-theme';
import type { ChartTable, Column } from '../../dashboard/table';

/** The sustainability report as the engine answers it. */
export type SustainabilityReport = Awaited<ReturnType<Engine['kpis']['sustainability']>>;
type Footprint = SustainabilityReport['totals'];
type PeriodRow = SustainabilityReport['by_period'][number];
type CategoryRow = SustainabilityReport['by_category'][number];
type Flow = SustainabilityReport['flows'][number];

const FOOTPRINT_COLUMNS: Column<Footprint>[] = [
  { key: 'co2_avoided_kg', label: 'CO2e avoided', format: 'kg' },
  { key: 'co2_transport_kg', label: 'CO2e of return transport', format: 'kg' },
  { key: 'materials_recycled_kg', label: 'Materials recycled', format: 'kg' },
  { key: 'recovery_rate_units', label: 'Recovery rate', format: 'percent' },
  { key: 'landfill_rate_units', label: 'Landfill rate', format: 'percent' },
];

/** The headline figures, in the order the tiles show them. */
export const SUSTAINABILITY_TILES = FOOTPRINT_COLUMNS;

/** Outcome nodes in a fixed colour each: the eye finds landfill and recovery without reading. */
const OUTCOME_COLORS: Record<string, string> = {
  recovered: PALETTE[2],
  donated: PALETTE[6],
  recycled: PALETTE[0],
  landfill: PALETTE[1],
  lost: PALETTE[7],
  'kept by customer': PALETTE[4],
  'awaiting inspection': PALETTE[5],
};
const words = (s: string) => s.replace(/_/g, ' ');

/** Footprint per period, as the charts show it. */
export function periodTable(rows: PeriodRow[]): ChartTable<PeriodRow> {
  return { name: 'periods', caption: 'CO2e avoided and emitted, recovery and landfill per period of the request', columns: [{ key: 'period', label: 'Period', format: 'day' }, ...(FOOTPRINT_COLUMNS as Column<PeriodRow>[])], rows };
}

/** Footprint per category, as the chart shows it. */
export function categoryTable(rows: CategoryRow[]): ChartTable<CategoryRow> {
  return { name: 'categories', caption: 'CO2e avoided and emitted, recovery and landfill per category', columns: [{ key: 'category', label: 'Category' }, ...(FOOTPRINT_COLUMNS as Column<CategoryRow>[])], rows };
}

/** The links of the flow diagram, as a table. */
export function flowTable(flows: Flow[]): ChartTable<{ step: string; source: string; target: string; units: number }> {
  return {
    name: 'flows',
    caption: 'Returned units from category to disposition, and from disposition to outcome',
    columns: [
      { key: 'step', label: 'Step' },
      { key: 'source', label: 'From' },
      { key: 'target', label: 'To' },
      { key: 'units', label: 'Units', format: 'count' },
    ],
    rows: flows.map((f) => ({ step: f.stage === 1 ? 'category → disposition' : 'disposition → outcome', source: words(f.source), target: words(f.target), units: f.units })),
  };
}

/** Bars of CO2e avoided against CO2e emitted by return transport, over periods or categories. */
export function co2Option(labels: string[], rows: Footprint[]) {
  return {
    ...BASE_OPTION,
    grid: { left: 64, right: 24, top: 40, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', name: 'kg CO2e' },
    series: [
      { name: 'Avoided (goods kept in use)', type: 'bar', data: rows.map((r) => r.co2_avoided_kg), itemStyle: { color: PALETTE[2] } },
      // Transport is often a few hundredths of what is avoided: its bars carry their value so they can be read at all.
      {
        name: 'Emitted (return transport)',
        type: 'bar',
        data: rows.map((r) => Math.round(r.co2_transport_kg * 1000) / 1000),
        itemStyle: { color: PALETTE[1] },
        label: { show: true, position: 'top', color: '#1d2530', fontSize: 11 },
      },
    ],
  };
}

/** Lines of the recovery and landfill rates per period, in %. */
export function ratesOption(rows: PeriodRow[]) {
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return {
    ...BASE_OPTION,
    grid: { left: 56, right: 24, top: 40, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => r.period.slice(0, 10)) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: 'Recovery rate', type: 'line', data: rows.map((r) => pct(r.recovery_rate_units)), itemStyle: { color: PALETTE[2] }, symbolSize: 7, connectNulls: false },
      { name: 'Landfill rate', type: 'line', data: rows.map((r) => pct(r.landfill_rate_units)), itemStyle: { color: PALETTE[1] }, symbol: 'triangle', symbolSize: 8, connectNulls: false },
    ],
  };
}

/**
 * A Sankey of returned units: category -> disposition -> outcome. Node names must be unique across columns, so a
 * category named like a disposition or an outcome is shown as "<name> (category)".
 */
export function flowOption(flows: Flow[]) {
  const later = new Set(flows.flatMap((f) => (f.stage === 1 ? [words(f.target)] : [words(f.source), words(f.target)])));
  const nodeName = (f: Flow, end: 'source' | 'target') => {
    const name = words(f[end]);
    return f.stage === 1 && end === 'source' && later.has(name) ? `${name} (category)` : name;
  };
  const nodes = new Map<string, { name: string; depth: number; itemStyle?: { color: string } }>();
  for (const f of flows) {
    const s = nodeName(f, 'source');
    const t = nodeName(f, 'target');
    if (!nodes.has(s)) nodes.set(s, { name: s, depth: f.stage - 1 });
    if (!nodes.has(t)) nodes.set(t, { name: t, depth: f.stage, ...(f.stage === 2 && OUTCOME_COLORS[t] ? { itemStyle: { color: OUTCOME_COLORS[t] } } : {}) });
  }
  return {
    ...BASE_OPTION,
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'sankey',
        left: 16,
        right: 150,
        top: 16,
        bottom: 16,
        nodeAlign: 'justify',
        emphasis: { focus: 'adjacency' },
        label: { color: '#1d2530' },
        lineStyle: { color: 'gradient', opacity: 0.45, curveness: 0.5 },
        data: [...nodes.values()],
        links: flows.map((f) => ({ source: nodeName(f, 'source'), target: nodeName(f, 'target'), value: f.units })),
      },
    ],
  };
}
