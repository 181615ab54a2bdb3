import { NotFoundError } from '@rebound/engine';
import { afterEach, expect, it } from 'vitest';
import { UNMAPPED_RETURN_TOPICS } from './topics/all-topics';
import { big, IDS, useWebhookHarness } from './webhook-harness';
import { WebhookInbox } from './webhook-inbox';

const h = useWebhookHarness();
afterEach(() => UNMAPPED_RETURN_TOPICS.clear());

const replay = (id: string, apiKey = h.apiKey) =>
  h.app.inject({ method: 'POST', url: `/api/v1/webhooks/failed/${id}/replay`, headers: { authorization: `Bearer ${apiKey}` } });

/** The inbox rows as stored. */
const inbox = () => h.engine.store.query<Record<string, unknown> & { attempts: number }>('select * from shopify_webhooks order by webhook_id');

it("refuses to replay a webhook it never received, or another tenant's, with 404 naming it", async () => {
  const empty = await replay('wh-never-sent');
  expect(empty.statusCode).toBe(404);
  expect(empty.json().detail).toBe("failed Shopify webhook 'wh-never-sent' was not found");
  expect(await inbox()).toEqual([]);

  await h.deliver('returns/request', { id: 1, order: { id: 2 }, return_line_items: [] }, 'wh-failed');
  const stored = await inbox();
  expect(stored).toMatchObject([{ webhook_id: 'wh-failed', status: 'failed', attempts: 1 }]);
  const other = await h.engine.tenants.createTenant({ name: 'Other', currency: 'USD' });
  const theirs = await replay('wh-failed', other.apiKey);
  expect(theirs.statusCode).toBe(404);
  expect(theirs.json().detail).toBe("failed Shopify webhook 'wh-failed' was not found");
  expect(await inbox()).toEqual(stored);
});

it('refuses to apply a delivery that is not in the inbox, writing nothing', async () => {
  const attempt = new WebhookInbox(h.engine).apply('wh-never-sent');
  await expect(attempt).rejects.toThrow(NotFoundError);
  await expect(attempt).rejects.toThrow("Shopify webhook 'wh-never-sent' was not found");
  expect(await inbox()).toEqual([]);
});

it('refuses to apply or replay a returns topic not mapped yet, keeping the delivery raw and failed with the reason', async () => {
  UNMAPPED_RETURN_TOPICS.add('orders/cancelled');
  const reason = 'topic orders/cancelled is not mapped into the returns domain yet; replay it once it is';
  const delivered = await h.deliver('orders/cancelled', { id: big(IDS.order), cancel_reason: 'customer' }, 'wh-cancel');
  expect(delivered.statusCode).toBe(202);
  expect(delivered.json).toMatchObject({ status: 'failed', failure_reason: reason });
  const [before] = await inbox();

  const replayed = await replay('wh-cancel');
  expect(replayed.statusCode).toBe(200);
  expect(replayed.json()).toMatchObject({ webhook_id: 'wh-cancel', status: 'failed', failure_reason: reason, note: null });
  const [after] = await inbox();
  expect(after).toEqual({ ...before, attempts: before.attempts + 1 });
  expect(after.applied_at).toBeNull();
  expect((await h.app.inject({ method: 'GET', url: '/api/v1/webhooks/failed', headers: { authorization: `Bearer ${h.apiKey}` } })).json().items).toMatchObject([
    { webhook_id: 'wh-cancel', failure_reason: reason },
  ]);
});

it('refuses topics named like built-in object properties as not mapped, never applying them', async () => {
  for (const topic of ['constructor', 'toString', '__proto__']) {
    const res = await h.deliver(topic, { id: 1 });
    expect(res.statusCode).toBe(202);
    expect(res.json).toMatchObject({ topic, status: 'ignored', failure_reason: null, note: null });
  }
  UNMAPPED_RETURN_TOPICS.add('hasOwnProperty');
  const listed = await h.deliver('hasOwnProperty', { id: 1 }, 'wh-listed');
  expect(listed.json).toMatchObject({ status: 'failed', failure_reason: 'topic hasOwnProperty is not mapped into the returns domain yet; replay it once it is' });
});
