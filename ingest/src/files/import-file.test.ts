import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '@rebound/engine';
import { importFile } from './import-file';
import { UnreadableFileError } from './read-file';

const fixtures = resolve(__dirname, 'fixtures');
let dir: string;
let engine: Engine;
let tenantId: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rebound-import-'));
  engine = await openEngine({ dataDir: dir });
  tenantId = (await engine.tenants.createTenant({ name: 'Importer', currency: 'EUR' })).tenant.id;
});
afterEach(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = async (table: string) => (await engine.store.query<{ n: number }>(`select count(*) as n from ${table}`))[0].n;
const dump = async (table: string) => JSON.stringify(await engine.store.query(`select * exclude (tenant_id) from ${table} order by all`));
const importContractStore = async () => {
  await importFile(engine, { kind: 'orders', file: join(fixtures, 'orders.csv'), tenantId });
  return importFile(engine, { kind: 'returns', file: join(fixtures, 'returns.csv'), tenantId });
};

describe('importing orders and returns', () => {
  it('imports the contract store: orders, customers, products, returns with derived statuses, refunds, events', async () => {
    const orders = await importFile(engine, { kind: 'orders', file: join(fixtures, 'orders.csv'), tenantId });
    expect(orders).toMatchObject({ rows: 6, imported: 6, rejected: 0, rejectsFile: null });
    expect([await count('orders'), await count('order_lines'), await count('customers'), await count('products')]).toEqual([4, 6, 3, 6]);
    const returns = await importFile(engine, { kind: 'returns', file: join(fixtures, 'returns.csv'), tenantId });
    expect(returns).toMatchObject({ rows: 5, imported: 5, rejected: 0 });
    const statuses = await engine.store.query<{ id: string; status: string; resolution: string }>('select id, status, resolution from returns order by id');
    expect(statuses).toEqual([
      { id: 'Q-1', status: 'resolved', resolution: 'exchange' },
      { id: 'Q-2', status: 'resolved', resolution: 'refund' },
      { id: 'Q-3', status: 'resolved', resolution: 'refund' },
      { id: 'Q-4', status: 'resolved', resolution: 'keep_it' },
      { id: 'Q-5', status: 'resolved', resolution: 'store_credit' },
    ]);
    const q3 = await engine.returns.getReturn(tenantId, 'Q-3', { timeline: true });
    expect(q3.lines[0]).toMatchObject({ sku: 'BOOT-41', reason_code: null, reason_text: 'ordered two sizes, keeping the 40', disposition: 'restock', refund_amount: 140 });
    expect(q3.timeline!.map((e) => e.type)).toEqual(['return.imported']);
    expect(q3.timeline![0].payload).toEqual({ import_id: returns.importId, file: 'returns.csv' });
    // One event per import (not per row), naming the file and what it did; the refunds stay on their lines
    // (the refunds table is the ledger of what Rebound itself pays).
    const events = await engine.store.query<{ entity_id: string; payload: string }>("select entity_id, payload from events where type = 'import.completed' order by seq");
    expect(events.map((e) => [e.entity_id, JSON.parse(e.payload)])).toEqual([
      [orders.importId, { kind: 'orders', file: 'orders.csv', rows: 6, imported: 6, rejected: 0, new_orders: 4, changed_orders: 0 }],
      [returns.importId, { kind: 'returns', file: 'returns.csv', rows: 5, imported: 5, rejected: 0, new_returns: 5, changed_returns: 0 }],
    ]);
    expect(await count('events')).toBe(2);
    expect(await count(`returns where import_id = '${returns.importId}'`)).toBe(5);
    expect(await count('return_lines where refund_amount is not null')).toBe(5);
    expect(await count('refunds')).toBe(0);
  });

  it('never pays again a line imported with its refund, when the return is resolved in Rebound', async () => {
    await importFile(engine, { kind: 'orders', file: join(fixtures, 'orders.csv'), tenantId });
    const received = join(dir, 'received.csv');
    writeFileSync(received, 'return_id,order_id,sku,quantity,requested_at,received_at,refund_amount,refunded_at\n' +
      'P-1,S-2,SPKR,1,2026-05-09T08:00:00Z,2026-05-12T08:00:00Z,89.00,2026-05-12T09:00:00Z\n');
    await importFile(engine, { kind: 'returns', file: received, tenantId });
    const who = { actor: 'warehouse' };
    await engine.returns.transition(tenantId, 'P-1', 'inspect', { lines: [{ sku: 'SPKR', condition: 'good', disposition: 'restock' }] }, who);
    const resolved = await engine.returns.transition(tenantId, 'P-1', 'resolve', { resolution: 'refund' }, who);
    expect(resolved.timeline!.find((e) => e.type === 'return.resolved')?.payload).toMatchObject({ resolution: 'refund', refunds: [{ sku: 'SPKR', amount: 89, created: false }] });
    expect(await count('refunds')).toBe(0);
  });

  it('changes nothing when the same files are imported again', async () => {
    await importContractStore();
    const tables = ['orders', 'order_lines', 'customers', 'products', 'returns', 'return_lines', 'refunds', 'events'];
    const before = await Promise.all(tables.map(dump));
    const again = await importContractStore();
    expect(again.rejected).toBe(0);
    expect(await Promise.all(tables.map(dump))).toEqual(before);
  });

  it('updates stored rows from a later file: a return moves on, an order line is corrected, nothing is doubled', async () => {
    await importFile(engine, { kind: 'orders', file: join(fixtures, 'orders.csv'), tenantId });
    const early = join(dir, 'early.csv');
    writeFileSync(early, 'return_id,order_id,sku,quantity,requested_at\nU-1,S-2,SPKR,1,2026-05-09T08:00:00Z\n');
    await importFile(engine, { kind: 'returns', file: early, tenantId });
    expect(await engine.store.query('select status from returns where id = ?', ['U-1'])).toEqual([{ status: 'requested' }]);
    const later = join(dir, 'later.csv');
    writeFileSync(later, 'return_id,order_id,sku,quantity,requested_at,received_at,resolution,refund_amount,refunded_at\n' +
      'U-1,S-2,SPKR,1,2026-05-09T08:00:00Z,2026-05-12T08:00:00Z,refund,89.00,2026-05-13T08:00:00Z\n');
    expect(await importFile(engine, { kind: 'returns', file: later, tenantId })).toMatchObject({ imported: 1, rejected: 0 });
    const [ret] = await engine.store.query<{ status: string; resolution: string }>('select status, resolution from returns where id = ?', ['U-1']);
    expect(ret).toEqual({ status: 'resolved', resolution: 'refund' });
    expect(await count('return_lines')).toBe(1);
    expect(await engine.store.query("select refund_amount::double as refund_amount from return_lines where return_id = 'U-1'")).toEqual([{ refund_amount: 89 }]);
    // Two files, two import events: the first created the return, the second changed it.
    const payloads = (await engine.store.query<{ payload: string }>("select payload from events where type = 'import.completed' and (payload->>'kind') = 'returns' order by seq")).map((e) => JSON.parse(e.payload));
    expect(payloads.map((p) => [p.new_returns, p.changed_returns])).toEqual([[1, 0], [0, 1]]);

    // A later file that changes only what the return was resolved with (no line column differs) still marks the
    // return changed, so the KPI marts pick it up.
    const [{ updated_at: stamped }] = await engine.store.query<{ updated_at: Date }>("select updated_at from returns where id = 'U-1'");
    writeFileSync(later, readFileSync(later, 'utf8').replace(',refund,', ',store_credit,'));
    expect(await importFile(engine, { kind: 'returns', file: later, tenantId })).toMatchObject({ imported: 1, rejected: 0 });
    const [credit] = await engine.store.query<{ resolution: string; updated_at: Date }>("select resolution, updated_at from returns where id = 'U-1'");
    expect(credit.resolution).toBe('store_credit');
    expect(credit.updated_at.getTime()).toBeGreaterThan(stamped.getTime());
    const kpiRow = await engine.store.query<{ n: number }>("select count(*)::int as n from fct_return_lines where return_id = 'U-1' and resolution = 'store_credit'");
    expect(kpiRow).toEqual([{ n: 1 }]);

    const fixed = join(dir, 'fixed-orders.csv');
    const original = readFileSync(join(fixtures, 'orders.csv'), 'utf8');
    writeFileSync(fixed, original.replace('S-1,2,2026-05-03T09:00:00Z,K-1,kim@example.com,CAP,Cap,apparel,2,15.00', 'S-1,2,2026-05-03T09:00:00Z,K-1,kim@example.com,CAP,Cap,apparel,3,14.50'));
    const before = await count('order_lines');
    await importFile(engine, { kind: 'orders', file: fixed, tenantId });
    expect(await count('order_lines')).toBe(before);
    expect(await engine.store.query("select quantity, unit_price::double as unit_price from order_lines where order_id = 'S-1' and line_id = '2'")).toEqual([{ quantity: 3, unit_price: 14.5 }]);
  });

  it('keeps what a later file leaves out: a column it lacks or an empty cell never erases a stored value', async () => {
    await importContractStore();
    const lines = `select return_id, sku, quantity, reason_code, reason_text, condition, disposition, received_at, inspected_at, restocked_at, refunded_at,
                   refund_amount::double as refund_amount, recovered_value::double as recovered_value, shipping_cost::double as shipping_cost,
                   processing_cost::double as processing_cost, distance_km from return_lines order by all`;
    const returnsBefore = await engine.store.query('select id, status, resolution, received_at, inspected_at, resolved_at from returns order by id');
    const linesBefore = await engine.store.query(lines);
    const orderLines = 'select order_id, line_id, product_name, weight_kg, co2e_kg, quantity, unit_price::double as unit_price from order_lines order by all';
    const orderLinesBefore = await engine.store.query(orderLines);

    // The required columns only: the same returns, nothing else said about them.
    const bare = join(dir, 'bare-returns.csv');
    writeFileSync(bare, 'return_id,order_id,sku,quantity,requested_at\n' +
      'Q-2,S-2,SPKR,1,2026-05-09T08:00:00Z\nQ-3,S-3,BOOT-41,1,2026-05-14T17:00:00Z\n');
    expect(await importFile(engine, { kind: 'returns', file: bare, tenantId })).toMatchObject({ imported: 2, rejected: 0 });
    // Present columns with empty cells, and one value that does change.
    const gaps = join(dir, 'gaps-returns.csv');
    writeFileSync(gaps, 'return_id,order_id,sku,quantity,requested_at,reason_code,received_at,resolution,refund_amount,shipping_cost\n' +
      'Q-1,S-1,HOOD-L,1,2026-05-08T10:00:00Z,,,,,6.50\n');
    expect(await importFile(engine, { kind: 'returns', file: gaps, tenantId })).toMatchObject({ imported: 1, rejected: 0 });
    expect(await engine.store.query('select id, status, resolution, received_at, inspected_at, resolved_at from returns order by id')).toEqual(returnsBefore);
    const expected = linesBefore.map((l: any) => (l.return_id === 'Q-1' ? { ...l, shipping_cost: 6.5 } : l));
    expect(await engine.store.query(lines)).toEqual(expected);
    // Only Q-1 changed; the bare file changed nothing, so it left no import event.
    const payloads = (await engine.store.query<{ payload: string }>("select payload from events where type = 'import.completed' order by seq")).map((e) => JSON.parse(e.payload));
    expect(payloads.slice(2).map((p) => [p.file, p.changed_returns])).toEqual([['gaps-returns.csv', 1]]);

    // An orders file without product names, weights or footprints keeps them on the stored lines; its price
    // correction still applies.
    const slim = join(dir, 'slim-orders.csv');
    writeFileSync(slim, 'order_id,line_id,ordered_at,customer_id,sku,category,quantity,unit_price,co2e_kg\n' +
      'S-1,1,2026-05-03T09:00:00Z,K-1,HOOD-L,apparel,1,55.00,\nS-2,1,2026-05-04T15:30:00Z,K-2,SPKR,electronics,1,89.00,\n');
    expect(await importFile(engine, { kind: 'orders', file: slim, tenantId })).toMatchObject({ imported: 2, rejected: 0 });
    const orderLinesAfter = orderLinesBefore.map((l: any) => (l.order_id === 'S-1' && l.line_id === '1' ? { ...l, unit_price: 55 } : l));
    expect(await engine.store.query(orderLines)).toEqual(orderLinesAfter);
    const orderEvents = (await engine.store.query<{ payload: string }>("select payload from events where type = 'import.completed' and (payload->>'kind') = 'orders' order by seq")).map((e) => JSON.parse(e.payload));
    expect(orderEvents.at(-1)).toMatchObject({ file: 'slim-orders.csv', new_orders: 0, changed_orders: 1 });
  });

  it('never moves a stored return back in its lifecycle: a return Rebound approved, shipped or canceled stays so', async () => {
    await importFile(engine, { kind: 'orders', file: join(fixtures, 'orders.csv'), tenantId });
    const first = join(dir, 'first.csv');
    writeFileSync(first, 'return_id,order_id,sku,quantity,requested_at,reason_text\n' +
      'L-1,S-2,SPKR,1,2026-05-09T08:00:00Z,crackles\nL-2,S-3,BOOT-40,1,2026-05-14T17:00:00Z,too narrow\nL-3,S-4,VASE,1,2026-05-24T09:00:00Z,chipped\n');
    await importFile(engine, { kind: 'returns', file: first, tenantId });
    const who = { actor: 'warehouse' };
    await engine.returns.transition(tenantId, 'L-1', 'approve', {}, who);
    await engine.returns.transition(tenantId, 'L-2', 'approve', {}, who);
    await engine.returns.transition(tenantId, 'L-2', 'ship', { carrier: 'DHL' }, who);
    await engine.returns.transition(tenantId, 'L-3', 'cancel', {}, who);
    const before = await engine.store.query<{ id: string; status: string; approved_at: Date | null }>('select id, status, approved_at from returns order by id');

    // The same file again changes nothing; a corrected text changes the line, not the status.
    expect(await importFile(engine, { kind: 'returns', file: first, tenantId })).toMatchObject({ imported: 3 });
    writeFileSync(first, readFileSync(first, 'utf8').replace('crackles', 'crackles at any volume'));
    await importFile(engine, { kind: 'returns', file: first, tenantId });
    expect(await engine.store.query('select id, status, approved_at from returns order by id')).toEqual(before);
    expect(await engine.store.query("select reason_text from return_lines where return_id = 'L-1'")).toEqual([{ reason_text: 'crackles at any volume' }]);

    // A file that says more than Rebound knows moves the return forward.
    writeFileSync(first, 'return_id,order_id,sku,quantity,requested_at,received_at\nL-2,S-3,BOOT-40,1,2026-05-14T17:00:00Z,2026-05-18T10:00:00Z\n');
    await importFile(engine, { kind: 'returns', file: first, tenantId });
    const [l2] = await engine.store.query<{ status: string; approved_at: Date }>("select status, approved_at from returns where id = 'L-2'");
    expect(l2).toEqual({ status: 'received', approved_at: before[1].approved_at });

    // The canceled return holds no units, so a new return of the same vase in the same file is accepted.
    writeFileSync(first, 'return_id,order_id,sku,quantity,requested_at\nL-3,S-4,VASE,1,2026-05-24T09:00:00Z\nL-4,S-4,VASE,1,2026-05-26T09:00:00Z\n');
    expect(await importFile(engine, { kind: 'returns', file: first, tenantId })).toMatchObject({ imported: 2, rejected: 0 });
    expect(await engine.store.query("select id, status from returns where id in ('L-3', 'L-4') order by id")).toEqual([
      { id: 'L-3', status: 'canceled' },
      { id: 'L-4', status: 'requested' },
    ]);
  });

  it('rejects bad rows with their line and a reason, imports the good ones, and writes the rejects file', async () => {
    await importContractStore();
    const bad = join(dir, 'bad_returns.csv');
    copyFileSync(join(fixtures, 'bad_returns.csv'), bad);
    const s = await importFile(engine, { kind: 'returns', file: bad, tenantId });
    expect(s).toMatchObject({ rows: 4, imported: 1, rejected: 3, rejectsFile: join(dir, 'bad_returns.rejects.csv') });
    const rejects = readFileSync(s.rejectsFile!, 'utf8').trim().split('\n');
    expect(rejects[0].startsWith('line,reason,return_id')).toBe(true);
    expect(rejects.slice(1).map((l) => l.split(',')[1])).toEqual([
      "line 2: requested_at 'not-a-date' is not an ISO 8601 timestamp",
      'line 3: order S-404 has no line with sku SPKR (import the order first)',
      'line 4: returns of order S-3 sku BOOT-40 would total 3 units but 1 was bought',
    ]);
    expect((await engine.returns.getReturn(tenantId, 'Q-12')).lines[0].quantity).toBe(1);
  });

  it('checks returns given on several rows: repeated lines, mixed orders, units shared in file order', async () => {
    await importFile(engine, { kind: 'orders', file: join(fixtures, 'orders.csv'), tenantId });
    const file = join(dir, 'multi.csv');
    writeFileSync(
      file,
      [
        'return_id,order_id,sku,quantity,requested_at,received_at,resolution',
        'M-1,S-1,HOOD-L,1,2026-05-08T10:00:00Z,2026-05-10T10:00:00Z,',
        'M-1,S-1,CAP,1,2026-05-07T10:00:00Z,,refund',
        'M-1,S-1,CAP,1,2026-05-07T10:00:00Z,,',
        'M-2,S-2,SPKR,1,2026-05-09T08:00:00Z,,',
        'M-2,S-3,BOOT-40,1,2026-05-09T08:00:00Z,,',
        'M-3,S-1,CAP,3,2026-05-09T08:00:00Z,,',
        'M-4,S-1,CAP,1,2026-05-09T08:00:00Z,,',
        'M-5,S-1,CAP,1,2026-05-09T08:00:00Z,,',
      ].join('\n'),
    );
    const s = await importFile(engine, { kind: 'returns', file, tenantId });
    expect(s).toMatchObject({ rows: 8, imported: 4, rejected: 4 });
    // The reason is the second field of a rejects line, quoted when it holds a comma.
    const reasons = readFileSync(s.rejectsFile!, 'utf8').trim().split('\n').slice(1).map((l) => /^\d+,("(?:[^"]|"")*"|[^,]*)/.exec(l)![1].replace(/^"|"$/g, ''));
    expect(reasons).toEqual([
      'line 4: return M-1 sku CAP appears again (first on line 3)',
      'line 6: return M-2 belongs to order S-2 (line 5), not S-3',
      // M-3 alone asks for more than the 2 caps bought and takes none; M-1 and M-4 take them, none is left for M-5.
      'line 7: returns of order S-1 sku CAP would total 3 units but 2 was bought',
      'line 9: returns of order S-1 sku CAP would total 3 units but 2 was bought',
    ]);
    const m1 = await engine.store.query<{ status: string; resolution: string; requested_at: Date }>("select status, resolution, requested_at from returns where id = 'M-1'");
    expect(m1[0]).toMatchObject({ status: 'resolved', resolution: 'refund' });
    expect(m1[0].requested_at.toISOString()).toBe('2026-05-07T10:00:00.000Z');
    expect(await count("return_lines where return_id = 'M-1'")).toBe(2);
  });

  it('explains every kind of bad order row', async () => {
    const file = join(dir, 'orders.csv');
    writeFileSync(
      file,
      [
        'order_id,line_id,ordered_at,customer_id,sku,category,quantity,unit_price,currency',
        'A,1,2026-01-01T00:00:00Z,c,X,home,two,1,EUR',
        'B,1,2026-01-01T00:00:00Z,c,X,home,1,-3,EUR',
        'C,1,2026-01-01T00:00:00Z,c,X,home,1,3,USD',
        'D,1,yesterday,,X,home,0,3,EUR',
        'E,1,2026-01-01T00:00:00Z,c,X,home,1,3,EUR',
        'E,1,2026-01-01T00:00:00Z,c,Y,home,1,3,EUR',
      ].join('\n'),
    );
    const s = await importFile(engine, { kind: 'orders', file, tenantId });
    expect(s).toMatchObject({ imported: 1, rejected: 5 });
    const reasons = readFileSync(s.rejectsFile!, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]);
    expect(reasons).toEqual([
      "line 2: quantity 'two' is not an integer",
      'line 3: unit_price -3 must be >= 0',
      "line 4: currency 'USD' is not the store's currency (EUR)",
      "line 5: ordered_at 'yesterday' is not an ISO 8601 timestamp; customer_id is missing; quantity 0 must be at least 1",
      'line 7: order E line 1 appears again (first on line 6)',
    ]);
  });

  it('reads JSONL and Parquet files the same way', async () => {
    const jsonl = join(dir, 'orders.jsonl');
    await engine.store.withConnection((c) => c.run(`copy (select * from read_csv('${join(fixtures, 'orders.csv')}', all_varchar = true)) to '${jsonl}' (format json)`));
    expect((await importFile(engine, { kind: 'orders', file: jsonl, tenantId })).imported).toBe(6);
    const parquet = join(dir, 'returns.parquet');
    await engine.store.withConnection((c) => c.run(`copy (select * from read_csv('${join(fixtures, 'returns.csv')}')) to '${parquet}' (format parquet)`));
    expect(await importFile(engine, { kind: 'returns', file: parquet, tenantId })).toMatchObject({ imported: 5, rejected: 0 });
    expect(await count('return_lines')).toBe(5);
  });

  it('refuses a file it cannot read, importing nothing', async () => {
    await expect(importFile(engine, { kind: 'orders', file: join(dir, 'missing.csv'), tenantId })).rejects.toThrow(/missing\.csv: no such file/);
    writeFileSync(join(dir, 'orders.xlsx'), 'x');
    await expect(importFile(engine, { kind: 'orders', file: join(dir, 'orders.xlsx'), tenantId })).rejects.toThrow(/unknown file type '.xlsx'/);
    writeFileSync(join(dir, 'partial.csv'), 'order_id,sku\nA,X\n');
    const partial = importFile(engine, { kind: 'orders', file: join(dir, 'partial.csv'), tenantId });
    await expect(partial).rejects.toThrow(UnreadableFileError);
    await expect(importFile(engine, { kind: 'orders', file: join(dir, 'partial.csv'), tenantId })).rejects.toThrow(
      "has no column 'ordered_at', 'customer_id', 'category', 'quantity', 'unit_price' (required)",
    );
    expect(await count('orders')).toBe(0);
  });

  it('leaves all rows or none when the import is killed midway', async () => {
    const big = join(dir, 'big.csv');
    await engine.store.withConnection((c) =>
      c.run(`copy (select 'B' || i as order_id, 1 as line_id, '2026-01-01T00:00:00Z' as ordered_at, 'c' || (i % 1000) as customer_id,
                     'SKU' || (i % 500) as sku, 'apparel' as category, 1 as quantity, 9.99 as unit_price from range(600000) t(i)) to '${big}' (header)`),
    );
    const tenant = tenantId;
    await engine.close();
    const root = resolve(__dirname, '../../..');
    // One node process (tsx as a loader, not its CLI wrapper), so SIGKILL hits the process holding the store.
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bin/rebound.ts'), '--data-dir', dir, 'import', 'orders', big, '--tenant', tenant], { cwd: root });
    await new Promise((r) => setTimeout(r, 3500));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    engine = await openEngine({ dataDir: dir });
    const n = await count('order_lines');
    expect([0, 600_000]).toContain(n);
    expect(await count('orders')).toBe(n);
    expect(existsSync(join(dir, 'big.rejects.csv'))).toBe(false);
  });
});
