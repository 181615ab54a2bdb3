import { describe, expect, it } from 'vitest';
import { big, fixture, IDS, useWebhookHarness } from '../webhook-harness';

const h = useWebhookHarness();

describe('orders/create', () => {
  it('stores what the customer paid per unit: the price less the discounts allocated to the line', async () => {
    const order = fixture('orders/create');
    order.id = big(IDS.order);
    for (const li of order.line_items) li.id = big(li.admin_graphql_api_id.split('/').pop());
    order.created_at = new Date(Date.now() - 86_400_000).toISOString();
    const byId = (id: string) => order.line_items.find((li: { id: string }) => li.id === big(id));
    const [sunglasses, lounger] = [byId(IDS.sunglasses), byId(IDS.lounger)];
    sunglasses.quantity = 2; // 2 x 89.99, with 20.00 off the line in two discounts
    sunglasses.discount_allocations = [
      { amount: '15.00', amount_set: { shop_money: { amount: '15.00', currency_code: 'USD' }, presentment_money: { amount: '13.80', currency_code: 'EUR' } } },
      { amount: '5.00', amount_set: { shop_money: { amount: '5.00', currency_code: 'USD' }, presentment_money: { amount: '4.60', currency_code: 'EUR' } } },
    ];
    lounger.discount_allocations = [];
    expect((await h.deliver('orders/create', order)).json.status).toBe('applied');
    const stored = await h.engine.orders.getOrder(h.tenantId, IDS.order);
    expect(stored.lines.find((l) => l.line_id === IDS.sunglasses)?.unit_price).toBe(79.99);
    expect(stored.lines.find((l) => l.line_id === IDS.lounger)?.unit_price).toBe(Number(lounger.price));
  });
});
