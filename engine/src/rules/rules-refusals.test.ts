import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { NotFoundError } from '../shared/errors';
import { engineInTempDir, seedTenantWithOrder } from '../testing/temp-store';

let engine: Engine;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-rules-refusals-'));
});
afterAll(() => cleanup());

it("refuses the facts of a return it does not know, or of another tenant's return", async () => {
  const { tenant } = await seedTenantWithOrder(engine);
  const other = (await engine.tenants.createTenant({ name: 'Other', currency: 'EUR' })).tenant;
  const ret = await engine.returns.requestReturn(tenant.id, { order_id: 'A-1001', lines: [{ sku: 'CAP', quantity: 1 }] }, { actor: 'test' });
  await engine.jobs.drain();
  for (const [tenantId, returnId] of [[tenant.id, 'R-NOPE'], [other.id, ret.return_id]]) {
    const attempt = engine.rules.factsOf(tenantId, returnId);
    await expect(attempt).rejects.toThrow(NotFoundError);
    await expect(attempt).rejects.toThrow(`return '${returnId}' was not found`);
  }
  expect(await engine.rules.factsOf(tenant.id, ret.return_id)).toMatchObject({ category: 'apparel', line_value: 15 });
});
