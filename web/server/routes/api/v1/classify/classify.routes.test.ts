import { afterAll, beforeAll, expect, it } from 'vitest';
import { appWithTwoTenants } from '../../../../testing/test-app';

let ctx: Awaited<ReturnType<typeof appWithTwoTenants>>;
beforeAll(async () => (ctx = await appWithTwoTenants()));
afterAll(() => ctx.cleanup());

it('classifies texts in order', async () => {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/classify', headers: { authorization: `Bearer ${ctx.keyA}` }, payload: { texts: ['found it cheaper elsewhere', 'arrived shattered'] } });
  expect(res.statusCode).toBe(200);
  expect(res.json().results.map((r: { reason_code: string }) => r.reason_code)).toEqual(['better_price', 'damaged_in_transit']);
});

it('refuses a body without texts, or texts that are not strings', async () => {
  const none = await ctx.app.inject({ method: 'POST', url: '/api/v1/classify', headers: { authorization: `Bearer ${ctx.keyA}` }, payload: { texts: [] } });
  expect(none.statusCode).toBe(400);
  const numbers = await ctx.app.inject({ method: 'POST', url: '/api/v1/classify', headers: { authorization: `Bearer ${ctx.keyA}` }, payload: { texts: [1] } });
  expect(numbers.statusCode).toBe(400);
  expect(numbers.json().errors[0]).toEqual({ field: 'texts.0', message: 'must be string' });
});

it("records a merchant's correction of a line's reason, refusing unknown codes and other tenants' lines", async () => {
  await ctx.engine.orders.createOrder(ctx.tenantA, { order_id: 'CR-1', ordered_at: new Date().toISOString(), customer: { id: 'c' }, lines: [{ sku: 'BAG', category: 'home', quantity: 1, unit_price: 30 }] });
  const ret = await ctx.engine.returns.requestReturn(ctx.tenantA, { order_id: 'CR-1', lines: [{ sku: 'BAG', quantity: 1, reason_text: 'the strap snapped' }] }, { actor: 't' });
  const url = `/api/v1/returns/${ret.return_id}/lines/BAG/reason`;
  const ok = await ctx.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${ctx.keyA}` }, payload: { reason_code: 'defective' } });
  expect(ok.statusCode).toBe(204);
  expect(await ctx.engine.reasons.corrections()).toEqual([{ tenant_id: ctx.tenantA, text: 'the strap snapped', reason_code: 'defective' }]);
  const bad = await ctx.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${ctx.keyA}` }, payload: { reason_code: 'meh' } });
  expect(bad.statusCode).toBe(400);
  const other = await ctx.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${ctx.keyB}` }, payload: { reason_code: 'defective' } });
  expect(other.statusCode).toBe(404);
});

it('counts a corrected line under the merchant\'s reason in the KPIs, over the code given and the model\'s reading', async () => {
  await ctx.engine.orders.createOrder(ctx.tenantA, { order_id: 'CR-2', ordered_at: new Date().toISOString(), customer: { id: 'c' }, lines: [{ sku: 'MUG', category: 'home', quantity: 2, unit_price: 12 }] });
  const ret = await ctx.engine.returns.requestReturn(ctx.tenantA, { order_id: 'CR-2', lines: [{ sku: 'MUG', quantity: 2, reason_code: 'defective', reason_text: 'chipped rim on both' }] }, { actor: 't' });
  await ctx.engine.jobs.drain();
  await ctx.engine.kpis.refresh({ runTests: false });
  const reasonOf = async () =>
    (await ctx.engine.store.query<{ reason_code: string }>('select reason_code from fct_return_lines where return_id = $1', [ret.return_id]))[0].reason_code;
  expect(await reasonOf()).toBe('defective');
  const res = await ctx.app.inject({
    method: 'PUT', url: `/api/v1/returns/${ret.return_id}/lines/MUG/reason`, headers: { authorization: `Bearer ${ctx.keyA}` }, payload: { reason_code: 'damaged_in_transit' },
  });
  expect(res.statusCode).toBe(204);
  await ctx.engine.kpis.refresh({ runTests: false }); // incremental: the correction moved the return's updated_at
  expect(await reasonOf()).toBe('damaged_in_transit');
  const shown = await ctx.app.inject({ method: 'GET', url: `/api/v1/returns/${ret.return_id}`, headers: { authorization: `Bearer ${ctx.keyA}` } });
  expect(shown.json().lines[0]).toMatchObject({ reason_code: 'defective', corrected_reason_code: 'damaged_in_transit' });
});
