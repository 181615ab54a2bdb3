import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '@rebound/engine';
import { importFile } from './import-file';

let dir: string;
let engine: Engine;
let tenantId: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rebound-split-import-'));
  engine = await openEngine({ dataDir: dir });
  tenantId = (await engine.tenants.createTenant({ name: 'Split importer', currency: 'EUR' })).tenant.id;
  // One scarf bought at full price and one as a gift, on two lines of one order.
  const orders = join(dir, 'orders.csv');
  writeFileSync(
    orders,
    'order_id,line_id,ordered_at,customer_id,sku,category,quantity,unit_price\n' +
      'O-1,L1,2026-03-01T10:00:00Z,C-1,SCARF,apparel,1,50\n' +
      'O-1,L2,2026-03-01T10:00:00Z,C-1,SCARF,apparel,1,0\n',
  );
  await importFile(engine, { kind: 'orders', file: orders, tenantId, refreshKpis: false });
});
afterEach(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const returnsFile = (name: string, rows: string[]) => {
  const file = join(dir, name);
  writeFileSync(file, `return_id,order_id,sku,quantity,requested_at\n${rows.join('\n')}\n`);
  return file;
};
const lineOf = async () =>
  (await engine.store.query<{ return_id: string; line_id: string }>('select return_id, line_id from return_lines order by return_id')).map((r) => [r.return_id, r.line_id]);

describe('importing returns of a SKU on several lines of its order', () => {
  it('gives each return a line with units left, in file order and after the stored ones, and re-importing changes nothing', async () => {
    const first = await importFile(engine, { kind: 'returns', file: returnsFile('a.csv', ['R-1,O-1,SCARF,1,2026-03-05T10:00:00Z']), tenantId, refreshKpis: false });
    expect(first).toMatchObject({ imported: 1, rejected: 0 });
    // Before, both returns took line L1, and the second was refused: "would total 2 units but 1 was bought".
    const both = returnsFile('b.csv', ['R-1,O-1,SCARF,1,2026-03-05T10:00:00Z', 'R-2,O-1,SCARF,1,2026-03-06T10:00:00Z']);
    expect(await importFile(engine, { kind: 'returns', file: both, tenantId, refreshKpis: false })).toMatchObject({ imported: 2, rejected: 0 });
    expect(await lineOf()).toEqual([['R-1', 'L1'], ['R-2', 'L2']]);
    const completed = async () => (await engine.store.query<{ n: number }>("select count(*)::int as n from events where type = 'import.completed'"))[0].n;
    const before = await completed();
    const again = await importFile(engine, { kind: 'returns', file: both, tenantId, refreshKpis: false });
    expect(again).toMatchObject({ imported: 2, rejected: 0 });
    expect(await completed()).toBe(before); // nothing changed, so no import event
    expect(await lineOf()).toEqual([['R-1', 'L1'], ['R-2', 'L2']]);
    // A live return of the scarf now finds nothing left.
    await expect(engine.returns.requestReturn(tenantId, { order_id: 'O-1', lines: [{ sku: 'SCARF', quantity: 1 }] }, { actor: 'test' })).rejects.toThrow(/all already being returned/);
  });

  it('refuses a third return of the two scarves, and a return of both in one line, naming the line', async () => {
    const file = returnsFile('c.csv', ['R-1,O-1,SCARF,1,2026-03-05T10:00:00Z', 'R-2,O-1,SCARF,1,2026-03-06T10:00:00Z', 'R-3,O-1,SCARF,1,2026-03-07T10:00:00Z', 'R-4,O-1,SCARF,2,2026-03-07T10:00:00Z']);
    const summary = await importFile(engine, { kind: 'returns', file, tenantId, refreshKpis: false });
    expect(summary).toMatchObject({ imported: 2, rejected: 2 });
    const rejects = readFileSync(summary.rejectsFile!, 'utf8');
    const why = 'returns of order O-1 sku SCARF would total 2 units but 1 was bought on line L1 (the order has the sku on 2 lines, and a return takes units of one)';
    expect(rejects).toContain(`line 4: ${why}`);
    expect(rejects).toContain(`line 5: ${why}`);
    expect(await lineOf()).toEqual([['R-1', 'L1'], ['R-2', 'L2']]);
  });
});
