import { sql, type Kysely } from 'kysely';

/** The Shopify webhook inbox: every accepted delivery kept raw (audit, replay), keyed by its webhook id (idempotency). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table shopify_webhooks (
    webhook_id varchar primary key, tenant_id varchar not null, shop_domain varchar not null, topic varchar not null,
    received_at timestamptz not null, raw_body varchar not null,
    status varchar not null, failure_reason varchar, applied_at timestamptz, attempts integer not null default 0)`.execute(db);
}

/** Drops the inbox. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists shopify_webhooks`.execute(db);
}
