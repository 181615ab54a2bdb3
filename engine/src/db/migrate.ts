import { sql, type Kysely } from 'kysely';
import { migrations } from './migrations/all-migrations';

/**
 * Applies pending migrations in name order, each in its own transaction, recording them in
 * schema_migrations. Kysely's Migrator needs Postgres catalog functions DuckDB lacks, hence this.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  await sql`create table if not exists schema_migrations (name varchar primary key, applied_at timestamptz not null)`.execute(db);
  const done = new Set((await sql<{ name: string }>`select name from schema_migrations`.execute(db)).rows.map((r) => r.name));
  const applied: string[] = [];
  for (const name of Object.keys(migrations).sort()) {
    if (done.has(name)) continue;
    try {
      await db.transaction().execute(async (trx) => {
        await migrations[name].up(trx);
        await sql`insert into schema_migrations values (${name}, ${new Date().toISOString()})`.execute(trx);
      });
    } catch (error) {
      throw new Error(`database migration ${name} failed: ${(error as Error).message}`);
    }
    applied.push(name);
  }
  return applied;
}
