import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { InvalidInputError, type Store } from '@rebound/engine';
import { lit } from '../files/sql-checks';
import { LAKE_TABLES, type LakeTable } from './lake-tables';

/** The manifest's file name at the lake's root. */
export const MANIFEST_FILE = '_manifest.json';

/** One partition as recorded in the manifest. */
export interface PartitionEntry {
  rows: number;
  /** Order-independent digest of the partition's rows: a partition is rewritten only when it changes. */
  fingerprint: string;
  /** Path of the Parquet file, relative to the lake directory. */
  file: string;
}

/** `_manifest.json`: what the lake holds, per table and partition. */
export interface LakeManifest {
  format: 'rebound-lake/1';
  exported_at: string;
  tables: Record<string, Record<string, PartitionEntry>>;
}

/** The outcome of one export. */
export interface ExportSummary {
  dir: string;
  /** Partitions written (new or changed) and the rows in them. */
  written: number;
  rowsWritten: number;
  unchanged: number;
  removed: number;
  seconds: number;
}

/** The hive path of a partition: `tenant=.../year=.../month=...` (tenant ids with odd characters are percent-encoded). */
export function partitionPath(tenant: string, year: number, month: number): string {
  return `tenant=${encodeURIComponent(tenant)}/year=${year}/month=${month}`;
}

/** Reads the manifest of a lake directory; an empty or new directory is an empty lake, anything else is refused. */
export function readManifest(dir: string): LakeManifest {
  const empty: LakeManifest = { format: 'rebound-lake/1', exported_at: '', tables: {} };
  if (!existsSync(dir)) return empty;
  if (!statSync(dir).isDirectory()) throw new InvalidInputError(`${dir} is a file, not a directory: choose a directory for the lake`);
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) {
    if (readdirSync(dir).length === 0) return empty;
    throw new InvalidInputError(`${dir} is not empty and has no ${MANIFEST_FILE}, so it is not a Rebound lake: choose an empty or new directory`);
  }
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as LakeManifest;
    if (parsed.format !== 'rebound-lake/1' || typeof parsed.tables !== 'object' || parsed.tables === null) throw new Error('unknown format');
    return parsed;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError(`${file} cannot be read (${why}): delete it and the table folders beside it to export the whole lake again`);
  }
}

/**
 * Exports orders, order lines, returns, return lines and events to hive-partitioned Parquet under `dir`.
 * Incremental: each partition's rows are digested in SQL and only partitions that are new, changed or missing
 * on disk are rewritten (each to a temp file, then renamed); partitions that no longer exist are removed; the
 * manifest is written last, so an interrupted export is simply redone the next time.
 */
export async function exportLake(store: Store, lakeDir: string): Promise<ExportSummary> {
  const started = performance.now();
  const dir = resolve(lakeDir);
  const previous = readManifest(dir);
  mkdirSync(dir, { recursive: true });
  const next: LakeManifest = { format: 'rebound-lake/1', exported_at: new Date().toISOString(), tables: {} };
  const summary: ExportSummary = { dir, written: 0, rowsWritten: 0, unchanged: 0, removed: 0, seconds: 0 };
  await store.withConnection(async (conn) => {
    for (const table of LAKE_TABLES) {
      next.tables[table.name] = await exportTable(conn, dir, table, previous.tables[table.name] ?? {}, summary);
    }
  });
  const tmp = join(dir, `${MANIFEST_FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n');
  renameSync(tmp, join(dir, MANIFEST_FILE));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** Exports one table: digests every partition, rewrites the changed ones, removes the vanished ones. */
async function exportTable(
  conn: DuckDBConnection,
  dir: string,
  table: LakeTable,
  before: Record<string, PartitionEntry>,
  summary: ExportSummary,
): Promise<Record<string, PartitionEntry>> {
  const staged = `lake_${table.name}`;
  await conn.run(`create or replace temp table ${staged} as ${table.source}`);
  try {
    // hash() of the whole row (as a struct), summed: equal rows give an equal digest whatever their order.
    const digests = (
      await conn.runAndReadAll(
        `select _tenant, _year, _month, count(*)::bigint, sum(hash(t))::varchar
         from ${staged} t group by all order by all`,
      )
    ).getRows();
    const after: Record<string, PartitionEntry> = {};
    for (const [tenant, year, month, rows, fingerprint] of digests) {
      const key = partitionPath(String(tenant), Number(year), Number(month));
      const file = `${table.name}/${key}/data.parquet`;
      const entry: PartitionEntry = { rows: Number(rows), fingerprint: String(fingerprint), file };
      after[key] = entry;
      const old = before[key];
      if (old && old.fingerprint === entry.fingerprint && old.rows === entry.rows && existsSync(join(dir, file))) {
        summary.unchanged += 1;
        continue;
      }
      const target = join(dir, file);
      mkdirSync(dirname(target), { recursive: true });
      await conn.run(
        `copy (select * exclude (_tenant, _year, _month) from ${staged}
               where _tenant = ${lit(String(tenant))} and _year = ${Number(year)} and _month = ${Number(month)}
               order by ${table.orderBy})
         to ${lit(`${target}.tmp`)} (format parquet)`,
      );
      renameSync(`${target}.tmp`, target);
      summary.written += 1;
      summary.rowsWritten += entry.rows;
    }
    for (const key of Object.keys(before)) {
      if (after[key]) continue;
      rmSync(join(dir, table.name, key), { recursive: true, force: true });
      summary.removed += 1;
    }
    return after;
  } finally {
    await conn.run(`drop table if exists ${staged}`);
  }
}
