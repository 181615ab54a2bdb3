import type { DuckDBConnection } from '@duckdb/node-api';
import type { DbtModel, DbtProject } from './project';
import { relation, renderModel, type RenderedModel } from './render';

const INCREMENT = '__rebound_increment';
const quote = (column: string) => `"${column.replace(/"/g, '""')}"`;

async function columnsOf(conn: DuckDBConnection, name: string): Promise<string> {
  const r = await conn.runAndReadAll(`select string_agg(column_name || ' ' || data_type, ',' order by column_name) from information_schema.columns where table_name = $1`, [name]);
  return String(r.getRows()[0][0]);
}

/** The SQL deleting the target's rows whose unique_key matches a row of the increment (NULL keys match nothing, as in dbt). */
export function deleteMatchingSql(target: string, uniqueKey: string[]): string {
  const cols = uniqueKey.map(quote);
  const on = cols.map((c) => `${target}.${c} = k.${c}`).join(' and ');
  return `delete from ${target} using (select distinct ${cols.join(', ')} from ${INCREMENT}) k where ${on}`;
}

/**
 * Brings an existing incremental model up to date (inside the caller's transaction): renders it with is_incremental() true (and the stored
 * maximum of its watermark column passed as var rebound_watermark), then applies the new rows by its
 * incremental_strategy: 'delete+insert' replaces the rows whose unique_key is in the batch, 'append' only
 * inserts. Returns 'full' when the model's columns changed and it was rebuilt whole instead.
 */
export async function applyIncrement(conn: DuckDBConnection, project: DbtProject, model: DbtModel, probe: RenderedModel): Promise<'incremental' | 'full'> {
  const target = relation(model.name);
  const strategy = probe.incrementalStrategy ?? 'append';
  if (strategy === 'delete+insert' && !probe.uniqueKey) throw new Error(`incremental model ${model.name} uses delete+insert and needs config(unique_key=...)`);
  // The stored maximum of the watermark column, read first and passed as a constant (see macros/incremental.sql).
  let vars: Record<string, unknown> | undefined;
  if (probe.watermark) {
    const r = await conn.runAndReadAll(`select max(${quote(probe.watermark)})::varchar from ${target}`);
    const stored = r.getRows()[0][0];
    if (stored !== null) vars = { rebound_watermark: String(stored) };
  }
  const { sql } = renderModel(project, model, { incremental: true, vars });
  await conn.run(`create or replace temp table ${INCREMENT} as ${sql}`);
  try {
    if ((await columnsOf(conn, model.name)) !== (await columnsOf(conn, INCREMENT))) {
      // The model's columns changed (a new release of the project): rebuild it whole rather than fail the merge.
      await conn.run(`create or replace table ${target} as ${probe.sql}`);
      return 'full';
    }
    // Inside the build's transaction (buildProject): a crash or a failed insert leaves the rows as they were,
    // never deleted and not replaced.
    if (strategy === 'delete+insert') await conn.run(deleteMatchingSql(target, probe.uniqueKey!));
    await conn.run(`insert into ${target} by name select * from ${INCREMENT}`);
    return 'incremental';
  } finally {
    // After a failed statement the transaction only takes a rollback, which drops the scratch table as well.
    await conn.run(`drop table if exists ${INCREMENT}`).catch(() => undefined);
  }
}
