import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { engineInTempDir, seedTenantWithOrder } from '../testing/temp-store';
import { backfillImportedReturns } from './backfill-imported-returns';

let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;
beforeEach(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-backfill-'));
  tenantId = (await seedTenantWithOrder(engine)).tenant.id;
});
afterEach(() => cleanup());

/** Stores a return as an import does: no pipeline, so no reading and no score. */
async function storeImportedReturn(id: string, status: string, lines: { sku: string; text: string | null; code?: string }[]) {
  await engine.store.query(
    `insert into returns (tenant_id, id, order_id, customer_id, status, source, requested_at, updated_at, import_id)
     values ($1, $2, 'A-1001', 'C-1', $3, 'import', now() - interval 2 day, now() - interval 1 day, 'IMP-1')`,
    [tenantId, id, status],
  );
  for (const l of lines) {
    await engine.store.query(
      `insert into return_lines (tenant_id, return_id, order_id, line_id, sku, quantity, reason_code, reason_text) values ($1, $2, 'A-1001', $3, $3, 1, $4, $5)`,
      [tenantId, id, l.sku, l.code ?? null, l.text],
    );
  }
}
const factReasons = () =>
  engine.store.query<{ return_id: string; sku: string; reason_code: string | null }>('select return_id, sku, reason_code from fct_return_lines order by all');

it('reads every unread line, scores open returns only, and the reason KPIs follow; a second run does nothing', async () => {
  await storeImportedReturn('I-1', 'resolved', [{ sku: 'HOOD-M', text: 'way too big, swimming in it' }, { sku: 'CAP', text: 'arrived torn', code: 'damaged_in_transit' }]);
  await storeImportedReturn('I-2', 'requested', [{ sku: 'SPKR', text: 'crackles at any volume' }]);
  await engine.kpis.refresh({ runTests: false });
  expect((await factReasons()).map((r) => r.reason_code)).toEqual(['damaged_in_transit', null, null]);

  expect(await backfillImportedReturns(engine, { tenantId })).toEqual({ classifiedLines: 3, classifiedReturns: 2, scoredReturns: 1 });
  // A code given stays what the KPIs use; a line without one takes the model's reading.
  expect(await factReasons()).toEqual([
    { return_id: 'I-1', sku: 'CAP', reason_code: 'damaged_in_transit' },
    { return_id: 'I-1', sku: 'HOOD-M', reason_code: 'size_too_large' },
    { return_id: 'I-2', sku: 'SPKR', reason_code: 'defective' },
  ]);
  const scores = await engine.store.query<{ id: string; scored: boolean }>('select id, fraud_score is not null as scored from returns order by id');
  expect(scores).toEqual([{ id: 'I-1', scored: false }, { id: 'I-2', scored: true }]);
  expect(await backfillImportedReturns(engine, { tenantId })).toEqual({ classifiedLines: 0, classifiedReturns: 0, scoredReturns: 0 });
});

it('a reading stored after the marts already saw the return still reaches them', async () => {
  await storeImportedReturn('I-3', 'requested', [{ sku: 'HOOD-M', text: 'way too big, swimming in it' }]);
  await engine.kpis.refresh({ runTests: false });
  await engine.reasons.classifyReturn(tenantId, 'I-3');
  await engine.kpis.refresh({ runTests: false });
  expect(await factReasons()).toEqual([{ return_id: 'I-3', sku: 'HOOD-M', reason_code: 'size_too_large' }]);
});

it('works through more lines than one batch', async () => {
  await engine.store.query(
    `insert into returns (tenant_id, id, order_id, customer_id, status, source, requested_at, updated_at)
     select $1, 'B-' || i, 'A-1001', 'C-1', 'closed', 'import', now(), now() from range(10001) t(i)`,
    [tenantId],
  );
  await engine.store.query(
    `insert into return_lines (tenant_id, return_id, order_id, line_id, sku, quantity, reason_text)
     select $1, 'B-' || i, 'A-1001', 'CAP', 'CAP', 1, 'the colour is not what the photo shows' from range(10001) t(i)`,
    [tenantId],
  );
  const progress: number[] = [];
  const done = await engine.reasons.classifyUnread({ tenantId, onProgress: (n) => progress.push(n) });
  expect(done).toEqual({ lines: 10001, returns: 10001 });
  expect(progress).toEqual([10000, 10001]);
  expect(await engine.store.query('select count(*)::int as n from return_lines where predicted_reason_code is null')).toEqual([{ n: 0 }]);
});
