import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { InvalidInputError } from '../shared/errors';
import { engineInTempDir } from '../testing/temp-store';
import { loadContractStore } from './fixtures/load-contract-store';
import { KPI_KEYS } from './kpi-definitions';

let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;
let emptyTenantId: string;
const expected = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'expected-kpis.json'), 'utf8')) as Record<string, number>;

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-kpis-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Contract', currency: 'EUR' })).tenant.id;
  emptyTenantId = (await engine.tenants.createTenant({ name: 'Empty', currency: 'EUR' })).tenant.id;
  await loadContractStore(engine.store, tenantId);
  await engine.kpis.refresh();
});
afterAll(() => cleanup());

describe('the KPI definitions on the public contract store', () => {
  it('matches the independently computed values, key for key', async () => {
    const got = await engine.kpis.kpis(tenantId);
    expect(Object.keys(got)).toEqual([...KPI_KEYS]);
    for (const [key, value] of Object.entries(expected)) expect(got[key as keyof typeof got], key).toBeCloseTo(value, 9);
    // Transport: weight x distance x 0.107 kg/t-km: (0.7x120 + 0.9x300 + 1.4x250 + 0.1x120) / 1000 x 0.107; Q-4 has no distance.
    expect(got.co2_transport_kg).toBeCloseTo(0.076612, 9);
  });

  it('totals money to the cent, with no binary fraction left over', async () => {
    const { tenant } = await engine.tenants.createTenant({ name: 'Cents', currency: 'EUR' });
    const t = `'${tenant.id}'`;
    // Ten refunds of 0.10: summed as doubles they make 0.9999999999999999.
    await engine.store.withConnection(async (c) => {
      await c.run(`insert into orders select ${t}, 'O' || i, timestamptz '2026-05-01', null, 'C1', 'EUR', 'web', 'test', now(), now() from range(10) t(i)`);
      await c.run(`insert into order_lines select ${t}, 'O' || i, '1', 'SKU1', null, 'apparel', 1, 0.30, 0.5, null, false from range(10) t(i)`);
      await c.run(`insert into returns (tenant_id, id, order_id, customer_id, status, resolution, source, requested_at, version, updated_at)
                   select ${t}, 'R' || i, 'O' || i, 'C1', 'resolved', 'refund', 'test', timestamptz '2026-05-03', 1, now() from range(10) t(i)`);
      await c.run(`insert into return_lines (tenant_id, return_id, order_id, line_id, sku, quantity, refund_amount, refunded_at)
                   select ${t}, 'R' || i, 'O' || i, '1', 'SKU1', 1, 0.10, timestamptz '2026-05-04' from range(10) t(i)`);
    });
    await engine.kpis.refresh({ runTests: false });
    expect((await engine.kpis.kpis(tenant.id)).refund_total).toBe(1);
  });

  it('counts return-side KPIs by request date within [from, to)', async () => {
    const got = await engine.kpis.kpis(tenantId, { from: '2026-05-10', to: '2026-05-15' });
    expect(got).toMatchObject({ returns_count: 1, units_returned: 1, cost_per_return: 9, refund_total: 140, time_to_restock_hours_median: 24 });
    // Cohort: order S-3 (two boots, 280) was placed in the window and one boot (140) came back.
    expect(got.return_rate_units).toBe(0.5);
    expect(got.return_rate_value).toBe(0.5);
  });

  it('applies category filters to both sides of the return rate', async () => {
    const got = await engine.kpis.kpis(tenantId, { category: 'apparel' });
    expect(got).toMatchObject({ returns_count: 2, units_returned: 2, retention_rate_units: 1 });
    expect(got.return_rate_units).toBeCloseTo(2 / 3, 12);
    // Categories are stored in lower case; a filter written as a person would write it finds them.
    expect(await engine.kpis.kpis(tenantId, { category: ' Apparel ' })).toEqual(got);
  });

  it('filters returns by reason but keeps the whole cohort as the denominator', async () => {
    const got = await engine.kpis.kpis(tenantId, { reason: 'color' });
    expect(got.returns_count).toBe(1);
    expect(got.return_rate_units).toBeCloseTo(1 / 7, 12);
  });

  it('answers null, never 0 or NaN, when a denominator is empty', async () => {
    const got = await engine.kpis.kpis(tenantId, { from: '2030-01-01', to: '2030-02-01' });
    expect(got).toMatchObject({ returns_count: 0, units_returned: 0, refund_total: 0, co2_avoided_kg: 0 });
    for (const key of ['return_rate_units', 'cost_per_return', 'time_to_refund_days_median', 'recovery_rate_units', 'landfill_rate_units', 'retention_rate_units'] as const) {
      expect(got[key], key).toBeNull();
    }
    expect((await engine.kpis.kpis(emptyTenantId)).return_rate_units).toBeNull();
  });

  it('quotes filter values: a quote in a filter is data, not SQL', async () => {
    const got = await engine.kpis.kpis(tenantId, { category: "apparel' or '1'='1" });
    expect(got.returns_count).toBe(0);
  });

  it('refuses unknown metrics, grains, dimensions and dates with the parameter named', async () => {
    await expect(engine.kpis.timeseries(tenantId, 'happiness', 'month')).rejects.toThrow(InvalidInputError);
    await expect(engine.kpis.timeseries(tenantId, 'returns_count', 'year')).rejects.toThrow("grain 'year' is not one of day, week, month");
    await expect(engine.kpis.breakdown(tenantId, 'returns_count', 'colour')).rejects.toThrow("by 'colour' is not one of");
    await expect(engine.kpis.kpis(tenantId, { from: 'last tuesday' })).rejects.toThrow("from 'last tuesday' is not an ISO 8601 date");
  });

  it('gives time series and breakdowns from the same formulas', async () => {
    const weeks = await engine.kpis.timeseries(tenantId, 'units_returned', 'week');
    expect(weeks.reduce((s, p) => s + (p.value ?? 0), 0)).toBe(5);
    const byCategory = await engine.kpis.breakdown(tenantId, 'refund_total', 'category');
    expect(byCategory).toEqual([
      { value: 'footwear', kpi: 140 },
      { value: 'electronics', kpi: 89 },
      { value: 'home', kpi: 35 },
      { value: 'apparel', kpi: 15 },
    ]);
    const byDisposition = await engine.kpis.breakdown(tenantId, 'units_returned', 'disposition');
    expect(Object.fromEntries(byDisposition.map((r) => [r.value, r.kpi]))).toEqual({ restock: 2, refurbish: 1, resell_secondary: 1, null: 1 });
  });
});

describe('refreshing the marts', () => {
  it('folds a new and a declined return in incrementally, with the same result as a full rebuild', async () => {
    await engine.orders.createOrder(tenantId, { order_id: 'S-9', ordered_at: new Date().toISOString(), customer: { id: 'K-9' }, lines: [{ sku: 'MUG', category: 'home', quantity: 2, unit_price: 12 }] });
    const kept = await engine.returns.requestReturn(tenantId, { order_id: 'S-9', lines: [{ sku: 'MUG', quantity: 1 }] }, { actor: 't' });
    await engine.returns.transition(tenantId, kept.return_id, 'resolve', { resolution: 'keep_it' }, { actor: 't' });
    const refused = await engine.returns.requestReturn(tenantId, { order_id: 'S-9', lines: [{ sku: 'MUG', quantity: 1 }] }, { actor: 't' });
    await engine.returns.transition(tenantId, refused.return_id, 'decline', { reason: 'used' }, { actor: 't' });
    await engine.jobs.drain();
    const build = await engine.kpis.refresh();
    expect(build.models.find((m) => m.name === 'fct_return_lines')?.mode).toBe('incremental');
    const incremental = await engine.kpis.kpis(tenantId);
    expect(incremental.returns_count).toBe(6);
    expect(incremental.refund_total).toBe(279 + 12);
    await engine.kpis.refresh({ fullRefresh: true });
    expect(await engine.kpis.kpis(tenantId)).toEqual(incremental);
  });

  it('rebuilds a fact table whole when the project changed its columns, keeping the same numbers', async () => {
    const before = await engine.kpis.kpis(tenantId);
    await engine.store.query('alter table fct_return_lines drop column requested_week');
    const build = await engine.kpis.refresh({ runTests: false });
    expect(build.models.find((m) => m.name === 'fct_return_lines')?.mode).toBe('full');
    expect(build.models.find((m) => m.name === 'fct_order_lines')?.mode).toBe('incremental');
    const [{ n }] = await engine.store.query<{ n: number }>(`select count(*)::int as n from information_schema.columns where table_name = 'fct_return_lines' and column_name = 'requested_week'`);
    expect(n).toBe(1);
    expect(await engine.kpis.kpis(tenantId)).toEqual(before);
  });

  it('drops a line taken off a return from the fact at the next refresh, as a full rebuild would', async () => {
    const lines = [{ sku: 'TEE', category: 'apparel', quantity: 1, unit_price: 20 }, { sku: 'SOCK', category: 'apparel', quantity: 2, unit_price: 5 }];
    await engine.orders.createOrder(tenantId, { order_id: 'S-10', ordered_at: new Date().toISOString(), customer: { id: 'K-10' }, lines });
    const ret = await engine.returns.requestReturn(tenantId, { order_id: 'S-10', lines: [{ sku: 'TEE', quantity: 1 }, { sku: 'SOCK', quantity: 2 }] }, { actor: 't' });
    await engine.jobs.drain();
    await engine.kpis.refresh({ runTests: false });
    const factLines = () => engine.store.query(`select sku, units from fct_return_lines where tenant_id = $1 and return_id = $2 order by sku`, [tenantId, ret.return_id]);
    expect(await factLines()).toEqual([{ sku: 'SOCK', units: 2 }, { sku: 'TEE', units: 1 }]);
    await engine.returns.removeUnits(tenantId, ret.return_id, [{ sku: 'SOCK', quantity: 2 }], { actor: 't' });
    const build = await engine.kpis.refresh();
    expect(build.models.find((m) => m.name === 'fct_return_lines')?.mode).toBe('incremental');
    expect(build.failures).toEqual([]);
    expect(await factLines()).toEqual([{ sku: 'TEE', units: 1 }]);
    const incremental = await engine.kpis.kpis(tenantId);
    await engine.kpis.refresh({ fullRefresh: true, runTests: false });
    expect(await engine.kpis.kpis(tenantId)).toEqual(incremental);
  });

  it('reports a failing data test with the model, the test and sample rows', async () => {
    await engine.store.query(`update return_lines set disposition = 'burn' where tenant_id = $1 and return_id = 'Q-5'`, [tenantId]);
    await engine.store.query(`update returns set updated_at = now() where tenant_id = $1 and id = 'Q-5'`, [tenantId]);
    const build = await engine.kpis.refresh();
    const failure = build.failures.find((f) => f.model === 'fct_return_lines' && f.test === 'accepted_values');
    expect(failure).toMatchObject({ column: 'disposition', failing: 1, sample: [{ disposition: 'burn', occurrences: '1' }] });
    await engine.store.query(`update return_lines set disposition = 'resell_secondary' where tenant_id = $1 and return_id = 'Q-5'`, [tenantId]);
  });
});
