import type { Store } from '../db/connection';
import { parsePolicy } from '../returns/policy';
import { heldAt, heldUnits } from '../returns/held-sql';
import type { FraudContext, FraudLine } from './signal';

// The returns asked for, as a table every query below starts from (ids travel as one list parameter).
const RETURNS = `ids as materialized (select unnest($2::varchar[]) as id),
  r as materialized (select x.id, x.customer_id, x.order_id, x.requested_at from returns x where x.tenant_id = $1 and x.id in (select id from ids))`;

/**
 * What the fraud signals need for many returns of a tenant at once: the same context as loadFraudContext gives
 * one return, read with one set-based query per part instead of one round of queries per return (a backfill of
 * thousands of imported returns would otherwise scan the history tables thousands of times). Returns not found
 * are absent from the map.
 */
export async function loadFraudContexts(store: Store, tenantId: string, returnIds: string[]): Promise<Map<string, FraudContext>> {
  const out = new Map<string, FraudContext>();
  if (!returnIds.length) return out;
  const args = [tenantId, returnIds];
  const heads = await store.query<{ id: string; customer_id: string; order_id: string; requested_at: Date; window_start: Date }>(
    `with ${RETURNS}
     select r.id, r.customer_id, r.order_id, r.requested_at, coalesce(o.delivered_at, o.ordered_at) as window_start
     from r join orders o on o.tenant_id = $1 and o.id = r.order_id`,
    args,
  );
  if (!heads.length) return out;
  const [tenant] = await store.query<{ policy: string }>('select policy from tenants where id = $1', [tenantId]);
  const returnWindowDays = parsePolicy(tenant.policy).return_window_days;

  const lines = await store.query<FraudLine & { return_id: string }>(
    `with ${RETURNS},
          rl as materialized (select * from return_lines where tenant_id = $1 and return_id in (select id from r))
     select rl.return_id, rl.sku, ol.category, rl.quantity, ol.unit_price::double as unit_price, ol.weight_kg, rl.reason_text, rl.condition,
            rl.received_quantity, rl.received_sku, rl.received_weight_kg
     from rl join order_lines ol on ol.tenant_id = rl.tenant_id and ol.order_id = rl.order_id and ol.line_id = rl.line_id
     order by rl.return_id, rl.sku`,
    args,
  );
  const skus = await store.query<{ order_id: string; skus: string[] }>(
    `with ${RETURNS}
     select order_id, list(sku order by sku) as skus from order_lines
     where tenant_id = $1 and order_id in (select order_id from r) group by order_id`,
    args,
  );
  const history = await store.query<{ id: string; orders: number; units_ordered: number; units_returned: number; returns: number }>(
    `with ${RETURNS},
          o as (select r.id as rid, x.id as oid from r join orders x on x.tenant_id = $1 and x.customer_id = r.customer_id
                  and x.ordered_at >= r.requested_at - interval 365 day and x.ordered_at <= r.requested_at),
          rr as (select r.id as rid, x.id as xid from r join returns x on x.tenant_id = $1 and x.customer_id = r.customer_id and x.id <> r.id
                   and x.requested_at >= r.requested_at - interval 365 day and x.requested_at <= r.requested_at
                   and ${heldAt('x', 'r.requested_at')}),
          oc as (select rid, count(*) as n from o group by rid),
          ou as (select o.rid, sum(ol.quantity) as units from o join order_lines ol on ol.tenant_id = $1 and ol.order_id = o.oid group by o.rid),
          rc as (select rid, count(*) as n from rr group by rid),
          -- Units taken off a return after the request being scored were still held then (see heldUnits).
          u as (${heldUnits('$1', 'select xid from rr')}),
          ru as (select rr.rid, sum(u.quantity) as units from rr join r on r.id = rr.rid join u on u.return_id = rr.xid
                   and (u.removed_at is null or u.removed_at > r.requested_at) group by rr.rid)
     select r.id, coalesce(oc.n, 0) as orders, coalesce(ou.units, 0) as units_ordered, coalesce(ru.units, 0) as units_returned, coalesce(rc.n, 0) as returns
     from r left join oc on oc.rid = r.id left join ou on ou.rid = r.id left join rc on rc.rid = r.id left join ru on ru.rid = r.id`,
    args,
  );
  const [price] = await store.query<{ p90: number | null }>(
    // Fewer than 20 prices say nothing about what is expensive for this merchant.
    `select case when count(*) >= 20 then quantile_cont(unit_price::double, 0.9) end as p90 from order_lines where tenant_id = $1`,
    [tenantId],
  );
  const linked = await store.query<{ customer_id: string; field: 'email' | 'phone' | 'address'; customers: string[] }>(
    `with ${RETURNS},
          me as materialized (select id, email, phone, address from customers where tenant_id = $1 and id in (select customer_id from r))
     select me.id as customer_id, 'email' as field, list(c.id order by c.id) as customers from me join customers c
       on c.tenant_id = $1 and c.id <> me.id and me.email is not null and c.email = me.email group by me.id
     union all
     select me.id, 'phone', list(c.id order by c.id) from me join customers c
       on c.tenant_id = $1 and c.id <> me.id and me.phone is not null and c.phone = me.phone group by me.id
     union all
     select me.id, 'address', list(c.id order by c.id) from me join customers c
       on c.tenant_id = $1 and c.id <> me.id and me.address is not null and c.address = me.address group by me.id`,
    args,
  );
  const refunds = await store.query<{ id: string; count: number; amount: number }>(
    // Refunds live on the lines (paid by Rebound or imported with the history); one line, one refund.
    `with ${RETURNS}
     select r.id, count(*) as count, coalesce(sum(rl.refund_amount), 0)::double as amount
     from r join returns x on x.tenant_id = $1 and x.customer_id = r.customer_id
     join return_lines rl on rl.tenant_id = $1 and rl.return_id = x.id
     where rl.return_id <> r.id and rl.refund_amount is not null
       and coalesce(rl.refunded_at, x.requested_at) between r.requested_at - interval 30 day and r.requested_at
     group by r.id`,
    args,
  );

  const FIELDS = ['email', 'phone', 'address'];
  const group = <T, K>(rows: T[], key: (row: T) => K) => {
    const m = new Map<K, T[]>();
    for (const row of rows) {
      const k = key(row);
      if (!m.has(k)) m.set(k, []);
      m.get(k)!.push(row);
    }
    return m;
  };
  const linesBy = group(lines, (l) => l.return_id);
  const skusBy = new Map(skus.map((s) => [s.order_id, [...s.skus]]));
  const historyBy = new Map(history.map((h) => [h.id, h]));
  const linkedBy = group(linked, (l) => l.customer_id);
  const refundsBy = new Map(refunds.map((r) => [r.id, r]));
  for (const head of heads) {
    const h = historyBy.get(head.id);
    const refund = refundsBy.get(head.id);
    out.set(head.id, {
      returnId: head.id,
      customerId: head.customer_id,
      requestedAt: new Date(head.requested_at),
      windowStartsAt: new Date(head.window_start),
      returnWindowDays,
      lines: (linesBy.get(head.id) ?? []).map(({ return_id: _r, ...l }) => ({ ...l, unit_price: Number(l.unit_price) })),
      orderSkus: skusBy.get(head.order_id) ?? [],
      customer: {
        orders: Number(h?.orders ?? 0),
        unitsOrdered: Number(h?.units_ordered ?? 0),
        unitsReturned: Number(h?.units_returned ?? 0),
        returns: Number(h?.returns ?? 0),
      },
      tenantPriceP90: price?.p90 ?? null,
      linkedAccounts: (linkedBy.get(head.customer_id) ?? [])
        .filter((l) => l.customers?.length)
        .sort((a, b) => FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field))
        .map((l) => ({ field: l.field, customers: [...l.customers] })),
      refundsLast30Days: { count: Number(refund?.count ?? 0), amount: Number(refund?.amount ?? 0) },
    });
  }
  return out;
}
