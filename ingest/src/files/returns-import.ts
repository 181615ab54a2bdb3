import type { DuckDBConnection } from '@duckdb/node-api';
import { CONDITIONS, DISPOSITIONS, RESOLUTIONS, RETURN_STATUSES } from '@rebound/engine';
import { REASON_ALIASES } from '@rebound/engine/taxonomy';
import { allocateSplitSkuLines } from './split-sku-lines';
import { countNewAndChanged, int, integerAtLeast, lit, money, nonNegative, oneOf, required, timestamp, ts } from './sql-checks';

const TIMESTAMPS = ['requested_at', 'received_at', 'inspected_at', 'restocked_at', 'refunded_at'];
const AMOUNTS = ['refund_amount', 'recovered_value', 'shipping_cost', 'processing_cost', 'distance_km'];
// Declined and canceled returns are ends off the lifecycle's path: they hold no units, and a file cannot move a
// stored return out of them.
const ENDS = ['declined', 'canceled'];
// The lifecycle in order (the engine's RETURN_STATUSES without those ends): the statuses whose returns hold units
// of an order line, and the order "the later of two statuses" reads.
const LIFECYCLE = RETURN_STATUSES.filter((s) => !ENDS.includes(s)).map(lit);
const HOLDING = `(${LIFECYCLE.join(', ')})`;
// The returns columns an import sets from what the lines say.
const RETURN_SET = ['status', 'resolution', 'requested_at', 'approved_at', 'received_at', 'inspected_at', 'resolved_at'];
// The return_lines columns an import sets, and the value a checked row gives each, typed as the column is.
const LINE_SET = ['quantity', 'reason_code', 'reason_text', 'condition', 'disposition', 'received_at', 'inspected_at', 'restocked_at',
  'refunded_at', 'refund_amount', 'recovered_value', 'shipping_cost', 'processing_cost', 'distance_km'];
function lineValue(column: string): string {
  if (column === 'reason_code') return 'v.reason';
  if (['condition', 'disposition', 'reason_text'].includes(column)) return `v.${column}`;
  return `v.v_${column}`;
}

/** Temp tables a returns import leaves behind, for the caller to drop. */
export const RETURN_TEMP_TABLES = ['reason_aliases', 'import_over', 'import_returns', 'import_changed', 'import_split_lines'];

/**
 * Checks every staged return row in SQL; fills temp table `import_checked` with a `problems` column, each
 * timestamp parsed once (`v_<column>`), the order line it refers to and whether its return is new (`is_new`).
 * Two passes: first each row on its own and against the stored orders and returns, then quantities over the
 * rows that passed, since "more than was bought" only means something for otherwise valid rows.
 */
export async function checkReturnRows(conn: DuckDBConnection, tenantId: string, rows: number): Promise<void> {
  const t = lit(tenantId);
  // A small file against a big store looks at the order lines of its own orders only; a big one reads them all.
  const stored = Number((await conn.runAndReadAll(`select count(*) from order_lines where tenant_id = ${t}`)).getRows()[0][0]);
  const ofFile = rows * 4 < stored ? 'and order_id in (select order_id from import_rows)' : '';
  const aliases = [...REASON_ALIASES].map(([alias, code]) => `(${lit(alias)}, ${lit(code)})`).join(', ');
  await conn.run(`create or replace temp table reason_aliases (alias varchar, code varchar)`);
  await conn.run(`insert into reason_aliases values ${aliases}`);
  // Repeated keys are found with aggregates, not windows over every row: one counting the rows of each return,
  // then the costlier ones over the returns given on several rows only. The order line of a row is the first
  // (by line id) with its SKU, or, for a SKU on several lines, one with units left (allocated after); the
  // customer is read off the order when the returns are written.
  await conn.run(`
    create or replace temp table import_checked as
    with lines as (
      select order_id, sku, min(line_id) as line_id, arg_min(quantity, line_id) as bought, count(*) as sku_lines
      from order_lines where tenant_id = ${t} ${ofFile} group by order_id, sku
    ),
    multi as (
      select return_id, count(*) as return_rows, min(order_id) <> max(order_id) as mixed
      from import_rows where return_id is not null group by return_id having count(*) > 1
    ),
    first_order as (
      select return_id, arg_min(order_id, line) as return_order, min(line) as order_line from import_rows
      where order_id is not null and return_id in (select return_id from multi where mixed) group by return_id
    ),
    repeated as (
      select return_id, sku, min(line) as first_line from import_rows
      where sku is not null and return_id in (select return_id from multi)
      group by return_id, sku having count(*) > 1
    ),
    parsed as (
      select s.*, ${int('s.quantity')} as v_quantity, ${TIMESTAMPS.map((c) => `${ts(`s.${c}`)} as v_${c}`).join(', ')},
             l.line_id, l.bought, l.sku_lines, a.code as reason, r.order_id as stored_order, r.status as stored_status, r.order_id is null as is_new,
             coalesce(m.return_rows, 1) as return_rows, d.first_line, f.return_order, f.order_line
      from import_rows s
      left join lines l on l.order_id = s.order_id and l.sku = s.sku
      left join reason_aliases a on a.alias = upper(s.reason_code)
      left join (select id, order_id, status from returns where tenant_id = ${t}) r on r.id = s.return_id
      left join repeated d on d.return_id = s.return_id and d.sku = s.sku
      left join multi m on m.return_id = s.return_id
      left join first_order f on f.return_id = s.return_id
    )
    -- Only what the writes need, typed: the file's own text stays in import_rows for the rejects file.
    select line, return_id, order_id, sku, reason_text, lower(condition) as condition, lower(disposition) as disposition,
      lower(resolution) as resolution, v_quantity, ${TIMESTAMPS.map((c) => `v_${c}`).join(', ')},
      ${AMOUNTS.map((c) => (c === 'distance_km' ? `try_cast(${c} as double) as v_${c}` : `${money(c)} as v_${c}`)).join(', ')},
      line_id, bought, sku_lines, reason, stored_order, stored_status, is_new, return_rows, concat_ws('; ',
      ${required('return_id')}, ${required('order_id')}, ${required('sku')},
      ${required('quantity')}, ${integerAtLeast('quantity', 1, 'v_quantity')},
      ${required('requested_at')}, ${TIMESTAMPS.map((c) => timestamp(c, `v_${c}`)).join(', ')}, ${AMOUNTS.map((c) => nonNegative(c)).join(', ')},
      ${oneOf('condition', CONDITIONS)}, ${oneOf('disposition', DISPOSITIONS)}, ${oneOf('resolution', RESOLUTIONS)},
      case when reason_code is not null and reason is null then 'reason_code ''' || reason_code || ''' is not a return reason code' end,
      case when order_id is not null and sku is not null and line_id is null
           then 'order ' || order_id || ' has no line with sku ' || sku || ' (import the order first)' end,
      case when line > first_line then 'return ' || return_id || ' sku ' || sku || ' appears again (first on line ' || first_line || ')' end,
      case when order_id <> return_order then 'return ' || return_id || ' belongs to order ' || return_order || ' (line ' || order_line || '), not ' || order_id end,
      case when stored_order is not null and stored_order <> order_id then 'return ' || return_id || ' is already stored for order ' || stored_order || ', not ' || order_id end
    ) as problems
    from parsed`);
  // A SKU on several lines of its order: each row takes a line with units left (see split-sku-lines.ts).
  await allocateSplitSkuLines(conn, tenantId, HOLDING);
  // Units already held by stored returns, leaving out the lines this file replaces. A row that alone asks for
  // more than is left never counts against the rows after it; the others are accepted in file order while the
  // units last. Only lines asked for by several rows need the running sum. The few rows found over get their
  // reason set in place, which spares rewriting the whole checked table.
  await conn.run(`
    create or replace temp table import_over as
    with ok as (
      -- A stored return that was declined or canceled stays so (see keepStoredProgress) and holds no units.
      select line, return_id, order_id, line_id, sku, v_quantity, bought, sku_lines from import_checked
      where problems = '' and coalesce(stored_status not in (${ENDS.map(lit).join(', ')}), true)
    ),
    held as (
      select rl.order_id, rl.line_id, sum(rl.quantity) as units
      from return_lines rl join returns r on r.tenant_id = rl.tenant_id and r.id = rl.return_id
      where rl.tenant_id = ${t} and r.status in ${HOLDING} and rl.order_id in (select order_id from ok)
        and not exists (select 1 from ok f where f.return_id = rl.return_id and f.sku = rl.sku)
      group by rl.order_id, rl.line_id
    ),
    shared as (select order_id, line_id from ok group by order_id, line_id having count(*) > 1),
    with_held as (
      select f.*, coalesce(h.units, 0) as held_units, s.order_id is not null as is_shared
      from ok f left join held h on h.order_id = f.order_id and h.line_id = f.line_id
      left join shared s on s.order_id = f.order_id and s.line_id = f.line_id
    ),
    totals as (
      select *, held_units + v_quantity as total_units from with_held where not is_shared
      union all
      select *, held_units + case when held_units + v_quantity > bought then v_quantity
                     else sum(case when held_units + v_quantity > bought then 0 else v_quantity end)
                          over (partition by order_id, line_id order by line rows unbounded preceding) end
      from with_held where is_shared
    )
    select line, 'returns of order ' || order_id || ' sku ' || sku || ' would total ' || total_units || ' units but ' || bought || ' was bought'
      || case when sku_lines > 1 then ' on line ' || line_id || ' (the order has the sku on ' || sku_lines || ' lines, and a return takes units of one)' else '' end as problem
    from totals where total_units > bought`);
  await conn.run(`update import_checked c set problems = o.problem from import_over o where c.line = o.line`);
}

/**
 * A stored return keeps what a file leaves out (a column the file lacks, or an empty cell): an import adds to
 * what is known of a return and never erases it, so a later file with fewer columns cannot wipe refunds,
 * dispositions or dates. The stored values fill in the checked rows of stored lines, so the return's status,
 * the changes found and the writes all see the whole line.
 */
async function fillFromStoredReturns(conn: DuckDBConnection, t: string): Promise<number> {
  const stored = Number((await conn.runAndReadAll(`select count(*) from import_checked where problems = '' and not is_new`)).getRows()[0][0]);
  if (stored === 0) return 0; // a first import has nothing to fill in, and the updates would still scan
  const filled = LINE_SET.filter((c) => c !== 'quantity').map((c) => {
    const target = lineValue(c).slice(2); // the checked row's column: v.<name>
    return `${target} = coalesce(v.${target}, rl.${c})`;
  });
  await conn.run(`
    update import_checked v set ${filled.join(', ')}
    from (select * from return_lines where tenant_id = ${t}) rl
    where v.problems = '' and not v.is_new and rl.return_id = v.return_id and rl.sku = v.sku`);
  await conn.run(`
    update import_checked v set resolution = r.resolution
    from (select id, resolution from returns where tenant_id = ${t} and resolution is not null) r
    where v.problems = '' and not v.is_new and v.resolution is null and r.id = v.return_id`);
  return stored;
}

/**
 * A file never moves a stored return back in its lifecycle: what its lines say can take a return forward
 * (approved in Rebound, received per the file), but a return Rebound approved, shipped, closed, declined or
 * canceled is not made `requested` again by a file that knows less. Dates the file gives win; dates the import
 * only infers (approval, resolution) never replace recorded ones.
 */
async function keepStoredProgress(conn: DuckDBConnection, t: string): Promise<void> {
  await conn.run(`
    update import_returns x set
      status = case when r.status in (${ENDS.map(lit).join(', ')}) then r.status
                    when list_position([${LIFECYCLE.join(', ')}], r.status) > list_position([${LIFECYCLE.join(', ')}], x.status) then r.status
                    else x.status end,
      approved_at = coalesce(r.approved_at, x.approved_at),
      received_at = coalesce(x.received_at, r.received_at),
      inspected_at = coalesce(x.inspected_at, r.inspected_at),
      resolved_at = coalesce(r.resolved_at, x.resolved_at)
    from (select * from returns where tenant_id = ${t}) r
    where not x.is_new and r.id = x.id`);
}

/** What a returns import is about to write: counted before the transaction, so a no-op skips its statement. */
export interface ReturnWrites {
  newReturns: number;
  /** Stored returns whose lines the file adds or changes. */
  changedReturns: number;
}

// Rows of returns already stored are compared and updated; rows of new returns are plainly inserted (their
// lines cannot exist yet), so a first import of a big file never compares row by row.
const storedLinesOf = (t: string) =>
  `(select * from return_lines where tenant_id = ${t} and return_id in (select return_id from import_checked where not is_new))`;

/**
 * Derives, from the checked rows, the temp tables the writes read (`import_changed`, `import_returns`). Runs
 * before the writing transaction: DuckDB inserts about half as fast from a table created in the same
 * transaction, and these tables are the import's own scratch, not store data.
 */
export async function prepareReturnWrites(conn: DuckDBConnection, tenantId: string): Promise<ReturnWrites> {
  const t = lit(tenantId);
  const storedRows = await fillFromStoredReturns(conn, t);
  // A return's status is read off what its lines say happened (see README: statuses of imported returns).
  // Returns given on one row need no aggregate: the same rules, read off that row. The customer is the order's.
  await conn.run(`
    create or replace temp table import_returns as
    with per_return as (
      select return_id as id, order_id, is_new,
        case when resolution is not null then 'resolved'
             when v_inspected_at is not null or disposition is not null then 'inspected'
             when v_received_at is not null then 'received'
             else 'requested' end as status,
        resolution, v_requested_at as requested_at,
        case when v_received_at is not null or resolution is not null then v_requested_at end as approved_at,
        v_received_at as received_at, v_inspected_at as inspected_at,
        case when resolution is not null then coalesce(v_refunded_at, v_inspected_at, v_requested_at) end as resolved_at
      from import_checked where problems = '' and return_rows = 1
      union all
      select v.return_id, any_value(v.order_id), any_value(v.is_new),
        case when bool_or(v.resolution is not null) then 'resolved'
             when bool_and(v.v_inspected_at is not null or v.disposition is not null) then 'inspected'
             when bool_or(v.v_received_at is not null) then 'received'
             else 'requested' end,
        arg_min(v.resolution, v.line) filter (where v.resolution is not null),
        min(v.v_requested_at),
        case when bool_or(v.v_received_at is not null or v.resolution is not null) then min(v.v_requested_at) end,
        max(v.v_received_at), max(v.v_inspected_at),
        case when bool_or(v.resolution is not null) then coalesce(max(v.v_refunded_at), max(v.v_inspected_at), max(v.v_requested_at)) end
      from import_checked v where v.problems = '' and v.return_rows > 1 group by v.return_id
    )
    select x.*, o.customer_id from per_return x
    left join (select id, customer_id from orders where tenant_id = ${t}) o on o.id = x.order_id`);
  if (storedRows > 0) await keepStoredProgress(conn, t);
  // Stored returns this file changes, in their lines (added or different) or in what those lines make of the
  // return (status, resolution, dates): they get a new updated_at, which is what the KPI marts refresh
  // incrementally on. Identical re-imports change nothing, not even that.
  await conn.run(`create or replace temp table import_changed as
    select v.return_id from import_checked v
    left join ${storedLinesOf(t)} rl on rl.return_id = v.return_id and rl.sku = v.sku
    where v.problems = '' and not v.is_new and (rl.return_id is null
       ${LINE_SET.map((c) => `or rl.${c} is distinct from ${lineValue(c)}`).join('\n       ')})
    union
    select x.id from import_returns x join (select * from returns where tenant_id = ${t}) r on r.id = x.id
    where not x.is_new and (${RETURN_SET.map((c) => `r.${c} is distinct from x.${c}`).join(' or ')})`);
  const { fresh, changed } = await countNewAndChanged(conn, 'import_returns', 'import_changed');
  return { newReturns: fresh, changedReturns: changed };
}

/**
 * Writes the valid checked return rows into returns and return_lines (inside the caller's transaction, after
 * prepareReturnWrites); new returns are stamped with the import's id. A refund given in the file stays on its
 * line (refund_amount, refunded_at): the refunds table is the ledger of refunds Rebound itself pays, and it never
 * pays a line that already carries one (see recordLineRefund).
 */
export async function writeReturnRows(conn: DuckDBConnection, tenantId: string, importId: string, writes: ReturnWrites): Promise<void> {
  const t = lit(tenantId);
  // A statement with nothing to do still scans the table it would change, so it is not run at all. Every stored
  // return an update below changes is in import_changed (its header or a line differs).
  if (writes.changedReturns > 0) {
    await conn.run(`
      update returns r set ${RETURN_SET.map((c) => `${c} = x.${c}`).join(', ')}
      from import_returns x
      where not x.is_new and r.tenant_id = ${t} and r.id = x.id and (${RETURN_SET.map((c) => `r.${c} is distinct from x.${c}`).join(' or ')})`);
  }
  if (writes.newReturns > 0) {
    await conn.run(`
      insert into returns (tenant_id, id, order_id, customer_id, status, resolution, source, requested_at, approved_at, received_at,
                           inspected_at, resolved_at, version, updated_at, import_id)
      select ${t}, id, order_id, customer_id, status, resolution, 'import', requested_at, approved_at, received_at,
             inspected_at, resolved_at, 1, now(), ${lit(importId)}
      from import_returns where is_new`);
  }
  if (writes.changedReturns > 0) {
    await conn.run(`
      update return_lines rl set ${LINE_SET.map((c) => `${c} = ${lineValue(c)}`).join(', ')}
      from import_checked v
      where v.problems = '' and not v.is_new and rl.tenant_id = ${t} and rl.return_id = v.return_id and rl.sku = v.sku
        and (${LINE_SET.map((c) => `rl.${c} is distinct from ${lineValue(c)}`).join(' or ')})`);
  }
  const lineColumns = `${t}, v.return_id, v.order_id, v.line_id, v.sku, ${LINE_SET.map(lineValue).join(', ')}`;
  // Lines of new returns, and lines a stored return gains.
  const sources = [
    writes.newReturns > 0 ? `select ${lineColumns} from import_checked v where v.problems = '' and v.is_new` : null,
    writes.changedReturns > 0
      ? `select ${lineColumns} from import_checked v anti join ${storedLinesOf(t)} rl on rl.return_id = v.return_id and rl.sku = v.sku
         where v.problems = '' and not v.is_new`
      : null,
  ].filter((x) => x !== null);
  if (sources.length) {
    await conn.run(`insert into return_lines (tenant_id, return_id, order_id, line_id, sku, ${LINE_SET.join(', ')})\n    ${sources.join('\n    union all\n    ')}`);
  }
  if (writes.changedReturns > 0) {
    await conn.run(`update returns set updated_at = now() where tenant_id = ${t} and id in (select return_id from import_changed)`);
  }
}
