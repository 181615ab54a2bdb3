import { describe, expect, it } from 'vitest';
import { big, fixture, IDS, useWebhookHarness } from '../webhook-harness';

const h = useWebhookHarness();

type Item = { item: number; line: string; processed: number; dispositions?: { type: string; quantity: number; rfoLine?: number }[] };

/**
 * A realistic returns/process (Shopify documents `{}`): the Return with the line items it processed, their
 * dispositions and the reverse fulfillment order lines they were disposed through.
 */
function processBody(items: Item[], exchange: { sku: string; quantity: number }[] = []) {
  return {
    id: big(IDS.returnId), admin_graphql_api_id: `gid://shopify/Return/${IDS.returnId}`, status: 'open',
    order: { id: big(IDS.order), admin_graphql_api_id: `gid://shopify/Order/${IDS.order}` },
    return_line_items: items.map((i) => ({
      id: i.item, admin_graphql_api_id: `gid://shopify/ReturnLineItem/${i.item}`, quantity: i.processed, processed_quantity: i.processed,
      fulfillment_line_item: { id: i.item + 1000, line_item: { id: big(i.line) } },
      dispositions: (i.dispositions ?? []).map((d) => ({
        type: d.type, quantity: d.quantity, location: { id: 3333333 },
        reverse_fulfillment_order_line_item: d.rfoLine ? { id: d.rfoLine, admin_graphql_api_id: `gid://shopify/ReverseFulfillmentOrderLineItem/${d.rfoLine}` } : null,
      })),
    })),
    exchange_line_items: exchange.map((x, n) => ({ id: 880 + n, quantity: x.quantity, processed_quantity: x.quantity, line_item: { id: 990 + n, sku: x.sku } })),
  };
}

const restockAndDispose: Item[] = [
  { item: 9001, line: IDS.sunglasses, processed: 2, dispositions: [{ type: 'RESTOCKED', quantity: 2, rfoLine: 2222222 }] },
  { item: 9002, line: IDS.lounger, processed: 1, dispositions: [{ type: 'NOT_RESTOCKED', quantity: 1, rfoLine: 2222223 }] },
];

describe('returns/process', () => {
  it('receives and inspects an approved return with Shopify dispositions mapped to ours', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    await h.act('approve');
    const res = await h.deliver('returns/process', processBody(restockAndDispose));
    expect(res.json).toMatchObject({ status: 'applied', failure_reason: null });
    expect(res.json.note).toBe(`return ${IDS.returnId} received, inspected (SKU2006-001 restock, SKU2006-020 dispose)`);
    const ret = await h.engine.returns.getReturn(h.tenantId, IDS.returnId, { timeline: true });
    expect(ret.status).toBe('inspected');
    expect(ret.lines.map((l) => [l.sku, l.disposition, l.condition, l.received_quantity])).toEqual([
      ['SKU2006-001', 'restock', 'good', 2],
      ['SKU2006-020', 'dispose', 'unsellable', 1],
    ]);
    expect(ret.timeline!.filter((e) => e.actor === 'shopify').map((e) => e.type)).toEqual(['return.requested', 'return.received', 'return.inspected']);
    // Delivered again, it finds the return inspected with the same dispositions and changes nothing.
    expect((await h.deliver('returns/process', processBody(restockAndDispose))).json.note).toBe(`return ${IDS.returnId} already inspected with these dispositions`);
  });

  it('books fewer units when Shopify processed fewer, maps PROCESSING_REQUIRED and MISSING, and resolves a processed exchange', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    await h.act('approve', 'ship');
    const body = processBody(
      [
        { item: 9001, line: IDS.sunglasses, processed: 1, dispositions: [{ type: 'PROCESSING_REQUIRED', quantity: 1 }] },
        { item: 9002, line: IDS.lounger, processed: 1, dispositions: [{ type: 'MISSING', quantity: 1 }] },
      ],
      [{ sku: 'SKU2006-001-L', quantity: 1 }],
    );
    expect((await h.deliver('returns/process', body)).json.status).toBe('applied');
    const ret = await h.engine.returns.getReturn(h.tenantId, IDS.returnId);
    expect(ret).toMatchObject({ status: 'resolved', resolution: 'exchange' });
    expect(ret.lines.map((l) => [l.disposition, l.condition, l.received_quantity])).toEqual([['refurbish', 'fair', 1], ['missing', 'unsellable', 1]]);
  });

  it('receives now and inspects when the last line is disposed (here by reverse_fulfillment_orders/dispose)', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    await h.act('approve');
    const first = await h.deliver('returns/process', processBody([restockAndDispose[0]!, { item: 9002, line: IDS.lounger, processed: 1 }]));
    expect(first.json.note).toBe(`return ${IDS.returnId} received, waiting for Shopify's dispositions of SKU2006-020 before inspecting`);
    expect((await h.engine.returns.getReturn(h.tenantId, IDS.returnId)).status).toBe('received');
    const dispose = fixture('reverse_fulfillment_orders/dispose');
    dispose.dispositions = [{ ...dispose.dispositions[0], reverse_fulfillment_order_line_item: { id: 2222223 }, type: 'not_restocked' }];
    // The lounger's reverse fulfillment order line is known only through its order line.
    dispose.dispositions[0].reverse_fulfillment_order_line_item.fulfillment_line_item = { id: 8002, line_item: { id: big(IDS.lounger) } };
    expect((await h.deliver('reverse_fulfillment_orders/dispose', dispose)).json.note).toBe(
      `return ${IDS.returnId} inspected (SKU2006-001 restock, SKU2006-020 dispose)`,
    );
  });

  it('refuses an unknown return, an empty payload, a line not on the return, too many units, unknown types and a requested return', async () => {
    const documented = await h.deliver('returns/process', JSON.stringify(fixture('returns/process')));
    expect(documented.statusCode).toBe(202);
    expect(documented.json.failure_reason).toBe('the return has no id');
    expect((await h.deliver('returns/process', processBody(restockAndDispose))).json.failure_reason).toBe(
      `return ${IDS.returnId} is unknown (deliver its returns/request first, then replay)`,
    );
    await h.deliverOrder();
    await h.deliverReturn([{ item: 9001, line: IDS.sunglasses, quantity: 2 }]);
    expect((await h.deliver('returns/process', processBody(restockAndDispose))).json.failure_reason).toBe(
      `return ${IDS.returnId}: return line item 9002 (order line ${IDS.lounger}) is not a line of this return`,
    );
    expect((await h.deliver('returns/process', { ...processBody([]), return_line_items: [] })).json.failure_reason).toMatch(/carries no return_line_items/);
    expect((await h.deliver('returns/process', processBody([{ ...restockAndDispose[0]!, processed: 3 }]))).json.failure_reason).toBe(
      `return ${IDS.returnId}: 3 units of SKU2006-001 processed, but the return holds 2`,
    );
    expect((await h.deliver('returns/process', processBody([restockAndDispose[0]!]))).json.failure_reason).toBe(
      `return ${IDS.returnId} is still requested in Rebound: approve it (deliver its returns/approve, then replay) before its items can be processed`,
    );
    await h.act('approve');
    const burnt = processBody([{ ...restockAndDispose[0]!, dispositions: [{ type: 'BURNED', quantity: 2 }] }]);
    expect((await h.deliver('returns/process', burnt)).json.failure_reason).toBe(
      `return ${IDS.returnId}, SKU2006-001: disposition type "BURNED" is not one of RESTOCKED, PROCESSING_REQUIRED, NOT_RESTOCKED, MISSING`,
    );
    expect((await h.engine.returns.getReturn(h.tenantId, IDS.returnId)).status).toBe('approved');
  });

  it('refuses dispositions that contradict an inspection already made, and a canceled return', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    await h.act('approve', 'receive', 'inspect');
    const contrary = processBody([{ ...restockAndDispose[0]!, dispositions: [{ type: 'NOT_RESTOCKED', quantity: 2 }] }]);
    expect((await h.deliver('returns/process', contrary)).json.failure_reason).toBe(
      `return ${IDS.returnId} was already inspected: SKU2006-001 is restock, Shopify now says dispose; a return is inspected once, so change it in Rebound if Shopify is right`,
    );
    expect((await h.engine.returns.getReturn(h.tenantId, IDS.returnId)).lines[0]!.disposition).toBe('restock');
  });
});
