import { describe, expect, it } from 'vitest';
import { big, fixture, IDS, useWebhookHarness } from './webhook-harness';

const h = useWebhookHarness();

describe('the same webhook delivered twice at once', () => {
  it('applies it once: one answer applied, the other a duplicate, and the stored delivery stays applied', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    const approve = fixture('returns/approve');
    approve.id = big(IDS.returnId);
    const [a, b] = await Promise.all([h.deliver('returns/approve', approve, 'wh-approve'), h.deliver('returns/approve', approve, 'wh-approve')]);
    const answers = [a, b].map((r) => ({ status: r.json.status, duplicate: r.json.duplicate }));
    expect(answers.filter((x) => !x.duplicate)).toEqual([{ status: 'applied', duplicate: false }]);
    expect(answers.filter((x) => x.duplicate)).toHaveLength(1);
    const [row] = await h.engine.store.query<{ status: string; attempts: number; failure_reason: string | null }>(
      "select status, attempts, failure_reason from shopify_webhooks where webhook_id = 'wh-approve'",
    );
    expect(row).toEqual({ status: 'applied', attempts: 1, failure_reason: null });
    const ret = await h.engine.returns.getReturn(h.tenantId, IDS.returnId, { timeline: true });
    expect(ret.status).toBe('approved');
    expect(ret.timeline!.filter((e) => e.type === 'return.approved')).toHaveLength(1);
  });
});

describe('two topics about the same thing at once', () => {
  it('applies orders/create and orders/paid of one order arriving together: the order once, neither delivery failed', async () => {
    const order = fixture('orders/create');
    order.id = big(IDS.order);
    for (const li of order.line_items) li.id = big(li.admin_graphql_api_id.split('/').pop());
    order.created_at = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const [created, paid] = await Promise.all([h.deliver('orders/create', order, 'wh-create'), h.deliver('orders/paid', order, 'wh-paid')]);
    expect([created.json.status, paid.json.status]).toEqual(['applied', 'applied']);
    expect(await h.engine.store.query('select webhook_id, failure_reason from shopify_webhooks where status = \'failed\'')).toEqual([]);
    const [n] = await h.engine.store.query<{ n: number }>('select count(*)::integer as n from orders where id = ?', [IDS.order]);
    expect(n!.n).toBe(1);
  });
});

describe('a Shopify action racing the same action taken in Rebound', () => {
  it('answers returns/approve as already approved when staff approve the return right after the webhook read it', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    const approve = fixture('returns/approve');
    approve.id = big(IDS.returnId);
    // The interleaving of two real requests, made certain: staff approve between the webhook's read and its write.
    const returns = h.engine.returns;
    const getReturn = returns.getReturn.bind(returns);
    let staff: Promise<unknown> | undefined;
    returns.getReturn = async (...args) => {
      const read = await getReturn(...args);
      if (staff) return read;
      staff = returns.transition(h.tenantId, IDS.returnId, 'approve', {}, { actor: 'staff' });
      await staff;
      return read;
    };
    const hook = await h.deliver('returns/approve', approve, 'wh-approve');
    returns.getReturn = getReturn;
    expect({ status: hook.json.status, failure: hook.json.failure_reason }).toEqual({ status: 'applied', failure: null });
    const ret = await getReturn(h.tenantId, IDS.returnId, { timeline: true });
    expect(ret.timeline!.filter((e) => e.type === 'return.approved')).toHaveLength(1);
  });
});

describe('replaying a failed webhook twice at once', () => {
  it('applies it once: one replay answers applied, the other is refused with 409, and the delivery stays applied', async () => {
    const ret = fixture('returns/request');
    ret.id = big(IDS.returnId);
    ret.order.id = big(IDS.order);
    ret.return_line_items = [{ id: 9001, quantity: 1, return_reason: 'SIZE_TOO_SMALL', fulfillment_line_item: { id: 10001, line_item: { id: big(IDS.sunglasses) } } }];
    const early = await h.deliver('returns/request', ret, 'wh-early');
    expect(early.json.failure_reason).toMatch(/is unknown/);
    await h.deliverOrder();
    const replay = () => h.app.inject({ method: 'POST', url: '/api/v1/webhooks/failed/wh-early/replay', headers: { authorization: `Bearer ${h.apiKey}` } });
    const answers = await Promise.all([replay(), replay()]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.statusCode === 200)!.json()).toMatchObject({ status: 'applied', failure_reason: null });
    const [row] = await h.engine.store.query('select status, attempts, failure_reason from shopify_webhooks where webhook_id = ?', ['wh-early']);
    expect(row).toEqual({ status: 'applied', attempts: 2, failure_reason: null });
  });
});
