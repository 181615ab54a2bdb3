import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { IllegalTransitionError, NotFoundError, PolicyRefusalError } from '../shared/errors';
import { engineInTempDir } from '../testing/temp-store';
import { RETURN_STATUSES, ReturnStatus } from './status';
import { RETURN_ACTIONS } from './transitions/all-transitions';
import { TRANSITIONS } from './transitions/all-transitions';
import type { ReturnAction } from './transitions/transition';

let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;
let otherTenantId: string;
let orderSeq = 0;
const who = { actor: 'test', source: 'api' };

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir());
  tenantId = (await engine.tenants.createTenant({ name: 'Acme', currency: 'EUR', policy: { non_returnable_categories: ['gift_card'], final_sale_skus: ['SALE-1'] } })).tenant.id;
  otherTenantId = (await engine.tenants.createTenant({ name: 'Other', currency: 'EUR' })).tenant.id;
});
afterAll(() => cleanup());

/** A new order (so quantities are fresh) with a hoodie x2 and a cap x1, ordered `daysAgo` days ago. */
async function newOrder(daysAgo = 3, extra: { sku: string; category: string; final_sale?: boolean }[] = []) {
  const orderId = `O-${++orderSeq}`;
  await engine.orders.createOrder(tenantId, {
    order_id: orderId,
    ordered_at: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
    customer: { id: 'C-1', email: 'kim@example.com' },
    lines: [
      { sku: 'HOOD-M', category: 'apparel', quantity: 2, unit_price: 60 },
      { sku: 'CAP', category: 'apparel', quantity: 1, unit_price: 15 },
      ...extra.map((e) => ({ ...e, quantity: 1, unit_price: 10 })),
    ],
  });
  return orderId;
}

const inputs: Record<ReturnAction, Record<string, unknown>> = {
  approve: {},
  decline: { reason: 'worn and washed' },
  cancel: { reason: 'changed my mind' },
  ship: { carrier: 'DHL', tracking_number: 'JD0001' },
  receive: {},
  inspect: { lines: [{ sku: 'HOOD-M', condition: 'like_new', disposition: 'restock' }] },
  resolve: { resolution: 'refund' },
  close: {},
};

const pathTo: Record<ReturnStatus, ReturnAction[]> = {
  requested: [],
  approved: ['approve'],
  declined: ['decline'],
  in_transit: ['approve', 'ship'],
  received: ['approve', 'ship', 'receive'],
  inspected: ['approve', 'ship', 'receive', 'inspect'],
  resolved: ['approve', 'ship', 'receive', 'inspect', 'resolve'],
  closed: ['approve', 'ship', 'receive', 'inspect', 'resolve', 'close'],
  canceled: ['cancel'],
};

async function returnIn(status: ReturnStatus) {
  const orderId = await newOrder();
  const ret = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'HOOD-M', quantity: 1, reason_text: 'too big' }] }, who);
  for (const action of pathTo[status]) await engine.returns.transition(tenantId, ret.return_id, action, inputs[action], who);
  await engine.jobs.drain(); // follow-up jobs (fraud scoring) append their own events
  return engine.returns.getReturn(tenantId, ret.return_id, { timeline: true });
}

describe('the RMA state machine', () => {
  for (const status of RETURN_STATUSES) {
    for (const action of RETURN_ACTIONS) {
      const legal = TRANSITIONS[action].from.includes(status);
      it(`${action} from ${status} is ${legal ? 'applied' : 'refused and changes nothing'}`, async () => {
        const before = await returnIn(status);
        expect(before.status).toBe(status);
        // Before inspection only a returnless refund can resolve; give resolve the input its start state allows.
        const input = action === 'resolve' && status !== 'inspected' ? { resolution: 'keep_it' } : inputs[action];
        const attempt = engine.returns.transition(tenantId, before.return_id, action, input, who);
        if (legal) {
          await attempt;
          await engine.jobs.drain();
          const after = await engine.returns.getReturn(tenantId, before.return_id, { timeline: true });
          expect(after.status).toBe(TRANSITIONS[action].to(input as never));
          expect(after.timeline!.length).toBe(before.timeline!.length + 1);
          expect(after.timeline!.at(-1)).toMatchObject({ type: `return.${after.status}`, actor: 'test', payload: { action, from: status } });
        } else {
          await expect(attempt).rejects.toThrow(IllegalTransitionError);
          await expect(attempt).rejects.toThrow(new RegExp(`cannot ${action} return ${before.return_id}: it is ${status}`));
          await engine.jobs.drain();
          const after = await engine.returns.getReturn(tenantId, before.return_id, { timeline: true });
          expect(after).toEqual(before);
        }
      });
    }
  }

  it('walks a whole return through its lifecycle and records every step', async () => {
    const closed = await returnIn(ReturnStatus.Closed);
    expect(closed.timeline!.map((e) => e.type).filter((t) => t !== 'return.fraud_scored')).toEqual([
      'return.requested', 'return.approved', 'return.in_transit', 'return.received', 'return.inspected', 'return.resolved', 'return.closed',
    ]);
    expect(closed.shopify_status).toBe('CLOSED');
    expect(closed.lines[0]).toMatchObject({ sku: 'HOOD-M', condition: 'like_new', disposition: 'restock', refund_amount: 60, recovered_value: 60 });
    expect(closed.lines[0].refunded_at).not.toBeNull();
    expect(closed.lines[0].restocked_at).not.toBeNull();
  });

  it('resolves keep_it without shipping, from requested or approved only', async () => {
    const orderId = await newOrder();
    const ret = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'CAP', quantity: 1 }] }, who);
    const resolved = await engine.returns.transition(tenantId, ret.return_id, 'resolve', { resolution: 'keep_it' }, who);
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolution).toBe('keep_it');
    expect(resolved.lines[0].refund_amount).toBe(15);
    expect(resolved.received_at).toBeNull();
    const approved = await returnIn(ReturnStatus.Approved);
    await expect(engine.returns.transition(tenantId, approved.return_id, 'resolve', { resolution: 'refund' }, who)).rejects.toThrow(
      /only a keep_it resolution/,
    );
    expect((await engine.returns.getReturn(tenantId, approved.return_id)).status).toBe('approved');
  });

  it('refuses an inspection that leaves a line ungraded or names an unknown disposition', async () => {
    const orderId = await newOrder();
    const ret = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'HOOD-M', quantity: 1 }, { sku: 'CAP', quantity: 1 }] }, who);
    for (const a of ['approve', 'receive'] as const) await engine.returns.transition(tenantId, ret.return_id, a, {}, who);
    await expect(
      engine.returns.transition(tenantId, ret.return_id, 'inspect', { lines: [{ sku: 'CAP', condition: 'new', disposition: 'restock' }] }, who),
    ).rejects.toThrow(/must grade every line; missing: HOOD-M/);
    await expect(
      engine.returns.transition(tenantId, ret.return_id, 'inspect', { lines: [{ sku: 'CAP', condition: 'new', disposition: 'burn' }, { sku: 'HOOD-M', condition: 'new', disposition: 'restock' }] }, who),
    ).rejects.toThrow(/disposition 'burn' of CAP is not one of restock/);
    const after = await engine.returns.getReturn(tenantId, ret.return_id);
    expect(after.status).toBe('received');
    expect(after.lines.every((l) => l.condition === null && l.disposition === null)).toBe(true);
  });

  it('refuses to decline without a reason', async () => {
    const ret = await returnIn(ReturnStatus.Requested);
    await expect(engine.returns.transition(tenantId, ret.return_id, 'decline', {}, who)).rejects.toThrow(/needs a reason/);
    expect((await engine.returns.getReturn(tenantId, ret.return_id)).status).toBe('requested');
  });
});

describe('reopen', () => {
  for (const status of RETURN_STATUSES) {
    const legal = status === ReturnStatus.Closed;
    it(`reopen from ${status} is ${legal ? 'applied, back to the status it was closed from' : 'refused and changes nothing'}`, async () => {
      const before = await returnIn(status);
      const attempt = engine.returns.transition(tenantId, before.return_id, 'reopen', { note: 'customer sent a second parcel' }, who);
      if (legal) {
        const after = await attempt;
        expect(after.status).toBe('resolved');
        expect(after.closed_at).toBeNull();
        expect(after.resolved_at).toBe(before.resolved_at);
        expect(after.timeline!.at(-1)).toMatchObject({
          type: 'return.resolved', actor: 'test', payload: { action: 'reopen', from: 'closed', to: 'resolved', restored: 'resolved', note: 'customer sent a second parcel' },
        });
        // Reopened, it can be closed again, and the refund is still recorded once.
        expect((await engine.returns.transition(tenantId, before.return_id, 'close', {}, who)).status).toBe('closed');
        expect(after.lines[0].refund_amount).toBe(60);
      } else {
        await expect(attempt).rejects.toThrow(IllegalTransitionError);
        await expect(attempt).rejects.toThrow(new RegExp(`cannot reopen return ${before.return_id}: it is ${status}, and reopen is only allowed when it is closed`));
        await engine.jobs.drain();
        expect(await engine.returns.getReturn(tenantId, before.return_id, { timeline: true })).toEqual(before);
      }
    });
  }

  it('refuses to reopen a closed return whose event log holds no close, and changes nothing', async () => {
    const resolved = await returnIn(ReturnStatus.Resolved);
    // A return stored as closed without its close event (as an older import could leave it).
    await engine.store.query(`update returns set status = 'closed' where tenant_id = $1 and id = $2`, [tenantId, resolved.return_id]);
    const before = await engine.returns.getReturn(tenantId, resolved.return_id, { timeline: true });
    await expect(engine.returns.transition(tenantId, resolved.return_id, 'reopen', {}, who)).rejects.toThrow(
      `return ${resolved.return_id} has no close in its event log to undo, so there is no status to reopen it to`,
    );
    expect(await engine.returns.getReturn(tenantId, resolved.return_id, { timeline: true })).toEqual(before);
  });
});

describe('tracking', () => {
  it('keeps the carrier and number given when the return ships', async () => {
    const shipped = await returnIn(ReturnStatus.InTransit);
    expect(shipped.tracking).toEqual({ carrier: 'DHL', tracking_number: 'JD0001', tracking_url: null, label_url: null });
    expect(shipped.timeline!.find((e) => e.type === 'return.in_transit')!.payload).toMatchObject({ carrier: 'DHL', tracking_number: 'JD0001' });
  });

  it('attaches or replaces tracking without moving the return, with an event', async () => {
    const approved = await returnIn(ReturnStatus.Approved);
    expect(approved.tracking).toBeNull();
    const labelled = await engine.returns.attachTracking(tenantId, approved.return_id, { label_url: 'https://labels.example.com/1.pdf' }, who);
    expect(labelled.status).toBe('approved');
    expect(labelled.tracking).toEqual({ carrier: null, tracking_number: null, tracking_url: null, label_url: 'https://labels.example.com/1.pdf' });
    const corrected = await engine.returns.attachTracking(tenantId, approved.return_id, { carrier: 'UPS', tracking_number: ' 1Z999 ' }, who);
    expect(corrected.tracking).toMatchObject({ carrier: 'UPS', tracking_number: '1Z999', label_url: 'https://labels.example.com/1.pdf' });
    const timeline = (await engine.returns.getReturn(tenantId, approved.return_id, { timeline: true })).timeline!;
    expect(timeline.filter((e) => e.type === 'return.tracking_attached').map((e) => e.payload)).toEqual([
      { label_url: 'https://labels.example.com/1.pdf' }, { carrier: 'UPS', tracking_number: '1Z999' },
    ]);
  });

  it('refuses tracking on a requested, declined or canceled return, empty tracking and non-web links', async () => {
    for (const status of [ReturnStatus.Requested, ReturnStatus.Declined, ReturnStatus.Canceled]) {
      const ret = await returnIn(status);
      await expect(engine.returns.attachTracking(tenantId, ret.return_id, { tracking_number: '1Z1' }, who)).rejects.toThrow(
        `cannot attach tracking to return ${ret.return_id}: it is ${status}`,
      );
      expect((await engine.returns.getReturn(tenantId, ret.return_id)).tracking).toBeNull();
    }
    const approved = await returnIn(ReturnStatus.Approved);
    await expect(engine.returns.attachTracking(tenantId, approved.return_id, { carrier: ' ' }, who)).rejects.toThrow(/needs at least one of/);
    await expect(engine.returns.attachTracking(tenantId, approved.return_id, { tracking_url: 'javascript:alert(1)' }, who)).rejects.toThrow(
      /tracking_url must be an http\(s\) address/,
    );
    await expect(engine.returns.transition(tenantId, approved.return_id, 'ship', { tracking_url: 'ftp://x' }, who)).rejects.toThrow(/tracking_url must be/);
    expect((await engine.returns.getReturn(tenantId, approved.return_id)).status).toBe('approved');
    await expect(engine.returns.attachTracking(otherTenantId, approved.return_id, { tracking_number: '1' }, who)).rejects.toThrow(NotFoundError);
  });
});

describe('taking units off a return', () => {
  it('shrinks a line, drops an emptied one, and frees the units for another return', async () => {
    const orderId = await newOrder();
    const ret = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'HOOD-M', quantity: 2 }, { sku: 'CAP', quantity: 1 }] }, who);
    await engine.jobs.drain(); // the request's follow-up jobs append their own events first
    const after = await engine.returns.removeUnits(tenantId, ret.return_id, [{ sku: 'HOOD-M', quantity: 1 }, { sku: 'CAP', quantity: 1 }], who);
    expect(after.status).toBe('requested');
    expect(after.lines.map((l) => [l.sku, l.quantity])).toEqual([['HOOD-M', 1]]);
    expect(after.timeline?.at(-1)).toMatchObject({ type: 'return.units_removed', payload: { removed: [{ sku: 'HOOD-M', quantity: 1 }, { sku: 'CAP', quantity: 1 }] } });
    const again = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'HOOD-M', quantity: 1 }, { sku: 'CAP', quantity: 1 }] }, who);
    expect(again.status).toBe('requested');
  });

  it('cancels a return when every unit is taken off', async () => {
    const orderId = await newOrder();
    const ret = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'CAP', quantity: 1 }] }, who);
    await engine.jobs.drain(); // the request's follow-up jobs append their own events first
    await engine.returns.transition(tenantId, ret.return_id, 'approve', {}, who);
    const after = await engine.returns.removeUnits(tenantId, ret.return_id, [{ sku: 'CAP', quantity: 1 }], who);
    expect(after.status).toBe('canceled');
    expect(after.lines.map((l) => [l.sku, l.quantity])).toEqual([['CAP', 1]]);
    expect(after.timeline?.at(-1)).toMatchObject({ type: 'return.canceled', payload: { from: 'approved', to: 'canceled' } });
  });

  it('refuses more units than the line holds, unknown lines, bad quantities and received returns, changing nothing', async () => {
    const orderId = await newOrder();
    const ret = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'HOOD-M', quantity: 2 }] }, who);
    const id = ret.return_id;
    await expect(engine.returns.removeUnits(tenantId, id, [{ sku: 'HOOD-M', quantity: 3 }], who)).rejects.toThrow(`cannot take 3 x HOOD-M off return ${id}: it holds 2`);
    await expect(engine.returns.removeUnits(tenantId, id, [{ sku: 'HOOD-M', quantity: 1 }, { sku: 'CAP', quantity: 1 }], who)).rejects.toThrow(`return ${id} has no line with sku 'CAP'`);
    await expect(engine.returns.removeUnits(tenantId, id, [{ sku: 'HOOD-M', quantity: 0 }], who)).rejects.toThrow(/quantity must be a whole number >= 1/);
    await expect(engine.returns.removeUnits(tenantId, id, [], who)).rejects.toThrow(/at least one line/);
    await expect(engine.returns.removeUnits(tenantId, 'NO-SUCH', [{ sku: 'HOOD-M', quantity: 1 }], who)).rejects.toThrow(NotFoundError);
    for (const action of ['approve', 'ship', 'receive'] as const) await engine.returns.transition(tenantId, id, action, {}, who);
    await expect(engine.returns.removeUnits(tenantId, id, [{ sku: 'HOOD-M', quantity: 1 }], who)).rejects.toThrow(/it is received, and units can only leave a return while it is requested, approved, in_transit/);
    const unchanged = await engine.returns.getReturn(tenantId, id, { timeline: true });
    expect(unchanged.lines.map((l) => [l.sku, l.quantity])).toEqual([['HOOD-M', 2]]);
    expect(unchanged.timeline?.some((e) => e.type === 'return.units_removed')).toBe(false);
  });
});

describe('return requests under policy', () => {
  it('never returns more than was bought minus what is already being returned', async () => {
    const orderId = await newOrder();
    await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'HOOD-M', quantity: 1 }] }, who);
    const second = engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'HOOD-M', quantity: 2 }] }, who);
    await expect(second).rejects.toThrow(PolicyRefusalError);
    await expect(second).rejects.toThrow('cannot return 2 x HOOD-M: 2 bought, 1 already being returned, so at most 1 can be returned');
    const ok = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'HOOD-M', quantity: 1 }] }, who);
    expect(ok.status).toBe('requested');
    await expect(engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'HOOD-M', quantity: 1 }] }, who)).rejects.toThrow(/at most 0/);
  });

  it('frees the units of a canceled or declined return', async () => {
    const orderId = await newOrder();
    const first = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'CAP', quantity: 1 }] }, who);
    await engine.returns.transition(tenantId, first.return_id, 'cancel', {}, who);
    const again = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'CAP', quantity: 1 }] }, who);
    expect(again.status).toBe('requested');
  });

  it('refuses a portal request outside the return window with the date it closed, storing nothing', async () => {
    const orderId = await newOrder(45);
    const customer = { actor: 'customer', source: 'portal' };
    await expect(engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'CAP', quantity: 1 }] }, customer)).rejects.toThrow(
      /CAP cannot be returned: the 30-day return window closed on \d{4}-\d{2}-\d{2}/,
    );
    expect((await engine.returns.listReturns(tenantId, { orderId })).returns).toHaveLength(0);
  });

  it('accepts a late return from the merchant and records the window as a policy exception', async () => {
    const lateOrder = await newOrder(45);
    const late = await engine.returns.requestReturn(tenantId, { order_id: lateOrder, lines: [{ sku: 'CAP', quantity: 1 }] }, who);
    expect(late.status).toBe('requested');
    const requested = (await engine.returns.getReturn(tenantId, late.return_id, { timeline: true })).timeline?.find((e) => e.type === 'return.requested');
    expect(requested?.payload).toMatchObject({ policy_exceptions: ['return_window'] });
    const onTime = await engine.returns.requestReturn(tenantId, { order_id: await newOrder(1), lines: [{ sku: 'CAP', quantity: 1 }] }, who);
    const onTimeEvent = (await engine.returns.getReturn(tenantId, onTime.return_id, { timeline: true })).timeline?.find((e) => e.type === 'return.requested');
    expect(onTimeEvent?.payload).toMatchObject({ policy_exceptions: [] });
  });

  it('refuses final-sale and non-returnable lines', async () => {
    const orderId = await newOrder(1, [{ sku: 'SALE-1', category: 'apparel' }, { sku: 'GIFT', category: 'gift_card' }, { sku: 'FINAL', category: 'apparel', final_sale: true }]);
    await expect(engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'SALE-1', quantity: 1 }] }, who)).rejects.toThrow(/final sale/);
    await expect(engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'FINAL', quantity: 1 }] }, who)).rejects.toThrow(/final sale/);
    await expect(engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'GIFT', quantity: 1 }] }, who)).rejects.toThrow(
      /category 'gift_card' are not returnable/,
    );
    const page = await engine.returns.listReturns(tenantId, { orderId });
    expect(page.returns).toHaveLength(0);
  });

  it('refuses unknown SKUs, unknown reason codes and a bad quantity, storing nothing', async () => {
    const orderId = await newOrder();
    await expect(engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'NOPE', quantity: 1 }] }, who)).rejects.toThrow(
      `order ${orderId} has no line with sku 'NOPE'`,
    );
    await expect(engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'CAP', quantity: 1, reason_code: 'because' }] }, who)).rejects.toThrow(
      /reason_code 'because'/,
    );
    await expect(engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'CAP', quantity: 0 }] }, who)).rejects.toThrow(/whole number >= 1/);
    expect((await engine.returns.listReturns(tenantId, { orderId })).returns).toHaveLength(0);
  });

  it('maps Shopify reason codes onto ours', async () => {
    const orderId = await newOrder();
    const ret = await engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'CAP', quantity: 1, reason_code: 'SIZE_TOO_SMALL' }] }, who);
    expect(ret.lines[0].reason_code).toBe('size_too_small');
  });
});

describe('refunds', () => {
  it('never refunds a line twice, whatever is retried', async () => {
    const inspected = await returnIn(ReturnStatus.Inspected);
    const resolved = await engine.returns.transition(tenantId, inspected.return_id, 'resolve', { resolution: 'refund' }, who);
    expect(resolved.lines[0].refund_amount).toBe(60);
    await expect(engine.returns.transition(tenantId, inspected.return_id, 'resolve', { resolution: 'refund' }, who)).rejects.toThrow(IllegalTransitionError);
    const [{ n, total }] = await engine.store.query<{ n: number; total: number }>(
      'select count(*) as n, sum(amount)::double as total from refunds where tenant_id = $1 and return_id = $2',
      [tenantId, inspected.return_id],
    );
    expect({ n, total }).toEqual({ n: 1, total: 60 });
  });
});

describe('tenancy', () => {
  it("never shows or changes another tenant's returns and orders", async () => {
    const ret = await returnIn(ReturnStatus.Requested);
    await expect(engine.returns.getReturn(otherTenantId, ret.return_id)).rejects.toThrow(NotFoundError);
    await expect(engine.returns.transition(otherTenantId, ret.return_id, 'approve', {}, who)).rejects.toThrow(NotFoundError);
    await expect(engine.orders.getOrder(otherTenantId, ret.order_id)).rejects.toThrow(NotFoundError);
    await expect(engine.returns.requestReturn(otherTenantId, { order_id: ret.order_id, lines: [{ sku: 'CAP', quantity: 1 }] }, who)).rejects.toThrow(NotFoundError);
    expect((await engine.returns.listReturns(otherTenantId, {})).returns).toHaveLength(0);
    expect((await engine.returns.getReturn(tenantId, ret.return_id)).status).toBe('requested');
  });
});

describe('listing', () => {
  it('pages through returns with a cursor and filters by status', async () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await engine.returns.listReturns(tenantId, { limit: 7, cursor });
      page.returns.forEach((r) => seen.add(r.return_id));
      cursor = page.next_cursor ?? undefined;
      pages++;
    } while (cursor);
    const [{ n }] = await engine.store.query<{ n: number }>('select count(*) as n from returns where tenant_id = $1', [tenantId]);
    expect(seen.size).toBe(n);
    expect(pages).toBe(Math.max(1, Math.ceil(n / 7)));
    const closed = await engine.returns.listReturns(tenantId, { status: [ReturnStatus.Closed] });
    expect(closed.returns.length).toBeGreaterThan(0);
    expect(closed.returns.every((r) => r.status === 'closed')).toBe(true);
    await expect(engine.returns.listReturns(tenantId, { cursor: 'garbage' })).rejects.toThrow(/cursor is not one this API handed out/);
  });
});

// The history tables carry no primary keys (migration 0010): these refusals are what keeps ids unique.
describe('ids stay unique without table keys', () => {
  const count = async (sqlText: string) => (await engine.store.query<{ n: number }>(`select count(*)::int as n from ${sqlText}`))[0].n;

  it('refuses a second order with the same id, storing nothing more; another tenant may use the id', async () => {
    const orderId = await newOrder();
    const again = { order_id: orderId, ordered_at: new Date().toISOString(), customer: { id: 'C-2' }, lines: [{ sku: 'HAT', category: 'apparel', quantity: 1, unit_price: 9 }] };
    await expect(engine.orders.createOrder(tenantId, again)).rejects.toMatchObject({ kind: 'conflict', message: `order ${orderId} already exists` });
    expect(await count(`order_lines where tenant_id = '${tenantId}' and order_id = '${orderId}'`)).toBe(2);
    await engine.orders.createOrder(otherTenantId, again);
    expect(await count(`orders where id = '${orderId}'`)).toBe(2);
  });

  it('refuses a return id already used in the tenant, storing nothing more', async () => {
    const first = await engine.returns.requestReturn(tenantId, { order_id: await newOrder(), return_id: 'RMA-CHOSEN', lines: [{ sku: 'CAP', quantity: 1 }] }, who);
    const other = await newOrder();
    await expect(engine.returns.requestReturn(tenantId, { order_id: other, return_id: first.return_id, lines: [{ sku: 'CAP', quantity: 1 }] }, who)).rejects.toMatchObject({
      kind: 'conflict',
      message: 'return RMA-CHOSEN already exists',
    });
    expect(await count(`returns where tenant_id = '${tenantId}' and id = 'RMA-CHOSEN'`)).toBe(1);
    expect(await count(`return_lines where tenant_id = '${tenantId}' and order_id = '${other}'`)).toBe(0);
  });
});
