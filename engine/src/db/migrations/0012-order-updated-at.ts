import { sql, type Kysely } from 'kysely';

/**
 * When an order (its header or its lines) last changed, as returns already have: the KPI marts bring
 * `fct_order_lines` up to date by it, so a corrected order line reaches the KPIs on the next refresh rather
 * than on a full rebuild. Stored orders start from the time they were loaded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table orders add column updated_at timestamptz`.execute(db);
  await sql`update orders set updated_at = created_at`.execute(db);
}

/** Drops the column. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table orders drop column if exists updated_at`.execute(db);
}
