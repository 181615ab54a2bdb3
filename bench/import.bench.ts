/**
 * Bulk import of a returns CSV (default 1M lines): our import (stage, check every row in SQL, rejects, upsert in
 * one transaction, committed) beside DuckDB itself loading the same file with read_csv into a plain table.
 * The KPI marts refresh that follows an import is a separate step (measured by the kpis benchmark) and is
 * left out. A third row shows the floor our schema sets: the same rows written straight into the store's two
 * tables an import fills (returns and return_lines), no checks.
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
  const floor = await engineInTempDir('rebound-bench-import-floor-');
  try {
    const { tenant } = await engine.tenants.createTenant({ name: 'Bench', currency: 'USD' });
    const file = join(dir, 'returns.csv');
    await engine.store.withConnection(async (c) => {
      await c.run(`insert into orders select '${tenant.id}', 'O' || i, timestamptz '2026-01-01', null, 'C' || (i % 100000), 'USD', 'web', 'bench', now(), now() from range(${LINES}) t(i)`);
      await c.run(`insert into order_lines select '${tenant.id}', 'O' || i, 'SKU' || (i % 997), 'SKU' || (i % 997), null, 'apparel', 2, 49.9, 0.4, null, false from range(${LINES}) t(i)`);
      await c.run(`copy (select 'R' || i as return_id, 'O' || i as order_id, 'SKU' || (i % 997) as sku, 1 + i % 2 as quantity, '2026-02-01T10:00:00Z' as requested_at,
                          ['size_too_small', 'defective', 'SIZE_TOO_LARGE', ''][1 + i % 4] as reason_code, 'does not fit, sending it back' as reason_text,
                          '2026-02-05T10:00:00Z' as received_at, '2026-02-06T10:00:00Z' as inspected_at, 'like_new' as condition, 'restock' as disposition,
                          '2026-02-06T12:00:00Z' as restocked_at, 'refund' as resolution, 49.90 as refund_amount, '2026-02-07T10:00:00Z' as refunded_at,
                          null as recovered_value, 5.5 as shipping_cost, 2.25 as processing_cost, 250 as distance_km
                   from range(${LINES}) t(i)) to '${file}' (header)`);
      await c.run('checkpoint');
    });
    // Baseline: DuckDB alone, a fresh database, read_csv into a plain table.
    const plain = await (await DuckDBInstance.create(join(dir, 'plain.duckdb'))).connect();
    let t = performance.now();
    await plain.run(`create table returns_raw as select * from read_csv('${file}')`);
    const baseline = (performance.now() - t) / 1000;
    plain.closeSync();
    // Ours: read, checked, written and committed, queryable; the marts refresh is left to its own step.
    t = performance.now();
    const summary = await importFile(engine, { kind: 'returns', file, tenantId: tenant.id, refreshKpis: false });
    const ours = (performance.now() - t) / 1000;
    if (summary.imported !== LINES) throw new Error(`import benchmark: expected ${LINES} rows imported, got ${summary.imported} (rejected ${summary.rejected})`);
    const floorSeconds = await storeWritesOnly(floor.engine, file);
    process.stderr.write(
      'import: timed from reading the file to the committed transaction; the KPI marts refresh that follows is a separate step (see kpis).\n' +
        `import: the floor row writes the same ${LINES.toLocaleString('en-US')} returns into returns and return_lines with no checks.\n`,
    );
    return [
      { benchmark: 'import', metric: `returns CSV, ${LINES.toLocaleString('en-US')} lines (marts refresh excluded)`, unit: 's', value: ours, baseline, baselineName: 'DuckDB read_csv into a plain table', target: 'ratio <= 2' },
      { benchmark: 'import', metric: 'rows per second', unit: 'rows/s', value: LINES / ours, baseline: LINES / baseline, baselineName: 'read_csv' },
      { benchmark: 'import', metric: 'floor: same rows into returns and return_lines, no checks', unit: 's', value: floorSeconds, baseline, baselineName: 'read_csv' },
    ];
  } finally {
    await floor.cleanup();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads the file and writes its rows into returns and return_lines in one transaction, unchecked. */
async function storeWritesOnly(engine: Awaited<ReturnType<typeof engineInTempDir>>['engine'], file: string): Promise<number> {
  const t = performance.now();
  await engine.store.withConnection(async (c) => {
    // Read before the transaction, as the import prepares its rows: DuckDB inserts about half as fast from a
    // table created inside the writing transaction. Scratch unordered, the store's tables ordered, as the import.
    await c.run('set preserve_insertion_order = false');
    await c.run(`create temp table r as select * from read_csv('${file}')`);
    await c.run('reset preserve_insertion_order');
    await c.run('begin transaction');
    await c.run(`insert into returns (tenant_id, id, order_id, customer_id, status, resolution, source, requested_at, approved_at, received_at, inspected_at, resolved_at, version, updated_at)
                 select 't', return_id, order_id, 'C', 'resolved', resolution, 'import', requested_at, requested_at, received_at, inspected_at, refunded_at, 1, now() from r`);
    await c.run(`insert into return_lines (tenant_id, return_id, order_id, line_id, sku, quantity, reason_code, reason_text, condition, disposition, received_at,
                   inspected_at, restocked_at, refunded_at, refund_amount, recovered_value, shipping_cost, processing_cost, distance_km)
                 select 't', return_id, order_id, sku, sku, quantity, lower(reason_code), reason_text, condition, disposition, received_at, inspected_at,
                   restocked_at, refunded_at, refund_amount, recovered_value, shipping_cost, processing_cost, distance_km from r`);
    await c.run('commit');
    await c.run('drop table r');
  });
  return (performance.now() - t) / 1000;
}
