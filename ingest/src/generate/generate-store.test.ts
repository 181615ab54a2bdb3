import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, expect, it } from 'vitest';
import { engineInTempDir } from '@rebound/engine/testing';
import { seedDemoStore } from './demo-store';
import { generateStore } from './generate-store';

const dir = mkdtempSync(join(tmpdir(), 'rebound-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


it('is the same store for the same seed, and another for another seed', async () => {
  const now = new Date('2026-11-01T00:00:00Z');
  const a = await generateStore({ orders: 400, seed: 7, outDir: join(dir, 'a'), now });
  const b = await generateStore({ orders: 400, seed: 7, outDir: join(dir, 'b'), now });
  const c = await generateStore({ orders: 400, seed: 8, outDir: join(dir, 'c'), now });
  expect(readFileSync(a.returnsFile, 'utf8')).toBe(readFileSync(b.returnsFile, 'utf8'));
  expect(readFileSync(a.returnsFile, 'utf8')).not.toBe(readFileSync(c.returnsFile, 'utf8'));
});

it('returns apparel and footwear far more often than electronics and home, and plants abuse patterns', async () => {
  const s = await generateStore({ orders: 6000, seed: 3, outDir: join(dir, 'big') });
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  const rates = Object.fromEntries(
    (
      await conn.runAndReadAll(`
        with o as (select * from read_csv('${s.ordersFile}', all_varchar = true)), r as (select * from read_csv('${s.returnsFile}', all_varchar = true))
        select o.category, count(r.return_id) / count(*) as rate from o left join r on r.order_id = o.order_id and r.sku = o.sku group by o.category`)
    ).getRows().map((row) => [String(row[0]), Number(row[1])]),
  );
  expect(rates.apparel).toBeGreaterThan(3 * rates.electronics);
  expect(rates.footwear).toBeGreaterThan(3 * rates.home);
  const patterns = (await conn.runAndReadAll(`select distinct planted_pattern from read_csv('${s.returnsFile}', all_varchar = true) where planted_pattern is not null order by 1`)).getRows().map((r) => r[0]);
  expect(patterns).toEqual(['linked_accounts', 'return_after_window', 'serial_returner', 'wardrobing']);
  conn.closeSync();
});

it('writes the same store in parts, each part complete when handed over', async () => {
  const now = new Date('2026-11-01T00:00:00Z');
  const whole = await generateStore({ orders: 1000, seed: 5, outDir: join(dir, 'whole'), now });
  const parts: string[][] = [];
  await generateStore({
    orders: 1000, seed: 5, outDir: join(dir, 'parts'), now, partOrders: 300,
    onPart: (p) => parts.push([readFileSync(p.ordersFile, 'utf8'), readFileSync(p.returnsFile, 'utf8')]),
  });
  expect(parts).toHaveLength(4);
  const body = (text: string) => text.slice(text.indexOf('\n') + 1);
  expect(parts.map((p) => body(p[0])).join('')).toBe(body(readFileSync(whole.ordersFile, 'utf8')));
  expect(parts.map((p) => body(p[1])).join('')).toBe(body(readFileSync(whole.returnsFile, 'utf8')));
});

it('seeds a store part by part: every order, line and return imported, the marts refreshed', async () => {
  const { engine, cleanup } = await engineInTempDir('rebound-gen-seed-');
  try {
    const { tenant } = await engine.tenants.createTenant({ name: 'Seeded', currency: 'USD' });
    const s = await seedDemoStore(engine, tenant.id, { orders: 900, seed: 9, partOrders: 250 });
    const files = await generateStore({ orders: 900, seed: 9, outDir: join(dir, 'seed'), currency: 'USD' });
    expect(s).toEqual({ orders: 900, returns: files.returns });
    const [n] = await engine.store.query<{ o: number; l: number; r: number }>(
      'select (select count(*) from orders) as o, (select count(*) from order_lines) as l, (select count(*) from returns) as r',
    );
    expect(n).toEqual({ o: 900, l: files.orderLines, r: files.returns });
    // Every generated return has one line, and the marts already hold them all.
    expect((await engine.store.query<{ n: number }>('select count(*) as n from fct_return_lines'))[0].n).toBe(files.returns);
  } finally {
    await cleanup();
  }
});
