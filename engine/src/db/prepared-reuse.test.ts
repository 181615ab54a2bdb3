import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, type Store } from './connection';

// The dialect reuses prepared statements (dialect.ts), and DuckDB (1.5.6) has planned from table statistics that
// no longer held when a statement was reused (stale-plan.test.ts). This test hunts for more: random writes to a
// table read back from disk, and after each one every query shape below answered through the reused statement
// and through a freshly prepared one must agree.

let dir: string;
let store: Store;
let db: Kysely<any>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rebound-prepared-reuse-'));
  let first = await openStore(dir);
  await first.query(`create table reuse_probe (id integer, status varchar, amount decimal(18, 2), happened_at timestamptz, note varchar)`);
  await first.query(`insert into reuse_probe values (1, 'requested', 10.00, '2026-01-01T00:00:00Z', 'a'), (2, 'approved', 20.00, '2026-01-02T00:00:00Z', 'bb')`);
  await first.close();
  // Reopened, so the table's statistics are the ones read from disk, where the stale answers showed.
  store = await openStore(dir);
  db = store.db as Kysely<any>;
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const probe = () => db.selectFrom('reuse_probe');
// Constants are written into the SQL (sql.lit), where DuckDB may fold them against statistics at prepare time.
const SHAPES = {
  count: () => probe().select((eb) => eb.fn.countAll().as('n')),
  countRequested: () => probe().select((eb) => eb.fn.countAll().as('n')).where('status', '=', sql.lit('requested')),
  noteIsNull: () => probe().select('id').where('note', 'is', null).orderBy('id'),
  noteIsNotNull: () => probe().select('id').where('note', 'is not', null).orderBy('id'),
  bounds: () => probe().select((eb) => [eb.fn.max('amount').as('max_amount'), eb.fn.min('happened_at').as('first_at'), eb.fn.max('id').as('max_id')]),
  overHundred: () => probe().select('id').where('amount', '>', sql.lit(100)).orderBy('id'),
  since: () => probe().select('id').where('happened_at', '>=', sql.lit('2026-06-01T00:00:00Z')).orderBy('id'),
  byStatus: () => probe().select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').orderBy('status'),
  longestNotes: () => probe().select(['id', 'note']).where('note', 'is not', null).orderBy('note', 'desc').orderBy('id').limit(3),
  total: () => probe().select((eb) => eb.fn.sum('amount').as('total')),
  distinctStatuses: () => probe().select('status').distinct().orderBy('status'),
} as const;

const statuses = fc.constantFrom('requested', 'approved', 'declined', 'resolved', null);
const note = fc.option(fc.string({ minLength: 0, maxLength: 60 }), { nil: null });
const write = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), id: fc.integer({ min: 1, max: 40 }), status: statuses, amount: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: null }), day: fc.integer({ min: 0, max: 364 }), note }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('update' as const), id: fc.integer({ min: 1, max: 40 }), status: statuses, note }),
  fc.record({ kind: fc.constant('checkpoint' as const) }),
);

async function apply(w: typeof write extends fc.Arbitrary<infer T> ? T : never): Promise<void> {
  if (w.kind === 'insert') {
    const at = new Date(Date.UTC(2026, 0, 1) + w.day * 86_400_000);
    await db.insertInto('reuse_probe').values({ id: w.id, status: w.status, amount: w.amount === null ? null : w.amount / 100, happened_at: at, note: w.note }).execute();
  } else if (w.kind === 'delete') {
    await db.deleteFrom('reuse_probe').where('id', '=', w.id).execute();
  } else if (w.kind === 'update') {
    await db.updateTable('reuse_probe').set({ status: w.status, note: w.note }).where('id', '=', w.id).execute();
  } else {
    await store.query('checkpoint');
  }
}

it('answers every query shape through a reused statement as a fresh one does, whatever was written in between', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 12 }), async (writes) => {
      for (const w of writes) {
        await apply(w);
        for (const [name, shape] of Object.entries(SHAPES)) {
          const query = shape();
          const compiled = query.compile();
          const reused = await query.execute();
          const fresh = await store.query(compiled.sql, [...compiled.parameters]);
          expect({ shape: name, rows: reused }).toEqual({ shape: name, rows: fresh });
        }
      }
    }),
    { numRuns: 40 },
  );
});
