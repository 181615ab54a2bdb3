import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '@rebound/engine';
import { appWithTwoTenants } from '../../../../testing/test-app';

// Reopen, remove-units and tracking over HTTP: each route's success and every refusal, which must change nothing.

let app: FastifyInstance;
let engine: Engine;
let keyA: string;
let keyB: string;
let tenantA: string;
let cleanup: () => Promise<void>;
const auth = (key: string) => ({ authorization: `Bearer ${key}` });
let orderSeq = 0;

beforeAll(async () => {
  ({ app, engine, keyA, keyB, tenantA, cleanup } = await appWithTwoTenants());
});
afterAll(() => cleanup());

const WALK: [string, object][] = [
  ['approve', {}],
  ['ship', { carrier: 'UPS' }],
  ['receive', {}],
  ['inspect', { lines: [{ sku: 'DRESS-S', condition: 'good', disposition: 'restock' }, { sku: 'BELT', condition: 'new', disposition: 'restock' }] }],
  ['resolve', { resolution: 'refund' }],
  ['close', {}],
];

/** A return of tenant A holding DRESS-S x1 and BELT x2 (all that was bought), walked through the first `steps` actions. */
async function returnAfter(steps: number): Promise<{ id: string; orderId: string }> {
  const orderId = `AM-${++orderSeq}`;
  const order = await app.inject({
    method: 'POST',
    url: '/api/v1/orders',
    headers: auth(keyA),
    payload: {
      order_id: orderId,
      ordered_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      customer: { id: 'C-7' },
      lines: [
        { sku: 'DRESS-S', category: 'apparel', quantity: 1, unit_price: 80 },
        { sku: 'BELT', category: 'apparel', quantity: 2, unit_price: 20 },
      ],
    },
  });
  expect(order.statusCode).toBe(201);
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/returns',
    headers: auth(keyA),
    payload: { order_id: orderId, lines: [{ sku: 'DRESS-S', quantity: 1 }, { sku: 'BELT', quantity: 2 }] },
  });
  expect(created.statusCode).toBe(201);
  const id = created.json().return_id as string;
  for (const [action, payload] of WALK.slice(0, steps)) {
    const res = await app.inject({ method: 'POST', url: `/api/v1/returns/${id}/${action}`, headers: auth(keyA), payload });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  }
  await engine.jobs.drain();
  return { id, orderId };
}
const APPROVED = 1;
const RECEIVED = 3;
const CLOSED = 6;

/** The return as the API shows it, timeline included, once follow-up jobs have run. */
async function snapshot(id: string) {
  await engine.jobs.drain();
  const res = await app.inject({ method: 'GET', url: `/api/v1/returns/${id}`, headers: auth(keyA) });
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** Leaves out the fraud scores that follow-up jobs append whenever they run. */
const ownEvent = (e: { type: string }) => e.type !== 'return.fraud_scored';

/** A return's lines as sku -> one field (the quantity unless named). */
const held = (lines: Record<string, unknown>[], field = 'quantity') => Object.fromEntries(lines.map((l) => [l.sku, l[field]]));

/** Sends the request, expects a problem+json refusal with `status`, and that the return did not change. */
async function refused(id: string, req: { method: 'POST' | 'PUT'; url: string; payload?: object; key?: string }, status: number) {
  const before = await snapshot(id);
  const res = await app.inject({ method: req.method, url: req.url, headers: auth(req.key ?? keyA), payload: req.payload });
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(await snapshot(id)).toEqual(before);
  return res.json();
}

describe('POST /api/v1/returns/:id/reopen', () => {
  it('reopens a closed return to the status it was closed from, with or without a reason, and it can be closed again', async () => {
    const { id } = await returnAfter(CLOSED);
    const bare = await app.inject({ method: 'POST', url: `/api/v1/returns/${id}/reopen`, headers: auth(keyA) });
    expect(bare.statusCode, bare.body).toBe(200);
    expect(bare.json()).toMatchObject({ status: 'resolved', closed_at: null });
    expect(bare.json().timeline.filter(ownEvent).at(-1)).toMatchObject({ type: 'return.resolved', reason: null, payload: { action: 'reopen', from: 'closed', to: 'resolved', restored: 'resolved' } });
    const closedAgain = await app.inject({ method: 'POST', url: `/api/v1/returns/${id}/close`, headers: auth(keyA) });
    expect(closedAgain.json().status).toBe('closed');
    const withReason = await app.inject({ method: 'POST', url: `/api/v1/returns/${id}/reopen`, headers: auth(keyA), payload: { reason: 'second parcel arrived' } });
    expect(withReason.statusCode).toBe(200);
    const after = await snapshot(id);
    expect(after.status).toBe('resolved');
    expect(after.timeline.filter(ownEvent).at(-1)).toMatchObject({ type: 'return.resolved', reason: 'second parcel arrived', payload: { action: 'reopen' } });
    expect(held(after.lines, 'refund_amount')).toEqual({ 'DRESS-S': 80, BELT: 40 });
  });

  it('answers a bad body with 400 naming the field', async () => {
    const { id } = await returnAfter(CLOSED);
    const url = `/api/v1/returns/${id}/reopen`;
    expect((await refused(id, { method: 'POST', url, payload: { reason: 5 } }, 400)).errors).toContainEqual({ field: 'reason', message: 'must be string' });
    expect((await refused(id, { method: 'POST', url, payload: { note: 'x' } }, 400)).errors).toContainEqual({ field: 'note', message: 'is not a known field' });
  });

  it("answers 404 for another tenant's return and an unknown one", async () => {
    const { id } = await returnAfter(CLOSED);
    const other = await refused(id, { method: 'POST', url: `/api/v1/returns/${id}/reopen`, key: keyB }, 404);
    expect(other.detail).toBe(`return '${id}' was not found`);
    const res = await app.inject({ method: 'POST', url: '/api/v1/returns/RMA-NOSUCH00/reopen', headers: auth(keyA) });
    expect(res.statusCode).toBe(404);
  });

  it('answers 409 for a return that is not closed', async () => {
    const { id } = await returnAfter(APPROVED);
    const problem = await refused(id, { method: 'POST', url: `/api/v1/returns/${id}/reopen`, payload: { reason: 'oops' } }, 409);
    expect(problem).toMatchObject({ detail: `cannot reopen return ${id}: it is approved, and reopen is only allowed when it is closed`, current_status: 'approved', allowed_from: ['closed'] });
  });

  it('answers 422 for a closed return whose event log holds no close to undo', async () => {
    const { id } = await returnAfter(CLOSED - 1);
    // Stored as closed without its close event, as an older import could leave it.
    await engine.store.query(`update returns set status = 'closed' where tenant_id = $1 and id = $2`, [tenantA, id]);
    const problem = await refused(id, { method: 'POST', url: `/api/v1/returns/${id}/reopen` }, 422);
    expect(problem.detail).toBe(`return ${id} has no close in its event log to undo, so there is no status to reopen it to`);
  });
});

describe('POST /api/v1/returns/:id/remove-units', () => {
  it('shrinks lines, records the reason, frees the units, and cancels a return left empty', async () => {
    const { id, orderId } = await returnAfter(APPROVED);
    const url = `/api/v1/returns/${id}/remove-units`;
    const res = await app.inject({ method: 'POST', url, headers: auth(keyA), payload: { lines: [{ sku: 'BELT', quantity: 1 }], reason: 'keeping one belt' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('approved');
    expect(held(res.json().lines)).toEqual({ 'DRESS-S': 1, BELT: 1 });
    expect(res.json().timeline.filter(ownEvent).at(-1)).toMatchObject({ type: 'return.units_removed', reason: 'keeping one belt', payload: { removed: [{ sku: 'BELT', quantity: 1 }] } });
    // The freed belt can go on another return.
    const another = await app.inject({ method: 'POST', url: '/api/v1/returns', headers: auth(keyA), payload: { order_id: orderId, lines: [{ sku: 'BELT', quantity: 1 }] } });
    expect(another.statusCode).toBe(201);
    const emptied = await app.inject({ method: 'POST', url, headers: auth(keyA), payload: { lines: [{ sku: 'DRESS-S', quantity: 1 }, { sku: 'BELT', quantity: 1 }] } });
    expect(emptied.statusCode).toBe(200);
    expect(emptied.json()).toMatchObject({ status: 'canceled' });
    expect(emptied.json().timeline.filter(ownEvent).at(-1)).toMatchObject({ type: 'return.canceled', payload: { from: 'approved', to: 'canceled' } });
  });

  it('answers a bad body with 400 naming the field', async () => {
    const { id } = await returnAfter(APPROVED);
    const url = `/api/v1/returns/${id}/remove-units`;
    const cases: [object | undefined, { field: string; message: string }][] = [
      [undefined, { field: 'lines', message: 'is required' }],
      [{ lines: [] }, { field: 'lines', message: 'must NOT have fewer than 1 items' }],
      [{ lines: [{ sku: 'BELT', quantity: '1' }] }, { field: 'lines.0.quantity', message: 'must be integer' }],
      [{ lines: [{ sku: 'BELT', quantity: 0 }] }, { field: 'lines.0.quantity', message: 'must be >= 1' }],
      [{ lines: [{ quantity: 1 }] }, { field: 'lines.0.sku', message: 'is required' }],
      [{ lines: [{ sku: 'BELT', quantity: 1 }], reason: 3 }, { field: 'reason', message: 'must be string' }],
    ];
    for (const [payload, error] of cases) {
      const problem = await refused(id, { method: 'POST', url, payload }, 400);
      expect(problem.errors, JSON.stringify(payload)).toContainEqual(error);
      expect(problem.detail).toContain(error.field);
    }
  });

  it("answers 404 for another tenant's return and an unknown one", async () => {
    const { id } = await returnAfter(APPROVED);
    const problem = await refused(id, { method: 'POST', url: `/api/v1/returns/${id}/remove-units`, payload: { lines: [{ sku: 'BELT', quantity: 1 }] }, key: keyB }, 404);
    expect(JSON.stringify(problem)).not.toContain('BELT');
    const res = await app.inject({ method: 'POST', url: '/api/v1/returns/RMA-NOSUCH00/remove-units', headers: auth(keyA), payload: { lines: [{ sku: 'BELT', quantity: 1 }] } });
    expect(res.statusCode).toBe(404);
  });

  it('answers 409 once the return is received', async () => {
    const { id } = await returnAfter(RECEIVED);
    const problem = await refused(id, { method: 'POST', url: `/api/v1/returns/${id}/remove-units`, payload: { lines: [{ sku: 'BELT', quantity: 1 }] } }, 409);
    expect(problem).toMatchObject({ current_status: 'received' });
    expect(problem.detail).toMatch(/it is received, and units can only leave a return while it is requested, approved, in_transit/);
  });

  it('answers 422 for more units than a line holds or a SKU not on the return, applying none of the lines', async () => {
    const { id } = await returnAfter(APPROVED);
    const url = `/api/v1/returns/${id}/remove-units`;
    const tooMany = await refused(id, { method: 'POST', url, payload: { lines: [{ sku: 'DRESS-S', quantity: 1 }, { sku: 'BELT', quantity: 3 }] } }, 422);
    expect(tooMany.detail).toBe(`cannot take 3 x BELT off return ${id}: it holds 2`);
    // The same SKU twice counts together.
    const twice = await refused(id, { method: 'POST', url, payload: { lines: [{ sku: 'BELT', quantity: 2 }, { sku: 'BELT', quantity: 1 }] } }, 422);
    expect(twice.detail).toBe(`cannot take 1 x BELT off return ${id}: it holds 0`);
    const unknown = await refused(id, { method: 'POST', url, payload: { lines: [{ sku: 'HAT', quantity: 1 }] } }, 422);
    expect(unknown.detail).toBe(`return ${id} has no line with sku 'HAT'`);
  });
});

describe('PUT /api/v1/returns/:id/tracking', () => {
  it('attaches and then replaces tracking without moving the return, keeping fields left out', async () => {
    const { id } = await returnAfter(APPROVED);
    const url = `/api/v1/returns/${id}/tracking`;
    const label = await app.inject({ method: 'PUT', url, headers: auth(keyA), payload: { label_url: 'https://labels.example.com/1.pdf' } });
    expect(label.statusCode, label.body).toBe(200);
    expect(label.json()).toMatchObject({ status: 'approved', tracking: { carrier: null, tracking_number: null, tracking_url: null, label_url: 'https://labels.example.com/1.pdf' } });
    const more = await app.inject({
      method: 'PUT',
      url,
      headers: auth(keyA),
      payload: { carrier: 'DHL', tracking_number: ' JD0002 ', tracking_url: 'https://dhl.example.com/t/JD0002' },
    });
    expect(more.statusCode).toBe(200);
    const after = await snapshot(id);
    expect(after.status).toBe('approved');
    expect(after.tracking).toEqual({ carrier: 'DHL', tracking_number: 'JD0002', tracking_url: 'https://dhl.example.com/t/JD0002', label_url: 'https://labels.example.com/1.pdf' });
    expect(after.timeline.filter((e: { type: string }) => e.type === 'return.tracking_attached').map((e: { actor: string }) => e.actor)).toHaveLength(2);
  });

  it('answers a bad body with 400 naming the field', async () => {
    const { id } = await returnAfter(APPROVED);
    const url = `/api/v1/returns/${id}/tracking`;
    expect((await refused(id, { method: 'PUT', url, payload: { tracking_number: 123 } }, 400)).errors).toContainEqual({ field: 'tracking_number', message: 'must be string' });
    expect((await refused(id, { method: 'PUT', url, payload: { weight_kg: 1 } }, 400)).errors).toContainEqual({ field: 'weight_kg', message: 'is not a known field' });
    expect((await refused(id, { method: 'PUT', url, payload: { tracking_url: 'javascript:alert(1)' } }, 400)).detail).toBe(
      "tracking_url must be an http(s) address, got 'javascript:alert(1)'",
    );
    for (const payload of [{}, { carrier: '  ' }, undefined]) {
      expect((await refused(id, { method: 'PUT', url, payload }, 400)).detail).toBe('tracking needs at least one of carrier, tracking_number, tracking_url, label_url');
    }
  });

  it("answers 404 for another tenant's return and an unknown one", async () => {
    const { id } = await returnAfter(APPROVED);
    await refused(id, { method: 'PUT', url: `/api/v1/returns/${id}/tracking`, payload: { carrier: 'UPS' }, key: keyB }, 404);
    const res = await app.inject({ method: 'PUT', url: '/api/v1/returns/RMA-NOSUCH00/tracking', headers: auth(keyA), payload: { carrier: 'UPS' } });
    expect(res.statusCode).toBe(404);
  });

  it('answers 409 for a return that has no label yet or will never travel', async () => {
    const { id } = await returnAfter(0);
    const problem = await refused(id, { method: 'PUT', url: `/api/v1/returns/${id}/tracking`, payload: { tracking_number: '1Z1' } }, 409);
    expect(problem).toMatchObject({ current_status: 'requested' });
    expect(problem.detail).toMatch(new RegExp(`cannot attach tracking to return ${id}: it is requested`));
  });
});

describe('auth and docs', () => {
  it('answers 401 without a key on every new route, and changes nothing', async () => {
    const { id } = await returnAfter(CLOSED);
    for (const [method, url, payload] of [
      ['POST', `/api/v1/returns/${id}/reopen`, {}],
      ['POST', `/api/v1/returns/${id}/remove-units`, { lines: [{ sku: 'BELT', quantity: 1 }] }],
      ['PUT', `/api/v1/returns/${id}/tracking`, { carrier: 'UPS' }],
    ] as const) {
      const before = await snapshot(id);
      const res = await app.inject({ method, url, payload });
      expect(res.statusCode, url).toBe(401);
      expect(await snapshot(id)).toEqual(before);
    }
  });

  it('documents the three routes with their bodies in the OpenAPI document', async () => {
    const paths = (await app.inject({ method: 'GET', url: '/docs/json' })).json().paths;
    const body = (op: { requestBody: { content: Record<string, { schema: { properties: object } }> } }) => Object.keys(op.requestBody.content['application/json'].schema.properties);
    expect(body(paths['/api/v1/returns/{id}/reopen'].post)).toEqual(['reason']);
    expect(body(paths['/api/v1/returns/{id}/remove-units'].post)).toEqual(['lines', 'reason']);
    expect(body(paths['/api/v1/returns/{id}/tracking'].put)).toEqual(['carrier', 'tracking_number', 'tracking_url', 'label_url']);
  });
});
