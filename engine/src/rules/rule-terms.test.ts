import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { engineInTempDir } from '../testing/temp-store';

let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;
let seq = 0;
const who = { actor: 'warehouse', source: 'api' };

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-rule-terms-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Terms', currency: 'EUR' })).tenant.id;
  await engine.rules.setRuleSet(
    tenantId,
    {
      rules: [
        { name: 'coats with a restocking fee', priority: 2, enabled: true, conditions: { all: [{ fact: 'sku', operator: 'equal', value: 'COAT' }] }, outcome: { type: 'approve', fee: { kind: 'restocking', amount: 7.5 } } },
        { name: 'credit bonus on the rest', priority: 1, enabled: true, conditions: { all: [{ fact: 'category', operator: 'equal', value: 'apparel' }] }, outcome: { type: 'approve', store_credit_bonus: 5 } },
      ],
    },
    'test',
  );
});
afterAll(() => cleanup());

/** A return of one unit of `sku` (40.00), decided by the rules, received and inspected. */
async function decidedAndInspected(sku: string) {
  const orderId = `T-${++seq}`;
  await engine.orders.createOrder(tenantId, {
    order_id: orderId, ordered_at: new Date(Date.now() - 86_400_000).toISOString(), customer: { id: `c-${seq}` },
    lines: [{ sku, category: 'apparel', quantity: 1, unit_price: 40 }],
  });
  const { return_id } = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku, quantity: 1, reason_text: 'too big' }] }, who);
  await engine.jobs.drain();
  expect((await engine.returns.getReturn(tenantId, return_id)).status).toBe('approved');
  await engine.returns.transition(tenantId, return_id, 'receive', {}, who);
  await engine.returns.transition(tenantId, return_id, 'inspect', { lines: [{ sku, condition: 'good', disposition: 'restock' }] }, who);
  return return_id;
}

describe("the deciding rule's terms at resolution", () => {
  it('keeps the rule\'s fee from the default refund, and says so on the event', async () => {
    const id = await decidedAndInspected('COAT');
    const resolved = await engine.returns.transition(tenantId, id, 'resolve', { resolution: 'refund' }, who);
    expect(resolved.lines[0].refund_amount).toBe(32.5);
    expect(resolved.timeline!.at(-1)).toMatchObject({ type: 'return.resolved', payload: { fee: { kind: 'restocking', amount: 7.5 } } });
  });

  it('adds the rule\'s bonus to a store-credit settlement only', async () => {
    const credit = await engine.returns.transition(tenantId, await decidedAndInspected('DRESS'), 'resolve', { resolution: 'store_credit' }, who);
    expect(credit.lines[0].refund_amount).toBe(45);
    const refund = await engine.returns.transition(tenantId, await decidedAndInspected('SKIRT'), 'resolve', { resolution: 'refund' }, who);
    expect(refund.lines[0].refund_amount).toBe(40);
  });

  it('leaves amounts the merchant gives as they are', async () => {
    const id = await decidedAndInspected('COAT');
    const resolved = await engine.returns.transition(tenantId, id, 'resolve', { resolution: 'refund', amounts: [{ sku: 'COAT', amount: 40 }] }, who);
    expect(resolved.lines[0].refund_amount).toBe(40);
  });
});
