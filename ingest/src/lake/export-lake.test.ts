import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InvalidInputError, type Engine } from '@rebound/engine';
import { engineInTempDir } from '../../../engine/src/testing/temp-store';
import { seedDemoStore } from '../generate/demo-store';
import { exportLake, MANIFEST_FILE, readManifest, type LakeManifest } from './export-lake';
import { LAKE_TABLES } from './lake-tables';

let engine: Engine;
let dataDir: string;
let cleanup: () => Promise<void>;
let tenantId: string;

beforeAll(async () => {
  ({ engine, dataDir, cleanup } = await engineInTempDir('rebound-lake-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Lake Outfitters', currency: 'EUR' })).tenant.id;
  await seedDemoStore(engine, tenantId, { orders: 600, seed: 7 });
});
afterAll(async () => cleanup());

let lakeCounter = 0;
const newLake = () => join(dataDir, `lake-${++lakeCounter}`);

/** All Parquet files under a folder, relative to it. */
function parquetFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.parquet'))
    .sort();
}

/** One value as both readers can agree on: instants as ISO text, numbers to a fixed precision, JSON as text. */
function normalize(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Math.round(value * 1e6) / 1e6;
  if (typeof value === 'string' && /^[{[]/.test(value)) return JSON.stringify(JSON.parse(value));
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}
const byJson = (rows: Record<string, unknown>[]) =>
  rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, normalize(v)])))).sort();

describe('the Parquet lake', () => {
  it('writes every table hive-partitioned by tenant, year and month, and DuckDB reads back exactly the source', async () => {
    const lake = newLake();
    const summary = await exportLake(engine.store, lake);
    expect(summary.written).toBeGreaterThan(10);
    expect(summary.unchanged).toBe(0);
    for (const table of LAKE_TABLES) {
      const files = parquetFiles(join(lake, table.name));
      expect(files.length, table.name).toBeGreaterThan(0);
      for (const f of files) expect(f).toMatch(new RegExp(`^tenant=${tenantId}/year=\\d{4}/month=\\d{1,2}/data\\.parquet$`));
      const glob = join(lake, table.name, '**', '*.parquet');
      // Both directions of EXCEPT ALL are empty: the same rows, each as often, and the partition columns agree.
      const [diff] = await engine.store.query<{ missing: number; extra: number; rows: number }>(
        `with lake as (select * from read_parquet('${glob}', hive_partitioning = true)),
              src as (${table.source})
         select (select count(*) from (select * exclude (_tenant, _year, _month) from src except all select * exclude (tenant, year, month) from lake)) as missing,
                (select count(*) from (select * exclude (tenant, year, month) from lake except all select * exclude (_tenant, _year, _month) from src)) as extra,
                (select count(*) from lake) as rows`,
      );
      expect(diff, table.name).toMatchObject({ missing: 0, extra: 0 });
      expect(diff.rows, table.name).toBeGreaterThan(0);
      const [placed] = await engine.store.query<{ wrong: number }>(
        `select count(*) as wrong from read_parquet('${glob}', hive_partitioning = true) l
         where l.tenant <> l.tenant_id`,
      );
      expect(placed.wrong, table.name).toBe(0);
    }
    const manifest = JSON.parse(readFileSync(join(lake, MANIFEST_FILE), 'utf8')) as LakeManifest;
    const recorded = Object.values(manifest.tables).reduce((sum, t) => sum + Object.values(t).reduce((s, p) => s + p.rows, 0), 0);
    expect(recorded).toBe(summary.rowsWritten);
  });

  it('puts each row in the month of its date (orders by order date, returns by request date)', async () => {
    const lake = newLake();
    await exportLake(engine.store, lake);
    const [wrong] = await engine.store.query<{ orders: number; returns: number }>(
      `select (select count(*) from read_parquet('${join(lake, 'orders', '**', '*.parquet')}', hive_partitioning = true)
                where year(ordered_at) <> year or month(ordered_at) <> month) as orders,
              (select count(*) from read_parquet('${join(lake, 'returns', '**', '*.parquet')}', hive_partitioning = true)
                where year(requested_at) <> year or month(requested_at) <> month) as returns`,
    );
    expect(wrong).toEqual({ orders: 0, returns: 0 });
  });

  it('is read back identically by an independent reader (hyparquet)', async () => {
    const lake = newLake();
    await exportLake(engine.store, lake);
    for (const table of LAKE_TABLES) {
      const rows: Record<string, unknown>[] = [];
      for (const f of parquetFiles(join(lake, table.name))) {
        const tenant = decodeURIComponent(f.split('/')[0].slice('tenant='.length));
        const read = await parquetReadObjects({ file: await asyncBufferFromFile(join(lake, table.name, f)), compressors });
        for (const row of read) {
          expect(row.tenant_id).toBe(tenant);
          rows.push(row);
        }
      }
      const source = await engine.store.query(`select * from ${table.name}`);
      expect(rows.length, table.name).toBe(source.length);
      expect(byJson(rows), table.name).toEqual(byJson(source));
    }
  });

  it('rewrites only new or changed partitions, restores a deleted file and removes vanished partitions', async () => {
    const lake = newLake();
    const first = await exportLake(engine.store, lake);
    const again = await exportLake(engine.store, lake);
    expect(again).toMatchObject({ written: 0, rowsWritten: 0, removed: 0, unchanged: first.written });

    const before = readManifest(lake);
    const mtimes = new Map(parquetFiles(lake).map((f) => [f, statSync(join(lake, f)).mtimeMs]));

    // One return changes: only the returns partition of its request month is rewritten.
    const [changed] = await engine.store.query<{ id: string; y: number; m: number }>(
      `select id, year(requested_at) as y, month(requested_at) as m from returns order by id limit 1`,
    );
    await engine.store.query(`update returns set status = 'closed', closed_at = now() where id = ?`, [changed.id]);
    // A new order in a month the lake has never seen: two new partitions (orders, order lines).
    await engine.orders.createOrder(tenantId, {
      order_id: 'LAKE-1', ordered_at: '2019-03-05T10:00:00Z', currency: 'EUR', channel: 'web',
      customer: { id: 'C-LAKE' }, lines: [{ sku: 'LAKE-SKU', category: 'home', quantity: 1, unit_price: 10 }],
    });
    const third = await exportLake(engine.store, lake);
    const after = readManifest(lake);
    const returnsKey = `tenant=${tenantId}/year=${changed.y}/month=${changed.m}`;
    const oldKey = `tenant=${tenantId}/year=2019/month=3`;
    expect(after.tables.returns[returnsKey].fingerprint).not.toBe(before.tables.returns[returnsKey].fingerprint);
    expect(after.tables.orders[oldKey]).toMatchObject({ rows: 1 });
    expect(after.tables.order_lines[oldKey]).toMatchObject({ rows: 1 });
    // Creating an order may log an event: its partition counts as changed too.
    const changedEvents = Object.keys(after.tables.events).filter((k) => after.tables.events[k].fingerprint !== before.tables.events[k]?.fingerprint);
    expect(third.written).toBe(3 + changedEvents.length);

    // Files of untouched partitions keep their modification time: they were not rewritten.
    const rewritten = parquetFiles(lake).filter((f) => mtimes.has(f) && statSync(join(lake, f)).mtimeMs !== mtimes.get(f));
    expect(rewritten.filter((f) => !f.startsWith('events/'))).toEqual([`returns/${returnsKey}/data.parquet`]);
    const [{ status }] = await engine.store.query<{ status: string }>(
      `select status from read_parquet('${join(lake, 'returns', returnsKey, 'data.parquet')}') where id = ?`, [changed.id],
    );
    expect(status).toBe('closed');

    // A partition file deleted by hand is written again; a partition whose rows are gone is removed.
    const deleted = join(lake, 'returns', returnsKey, 'data.parquet');
    rmSync(deleted);
    await engine.store.query(`delete from order_lines where order_id = 'LAKE-1'`);
    await engine.store.query(`delete from orders where id = 'LAKE-1'`);
    const fourth = await exportLake(engine.store, lake);
    expect(fourth).toMatchObject({ written: 1, removed: 2 });
    expect(existsSync(deleted)).toBe(true);
    expect(existsSync(join(lake, 'orders', oldKey))).toBe(false);
    expect(readManifest(lake).tables.orders[oldKey]).toBeUndefined();
    expect(parquetFiles(join(lake, 'orders')).length).toBe(Object.keys(readManifest(lake).tables.orders).length);
  });

  it('refuses a directory that is not a lake, a file, and an unreadable manifest, and writes nothing', async () => {
    const notLake = newLake();
    mkdirSync(notLake);
    writeFileSync(join(notLake, 'holiday-photos.txt'), 'mine');
    await expect(exportLake(engine.store, notLake)).rejects.toThrow(InvalidInputError);
    await expect(exportLake(engine.store, notLake)).rejects.toThrow(/not empty and has no _manifest\.json/);
    expect(readdirSync(notLake)).toEqual(['holiday-photos.txt']);

    const file = join(dataDir, 'a-file.parquet');
    writeFileSync(file, 'x');
    await expect(exportLake(engine.store, file)).rejects.toThrow(/is a file, not a directory/);

    const broken = newLake();
    mkdirSync(broken);
    writeFileSync(join(broken, MANIFEST_FILE), '{ half a manif');
    await expect(exportLake(engine.store, broken)).rejects.toThrow(/_manifest\.json cannot be read/);
    expect(readdirSync(broken)).toEqual([MANIFEST_FILE]);
  });

  it('refuses a manifest that is JSON but not ours, saying how to start over, and writes nothing', async () => {
    const manifests = [
      JSON.stringify({ format: 'delta-lake/2', tables: {} }),
      JSON.stringify({ format: 'rebound-lake/1', exported_at: '', tables: null }),
      JSON.stringify({ format: 'rebound-lake/1', exported_at: '' }),
    ];
    for (const manifest of manifests) {
      const foreign = newLake();
      mkdirSync(join(foreign, 'orders'), { recursive: true });
      writeFileSync(join(foreign, MANIFEST_FILE), manifest);
      const refusal = exportLake(engine.store, foreign);
      await expect(refusal).rejects.toThrow(InvalidInputError);
      await expect(refusal).rejects.toThrow(
        `${join(foreign, MANIFEST_FILE)} cannot be read (unknown format): delete it and the table folders beside it to export the whole lake again`,
      );
      expect(readdirSync(foreign, { recursive: true }).sort()).toEqual([MANIFEST_FILE, 'orders']);
      expect(readFileSync(join(foreign, MANIFEST_FILE), 'utf8')).toBe(manifest);
    }
  });
});
