import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Kysely } from 'kysely';
import { StoreBusyError } from '../shared/errors';
import { ConnectionLock } from './connection-lock';
import type { Database } from './database';
import { DuckDBDialect, fromDuckRow, toDuckParam } from './dialect';
import { migrateToLatest } from './migrate';

/** One open data directory: the DuckDB file, its single connection, and Kysely over it. */
export interface Store {
  dataDir: string;
  db: Kysely<Database>;
  /** Runs raw SQL work (bulk loads, KPI queries) on the store's connection, holding its lock. */
  withConnection<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T>;
  /** Runs one SQL statement and returns its rows as plain objects (BIGINT as number). */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The DuckDB file inside a data directory. */
export function databaseFile(dataDir: string): string {
  return join(resolve(dataDir), 'rebound.duckdb');
}

/** Opens (creating if needed) the store of a data directory and brings its schema up to date. */
export async function openStore(dataDir: string): Promise<Store> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(databaseFile(dir), {
      // Extensions we use (parquet, json, icu) are built in; never download any at run time.
      autoinstall_known_extensions: 'false',
      extension_directory: join(dir, '.extensions'),
    });
  } catch (error) {
    throw storeOpenError(dir, error);
  }
  const conn = await instance.connect();
  await conn.run("set TimeZone = 'UTC'");
  // DuckDB (1.5.6) plans from a table's statistics at prepare time, and the dialect reuses prepared statements:
  // a plan kept after the table changed then answered from statistics that no longer hold. Compressed
  // materialization returned truncated text (an ORDER BY first prepared on an empty table); statistics
  // propagation kept a count, a max, an `is null` or a constant filter at what the data was when prepared.
  // Without the two, reused plans read the data as it is now (db/stale-plan.test.ts).
  await conn.run("set disabled_optimizers = 'compressed_materialization,statistics_propagation'");
  const lock = new ConnectionLock();
  const db = new Kysely<Database>({ dialect: new DuckDBDialect(conn, lock) });
  await migrateToLatest(db);

  const withConnection = async <T>(work: (c: DuckDBConnection) => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await work(conn);
    } finally {
      release();
    }
  };
  let closed = false;
  return {
    dataDir: dir,
    db,
    withConnection,
    query: <T>(sqlText: string, params?: unknown[]) =>
      withConnection(async (c) => {
        const reader = await c.runAndReadAll(sqlText, params?.length ? (params.map(toDuckParam) as never) : undefined);
        return reader.getRowObjectsJS().map((r) => fromDuckRow(r as Record<string, unknown>)) as T[];
      }),
    async close() {
      if (closed) return;
      closed = true;
      await withConnection(async (c) => {
        await c.run('checkpoint').catch(() => undefined);
        c.closeSync();
      });
      instance.closeSync();
    },
  };
}

/** Explains why a data directory could not be opened, in words a user can act on. */
function storeOpenError(dir: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const pid = /PID (\d+)/.exec(message)?.[1];
  if (/lock/i.test(message)) return new StoreBusyError(dir, pid ? Number(pid) : undefined);
  return new Error(`cannot open the Rebound store in ${dir}: ${message}`);
}
