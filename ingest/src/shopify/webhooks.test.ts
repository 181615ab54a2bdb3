import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineInTempDir } from '@rebound/engine/testing';
import { buildApp } from '@rebound/web';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseShopifyJson } from './lossless-json';
import { shopifyHmac } from './verify-hmac';
import { ingestRoutes } from './webhook-routes';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'gadget-metadatas-2026-04');
const SHOP = 'acme-outfitters.myshopify.com';
const SECRET = 'shpss_test_secret';

/** The documented example payload of a topic, as raw text. */
function fixture(topic: string): Record<string, any> {
  return JSON.parse(readFileSync(join(FIXTURES, `${topic.replace('/', '_')}.json`), 'utf8')).response;
}

let env: Awaited<ReturnType<typeof engineInTempDir>>;
let app: Awaited<ReturnType<typeof buildApp>>;
let apiKey: string;
let tenantId: string;
let seq = 0;

beforeEach(async () => {
  env = await engineInTempDir();
  const made = await env.engine.tenants.createTenant({ name: 'Acme', currency: 'USD', shopifyDomain: SHOP, shopifySecret: SECRET });
  apiKey = made.apiKey;
  tenantId = made.tenant.id;
  app = await buildApp({ engine: env.engine, extraRoutes: [ingestRoutes(env.engine)] });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

function deliver(topic: string, body: string, opts: { id?: string; secret?: string; shop?: string; hmac?: string | null } = {}) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-shopify-topic': topic,
    'x-shopify-shop-domain': opts.shop ?? SHOP,
    'x-shopify-webhook-id': opts.id ?? `wh-${++seq}`,
  };
  if (opts.hmac !== null) headers['x-shopify-hmac-sha256'] = opts.hmac ?? shopifyHmac(body, opts.secret ?? SECRET);
  return app.inject({ method: 'POST', url: '/webhooks/shopify', headers, payload: body });
}

const stored = async () => (await env.engine.store.query<{ n: number }>('select count(*)::integer as n from shopify_webhooks'))[0]!.n;

/** The documented orders/create example, with its ids written as exact big integers the way Shopify sends them. */
function orderBody(): string {
  const order = fixture('orders/create');
  order.id = '__ORDER__';
  order.line_items[0].id = '__LINE__';
  order.created_at = new Date(Date.now() - 3 * 86_400_000).toISOString();
  return JSON.stringify(order).replace('"__ORDER__"', '820982911946154508').replace('"__LINE__"', '487817672276298554');
}

/** A realistic returns/request: Shopify's example shape, but carrying its line items. */
function returnBody(orderId = '820982911946154508'): string {
  const ret = fixture('returns/request');
  ret.return_line_items = [{
    id: 9001, quantity: 1, return_reason: 'SIZE_TOO_SMALL', return_reason_note: 'way too tight on the nose', customer_note: null,
    fulfillment_line_item: { id: 7001, line_item: { id: '__LINE__' } },
  }];
  ret.order.id = '__ORDER__';
  return JSON.stringify(ret).replace('"__ORDER__"', orderId).replace('"__LINE__"', '487817672276298554');
}

describe('POST /webhooks/shopify', () => {
  it('refuses a missing, wrong or other-shop signature with 401 and stores nothing', async () => {
    const body = orderBody();
    expect((await deliver('orders/create', body, { hmac: null })).statusCode).toBe(401);
    expect((await deliver('orders/create', body, { secret: 'wrong' })).statusCode).toBe(401);
    expect((await deliver('orders/create', body, { shop: 'other.myshopify.com' })).statusCode).toBe(401);
    expect((await deliver('orders/create', body + ' ', { hmac: shopifyHmac(body, SECRET) })).statusCode).toBe(401);
    expect(await stored()).toBe(0);
  });

  it('applies the documented orders/create with exact big ids, and a replayed webhook id changes nothing', async () => {
    const body = orderBody();
    const first = await deliver('orders/create', body, { id: 'same' });
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('applied');
    const order = await env.engine.orders.getOrder(tenantId, '820982911946154508');
    expect(order.lines.map((l) => l.line_id)).toContain('487817672276298554');
    const again = await deliver('orders/create', body, { id: 'same' });
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicate).toBe(true);
    expect(await stored()).toBe(1);
  });

  it('requests, approves and declines returns from Shopify returns topics', async () => {
    await deliver('orders/create', orderBody());
    const req = await deliver('returns/request', returnBody());
    expect(req.json().failure_reason).toBeNull();
    const ret = await env.engine.returns.getReturn(tenantId, '123134564567890');
    expect(ret.status).toBe('requested');
    const approve = fixture('returns/approve');
    const ok = await deliver('returns/approve', JSON.stringify(approve));
    expect(ok.json()).toMatchObject({ status: 'applied' });
    expect((await env.engine.returns.getReturn(tenantId, '123134564567890')).status).toBe('approved');
  });

  it("keeps Shopify's own empty returns/request as a failed event with its reason, and replays it once fixed", async () => {
    const empty = await deliver('returns/request', JSON.stringify(fixture('returns/request')));
    expect(empty.statusCode).toBe(202);
    expect(empty.json().failure_reason).toMatch(/no return_line_items/);
    const unknownOrder = await deliver('returns/request', returnBody(), { id: 'needs-order' });
    expect(unknownOrder.json().failure_reason).toMatch(/order 820982911946154508 is unknown/);
    const auth = { authorization: `Bearer ${apiKey}` };
    const failed = await app.inject({ method: 'GET', url: '/api/v1/webhooks/failed', headers: auth });
    expect(failed.json().items.map((f: any) => f.webhook_id).sort()).toEqual(['needs-order', `wh-${seq}`].sort());
    await deliver('orders/create', orderBody());
    const replayed = await app.inject({ method: 'POST', url: '/api/v1/webhooks/failed/needs-order/replay', headers: auth });
    expect(replayed.statusCode).toBe(200);
    expect(replayed.json().status).toBe('applied');
    expect((await env.engine.returns.getReturn(tenantId, '123134564567890')).status).toBe('requested');
    const twice = await app.inject({ method: 'POST', url: '/api/v1/webhooks/failed/needs-order/replay', headers: auth });
    expect(twice.statusCode).toBe(409);
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/webhooks/failed/nope/replay', headers: auth });
    expect(unknown.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/webhooks/failed' })).statusCode).toBe(401);
  });

  it('refuses an order in another currency as a failed event, and keeps unknown topics raw with 202', async () => {
    const eur = JSON.stringify({ ...fixture('orders/create'), currency: 'EUR' });
    const res = await deliver('orders/create', eur);
    expect(res.statusCode).toBe(202);
    expect(res.json().failure_reason).toMatch(/EUR/);
    const other = await deliver('products/update', '{"id": 1}');
    expect(other.statusCode).toBe(202);
    expect(other.json().status).toBe('ignored');
    expect(await stored()).toBe(2);
  });
});

describe('parseShopifyJson', () => {
  it('keeps integers beyond the safe range exact and leaves strings alone', () => {
    const parsed = parseShopifyJson('{"id": 820982911946154508, "n": 12, "p": 1.5, "s": "x 99999999999999999999 \\" y", "a":[-9007199254740993]}') as any;
    expect(parsed).toEqual({ id: '820982911946154508', n: 12, p: 1.5, s: 'x 99999999999999999999 " y', a: ['-9007199254740993'] });
  });
});

describe('returns topics', () => {
  it('keeps the documented refunds/create raw, and applies it with a note since it is tied to no return', async () => {
    const res = await deliver('refunds/create', JSON.stringify(fixture('refunds/create')), { id: 'refund-1' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'applied', failure_reason: null });
    expect(res.json().note).toMatch(/not tied to a return/);
    const raw = await env.engine.store.query<{ raw_body: string }>("select raw_body from shopify_webhooks where webhook_id = 'refund-1'");
    expect(JSON.parse(raw[0]!.raw_body).note).toBe('Things were damaged');
  });
});
