import { sql, type Kysely } from 'kysely';

/**
 * Follow-up jobs written in the same transaction as the change that calls for them (a transactional outbox), so
 * a queue that is down, or a crash between the commit and the queue, never loses the work; see jobs/outbox.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence job_outbox_seq start 1`.execute(db);
  await sql`create table job_outbox (
    seq bigint primary key default nextval('job_outbox_seq'),
    job_id varchar not null,
    name varchar not null,
    payload json not null,
    created_at timestamptz not null
  )`.execute(db);
}

/** Drops the table and its sequence. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists job_outbox`.execute(db);
  await sql`drop sequence if exists job_outbox_seq`.execute(db);
}
