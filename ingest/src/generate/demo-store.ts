import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '@rebound/engine';
import { importFile } from '../files/import-file';
import { generateStore, type GeneratedPart } from './generate-store';

/** What seeding produced. */
export interface SeedSummary {
  orders: number;
  returns: number;
}

// Orders per part: DuckDB imports one part while the next is generated, so the two overlap on two cores.
const PART_ORDERS = 250_000;

/**
 * Seeds a tenant with a generated store: files written to a temp dir, then imported in SQL like any merchant's.
 * A big store is written in parts, each imported (orders, then their returns) as soon as it is complete.
 */
export async function seedDemoStore(engine: Engine, tenantId: string, opts: { orders: number; seed?: number; partOrders?: number }): Promise<SeedSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-demo-'));
  let imports: Promise<void> = Promise.resolve();
  let failed = false;
  let returns = 0;
  const importPart = (part: GeneratedPart) => {
    imports = imports.then(async () => {
      // The marts are refreshed once, after the last part.
      await importFile(engine, { kind: 'orders', file: part.ordersFile, tenantId, refreshKpis: false });
      returns += (await importFile(engine, { kind: 'returns', file: part.returnsFile, tenantId, refreshKpis: false })).imported;
      rmSync(part.ordersFile);
      rmSync(part.returnsFile);
    });
    // Handled here so a failure waits for the final await below instead of being reported as unhandled.
    imports.catch(() => {
      failed = true;
    });
  };
  try {
    const tenant = await engine.tenants.getTenant(tenantId);
    const store = await generateStore({
      orders: opts.orders, seed: opts.seed, outDir: dir, currency: tenant.currency, partOrders: opts.partOrders ?? PART_ORDERS,
      onPart: (part) => (failed ? undefined : importPart(part)),
    });
    await imports;
    await engine.kpis.refresh({ runTests: false });
    return { orders: store.orders, returns };
  } finally {
    await imports.catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
