import { sql, type Kysely } from 'kysely';

/**
 * The tables that grow with a merchant's history (orders, their lines, returns, their lines, refunds, events)
 * lose their primary keys and lookup indexes; every other table keeps its keys. Why: DuckDB maintains an ART
 * index row by row, about 2.5 s per index per million rows written, which made a bulk import 6-8 times slower
 * than reading the file, while a lookup without one scans a single column (about 10 ms at a million rows, less
 * where the rows were written in key order). Uniqueness of these keys is kept by the code that writes them:
 * every write runs on the store's one connection under its lock (see connection-lock.ts), and each writer
 * looks for the key before inserting (services, imports, Shopify mapping); tests pin each of those refusals.
 * NOT NULL, CHECK constraints and defaults stay.
 */
export const HISTORY_TABLES = ['orders', 'order_lines', 'returns', 'return_lines', 'refunds', 'events'] as const;

/** Re-creates each history table without its primary key and indexes, keeping its rows, columns, checks and defaults. */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of HISTORY_TABLES) {
    const definition = await tableDefinition(db, table);
    await sql.raw(`create table ${table}__new (${definition})`).execute(db);
    await sql.raw(`insert into ${table}__new select * from ${table}`).execute(db);
    await sql.raw(`drop table ${table}`).execute(db);
    await sql.raw(`alter table ${table}__new rename to ${table}`).execute(db);
  }
}

/** The column list of a table as DDL (types, NOT NULL, defaults) followed by its CHECK constraints, from the catalog. */
async function tableDefinition(db: Kysely<any>, table: string): Promise<string> {
  const columns = (
    await sql<{ column_name: string; data_type: string; is_nullable: boolean; column_default: string | null }>`
      select column_name, data_type, is_nullable, column_default from duckdb_columns()
      where table_name = ${table} and schema_name = 'main' order by column_index`.execute(db)
  ).rows;
  const checks = (
    await sql<{ constraint_text: string }>`
      select constraint_text from duckdb_constraints()
      where table_name = ${table} and schema_name = 'main' and constraint_type = 'CHECK' order by constraint_index`.execute(db)
  ).rows;
  return [
    ...columns.map(
      (c) => `${c.column_name} ${c.data_type}${c.is_nullable ? '' : ' not null'}${c.column_default === null ? '' : ` default ${c.column_default}`}`,
    ),
    ...checks.map((c) => c.constraint_text),
  ].join(', ');
}
