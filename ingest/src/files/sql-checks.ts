/**
 * Small builders of SQL row checks. Each returns a CASE expression that yields a sentence about one problem
 * of a row (or NULL), so a row's reasons are `concat_ws('; ', ...checks)` and validation stays in SQL.
 * The checks that parse take the parsed value as an expression (default: parse it here), so a statement can
 * parse each column once and use the value both to check and to store.
 */

import type { DuckDBConnection } from '@duckdb/node-api';

/** Quotes a string as a SQL literal. */
export function lit(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const shown = (col: string) => `'''' || ${col} || ''''`;

/** The column must be present. */
export function required(col: string): string {
  return `case when ${col} is null then '${col} is missing' end`;
}

/** The column, when present, must be an ISO 8601 timestamp. */
export function timestamp(col: string, parsed = ts(col)): string {
  return `case when ${col} is not null and ${parsed} is null then '${col} ' || ${shown(col)} || ' is not an ISO 8601 timestamp' end`;
}

/** The column, when present, must be a whole number >= min. */
export function integerAtLeast(col: string, min: number, parsed = int(col)): string {
  return `case when ${col} is not null and ${parsed} is null then '${col} ' || ${shown(col)} || ' is not an integer'
               when ${parsed} < ${min} then '${col} ' || ${col} || ' must be at least ${min}' end`;
}

/** The column, when present, must be a number >= 0 (money, weights, distances). */
export function nonNegative(col: string, parsed = `try_cast(${col} as double)`): string {
  // NaN and infinities parse as doubles but are no amount: refused like any other text.
  return `case when ${col} is not null and (${parsed} is null or not isfinite(${parsed})) then '${col} ' || ${shown(col)} || ' is not a number'
               when ${parsed} < 0 then '${col} ' || ${col} || ' must be >= 0' end`;
}

/** The column, when present, must be one of the values (compared in lower case). */
export function oneOf(col: string, values: readonly string[]): string {
  // list_contains rather than NOT IN, which DuckDB plans as a join.
  return `case when ${col} is not null and not list_contains([${values.map(lit).join(', ')}], lower(${col})) then '${col} ' || ${shown(col)} || ' is not one of ${values.join(', ')}' end`;
}

/** Parses a whole-number column (NULL when absent or not a whole number: a cast alone rounds '1.5' to 2). */
export function int(col: string): string {
  return `case when try_cast(${col} as double) % 1 = 0 then try_cast(${col} as integer) end`;
}

/** Parses a timestamp column (NULL when absent or invalid). */
export function ts(col: string): string {
  return `try_cast(${col} as timestamptz)`;
}

/** Parses a money column known to be valid (or null). */
export function money(col: string): string {
  return `try_cast(${col} as decimal(18, 2))`;
}

/** Counts the new keys of an import's key table (`is_new`) and the stored ones its changed table lists. */
export async function countNewAndChanged(conn: DuckDBConnection, keys: string, changed: string): Promise<{ fresh: number; changed: number }> {
  const [[fresh, changedKeys]] = (await conn.runAndReadAll(`select count(*) filter (where is_new), (select count(*) from ${changed}) from ${keys}`)).getRows();
  return { fresh: Number(fresh), changed: Number(changedKeys) };
}
