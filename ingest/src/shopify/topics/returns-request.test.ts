import { describe, expect, it } from 'vitest';
import { big, fixture, IDS, useWebhookHarness } from '../webhook-harness';

const h = useWebhookHarness();

describe('returns/request', () => {
  it('takes the exact order line Shopify names when the order carries the SKU on two lines', async () => {
    const order = fixture('orders/create');
    order.id = big(IDS.order);
    for (const li of order.line_items) li.id = big(li.admin_graphql_api_id.split('/').pop());
    const lounger = order.line_items.find((li: { admin_graphql_api_id: string }) => li.admin_graphql_api_id.endsWith(IDS.lounger));
    lounger.sku = 'SKU2006-001'; // the sunglasses' SKU on a second line of the order
    order.created_at = new Date(Date.now() - 3 * 86_400_000).toISOString();
    expect((await h.deliver('orders/create', order)).json.status).toBe('applied');
    await h.deliverReturn([{ item: 9002, line: IDS.lounger, quantity: 1 }]);
    const ret = await h.engine.returns.getReturn(h.tenantId, IDS.returnId);
    // Before, the SKU alone was passed on, and the return took the first line of it (IDS.sunglasses).
    expect(ret.lines.map((l) => [l.sku, l.line_id])).toEqual([['SKU2006-001', IDS.lounger]]);
  });
});
