import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportColumn } from './columns';
import { lit } from './sql-checks';

/** A file that cannot be read at all: nothing is imported (exit code 1). */
export class UnreadableFileError extends Error {}

/** The DuckDB table function reading a file, chosen by its extension, and how its rows map to file lines. */
function readerFor(path: string): { from: string; firstLine: number } {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return { from: `read_csv(${lit(path)}, all_varchar = true, header = true)`, firstLine: 2 };
  if (ext === '.jsonl' || ext === '.ndjson') return { from: `read_json(${lit(path)}, format = 'newline_delimited')`, firstLine: 1 };
  if (ext === '.parquet') return { from: `read_parquet(${lit(path)})`, firstLine: 1 };
  throw new UnreadableFileError(`${path}: unknown file type '${ext || '(none)'}'; use .csv, .jsonl or .parquet`);
}

/**
 * Loads a file into the temp table `import_rows`: a `line` column (the line a person sees in the file, header
 * being line 1 of a CSV) and every known column as trimmed text, NULL when empty, so the checks can quote
 * exactly what was written. Refuses files it cannot read or that lack a required column.
 */
export async function stageFile(conn: DuckDBConnection, path: string, columns: ImportColumn[]): Promise<{ rows: number; ignored: string[] }> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UnreadableFileError(`${path}: no such file`);
  const { from, firstLine } = readerFor(path);
  try {
    // preserve_insertion_order (DuckDB's default) keeps row_number() in file order.
    await conn.run(`create or replace temp table import_raw as select row_number() over () + ${firstLine - 1} as line, * from ${from}`);
  } catch (error) {
    throw new UnreadableFileError(`${path} cannot be read: ${(error as Error).message.split('\n')[0]}`);
  }
  const present = (await conn.runAndReadAll(`select column_name from (describe import_raw)`)).getRows().map((r: unknown[]) => String(r[0]));
  const missing = columns.filter((c) => c.required && !present.includes(c.name)).map((c) => c.name);
  if (missing.length) {
    throw new UnreadableFileError(`${path} has no column ${missing.map((m) => `'${m}'`).join(', ')} (required); its columns are: ${present.filter((p) => p !== 'line').join(', ')}`);
  }
  const select = columns
    .map((c) => (present.includes(c.name) ? `nullif(trim(cast("${c.name}" as varchar)), '') as ${c.name}` : `null::varchar as ${c.name}`))
    .join(', ');
  await conn.run(`create or replace temp table import_rows as select line, ${select} from import_raw`);
  await conn.run('drop table import_raw');
  const rows = Number((await conn.runAndReadAll('select count(*) from import_rows')).getRows()[0][0]);
  const known = new Set(['line', ...columns.map((c) => c.name)]);
  return { rows, ignored: present.filter((p) => !known.has(p)) };
}
