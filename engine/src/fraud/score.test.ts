import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { NotFoundError } from '../shared/errors';
import { engineInTempDir } from '../testing/temp-store';
import { loadFraudContext } from './context';
import { loadFraudContexts } from './contexts';
import { assessFraud, scoreReturnFraud, scoreReturnsFraud } from './score';

let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;
let seq = 0;
const who = { actor: 'test' };
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-fraud-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Fraud test', currency: 'EUR' })).tenant.id;
  // A catalogue of cheap items so the 90th percentile of prices is low and known.
  for (let i = 0; i < 20; i++) {
    await engine.orders.createOrder(tenantId, { order_id: `BG-${i}`, ordered_at: daysAgo(200), customer: { id: `bg-${i}` }, lines: [{ sku: 'SOCKS', category: 'apparel', quantity: 1, unit_price: 10 }] });
  }
});
afterAll(() => cleanup());

type Line = { sku: string; category?: string; quantity?: number; unit_price?: number; weight_kg?: number };
async function orderAndReturn(customer: { id: string; email?: string; phone?: string; address?: string }, lines: Line[], ret: { sku: string; quantity?: number; reason_text?: string }[], orderedDaysAgo = 3) {
  const orderId = `F-${++seq}`;
  await engine.orders.createOrder(tenantId, {
    order_id: orderId,
    ordered_at: daysAgo(orderedDaysAgo),
    customer,
    lines: lines.map((l) => ({ category: 'apparel', quantity: 1, unit_price: 10, weight_kg: 0.5, ...l })),
  });
  const r = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: ret.map((l) => ({ quantity: 1, ...l })) }, who);
  return r.return_id;
}
const signalsOf = (a: { signals: { signal: string }[] }) => a.signals.map((s) => s.signal);

describe('fraud and abuse signals', () => {
  it('scores an ordinary return 0 and stores it', async () => {
    const id = await orderAndReturn({ id: 'plain' }, [{ sku: 'TEE' }], [{ sku: 'TEE', reason_text: 'too small' }]);
    const a = await scoreReturnFraud(engine.store, tenantId, id);
    expect(a).toEqual({ score: 0, signals: [] });
    expect((await engine.returns.getReturn(tenantId, id)).fraud_score).toBe(0);
  });

  it('sees a different item and an empty box at receipt', async () => {
    const id = await orderAndReturn({ id: 'boxer' }, [{ sku: 'PHONE', category: 'electronics', weight_kg: 0.4, unit_price: 9 }, { sku: 'CASE', weight_kg: 0.1 }], [{ sku: 'PHONE' }, { sku: 'CASE' }]);
    await engine.returns.transition(tenantId, id, 'approve', {}, who);
    await engine.returns.transition(tenantId, id, 'receive', { lines: [{ sku: 'PHONE', weight_kg: 0.05 }, { sku: 'CASE', received_sku: 'CASE-OLD' }] }, who);
    const a = await scoreReturnFraud(engine.store, tenantId, id);
    expect(signalsOf(a)).toEqual(['item_mismatch', 'light_box']);
    expect(a.signals[0].evidence).toEqual({ sku: 'CASE', received_sku: 'CASE-OLD' });
    expect(a.signals[1].evidence).toMatchObject({ sku: 'PHONE', expected_kg: 0.4, received_kg: 0.05 });
    expect(a.score).toBeGreaterThan(0.8);
    const stored = await engine.returns.getReturn(tenantId, id, { timeline: true });
    expect(stored.fraud_score).toBe(a.score);
    expect(stored.timeline!.at(-1)!.type).toBe('return.fraud_scored');
  });

  it('sees wardrobing in the words and, stronger, with a grade showing use', async () => {
    const id = await orderAndReturn({ id: 'guest' }, [{ sku: 'GOWN' }], [{ sku: 'GOWN', reason_text: 'Wore it once to the wedding, not needed anymore' }]);
    const hint = await scoreReturnFraud(engine.store, tenantId, id);
    expect(signalsOf(hint)).toEqual(['wardrobing']);
    for (const a of ['approve', 'receive'] as const) await engine.returns.transition(tenantId, id, a, {}, who);
    await engine.returns.transition(tenantId, id, 'inspect', { lines: [{ sku: 'GOWN', condition: 'fair', disposition: 'resell_secondary' }] }, who);
    const proven = await scoreReturnFraud(engine.store, tenantId, id);
    expect(proven.score).toBeGreaterThan(hint.score);
    expect(proven.signals[0].evidence).toMatchObject({ words: 'Wore it once', condition: 'fair' });
  });

  it('links accounts sharing a phone or an address written differently', async () => {
    await engine.orders.createOrder(tenantId, { order_id: `F-${++seq}`, ordered_at: daysAgo(5), customer: { id: 'alias-1', phone: '+44 20 7946 0000', address: '1 High St., London' }, lines: [{ sku: 'HAT', category: 'apparel', quantity: 1, unit_price: 5 }] });
    const id = await orderAndReturn({ id: 'alias-2', phone: '+44 (20) 7946-0000', address: '1 high st london' }, [{ sku: 'SCARF' }], [{ sku: 'SCARF' }]);
    const a = await scoreReturnFraud(engine.store, tenantId, id);
    expect(signalsOf(a)).toEqual(['linked_accounts']);
    expect(a.signals[0].evidence).toEqual({ shared_by: { phone: ['alias-1'], address: ['alias-1'] }, linked_customers: 1 });
  });

  it('keeps the stored evidence current when it changes but the score does not', async () => {
    for (const alias of ['twin-1', 'twin-2']) {
      await engine.orders.createOrder(tenantId, { order_id: `F-${++seq}`, ordered_at: daysAgo(5), customer: { id: alias, phone: '+1 555 0100' }, lines: [{ sku: 'HAT', category: 'apparel', quantity: 1, unit_price: 5 }] });
    }
    const id = await orderAndReturn({ id: 'twin-0', phone: '+1 555 0100' }, [{ sku: 'MITTS' }], [{ sku: 'MITTS' }]);
    const first = await scoreReturnFraud(engine.store, tenantId, id);
    expect(first.signals[0].evidence).toMatchObject({ linked_customers: 2 });
    await engine.orders.createOrder(tenantId, { order_id: `F-${++seq}`, ordered_at: daysAgo(5), customer: { id: 'twin-3', phone: '+1 555 0100' }, lines: [{ sku: 'HAT', category: 'apparel', quantity: 1, unit_price: 5 }] });
    const again = await scoreReturnFraud(engine.store, tenantId, id);
    expect(again.score).toBe(first.score);
    const stored = await engine.returns.getReturn(tenantId, id, { timeline: true });
    expect(stored.fraud_signals).toMatchObject([{ signal: 'linked_accounts', evidence: { linked_customers: 3 } }]);
    expect(stored.timeline!.filter((e) => e.type === 'return.fraud_scored')).toHaveLength(2);
  });

  it('sees bracketing: two sizes of one item, one sent back', async () => {
    const id = await orderAndReturn({ id: 'bracket' }, [{ sku: 'DRESS-S' }, { sku: 'DRESS-M' }], [{ sku: 'DRESS-S' }]);
    const a = await scoreReturnFraud(engine.store, tenantId, id);
    expect(signalsOf(a)).toEqual(['bracketing']);
    expect(a.signals[0].evidence).toEqual({ item: 'DRESS', sizes_ordered: ['DRESS-M', 'DRESS-S'], returned: 'DRESS-S' });
  });

  it('does not take two lines of the same size for bracketing', async () => {
    const orderId = `F-${++seq}`;
    await engine.orders.createOrder(tenantId, {
      order_id: orderId,
      ordered_at: daysAgo(3),
      customer: { id: 'two-of-a-kind' },
      lines: ['1', '2'].map((line_id) => ({ line_id, sku: 'DRESS-M', category: 'apparel', quantity: 1, unit_price: 10, weight_kg: 0.5 })),
    });
    const { return_id } = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'DRESS-M', quantity: 1 }] }, who);
    expect(signalsOf(await scoreReturnFraud(engine.store, tenantId, return_id))).toEqual([]);
    expect(signalsOf((await scoreReturnsFraud(engine.store, tenantId, [return_id])).get(return_id)!)).toEqual([]);
  });

  it('sees a serial returner and refund velocity from the customer history', async () => {
    let last = '';
    for (let i = 0; i < 4; i++) {
      last = await orderAndReturn({ id: 'serial' }, [{ sku: `ITEM${i}` }], [{ sku: `ITEM${i}` }], 10);
      if (i < 3) await engine.returns.transition(tenantId, last, 'resolve', { resolution: 'keep_it' }, who);
    }
    const a = await scoreReturnFraud(engine.store, tenantId, last);
    expect(signalsOf(a)).toEqual(['serial_returner', 'refund_velocity']);
    expect(a.signals[0].evidence).toEqual({ return_rate: 0.75, returns: 3, orders: 4 });
    expect(a.signals[1].evidence).toEqual({ refunds_30d: 3, amount_30d: 30 });
  });

  it('sees a high-value line against the merchant prices and a return after the window', async () => {
    const id = await orderAndReturn({ id: 'late' }, [{ sku: 'WATCH', unit_price: 900 }], [{ sku: 'WATCH' }], 20);
    await engine.tenants.updateTenant(tenantId, { policy: { return_window_days: 10 } });
    const a = await scoreReturnFraud(engine.store, tenantId, id);
    await engine.tenants.updateTenant(tenantId, { policy: { return_window_days: 30 } });
    expect(signalsOf(a)).toEqual(['return_after_window', 'high_value']);
    expect(a.signals[0].evidence).toMatchObject({ window_days: 10, days_late: 10 });
    expect(a.signals[1].evidence).toMatchObject({ sku: 'WATCH', unit_price: 900 });
  });

  it('reads many returns at once exactly as it reads each alone', async () => {
    const ids = (await engine.store.query<{ id: string }>('select id from returns where tenant_id = $1 order by id', [tenantId])).map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    const batch = await loadFraudContexts(engine.store, tenantId, [...ids, 'NO-SUCH']);
    expect([...batch.keys()].sort()).toEqual(ids);
    for (const id of ids) expect(batch.get(id), id).toEqual(await loadFraudContext(engine.store, tenantId, id));
    // Every signal the tests above planted is seen by the batch too (but the late return: its window is back to 30 days).
    const fired = new Set([...batch.values()].flatMap((ctx) => assessFraud(ctx).signals.map((s) => s.signal)));
    expect([...fired].sort()).toEqual(['bracketing', 'high_value', 'item_mismatch', 'light_box', 'linked_accounts', 'refund_velocity', 'serial_returner', 'wardrobing']);

    // Scored as a batch, each return gets the score it gets alone, with an event only where the score changed.
    await engine.store.query('update returns set fraud_score = null where tenant_id = $1 and id = $2', [tenantId, ids[0]]);
    const stored = new Map((await engine.store.query<{ id: string; s: number | null }>('select id, fraud_score as s from returns where tenant_id = $1', [tenantId])).map((r) => [r.id, r.s]));
    let changes = 0;
    for (const id of ids) if (stored.get(id) !== assessFraud(await loadFraudContext(engine.store, tenantId, id)).score) changes++;
    expect(changes).toBeGreaterThanOrEqual(1); // at least the one unscored above
    const eventsBefore = (await engine.store.query<{ n: number }>("select count(*)::int as n from events where type = 'return.fraud_scored'"))[0].n;
    const scored = await scoreReturnsFraud(engine.store, tenantId, ids);
    for (const id of ids) {
      const alone = assessFraud(await loadFraudContext(engine.store, tenantId, id));
      expect(scored.get(id), id).toEqual(alone);
      expect((await engine.returns.getReturn(tenantId, id)).fraud_score, id).toBe(alone.score);
    }
    const eventsAfter = (await engine.store.query<{ n: number }>("select count(*)::int as n from events where type = 'return.fraud_scored'"))[0].n;
    expect(eventsAfter - eventsBefore).toBe(changes);
  });

  it('reads a return alone as in a batch when returns are microseconds apart (imported times keep microseconds)', async () => {
    await engine.orders.createOrder(tenantId, { order_id: 'MICRO-1', ordered_at: daysAgo(20), customer: { id: 'micro' }, lines: [{ sku: 'KNIT', category: 'apparel', quantity: 2, unit_price: 10 }] });
    const at = (us: string) => `2026-05-08 10:00:00.${us}+00`;
    for (const [id, us] of [['MICRO-R1', '123900'], ['MICRO-R2', '123456']]) {
      await engine.store.query(
        `insert into returns (tenant_id, id, order_id, customer_id, status, source, requested_at, version, updated_at) values ($1, $2, 'MICRO-1', 'micro', 'requested', 'import', $3::timestamptz, 1, now())`,
        [tenantId, id, at(us)],
      );
      await engine.store.query(
        `insert into return_lines (tenant_id, return_id, order_id, line_id, sku, quantity, refund_amount, refunded_at) values ($1, $2, 'MICRO-1', 'KNIT', 'KNIT', 1, 10, $3::timestamptz)`,
        [tenantId, id, at(us)],
      );
    }
    // R2 was requested 444 µs before R1, in the same millisecond: R1's history holds R2, R2's does not hold R1.
    const batch = await loadFraudContexts(engine.store, tenantId, ['MICRO-R1', 'MICRO-R2']);
    for (const id of ['MICRO-R1', 'MICRO-R2']) expect(await loadFraudContext(engine.store, tenantId, id), id).toEqual(batch.get(id));
    expect(batch.get('MICRO-R2')!.customer.returns).toBe(0);
    expect(batch.get('MICRO-R1')!.customer.returns).toBe(1);
    expect(batch.get('MICRO-R1')!.refundsLast30Days).toEqual({ count: 1, amount: 10 });
  });

  it("reads the customer's other returns as they stood at the request: declined later still counts, declined before does not", async () => {
    const earlier = await orderAndReturn({ id: 'asof' }, [{ sku: 'VEST' }], [{ sku: 'VEST' }]);
    const scored = await orderAndReturn({ id: 'asof' }, [{ sku: 'CAPE' }], [{ sku: 'CAPE' }]);
    expect((await loadFraudContext(engine.store, tenantId, scored)).customer.returns).toBe(1);
    await engine.returns.transition(tenantId, earlier, 'decline', { reason: 'outside the policy' }, who);
    // Scored again later (at receipt, by a backfill): the history is still the one of the request.
    for (const ctx of [await loadFraudContext(engine.store, tenantId, scored), (await loadFraudContexts(engine.store, tenantId, [scored])).get(scored)!]) {
      expect(ctx.customer.returns).toBe(1);
    }
    const after = await orderAndReturn({ id: 'asof' }, [{ sku: 'MUFF' }], [{ sku: 'MUFF' }]);
    expect((await loadFraudContext(engine.store, tenantId, after)).customer.returns).toBe(1); // the declined one is not history
  });

  it('counts units taken off another return after the request as still returned then, and not for a later request', async () => {
    const earlier = await orderAndReturn({ id: 'shrunk' }, [{ sku: 'SCARF', quantity: 3 }], [{ sku: 'SCARF', quantity: 3 }]);
    const scored = await orderAndReturn({ id: 'shrunk' }, [{ sku: 'GLOVE' }], [{ sku: 'GLOVE' }]);
    await engine.returns.removeUnits(tenantId, earlier, [{ sku: 'SCARF', quantity: 2 }], who);
    for (const ctx of [await loadFraudContext(engine.store, tenantId, scored), (await loadFraudContexts(engine.store, tenantId, [scored])).get(scored)!]) {
      expect(ctx.customer.unitsReturned).toBe(3);
    }
    const after = await orderAndReturn({ id: 'shrunk' }, [{ sku: 'BERET' }], [{ sku: 'BERET' }]);
    for (const ctx of [await loadFraudContext(engine.store, tenantId, after), (await loadFraudContexts(engine.store, tenantId, [after])).get(after)!]) {
      expect(ctx.customer.unitsReturned).toBe(2); // SCARF's one unit left, and GLOVE
    }
  });

  it("does not score another tenant's return", async () => {
    const id = await orderAndReturn({ id: 'x' }, [{ sku: 'MUG' }], [{ sku: 'MUG' }]);
    const other = (await engine.tenants.createTenant({ name: 'Other', currency: 'EUR' })).tenant.id;
    await expect(scoreReturnFraud(engine.store, other, id)).rejects.toThrow(NotFoundError);
  });
});
