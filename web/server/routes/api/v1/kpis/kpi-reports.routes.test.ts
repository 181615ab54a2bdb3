import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithTwoTenants } from '../../../../testing/test-app';

// A small store through the real lifecycle: two tees (2 x 20) restocked and refunded, one lamp (50) disposed
// and refunded. By hand: refunds 90, value recovered 40 (restock at price), margin impact 50, value lost 50.
let ctx: Awaited<ReturnType<typeof appWithTwoTenants>>;
const auth = (key: string) => ({ authorization: `Bearer ${key}` });
const get = (url: string, key = ctx.keyA) => ctx.app.inject({ method: 'GET', url, headers: auth(key) });

beforeAll(async () => {
  ctx = await appWithTwoTenants();
  const { engine, tenantA } = ctx;
  const who = { actor: 't' };
  await engine.orders.createOrder(tenantA, { order_id: 'K-1', ordered_at: '2026-05-01T10:00:00Z', channel: 'web', customer: { id: 'c' }, lines: [{ sku: 'TEE', category: 'apparel', quantity: 4, unit_price: 20 }] });
  await engine.orders.createOrder(tenantA, { order_id: 'K-2', ordered_at: '2026-05-02T10:00:00Z', channel: 'app', customer: { id: 'd' }, lines: [{ sku: 'LAMP', product_name: 'Desk lamp', category: 'home', quantity: 1, unit_price: 50 }] });
  const settle = async (orderId: string, sku: string, quantity: number, reason: string, at: string, condition: string, disposition: string) => {
    const r = await engine.returns.requestReturn(tenantA, { order_id: orderId, lines: [{ sku, quantity, reason_code: reason }], requested_at: at }, who);
    for (const [action, input] of [['approve', {}], ['receive', {}], ['inspect', { lines: [{ sku, condition, disposition }] }], ['resolve', { resolution: 'refund' }]] as const) {
      await engine.returns.transition(tenantA, r.return_id, action, input, who);
    }
  };
  await settle('K-1', 'TEE', 2, 'size_too_small', '2026-05-03T10:00:00Z', 'good', 'restock');
  await settle('K-2', 'LAMP', 1, 'defective', '2026-05-10T10:00:00Z', 'damaged', 'dispose');
  await engine.jobs.drain();
  await engine.kpis.refresh();
});
afterAll(() => ctx.cleanup());

describe('GET /api/v1/kpis/products', () => {
  it('ranks SKUs by return rate, or by value lost, with their top reasons', async () => {
    const res = await get('/api/v1/kpis/products');
    expect(res.statusCode).toBe(200);
    expect(res.json().skus.map((s: { sku: string; return_rate_units: number }) => [s.sku, s.return_rate_units])).toEqual([['LAMP', 1], ['TEE', 0.5]]);
    expect(res.json().skus[0]).toMatchObject({ product_name: 'Desk lamp', refund_total: 50, value_lost: 50, top_reasons: [{ reason_code: 'defective', units_returned: 1, share_of_sku_units: 1 }] });
    const web = await get('/api/v1/kpis/products?channel=web&sort=value_lost&limit=5');
    expect(web.json()).toMatchObject({ sort: 'value_lost', skus: [{ sku: 'TEE', units_returned: 2, value_recovered: 40, value_lost: 0 }] });
    expect(web.json().skus).toHaveLength(1);
    expect((await get('/api/v1/kpis/products', ctx.keyB)).json().skus).toEqual([]);
  });
});

describe('GET /api/v1/kpis/finance', () => {
  it('answers the totals, the money per disposition and per period', async () => {
    const res = await get('/api/v1/kpis/finance?grain=month');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.totals).toEqual({ returns_count: 2, units_returned: 3, refund_total: 90, exchange_value: 0, return_cost_total: 0, value_returned: 90, value_recovered: 40, value_lost: 50, margin_impact: 50 });
    expect(body.by_disposition.map((d: { disposition: string; value_recovered: number; margin_impact: number }) => [d.disposition, d.value_recovered, d.margin_impact])).toEqual([['dispose', 0, 50], ['restock', 40, 0]]);
    expect(body.by_period).toHaveLength(1);
    expect(body.by_period[0]).toMatchObject({ period: '2026-05-01T00:00:00.000Z', margin_impact: 50 });
  });
});

describe('GET /api/v1/kpis/sustainability', () => {
  it('answers CO2 avoided against transport, landfill rate and the disposition flow', async () => {
    const body = (await get('/api/v1/kpis/sustainability?grain=week&from=2026-05-01&to=2026-06-01')).json();
    // Two restocked tees avoid 2 x 10 kg (apparel default); no distance recorded, so no transport.
    expect(body.totals).toEqual({ co2_avoided_kg: 20, co2_transport_kg: 0, materials_recycled_kg: 0, landfill_rate_units: 1 / 3, recovery_rate_units: 2 / 3 });
    expect(body.by_period.map((p: { period: string; co2_avoided_kg: number }) => [p.period.slice(0, 10), p.co2_avoided_kg])).toEqual([['2026-04-27', 20], ['2026-05-04', 0]]);
    expect(body.by_category.map((c: { category: string; landfill_rate_units: number }) => [c.category, c.landfill_rate_units])).toEqual([['apparel', 0], ['home', 1]]);
    expect(body.flows).toEqual([
      { stage: 1, source: 'apparel', target: 'restock', units: 2 },
      { stage: 1, source: 'home', target: 'dispose', units: 1 },
      { stage: 2, source: 'restock', target: 'recovered', units: 2 },
      { stage: 2, source: 'dispose', target: 'landfill', units: 1 },
    ]);
  });
});

describe('bad questions', () => {
  it('answers 400 problem+json naming the parameter', async () => {
    const cases: [string, RegExp][] = [
      ['/api/v1/kpis/products?sort=likes', /^sort 'likes' is not one of return_rate_units/],
      ['/api/v1/kpis/products?limit=-3', /^limit '-3' is not a whole number from 1 to 500/],
      ['/api/v1/kpis/finance?grain=year', /^grain 'year' is not one of day, week, month/],
      ['/api/v1/kpis/sustainability?from=May', /^from 'May' is not an ISO 8601 date/],
    ];
    for (const [url, detail] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail, url).toMatch(detail);
    }
    expect((await get('/api/v1/kpis/finance?colour=red')).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/kpis/finance' })).statusCode).toBe(401);
  });
});
