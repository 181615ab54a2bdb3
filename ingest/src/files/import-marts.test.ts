import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openEngine, type Engine } from '@rebound/engine';
import { importFile } from './import-file';

const fixtures = resolve(__dirname, 'fixtures');
let dir: string;
let engine: Engine;
let tenantId: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rebound-import-marts-'));
  engine = await openEngine({ dataDir: dir });
  tenantId = (await engine.tenants.createTenant({ name: 'Importer', currency: 'EUR' })).tenant.id;
});
afterEach(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

// Everything the marts answer, and the facts themselves row by row.
async function snapshot() {
  const k = engine.kpis;
  const facts = await Promise.all(['fct_order_lines', 'fct_return_lines'].map((t) => engine.store.query(`select * from ${t} order by all`)));
  const answers = await Promise.all([
    k.kpis(tenantId),
    k.kpis(tenantId, { from: '2026-05-01', to: '2026-05-15' }),
    k.kpis(tenantId, { category: 'apparel' }),
    k.kpisByPeriod(tenantId, 'week'),
    k.kpisByDimension(tenantId, 'sku'),
    k.kpisByDimension(tenantId, 'disposition'),
    k.products(tenantId),
    k.finance(tenantId, 'month'),
    k.dispositionFlows(tenantId),
  ]);
  return { facts, answers };
}

it('refreshes the marts incrementally after an import, to the same facts and answers as a full rebuild', async () => {
  await importFile(engine, { kind: 'orders', file: join(fixtures, 'orders.csv'), tenantId });
  await importFile(engine, { kind: 'returns', file: join(fixtures, 'returns.csv'), tenantId });

  // A later pair of files: new orders, a corrected price on a stored order line with a return (S-3 line 2,
  // returned as Q-3, which no returns file touches again), a return of two lines of a new order, and a stored
  // return whose refund changed.
  const orders = join(dir, 'orders-2.csv');
  writeFileSync(orders, [
    'order_id,line_id,ordered_at,customer_id,sku,category,quantity,unit_price,currency,channel,weight_kg',
    'S-5,1,2026-05-20T09:00:00Z,K-5,JEANS-32,apparel,1,80.00,EUR,web,0.8',
    'S-5,2,2026-05-20T09:00:00Z,K-5,BELT,apparel,2,25.00,EUR,web,',
    'S-6,1,2026-05-04T15:30:00Z,K-2,CABLE,electronics,1,9.00,EUR,app,0.1',
    'S-3,2,2026-05-10T11:00:00Z,K-3,BOOT-41,footwear,1,120.00,EUR,web,1.4',
  ].join('\n'));
  const returns = join(dir, 'returns-2.csv');
  writeFileSync(returns, [
    'return_id,order_id,sku,quantity,requested_at,reason_code,received_at,disposition,restocked_at,resolution,refund_amount,refunded_at,shipping_cost',
    'N-1,S-5,JEANS-32,1,2026-05-25T10:00:00Z,size_too_small,2026-05-28T10:00:00Z,restock,2026-05-29T10:00:00Z,refund,80.00,2026-05-28T12:00:00Z,4.00',
    'N-1,S-5,BELT,1,2026-05-25T10:00:00Z,style,2026-05-28T10:00:00Z,dispose,,refund,25.00,2026-05-28T12:00:00Z,',
    'Q-2,S-2,SPKR,1,2026-05-09T08:00:00Z,defective,2026-05-13T09:00:00Z,refurbish,2026-05-20T09:00:00Z,refund,79.00,2026-05-14T12:00:00Z,7.00',
  ].join('\n'));
  // The refresh an import runs, called here to see how each fact was brought up to date.
  for (const [kind, file] of [['orders', orders], ['returns', returns]] as const) {
    expect(await importFile(engine, { kind, file, tenantId, refreshKpis: false })).toMatchObject({ rejected: 0 });
  }
  const build = await engine.kpis.refresh();
  expect(build.models.filter((m) => m.name.startsWith('fct_')).map((m) => [m.name, m.mode])).toEqual([
    ['fct_order_lines', 'incremental'],
    ['fct_return_lines', 'incremental'],
  ]);
  expect(build.failures).toEqual([]);

  const incremental = await snapshot();
  expect(incremental.facts[1].filter((r) => r.return_id === 'N-1')).toHaveLength(2);
  // The corrected price reached both facts without a full rebuild.
  const price = (rows: Record<string, unknown>[], pick: (r: Record<string, unknown>) => boolean) => rows.filter(pick).map((r) => Number(r.unit_price ?? r.line_value));
  expect(price(incremental.facts[0], (r) => r.order_id === 'S-3' && r.sku === 'BOOT-41')).toEqual([120]);
  expect(price(incremental.facts[1], (r) => r.return_id === 'Q-3')).toEqual([120]);
  await engine.kpis.refresh({ fullRefresh: true, runTests: false });
  expect(await snapshot()).toEqual(incremental);
});
