import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '@rebound/engine';
import { importFile } from '../files/import-file';
import { generateStore } from './generate-store';

/** What seeding produced. */
export interface SeedSummary {
  orders: number;
  returns: number;
}

/** Seeds a tenant with a generated store: files written to a temp dir, then imported in SQL like any merchant's. */
export async function seedDemoStore(engine: Engine, tenantId: string, opts: { orders: number; seed?: number }): Promise<SeedSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-demo-'));
  try {
    const tenant = await engine.tenants.getTenant(tenantId);
    const store = await generateStore({ orders: opts.orders, seed: opts.seed, outDir: dir, currency: tenant.currency });
    // The marts are refreshed once, after the returns.
    await importFile(engine, { kind: 'orders', file: store.ordersFile, tenantId, refreshKpis: false });
    const returns = await importFile(engine, { kind: 'returns', file: store.returnsFile, tenantId });
    return { orders: store.orders, returns: returns.imported };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
