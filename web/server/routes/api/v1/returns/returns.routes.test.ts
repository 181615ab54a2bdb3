import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '@rebound/engine';
import { appWithTwoTenants } from '../../../../testing/test-app';

let app: FastifyInstance;
let engine: Engine;
let keyA: string;
let keyB: string;
let cleanup: () => Promise<void>;
const auth = (key: string) => ({ authorization: `Bearer ${key}` });
let orderSeq = 0;

beforeAll(async () => {
  ({ app, engine, keyA, keyB, cleanup } = await appWithTwoTenants());
});
afterAll(() => cleanup());

async function postOrder(key = keyA) {
  const order_id = `W-${++orderSeq}`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/orders',
    headers: auth(key),
    payload: {
      order_id,
      ordered_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      currency: 'EUR',
      channel: 'web',
      customer: { id: 'C-9', email: 'ana@example.com' },
      lines: [
        { sku: 'DRESS-S', product_name: 'Dress S', category: 'apparel', quantity: 1, unit_price: 80 },
        { sku: 'BELT', product_name: 'Belt', category: 'apparel', quantity: 2, unit_price: 20 },
      ],
    },
  });
  expect(res.statusCode).toBe(201);
  return order_id;
}

async function countRows(table: string) {
  const [{ n }] = await engine.store.query<{ n: number }>(`select count(*) as n from ${table}`);
  return n;
}

describe('POST /api/v1/returns and the lifecycle over HTTP', () => {
  it('creates a return (201 with return_id and status) and walks it to closed', async () => {
    const orderId = await postOrder();
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/returns',
      headers: auth(keyA),
      payload: { order_id: orderId, lines: [{ sku: 'DRESS-S', quantity: 1, reason_text: 'runs small' }], resolution: 'refund' },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ status: 'requested', order_id: orderId });
    expect(body.return_id).toMatch(/^RMA-[0-9A-Z]{8}$/);
    expect(created.headers.location).toBe(`/api/v1/returns/${body.return_id}`);
    const steps: [string, object][] = [
      ['approve', {}],
      ['ship', { carrier: 'UPS' }],
      ['receive', {}],
      ['inspect', { lines: [{ sku: 'DRESS-S', condition: 'good', disposition: 'restock' }] }],
      ['resolve', { resolution: 'refund' }],
      ['close', {}],
    ];
    for (const [action, payload] of steps) {
      const res = await app.inject({ method: 'POST', url: `/api/v1/returns/${body.return_id}/${action}`, headers: auth(keyA), payload });
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    }
    await engine.jobs.drain();
    const got = await app.inject({ method: 'GET', url: `/api/v1/returns/${body.return_id}`, headers: auth(keyA) });
    expect(got.json().status).toBe('closed');
    expect(got.json().fraud_score).toBe(0);
    const lifecycle = got.json().timeline.map((e: { type: string }) => e.type).filter((t: string) => t !== 'return.fraud_scored');
    expect(lifecycle).toHaveLength(7);
    expect(got.json().lines[0].refund_amount).toBe(80);
  });

  it('accepts actions posted without a body, and refuses receive before approval', async () => {
    const orderId = await postOrder();
    const { return_id } = (
      await app.inject({ method: 'POST', url: '/api/v1/returns', headers: auth(keyA), payload: { order_id: orderId, lines: [{ sku: 'BELT', quantity: 1 }] } })
    ).json();
    const early = await app.inject({ method: 'POST', url: `/api/v1/returns/${return_id}/receive`, headers: auth(keyA) });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ current_status: 'requested', allowed_from: ['in_transit', 'approved'] });
    const approved = await app.inject({ method: 'POST', url: `/api/v1/returns/${return_id}/approve`, headers: auth(keyA) });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
  });

  it('answers an illegal transition with 409 problem+json and changes nothing', async () => {
    const orderId = await postOrder();
    const { return_id } = (
      await app.inject({ method: 'POST', url: '/api/v1/returns', headers: auth(keyA), payload: { order_id: orderId, lines: [{ sku: 'BELT', quantity: 1 }] } })
    ).json();
    const res = await app.inject({ method: 'POST', url: `/api/v1/returns/${return_id}/close`, headers: auth(keyA) });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 409, title: 'Conflict', detail: `cannot close return ${return_id}: it is requested, and close is only allowed when it is resolved` });
    const got = await app.inject({ method: 'GET', url: `/api/v1/returns/${return_id}`, headers: auth(keyA) });
    expect(got.json().status).toBe('requested');
    expect(got.json().timeline).toHaveLength(1);
  });

  it('refuses an over-return with 409 and the quantities', async () => {
    const orderId = await postOrder();
    const res = await app.inject({ method: 'POST', url: '/api/v1/returns', headers: auth(keyA), payload: { order_id: orderId, lines: [{ sku: 'BELT', quantity: 3 }] } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ bought: 2, already_returned: 0, returnable: 2 });
  });

  it('answers 422 for a SKU not on the order', async () => {
    const orderId = await postOrder();
    const res = await app.inject({ method: 'POST', url: '/api/v1/returns', headers: auth(keyA), payload: { order_id: orderId, lines: [{ sku: 'HAT', quantity: 1 }] } });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toBe(`order ${orderId} has no line with sku 'HAT'`);
  });

  it('takes the order line a request names by line_id, and answers 422 for a line the order does not have', async () => {
    const orderId = await postOrder();
    const post = (line_id: string) => app.inject({ method: 'POST', url: '/api/v1/returns', headers: auth(keyA), payload: { order_id: orderId, lines: [{ sku: 'BELT', line_id, quantity: 1 }] } });
    const created = await post('BELT');
    expect(created.statusCode).toBe(201);
    expect(created.json().lines).toMatchObject([{ sku: 'BELT', line_id: 'BELT', quantity: 1 }]);
    const unknown = await post('BELT-2');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().detail).toBe(`order ${orderId} has no line BELT-2 with sku 'BELT' (its lines of BELT: BELT)`);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 problem+json and stores nothing', async () => {
    const before = await countRows('returns');
    const res = await app.inject({ method: 'POST', url: '/api/v1/returns', headers: { ...auth(keyA), 'content-type': 'application/json' }, payload: '{' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().detail).toMatch(/not valid JSON/);
    expect(await countRows('returns')).toBe(before);
  });

  it('answers wrong types with 400 naming the field, never coercing', async () => {
    const orderId = await postOrder();
    const before = await countRows('returns');
    const res = await app.inject({ method: 'POST', url: '/api/v1/returns', headers: auth(keyA), payload: { order_id: orderId, lines: [{ sku: 'BELT', quantity: '1' }] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual({ field: 'lines.0.quantity', message: 'must be integer' });
    const missing = await app.inject({ method: 'POST', url: '/api/v1/returns', headers: auth(keyA), payload: { lines: [] } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toContainEqual({ field: 'order_id', message: 'is required' });
    const enumBad = await app.inject({ method: 'POST', url: '/api/v1/returns', headers: auth(keyA), payload: { order_id: orderId, lines: [{ sku: 'BELT', quantity: 1 }], resolution: 'cash' } });
    expect(enumBad.statusCode).toBe(400);
    expect(await countRows('returns')).toBe(before);
  });

  it('answers a bad order body with 400 and stores nothing', async () => {
    const before = await countRows('orders');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: auth(keyA),
      payload: { order_id: 'X', ordered_at: 'yesterday', customer: { id: 'c' }, lines: [{ sku: 'A', category: 'home', quantity: 1, unit_price: -1 }] },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['ordered_at', 'lines.0.unit_price']));
    expect(await countRows('orders')).toBe(before);
  });

  it('answers an order in another currency with 422', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: auth(keyA),
      payload: { order_id: 'USD-1', ordered_at: '2026-11-01T10:00:00Z', currency: 'USD', customer: { id: 'c' }, lines: [{ sku: 'A', category: 'home', quantity: 1, unit_price: 1 }] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toBe('order USD-1 is in USD, but this store keeps its books in EUR');
  });

  it('answers a duplicate order id with 409', async () => {
    const orderId = await postOrder();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: auth(keyA),
      payload: { order_id: orderId, ordered_at: '2026-11-01T10:00:00Z', customer: { id: 'c' }, lines: [{ sku: 'A', category: 'home', quantity: 1, unit_price: 1 }] },
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('auth and tenancy', () => {
  it('answers 401 without a key or with a wrong one', async () => {
    const none = await app.inject({ method: 'GET', url: '/api/v1/returns' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toMatch(/problem\+json/);
    const wrong = await app.inject({ method: 'GET', url: '/api/v1/returns', headers: auth('rbk_not-a-real-key-000000000') });
    expect(wrong.statusCode).toBe(401);
  });

  it("answers 404 for another tenant's order and return, never its data", async () => {
    const orderId = await postOrder(keyA);
    const { return_id } = (
      await app.inject({ method: 'POST', url: '/api/v1/returns', headers: auth(keyA), payload: { order_id: orderId, lines: [{ sku: 'BELT', quantity: 1 }] } })
    ).json();
    for (const [method, url] of [
      ['GET', `/api/v1/returns/${return_id}`],
      ['GET', `/api/v1/orders/${orderId}`],
      ['POST', `/api/v1/returns/${return_id}/approve`],
    ] as const) {
      const res = await app.inject({ method, url, headers: auth(keyB) });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('BELT');
    }
    const steal = await app.inject({ method: 'POST', url: '/api/v1/returns', headers: auth(keyB), payload: { order_id: orderId, lines: [{ sku: 'BELT', quantity: 1 }] } });
    expect(steal.statusCode).toBe(404);
    const list = await app.inject({ method: 'GET', url: '/api/v1/returns', headers: auth(keyB) });
    expect(list.json().returns).toEqual([]);
    const mine = await app.inject({ method: 'GET', url: `/api/v1/returns/${return_id}`, headers: auth(keyA) });
    expect(mine.json().status).toBe('requested');
  });
});

describe('listing', () => {
  it('filters by status and pages with next_cursor', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/v1/returns?limit=2&status=requested,closed', headers: auth(keyA) });
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.returns).toHaveLength(2);
    expect(page.returns.every((r: { status: string }) => ['requested', 'closed'].includes(r.status))).toBe(true);
    const second = await app.inject({ method: 'GET', url: `/api/v1/returns?limit=2&status=requested,closed&cursor=${page.next_cursor}`, headers: auth(keyA) });
    const ids = second.json().returns.map((r: { return_id: string }) => r.return_id);
    expect(ids.some((id: string) => page.returns.some((r: { return_id: string }) => r.return_id === id))).toBe(false);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/returns?limit=0', headers: auth(keyA) });
    expect(bad.statusCode).toBe(400);
  });

  it('lists only the returns scored at least as risky as asked, and refuses a score outside 0 to 1', async () => {
    const orderId = await postOrder();
    const ids: string[] = [];
    for (const sku of ['DRESS-S', 'BELT']) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/returns', headers: auth(keyA), payload: { order_id: orderId, lines: [{ sku, quantity: 1 }] } });
      ids.push(res.json().return_id);
    }
    await engine.jobs.drain();
    // Scores as the fraud step would have stored them: one risky, one not.
    await engine.store.query('update returns set fraud_score = 0.8 where id = $1', [ids[0]]);
    await engine.store.query('update returns set fraud_score = 0.1 where id = $1', [ids[1]]);
    const risky = await app.inject({ method: 'GET', url: `/api/v1/returns?min_fraud_score=0.5&order_id=${orderId}`, headers: auth(keyA) });
    expect(risky.json().returns.map((r: { return_id: string }) => r.return_id)).toEqual([ids[0]]);
    const all = await app.inject({ method: 'GET', url: `/api/v1/returns?min_fraud_score=0&order_id=${orderId}`, headers: auth(keyA) });
    expect(all.json().returns).toHaveLength(2);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/returns?min_fraud_score=2', headers: auth(keyA) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('min_fraud_score');
  });
});

describe('service endpoints', () => {
  it('serves health, readiness and the OpenAPI docs', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', jobs_waiting: 0 });
    const spec = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(Object.keys(spec.json().paths)).toEqual(expect.arrayContaining(['/api/v1/returns', '/api/v1/returns/{id}/approve', '/api/v1/orders']));
    expect([200, 302]).toContain((await app.inject({ method: 'GET', url: '/docs' })).statusCode);
  });
});
