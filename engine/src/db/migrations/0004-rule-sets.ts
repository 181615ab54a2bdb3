import { sql, type Kysely } from 'kysely';

/** Versioned auto-approval rule sets: the newest version of a tenant is the active one. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table rule_sets (
    tenant_id varchar not null, version integer not null, rules json not null, created_at timestamptz not null,
    created_by varchar not null, change_summary varchar not null, primary key (tenant_id, version))`.execute(db);
}

/** Drops the rule sets. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists rule_sets`.execute(db);
}
