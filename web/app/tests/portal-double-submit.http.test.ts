import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '@rebound/engine';
import { engineInTempDir } from '@rebound/engine/testing';
import { listen, open, submit } from './form-http';

// A customer pressing "Send" twice, or resending the form after a slow answer, files one return.
let engine: Engine;
let cleanup: () => Promise<void>;
let app: FastifyInstance;
let base: string;
let tenantId: string;

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-double-submit-'));
  ({ tenant: { id: tenantId } } = await engine.tenants.createTenant({ name: 'Twice Boutique', currency: 'EUR' }));
  await engine.orders.createOrder(tenantId, {
    order_id: 'T-1',
    ordered_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    customer: { id: 'c-1', email: 'robin@example.com' },
    lines: [{ sku: 'SOCKS', category: 'apparel', quantity: 3, unit_price: 8 }],
  });
  ({ app, base } = await listen(engine));
});
afterAll(async () => {
  await app?.close();
  await cleanup?.();
});

const returnsOfOrder = async () => (await engine.store.query<{ n: number }>("select count(*)::int as n from returns where order_id = 'T-1'"))[0].n;

it('files one return for a form sent twice, at once or one after the other, and leads both to its status page', async () => {
  const found = await submit(base, `/portal/${tenantId}`, { order: 'T-1', email: 'robin@example.com' });
  const orderPage = new URL(found.location!, base);
  const path = `${orderPage.pathname}${orderPage.search}`;
  const form = async () => /name="submission" value="([^"]+)"/.exec((await open(base, path)).text)![1];

  const fields = { qty_SOCKS: '1', reason_SOCKS: 'too small', resolution: 'refund' };
  const first = await form();
  const atOnce = await Promise.all([submit(base, path, { ...fields, submission: first }), submit(base, path, { ...fields, submission: first })]);
  expect(atOnce.map((a) => a.status)).toEqual([303, 303]);
  expect(atOnce[1].location).toBe(atOnce[0].location);
  const resent = await submit(base, path, { ...fields, submission: first });
  expect(resent.location).toBe(atOnce[0].location);
  expect(await returnsOfOrder()).toBe(1);

  // The page shown again is a new form: a second return of another unit is the customer's to file.
  const second = await submit(base, path, { ...fields, submission: await form() });
  expect(second.status).toBe(303);
  expect(second.location).not.toBe(atOnce[0].location);
  expect(await returnsOfOrder()).toBe(2);
});
