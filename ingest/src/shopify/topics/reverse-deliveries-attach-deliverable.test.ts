import { describe, expect, it } from 'vitest';
import { fixture, IDS, useWebhookHarness } from '../webhook-harness';

const h = useWebhookHarness();

/** The documented deliverable (USPS 123345345), with a tracking page and label when asked. */
function deliverable(extra: { url?: string; label?: string; number?: string | null } = {}) {
  const body = fixture('reverse_deliveries/attach_deliverable');
  if (extra.url) body.shipping_deliverable.tracking.tracking_url = extra.url;
  if (extra.label) body.shipping_deliverable.label.public_file_url = extra.label;
  if (extra.number !== undefined) body.shipping_deliverable.tracking.tracking_number = extra.number;
  return body;
}

describe('reverse_deliveries/attach_deliverable', () => {
  it("ships an approved return with Shopify's documented tracking and keeps it on the return", async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    await h.act('approve');
    const res = await h.deliver('reverse_deliveries/attach_deliverable', JSON.stringify(fixture('reverse_deliveries/attach_deliverable')));
    expect(res.json).toMatchObject({ status: 'applied', note: `return ${IDS.returnId} shipped with USPS 123345345` });
    const ret = await h.engine.returns.getReturn(h.tenantId, IDS.returnId, { timeline: true });
    expect(ret.status).toBe('in_transit');
    expect(ret.tracking).toEqual({ carrier: 'USPS', tracking_number: '123345345', tracking_url: null, label_url: null });
    expect(ret.timeline!.at(-1)).toMatchObject({ type: 'return.in_transit', actor: 'shopify', payload: { carrier: 'USPS', tracking_number: '123345345' } });
  });

  it('keeps a label without a number on an approved return, then updates the tracking of a return in transit', async () => {
    await h.deliverOrder();
    await h.deliverReturn();
    await h.act('approve');
    const label = 'https://cdn.shopify.com/labels/9080907654321.pdf';
    const labelled = await h.deliver('reverse_deliveries/attach_deliverable', deliverable({ number: null, label }));
    expect(labelled.json.status).toBe('applied');
    expect(await h.engine.returns.getReturn(h.tenantId, IDS.returnId)).toMatchObject({ status: 'approved', tracking: { carrier: 'USPS', tracking_number: null, label_url: label } });
    await h.deliver('reverse_deliveries/attach_deliverable', deliverable());
    const url = 'https://tools.usps.com/go/TrackConfirmAction?tLabels=123345345';
    const updated = await h.deliver('reverse_deliveries/attach_deliverable', deliverable({ url }));
    expect(updated.json.note).toBe(`return ${IDS.returnId} (in_transit): tracking attached (tracking_url)`);
    expect((await h.engine.returns.getReturn(h.tenantId, IDS.returnId)).tracking).toEqual({ carrier: 'USPS', tracking_number: '123345345', tracking_url: url, label_url: label });
    expect((await h.deliver('reverse_deliveries/attach_deliverable', deliverable({ url }))).json.note).toBe(`return ${IDS.returnId} already has this tracking`);
  });

  it('refuses an unknown return, a requested or canceled return, a bad link, and notes an empty deliverable', async () => {
    expect((await h.deliver('reverse_deliveries/attach_deliverable', deliverable())).json.failure_reason).toBe(
      `return ${IDS.returnId} is unknown (deliver its returns/request first, then replay)`,
    );
    await h.deliverOrder();
    await h.deliverReturn();
    expect((await h.deliver('reverse_deliveries/attach_deliverable', deliverable())).json.failure_reason).toBe(
      `return ${IDS.returnId} is still requested in Rebound: approve it (deliver its returns/approve, then replay) before its tracking can be attached`,
    );
    const empty = fixture('reverse_deliveries/attach_deliverable');
    empty.shipping_deliverable = { tracking: { carrier_name: null, tracking_number: null, tracking_url: null }, label: { public_file_url: null, created_at: null } };
    expect((await h.deliver('reverse_deliveries/attach_deliverable', empty)).json).toMatchObject({ status: 'applied', note: expect.stringMatching(/carries no tracking or label yet/) });
    await h.act('approve');
    expect((await h.deliver('reverse_deliveries/attach_deliverable', deliverable({ url: 'javascript:alert(1)' }))).json.failure_reason).toBe(
      "tracking_url must be an http(s) address, got 'javascript:alert(1)'",
    );
    await h.act('cancel');
    expect((await h.deliver('reverse_deliveries/attach_deliverable', deliverable())).json.failure_reason).toMatch(
      new RegExp(`^cannot attach tracking to return ${IDS.returnId}: it is canceled`),
    );
    expect((await h.engine.returns.getReturn(h.tenantId, IDS.returnId)).tracking).toBeNull();
  });
});
