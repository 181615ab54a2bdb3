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
