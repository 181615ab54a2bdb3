import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '@rebound/engine';
import { engineInTempDir } from '@rebound/engine/testing';
import { importFile } from './import-file';

const fixtures = resolve(__dirname, 'fixtures');
let engine: Engine;
let dir: string;
let cleanup: () => Promise<void>;
let tenantId: string;

beforeEach(async () => {
  ({ engine, dataDir: dir, cleanup } = await engineInTempDir('rebound-merchant-files-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Merchant', currency: 'EUR' })).tenant.id;
  await importFile(engine, { kind: 'orders', file: join(fixtures, 'orders.csv'), tenantId });
});
afterEach(async () => cleanup());

/** The line numbers at the start of each reason in a rejects file. */
const rejectedLines = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\d+,"?line (\d+):/gm)].map((m) => Number(m[1]));

describe('files a merchant really has', () => {
  it('names the line a rejected row is on in the file, after a blank line and a quoted value spanning lines', async () => {
    const file = join(dir, 'returns.csv');
    const lines = [
      'return_id,order_id,sku,quantity,requested_at,reason_text', // 1
      'R-1,S-1,HOOD-L,1,2026-05-08T10:00:00Z,"too big,', // 2
      'way too big"', // 3
      '', // 4
      'R-2,S-2,SPKR,two,2026-05-09T08:00:00Z,crackles', // 5
    ];
    writeFileSync(file, lines.join('\n') + '\n');
    const s = await importFile(engine, { kind: 'returns', file, tenantId });
    expect(s).toMatchObject({ imported: 1, rejected: 1 });
    expect(rejectedLines(s.rejectsFile!)).toEqual([5]);
  });

  it('rejects a quantity that is not a whole number instead of rounding it', async () => {
    const file = join(dir, 'returns.csv');
    writeFileSync(file, 'return_id,order_id,sku,quantity,requested_at\nR-1,S-1,CAP,1.5,2026-05-08T10:00:00Z\n');
    const s = await importFile(engine, { kind: 'returns', file, tenantId });
    expect(s).toMatchObject({ imported: 0, rejected: 1 });
    expect(readFileSync(s.rejectsFile!, 'utf8')).toContain("quantity '1.5' is not an integer");
  });

  it('rejects NaN and infinite amounts as not numbers', async () => {
    const file = join(dir, 'returns.csv');
    writeFileSync(file, 'return_id,order_id,sku,quantity,requested_at,refund_amount,distance_km\nR-1,S-1,CAP,1,2026-05-08T10:00:00Z,NaN,12\nR-2,S-2,SPKR,1,2026-05-08T10:00:00Z,5,inf\n');
    const s = await importFile(engine, { kind: 'returns', file, tenantId });
    expect(s).toMatchObject({ imported: 0, rejected: 2 });
    const rejects = readFileSync(s.rejectsFile!, 'utf8');
    expect(rejects).toContain("line 2: refund_amount 'NaN' is not a number");
    expect(rejects).toContain("line 3: distance_km 'inf' is not a number");
  });

  it('names the line of a JSONL row after a blank line', async () => {
    const file = join(dir, 'returns.jsonl');
    const row = (id: string, q: string) => JSON.stringify({ return_id: id, order_id: 'S-1', sku: 'HOOD-L', quantity: q, requested_at: '2026-05-08T10:00:00Z' });
    writeFileSync(file, [row('R-1', '1'), '', row('R-2', 'x')].join('\n') + '\n');
    const s = await importFile(engine, { kind: 'returns', file, tenantId });
    expect(rejectedLines(s.rejectsFile!)).toEqual([3]);
  });

  it('reads a JSONL file whose quantity is a number on some lines and text on others', async () => {
    const file = join(dir, 'returns.jsonl');
    const a = JSON.stringify({ return_id: 'R-1', order_id: 'S-1', sku: 'HOOD-L', quantity: 1, requested_at: '2026-05-08T10:00:00Z' });
    const b = JSON.stringify({ return_id: 'R-2', order_id: 'S-2', sku: 'SPKR', quantity: '1', requested_at: '2026-05-09T08:00:00Z' });
    writeFileSync(file, [a, b].join('\n') + '\n');
    const s = await importFile(engine, { kind: 'returns', file, tenantId });
    expect(s).toMatchObject({ imported: 2, rejected: 0 });
    expect(await engine.store.query('select id from returns order by id')).toEqual([{ id: 'R-1' }, { id: 'R-2' }]);
  });

  it('reads a CSV with a BOM, Windows line endings and a semicolon delimiter', async () => {
    const file = join(dir, 'returns.csv');
    writeFileSync(file, '\uFEFFreturn_id;order_id;sku;quantity;requested_at;refund_amount\r\nR-1;S-1;HOOD-L;1;2026-05-08T10:00:00+02:00;60.00\r\nR-2;S-2;SPKR;1;2026-05-09;89\r\n');
    const s = await importFile(engine, { kind: 'returns', file, tenantId });
    expect(s).toMatchObject({ imported: 2, rejected: 0 });
    const rows = await engine.store.query<{ id: string; requested_at: Date }>('select id, requested_at from returns order by id');
    expect(rows.map((r) => r.requested_at.toISOString())).toEqual(['2026-05-08T08:00:00.000Z', '2026-05-09T00:00:00.000Z']);
  });

  it('reads a Parquet file with typed columns', async () => {
    const file = join(dir, 'returns.parquet');
    await engine.store.withConnection((c) =>
      c.run(`copy (select 'R-1' as return_id, 'S-1' as order_id, 'HOOD-L' as sku, 1::integer as quantity,
                   timestamptz '2026-05-08 10:00:00+02' as requested_at, timestamp '2026-05-10 10:00:00' as received_at,
                   60.00::decimal(10,2) as refund_amount, 120.5::double as distance_km) to '${file}' (format parquet)`),
    );
    const s = await importFile(engine, { kind: 'returns', file, tenantId });
    expect(s).toMatchObject({ imported: 1, rejected: 0 });
    const [r] = await engine.store.query<{ requested_at: Date; received_at: Date }>('select requested_at, received_at from returns');
    expect([r.requested_at.toISOString(), r.received_at.toISOString()]).toEqual(['2026-05-08T08:00:00.000Z', '2026-05-10T10:00:00.000Z']);
  });

  it('reads header names whatever their case and surrounding spaces', async () => {
    const file = join(dir, 'returns.csv');
    writeFileSync(file, 'Return_ID,ORDER_ID, SKU ,Quantity,Requested_At,Reason_Text\nR-1,S-1,HOOD-L,1,2026-05-08T10:00:00Z,too big\n');
    const s = await importFile(engine, { kind: 'returns', file, tenantId });
    expect(s).toMatchObject({ imported: 1, rejected: 0, ignoredColumns: [] });
    const [line] = await engine.store.query<{ sku: string; reason_text: string }>("select sku, reason_text from return_lines where return_id = 'R-1'");
    expect(line).toEqual({ sku: 'HOOD-L', reason_text: 'too big' });
  });

  it('treats a file with only a header as nothing to import', async () => {
    const file = join(dir, 'returns.csv');
    writeFileSync(file, 'return_id,order_id,sku,quantity,requested_at\n');
    const s = await importFile(engine, { kind: 'returns', file, tenantId });
    expect(s).toMatchObject({ rows: 0, imported: 0, rejected: 0 });
  });
});

describe('files that cannot be read, said so a person can mend them', () => {
  const returnsRow = (i: number) => `R-${i},S-1,HOOD-L,1,2026-05-08T10:00:00Z,too big`;

  it('refuses a CSV whose rows have more values than its header, pointing at quoting, and imports nothing', async () => {
    const file = join(dir, 'returns.csv');
    const rows = Array.from({ length: 40 }, (_, i) => returnsRow(i));
    rows.splice(30, 0, 'R-X,S-1,HOOD-L,1,2026-05-08T10:00:00Z,too big, way too big');
    writeFileSync(file, ['return_id,order_id,sku,quantity,requested_at,reason_text', ...rows].join('\n') + '\n');
    await expect(importFile(engine, { kind: 'returns', file, tenantId })).rejects.toThrow(
      `${file} cannot be split into columns: its rows do not all have as many values as its header (return_id,order_id,sku,quantity,requested_at,reason_text); a text value holding the delimiter must be in double quotes, e.g. "too big, way too big"`,
    );
    expect((await engine.store.query<{ n: number }>('select count(*)::int as n from returns'))[0].n).toBe(0);
  });

  it('refuses a header naming one column twice, in any case, and imports nothing', async () => {
    const file = join(dir, 'returns.csv');
    writeFileSync(file, 'return_id,order_id,sku,quantity,requested_at,sku\nR-1,S-1,HOOD-L,1,2026-05-08T10:00:00Z,CAP\n');
    await expect(importFile(engine, { kind: 'returns', file, tenantId })).rejects.toThrow(`${file} has column 'sku' twice in its header; keep one`);
    writeFileSync(file, 'return_id,order_id,SKU,quantity,requested_at,sku\nR-1,S-1,HOOD-L,1,2026-05-08T10:00:00Z,CAP\n');
    await expect(importFile(engine, { kind: 'returns', file, tenantId })).rejects.toThrow(`${file} has column 'sku' twice in its header; keep one`);
    const jsonl = join(dir, 'returns.jsonl');
    writeFileSync(jsonl, JSON.stringify({ return_id: 'R-1', order_id: 'S-1', SKU: 'HOOD-L', sku: 'CAP', quantity: 1, requested_at: '2026-05-08T10:00:00Z' }) + '\n');
    await expect(importFile(engine, { kind: 'returns', file: jsonl, tenantId })).rejects.toThrow(`${jsonl} has column 'sku' twice in its header; keep one`);
    writeFileSync(jsonl, JSON.stringify({ return_id: 'R-1', order_id: 'S-1', sku: 'HOOD-L', ' SKU ': 'CAP', quantity: 1, requested_at: '2026-05-08T10:00:00Z' }) + '\n');
    await expect(importFile(engine, { kind: 'returns', file: jsonl, tenantId })).rejects.toThrow(`${jsonl} has two columns for sku ('sku' and ' SKU '); keep one`);
    expect((await engine.store.query<{ n: number }>('select count(*)::int as n from returns'))[0].n).toBe(0);
  });

  it('keeps a column of the merchant\'s own that only looks like a renamed duplicate', async () => {
    const file = join(dir, 'returns.csv');
    writeFileSync(file, 'return_id,order_id,sku,quantity,requested_at,sku_2\nR-1,S-1,HOOD-L,1,2026-05-08T10:00:00Z,legacy\n');
    const s = await importFile(engine, { kind: 'returns', file, tenantId });
    expect(s).toMatchObject({ imported: 1, ignoredColumns: ['sku_2'] });
  });

  it('names a CSV line holding only spaces, which keeps the file from being split into columns', async () => {
    const file = join(dir, 'returns.csv');
    writeFileSync(file, ['return_id,order_id,sku,quantity,requested_at,reason_text', returnsRow(1), '"R-2",S-1,HOOD-L,1,2026-05-08T10:00:00Z,"too', '   ', 'big"', '  \t ', returnsRow(3)].join('\n') + '\n');
    await expect(importFile(engine, { kind: 'returns', file, tenantId })).rejects.toThrow(`${file} cannot be split into columns: line 6 holds only spaces; delete it (empty lines are skipped)`);
    expect((await engine.store.query<{ n: number }>('select count(*)::int as n from returns'))[0].n).toBe(0);
  });

  it('refuses a JSONL file with a line that is not an object, and imports nothing', async () => {
    const file = join(dir, 'returns.jsonl');
    writeFileSync(file, `${JSON.stringify({ return_id: 'R-1', order_id: 'S-1', sku: 'HOOD-L', quantity: 1, requested_at: '2026-05-08T10:00:00Z' })}\n[1, 2]\n`);
    await expect(importFile(engine, { kind: 'returns', file, tenantId })).rejects.toThrow(
      `${file} cannot be read as one JSON object per line: some line is not an object like {"order_id": "A-1", ...}`,
    );
    expect((await engine.store.query<{ n: number }>('select count(*)::int as n from returns'))[0].n).toBe(0);
  });

  it('removes the rejects file of an earlier run when a later run of the same file fails', async () => {
    const file = join(dir, 'returns.csv');
    writeFileSync(file, 'return_id,order_id,sku,quantity,requested_at\nR-1,S-1,HOOD-L,two,2026-05-08T10:00:00Z\n');
    const first = await importFile(engine, { kind: 'returns', file, tenantId });
    expect(existsSync(first.rejectsFile!)).toBe(true);
    writeFileSync(file, 'order_id,sku\nS-1,HOOD-L\n');
    await expect(importFile(engine, { kind: 'returns', file, tenantId })).rejects.toThrow("has no column 'return_id'");
    expect(existsSync(first.rejectsFile!)).toBe(false);
  });
});
