import { sql, type Kysely } from 'kysely';

/**
 * The return's tracking (carrier, number, tracking page, label), what applying a Shopify webhook did (its note,
 * e.g. a refund with no return kept only raw), and the Shopify line links: which Shopify
 * return line item or reverse fulfillment order line item is which line of our return, with the disposition
 * Shopify reported for it while the rest of the return's lines are still awaited.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['tracking_carrier', 'tracking_number', 'tracking_url', 'label_url']) {
    await sql`alter table returns add column ${sql.raw(column)} varchar`.execute(db);
  }
  await sql`alter table shopify_webhooks add column note varchar`.execute(db);
  await sql`create table shopify_return_links (
    tenant_id varchar not null, shopify_id varchar not null, return_id varchar not null, sku varchar not null,
    disposition varchar, disposition_quantity integer, linked_at timestamptz not null,
    primary key (tenant_id, shopify_id))`.execute(db);
  await sql`create index shopify_return_links_by_return on shopify_return_links (return_id)`.execute(db);
}

/** Drops the links and the tracking columns. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists shopify_return_links`.execute(db);
  await sql`alter table shopify_webhooks drop column if exists note`.execute(db);
  for (const column of ['tracking_carrier', 'tracking_number', 'tracking_url', 'label_url']) {
    await sql`alter table returns drop column if exists ${sql.raw(column)}`.execute(db);
  }
}
