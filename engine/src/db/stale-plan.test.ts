import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { engineInTempDir } from '../testing/temp-store';

let engine: Engine;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ engine, cleanup } = await engineInTempDir('rebound-stale-plan-')));
afterAll(() => cleanup());

// The query builder's statements are prepared once and reused (dialect.ts); a plan made while a table was
// empty must still read whole values once the table holds longer ones.
it('reads whole values through statements first prepared on empty tables', async () => {
  expect(await engine.tenants.listTenants()).toEqual([]);
  const names = ['Northwind Outfitters & Sons, Ltd.', 'Zephyr'];
  for (const name of names) await engine.tenants.createTenant({ name, currency: 'EUR' });
  expect((await engine.tenants.listTenants()).map((t) => t.name).sort()).toEqual([...names].sort());

  const tenantId = (await engine.tenants.listTenants()).find((t) => t.name === 'Zephyr')!.id;
  expect((await engine.returns.listReturns(tenantId, {})).returns).toEqual([]);
  await engine.orders.createOrder(tenantId, {
    order_id: 'ORDER-WITH-A-RATHER-LONG-IDENTIFIER-0001',
    ordered_at: new Date(Date.now() - 86_400_000).toISOString(),
    customer: { id: 'customer-with-a-long-id', email: 'pat@example.com' },
    lines: [{ sku: 'SKU-THAT-IS-LONGER-THAN-A-FEW-CHARACTERS', category: 'apparel', quantity: 1, unit_price: 40 }],
  });
  const ret = await engine.returns.requestReturn(
    tenantId,
    { order_id: 'ORDER-WITH-A-RATHER-LONG-IDENTIFIER-0001', lines: [{ sku: 'SKU-THAT-IS-LONGER-THAN-A-FEW-CHARACTERS', quantity: 1, reason_text: 'too big' }] },
    { actor: 'test', source: 'api' },
  );
  await engine.jobs.drain();
  const [listed] = (await engine.returns.listReturns(tenantId, {})).returns;
  expect(listed.return_id).toBe(ret.return_id);
  expect(listed.order_id).toBe('ORDER-WITH-A-RATHER-LONG-IDENTIFIER-0001');
  expect(listed.lines.map((l) => l.sku)).toEqual(['SKU-THAT-IS-LONGER-THAN-A-FEW-CHARACTERS']);
});
