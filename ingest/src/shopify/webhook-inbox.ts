import { DomainError, NotFoundError, type Engine } from '@rebound/engine';
import { parseShopifyJson } from './lossless-json';
import { TOPIC_HANDLERS, UNMAPPED_RETURN_TOPICS } from './topics/all-topics';

/** A delivery as the inbox keeps it (the raw body stays in the store for audit and replay). */
export interface WebhookRecord {
  webhook_id: string;
  tenant_id: string;
  shop_domain: string;
  topic: string;
  received_at: string;
  status: 'applied' | 'failed' | 'ignored';
  failure_reason: string | null;
  /** What applying it did, in a line (e.g. a refund tied to no return, kept only raw). */
  note: string | null;
  attempts: number;
}

/** What the route answers: 200 applied or already seen, 202 kept raw (unknown topic or failed to apply). */
export interface AcceptOutcome {
  status: 200 | 202;
  duplicate: boolean;
  record: WebhookRecord;
}

/**
 * Deliveries being applied right now, per engine (the one process that owns the store applies every webhook): a
 * replay of one of them would apply it a second time while its row still reads failed.
 */
const applying = new WeakMap<Engine, Set<string>>();

const COLUMNS = 'webhook_id, tenant_id, shop_domain, topic, cast(received_at as varchar) as received_at, status, failure_reason, note, attempts';

/**
 * Webhooks are applied synchronously inside the request (they are small): the raw body is stored first, then
 * applied; a failure to apply is recorded on the same row, so nothing acknowledged is lost and it can be replayed.
 */
export class WebhookInbox {
  constructor(private readonly engine: Engine) {}

  /** Stores a verified delivery once and applies it; a known webhook id changes nothing. */
  async accept(d: { webhookId: string; tenantId: string; shopDomain: string; topic: string; rawBody: string }): Promise<AcceptOutcome> {
    const known = await this.find(d.webhookId);
    if (known) return { status: 200, duplicate: true, record: known };
    const handled = Object.hasOwn(TOPIC_HANDLERS, d.topic) || UNMAPPED_RETURN_TOPICS.has(d.topic);
    // The insert is what claims the id: two deliveries of it at once both miss `find`, and only the one whose row
    // went in applies it; the other is a duplicate, as if it had come after.
    const inserted = await this.engine.store.query(
      `insert into shopify_webhooks (webhook_id, tenant_id, shop_domain, topic, received_at, raw_body, status, attempts)
       values (?, ?, ?, ?, now(), ?, ?, 0) on conflict do nothing returning webhook_id`,
      [d.webhookId, d.tenantId, d.shopDomain, d.topic, d.rawBody, handled ? 'failed' : 'ignored'],
    );
    if (!inserted.length) return { status: 200, duplicate: true, record: (await this.find(d.webhookId))! };
    if (!handled) return { status: 202, duplicate: false, record: (await this.find(d.webhookId))! };
    const record = await this.apply(d.webhookId);
    return { status: record.status === 'applied' ? 200 : 202, duplicate: false, record };
  }

  /** Applies a stored delivery (again) and records the outcome. */
  async apply(webhookId: string): Promise<WebhookRecord> {
    let inFlight = applying.get(this.engine);
    if (!inFlight) applying.set(this.engine, (inFlight = new Set()));
    if (inFlight.has(webhookId)) throw new DomainError('conflict', `webhook ${webhookId} is being applied right now; look at it again in a moment`);
    inFlight.add(webhookId);
    try {
      return await this.applyOnce(webhookId);
    } finally {
      inFlight.delete(webhookId);
    }
  }

  private async applyOnce(webhookId: string): Promise<WebhookRecord> {
    const rows = await this.engine.store.query<{ tenant_id: string; topic: string; raw_body: string }>(
      'select tenant_id, topic, raw_body from shopify_webhooks where webhook_id = ?', [webhookId]);
    const row = rows[0];
    if (!row) throw new NotFoundError('Shopify webhook', webhookId);
    let failure: string | null = null;
    let note: string | null = null;
    try {
      const handler = Object.hasOwn(TOPIC_HANDLERS, row.topic) ? TOPIC_HANDLERS[row.topic] : undefined;
      if (!handler) throw new DomainError('unprocessable', `topic ${row.topic} is not mapped into the returns domain yet; replay it once it is`);
      const payload = parseShopifyJson(row.raw_body);
      if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new DomainError('unprocessable', 'the body is not a JSON object');
      note = await handler({ engine: this.engine, tenantId: row.tenant_id, payload: payload as Record<string, unknown> });
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    await this.engine.store.query(
      `update shopify_webhooks set status = ?, failure_reason = ?, note = ?, attempts = attempts + 1,
       applied_at = case when ? then now() else applied_at end where webhook_id = ?`,
      [failure ? 'failed' : 'applied', failure, failure ? null : note, failure === null, webhookId],
    );
    return (await this.find(webhookId))!;
  }

  /** Replays a failed delivery of this tenant; refuses one that is unknown, another tenant's, or already applied. */
  async replay(tenantId: string | undefined, webhookId: string): Promise<WebhookRecord> {
    const known = await this.find(webhookId);
    if (!known || (tenantId && known.tenant_id !== tenantId)) throw new NotFoundError('failed Shopify webhook', webhookId);
    if (known.status !== 'failed') throw new DomainError('conflict', `webhook ${webhookId} is ${known.status}, not failed; there is nothing to replay`);
    return this.apply(webhookId);
  }

  /** Failed deliveries, newest first, optionally of one tenant. */
  async listFailed(tenantId?: string): Promise<WebhookRecord[]> {
    return this.engine.store.query<WebhookRecord>(
      `select ${COLUMNS} from shopify_webhooks where status = 'failed' ${tenantId ? 'and tenant_id = ?' : ''} order by received_at desc`,
      tenantId ? [tenantId] : [],
    );
  }

  /** One delivery, or undefined. */
  async find(webhookId: string): Promise<WebhookRecord | undefined> {
    const rows = await this.engine.store.query<WebhookRecord>(`select ${COLUMNS} from shopify_webhooks where webhook_id = ?`, [webhookId]);
    return rows[0];
  }
}
