import { sql, type Kysely } from 'kysely';

/**
 * Which import created a return. An import is one event in the log (entity `import`: its file and counts), not
 * one event per row; a return's timeline shows the import it came from through this column.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table returns add column import_id varchar`.execute(db);
}

/** Drops the column. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table returns drop column if exists import_id`.execute(db);
}
