import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProject } from './build';
import { loadProject } from './project';

// A small dbt project of one incremental model over raw tables, built into a fresh DuckDB database.
let dir: string;
let instance: DuckDBInstance;
let conn: DuckDBConnection;

function project(modelSql: string) {
  mkdirSync(join(dir, 'models', 'marts'), { recursive: true });
  writeFileSync(join(dir, 'dbt_project.yml'), 'name: shop\nvars: {}\nmodels:\n  shop:\n    marts:\n      +materialized: view\n');
  writeFileSync(join(dir, 'models', 'marts', 'order_items.sql'), modelSql);
  return loadProject(dir);
}

const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowsJson();

// Items of orders changed since the last build; an order's items come whole, so they can replace what is stored.
const itemsOfChangedOrders = (config: string) => `{{ config(materialized='incremental', ${config}) }}
select i.shop, i.order_id, i.item, i.qty, o.changed_at
from {{ source('shop', 'items') }} i join {{ source('shop', 'orders') }} o on o.shop = i.shop and o.order_id = i.order_id
{% if is_incremental() %} where o.changed_at > (select max(changed_at) from {{ this }}) {% endif %}`;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rebound-dbt-runner-'));
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(`create table orders (shop varchar, order_id varchar, changed_at int)`);
  await conn.run(`create table items (shop varchar, order_id varchar, item varchar, qty int)`);
  // Two shops use the same order id: only the pair (shop, order_id) names an order.
  await conn.run(`insert into orders values ('north', 'O-1', 1), ('south', 'O-1', 1)`);
  await conn.run(`insert into items values ('north', 'O-1', 'cap', 1), ('north', 'O-1', 'mug', 2), ('south', 'O-1', 'cap', 5)`);
});

afterEach(() => {
  conn.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

describe('incremental_strategy delete+insert', () => {
  it('replaces every stored row whose list unique_key is in the batch, and only those', async () => {
    const p = project(itemsOfChangedOrders(`unique_key=['shop', 'order_id'], incremental_strategy='delete+insert'`));
    await buildProject(conn, p, { runTests: false });
    // north's O-1 loses its mug and its cap changes; south's O-1 (same order id) is left alone.
    await conn.run(`delete from items where shop = 'north' and item = 'mug'`);
    await conn.run(`update items set qty = 3 where shop = 'north' and item = 'cap'`);
    await conn.run(`update orders set changed_at = 2 where shop = 'north'`);
    const build = await buildProject(conn, p, { runTests: false });
    expect(build.models[0].mode).toBe('incremental');
    expect(await rows('select shop, item, qty from order_items order by shop, item')).toEqual([
      ['north', 'cap', 3],
      ['south', 'cap', 5],
    ]);
  });

  it('is the default when a unique_key is given (one column)', async () => {
    const p = project(itemsOfChangedOrders(`unique_key='order_id'`));
    await buildProject(conn, p, { runTests: false });
    await conn.run(`update orders set changed_at = 2 where shop = 'north'`);
    await conn.run(`update items set qty = 4 where shop = 'north' and item = 'mug'`);
    await buildProject(conn, p, { runTests: false });
    // Keyed by order_id alone, south's O-1 goes too: the key is what the model says it is.
    expect(await rows('select shop, item, qty from order_items order by shop, item')).toEqual([
      ['north', 'cap', 1],
      ['north', 'mug', 4],
    ]);
  });

  it('deletes and inserts in one transaction: a failing insert leaves the stored rows as they were', async () => {
    const p = project(itemsOfChangedOrders(`unique_key=['shop', 'order_id'], incremental_strategy='delete+insert'`));
    await buildProject(conn, p, { runTests: false });
    await conn.run('alter table order_items alter column qty set not null');
    await conn.run(`update items set qty = null where shop = 'north' and item = 'cap'`);
    await conn.run(`update orders set changed_at = 2 where shop = 'north'`);
    await expect(buildProject(conn, p, { runTests: false })).rejects.toThrow(/NOT NULL/i);
    expect(await rows('select shop, item, qty from order_items order by shop, item')).toEqual([
      ['north', 'cap', 1],
      ['north', 'mug', 2],
      ['south', 'cap', 5],
    ]);
    // Nothing is left open: once the data is fixed, the next build applies the batch.
    await conn.run(`update items set qty = 7 where shop = 'north' and item = 'cap'`);
    await buildProject(conn, p, { runTests: false });
    expect(await rows(`select item, qty from order_items where shop = 'north' order by item`)).toEqual([
      ['cap', 7],
      ['mug', 2],
    ]);
  });

  it('refuses delete+insert without a unique_key', async () => {
    const p = project(itemsOfChangedOrders(`incremental_strategy='delete+insert'`));
    await buildProject(conn, p, { runTests: false });
    await expect(buildProject(conn, p, { runTests: false })).rejects.toThrow('order_items uses delete+insert and needs config(unique_key=...)');
  });

  it('refuses a unique_key that is not a column name or a list of them, and stores nothing', async () => {
    for (const key of ['[]', "['shop', '']", '3']) {
      const p = project(itemsOfChangedOrders(`unique_key=${key}`));
      await expect(buildProject(conn, p, { runTests: false })).rejects.toThrow('order_items: unique_key must be a column name or a list of column names');
    }
    expect(await rows(`select count(*) from information_schema.tables where table_name = 'order_items'`)).toEqual([['0']]);
  });
});

describe('incremental_strategy append', () => {
  it('only inserts the batch: stored rows stay, even when their source rows changed', async () => {
    const p = project(itemsOfChangedOrders(`incremental_strategy='append'`));
    await buildProject(conn, p, { runTests: false });
    await conn.run(`insert into orders values ('north', 'O-2', 2)`);
    await conn.run(`insert into items values ('north', 'O-2', 'hat', 1)`);
    await conn.run(`delete from items where shop = 'south'`);
    const build = await buildProject(conn, p, { runTests: false });
    expect(build.models[0].mode).toBe('incremental');
    expect(await rows('select shop, order_id, item from order_items order by all')).toEqual([
      ['north', 'O-1', 'cap'],
      ['north', 'O-1', 'mug'],
      ['north', 'O-2', 'hat'],
      ['south', 'O-1', 'cap'],
    ]);
  });

  it('refuses a strategy it does not know, naming the ones it does', async () => {
    const p = project(itemsOfChangedOrders(`incremental_strategy='merge'`));
    await expect(buildProject(conn, p, { runTests: false })).rejects.toThrow("order_items: incremental_strategy 'merge' is not one of delete+insert, append");
  });
});
