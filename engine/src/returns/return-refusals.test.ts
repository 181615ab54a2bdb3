import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { InvalidInputError, NotFoundError } from '../shared/errors';
import { engineInTempDir } from '../testing/temp-store';
import type { ReturnAction } from './transitions/transition';

let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;
let otherTenantId: string;
let orderSeq = 0;
const who = { actor: 'test', source: 'api' };

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-refusals-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Acme', currency: 'EUR' })).tenant.id;
  otherTenantId = (await engine.tenants.createTenant({ name: 'Other', currency: 'EUR' })).tenant.id;
});
afterAll(() => cleanup());

/** A return of one hoodie on a new order, moved through `actions`, with its follow-up jobs done. */
async function returnAfter(actions: ReturnAction[], resolution?: 'refund') {
  const orderId = `O-${++orderSeq}`;
  await engine.orders.createOrder(tenantId, {
    order_id: orderId,
    ordered_at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    customer: { id: 'C-1', email: 'kim@example.com' },
    lines: [{ sku: 'HOOD-M', category: 'apparel', quantity: 2, unit_price: 60 }],
  });
  const ret = await engine.returns.requestReturn(tenantId, { order_id: orderId, resolution, lines: [{ sku: 'HOOD-M', quantity: 1, reason_text: 'too big' }] }, who);
  const inputs: Partial<Record<ReturnAction, Record<string, unknown>>> = { inspect: { lines: [{ sku: 'HOOD-M', condition: 'good', disposition: 'restock' }] } };
  for (const action of actions) await engine.returns.transition(tenantId, ret.return_id, action, inputs[action] ?? {}, who);
  await engine.jobs.drain();
  return ret.return_id;
}

/** The return, its lines, events and refunds as stored, read without the query builder's cache. */
async function stored(returnId: string) {
  const rows = (table: string, idColumn: string) =>
    engine.store.query(`select * from ${table} where tenant_id = $1 and ${idColumn} = $2 order by all`, [tenantId, returnId]);
  return {
    ret: await rows('returns', 'id'),
    lines: await rows('return_lines', 'return_id'),
    events: await rows('events', 'entity_id'),
    refunds: await rows('refunds', 'return_id'),
  };
}

async function expectRefusedUnchanged(returnId: string, action: string, input: Record<string, unknown>, message: RegExp) {
  const before = await stored(returnId);
  const attempt = engine.returns.transition(tenantId, returnId, action as ReturnAction, input, who);
  await expect(attempt).rejects.toThrow(InvalidInputError);
  await expect(attempt).rejects.toThrow(message);
  await engine.jobs.drain();
  expect(await stored(returnId)).toEqual(before);
}

describe('lifecycle refusals', () => {
  it('refuses an action name that is not a return action, changing nothing', async () => {
    const returnId = await returnAfter([]);
    for (const action of ['refund', 'Approve', '', 'constructor', 'toString']) {
      await expectRefusedUnchanged(returnId, action, {}, new RegExp(`^'${action}' is not a return action$`));
    }
    expect((await engine.returns.getReturn(tenantId, returnId)).status).toBe('requested');
  });

  it('refuses a negative received weight, leaving the return approved and its lines unreceived', async () => {
    const returnId = await returnAfter(['approve']);
    await expectRefusedUnchanged(returnId, 'receive', { lines: [{ sku: 'HOOD-M', weight_kg: -0.4 }] }, /^received weight of HOOD-M must be >= 0 kg$/);
    await expectRefusedUnchanged(returnId, 'receive', { lines: [{ sku: 'HOOD-M', quantity: 1, weight_kg: Number.NaN }] }, /received weight of HOOD-M must be >= 0 kg/);
    const after = await engine.returns.getReturn(tenantId, returnId);
    expect(after.status).toBe('approved');
    expect(after.lines[0]).toMatchObject({ received_at: null, received_quantity: null, received_weight_kg: null });
  });

  it('refuses to resolve without a resolution, or with one that is not known, refunding nothing', async () => {
    const returnId = await returnAfter(['approve', 'receive', 'inspect']);
    const message = /^resolving a return needs a resolution: one of refund, exchange, store_credit, keep_it$/;
    await expectRefusedUnchanged(returnId, 'resolve', {}, message);
    await expectRefusedUnchanged(returnId, 'resolve', { resolution: 'cash' }, message);
    const after = await engine.returns.getReturn(tenantId, returnId);
    expect(after).toMatchObject({ status: 'inspected', resolution: null, resolved_at: null });
    expect(after.lines[0]).toMatchObject({ refund_amount: null, refunded_at: null });
  });

  it('resolves with the resolution asked for at request time when none is given', async () => {
    const returnId = await returnAfter(['approve', 'receive', 'inspect'], 'refund');
    const resolved = await engine.returns.transition(tenantId, returnId, 'resolve', {}, who);
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'refund' });
  });
});

describe('returnable lines', () => {
  it("refuses an order it does not know, or another tenant's order", async () => {
    const returnId = await returnAfter([]);
    const { order_id } = await engine.returns.getReturn(tenantId, returnId);
    for (const [tenant, orderId] of [[tenantId, 'NO-SUCH-ORDER'], [otherTenantId, order_id]]) {
      const attempt = engine.returns.returnableLines(tenant, orderId);
      await expect(attempt).rejects.toThrow(NotFoundError);
      await expect(attempt).rejects.toThrow(`order '${orderId}' was not found`);
    }
    expect(await engine.returns.returnableLines(tenantId, order_id)).toMatchObject([{ sku: 'HOOD-M', bought: 2, already_returned: 1, returnable: 1 }]);
  });
});
