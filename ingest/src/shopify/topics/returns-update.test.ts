import { describe, expect, it } from 'vitest';
import { fixture, IDS, useWebhookHarness } from '../webhook-harness';

const h = useWebhookHarness();

/** The documented returns/update, removing `delta` units of return line item `item`. */
function updateBody(item: number | null, delta = 1, fees = false) {
  const body = fixture('returns/update');
  body.return_line_items.removals = item === null ? [] : [{ admin_graphql_api_id: `gid://shopify/ReturnLineItem/${item}`, delta }];
  if (fees) body.restocking_fees.updates = [{ admin_graphql_api_id: 'gid://shopify/RestockingFee/77', percentage: 10 }];
  return body;
}

describe('returns/update', () => {
  it('takes the removed units off the return, and cancels it when none are left', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    const res = await h.deliver('returns/update', updateBody(9001, 1), 'shrink');
    expect(res.json).toMatchObject({ status: 'applied', note: `return ${IDS.returnId}: took 1 x SKU2006-001 off` });
    const shrunk = await h.engine.returns.getReturn(h.tenantId, IDS.returnId, { timeline: true });
    expect(shrunk.lines.map((l) => [l.sku, l.quantity])).toEqual([['SKU2006-001', 1], ['SKU2006-020', 1]]);
    expect(shrunk.timeline?.at(-1)).toMatchObject({ type: 'return.units_removed', actor: 'shopify', reason: 'removed in Shopify' });
    expect((await h.deliver('returns/update', updateBody(9001, 1), 'shrink')).json.status).toBe('applied');
    expect((await h.engine.returns.getReturn(h.tenantId, IDS.returnId)).lines[0]!.quantity).toBe(1);
    const body = updateBody(9001, 1);
    body.return_line_items.removals.push({ admin_graphql_api_id: 'gid://shopify/ReturnLineItem/9002', delta: 1 });
    expect((await h.deliver('returns/update', body, 'empty')).json.note).toBe(`return ${IDS.returnId}: took 1 x SKU2006-001, 1 x SKU2006-020 off, which left nothing: canceled`);
    expect((await h.engine.returns.getReturn(h.tenantId, IDS.returnId)).status).toBe('canceled');
  });

  it('notes fee changes, which have no place on our return, and applies an empty change', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    const fees = await h.deliver('returns/update', updateBody(null, 0, true));
    expect(fees.json).toMatchObject({ status: 'applied', note: `return ${IDS.returnId}: restocking fees changed in Shopify; Rebound keeps no fees on a return, so they stay in the raw webhook only` });
    expect((await h.deliver('returns/update', updateBody(null))).json.note).toBe(`return ${IDS.returnId}: nothing Rebound keeps changed`);
  });

  it("refuses Shopify's documented update for an unknown return, unknown line items, bad deltas and finished returns", async () => {
    expect((await h.deliver('returns/update', JSON.stringify(fixture('returns/update')))).json.failure_reason).toBe(
      `return ${IDS.returnId} is unknown (deliver its returns/request first, then replay)`,
    );
    await h.deliverOrder();
    await h.deliverReturn();
    expect((await h.deliver('returns/update', JSON.stringify(fixture('returns/update')))).json.failure_reason).toBe(
      `return ${IDS.returnId}: return line item 987654321 is not one of its lines in Rebound (it was not in the returns/request Rebound received)`,
    );
    expect((await h.deliver('returns/update', updateBody(9002, 2))).json.failure_reason).toBe(
      `return ${IDS.returnId}: Shopify removed 2 units of SKU2006-020, but the return holds 1`,
    );
    await h.act('cancel');
    expect((await h.deliver('returns/update', updateBody(9001))).json.failure_reason).toBe(
      `return ${IDS.returnId} is canceled in Rebound: Shopify's change to its lines comes after the items were handled and is not applied`,
    );
  });
});
