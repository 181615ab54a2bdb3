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

// A customer's other returns count as they stood when the return being decided was requested: declines,
// cancellations and units taken off since cannot change what the live decision saw, nor its backtest.
const serialReturners = (threshold: number) => ({
  rules: [{ name: 'serial returners', priority: 1, enabled: true, conditions: { all: [{ fact: 'customer_return_rate', operator: 'greaterThanInclusive', value: threshold }] }, outcome: { type: 'decline', reason: 'too many returns' } }],
});
const orderOf = (id: string, customer: string, quantity: number) =>
  engine.orders.createOrder(tenantId, { order_id: id, ordered_at: daysAgo(5), customer: { id: customer }, lines: [{ sku: `SKU-${id}`, category: 'apparel', quantity, unit_price: 20 }] });
const request = async (orderId: string, quantity = 1) =>
  (await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: `SKU-${orderId}`, quantity, reason_text: 'too small' }] }, who)).return_id;
const decidedFacts = async (returnId: string) =>
  ((await engine.returns.getReturn(tenantId, returnId, { timeline: true })).timeline!.find((e) => e.type === 'return.decided')?.payload as { facts: Record<string, unknown> }).facts;
const customerFacts = (f: Record<string, unknown>) => ({ customer_orders: f.customer_orders, customer_return_rate: f.customer_return_rate, customer_lifetime_value: f.customer_lifetime_value });

it('counts an earlier return declined or canceled after a later return was requested as held at that request, live and in backtests', async () => {
  const rules = serialReturners(0.6);
  await engine.rules.setRuleSet(tenantId, rules, 'test');
  for (const id of ['O-1', 'O-2', 'O-3']) await orderOf(id, 'changer', 1);
  const declinedLater = await request('O-1');
  await engine.jobs.drain();
  const canceledLater = await request('O-2');
  await engine.jobs.drain();
  const decided = await request('O-3');
  await engine.jobs.drain();
  // Live: two of the customer's three ordered units were in open returns: the rule declined the third return.
  expect(await decidedFacts(decided)).toMatchObject({ customer_orders: 3, customer_return_rate: 2 / 3 });
  expect((await engine.returns.getReturn(tenantId, decided)).status).toBe('declined');
  await engine.returns.transition(tenantId, declinedLater, 'decline', { reason: 'worn' }, who);
  await engine.returns.transition(tenantId, canceledLater, 'cancel', {}, who);
  // Later, the other two ended: the facts of the third return are still those of its request.
  expect(customerFacts(await engine.rules.factsOf(tenantId, decided))).toEqual(customerFacts(await decidedFacts(decided)));
  const report = await engine.rules.backtest(tenantId, rules);
  expect(report.returns).toBe(3);
  expect(report.total).toMatchObject({ declined: 1, review: 2 });
});

it('does not count a return declined or canceled before a later return was requested', async () => {
  const rules = serialReturners(0.3);
  for (const id of ['O-1', 'O-2', 'O-3']) await orderOf(id, 'changer', 1);
  const declined = await request('O-1');
  await engine.returns.transition(tenantId, declined, 'decline', { reason: 'worn' }, who);
  const canceled = await request('O-2');
  await engine.returns.transition(tenantId, canceled, 'cancel', {}, who);
  const later = await request('O-3');
  expect(await engine.rules.factsOf(tenantId, later)).toMatchObject({ customer_orders: 3, customer_return_rate: 0 });
  expect((await engine.rules.backtest(tenantId, rules)).total).toMatchObject({ declined: 0, review: 3 });
});

it('counts the units a return held at a later request: units taken off it after that request still count, those taken off before do not', async () => {
  await orderOf('O-1', 'changer', 3);
  await orderOf('O-2', 'changer', 1);
  const shrinking = await request('O-1', 3);
  await engine.returns.removeUnits(tenantId, shrinking, [{ sku: 'SKU-O-1', quantity: 1 }], who);
  const later = await request('O-2');
  await engine.returns.removeUnits(tenantId, shrinking, [{ sku: 'SKU-O-1', quantity: 1 }], who);
  // At the later request the first return held 2 of the customer's 4 ordered units (today it holds 1).
  expect(await engine.rules.factsOf(tenantId, later)).toMatchObject({ customer_return_rate: 0.5 });
  expect((await engine.rules.backtest(tenantId, serialReturners(0.5))).total).toMatchObject({ declined: 1, review: 1 });
});

it('reads a declined return without its decline time (written by hand) as declined from its last update', async () => {
  for (const id of ['O-1', 'O-2', 'O-3']) await orderOf(id, 'changer', 1);
  const [before, after] = [await request('O-1'), await request('O-2')];
  const later = await request('O-3');
  const { requested_at } = await engine.returns.getReturn(tenantId, later);
  const at = (ms: number) => new Date(new Date(requested_at).getTime() + ms).toISOString();
  for (const [id, updated] of [[before, at(-1)], [after, at(60_000)]]) {
    await engine.store.query(`update returns set status = 'declined', declined_at = null, updated_at = $3::timestamptz where tenant_id = $1 and id = $2`, [tenantId, id, updated]);
  }
  expect(await engine.rules.factsOf(tenantId, later)).toMatchObject({ customer_return_rate: 1 / 3 });
});
