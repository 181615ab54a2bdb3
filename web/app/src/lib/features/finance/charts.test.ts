import { expect, it } from 'vitest';
import { dispositionTable, moneyByPeriodOption, periodTable, recoveryByDispositionOption, type FinanceReport } from './charts';

const money = (over: Partial<FinanceReport['totals']>) => ({
  returns_count: 1, units_returned: 1, refund_total: 0, exchange_value: 0, return_cost_total: 0, value_returned: 0, value_recovered: 0, value_lost: 0, margin_impact: 0, ...over,
});
const byPeriod = [
  { period: '2026-05-04T00:00:00.000Z', ...money({ returns_count: 2, units_returned: 2, refund_total: 89, exchange_value: 60, return_cost_total: 29, value_returned: 149, value_recovered: 110, value_lost: 39, margin_impact: 68 }) },
  { period: '2026-05-11T00:00:00.000Z', ...money({ refund_total: 140, return_cost_total: 9, value_returned: 140, value_recovered: 140, margin_impact: 9 }) },
];
const byDisposition = [
  { disposition: 'restock', value_recovery_rate: 1, ...money({ units_returned: 2, value_returned: 200, value_recovered: 200, margin_impact: 16 }) },
  { disposition: null, value_recovery_rate: null, ...money({ value_returned: 35, value_lost: 35, margin_impact: 36 }) },
];

it('charts paid out (stacked) against recovered per period, with the margin impact as a line', () => {
  const option = moneyByPeriodOption(byPeriod, 'EUR');
  expect(option.xAxis.data).toEqual(['2026-05-04', '2026-05-11']);
  expect(option.series.map((s) => [s.name, s.data])).toEqual([
    ['Refunds', [89, 140]], ['Exchanges', [60, 0]], ['Return costs', [29, 9]], ['Value recovered', [110, 140]], ['Margin impact', [68, 9]],
  ]);
  expect(option).toMatchSnapshot();
});

it('names the lines without a disposition and keeps the same numbers in the tables', () => {
  const option = recoveryByDispositionOption(byDisposition, 'EUR');
  expect(option.yAxis.data).toEqual(['not inspected', 'restock']);
  expect(option.series[1].data).toEqual([0, 200]);
  expect(dispositionTable(byDisposition).rows.map((r) => [r.disposition_name, r.value_recovered, r.margin_impact])).toEqual([['restock', 200, 16], ['not inspected', 0, 36]]);
  expect(periodTable(byPeriod).columns.map((c) => c.key)).toEqual(['period', 'returns_count', 'units_returned', 'refund_total', 'exchange_value', 'return_cost_total', 'value_returned', 'value_recovered', 'value_lost', 'margin_impact']);
});
