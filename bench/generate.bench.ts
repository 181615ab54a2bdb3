/**
 * `rebound generate --orders N` (default 1M): writing the import files (`--out DIR`), and generating straight
 * into a store (files written in parts and imported as they are complete, then the KPI marts refreshed once).
 * The issue asks for under a minute for each; the into-store row shows the files-only time as its baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineInTempDir } from '@rebound/engine/testing';
import { seedDemoStore } from '../ingest/src/generate/demo-store';
import { generateStore } from '../ingest/src/generate/generate-store';
import type { BenchRow } from './table';

const ORDERS = Number(process.env.BENCH_GENERATE_ORDERS ?? 1_000_000);

export default async function generateBench(): Promise<BenchRow[]> {
  const out = mkdtempSync(join(tmpdir(), 'rebound-bench-generate-'));
  const { engine, cleanup } = await engineInTempDir('rebound-bench-generate-store-');
  try {
    let t = performance.now();
    await generateStore({ orders: ORDERS, outDir: out });
    const files = (performance.now() - t) / 1000;
    const { tenant } = await engine.tenants.createTenant({ name: 'Bench', currency: 'USD' });
    t = performance.now();
    await seedDemoStore(engine, tenant.id, { orders: ORDERS, seed: 42 });
    const store = (performance.now() - t) / 1000;
    const n = ORDERS.toLocaleString('en-US');
    return [
      { benchmark: 'generate', metric: `--orders ${n} --out DIR (files)`, unit: 's', value: files, target: '< 60 s' },
      { benchmark: 'generate', metric: `--orders ${n} into the data dir (with marts refresh)`, unit: 's', value: store, baseline: files, baselineName: 'files only', target: '< 60 s' },
    ];
  } finally {
    await cleanup();
    rmSync(out, { recursive: true, force: true });
  }
}
