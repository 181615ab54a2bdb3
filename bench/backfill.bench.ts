/**
 * `rebound backfill` over imported history: 100k return lines with customers' words and no reading, classified
 * and stored (return lines and their returns' updated_at) in a store, beside classifying the same texts alone.
 */
import { engineInTempDir, seedTenantWithOrder } from '@rebound/engine/testing';
import { generateCorpus } from '../models/reason-classifier/generate-corpus';
import type { BenchRow } from './table';

const LINES = Number(process.env.BENCH_BACKFILL_LINES ?? 100_000);

export default async function backfillBench(): Promise<BenchRow[]> {
  const { engine, cleanup } = await engineInTempDir('rebound-bench-backfill-');
  try {
    const { tenant } = await seedTenantWithOrder(engine);
    const corpus = generateCorpus(7, Math.ceil(LINES / 15)).map((r) => r.text);
    const texts = Array.from({ length: LINES }, (_, i) => corpus[i % corpus.length]);
    await engine.store.query(
      `insert into returns (tenant_id, id, order_id, customer_id, status, source, requested_at, updated_at)
       select $1, 'B-' || i, 'A-1001', 'C-1', 'closed', 'import', now(), now() from range(${LINES}) t(i)`,
      [tenant.id],
    );
    await engine.store.query(
      `insert into return_lines (tenant_id, return_id, order_id, line_id, sku, quantity, reason_text)
       select $1, 'B-' || (t.i - 1), 'A-1001', 'CAP', 'CAP', 1, t.text from unnest($2::varchar[]) with ordinality t(text, i)`,
      [tenant.id, texts],
    );
    await engine.reasons.classify(texts.slice(0, 200)); // load the model outside the timings
    let t = performance.now();
    await engine.reasons.classify(texts);
    const alone = (performance.now() - t) / 1000;
    t = performance.now();
    const done = await engine.reasons.classifyUnread({ tenantId: tenant.id });
    const backfill = (performance.now() - t) / 1000;
    if (done.lines !== LINES) throw new Error(`backfill benchmark: expected ${LINES} lines read, got ${done.lines}`);
    return [
      { benchmark: 'backfill', metric: `${LINES.toLocaleString('en-US')} imported lines read and stored`, unit: 'lines/s', value: LINES / backfill, baseline: LINES / alone, baselineName: 'classifying the texts alone' },
    ];
  } finally {
    await cleanup();
  }
}
