import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { engineInTempDir } from '../testing/temp-store';
import { loadContractStore } from './fixtures/load-contract-store';

// The products, finance and sustainability marts on the public contract store (fixtures/*.csv), every number
// computed by hand from the five returns:
//   Q-1 HOOD-L 60   exchange      restock          recovered 60 (restock at price)  cost 7
//   Q-2 SPKR   89   refund 89     refurbish        recovered 50                     cost 22
//   Q-3 BOOT-41 140 refund 140    restock          recovered 140                    cost 9
//   Q-4 VASE   35   keep_it 35    (no disposition) recovered 0                      cost 1
//   Q-5 CAP    15   store cr. 15  resell_secondary recovered 9                      cost 5.5
let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-kpi-reports-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Contract', currency: 'EUR' })).tenant.id;
  await loadContractStore(engine.store, tenantId);
  const build = await engine.kpis.refresh();
  expect(build.failures).toEqual([]);
});
afterAll(() => cleanup());

describe('finance', () => {
  it('adds refunds, exchanges at price and costs, less value recovered, into the margin impact', async () => {
    const { totals } = await engine.kpis.finance(tenantId, 'month');
    expect(totals).toEqual({
      returns_count: 5,
      units_returned: 5,
      refund_total: 279,
      exchange_value: 60,
      return_cost_total: 44.5,
      value_returned: 339,
      value_recovered: 259,
      value_lost: 80, // SPKR 89-50, VASE kept 35, CAP 15-9
      margin_impact: 124.5, // 279 + 60 + 44.5 - 259
    });
  });

  it('splits the money by disposition, the lines without one on their own row', async () => {
    const { by_disposition } = await engine.kpis.finance(tenantId, 'month');
    const by = Object.fromEntries(by_disposition.map((r) => [String(r.disposition), r]));
    expect(by_disposition.map((r) => r.disposition)).toEqual(['restock', 'refurbish', null, 'resell_secondary']);
    expect(by.restock).toMatchObject({ units_returned: 2, value_returned: 200, value_recovered: 200, refund_total: 140, exchange_value: 60, return_cost_total: 16, margin_impact: 16, value_recovery_rate: 1 });
    expect(by.refurbish).toMatchObject({ value_recovered: 50, margin_impact: 61 });
    expect(by.null).toMatchObject({ value_recovered: 0, value_lost: 35, margin_impact: 36, value_recovery_rate: null });
    expect(by.resell_secondary.margin_impact).toBeCloseTo(11.5, 9);
  });

  it('gives the money per period of the request and honours the window', async () => {
    const { by_period } = await engine.kpis.finance(tenantId, 'week', { from: '2026-05-01', to: '2026-05-11' });
    // Q-1 (May 8) and Q-2 (May 9) fall in the ISO week of Monday May 4.
    expect(by_period).toEqual([
      { period: '2026-05-04T00:00:00.000Z', returns_count: 2, units_returned: 2, refund_total: 89, exchange_value: 60, return_cost_total: 29, value_returned: 149, value_recovered: 110, value_lost: 39, margin_impact: 68 },
    ]);
  });

  it('answers zeros for a window without returns', async () => {
    const { totals, by_disposition, by_period } = await engine.kpis.finance(tenantId, 'day', { from: '2030-01-01', to: '2030-02-01' });
    expect(totals.margin_impact).toBe(0);
    expect(by_disposition).toEqual([]);
    expect(by_period).toEqual([]);
  });
});

describe('sustainability', () => {
  it('gives the disposition flow, category -> disposition -> outcome, in units', async () => {
    expect(await engine.kpis.dispositionFlows(tenantId)).toEqual([
      { stage: 1, source: 'apparel', target: 'resell_secondary', units: 1 },
      { stage: 1, source: 'apparel', target: 'restock', units: 1 },
      { stage: 1, source: 'electronics', target: 'refurbish', units: 1 },
      { stage: 1, source: 'footwear', target: 'restock', units: 1 },
      { stage: 1, source: 'home', target: 'not inspected', units: 1 },
      { stage: 2, source: 'restock', target: 'recovered', units: 2 },
      { stage: 2, source: 'not inspected', target: 'kept by customer', units: 1 },
      { stage: 2, source: 'refurbish', target: 'recovered', units: 1 },
      { stage: 2, source: 'resell_secondary', target: 'recovered', units: 1 },
    ]);
    expect(await engine.kpis.dispositionFlows(tenantId, { channel: 'app' })).toEqual([
      { stage: 1, source: 'electronics', target: 'refurbish', units: 1 },
      { stage: 2, source: 'refurbish', target: 'recovered', units: 1 },
    ]);
  });

  it('sends disposed lines to landfill and unsettled ones to awaiting inspection', async () => {
    await engine.store.query(`update return_lines set disposition = 'dispose' where tenant_id = $1 and return_id = 'Q-5'`, [tenantId]);
    await engine.store.query(`update returns set resolution = null, updated_at = now() where tenant_id = $1 and id = 'Q-4'`, [tenantId]);
    await engine.store.query(`update returns set updated_at = now() where tenant_id = $1 and id = 'Q-5'`, [tenantId]);
    await engine.kpis.refresh();
    const outcomes = (await engine.kpis.dispositionFlows(tenantId)).filter((f) => f.stage === 2);
    expect(outcomes).toContainEqual({ stage: 2, source: 'dispose', target: 'landfill', units: 1 });
    expect(outcomes).toContainEqual({ stage: 2, source: 'not inspected', target: 'awaiting inspection', units: 1 });
    expect((await engine.kpis.kpis(tenantId)).landfill_rate_units).toBe(0.25);
    await engine.store.query(`update return_lines set disposition = 'resell_secondary' where tenant_id = $1 and return_id = 'Q-5'`, [tenantId]);
    await engine.store.query(`update returns set resolution = 'keep_it', updated_at = now() where tenant_id = $1 and id = 'Q-4'`, [tenantId]);
    await engine.store.query(`update returns set updated_at = now() where tenant_id = $1 and id = 'Q-5'`, [tenantId]);
    await engine.kpis.refresh();
  });

  it('gives CO2 avoided against transport emitted per period and per category from one query each', async () => {
    const months = await engine.kpis.kpisByPeriod(tenantId, 'month');
    expect(months).toHaveLength(1);
    expect(months[0]).toMatchObject({ period: '2026-05-01T00:00:00.000Z', co2_avoided_kg: 71, landfill_rate_units: 0 });
    expect(months[0].co2_transport_kg).toBeCloseTo(0.076612, 9);
    const categories = await engine.kpis.kpisByDimension(tenantId, 'category');
    expect(categories.map((c) => [c.value, c.co2_avoided_kg])).toEqual([['apparel', 23], ['electronics', 30], ['footwear', 18], ['home', 0]]);
    // footwear: 1.4 kg x 250 km / 1000 x 0.107
    expect(categories.find((c) => c.value === 'footwear')!.co2_transport_kg).toBeCloseTo(0.03745, 9);
    await expect(engine.kpis.kpisByPeriod(tenantId, 'quarter')).rejects.toThrow("grain 'quarter' is not one of day, week, month");
    await expect(engine.kpis.kpisByDimension(tenantId, 'colour')).rejects.toThrow("by 'colour' is not one of");
  });
});

describe('products', () => {
  it('ranks SKUs by return rate with their costs, value lost and top reasons', async () => {
    const { sort, skus } = await engine.kpis.products(tenantId);
    expect(sort).toBe('return_rate_units');
    expect(skus.map((s) => [s.sku, s.return_rate_units])).toEqual([
      ['BOOT-41', 1], ['HOOD-L', 1], ['SPKR', 1], ['VASE', 1], ['CAP', 0.5], ['BOOT-40', 0], // ties by units, then SKU
    ]);
    const spkr = skus.find((s) => s.sku === 'SPKR')!;
    expect(spkr).toMatchObject({ product_name: 'Bluetooth speaker', category: 'electronics', units_ordered: 1, units_returned: 1, refund_total: 89, return_cost_total: 22, value_lost: 39 });
    expect(spkr.top_reasons).toEqual([{ reason_code: 'defective', units_returned: 1, share_of_sku_units: 1 }]);
    expect(skus.find((s) => s.sku === 'BOOT-41')!.top_reasons).toEqual([{ reason_code: null, units_returned: 1, share_of_sku_units: 1 }]);
    expect(skus.find((s) => s.sku === 'BOOT-40')).toMatchObject({ units_returned: 0, value_lost: 0, top_reasons: [] });
  });

  it('ranks by value lost or cost on request, keeps the limit and applies the filters', async () => {
    const byLoss = await engine.kpis.products(tenantId, {}, { sort: 'value_lost', limit: 2 });
    expect(byLoss.skus.map((s) => [s.sku, s.value_lost])).toEqual([['SPKR', 39], ['VASE', 35]]);
    const byCost = await engine.kpis.products(tenantId, {}, { sort: 'return_cost_total', limit: 1 });
    expect(byCost.skus.map((s) => s.sku)).toEqual(['SPKR']);
    const apparel = await engine.kpis.products(tenantId, { category: 'apparel' });
    expect(apparel.skus.map((s) => s.sku).sort()).toEqual(['CAP', 'HOOD-L']);
  });

  it('keeps the three most frequent reasons of a SKU, with their share of its units', async () => {
    await engine.orders.createOrder(tenantId, { order_id: 'S-5', ordered_at: '2026-05-05T10:00:00Z', customer: { id: 'K-1' }, lines: [{ sku: 'TEE', category: 'apparel', quantity: 10, unit_price: 20 }] });
    const reasons = ['size_too_small', 'size_too_small', 'size_too_small', 'color', 'color', 'style', 'defective'];
    for (const [i, reason] of reasons.entries()) {
      await engine.store.query(
        `insert into returns (tenant_id, id, order_id, customer_id, status, source, requested_at, version, updated_at) values ($1, $2, 'S-5', 'K-1', 'requested', 'test', '2026-05-06T10:00:00Z', 1, now())`,
        [tenantId, `T-${i}`],
      );
      await engine.store.query(`insert into return_lines (tenant_id, return_id, order_id, line_id, sku, quantity, reason_code) values ($1, $2, 'S-5', 'TEE', 'TEE', 1, $3)`, [tenantId, `T-${i}`, reason]);
    }
    await engine.kpis.refresh();
    const tee = (await engine.kpis.products(tenantId, {}, { sort: 'units_returned', limit: 1 })).skus[0];
    expect(tee.sku).toBe('TEE');
    expect(tee.return_rate_units).toBeCloseTo(0.7, 12);
    expect(tee.top_reasons.map((r) => [r.reason_code, r.units_returned])).toEqual([['size_too_small', 3], ['color', 2], ['defective', 1]]);
    expect(tee.top_reasons[0].share_of_sku_units).toBeCloseTo(3 / 7, 12);
  });

  it('refuses an unknown sort and a bad limit, naming what is accepted', async () => {
    await expect(engine.kpis.products(tenantId, {}, { sort: 'popularity' })).rejects.toThrow("sort 'popularity' is not one of return_rate_units,");
    await expect(engine.kpis.products(tenantId, {}, { limit: '0' })).rejects.toThrow("limit '0' is not a whole number from 1 to 500");
    await expect(engine.kpis.products(tenantId, { from: '31/05/2026' })).rejects.toThrow("from '31/05/2026' is not an ISO 8601 date");
  });
});
