import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { engineInTempDir } from '../testing/temp-store';

let engine: Engine;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ engine, cleanup } = await engineInTempDir('rebound-return-facts-')));
afterAll(() => cleanup());

it('reads category and sku off the most valuable line, and of lines worth the same off the first SKU in order', async () => {
  const { tenant } = await engine.tenants.createTenant({ name: 'Facts', currency: 'EUR' });
  await engine.orders.createOrder(tenant.id, {
    order_id: 'T-1',
    ordered_at: new Date(Date.now() - 86_400_000).toISOString(),
    customer: { id: 'C-1' },
    lines: [
      { sku: 'ZOOM-LENS', category: 'electronics', quantity: 1, unit_price: 30 },
      { sku: 'APRON', category: 'home', quantity: 2, unit_price: 15 },
      { sku: 'BELT', category: 'apparel', quantity: 1, unit_price: 29.99 },
    ],
  });
  const lines = [{ sku: 'APRON', quantity: 2 }, { sku: 'BELT', quantity: 1 }, { sku: 'ZOOM-LENS', quantity: 1 }];
  const ret = await engine.returns.requestReturn(tenant.id, { order_id: 'T-1', lines }, { actor: 'test' });
  expect(await engine.rules.factsOf(tenant.id, ret.return_id)).toMatchObject({ sku: 'APRON', category: 'home', line_value: 89.99 });
});
