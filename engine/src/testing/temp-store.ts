import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine, type Engine } from '../engine';

/** A fresh engine on a DuckDB file in a new temp directory, and a cleanup that closes and deletes it. */
export async function engineInTempDir(prefix = 'rebound-test-'): Promise<{ engine: Engine; dataDir: string; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const engine = await openEngine({ dataDir });
  return {
    engine,
    dataDir,
    async cleanup() {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a tenant with an order of three lines (apparel x2, electronics x1) for lifecycle tests. */
export async function seedTenantWithOrder(engine: Engine, opts: { currency?: string; orderedAt?: string } = {}) {
  const { tenant, apiKey } = await engine.tenants.createTenant({ name: 'Acme Outfitters', currency: opts.currency ?? 'EUR' });
  const order = await engine.orders.createOrder(tenant.id, {
    order_id: 'A-1001',
    ordered_at: opts.orderedAt ?? new Date(Date.now() - 5 * 86_400_000).toISOString(),
    currency: opts.currency ?? 'EUR',
    channel: 'web',
    customer: { id: 'C-1', email: 'kim@example.com' },
    lines: [
      { sku: 'HOOD-M', product_name: 'Hoodie M', category: 'apparel', quantity: 2, unit_price: 60 },
      { sku: 'CAP', product_name: 'Cap', category: 'apparel', quantity: 1, unit_price: 15 },
      { sku: 'SPKR', product_name: 'Speaker', category: 'electronics', quantity: 1, unit_price: 89, final_sale: false },
    ],
  });
  return { tenant, apiKey, order };
}

export { runCommandInProcess } from './run-command';
