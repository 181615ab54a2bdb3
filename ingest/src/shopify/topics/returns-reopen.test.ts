import { describe, expect, it } from 'vitest';
import { fixture, IDS, useWebhookHarness } from '../webhook-harness';

const h = useWebhookHarness();

describe('returns/reopen', () => {
  it("reopens our closed return to the status it was closed from, with Shopify's documented payload", async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    await h.act('approve', 'receive', 'inspect', 'resolve');
    expect((await h.deliver('returns/close', fixture('returns/close'))).json.status).toBe('applied');
    const res = await h.deliver('returns/reopen', JSON.stringify(fixture('returns/reopen')));
    expect(res.json).toMatchObject({ status: 'applied', note: `return ${IDS.returnId} reopened (resolved)` });
    const ret = await h.engine.returns.getReturn(h.tenantId, IDS.returnId, { timeline: true });
    expect(ret.status).toBe('resolved');
    expect(ret.timeline!.at(-1)).toMatchObject({ type: 'return.resolved', actor: 'shopify', payload: { action: 'reopen', from: 'closed', restored: 'resolved' } });
    // A second reopen finds it open already and changes nothing; it can be closed again.
    expect((await h.deliver('returns/reopen', fixture('returns/reopen'))).json.note).toMatch(/not closed in Rebound \(resolved\): nothing to reopen/);
    expect((await h.deliver('returns/close', fixture('returns/close'))).json.status).toBe('applied');
    expect((await h.engine.returns.getReturn(h.tenantId, IDS.returnId)).status).toBe('closed');
  });

  it('refuses an unknown return, and a return that was never closed, with the state machine reason', async () => {
    expect((await h.deliver('returns/reopen', fixture('returns/reopen'))).json.failure_reason).toBe(
      `return ${IDS.returnId} is unknown (deliver its returns/request first, then replay)`,
    );
    await h.deliverOrder();
    await h.deliverReturn();
    await h.act('cancel');
    const res = await h.deliver('returns/reopen', fixture('returns/reopen'));
    expect(res.statusCode).toBe(202);
    expect(res.json.failure_reason).toBe(`cannot reopen return ${IDS.returnId}: it is canceled, and reopen is only allowed when it is closed`);
    expect((await h.engine.returns.getReturn(h.tenantId, IDS.returnId)).status).toBe('canceled');
  });
});
