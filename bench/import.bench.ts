/**
 * Bulk import of a returns CSV (default 1M lines): our import (stage, check every row in SQL, rejects, upsert in
 * one transaction, mart refresh excluded) beside DuckDB itself loading the same file with read_csv into a plain table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { engineInTempDir } from '@rebound/engine/testing';
import { importFile } from '../ingest/src/files/import-file';
import type { BenchRow } from './table';

const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);

export default async function importBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-import-'));
  const { engine, cleanup } = await engineInTempDir('rebound-bench-import-store-');
  try {
    const { tenant } = await engine.tenants.createTenant({ name: 'Bench', currency: 'USD' });
    const file = join(dir, 'returns.csv');
    await engine.store.withConnection(async (c) => {
      await c.run(`insert into orders select '${tenant.id}', 'O' || i, timestamptz '2026-01-01', null, 'C' || (i % 100000), 'USD', 'web', 'bench', now() from range(${LINES}) t(i)`);
      await c.run(`insert into order_lines select '${tenant.id}', 'O' || i, 'SKU' || (i % 997), 'SKU' || (i % 997), null, 'apparel', 2, 49.9, 0.4, null, false from range(${LINES}) t(i)`);
      await c.run(`copy (select 'R' || i as return_id, 'O' || i as order_id, 'SKU' || (i % 997) as sku, 1 + i % 2 as quantity, '2026-02-01T10:00:00Z' as requested_at,
                          ['size_too_small', 'defective', 'SIZE_TOO_LARGE', ''][1 + i % 4] as reason_code, 'does not fit, sending it back' as reason_text,
                          '2026-02-05T10:00:00Z' as received_at, '2026-02-06T10:00:00Z' as inspected_at, 'like_new' as condition, 'restock' as disposition,
                          '2026-02-06T12:00:00Z' as restocked_at, 'refund' as resolution, 49.90 as refund_amount, '2026-02-07T10:00:00Z' as refunded_at,
                          null as recovered_value, 5.5 as shipping_cost, 2.25 as processing_cost, 250 as distance_km
                   from range(${LINES}) t(i)) to '${file}' (header)`);
    });
    // Baseline: DuckDB alone, a fresh database, read_csv into a plain table.
    const plain = await (await DuckDBInstance.create(join(dir, 'plain.duckdb'))).connect();
    let t = performance.now();
    await plain.run(`create table returns_raw as select * from read_csv('${file}')`);
    const baseline = (performance.now() - t) / 1000;
    plain.closeSync();
    // Ours, without the KPI refresh that follows an import (measured by the kpis benchmark).
    const refresh = engine.kpis.refresh.bind(engine.kpis);
    engine.kpis.refresh = async () => ({ models: [], seeds: [], failures: [], tests: 0 });
    t = performance.now();
    const summary = await importFile(engine, { kind: 'returns', file, tenantId: tenant.id });
    const ours = (performance.now() - t) / 1000;
    engine.kpis.refresh = refresh;
    if (summary.imported !== LINES) throw new Error(`import benchmark: expected ${LINES} rows imported, got ${summary.imported} (rejected ${summary.rejected})`);
    return [
      { benchmark: 'import', metric: `returns CSV, ${LINES.toLocaleString('en-US')} lines`, unit: 's', value: ours, baseline, baselineName: 'DuckDB read_csv into a plain table', target: 'ratio <= 2' },
      { benchmark: 'import', metric: 'rows per second', unit: 'rows/s', value: LINES / ours, baseline: LINES / baseline, baselineName: 'read_csv' },
    ];
  } finally {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}
