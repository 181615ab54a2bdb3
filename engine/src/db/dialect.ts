/**
 * Kysely over @duckdb/node-api. Written here rather than taken from kysely-duckdb because we need one
 * serialized connection per store (DuckDB has one writer per file, and a transaction must own its
 * connection) and a say in how DuckDB values come back (BIGINT counts as numbers, DECIMAL money as numbers).
 * SQL generation reuses Kysely's Postgres compiler: DuckDB speaks that dialect, `$n` parameters included.
 */
import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { ConnectionLock } from './connection-lock';

/** DuckDB has no advisory locks; one process owns the file, so the migration lock is a no-op. */
class DuckDBAdapter extends PostgresAdapter {
  override async acquireMigrationLock(): Promise<void> {}
  override async releaseMigrationLock(): Promise<void> {}
}

/** Converts a bound JS value into something node-api can bind without an explicit type. */
export function toDuckParam(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return JSON.stringify(value);
  if (value === undefined) return null;
  return value;
}

/** Turns BIGINT results into numbers when they fit (counts, sums), leaves huge ones as strings. */
export function fromDuckValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  return value;
}

/** Maps a row object's values through `fromDuckValue`. */
export function fromDuckRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(row)) out[key] = fromDuckValue(row[key]);
  return out;
}

const CACHED_KINDS = new Set(['SelectQueryNode', 'InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode']);
const MAX_PREPARED = 256;

class DuckDBKyselyConnection implements DatabaseConnection {
  // DuckDB spends much of a small query's time parsing and planning; the query builder produces the same
  // SQL text for the same query shape, so prepared statements are kept per text (bounded, oldest evicted).
  private readonly prepared = new Map<string, DuckDBPreparedStatement>();

  constructor(private readonly conn: DuckDBConnection) {}

  private async statementFor(sqlText: string): Promise<DuckDBPreparedStatement> {
    let statement = this.prepared.get(sqlText);
    if (!statement) {
      statement = await this.conn.prepare(sqlText);
      if (this.prepared.size >= MAX_PREPARED) {
        const oldest = this.prepared.keys().next().value as string;
        this.prepared.get(oldest)?.destroySync();
        this.prepared.delete(oldest);
      }
      this.prepared.set(sqlText, statement);
    }
    return statement;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const params = compiled.parameters.map(toDuckParam) as never[];
    let reader;
    if (CACHED_KINDS.has(compiled.query.kind)) {
      const statement = await this.statementFor(compiled.sql);
      statement.clearBindings();
      if (params.length) statement.bind(params);
      reader = await statement.runAndReadAll();
    } else {
      reader = await this.conn.runAndReadAll(compiled.sql, params.length ? params : undefined);
    }
    const rows = reader.getRowObjectsJS().map((r) => fromDuckRow(r as Record<string, unknown>)) as R[];
    const kind = compiled.query.kind;
    const isWrite = kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode';
    if (isWrite && !/\breturning\b/i.test(compiled.sql)) {
      // Without RETURNING DuckDB answers with one row holding the affected count.
      const count = rows[0] ? Number(Object.values(rows[0] as object)[0] ?? 0) : 0;
      return { rows: [], numAffectedRows: BigInt(count) };
    }
    return { rows };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    yield await this.executeQuery<R>(compiled);
  }
}

class DuckDBDriver implements Driver {
  private readonly connection: DuckDBKyselyConnection;
  private releases: Array<() => void> = [];

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly lock: ConnectionLock,
  ) {
    this.connection = new DuckDBKyselyConnection(conn);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    this.releases.push(await this.lock.acquire());
    return this.connection;
  }

  async beginTransaction(): Promise<void> {
    await this.conn.run('begin transaction');
  }

  async commitTransaction(): Promise<void> {
    await this.conn.run('commit');
  }

  async rollbackTransaction(): Promise<void> {
    await this.conn.run('rollback');
  }

  async releaseConnection(): Promise<void> {
    this.releases.shift()?.();
  }

  async destroy(): Promise<void> {}
}

/** A Kysely dialect whose every query runs on one DuckDB connection, one at a time. */
export class DuckDBDialect implements Dialect {
  constructor(
    private readonly conn: DuckDBConnection,
    private readonly lock: ConnectionLock,
  ) {}
  createAdapter() {
    return new DuckDBAdapter();
  }
  createDriver(): Driver {
    return new DuckDBDriver(this.conn, this.lock);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
