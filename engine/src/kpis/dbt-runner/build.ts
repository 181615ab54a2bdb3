import type { DuckDBConnection } from '@duckdb/node-api';
import type { DbtModel, DbtProject } from './project';
import { relation, renderModel } from './render';
import { runDataTests, type TestFailure } from './data-tests';

/** What a build did. */
export interface BuildResult {
  models: { name: string; materialized: string; mode: 'view' | 'table' | 'full' | 'incremental'; seconds: number }[];
  seeds: string[];
  failures: TestFailure[];
  tests: number;
}

/** Orders models so each comes after the models and seeds it refs (Kahn's algorithm); refuses cycles. */
export function buildOrder(project: DbtProject): DbtModel[] {
  const refs = new Map(project.models.map((m) => [m.name, renderModel(project, m).refs.filter((r) => project.models.some((x) => x.name === r))]));
  const done = new Set<string>();
  const order: DbtModel[] = [];
  while (order.length < project.models.length) {
    const ready = project.models.filter((m) => !done.has(m.name) && refs.get(m.name)!.every((r) => done.has(r)));
    if (!ready.length) {
      const stuck = project.models.filter((m) => !done.has(m.name)).map((m) => m.name);
      throw new Error(`the models ${stuck.join(', ')} ref each other in a cycle`);
    }
    for (const m of ready.sort((a, b) => a.name.localeCompare(b.name))) {
      done.add(m.name);
      order.push(m);
    }
  }
  return order;
}

async function exists(conn: DuckDBConnection, name: string): Promise<boolean> {
  const r = await conn.runAndReadAll(`select count(*) from information_schema.tables where table_schema = 'main' and table_name = $1`, [name]);
  return Number(r.getRows()[0][0]) > 0;
}

async function columnsOf(conn: DuckDBConnection, name: string): Promise<string> {
  const r = await conn.runAndReadAll(`select string_agg(column_name || ' ' || data_type, ',' order by column_name) from information_schema.columns where table_name = $1`, [name]);
  return String(r.getRows()[0][0]);
}

async function sameColumns(conn: DuckDBConnection, a: string, b: string): Promise<boolean> {
  return (await columnsOf(conn, a)) === (await columnsOf(conn, b));
}

/**
 * Builds the project into the store: seeds, then every model in ref order (views, tables, incremental tables
 * merged on their unique_key), then the yml data tests. `select` limits the models built (all by default).
 */
export async function buildProject(
  conn: DuckDBConnection,
  project: DbtProject,
  opts: { fullRefresh?: boolean; runTests?: boolean } = {},
): Promise<BuildResult> {
  const result: BuildResult = { models: [], seeds: [], failures: [], tests: 0 };
  for (const seed of project.seeds) {
    await conn.run(`create or replace table ${relation(seed.name)} as select * from read_csv('${seed.path.replace(/'/g, "''")}', header = true)`);
    result.seeds.push(seed.name);
  }
  for (const model of buildOrder(project)) {
    const started = performance.now();
    const target = relation(model.name);
    const probe = renderModel(project, model);
    let mode: BuildResult['models'][number]['mode'];
    if (probe.materialized === 'view') {
      await conn.run(`create or replace view ${target} as ${probe.sql}`);
      mode = 'view';
    } else if (probe.materialized === 'incremental' && !opts.fullRefresh && (await exists(conn, model.name))) {
      if (!probe.uniqueKey) throw new Error(`incremental model ${model.name} needs config(unique_key=...)`);
      // The stored maximum of the watermark column, read first and passed as a constant (see macros/incremental.sql).
      let vars: Record<string, unknown> | undefined;
      if (probe.watermark) {
        const r = await conn.runAndReadAll(`select max("${probe.watermark.replace(/"/g, '""')}")::varchar from ${target}`);
        const stored = r.getRows()[0][0];
        if (stored !== null) vars = { rebound_watermark: String(stored) };
      }
      const { sql } = renderModel(project, model, { incremental: true, vars });
      const key = `"${probe.uniqueKey}"`;
      await conn.run(`create or replace temp table __rebound_increment as ${sql}`);
      if (await sameColumns(conn, model.name, '__rebound_increment')) {
        await conn.run(`delete from ${target} where ${key} in (select ${key} from __rebound_increment)`);
        await conn.run(`insert into ${target} by name select * from __rebound_increment`);
        mode = 'incremental';
      } else {
        // The model's columns changed (a new release of the project): rebuild it whole rather than fail the merge.
        await conn.run(`create or replace table ${target} as ${probe.sql}`);
        mode = 'full';
      }
      await conn.run('drop table __rebound_increment');
    } else {
      await conn.run(`create or replace table ${target} as ${probe.sql}`);
      mode = probe.materialized === 'incremental' ? 'full' : 'table';
    }
    result.models.push({ name: model.name, materialized: probe.materialized, mode, seconds: (performance.now() - started) / 1000 });
  }
  if (opts.runTests !== false) {
    const tests = await runDataTests(conn, project);
    result.failures = tests.failures;
    result.tests = tests.count;
  }
  return result;
}
