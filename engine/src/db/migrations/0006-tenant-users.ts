import { sql, type Kysely } from 'kysely';

/** People who sign in to a tenant's dashboard (scrypt password hashes) and their dashboard sessions (hashed tokens). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table tenant_users (
    tenant_id varchar not null, email varchar not null, password_hash varchar not null,
    created_at timestamptz not null, primary key (tenant_id, email))`.execute(db);
  await sql`create table web_sessions (
    token_hash varchar primary key, tenant_id varchar not null, actor varchar not null,
    created_at timestamptz not null, expires_at timestamptz not null)`.execute(db);
}

/** Drops the users and sessions. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists web_sessions`.execute(db);
  await sql`drop table if exists tenant_users`.execute(db);
}
