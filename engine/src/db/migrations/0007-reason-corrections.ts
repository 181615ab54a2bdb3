import { sql, type Kysely } from 'kysely';

/** Merchants' corrections of the reason of a returned line: labels for retraining the classifier. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table reason_corrections (
    tenant_id varchar not null, return_id varchar not null, sku varchar not null, reason_code varchar not null,
    corrected_by varchar not null, corrected_at timestamptz not null, primary key (tenant_id, return_id, sku))`.execute(db);
}

/** Drops the corrections. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists reason_corrections`.execute(db);
}
