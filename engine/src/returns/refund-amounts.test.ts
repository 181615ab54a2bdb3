import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { engineInTempDir } from '../testing/temp-store';

let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;
let orderSeq = 0;
const who = { actor: 'test', source: 'api' };

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-refund-amounts-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Acme', currency: 'EUR' })).tenant.id;
});
afterAll(() => cleanup());

/** A return of 2 of 3 mugs at 12.40 each, approved and received with `receivedUnits` of them in the parcel. */
async function receivedReturn(receivedUnits: number) {
  const orderId = `O-${++orderSeq}`;
  await engine.orders.createOrder(tenantId, {
    order_id: orderId,
    ordered_at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    customer: { id: 'C-1', email: 'kim@example.com' },
    lines: [{ sku: 'MUG', category: 'home', quantity: 3, unit_price: 12.4 }],
  });
  const { return_id } = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'MUG', quantity: 2, reason_text: 'chipped' }] }, who);
  await engine.returns.transition(tenantId, return_id, 'approve', {}, who);
  await engine.returns.transition(tenantId, return_id, 'receive', { lines: [{ sku: 'MUG', quantity: receivedUnits }] }, who);
  await engine.jobs.drain();
  return return_id;
}

const inspectAs = (returnId: string, disposition: string) =>
  engine.returns.transition(tenantId, returnId, 'inspect', { lines: [{ sku: 'MUG', condition: 'good', disposition }] }, who);
const refundsOf = (returnId: string) =>
  engine.store.query<{ amount: number }>('select amount::double as amount from refunds where tenant_id = $1 and return_id = $2', [tenantId, returnId]);

describe('what a return refunds and recovers by default', () => {
  it('refunds and recovers the units that came back when receipt counted fewer than were asked for', async () => {
    const returnId = await receivedReturn(1);
    const inspected = await inspectAs(returnId, 'restock');
    expect(inspected.lines[0]).toMatchObject({ received_quantity: 1, recovered_value: 12.4 });
    const resolved = await engine.returns.transition(tenantId, returnId, 'resolve', { resolution: 'refund' }, who);
    expect(resolved.lines[0].refund_amount).toBe(12.4);
    expect(await refundsOf(returnId)).toEqual([{ amount: 12.4 }]);
  });

  it('refunds every unit asked for when all of them came back', async () => {
    const returnId = await receivedReturn(2);
    await inspectAs(returnId, 'restock');
    const resolved = await engine.returns.transition(tenantId, returnId, 'resolve', { resolution: 'refund' }, who);
    expect(resolved.lines[0]).toMatchObject({ recovered_value: 24.8, refund_amount: 24.8 });
  });
});
