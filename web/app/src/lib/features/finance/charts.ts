import type { Engine } from '@rebound/engine';
import { BASE_OPTION, PALETTE } from '../../dashboard/chart-theme';
import type { ChartTable, Column } from '../../dashboard/table';

/** The finance report as the engine answers it. */
export type FinanceReport = Awaited<ReturnType<Engine['kpis']['finance']>>;
type Money = FinanceReport['totals'];
type PeriodRow = FinanceReport['by_period'][number];
type DispositionRow = FinanceReport['by_disposition'][number];

const MONEY_COLUMNS: Column<Money>[] = [
  { key: 'returns_count', label: 'Returns', format: 'count' },
  { key: 'units_returned', label: 'Units', format: 'count' },
  { key: 'refund_total', label: 'Refunds', format: 'money' },
  { key: 'exchange_value', label: 'Exchanges (at price)', format: 'money' },
  { key: 'return_cost_total', label: 'Return costs', format: 'money' },
  { key: 'value_returned', label: 'Value returned', format: 'money' },
  { key: 'value_recovered', label: 'Value recovered', format: 'money' },
  { key: 'value_lost', label: 'Value lost', format: 'money' },
  { key: 'margin_impact', label: 'Margin impact', format: 'money' },
];

/** The headline figures, in the order the tiles show them. */
export const FINANCE_TILES = [
  { key: 'refund_total', label: 'Refunds' },
  { key: 'exchange_value', label: 'Exchanges (at price)' },
  { key: 'return_cost_total', label: 'Return costs' },
  { key: 'value_recovered', label: 'Value recovered' },
  { key: 'value_lost', label: 'Value lost' },
  { key: 'margin_impact', label: 'Margin impact' },
] as const satisfies readonly { key: keyof Money; label: string }[];

const dispositionName = (d: string | null) => (d ?? 'not inspected').replace(/_/g, ' ');

/** The money per period, as the chart shows it. */
export function periodTable(rows: PeriodRow[]): ChartTable<PeriodRow> {
  return { name: 'periods', caption: 'Money of returns per period of the request', columns: [{ key: 'period', label: 'Period', format: 'day' }, ...(MONEY_COLUMNS as Column<PeriodRow>[])], rows };
}

/** The money per disposition, as the chart shows it. */
export function dispositionTable(rows: DispositionRow[]): ChartTable<DispositionRow & { disposition_name: string }> {
  return {
    name: 'dispositions',
    caption: 'Money of returns per disposition (not inspected: still on the way, or kept by the customer)',
    columns: [
      { key: 'disposition_name', label: 'Disposition' },
      ...(MONEY_COLUMNS as Column<DispositionRow & { disposition_name: string }>[]),
      { key: 'value_recovery_rate', label: 'Value recovery rate', format: 'percent' },
    ],
    rows: rows.map((r) => ({ ...r, disposition_name: dispositionName(r.disposition) })),
  };
}

/** Per period: what returns paid out (refunds, exchanges, costs, stacked), what they brought back, and the margin impact line. */
export function moneyByPeriodOption(rows: PeriodRow[], currency: string) {
  const periods = rows.map((r) => r.period.slice(0, 10));
  const bar = (name: string, key: keyof Money, stack: string, color: string) => ({ name, type: 'bar', stack, data: rows.map((r) => r[key]), itemStyle: { color } });
  return {
    ...BASE_OPTION,
    grid: { left: 64, right: 24, top: 48, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', name: currency },
    series: [
      bar('Refunds', 'refund_total', 'out', PALETTE[0]),
      bar('Exchanges', 'exchange_value', 'out', PALETTE[5]),
      bar('Return costs', 'return_cost_total', 'out', PALETTE[1]),
      bar('Value recovered', 'value_recovered', 'in', PALETTE[2]),
      { name: 'Margin impact', type: 'line', data: rows.map((r) => r.margin_impact), itemStyle: { color: PALETTE[6] }, lineStyle: { width: 2 }, symbolSize: 6 },
    ],
  };
}

/** Per disposition: the value of the goods returned against the value recovered from them. */
export function recoveryByDispositionOption(rows: DispositionRow[], currency: string) {
  const ordered = [...rows].reverse();
  return {
    ...BASE_OPTION,
    grid: { left: 120, right: 24, top: 32, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: currency },
    yAxis: { type: 'category', data: ordered.map((r) => dispositionName(r.disposition)) },
    series: [
      { name: 'Value returned', type: 'bar', data: ordered.map((r) => r.value_returned), itemStyle: { color: PALETTE[5] } },
      { name: 'Value recovered', type: 'bar', data: ordered.map((r) => r.value_recovered), itemStyle: { color: PALETTE[2] } },
    ],
  };
}
