import type { DuckDBConnection } from '@duckdb/node-api';
import { lit } from './sql-checks';

/**
 * An order may carry one SKU on several lines (a second one at another price, a gift). A returns file names the
 * SKU, not the line, so each valid row of such a SKU is given, in file order, the first line with enough units
 * left, as a return requested live is (engine `orderLineFor`): units other returns already hold, and those the
 * rows before it took. A line a stored return already holds stays its line. A row no line has room for keeps the
 * first line, so the quantity check refuses it. Done row by row in JavaScript, by hand: it is a sequential
 * allocation (each row depends on the rows before it), and only rows of SKUs on several lines of their order
 * (a handful) take part, so the checked table is not rewritten. `holding` is the SQL list of statuses whose
 * returns hold units.
 */
export async function allocateSplitSkuLines(conn: DuckDBConnection, tenantId: string, holding: string): Promise<number> {
  const t = lit(tenantId);
  const rows = (
    await conn.runAndReadAll(`
      select line, return_id, order_id, sku, v_quantity, coalesce(stored_status in ('declined', 'canceled'), false) as ended
      from import_checked where problems = '' and sku_lines > 1 order by line`)
  ).getRows() as [bigint, string, string, string, number, boolean][];
  if (!rows.length) return 0;
  // The (order, sku) pairs taking part, read where the checks put them.
  const split = `(select distinct order_id, sku from import_checked where problems = '' and sku_lines > 1)`;
  const lines = (
    await conn.runAndReadAll(`
      select order_id, sku, line_id, quantity from order_lines
      where tenant_id = ${t} and (order_id, sku) in ${split} order by order_id, sku, line_id`)
  ).getRows() as [string, string, string, number][];
  // Stored return lines of those SKUs: the line each holds, and whether it still holds units (not declined or
  // canceled). A (return, sku) the file gives again is replaced by the file's row, so it does not count as held.
  const stored = (
    await conn.runAndReadAll(`
      select rl.return_id, rl.order_id, rl.sku, rl.line_id, rl.quantity, r.status in ${holding} as holds
      from return_lines rl join returns r on r.tenant_id = rl.tenant_id and r.id = rl.return_id
      where rl.tenant_id = ${t} and (rl.order_id, rl.sku) in ${split}`)
  ).getRows() as [string, string, string, string, number, boolean][];
  const key = (...parts: string[]) => parts.join('\u0000');
  const inFile = new Set(rows.map(([, returnId, , sku]) => key(returnId, sku)));
  const linesOf = new Map<string, { lineId: string; bought: number }[]>();
  for (const [orderId, sku, lineId, quantity] of lines) {
    const k = key(orderId, sku);
    if (!linesOf.has(k)) linesOf.set(k, []);
    linesOf.get(k)!.push({ lineId, bought: Number(quantity) });
  }
  const held = new Map<string, number>();
  const storedLine = new Map<string, string>();
  for (const [returnId, orderId, sku, lineId, quantity, holds] of stored) {
    storedLine.set(key(returnId, sku), lineId);
    if (holds && !inFile.has(key(returnId, sku))) held.set(key(orderId, lineId), (held.get(key(orderId, lineId)) ?? 0) + Number(quantity));
  }
  const chosen: [bigint, string, number][] = [];
  for (const [line, returnId, orderId, sku, quantity, ended] of rows) {
    const options = linesOf.get(key(orderId, sku)) ?? [];
    const left = (o: { lineId: string; bought: number }) => o.bought - (held.get(key(orderId, o.lineId)) ?? 0);
    const keep = storedLine.get(key(returnId, sku));
    const pick = options.find((o) => o.lineId === keep) ?? options.find((o) => left(o) >= Number(quantity)) ?? options[0];
    if (!pick) continue;
    if (!ended) held.set(key(orderId, pick.lineId), (held.get(key(orderId, pick.lineId)) ?? 0) + Number(quantity));
    chosen.push([line, pick.lineId, pick.bought]);
  }
  await conn.run('create or replace temp table import_split_lines (line bigint, line_id varchar, bought integer)');
  const picks = await conn.createAppender('import_split_lines', null, 'temp');
  for (const [line, lineId, bought] of chosen) {
    picks.appendBigInt(line);
    picks.appendVarchar(lineId);
    picks.appendInteger(bought);
    picks.endRow();
  }
  picks.closeSync();
  await conn.run('update import_checked c set line_id = s.line_id, bought = s.bought from import_split_lines s where c.line = s.line');
  return chosen.length;
}
