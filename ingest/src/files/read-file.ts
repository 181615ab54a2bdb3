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

const cannotRead = (path: string, error: unknown) => new UnreadableFileError(`${path} cannot be read: ${(error as Error).message.split('\n')[0]}`);

/**
 * Loads a file into the temp view `import_rows` (over table `import_staged`): a `line` column (the line a person sees in the file, header
 * being line 1 of a CSV) and every known column as trimmed text, NULL when empty, so the checks can quote
 * exactly what was written. Refuses files it cannot read or that lack a required column.
 */
export async function stageFile(conn: DuckDBConnection, path: string, columns: ImportColumn[]): Promise<{ rows: number; ignored: string[] }> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UnreadableFileError(`${path}: no such file`);
  const { from, firstLine } = readerFor(path);
  // The header (or schema) alone first, so the file is read only once, straight into its final shape.
  let present: string[];
  try {
    present = (await conn.runAndReadAll(`select column_name from (describe select * from ${from})`)).getRows().map((r: unknown[]) => String(r[0]));
  } catch (error) {
    throw cannotRead(path, error);
  }
  const missing = columns.filter((c) => c.required && !present.includes(c.name)).map((c) => c.name);
  if (missing.length) {
    throw new UnreadableFileError(`${path} has no column ${missing.map((m) => `'${m}'`).join(', ')} (required); its columns are: ${present.join(', ')}`);
  }
  // Trimming only the values that need it: a full trim() of every value costs as much as reading the file.
  const text = (name: string) => `cast("${name}" as varchar)`;
  const select = columns
    .map((c) => {
      if (!present.includes(c.name)) return `null::varchar as ${c.name}`;
      const v = text(c.name);
      return `case when ${v} ^@ ' ' or suffix(${v}, ' ') or ${v} = '' then nullif(trim(${v}), '') else ${v} end as ${c.name}`;
    })
    .join(', ');
  let rows: number;
  try {
    // The line of a row is its position in the staged table: preserve_insertion_order (DuckDB's default) keeps
    // file order in a parallel read, and rowid numbers the rows as inserted. (row_number() would read serially.)
    const reader = await conn.runAndReadAll(`create or replace temp table import_staged as select ${select} from ${from}`);
    rows = Number(reader.getRows()[0][0]);
    await conn.run(`create or replace temp view import_rows as select rowid + ${firstLine} as line, * from import_staged`);
  } catch (error) {
    throw cannotRead(path, error);
  }
  const known = new Set(['line', ...columns.map((c) => c.name)]);
  return { rows, ignored: present.filter((p) => !known.has(p)) };
}
