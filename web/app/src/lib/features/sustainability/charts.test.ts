import { expect, it } from 'vitest';
import { co2Option, flowOption, flowTable, ratesOption } from './charts';

const flows = [
  { stage: 1 as const, source: 'apparel', target: 'restock', units: 2 },
  { stage: 1 as const, source: 'home', target: 'dispose', units: 1 },
  { stage: 1 as const, source: 'recovered', target: 'resell_secondary', units: 1 }, // a category named like an outcome
  { stage: 2 as const, source: 'restock', target: 'recovered', units: 2 },
  { stage: 2 as const, source: 'dispose', target: 'landfill', units: 1 },
  { stage: 2 as const, source: 'resell_secondary', target: 'recovered', units: 1 },
];

it('draws the disposition flow as a Sankey with unique nodes in three columns', () => {
  const option = flowOption(flows);
  const [series] = option.series;
  expect(series.type).toBe('sankey');
  expect(series.data.map((n) => [n.name, n.depth])).toEqual([
    ['apparel', 0], ['restock', 1], ['home', 0], ['dispose', 1], ['recovered (category)', 0], ['resell secondary', 1], ['recovered', 2], ['landfill', 2],
  ]);
  expect(series.links).toContainEqual({ source: 'recovered (category)', target: 'resell secondary', value: 1 });
  expect(series.links.reduce((n, l) => n + l.value, 0)).toBe(8);
  expect(option).toMatchSnapshot();
});

it('lists the same links in the table, by step', () => {
  expect(flowTable(flows).rows[0]).toEqual({ step: 'category → disposition', source: 'apparel', target: 'restock', units: 2 });
  expect(flowTable(flows).rows[5]).toEqual({ step: 'disposition → outcome', source: 'resell secondary', target: 'recovered', units: 1 });
});

it('charts CO2e avoided against transport, and the rates in % with gaps where nothing was settled', () => {
  const rows = [
    { period: '2026-04-27T00:00:00.000Z', co2_avoided_kg: 20, co2_transport_kg: 0.0749, materials_recycled_kg: 0, landfill_rate_units: 0, recovery_rate_units: 1 },
    { period: '2026-05-04T00:00:00.000Z', co2_avoided_kg: 0, co2_transport_kg: 0, materials_recycled_kg: 0, landfill_rate_units: null, recovery_rate_units: null },
  ];
  expect(co2Option(['a', 'b'], rows).series.map((s) => s.data)).toEqual([[20, 0], [0.075, 0]]); // transport to the gram
  expect(ratesOption(rows).series.map((s) => s.data)).toEqual([[100, null], [0, null]]);
});
