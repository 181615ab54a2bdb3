import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { engineInTempDir } from '../testing/temp-store';

let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;
const who = { actor: 'test' };
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

beforeEach(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-customer-facts-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Customer facts', currency: 'EUR' })).tenant.id;
});
afterEach(() => cleanup());

const order = (id: string, customer: string, at: string) =>
  engine.orders.createOrder(tenantId, { order_id: id, ordered_at: at, customer: { id: customer }, lines: [{ sku: `SKU-${id}`, category: 'apparel', quantity: 1, unit_price: 20 }] });

it("does not count a customer's first return as a past return when deciding it", async () => {
  await engine.rules.setRuleSet(
    tenantId,
    { rules: [{ name: 'serial returners', priority: 1, enabled: true, conditions: { all: [{ fact: 'customer_return_rate', operator: 'greaterThanInclusive', value: 0.5 }] }, outcome: { type: 'decline', reason: 'too many returns' } }] },
    'test',
  );
  await order('O-1', 'first-timer', daysAgo(3));
  const ret = await engine.returns.requestReturn(tenantId, { order_id: 'O-1', lines: [{ sku: 'SKU-O-1', quantity: 1, reason_text: 'too small' }] }, who);
  await engine.jobs.drain();
  const after = await engine.returns.getReturn(tenantId, ret.return_id, { timeline: true });
  expect(after.timeline!.find((e) => e.type === 'return.decided')?.payload).toMatchObject({ facts: { customer_orders: 1, customer_return_rate: 0 } });
  expect(after.status).toBe('requested');
});

it('backtests a return with the customer history it had when it was requested, as the live decision saw it', async () => {
  const loyal = { rules: [{ name: 'loyal customers', priority: 1, enabled: true, conditions: { all: [{ fact: 'customer_orders', operator: 'greaterThanInclusive', value: 3 }] }, outcome: { type: 'approve' } }] };
  await engine.rules.setRuleSet(tenantId, loyal, 'test');
  await order('O-1', 'newcomer', daysAgo(20));
  const ret = await engine.returns.requestReturn(tenantId, { order_id: 'O-1', requested_at: daysAgo(10), lines: [{ sku: 'SKU-O-1', quantity: 1, reason_text: 'too small' }] }, who);
  await engine.jobs.drain();
  // Live: the customer had one order, no rule matched, the return waits for review.
  expect((await engine.returns.getReturn(tenantId, ret.return_id)).status).toBe('requested');
  // After the request the customer ordered twice more: that cannot change what the rules would have done back then.
  await order('O-2', 'newcomer', daysAgo(2));
  await order('O-3', 'newcomer', daysAgo(1));
  const report = await engine.rules.backtest(tenantId, loyal);
  expect(report.returns).toBe(1);
  expect(report.total).toMatchObject({ auto_approved: 0, review: 1 });
});
