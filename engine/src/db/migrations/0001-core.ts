import { sql, type Kysely } from 'kysely';

/** Tenants, keys, catalogue, orders, returns, refunds and the event log. */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`create table tenants (
      id varchar primary key, name varchar not null, currency varchar(3) not null,
      policy json not null, shopify_domain varchar unique, shopify_secret varchar,
      created_at timestamptz not null)`,
    sql`create table api_keys (
      key_hash varchar primary key, tenant_id varchar not null, prefix varchar not null,
      created_at timestamptz not null, revoked_at timestamptz)`,
    sql`create table customers (
      tenant_id varchar not null, id varchar not null, email varchar, created_at timestamptz not null,
      phone varchar, address varchar, primary key (tenant_id, id))`,
    sql`create table products (
      tenant_id varchar not null, sku varchar not null, name varchar, category varchar not null,
      price decimal(18, 2), weight_kg double, co2e_kg double, primary key (tenant_id, sku))`,
    sql`create table orders (
      tenant_id varchar not null, id varchar not null, ordered_at timestamptz not null, delivered_at timestamptz,
      customer_id varchar not null, currency varchar(3) not null, channel varchar, source varchar not null,
      created_at timestamptz not null, primary key (tenant_id, id))`,
    sql`create table order_lines (
      tenant_id varchar not null, order_id varchar not null, line_id varchar not null, sku varchar not null,
      product_name varchar, category varchar not null, quantity integer not null check (quantity >= 1),
      unit_price decimal(18, 2) not null check (unit_price >= 0), weight_kg double, co2e_kg double,
      final_sale boolean not null default false, primary key (tenant_id, order_id, line_id))`,
    sql`create table returns (
      tenant_id varchar not null, id varchar not null, order_id varchar not null, customer_id varchar not null,
      status varchar not null, resolution varchar, source varchar not null, decline_reason varchar,
      requested_at timestamptz not null, approved_at timestamptz, declined_at timestamptz, shipped_at timestamptz,
      received_at timestamptz, inspected_at timestamptz, resolved_at timestamptz, closed_at timestamptz,
      canceled_at timestamptz, version integer not null default 1, updated_at timestamptz not null,
      fraud_score double, fraud_signals json, primary key (tenant_id, id))`,
    sql`create table return_lines (
      tenant_id varchar not null, return_id varchar not null, order_id varchar not null, line_id varchar not null,
      sku varchar not null, quantity integer not null check (quantity >= 1), reason_code varchar, reason_text varchar,
      predicted_reason_code varchar, predicted_confidence double, condition varchar, disposition varchar,
      received_at timestamptz, inspected_at timestamptz, restocked_at timestamptz, refunded_at timestamptz,
      refund_amount decimal(18, 2), recovered_value decimal(18, 2), shipping_cost decimal(18, 2),
      processing_cost decimal(18, 2), distance_km double,
      received_quantity integer, received_sku varchar, received_weight_kg double,
      primary key (tenant_id, return_id, sku))`,
    sql`create table refunds (
      tenant_id varchar not null, return_id varchar not null, sku varchar not null,
      amount decimal(18, 2) not null check (amount >= 0), currency varchar(3) not null, kind varchar not null,
      refunded_at timestamptz not null, primary key (tenant_id, return_id, sku))`,
    sql`create sequence events_seq start 1`,
    sql`create table events (
      seq bigint primary key default nextval('events_seq'), tenant_id varchar not null, entity_type varchar not null,
      entity_id varchar not null, type varchar not null, actor varchar not null, occurred_at timestamptz not null,
      reason varchar, payload json)`,
    // DuckDB answers point lookups from an index only when it is on one column, so the hot lookups get
    // single-column indexes on their most selective column (the tenant filter is applied after).
    sql`create index orders_by_id on orders (id)`,
    sql`create index order_lines_by_order on order_lines (order_id)`,
    sql`create index returns_by_id on returns (id)`,
    sql`create index returns_by_order on returns (order_id)`,
    sql`create index return_lines_by_return on return_lines (return_id)`,
    sql`create index return_lines_by_order on return_lines (order_id)`,
    sql`create index refunds_by_return on refunds (return_id)`,
    sql`create index events_by_entity on events (entity_id)`,
    sql`create index customers_by_id on customers (id)`,
    sql`create index products_by_sku on products (sku)`,
  ];
  for (const statement of statements) await statement.execute(db);
}

/** Drops everything 0001 created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['events', 'refunds', 'return_lines', 'returns', 'order_lines', 'orders', 'products', 'customers', 'api_keys', 'tenants']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`drop sequence if exists events_seq`.execute(db);
}
