import { afterAll, beforeAll, expect, it } from 'vitest';
import { appWithTwoTenants } from '../../../../testing/test-app';

let ctx: Awaited<ReturnType<typeof appWithTwoTenants>>;
const auth = () => ({ authorization: `Bearer ${ctx.keyA}` });
beforeAll(async () => (ctx = await appWithTwoTenants()));
afterAll(() => ctx.cleanup());

const set = { rules: [{ name: 'cheap', priority: 1, enabled: true, conditions: { all: [{ fact: 'line_value', operator: 'lessThan', value: 30 }] }, outcome: { type: 'approve' } }] };

it('activates, reads and backtests a rule set', async () => {
  const put = await ctx.app.inject({ method: 'PUT', url: '/api/v1/rules', headers: auth(), payload: set });
  expect(put.statusCode).toBe(200);
  expect(put.json()).toMatchObject({ version: 1, created_by: expect.stringMatching(/^api:rbk_/) });
  expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/rules', headers: auth() })).json().rules).toEqual(set.rules);
  const bt = await ctx.app.inject({ method: 'POST', url: '/api/v1/rules/backtest', headers: auth(), payload: {} });
  expect(bt.statusCode).toBe(200);
  expect(bt.json()).toMatchObject({ returns: 0, total: { returns_matched: 0 } });
  expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/rules', headers: { authorization: `Bearer ${ctx.keyB}` } })).json()).toEqual({ version: 0, rules: [] });
});

it('refuses an invalid rule set with 400 naming the rule and condition, keeping the active version', async () => {
  const bad = await ctx.app.inject({ method: 'PUT', url: '/api/v1/rules', headers: auth(), payload: { rules: [{ ...set.rules[0], conditions: { all: [{ fact: 'line_value', operator: 'lessThan', value: 'cheap' }] } }] } });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().detail).toMatch(/rule 1 'cheap', condition conditions.all\[0\]: line_value lessThan needs a number/);
  expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/rules', headers: auth() })).json().version).toBe(1);
});

it('refuses to backtest with 400 when no rule set is given and none is active', async () => {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/rules/backtest', headers: { authorization: `Bearer ${ctx.keyB}` }, payload: { from: '2026-05-01' } });
  expect(res.statusCode).toBe(400);
  expect(res.json().detail).toBe('there is no active rule set to backtest: give one');
  expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/rules', headers: { authorization: `Bearer ${ctx.keyB}` } })).json()).toEqual({ version: 0, rules: [] });
});
