import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '@rebound/engine';
import { appWithTwoTenants } from '../../../../testing/test-app';

let app: FastifyInstance;
let engine: Engine;
let keyA: string;
let keyB: string;
let tenantA: string;
let cleanup: () => Promise<void>;
let seq = 0;

beforeAll(async () => {
  ({ app, engine, keyA, keyB, tenantA, cleanup } = await appWithTwoTenants());
});
afterAll(() => cleanup());

const order = (order_id: string) => ({
  order_id,
  ordered_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
  customer: { id: 'C-9', email: 'ana@example.com' },
  lines: [{ sku: 'BELT', category: 'apparel', quantity: 2, unit_price: 20 }],
});
const post = (url: string, payload: unknown, key?: string, apiKey = keyA) =>
  app.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: `Bearer ${apiKey}`, ...(key ? { 'idempotency-key': key } : {}) } });
const returnsOf = async (orderId: string) =>
  (await engine.store.query<{ n: number }>('select count(*)::int as n from returns where tenant_id = $1 and order_id = $2', [tenantA, orderId]))[0].n;

async function newOrder() {
  const id = `I-${++seq}`;
  expect((await post('/api/v1/orders', order(id))).statusCode).toBe(201);
  return id;
}

describe('Idempotency-Key on creating requests', () => {
  it('answers a retried return request with the first answer, creating one return', async () => {
    const orderId = await newOrder();
    const body = { order_id: orderId, lines: [{ sku: 'BELT', quantity: 1, reason_text: 'too long' }] };
    const first = await post('/api/v1/returns', body, 'retry-1');
    const again = await post('/api/v1/returns', body, 'retry-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.json().return_id).toBe(first.json().return_id);
    expect(await returnsOf(orderId)).toBe(1);
    // Without a key, the same request is a second return (the line had two units).
    expect((await post('/api/v1/returns', body)).statusCode).toBe(201);
    expect(await returnsOf(orderId)).toBe(2);
  });

  it('creates one return when two requests with the same key arrive at once', async () => {
    const orderId = await newOrder();
    const body = { order_id: orderId, lines: [{ sku: 'BELT', quantity: 1, reason_text: 'too long' }] };
    const answers = await Promise.all([post('/api/v1/returns', body, 'twice-at-once'), post('/api/v1/returns', body, 'twice-at-once')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual(expect.arrayContaining([201]));
    for (const a of answers) expect([201, 409]).toContain(a.statusCode);
    const waiting = answers.find((a) => a.statusCode === 409);
    if (waiting) expect(waiting.json().detail).toBe("a request with Idempotency-Key 'twice-at-once' is still being worked on; retry in a moment");
    expect(await returnsOf(orderId)).toBe(1);
  });

  it('refuses the same key with another request (422), creating nothing more', async () => {
    const orderId = await newOrder();
    expect((await post('/api/v1/returns', { order_id: orderId, lines: [{ sku: 'BELT', quantity: 1 }] }, 'reused')).statusCode).toBe(201);
    const other = await post('/api/v1/returns', { order_id: orderId, lines: [{ sku: 'BELT', quantity: 1, reason_text: 'different' }] }, 'reused');
    expect(other.statusCode).toBe(422);
    expect(other.json().detail).toBe("Idempotency-Key 'reused' was already used for another request; use a new key for a new request");
    expect(await returnsOf(orderId)).toBe(1);
  });

  it('keeps no refused answer: the corrected request may reuse the key', async () => {
    const orderId = await newOrder();
    const tooMany = await post('/api/v1/returns', { order_id: orderId, lines: [{ sku: 'BELT', quantity: 3 }] }, 'fix-and-retry');
    expect(tooMany.statusCode).toBe(409);
    const fixed = await post('/api/v1/returns', { order_id: orderId, lines: [{ sku: 'BELT', quantity: 2 }] }, 'fix-and-retry');
    expect(fixed.statusCode).toBe(201);
    expect(await returnsOf(orderId)).toBe(1);
  });

  it('refuses a key that is blank or has spaces, creating nothing', async () => {
    const orderId = await newOrder();
    const res = await post('/api/v1/returns', { order_id: orderId, lines: [{ sku: 'BELT', quantity: 1 }] }, 'has spaces');
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe('Idempotency-Key must be 1 to 200 printable characters without spaces');
    expect(await returnsOf(orderId)).toBe(0);
  });

  it('answers a retried order with the first answer, and keeps keys apart per tenant', async () => {
    const body = order('I-ORDER');
    const first = await post('/api/v1/orders', body, 'order-key');
    const again = await post('/api/v1/orders', body, 'order-key');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await post('/api/v1/orders', body)).statusCode).toBe(409); // without the key: a duplicate order
    // Another store's request with the same key is its own.
    const otherStore = await post('/api/v1/orders', body, 'order-key', keyB);
    expect(otherStore.statusCode).toBe(201);
    expect(otherStore.headers['idempotent-replayed']).toBeUndefined();
  });
});
