import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '@rebound/engine';
import { engineInTempDir } from '@rebound/engine/testing';
import { buildApp } from '@rebound/web';
import { afterEach, beforeEach } from 'vitest';
import { shopifyHmac } from './verify-hmac';
import { ingestRoutes } from './webhook-routes';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'gadget-metadatas-2026-04');
export const SHOP = 'acme-outfitters.myshopify.com';
const SECRET = 'shpss_test_secret';

/** Exact ids as Shopify sends them (beyond JavaScript's safe integers), written into bodies as bare numbers. */
export const IDS = {
  order: '820982911946154508',
  sunglasses: '487817672276298554', // SKU2006-001, 89.99
  lounger: '976318377106520349', // SKU2006-020, 159.99
  returnId: '123134564567890',
  refund: '890088186047892319',
};

/** The documented example payload of a topic (its `.response`). */
export function fixture(topic: string): Record<string, any> {
  return JSON.parse(readFileSync(join(FIXTURES, `${topic.replace('/', '_')}.json`), 'utf8')).response;
}

/** JSON with every `"#big:<digits>"` string written as a bare number, the way Shopify writes its ids. */
export function shopifyJson(value: unknown): string {
  return JSON.stringify(value).replace(/"#big:(-?\d+)"/g, '$1');
}

/** A bare big-number id for shopifyJson. */
export const big = (id: string) => `#big:${id}`;

/** What a webhook test works with: a tenant connected to a shop, the server, and delivery helpers. */
export interface WebhookHarness {
  engine: Engine;
  tenantId: string;
  apiKey: string;
  app: Awaited<ReturnType<typeof buildApp>>;
  /** Posts a signed webhook; answers the route's JSON and status. */
  deliver(topic: string, body: unknown, id?: string): Promise<{ statusCode: number; json: any }>;
  /** The documented orders/create with exact ids, two units of the sunglasses, ordered 3 days ago. */
  deliverOrder(): Promise<void>;
  /** A returns/request carrying line items (return line item 9001: sunglasses, 9002: lounger). */
  deliverReturn(lines?: { item: number; line: string; quantity: number }[]): Promise<void>;
  /** Moves the Shopify return through our lifecycle with the engine's own actions. */
  act(...actions: string[]): Promise<void>;
}

/** Registers a fresh engine, tenant and server around each test of the calling file. */
export function useWebhookHarness(): WebhookHarness {
  const h = {} as WebhookHarness;
  let cleanup: () => Promise<void>;
  let seq = 0;
  beforeEach(async () => {
    const env = await engineInTempDir();
    cleanup = env.cleanup;
    h.engine = env.engine;
    const made = await env.engine.tenants.createTenant({ name: 'Acme', currency: 'USD', shopifyDomain: SHOP, shopifySecret: SECRET });
    h.tenantId = made.tenant.id;
    h.apiKey = made.apiKey;
    h.app = await buildApp({ engine: env.engine, extraRoutes: [ingestRoutes(env.engine)] });
  });
  afterEach(async () => {
    await h.app.close();
    await cleanup();
  });
  h.deliver = async (topic, body, id) => {
    const raw = typeof body === 'string' ? body : shopifyJson(body);
    const res = await h.app.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-shop-domain': SHOP,
        'x-shopify-webhook-id': id ?? `wh-${++seq}`,
        'x-shopify-hmac-sha256': shopifyHmac(raw, SECRET),
      },
      payload: raw,
    });
    return { statusCode: res.statusCode, json: res.json() };
  };
  h.deliverOrder = async () => {
    const order = fixture('orders/create');
    order.id = big(IDS.order);
    for (const li of order.line_items) li.id = big(li.admin_graphql_api_id.split('/').pop());
    order.line_items[0].quantity = 2;
    order.created_at = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const res = await h.deliver('orders/create', order);
    if (res.json.status !== 'applied') throw new Error(`order not applied: ${res.json.failure_reason}`);
  };
  h.deliverReturn = async (lines = [{ item: 9001, line: IDS.sunglasses, quantity: 2 }, { item: 9002, line: IDS.lounger, quantity: 1 }]) => {
    const ret = fixture('returns/request');
    ret.id = big(IDS.returnId);
    ret.order.id = big(IDS.order);
    ret.return_line_items = lines.map((l) => ({
      id: l.item, admin_graphql_api_id: `gid://shopify/ReturnLineItem/${l.item}`, quantity: l.quantity,
      return_reason: 'SIZE_TOO_SMALL', return_reason_note: 'too tight', customer_note: null,
      fulfillment_line_item: { id: l.item + 1000, line_item: { id: big(l.line) } },
    }));
    ret.total_return_line_items = lines.length;
    const res = await h.deliver('returns/request', ret);
    if (res.json.status !== 'applied') throw new Error(`return not applied: ${res.json.failure_reason}`);
  };
  h.act = async (...actions) => {
    const inputs: Record<string, Record<string, unknown>> = {
      ship: { carrier: 'USPS', tracking_number: '9400' },
      inspect: { lines: [{ sku: 'SKU2006-001', condition: 'good', disposition: 'restock' }, { sku: 'SKU2006-020', condition: 'damaged', disposition: 'dispose' }] },
      resolve: { resolution: 'refund' },
    };
    for (const a of actions) await h.engine.returns.transition(h.tenantId, IDS.returnId, a as never, inputs[a] ?? {}, { actor: 'test' });
  };
  return h;
}
