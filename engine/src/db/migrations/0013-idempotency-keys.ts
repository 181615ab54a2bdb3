import { sql, type Kysely } from 'kysely';

/**
 * Idempotency keys of requests that create things (a return, an order): a client retrying after a timeout, or a
 * customer pressing the button twice, gets the first answer again instead of a second return.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table idempotency_keys (
    tenant_id varchar not null,
    key varchar not null,
    fingerprint varchar not null,
    status_code integer,
    response varchar,
    created_at timestamptz not null,
    primary key (tenant_id, key)
  )`.execute(db);
}

/** Drops the table. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists idempotency_keys`.execute(db);
}
