import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '@rebound/engine';
import { engineInTempDir } from '@rebound/engine/testing';
import { returnsForExport } from './selectors';

let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-returns-export-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Export', currency: 'EUR' })).tenant.id;
  await engine.orders.createOrder(tenantId, { order_id: 'E-1', ordered_at: new Date(Date.now() - 86_400_000).toISOString(), customer: { id: 'k' }, lines: [{ sku: 'MUG', category: 'home', quantity: 5, unit_price: 9 }] });
  for (let i = 0; i < 5; i++) await engine.returns.requestReturn(tenantId, { order_id: 'E-1', lines: [{ sku: 'MUG', quantity: 1 }] }, { actor: 't' });
});
afterAll(() => cleanup());

it('pages through every matching return for the CSV and says when it stopped at the cap', async () => {
  const all = await returnsForExport(engine, tenantId, { status: 'requested' });
  expect(all.returns).toHaveLength(5);
  expect(all.truncated).toBe(false);
  const capped = await returnsForExport(engine, tenantId, {}, 3);
  expect(capped.returns.map((r) => r.return_id)).toEqual(all.returns.slice(0, 3).map((r) => r.return_id));
  expect(capped.truncated).toBe(true);
  expect((await returnsForExport(engine, tenantId, { status: 'resolved' })).returns).toEqual([]);
});
