import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { engineInTempDir } from '../testing/temp-store';

let engine: Engine;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ engine, cleanup } = await engineInTempDir('rebound-stale-plan-')));
afterAll(() => cleanup());

// The query builder's statements are prepared once and reused (dialect.ts); a plan made while a table was
// empty must still read whole values once the table holds longer ones.
it('reads whole values through statements first prepared on empty tables', async () => {
  expect(await engine.tenants.listTenants()).toEqual([]);
  const names = ['Northwind Outfitters & Sons, Ltd.', 'Zephyr'];
  for (const name of names) await engine.tenants.createTenant({ name, currency: 'EUR' });
  expect((await engine.tenants.listTenants()).map((t) => t.name).sort()).toEqual([...names].sort());

  const tenantId = (await engine.tenants.listTenants()).find((t) => t.name === 'Zephyr')!.id;
  expect((await engine.returns.listReturns(tenantId, {})).returns).toEqual([]);
  await engine.orders.createOrder(tenantId, {
    order_id: 'ORDER-WITH-A-RATHER-LONG-IDENTIFIER-0001',
    ordered_at: new Date(Date.now() - 86_400_000).toISOString(),
    customer: { id: 'customer-with-a-long-id', email: 'pat@example.com' },
    lines: [{ sku: 'SKU-THAT-IS-LONGER-THAN-A-FEW-CHARACTERS', category: 'apparel', quantity: 1, unit_price: 40 }],
  });
  const ret = await engine.returns.requestReturn(
    tenantId,
    { order_id: 'ORDER-WITH-A-RATHER-LONG-IDENTIFIER-0001', lines: [{ sku: 'SKU-THAT-IS-LONGER-THAN-A-FEW-CHARACTERS', quantity: 1, reason_text: 'too big' }] },
    { actor: 'test', source: 'api' },
  );
  await engine.jobs.drain();
  const [listed] = (await engine.returns.listReturns(tenantId, {})).returns;
  expect(listed.return_id).toBe(ret.return_id);
  expect(listed.order_id).toBe('ORDER-WITH-A-RATHER-LONG-IDENTIFIER-0001');
  expect(listed.lines.map((l) => l.sku)).toEqual(['SKU-THAT-IS-LONGER-THAN-A-FEW-CHARACTERS']);
});

// DuckDB (1.5.6) also folds what a table's statistics say at prepare time into the plan: a reused statement on
// a table read from disk kept answering a count, a `max`, an `is null` or a constant filter as the data stood
// when it was prepared, through later inserts and deletes.
it('counts, filters and aggregates rows written after a statement was first prepared on a reopened store', async () => {
  const { openEngine } = await import('../engine');
  const { addOutboxJob, countOutboxJobs, oldestOutboxJobs, removeOutboxJobs } = await import('../jobs/outbox.repository');
  const dataDir = engine.store.dataDir + '-reopened';
  let store = await openEngine({ dataDir });
  try {
    await store.store.db.transaction().execute(async (trx) => {
      for (const name of ['return.requested', 'return.approve']) await addOutboxJob(trx, name, { return_id: 'R-1' });
    });
    await store.close();
    store = await openEngine({ dataDir });
      const db = store.store.db;
    const newest = () => db.selectFrom('job_outbox').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    const named = () => db.selectFrom('job_outbox').select('seq').where('name', '=', sql.lit('return.receive')).execute();
    expect(await countOutboxJobs(db)).toBe(2);
    expect(Number((await newest()).seq)).toBe(2);
    expect(await named()).toEqual([]);

    const [first] = await oldestOutboxJobs(db, 1);
    await removeOutboxJobs(db, [first.seq]);
    await db.transaction().execute((trx) => addOutboxJob(trx, 'return.receive', { return_id: 'R-1' }));
    await db.transaction().execute((trx) => addOutboxJob(trx, 'return.inspect', { return_id: 'R-1' }));
    expect(await countOutboxJobs(db)).toBe(3);
    expect(Number((await newest()).seq)).toBe(4);
    expect((await named()).map((r) => Number(r.seq))).toEqual([3]);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
