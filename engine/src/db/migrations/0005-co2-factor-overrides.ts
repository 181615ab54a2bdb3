import { sql, type Kysely } from 'kysely';

/** A tenant's own CO2 and weight factors per category, taking precedence over dbt's documented defaults. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table co2_factor_overrides (
    tenant_id varchar not null, category varchar not null, co2e_kg_per_unit double, weight_kg_per_unit double,
    primary key (tenant_id, category))`.execute(db);
}

/** Drops the overrides. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists co2_factor_overrides`.execute(db);
}
