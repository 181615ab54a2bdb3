import type { Store } from '../db/connection';
import type { KpisService } from '../kpis/kpis.service';
import { REASONS } from '../classification/taxonomy';
import { heldUnits, heldUntil } from '../returns/held-sql';

const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;
const DAY_MS = 86_400_000;

/** Which returns of a tenant a facts query covers: one, or those requested in a window [from, to). */
interface FactsScope {
  returnId?: string;
  from?: string;
  to?: string;
}

const scopeSql = (opts: FactsScope) =>
  [
    opts.returnId ? `id = ${lit(opts.returnId)}` : 'true',
    opts.from ? `requested_at >= ${lit(opts.from)}::timestamptz` : 'true',
    opts.to ? `requested_at < ${lit(opts.to)}::timestamptz` : 'true',
  ].join(' and ');

/** The first instants (UTC, epoch ms) of the months in which the scoped returns of a tenant were requested. */
export async function requestMonthsOf(store: Store, tenantId: string, scope: FactsScope = {}): Promise<number[]> {
  const rows = await store.query<{ month: number }>(
    `select distinct epoch_ms(date_trunc('month', requested_at)) as month from returns where tenant_id = ${lit(tenantId)} and ${scopeSql(scope)} order by 1`,
  );
  return rows.map((r) => Number(r.month));
}

/**
 * The 90-day KPIs of one dimension (sku or category) as a CTE body, and how a return's row joins it. Live, one
 * window: the 90 days before `asOf` (now). A backtest passes the months its returns were requested in
 * (`requestMonths`): each return then reads the 90 days before the first of its month, so a return of last
 * spring is judged on what was known last spring, not on today's figures. One window per month, not per
 * request: each window is a pass over the marts (about 0.15 s at 1M return lines), so a year of history costs
 * 12 of them, and a return's window ends at most a month before the one its live decision read.
 */
function ninetyDayKpis(kpis: KpisService, tenantId: string, dimension: 'sku' | 'category', asOf: Date, requestMonths?: number[]): { cte: string; on: (alias: string) => string } {
  const render = (to: number) =>
    kpis.renderMartSql('mart_return_kpis_by_dimension', tenantId, { from: new Date(to - 90 * DAY_MS).toISOString(), to: new Date(to).toISOString() }, { kpi_dimension: dimension });
  if (!requestMonths) return { cte: render(asOf.getTime()), on: () => 'true' };
  // No returns in scope: one empty window keeps the query's shape.
  const months = requestMonths.length ? requestMonths : [asOf.getTime()];
  return {
    cte: months.map((m) => `select ${m}::bigint as window_end_ms, * from (${render(m)})${requestMonths.length ? '' : ' where false'}`).join('\n      union all\n      '),
    on: (alias) => `${alias}.window_end_ms = epoch_ms(date_trunc('month', r.requested_at))`,
  };
}

/**
 * SQL giving one row of facts per return of a tenant (all its history, or one return): the facts of
 * facts.ts, plus what a backtest needs to price a decision (costs, recovered value, refunds). The 90-day SKU
 * and category KPIs come from the dbt KPI mart rendered for the trailing 90 days (see ninetyDayKpis): no formula
 * is repeated here.
 */
export function returnFactsSql(
  kpis: KpisService,
  tenantId: string,
  opts: FactsScope & { asOf?: Date; only?: Set<string>; requestMonths?: number[] } = {},
): string {
  const t = lit(tenantId);
  // A backtest passes the facts its rules use: the costly parts (customer history, the 90-day marts, fraud
  // signals) are then left out and their columns read as null, which no rule of that set looks at.
  const uses = (prefixOrNames: string[]) => !opts.only || prefixOrNames.some((n) => [...opts.only!].some((f) => f === n || f.startsWith(n)));
  const withCustomers = uses(['customer_']);
  const withSku = uses(['sku_return_rate_90d', 'sku_recovery_rate_90d', 'sku_value_recovery_rate_90d', 'sku_cost_per_return_90d']);
  const withCategory = uses(['category_return_rate_90d', 'category_landfill_rate_90d']);
  const withOrderValue = uses(['order_value']);
  const withBuckets = uses(['fault_bucket']);
  const withSignals = uses(['fraud_signal_', 'fraud_signals']);
  // Every return refers to an order of the tenant (requests and imports check it), so leaving the join out changes no row.
  const withOrder = uses(['channel', 'days_since_order', 'days_since_delivery']);
  const optional = (on: boolean, sql: string) => (on ? sql : '');
  const asOf = opts.asOf ?? new Date();
  const skuKpis = withSku ? ninetyDayKpis(kpis, tenantId, 'sku', asOf, opts.requestMonths) : null;
  const categoryKpis = withCategory ? ninetyDayKpis(kpis, tenantId, 'category', asOf, opts.requestMonths) : null;
  const buckets = Object.entries(REASONS).map(([code, r]) => `(${lit(code)}, ${lit(r.faultBucket)})`).join(', ');
  const scope = scopeSql(opts);
  return `
    with r as materialized (select * from returns where tenant_id = ${t} and ${scope}),
    lines as (
      select rl.return_id, rl.sku, rl.quantity, ol.category, ol.unit_price::double * rl.quantity as value,
             coalesce(rl.reason_code, rl.predicted_reason_code) as reason_code,
             case when rl.reason_code is not null then 1.0 else rl.predicted_confidence end as reason_confidence,
             coalesce(rl.shipping_cost, 0)::double + coalesce(rl.processing_cost, 0)::double as cost,
             coalesce(rl.recovered_value::double, case when rl.disposition = 'restock' then ol.unit_price::double * rl.quantity else 0 end) as recovered,
             coalesce(rl.refund_amount::double, 0) as refunded
      from return_lines rl join r on r.id = rl.return_id
      join order_lines ol on ol.tenant_id = rl.tenant_id and ol.order_id = rl.order_id and ol.line_id = rl.line_id
      where rl.tenant_id = ${t}
    ),
    per_return as (
      -- One arg_max over a struct rather than one per column: the group-by is the costliest step of a backtest.
      select return_id, quantity, line_value, top.sku, top.category, top.reason_code, top.reason_confidence::double as reason_confidence,
             return_cost, recovered_value, refunded
      from (
        select return_id, sum(quantity)::double as quantity, sum(value) as line_value,
               -- The most valuable line; of lines worth the same, the first SKU in order, so a decision and its
               -- backtest never differ by the order DuckDB happened to read the lines in.
               arg_min({'sku': sku, 'category': category, 'reason_code': reason_code, 'reason_confidence': reason_confidence}, {'value': -value, 'sku': sku}) as top,
               sum(cost) as return_cost, sum(recovered) as recovered_value, sum(refunded) as refunded
        from lines group by return_id
      )
    ),
    ${optional(withCustomers, `customer_history as (
      -- As of each return's request, as the live decision saw it: later orders and returns are not history yet.
      select r.id as return_id, count(distinct o.id)::double as customer_orders, sum(ol.quantity)::double as units, sum(ol.quantity * ol.unit_price)::double as ordered_value
      from r join orders o on o.tenant_id = ${t} and o.customer_id = r.customer_id and o.ordered_at <= r.requested_at
      join order_lines ol on ol.tenant_id = o.tenant_id and ol.order_id = o.id
      group by r.id
    ),
    held_units as (
      -- The units of each return: its lines, plus units taken off it since (return.units_removed), each counted
      -- only before its removal, so a return holds what it held when the return being decided was requested.
      ${heldUnits(t)}
    ),
    other_returns as (
      -- When each return stopped holding its units (see returns/held-sql.ts).
      select x.id, x.customer_id, x.requested_at, ${heldUntil('x')} as ended_at from returns x where x.tenant_id = ${t}
    ),
    customer_returns as (
      -- The customer's other returns as they stood when this one was requested (the return being decided is not
      -- its own history): one declined or canceled later still held its units then, as the live decision saw.
      select r.id as return_id, sum(u.quantity)::double as units_returned,
             sum(case when coalesce(u.refunded_at, x.requested_at) <= r.requested_at then coalesce(u.refund_amount, 0) else 0 end)::double as refunded
      from r join other_returns x on x.customer_id = r.customer_id and x.id <> r.id and x.requested_at <= r.requested_at
        and (x.ended_at is null or x.ended_at > r.requested_at)
      join held_units u on u.return_id = x.id and (u.removed_at is null or u.removed_at > r.requested_at)
      group by r.id
    ),`)}
    ${optional(withOrderValue, `order_values as (
      select order_id, sum(quantity * unit_price)::double as order_value from order_lines
      where tenant_id = ${t} and order_id in (select order_id from r) group by order_id
    ),`)}
    ${optional(withSku, `sku_kpis as (${skuKpis?.cte}),`)}
    ${optional(withCategory, `category_kpis as (${categoryKpis?.cte}),`)}
    buckets (reason_code, fault_bucket) as (values ${buckets})
    select
      r.id as return_id, r.requested_at, r.customer_id,
      ${withOrderValue ? 'ov.order_value' : 'null::double as order_value'}, p.line_value, p.quantity,
      -- Differences of epochs, not of TIMESTAMPTZ values: the latter go through the ICU calendar and are ~100x slower.
      ${withOrder ? `(epoch(r.requested_at) - epoch(o.ordered_at)) / 86400.0 as days_since_order,
      (epoch(r.requested_at) - epoch(coalesce(o.delivered_at, o.ordered_at))) / 86400.0 as days_since_delivery,` : 'null::double as days_since_order, null::double as days_since_delivery,'}
      t.return_window_days,
      ${withOrder ? 'o.channel' : 'null::varchar as channel'}, p.category, p.sku, p.reason_code, p.reason_confidence, ${withBuckets ? 'b.fault_bucket' : 'null::varchar as fault_bucket'},
      coalesce(r.fraud_score, 0)::double as fraud_score,
      ${withSignals ? `coalesce(list_transform(from_json(r.fraud_signals, '[{"signal": "VARCHAR"}]'), x -> x.signal), []::varchar[])` : 'null::varchar[]'} as fraud_signals,
      ${['serial_returner', 'return_after_window', 'high_value', 'bracketing', 'wardrobing', 'item_mismatch', 'light_box', 'linked_accounts', 'refund_velocity']
        .map((s) => (withSignals ? `case when coalesce(json_contains(r.fraud_signals, '{"signal": "${s}"}'), false) then 1.0 else 0.0 end` : 'null::double') + ` as fraud_signal_${s}`)
        .join(',\n      ')},
      ${withCustomers ? `ch.customer_orders, coalesce(cr.units_returned, 0) / nullif(ch.units, 0) as customer_return_rate,
      ch.ordered_value - coalesce(cr.refunded, 0) as customer_lifetime_value,` : 'null::double as customer_orders, null::double as customer_return_rate, null::double as customer_lifetime_value,'}
      ${withSku ? `sk.return_rate_units::double as sku_return_rate_90d, sk.recovery_rate_units::double as sku_recovery_rate_90d,
      sk.value_recovery_rate::double as sku_value_recovery_rate_90d, sk.cost_per_return::double as sku_cost_per_return_90d,` : 'null::double as sku_return_rate_90d, null::double as sku_recovery_rate_90d, null::double as sku_value_recovery_rate_90d, null::double as sku_cost_per_return_90d,'}
      ${withCategory ? `ck.return_rate_units::double as category_return_rate_90d, ck.landfill_rate_units::double as category_landfill_rate_90d,` : 'null::double as category_return_rate_90d, null::double as category_landfill_rate_90d,'}
      p.return_cost, p.recovered_value, p.refunded
    from r
    ${optional(withOrder, 'join orders o on o.tenant_id = r.tenant_id and o.id = r.order_id')}
    -- The policy is read once per query, not per row (JSON extraction on every row was most of a backtest's time).
    cross join (select json_extract(policy, '$.return_window_days')::double as return_window_days from tenants where id = ${t}) t
    join per_return p on p.return_id = r.id
    ${optional(withOrderValue, 'join order_values ov on ov.order_id = r.order_id')}
    ${optional(withCustomers, `left join customer_history ch on ch.return_id = r.id
    left join customer_returns cr on cr.return_id = r.id`)}
    ${optional(withSku, `left join sku_kpis sk on sk.dimension_value = p.sku and ${skuKpis?.on('sk')}`)}
    ${optional(withCategory, `left join category_kpis ck on ck.dimension_value = p.category and ${categoryKpis?.on('ck')}`)}
    ${optional(withBuckets, 'left join buckets b on b.reason_code = p.reason_code')}`;
}
