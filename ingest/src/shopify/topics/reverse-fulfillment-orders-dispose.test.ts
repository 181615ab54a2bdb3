import { describe, expect, it } from 'vitest';
import { big, fixture, IDS, useWebhookHarness } from '../webhook-harness';

const h = useWebhookHarness();

/** The documented dispose, its two lines carrying the order lines they return (sunglasses, lounger). */
function disposeBody(types: [string, string] = ['restocked', 'not_restocked'], withOrderLines = true) {
  const body = fixture('reverse_fulfillment_orders/dispose');
  body.dispositions.forEach((d: any, i: number) => {
    d.type = types[i];
    d.quantity = i === 0 ? 2 : 1;
    if (withOrderLines) d.reverse_fulfillment_order_line_item.fulfillment_line_item = { id: 8000 + i, line_item: { id: big(i === 0 ? IDS.sunglasses : IDS.lounger) } };
  });
  return body;
}

describe('reverse_fulfillment_orders/dispose', () => {
  it('receives an in-transit return and inspects it with the dispositions of every line', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    await h.act('approve', 'ship');
    const res = await h.deliver('reverse_fulfillment_orders/dispose', disposeBody());
    expect(res.json).toMatchObject({ status: 'applied', note: `return ${IDS.returnId} received, inspected (SKU2006-001 restock, SKU2006-020 dispose)` });
    const ret = await h.engine.returns.getReturn(h.tenantId, IDS.returnId);
    expect(ret.lines.map((l) => [l.disposition, l.restocked_at !== null])).toEqual([['restock', true], ['dispose', false]]);
    // Its lines are now linked: the same dispose without order lines finds them, and changes nothing.
    expect((await h.deliver('reverse_fulfillment_orders/dispose', disposeBody(undefined, false))).json.note).toBe(
      `return ${IDS.returnId} already inspected with these dispositions`,
    );
  });

  it("keeps Shopify's documented dispose as failed with what to deliver first", async () => {
    const res = await h.deliver('reverse_fulfillment_orders/dispose', JSON.stringify(fixture('reverse_fulfillment_orders/dispose')));
    expect(res.statusCode).toBe(202);
    expect(res.json.failure_reason).toBe(
      "reverse fulfillment order 11111111: its line 2222222 is not linked to any return line Rebound knows (this webhook names no return); deliver the return's returns/process first, which links its lines, then replay",
    );
  });

  it('refuses an order line held by several open returns, no dispositions, and a contrary disposition', async () => {
    await h.deliverOrder();
    await h.deliverReturn([{ item: 9001, line: IDS.sunglasses, quantity: 1 }]);
    await h.act('approve');
    await h.engine.returns.requestReturn(h.tenantId, { return_id: 'R-2', order_id: IDS.order, lines: [{ sku: 'SKU2006-001', quantity: 1 }] }, { actor: 'test' });
    await h.engine.returns.transition(h.tenantId, 'R-2', 'approve', {}, { actor: 'test' });
    const body = disposeBody();
    body.dispositions = body.dispositions.slice(0, 1);
    expect((await h.deliver('reverse_fulfillment_orders/dispose', body)).json.failure_reason).toBe(
      `reverse fulfillment order 11111111: order line ${IDS.sunglasses} is on several open returns (${IDS.returnId}, R-2); deliver the right return's returns/process first, then replay`,
    );
    expect((await h.deliver('reverse_fulfillment_orders/dispose', { ...body, dispositions: [] })).json.failure_reason).toBe(
      'reverse fulfillment order 11111111 carries no dispositions',
    );
    await h.engine.returns.transition(h.tenantId, 'R-2', 'cancel', {}, { actor: 'test' });
    expect((await h.deliver('reverse_fulfillment_orders/dispose', body)).json.note).toBe(`return ${IDS.returnId} received, inspected (SKU2006-001 restock)`);
    const contrary = disposeBody(['missing', 'missing']);
    contrary.dispositions = contrary.dispositions.slice(0, 1);
    expect((await h.deliver('reverse_fulfillment_orders/dispose', contrary)).json.failure_reason).toMatch(
      /was already inspected: SKU2006-001 is restock, Shopify now says missing/,
    );
  });
});
