import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ConnectionLock } from '../connection-lock';
import { DuckDBDialect } from '../dialect';
import { migrateToLatest } from '../migrate';
import { migrations } from './all-migrations';
import { HISTORY_TABLES } from './0010-history-tables-without-keys';

let dir: string;
let db: Kysely<any>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rebound-migrate-'));
  const conn = await (await DuckDBInstance.create(join(dir, 'store.duckdb'))).connect();
  db = new Kysely<any>({ dialect: new DuckDBDialect(conn, new ConnectionLock()) });
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** A store as 0009 left it, with a return and its history in it. */
async function storeAt0009(): Promise<void> {
  await sql`create table schema_migrations (name varchar primary key, applied_at timestamptz not null)`.execute(db);
  for (const name of Object.keys(migrations).sort().filter((n) => n < '0010')) {
    await migrations[name].up(db);
    await sql`insert into schema_migrations values (${name}, now())`.execute(db);
  }
  await sql`insert into orders values ('t', 'O-1', '2026-05-01', null, 'C-1', 'EUR', 'web', 'api', now())`.execute(db);
  await sql`insert into order_lines values ('t', 'O-1', 'L1', 'CAP', 'Cap', 'apparel', 2, 15, 0.2, null, false)`.execute(db);
  await sql`insert into returns (tenant_id, id, order_id, customer_id, status, source, requested_at, updated_at, tracking_number)
            values ('t', 'R-1', 'O-1', 'C-1', 'resolved', 'api', '2026-05-05', now(), 'TRK1')`.execute(db);
  await sql`insert into return_lines (tenant_id, return_id, order_id, line_id, sku, quantity, refund_amount) values ('t', 'R-1', 'O-1', 'L1', 'CAP', 1, 15)`.execute(db);
  await sql`insert into refunds values ('t', 'R-1', 'CAP', 15, 'EUR', 'refund', now())`.execute(db);
  await sql`insert into events (tenant_id, entity_type, entity_id, type, actor, occurred_at) values ('t', 'return', 'R-1', 'return.requested', 'api', now())`.execute(db);
}

const rows = async (table: string) => (await sql.raw<Record<string, unknown>>(`select * from ${table} order by all`).execute(db)).rows;

it('re-creates the history tables without keys or indexes, keeping every row, column, check and default', async () => {
  await storeAt0009();
  const before = Object.fromEntries(await Promise.all(HISTORY_TABLES.map(async (t) => [t, await rows(t)] as const)));
  expect(await migrateToLatest(db)).toEqual(Object.keys(migrations).filter((n) => n >= '0010'));

  for (const table of HISTORY_TABLES) {
    const after = await rows(table);
    // 0011 adds returns.import_id and 0012 orders.updated_at (from created_at) after 0010; every row and value
    // of 0009 is still there.
    if (table === 'orders') for (const r of after) expect(r.updated_at).toEqual(r.created_at);
    const later = (r: Record<string, unknown>) => ({ ...r, import_id: undefined, updated_at: table === 'orders' ? undefined : r.updated_at });
    expect(after.map(later)).toEqual(before[table].map(later));
  }
  const keys = await sql<{ n: number }>`select count(*)::int as n from duckdb_constraints() where table_name in ('orders', 'order_lines', 'returns', 'return_lines', 'refunds', 'events') and constraint_type in ('PRIMARY KEY', 'UNIQUE')`.execute(db);
  expect(keys.rows[0].n).toBe(0);
  const indexes = await sql<{ n: number }>`select count(*)::int as n from duckdb_indexes() where table_name in ('orders', 'order_lines', 'returns', 'return_lines', 'refunds', 'events')`.execute(db);
  expect(indexes.rows[0].n).toBe(0);
  // Checks, NOT NULL and defaults survive: a bad quantity and a missing id are still refused, seq still counts.
  await expect(sql`insert into order_lines values ('t', 'O-1', 'L2', 'HAT', null, 'apparel', 0, 15, null, null, false)`.execute(db)).rejects.toThrow(/CHECK/);
  await expect(sql`insert into returns (tenant_id, id, order_id, customer_id, status, source, requested_at, updated_at) values ('t', null, 'O-1', 'C-1', 'requested', 'api', now(), now())`.execute(db)).rejects.toThrow(/NOT NULL/);
  await sql`insert into events (tenant_id, entity_type, entity_id, type, actor, occurred_at) values ('t', 'return', 'R-1', 'return.closed', 'api', now())`.execute(db);
  expect((await sql<{ seq: number }>`select seq::int as seq from events order by seq`.execute(db)).rows.map((r) => r.seq)).toEqual([1, 2]);
  expect((await sql<{ final_sale: boolean; version: number }>`select final_sale, version from order_lines, returns limit 1`.execute(db)).rows).toEqual([{ final_sale: false, version: 1 }]);
});
