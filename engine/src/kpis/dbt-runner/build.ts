import type { DuckDBConnection } from '@duckdb/node-api';
import type { DbtModel, DbtProject } from './project';
import { relation, renderModel } from './render';
import { checkDataTests, runDataTests, type TestFailure } from './data-tests';
import { applyIncrement } from './incremental';

/** What a build did. */
export interface BuildResult {
  models: { name: string; materialized: string; mode: 'view' | 'table' | 'full' | 'incremental'; seconds: number }[];
  seeds: string[];
  failures: TestFailure[];
  tests: number;
}

// An incremental model may read other models in its incremental branch (is_incremental()) than in its full one.
function refsOf(project: DbtProject, model: DbtModel): string[] {
  const full = renderModel(project, model);
  const all = full.materialized === 'incremental' ? [...full.refs, ...renderModel(project, model, { incremental: true }).refs] : full.refs;
  return [...new Set(all)].filter((r) => project.models.some((x) => x.name === r));
}

/** Orders models so each comes after the models and seeds it refs (Kahn's algorithm); refuses cycles. */
export function buildOrder(project: DbtProject): DbtModel[] {
  const refs = new Map(project.models.map((m) => [m.name, refsOf(project, m)]));
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

/** Builds one model by its materialization: a view, a table, or an incremental table brought up to date. */
async function buildModel(conn: DuckDBConnection, project: DbtProject, model: DbtModel, opts: { fullRefresh?: boolean }): Promise<BuildResult['models'][number]> {
  const started = performance.now();
  const target = relation(model.name);
  const probe = renderModel(project, model);
  let mode: BuildResult['models'][number]['mode'];
  if (probe.materialized === 'view') {
    await conn.run(`create or replace view ${target} as ${probe.sql}`);
    mode = 'view';
  } else if (probe.materialized === 'incremental' && !opts.fullRefresh && (await exists(conn, model.name))) {
    mode = await applyIncrement(conn, project, model, probe);
  } else {
    await conn.run(`create or replace table ${target} as ${probe.sql}`);
    mode = probe.materialized === 'incremental' ? 'full' : 'table';
  }
  return { name: model.name, materialized: probe.materialized, mode, seconds: (performance.now() - started) / 1000 };
}

/**
 * Builds the project into the store: seeds, then every model in ref order (views, tables, incremental tables
 * brought up to date by their incremental_strategy), then the yml data tests.
 */
export async function buildProject(
  conn: DuckDBConnection,
  project: DbtProject,
  opts: { fullRefresh?: boolean; runTests?: boolean } = {},
): Promise<BuildResult> {
  const result: BuildResult = { models: [], seeds: [], failures: [], tests: 0 };
  // Render every model (and find any cycle or unknown data test) before writing anything, seeds included: a project
  // that cannot render leaves the store as it was.
  const order = buildOrder(project);
  checkDataTests(project);
  // Seeds and models in one transaction: a model failing at run time (or a crash) leaves every mart as the last
  // build made it, never some rebuilt and the rest stale.
  await conn.run('begin transaction');
  try {
    for (const seed of project.seeds) {
      await conn.run(`create or replace table ${relation(seed.name)} as select * from read_csv('${seed.path.replace(/'/g, "''")}', header = true)`);
      result.seeds.push(seed.name);
    }
    for (const model of order) result.models.push(await buildModel(conn, project, model, opts));
    await conn.run('commit');
  } catch (error) {
    await conn.run('rollback').catch(() => undefined);
    throw error;
  }
  if (opts.runTests !== false) {
    const tests = await runDataTests(conn, project);
    result.failures = tests.failures;
    result.tests = tests.count;
  }
  return result;
}
