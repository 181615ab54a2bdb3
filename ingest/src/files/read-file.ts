import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
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
 * The line each record of a text file starts on, as DuckDB reads it: a CSV value in double quotes may span lines,
 * and empty lines (whitespace-only ones in JSONL) are skipped. Null when every record is one line of its own, so
 * a row's line is simply its position (the common case costs no table).
 */
function recordStartLines(path: string, csv: boolean): number[] | null {
  const starts: number[] = [];
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.alloc(1 << 20);
    let position = 0;
    let line = 1;
    let inQuotes = false;
    let recordLine = 0; // the line the current multi-line record began on (0: none open)
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, position);
      if (n === 0) break;
      const atEnd = position + n >= size;
      let end = atEnd ? n : buf.lastIndexOf(10, n - 1);
      if (end < 0) {
        buf = Buffer.alloc(buf.length * 2); // a line longer than the buffer
        continue;
      }
      if (!atEnd) end += 1;
      let at = 0;
      let quote = csv ? buf.indexOf(34, 0) : -1;
      while (at < end) {
        let nl = buf.indexOf(10, at);
        if (nl < 0 || nl >= end) nl = end;
        // Quotes on this line toggle whether the record goes on past it ("" toggles twice).
        while (quote >= 0 && quote < nl) {
          inQuotes = !inQuotes;
          quote = buf.indexOf(34, quote + 1);
        }
        const open = recordLine !== 0;
        let blank = false;
        if (!open && !inQuotes) {
          let i = at;
          while (i < nl && (buf[i] === 13 || (!csv && (buf[i] === 32 || buf[i] === 9)))) i++;
          blank = i === nl;
        }
        if (!blank && !open) starts.push(line);
        recordLine = inQuotes ? (open ? recordLine : line) : 0;
        line += 1;
        at = nl + 1;
      }
      if (atEnd) break;
      position += end;
    }
  } finally {
    closeSync(fd);
  }
  const first = starts[0] ?? 1;
  return starts.every((l, i) => l === first + i) && first === 1 ? null : starts;
}

/**
 * Which column of the file gives each of ours: header names match whatever their case and surrounding spaces
 * (`Order_ID`, ` sku `). Two columns giving one of ours (`SKU` and `sku`, or `sku` twice, which DuckDB reads as
 * `sku` and `sku_1`) are refused: keeping either would silently drop what the other says.
 */
function columnSources(path: string, present: string[], columns: ImportColumn[]): Map<string, string> {
  const sources = new Map<string, string>();
  const known = new Set(columns.map((c) => c.name));
  // What the file itself says: its header line (CSV), or its opening lines (JSONL), where a name DuckDB made
  // up for a second column of the same name does not appear.
  const ext = extname(path).toLowerCase();
  const header = ext === '.parquet' ? null : openingText(path, ext === '.csv');
  for (const name of present) {
    const key = name.trim().toLowerCase();
    const renamed = /^(.+)_\d+$/.exec(key);
    if (header !== null && renamed && known.has(renamed[1]) && !header.includes(name)) {
      throw new UnreadableFileError(`${path} has column '${renamed[1]}' twice in its header; keep one`);
    }
    if (!known.has(key)) continue;
    const earlier = sources.get(key);
    if (earlier !== undefined) throw new UnreadableFileError(`${path} has two columns for ${key} ('${earlier}' and '${name}'); keep one`);
    sources.set(key, name);
  }
  return sources;
}

/** The first 64 KiB of a text file, or only its first line (a CSV's header). */
function openingText(path: string, firstLineOnly: boolean): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const text = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    const end = firstLineOnly ? text.indexOf('\n') : -1;
    return end < 0 ? text : text.slice(0, end);
  } finally {
    closeSync(fd);
  }
}

/**
 * The first line of a CSV holding only spaces or tabs outside a quoted value, or null. DuckDB skips empty lines
 * but takes such a line for a row of one value, and then cannot tell the file's columns apart. Read on that
 * failure only, so its pace does not matter.
 */
function firstSpacesOnlyLine(path: string): number | null {
  const lines = readFileSync(path, 'utf8').split('\n');
  let inQuotes = false;
  for (let i = 0; i < lines.length; i++) {
    if (!inQuotes && /^[ \t]+\r?$/.test(lines[i])) return i + 1;
    for (const ch of lines[i]) if (ch === '"') inQuotes = !inQuotes;
  }
  return null;
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
  let jsonTyped: Set<string>;
  try {
    const described = (await conn.runAndReadAll(`select column_name, column_type from (describe select * from ${from})`)).getRows();
    present = described.map((r: unknown[]) => String(r[0]));
    // A JSONL key holding text on some lines and numbers on others is read as JSON, whose text keeps its quotes.
    jsonTyped = new Set(described.filter((r: unknown[]) => String(r[1]) === 'JSON').map((r: unknown[]) => String(r[0])));
  } catch (error) {
    throw cannotRead(path, error);
  }
  const sourceOf = columnSources(path, present, columns);
  const missing = columns.filter((c) => c.required && !sourceOf.has(c.name)).map((c) => c.name);
  if (missing.length) {
    // One column whose name holds the header's delimiter: the reader could not split the rows into columns.
    if (present.length === 1 && /[,;\t|]/.test(present[0])) {
      const spaces = firstSpacesOnlyLine(path);
      if (spaces !== null) throw new UnreadableFileError(`${path} cannot be split into columns: line ${spaces} holds only spaces; delete it (empty lines are skipped)`);
      throw new UnreadableFileError(
        `${path} cannot be split into columns: its rows do not all have as many values as its header (${present[0]}); ` +
          'a text value holding the delimiter must be in double quotes, e.g. "too big, way too big"',
      );
    }
    if (present.length === 1 && present[0] === 'json') {
      throw new UnreadableFileError(`${path} cannot be read as one JSON object per line: some line is not an object like {"order_id": "A-1", ...}`);
    }
    throw new UnreadableFileError(`${path} has no column ${missing.map((m) => `'${m}'`).join(', ')} (required); its columns are: ${present.join(', ')}`);
  }
  // Trimming only the values that need it: a full trim() of every value costs as much as reading the file.
  const text = (name: string) => (jsonTyped.has(name) ? `("${name}" ->> '$')` : `cast("${name}" as varchar)`);
  const select = columns
    .map((c) => {
      const source = sourceOf.get(c.name);
      if (source === undefined) return `null::varchar as ${c.name}`;
      const v = text(source);
      return `case when ${v} ^@ ' ' or suffix(${v}, ' ') or ${v} = '' then nullif(trim(${v}), '') else ${v} end as ${c.name}`;
    })
    .join(', ');
  let rows: number;
  try {
    // The line of a row is its position in the staged table: preserve_insertion_order (DuckDB's default) keeps
    // file order in a parallel read, and rowid numbers the rows as inserted. (row_number() would read serially.)
    const staging = conn.runAndReadAll(`create or replace temp table import_staged as select ${select} from ${from}`);
    // A row's line is its position, unless a quoted value spans lines or empty lines were skipped: then the
    // line each record starts on, kept in order beside the staged rows. The file is scanned while DuckDB stages it
    // (its work runs on its own threads), so the scan adds little to an import.
    const ext = extname(path).toLowerCase();
    const starts = ext === '.parquet' ? null : recordStartLines(path, ext === '.csv');
    rows = Number((await staging).getRows()[0][0]);
    const lines = starts && ext === '.csv' ? starts.slice(1) : starts; // a CSV's first record is its header
    if (lines && lines.length === rows) {
      await conn.run('create or replace temp table import_lines (line bigint)');
      const appender = await conn.createAppender('import_lines', null, 'temp');
      for (const l of lines) {
        appender.appendBigInt(BigInt(l));
        appender.endRow();
      }
      appender.closeSync();
      await conn.run(`create or replace temp view import_rows as select l.line, s.* from import_staged s positional join import_lines l`);
    } else {
      await conn.run(`create or replace temp view import_rows as select rowid + ${firstLine} as line, * from import_staged`);
    }
  } catch (error) {
    throw cannotRead(path, error);
  }
  const used = new Set(sourceOf.values());
  return { rows, ignored: present.filter((p) => !used.has(p)) };
}
