import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { engineInTempDir } from '../testing/temp-store';

// Returns of several lines, costs on some lines only: returns are counted once whether the question counts them
// by the fact's first-line marks (whole returns pass the filters) or distinct (a filter picks single lines).
let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-return-counting-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Counting', currency: 'EUR' })).tenant.id;
  const t = `'${tenantId}'`;
  await engine.store.withConnection(async (c) => {
    await c.run(`insert into orders values (${t}, 'O-1', '2026-05-01T10:00:00Z', null, 'K-1', 'EUR', 'web', 'test', now(), now()),
                                           (${t}, 'O-2', '2026-05-02T10:00:00Z', null, 'K-2', 'EUR', 'app', 'test', now(), now())`);
    await c.run(`insert into order_lines values (${t}, 'O-1', '1', 'A', null, 'apparel', 1, 10, null, null, false),
      (${t}, 'O-1', '2', 'B', null, 'apparel', 1, 20, null, null, false), (${t}, 'O-1', '3', 'C', null, 'home', 1, 30, null, null, false),
      (${t}, 'O-2', '1', 'A', null, 'apparel', 2, 10, null, null, false)`);
    await c.run(`insert into returns (tenant_id, id, order_id, customer_id, status, resolution, source, requested_at, version, updated_at)
      values (${t}, 'R-1', 'O-1', 'K-1', 'requested', null, 'test', '2026-05-05T10:00:00Z', 1, now()),
             (${t}, 'R-2', 'O-2', 'K-2', 'requested', null, 'test', '2026-05-12T10:00:00Z', 1, now())`);
    // A without a cost, B with shipping, C with processing. R-2: A without a cost.
    await c.run(`insert into return_lines (tenant_id, return_id, order_id, line_id, sku, quantity, reason_code, shipping_cost, processing_cost)
      values (${t}, 'R-1', 'O-1', '1', 'A', 1, 'style', null, null), (${t}, 'R-1', 'O-1', '2', 'B', 1, 'quality', 4, null),
             (${t}, 'R-1', 'O-1', '3', 'C', 1, 'quality', null, 2), (${t}, 'R-2', 'O-2', '1', 'A', 2, 'style', null, null)`);
  });
  await engine.kpis.refresh();
});
afterAll(() => cleanup());

it('counts each return once, and the cost per return over the returns with a cost recorded', async () => {
  expect(await engine.kpis.kpis(tenantId)).toMatchObject({ returns_count: 2, units_returned: 5, cost_per_return: 6 });
  expect(await engine.kpis.kpis(tenantId, { channel: 'web' })).toMatchObject({ returns_count: 1, cost_per_return: 6 });
  expect(await engine.kpis.kpis(tenantId, { from: '2026-05-10', to: '2026-05-20' })).toMatchObject({ returns_count: 1, cost_per_return: null });
});

it('counts the returns having a line that passes a per-line filter', async () => {
  expect(await engine.kpis.kpis(tenantId, { sku: 'A' })).toMatchObject({ returns_count: 2, units_returned: 3, cost_per_return: null });
  expect(await engine.kpis.kpis(tenantId, { reason: 'quality' })).toMatchObject({ returns_count: 1, units_returned: 2, cost_per_return: 6 });
  expect(await engine.kpis.kpis(tenantId, { category: 'home' })).toMatchObject({ returns_count: 1, cost_per_return: 2 });
});

it('counts returns the same way per period, per dimension and in the money marts', async () => {
  const weeks = await engine.kpis.kpisByPeriod(tenantId, 'week');
  expect(weeks.filter((w) => w.returns_count).map((w) => [w.period.slice(0, 10), w.returns_count, w.cost_per_return])).toEqual([
    ['2026-05-04', 1, 6],
    ['2026-05-11', 1, null],
  ]);
  const bySku = await engine.kpis.kpisByDimension(tenantId, 'sku');
  expect(bySku.map((s) => [s.value, s.returns_count])).toEqual([['A', 2], ['B', 1], ['C', 1]]);
  const finance = await engine.kpis.finance(tenantId, 'month');
  expect(finance.by_period.map((p) => p.returns_count)).toEqual([2]);
});

it('marks exactly one first line per return, and one first costed line per return with a cost', async () => {
  const marks = await engine.store.query(
    `select return_id, count_if(is_first_line_of_return) as first, count_if(is_first_costed_line_of_return) as costed
     from fct_return_lines group by all order by all`,
  );
  expect(marks).toEqual([
    { return_id: 'R-1', first: 1, costed: 1 },
    { return_id: 'R-2', first: 1, costed: 0 },
  ]);
});
