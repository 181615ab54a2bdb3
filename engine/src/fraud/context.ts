import type { Store } from '../db/connection';
import { NotFoundError } from '../shared/errors';
import { parsePolicy } from '../returns/policy';
import { heldAt, heldUnits } from '../returns/held-sql';
import type { FraudContext, FraudLine } from './signal';

/** Loads what the fraud signals need for one return of a tenant, in a handful of set-based queries. */
export async function loadFraudContext(store: Store, tenantId: string, returnId: string): Promise<FraudContext> {
  // Each table is narrowed by its id alone first (a one-column scan that zone maps prune), then joined.
  const [head] = await store.query<{
    customer_id: string;
    order_id: string;
    requested_at: Date;
    requested_exact: string;
    window_start: Date;
    policy: string;
  }>(
    `with r as materialized (select * from returns where id = $2),
          o as materialized (select * from orders where id = (select order_id from r where tenant_id = $1))
     select r.customer_id, r.order_id, r.requested_at, r.requested_at::varchar as requested_exact, coalesce(o.delivered_at, o.ordered_at) as window_start, t.policy
     from r join o on o.tenant_id = r.tenant_id join tenants t on t.id = r.tenant_id
     where r.tenant_id = $1`,
    [tenantId, returnId],
  );
  if (!head) throw new NotFoundError('return', returnId);

  const lines = await store.query<FraudLine>(
    `with rl as materialized (select * from return_lines where return_id = $2),
          ol as materialized (select * from order_lines where order_id = $3)
     select rl.sku, ol.category, rl.quantity, ol.unit_price::double as unit_price, ol.weight_kg, rl.reason_text, rl.condition,
            rl.received_quantity, rl.received_sku, rl.received_weight_kg
     from rl join ol on ol.tenant_id = rl.tenant_id and ol.line_id = rl.line_id
     where rl.tenant_id = $1 order by rl.sku`,
    [tenantId, returnId, head.order_id],
  );
  const orderSkus = (
    await store.query<{ sku: string }>(
      `with ol as materialized (select * from order_lines where order_id = $2) select sku from ol where tenant_id = $1 order by sku`,
      [tenantId, head.order_id],
    )
  ).map((r) => r.sku);

  const [history] = await store.query<{ orders: number; units_ordered: number; units_returned: number; returns: number }>(
    `with o as (select id from orders where tenant_id = $1 and customer_id = $2
                  and ordered_at >= $3::timestamptz - interval 365 day and ordered_at <= $3::timestamptz),
          r as (select id from returns x where tenant_id = $1 and customer_id = $2 and id <> $4
                  and requested_at >= $3::timestamptz - interval 365 day and requested_at <= $3::timestamptz
                  and ${heldAt('x', '$3::timestamptz')})
     select (select count(*) from o) as orders,
            (select coalesce(sum(quantity), 0) from order_lines where tenant_id = $1 and order_id in (select id from o)) as units_ordered,
            -- Units taken off a return after this request were still held then (see heldUnits).
            (select coalesce(sum(u.quantity), 0) from (${heldUnits('$1', 'select id from r')}) u
              where u.removed_at is null or u.removed_at > $3::timestamptz) as units_returned,
            (select count(*) from r) as returns`,
    // The request time as DuckDB wrote it, to the microsecond as the batch loader compares it (a JS Date keeps ms).
    [tenantId, head.customer_id, head.requested_exact, returnId],
  );

  const [price] = await store.query<{ p90: number | null }>(
    // Fewer than 20 prices say nothing about what is expensive for this merchant.
    `select case when count(*) >= 20 then quantile_cont(unit_price::double, 0.9) end as p90 from order_lines where tenant_id = $1`,
    [tenantId],
  );

  const linked = await store.query<{ field: 'email' | 'phone' | 'address'; customers: string[] }>(
    `with me as (select email, phone, address from customers where tenant_id = $1 and id = $2)
     select 'email' as field, list(c.id order by c.id) as customers from customers c, me
       where c.tenant_id = $1 and c.id <> $2 and me.email is not null and c.email = me.email
     union all
     select 'phone', list(c.id order by c.id) from customers c, me
       where c.tenant_id = $1 and c.id <> $2 and me.phone is not null and c.phone = me.phone
     union all
     select 'address', list(c.id order by c.id) from customers c, me
       where c.tenant_id = $1 and c.id <> $2 and me.address is not null and c.address = me.address`,
    [tenantId, head.customer_id],
  );

  const [refunds] = await store.query<{ count: number; amount: number }>(
    // Refunds live on the lines (paid by Rebound or imported with the history); one line, one refund.
    `select count(*) as count, coalesce(sum(rl.refund_amount), 0)::double as amount
     from return_lines rl join returns r on r.tenant_id = rl.tenant_id and r.id = rl.return_id
     where rl.tenant_id = $1 and r.customer_id = $2 and rl.return_id <> $4 and rl.refund_amount is not null
       and coalesce(rl.refunded_at, r.requested_at) between $3::timestamptz - interval 30 day and $3::timestamptz`,
    [tenantId, head.customer_id, head.requested_exact, returnId],
  );

  return {
    returnId,
    customerId: head.customer_id,
    requestedAt: new Date(head.requested_at),
    windowStartsAt: new Date(head.window_start),
    returnWindowDays: parsePolicy(head.policy).return_window_days,
    lines: lines.map((l) => ({ ...l, unit_price: Number(l.unit_price) })),
    orderSkus,
    customer: {
      orders: Number(history.orders),
      unitsOrdered: Number(history.units_ordered),
      unitsReturned: Number(history.units_returned),
      returns: Number(history.returns),
    },
    tenantPriceP90: price?.p90 ?? null,
    linkedAccounts: linked.filter((l) => l.customers?.length).map((l) => ({ field: l.field, customers: [...l.customers] })),
    refundsLast30Days: { count: Number(refunds.count), amount: Number(refunds.amount) },
  };
}
