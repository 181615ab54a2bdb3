import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildOrder, buildProject } from './build';
import { loadProject } from './project';

// A tiny throwaway dbt project: one seed and a table model over it, built once before each refusal is tried.
let dir: string;
let instance: DuckDBInstance;
let conn: DuckDBConnection;

function write(path: string, text: string) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowsJson();

/** What the first, good build stored: the seed and the model over it. */
async function stored() {
  return { seed: await rows('select sku, factor from sku_factors order by sku'), model: await rows('select sku, weighted from sku_weights order by sku') };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rebound-dbt-refusals-'));
  write('dbt_project.yml', 'name: shop\nvars:\n  weight: 2\nmodels:\n  shop:\n    marts:\n      +materialized: table\n');
  write('seeds/sku_factors.csv', 'sku,factor\nCAP,1\nMUG,3\n');
  write('models/marts/sku_weights.sql', "select sku, factor * {{ var('weight') }} as weighted from {{ ref('sku_factors') }}");
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await buildProject(conn, loadProject(dir), { runTests: false });
});

afterEach(() => {
  conn.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const firstBuild = { seed: [['CAP', '1'], ['MUG', '3']], model: [['CAP', '2'], ['MUG', '6']] };

/** Changes the good model and the seed, so that a build which went ahead would show in what is stored. */
function changeGoodParts() {
  write('seeds/sku_factors.csv', 'sku,factor\nCAP,10\n');
  write('models/marts/sku_weights.sql', "select sku, factor * {{ var('weight') }} * 100 as weighted from {{ ref('sku_factors') }}");
}

describe('the dbt runner refuses a broken project before building anything', () => {
  it('refuses models that ref each other in a cycle, naming them', async () => {
    changeGoodParts();
    write('models/marts/chicken.sql', "select * from {{ ref('egg') }}");
    write('models/marts/egg.sql', "select * from {{ ref('chicken') }}");
    const project = loadProject(dir);
    expect(() => buildOrder(project)).toThrow('the models chicken, egg ref each other in a cycle');
    await expect(buildProject(conn, project)).rejects.toThrow('the models chicken, egg ref each other in a cycle');
    expect(await stored()).toEqual(firstBuild);
    expect(await rows("select count(*) from information_schema.tables where table_name in ('chicken', 'egg')")).toEqual([['0']]);
  });

  it('refuses a ref to something that is neither a model nor a seed', async () => {
    changeGoodParts();
    write('models/marts/sku_totals.sql', "select * from {{ ref('sku_factor') }}");
    await expect(buildProject(conn, loadProject(dir))).rejects.toThrow(/model sku_totals refs 'sku_factor', which is neither a model nor a seed of the project/);
    expect(await stored()).toEqual(firstBuild);
  });

  it('refuses a var that is not set in dbt_project.yml and has no default', async () => {
    changeGoodParts();
    write('models/marts/sku_totals.sql', "select sku, factor * {{ var('wieght') }} as weighted from {{ ref('sku_factors') }}");
    await expect(buildProject(conn, loadProject(dir))).rejects.toThrow(/model sku_totals uses var 'wieght', which is not set/);
    expect(await stored()).toEqual(firstBuild);
  });

  it('refuses a model whose Jinja does not compile, naming the model and its file', async () => {
    changeGoodParts();
    write('models/marts/sku_totals.sql', "select * from {{ ref('sku_factors') }} {% if is_incremental() %} where true");
    const path = join(dir, 'models', 'marts', 'sku_totals.sql');
    const refusal = buildProject(conn, loadProject(dir));
    await expect(refusal).rejects.toThrow(`cannot render model sku_totals (${path}): `);
    await expect(refusal).rejects.toThrow(/expected elif, else, or endif/);
    expect(await stored()).toEqual(firstBuild);
  });

  it('refuses a model whose Jinja fails while rendering, naming the model and its file', async () => {
    changeGoodParts();
    write('models/marts/sku_totals.sql', "select * from {{ ref('sku_factors') }} where sku = '{{ dbt_utils.star() }}'");
    const path = join(dir, 'models', 'marts', 'sku_totals.sql');
    const refusal = buildProject(conn, loadProject(dir));
    await expect(refusal).rejects.toThrow(`cannot render model sku_totals (${path}): `);
    await expect(refusal).rejects.toThrow(/Unable to call `dbt_utils\["star"\]`/);
    expect(await stored()).toEqual(firstBuild);
  });
});

describe('the dbt runner refuses a data test it does not know', () => {
  it('refuses it by the model, the test and the column it is declared on, before building anything', async () => {
    changeGoodParts();
    write('models/marts/sku_weights.yml', 'models:\n  - name: sku_weights\n    columns:\n      - name: sku\n        tests: [not_nul]\n');
    await expect(buildProject(conn, loadProject(dir))).rejects.toThrow("model sku_weights: unknown test 'not_nul' on column sku");
    expect(await stored()).toEqual(firstBuild);
  });
});

describe('a build that fails while running', () => {
  it('leaves every seed and model as the last build made them, and builds once the model is mended', async () => {
    changeGoodParts();
    // Built after sku_weights (ref order), and fails only when DuckDB runs it.
    write('models/marts/sku_ratios.sql', "select sku, weighted / 0 as ratio, cast('not a number' as integer) as broken from {{ ref('sku_weights') }}");
    await expect(buildProject(conn, loadProject(dir), { runTests: false })).rejects.toThrow(/Conversion Error/);
    expect(await stored()).toEqual(firstBuild);
    expect(await rows("select count(*) from information_schema.tables where table_name = 'sku_ratios'")).toEqual([['0']]);
    write('models/marts/sku_ratios.sql', "select sku, weighted * 2 as ratio from {{ ref('sku_weights') }}");
    await buildProject(conn, loadProject(dir), { runTests: false });
    expect(await stored()).toEqual({ seed: [['CAP', '10']], model: [['CAP', '2000']] });
    expect(await rows('select sku, ratio from sku_ratios')).toEqual([['CAP', '4000']]);
  });
});
