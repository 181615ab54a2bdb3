import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithTwoTenants } from '../../../../testing/test-app';

let ctx: Awaited<ReturnType<typeof appWithTwoTenants>>;
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  ctx = await appWithTwoTenants();
  await ctx.engine.orders.createOrder(ctx.tenantA, { order_id: 'K-1', ordered_at: '2026-05-01T10:00:00Z', customer: { id: 'c' }, lines: [{ sku: 'TEE', category: 'apparel', quantity: 4, unit_price: 20 }] });
  await ctx.engine.returns.requestReturn(ctx.tenantA, { order_id: 'K-1', lines: [{ sku: 'TEE', quantity: 1 }], requested_at: '2026-05-03T10:00:00Z' }, { actor: 't' });
  await ctx.engine.kpis.refresh();
});
afterAll(() => ctx.cleanup());

describe('GET /api/v1/kpis', () => {
  it('answers the KPI object for the caller tenant only', async () => {
    const a = await ctx.app.inject({ method: 'GET', url: '/api/v1/kpis', headers: auth(ctx.keyA) });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ returns_count: 1, units_returned: 1, return_rate_units: 0.25, cost_per_return: null });
    const b = await ctx.app.inject({ method: 'GET', url: '/api/v1/kpis', headers: auth(ctx.keyB) });
    expect(b.json()).toMatchObject({ returns_count: 0, return_rate_units: null });
  });

  it('serves a time series and a breakdown', async () => {
    const ts = await ctx.app.inject({ method: 'GET', url: '/api/v1/kpis/timeseries?metric=units_returned&grain=day&from=2026-05-01', headers: auth(ctx.keyA) });
    expect(ts.json()).toEqual({ metric: 'units_returned', grain: 'day', points: [{ period: '2026-05-01T00:00:00.000Z', value: 0 }, { period: '2026-05-03T00:00:00.000Z', value: 1 }] });
    const br = await ctx.app.inject({ method: 'GET', url: '/api/v1/kpis/breakdown?metric=return_rate_units&by=category', headers: auth(ctx.keyA) });
    expect(br.json().rows).toEqual([{ value: 'apparel', kpi: 0.25 }]);
  });

  it('answers 400 problem+json naming a bad parameter', async () => {
    const bad = await ctx.app.inject({ method: 'GET', url: '/api/v1/kpis/timeseries?metric=mood', headers: auth(ctx.keyA) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/^metric 'mood' is not a KPI/);
    const date = await ctx.app.inject({ method: 'GET', url: '/api/v1/kpis?to=soon', headers: auth(ctx.keyA) });
    expect(date.statusCode).toBe(400);
    expect(date.json().detail).toMatch(/^to 'soon' is not an ISO 8601/);
    const missing = await ctx.app.inject({ method: 'GET', url: '/api/v1/kpis/breakdown?metric=refund_total', headers: auth(ctx.keyA) });
    expect(missing.statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/kpis' })).statusCode).toBe(401);
  });
});
