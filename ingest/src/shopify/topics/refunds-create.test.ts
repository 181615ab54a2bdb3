import { describe, expect, it } from 'vitest';
import { big, fixture, IDS, useWebhookHarness } from '../webhook-harness';

const h = useWebhookHarness();

/** The documented refund, tied to our return, refunding the given lines (exact ids, money as Shopify's strings). */
function refundBody(lines: { line: string; sku: string; quantity: number; subtotal: string; tax?: string; currency?: string }[], returnId: string | null = IDS.returnId) {
  const refund = fixture('refunds/create');
  refund.id = big(IDS.refund);
  refund.order_id = big(IDS.order);
  refund.return = returnId ? { id: big(returnId), admin_graphql_api_id: `gid://shopify/Return/${returnId}` } : null;
  const template = refund.refund_line_items[0];
  refund.refund_line_items = lines.map((l, i) => {
    const money = (amount: string) => ({ shop_money: { amount, currency_code: l.currency ?? 'USD' }, presentment_money: { amount, currency_code: l.currency ?? 'USD' } });
    return {
      ...template, id: 5000 + i, quantity: l.quantity, line_item_id: big(l.line), subtotal: Number(l.subtotal), total_tax: Number(l.tax ?? '0'),
      subtotal_set: money(l.subtotal), total_tax_set: money(l.tax ?? '0.00'),
      line_item: { ...template.line_item, id: big(l.line), sku: l.sku, admin_graphql_api_id: `gid://shopify/LineItem/${l.line}` },
    };
  });
  return refund;
}

const both = [
  { line: IDS.sunglasses, sku: 'SKU2006-001', quantity: 2, subtotal: '179.98', tax: '14.40' },
  { line: IDS.lounger, sku: 'SKU2006-020', quantity: 1, subtotal: '159.99' },
];

describe('refunds/create', () => {
  it('resolves an inspected return by refund with the exact amounts per line (subtotal + tax), once', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    await h.act('approve', 'receive', 'inspect');
    const res = await h.deliver('refunds/create', refundBody(both));
    expect(res.statusCode).toBe(200);
    expect(res.json).toMatchObject({ status: 'applied', failure_reason: null });
    const ret = await h.engine.returns.getReturn(h.tenantId, IDS.returnId, { timeline: true });
    expect(ret).toMatchObject({ status: 'resolved', resolution: 'refund' });
    expect(ret.lines.map((l) => [l.sku, l.refund_amount])).toEqual([['SKU2006-001', 194.38], ['SKU2006-020', 159.99]]);
    expect(ret.timeline!.at(-1)).toMatchObject({ type: 'return.resolved', actor: 'shopify' });
    const [{ total }] = await h.engine.store.query<{ total: string }>(
      'select cast(sum(amount) as varchar) as total from refunds where tenant_id = ? and return_id = ?', [h.tenantId, IDS.returnId]);
    expect(total).toBe('354.37');
    // The same refund delivered again under another webhook id changes nothing.
    const again = await h.deliver('refunds/create', refundBody(both));
    expect(again.json.status).toBe('applied');
    const [{ n }] = await h.engine.store.query<{ n: number }>('select count(*)::integer as n from refunds where tenant_id = ?', [h.tenantId]);
    expect(n).toBe(2);
  });

  it('records 0 for the lines of the return a partial refund leaves out', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    await h.act('approve', 'receive', 'inspect');
    await h.deliver('refunds/create', refundBody([both[1]!]));
    const ret = await h.engine.returns.getReturn(h.tenantId, IDS.returnId);
    expect(ret.lines.map((l) => l.refund_amount)).toEqual([0, 159.99]);
  });

  it("notes Shopify's documented refund, which is tied to no return, without failing", async () => {
    const res = await h.deliver('refunds/create', JSON.stringify(fixture('refunds/create')));
    expect(res.statusCode).toBe(200);
    expect(res.json.status).toBe('applied');
    expect(res.json.note).toMatch(/^refund 890088186047892400 of order 820982911946154500 is not tied to a return: Rebound records refunds per return line/);
    const failed = await h.app.inject({ method: 'GET', url: '/api/v1/webhooks/failed', headers: { authorization: `Bearer ${h.apiKey}` } });
    expect(failed.json().items).toEqual([]);
    const [{ n }] = await h.engine.store.query<{ n: number }>('select count(*)::integer as n from refunds');
    expect(n).toBe(0);
  });

  it('keeps a refund of a return not yet inspected as failed, and applies it on replay once inspected', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    await h.act('approve', 'ship');
    const early = await h.deliver('refunds/create', refundBody(both), 'early-refund');
    expect(early.statusCode).toBe(202);
    expect(early.json.failure_reason).toBe(
      `return ${IDS.returnId} is in_transit: Rebound records its refund once it is inspected (deliver its returns/process or reverse_fulfillment_orders/dispose, then replay refund ${IDS.refund})`,
    );
    await h.act('receive', 'inspect');
    const replay = await h.app.inject({ method: 'POST', url: '/api/v1/webhooks/failed/early-refund/replay', headers: { authorization: `Bearer ${h.apiKey}` } });
    expect(replay.json().status).toBe('applied');
    expect((await h.engine.returns.getReturn(h.tenantId, IDS.returnId)).status).toBe('resolved');
  });

  it('refuses an unknown return, a line not on the return, another currency, a canceled return and a different second refund', async () => {
    expect((await h.deliver('refunds/create', refundBody(both))).json.failure_reason).toBe(
      `return ${IDS.returnId} is unknown (deliver its returns/request first, then replay)`,
    );
    await h.deliverOrder();
    await h.deliverReturn([{ item: 9001, line: IDS.sunglasses, quantity: 2 }]);
    await h.act('approve', 'receive');
    await h.engine.returns.transition(h.tenantId, IDS.returnId, 'inspect', { lines: [{ sku: 'SKU2006-001', condition: 'good', disposition: 'restock' }] }, { actor: 'test' });
    expect((await h.deliver('refunds/create', refundBody(both))).json.failure_reason).toBe(
      `refund ${IDS.refund}: line item ${IDS.lounger} (SKU2006-020) is not on return ${IDS.returnId}`,
    );
    expect((await h.deliver('refunds/create', refundBody([{ ...both[0]!, currency: 'EUR' }]))).json.failure_reason).toBe(
      `refund ${IDS.refund} is in EUR, but this store keeps its money in USD`,
    );
    expect((await h.deliver('refunds/create', refundBody([{ ...both[0]!, subtotal: '179.985' }]))).json.failure_reason).toMatch(/more decimals than Rebound keeps/);
    expect((await h.engine.returns.getReturn(h.tenantId, IDS.returnId)).status).toBe('inspected');
    await h.deliver('refunds/create', refundBody([both[0]!]));
    const second = await h.deliver('refunds/create', refundBody([{ ...both[0]!, subtotal: '10.00', tax: '0.00' }]));
    expect(second.json.failure_reason).toBe(
      `return ${IDS.returnId} is already resolved (refund) with SKU2006-001 refunded 194.38; refund ${IDS.refund} says 10.00 USD, and Rebound records one refund per return line`,
    );
    expect((await h.engine.returns.getReturn(h.tenantId, IDS.returnId)).lines[0]!.refund_amount).toBe(194.38);
  });

  it('refuses a refund of a canceled return', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    await h.act('cancel');
    expect((await h.deliver('refunds/create', refundBody(both))).json.failure_reason).toMatch(
      new RegExp(`return ${IDS.returnId} is canceled: refund ${IDS.refund} \\(SKU2006-001 194.38 USD, SKU2006-020 159.99 USD\\) has no returned items to pay for`),
    );
  });
});
