import type { DuckDBConnection } from '@duckdb/node-api';
import { CONDITIONS, DISPOSITIONS, RESOLUTIONS } from '@rebound/engine';
import { REASON_ALIASES } from '@rebound/engine/taxonomy';
import { integerAtLeast, lit, money, nonNegative, oneOf, required, timestamp, ts } from './sql-checks';

const TIMESTAMPS = ['requested_at', 'received_at', 'inspected_at', 'restocked_at', 'refunded_at'];
const AMOUNTS = ['refund_amount', 'recovered_value', 'shipping_cost', 'processing_cost', 'distance_km'];
// Statuses whose returns hold units of an order line (declined and canceled ones free them).
const HOLDING = `('requested', 'approved', 'in_transit', 'received', 'inspected', 'resolved', 'closed')`;

/**
 * Checks every staged return row in SQL; fills temp table `import_checked` with a `problems` column. Two passes:
 * first each row on its own and against the imported orders, then quantities over the rows that passed, since
 * "more than was bought" only means something for otherwise valid rows.
 */
export async function checkReturnRows(conn: DuckDBConnection, tenantId: string): Promise<void> {
  const t = lit(tenantId);
  const aliases = [...REASON_ALIASES].map(([alias, code]) => `(${lit(alias)}, ${lit(code)})`).join(', ');
  await conn.run(`create or replace temp table reason_aliases (alias varchar, code varchar)`);
  await conn.run(`insert into reason_aliases values ${aliases}`);
  await conn.run(`
    create or replace temp table import_first as
    with lines as (
      select order_id, sku, arg_min(line_id, line_id) as line_id, arg_min(quantity, line_id) as bought
      from order_lines where tenant_id = ${t} group by order_id, sku
    ),
    staged as (
      select s.*, min(line) over (partition by return_id, sku) as first_line,
             arg_min(order_id, line) over (partition by return_id) as return_order
      from import_rows s
    ),
    joined as (
      select s.*, l.line_id, l.bought, a.code as reason, r.order_id as stored_order
      from staged s
      left join lines l on l.order_id = s.order_id and l.sku = s.sku
      left join reason_aliases a on a.alias = upper(s.reason_code)
      left join (select id, order_id from returns where tenant_id = ${t}) r on r.id = s.return_id
    )
    select *, concat_ws('; ',
      ${required('return_id')}, ${required('order_id')}, ${required('sku')},
      ${required('quantity')}, ${integerAtLeast('quantity', 1)},
      ${required('requested_at')}, ${TIMESTAMPS.map(timestamp).join(', ')}, ${AMOUNTS.map(nonNegative).join(', ')},
      ${oneOf('condition', CONDITIONS)}, ${oneOf('disposition', DISPOSITIONS)}, ${oneOf('resolution', RESOLUTIONS)},
      case when reason_code is not null and reason is null then 'reason_code ''' || reason_code || ''' is not a return reason code' end,
      case when order_id is not null and sku is not null and line_id is null
           then 'order ' || order_id || ' has no line with sku ' || sku || ' (import the order first)' end,
      case when line > first_line then 'return ' || return_id || ' sku ' || sku || ' appears again (first on line ' || first_line || ')' end,
      case when order_id <> return_order then 'return ' || return_id || ' belongs to order ' || return_order || ' (line ' || first_line || '), not ' || order_id end,
      case when stored_order is not null and stored_order <> order_id then 'return ' || return_id || ' is already stored for order ' || stored_order || ', not ' || order_id end
    ) as problems
    from joined`);
  // Units already held by stored returns, leaving out the lines this file replaces.
  await conn.run(`
    create or replace temp table import_checked as
    with held as (
      select rl.order_id, rl.line_id, sum(rl.quantity) as units
      from return_lines rl join returns r on r.tenant_id = rl.tenant_id and r.id = rl.return_id
      where rl.tenant_id = ${t} and r.status in ${HOLDING}
        and not exists (select 1 from import_first f where f.problems = '' and f.return_id = rl.return_id and f.sku = rl.sku)
      group by rl.order_id, rl.line_id
    ),
    with_held as (
      select f.*, coalesce(h.units, 0) as held_units
      from import_first f left join held h on h.order_id = f.order_id and h.line_id = f.line_id
      where f.problems = ''
    ),
    -- A row that alone asks for more than is left never counts against the rows after it; the others
    -- are accepted in file order while the units last.
    running as (
      select *, held_units + case when held_units + cast(quantity as integer) > bought then cast(quantity as integer)
                     else sum(case when held_units + cast(quantity as integer) > bought then 0 else cast(quantity as integer) end)
                          over (partition by order_id, line_id order by line rows unbounded preceding) end as total_units
      from with_held
    )
    select * exclude (held_units, total_units) replace (
      case when total_units > bought
           then 'returns of order ' || order_id || ' sku ' || sku || ' would total ' || total_units || ' units but ' || bought || ' was bought'
           else '' end as problems)
    from running
    union all by name
    select * from import_first where problems <> ''`);
  await conn.run('drop table import_first');
}

// The value a staged return row gives a return_lines column, typed as the column is.
function lineValue(column: string): string {
  if (column === 'quantity') return 'cast(v.quantity as integer)';
  if (column === 'reason_code') return 'v.reason';
  if (['condition', 'disposition'].includes(column)) return `lower(v.${column})`;
  if (column.endsWith('_at')) return ts(`v.${column}`);
  if (column === 'distance_km') return 'try_cast(v.distance_km as double)';
  if (column === 'reason_text') return 'v.reason_text';
  return money(`v.${column}`);
}

/** Writes the valid staged return rows into returns, return_lines and refunds (inside the caller's transaction). */
export async function upsertReturnRows(conn: DuckDBConnection, tenantId: string, currency: string): Promise<{ newReturns: number }> {
  const t = lit(tenantId);
  await conn.run(`create or replace temp table import_valid as select * from import_checked where problems = ''`);
  await conn.run(`create or replace temp table import_new as
    select distinct v.return_id from import_valid v anti join (select id from returns where tenant_id = ${t}) r on r.id = v.return_id`);
  // Returns whose lines this file adds or changes: they get a new updated_at, which is what the KPI marts
  // refresh incrementally on. Identical re-imports change nothing, not even that.
  await conn.run(`create or replace temp table import_changed as
    select distinct v.return_id from import_valid v
    left join (select * from return_lines where tenant_id = ${t}) rl on rl.return_id = v.return_id and rl.sku = v.sku
    where rl.return_id is null
       ${['quantity', 'reason_code', 'reason_text', 'condition', 'disposition', 'received_at', 'inspected_at', 'restocked_at', 'refunded_at',
          'refund_amount', 'recovered_value', 'shipping_cost', 'processing_cost', 'distance_km']
         .map((c) => `or rl.${c} is distinct from ${lineValue(c)}`).join('\n       ')}`);
  // A return's status is read off what its lines say happened (see README: statuses of imported returns).
  await conn.run(`
    create or replace temp table import_returns as
    select v.return_id as id, any_value(v.order_id) as order_id, any_value(o.customer_id) as customer_id,
      case when bool_or(v.resolution is not null) then 'resolved'
           when bool_and(v.inspected_at is not null or v.disposition is not null) then 'inspected'
           when bool_or(v.received_at is not null) then 'received'
           else 'requested' end as status,
      lower(arg_min(v.resolution, v.line) filter (where v.resolution is not null)) as resolution,
      min(${ts('v.requested_at')}) as requested_at,
      case when bool_or(v.received_at is not null or v.resolution is not null) then min(${ts('v.requested_at')}) end as approved_at,
      max(${ts('v.received_at')}) as received_at, max(${ts('v.inspected_at')}) as inspected_at,
      case when bool_or(v.resolution is not null) then coalesce(max(${ts('v.refunded_at')}), max(${ts('v.inspected_at')}), max(${ts('v.requested_at')})) end as resolved_at
    from import_valid v join orders o on o.tenant_id = ${t} and o.id = v.order_id
    group by v.return_id`);
  // New keys are plainly inserted and stored ones updated only where they differ: DuckDB's INSERT .. ON CONFLICT
  // checks every row against the key index one by one, several times slower on a big file.
  const RETURN_SET = ['status', 'resolution', 'requested_at', 'approved_at', 'received_at', 'inspected_at', 'resolved_at'];
  await conn.run(`
    update returns r set ${RETURN_SET.map((c) => `${c} = x.${c}`).join(', ')}
    from import_returns x
    where r.tenant_id = ${t} and r.id = x.id and (${RETURN_SET.map((c) => `r.${c} is distinct from x.${c}`).join(' or ')})`);
  await conn.run(`
    insert into returns (tenant_id, id, order_id, customer_id, status, resolution, source, requested_at, approved_at, received_at,
                         inspected_at, resolved_at, version, updated_at)
    select ${t}, x.id, x.order_id, x.customer_id, x.status, x.resolution, 'import', x.requested_at, x.approved_at, x.received_at,
           x.inspected_at, x.resolved_at, 1, now()
    from import_returns x semi join import_new n on n.return_id = x.id`);
  await conn.run('drop table import_returns');
  const LINE_SET = ['quantity', 'reason_code', 'reason_text', 'condition', 'disposition', 'received_at', 'inspected_at', 'restocked_at',
    'refunded_at', 'refund_amount', 'recovered_value', 'shipping_cost', 'processing_cost', 'distance_km'];
  await conn.run(`
    create or replace temp table import_lines as
    select return_id, order_id, line_id, sku, cast(quantity as integer) as quantity, reason as reason_code, reason_text,
           lower(condition) as condition, lower(disposition) as disposition,
           ${ts('received_at')} as received_at, ${ts('inspected_at')} as inspected_at, ${ts('restocked_at')} as restocked_at,
           ${ts('refunded_at')} as refunded_at, ${money('refund_amount')} as refund_amount, ${money('recovered_value')} as recovered_value,
           ${money('shipping_cost')} as shipping_cost, ${money('processing_cost')} as processing_cost,
           try_cast(distance_km as double) as distance_km
    from import_valid`);
  await conn.run(`
    update return_lines rl set ${LINE_SET.map((c) => `${c} = x.${c}`).join(', ')}
    from import_lines x
    where rl.tenant_id = ${t} and rl.return_id = x.return_id and rl.sku = x.sku
      and (${LINE_SET.map((c) => `rl.${c} is distinct from x.${c}`).join(' or ')})`);
  await conn.run(`
    insert into return_lines (tenant_id, return_id, order_id, line_id, sku, ${LINE_SET.join(', ')})
    select ${t}, x.return_id, x.order_id, x.line_id, x.sku, ${LINE_SET.map((c) => `x.${c}`).join(', ')}
    from import_lines x anti join (select return_id, sku from return_lines where tenant_id = ${t}) rl
      on rl.return_id = x.return_id and rl.sku = x.sku`);
  await conn.run('drop table import_lines');
  await conn.run(`update returns set updated_at = now() where tenant_id = ${t} and id in (select return_id from import_changed)`);
  await conn.run('drop table import_changed');
  // A refund already recorded for a line is never recorded (or paid) again.
  await conn.run(`
    insert into refunds (tenant_id, return_id, sku, amount, currency, kind, refunded_at)
    select ${t}, return_id, sku, ${money('refund_amount')}, ${lit(currency)}, coalesce(lower(resolution), 'refund'),
           coalesce(${ts('refunded_at')}, ${ts('requested_at')})
    from import_valid v where refund_amount is not null
      and not exists (select 1 from refunds f where f.tenant_id = ${t} and f.return_id = v.return_id and f.sku = v.sku)`);
  await conn.run(`
    insert into events (tenant_id, entity_type, entity_id, type, actor, occurred_at, reason, payload)
    select ${t}, 'return', r.id, 'return.imported', 'import', now(), null, json_object('status', r.status, 'order_id', r.order_id)
    from returns r semi join import_new n on n.return_id = r.id where r.tenant_id = ${t}`);
  const newReturns = Number((await conn.runAndReadAll('select count(*) from import_new')).getRows()[0][0]);
  await conn.run('drop table import_valid');
  await conn.run('drop table import_new');
  return { newReturns };
}
