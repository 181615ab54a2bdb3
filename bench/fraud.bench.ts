/**
 * Fraud signals measured on the generator's planted patterns: precision and recall of each signal against the
 * returns planted with its pattern, beside the base rate (the precision of flagging every return).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineInTempDir } from '@rebound/engine/testing';
import { scoreReturnFraud, scoreReturnsFraud } from '../engine/src/fraud/score';
import { seedDemoStore } from '../ingest/src/generate/demo-store';
import { generateStore } from '../ingest/src/generate/generate-store';
import type { BenchRow } from './table';

const ORDERS = Number(process.env.BENCH_FRAUD_ORDERS ?? 8000);
const PATTERNS = ['serial_returner', 'return_after_window', 'wardrobing', 'linked_accounts'];

export default async function fraudBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-fraud-'));
  const { engine, cleanup } = await engineInTempDir('rebound-bench-fraud-store-');
  try {
    const { tenant } = await engine.tenants.createTenant({ name: 'Bench', currency: 'USD' });
    const files = await generateStore({ orders: ORDERS, seed: 5, outDir: dir });
    await seedDemoStore(engine, tenant.id, { orders: ORDERS, seed: 5 });
    const planted = new Map(
      (await engine.store.query<{ return_id: string; p: string | null }>(`select return_id, planted_pattern as p from read_csv('${files.returnsFile}', all_varchar = true)`)).map((r) => [r.return_id, r.p]),
    );
    const fired = new Map<string, Set<string>>();
    let t = performance.now();
    for (const id of planted.keys()) {
      const a = await scoreReturnFraud(engine.store, tenant.id, id);
      fired.set(id, new Set(a.signals.map((s) => s.signal)));
    }
    const oneByOne = (performance.now() - t) / 1000;
    // The same returns scored as a batch (what `rebound backfill` does): same signals, far fewer scans.
    t = performance.now();
    const batch = await scoreReturnsFraud(engine.store, tenant.id, [...planted.keys()]);
    const batchSeconds = (performance.now() - t) / 1000;
    const differing = [...batch].filter(([id, a]) => a.signals.map((s) => s.signal).join() !== [...fired.get(id)!].join()).length;
    if (differing) throw new Error(`fraud benchmark: ${differing} returns scored differently as a batch`);
    const total = planted.size;
    const speed = { benchmark: 'fraud', metric: `scoring ${total.toLocaleString('en-US')} returns as a batch`, unit: 's', value: batchSeconds, baseline: oneByOne, baselineName: 'one return at a time' };
    return [speed, ...PATTERNS.flatMap((pattern) => {
      const truth = [...planted].filter(([, p]) => p === pattern).map(([id]) => id);
      const flagged = [...fired].filter(([, s]) => s.has(pattern)).map(([id]) => id);
      const hit = flagged.filter((id) => planted.get(id) === pattern).length;
      return [
        { benchmark: 'fraud', metric: `${pattern} precision (${flagged.length} flagged)`, unit: '', value: flagged.length ? hit / flagged.length : 0, baseline: truth.length / total, baselineName: 'flag every return' },
        { benchmark: 'fraud', metric: `${pattern} recall (${truth.length} planted)`, unit: '', value: truth.length ? hit / truth.length : 0 },
      ];
    })];
  } finally {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}
