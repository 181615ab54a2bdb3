import type { Engine } from '@rebound/engine';

/**
 * A deterministic store for the analytics pages: 240 orders over the last 300 days across ten SKUs in five
 * categories and three channels, and about 100 returns with reasons, conditions, dispositions (some still not
 * inspected), resolutions, costs and distances. Written straight into the tables in SQL (as an import leaves
 * them), then the marts are built.
 */
export async function seedAnalyticsStore(engine: Engine, tenantId: string): Promise<void> {
  const t = `'${tenantId.replace(/'/g, "''")}'`;
  await engine.store.withConnection(async (c) => {
    await c.run(`create or replace temp table catalog as select * from (values
      (0, 'TEE-S', 'Tee S', 'apparel', 20.0, 0.2), (1, 'TEE-M', 'Tee M', 'apparel', 20.0, 0.2), (2, 'JEANS-32', 'Jeans 32', 'apparel', 70.0, 0.6),
      (3, 'BOOT-41', 'Hiking boot 41', 'footwear', 140.0, 1.4), (4, 'RUN-42', 'Runner 42', 'footwear', 110.0, 0.9), (5, 'HEADPH', 'Headphones', 'electronics', 129.0, 0.3),
      (6, 'LAMP', 'Desk lamp', 'home', 49.0, 1.5), (7, 'VASE', 'Glass vase', 'home', 35.0, 1.2), (8, 'SERUM', 'Face serum', 'beauty', 28.0, 0.1),
      (9, 'DRESS-M', 'Wrap dress M', 'apparel', 79.0, 0.4)) as v(k, sku, product_name, category, price, weight)`);
    await c.run(`create or replace temp table seeded as
      select i, now() - to_days((hash(i, 'day') % 300)::int) - interval 8 day as ordered_at, c.*
      from range(1, 241) r(i) join catalog c on c.k = i % 10`);
    await c.run(`insert into orders select ${t}, 'B-' || i, ordered_at, null, 'c-' || (i % 40), 'EUR', ['web', 'app', 'marketplace'][1 + i % 3], 'test', now(), now() from seeded`);
    await c.run(`insert into order_lines select ${t}, 'B-' || i, '1', sku, product_name, category, 1 + i % 2, price, weight, null, false from seeded`);
    // Apparel and footwear come back more often, like in real stores.
    await c.run(`create or replace temp table returned as
      select s.*, r.reason, d.disposition, d.condition, res.resolution
      from seeded s
      cross join (select ['size_too_small', 'size_too_large', 'defective', 'not_as_described', 'color', 'damaged_in_transit', 'changed_mind'][1 + (hash(s.i, 'reason') % 7)::int] as reason) r
      cross join (select (['restock', 'restock', 'refurbish', 'resell_secondary', 'donate', 'recycle', 'dispose', 'return_to_vendor', null])[1 + (hash(s.i, 'disposition') % 9)::int] as disposition,
                         ['new', 'like_new', 'good', 'fair', 'damaged', 'unsellable'][1 + (hash(s.i, 'condition') % 6)::int] as condition) d
      cross join (select ['refund', 'refund', 'exchange', 'store_credit', 'keep_it'][1 + (hash(s.i, 'resolution') % 5)::int] as resolution) res
      where hash(s.i, 'returned') % 100 < case s.category when 'apparel' then 40 when 'footwear' then 30 else 12 end`);
    await c.run(`insert into returns (tenant_id, id, order_id, customer_id, status, resolution, source, requested_at, version, updated_at)
      select ${t}, 'R-' || i, 'B-' || i, 'c-' || (i % 40), case when disposition is null and resolution <> 'keep_it' then 'in_transit' else 'resolved' end,
             case when disposition is null and resolution <> 'keep_it' then null else resolution end, 'test', ordered_at + interval 6 day, 1, now()
      from returned`);
    await c.run(`insert into return_lines (tenant_id, return_id, order_id, line_id, sku, quantity, reason_code, condition, disposition, received_at, inspected_at,
                   restocked_at, refunded_at, refund_amount, recovered_value, shipping_cost, processing_cost, distance_km)
      select ${t}, 'R-' || i, 'B-' || i, '1', sku, 1, reason,
             case when resolution = 'keep_it' then null else condition end, case when resolution = 'keep_it' then null else disposition end,
             case when disposition is not null then ordered_at + interval 10 day end, case when disposition is not null then ordered_at + interval 11 day end,
             case when disposition in ('restock', 'refurbish') then ordered_at + interval 12 day end,
             case when resolution in ('refund', 'store_credit', 'keep_it') and (disposition is not null or resolution = 'keep_it') then ordered_at + interval 12 day end,
             case when resolution in ('refund', 'store_credit', 'keep_it') and (disposition is not null or resolution = 'keep_it') then price end,
             case when resolution = 'keep_it' then null when disposition in ('refurbish', 'resell_secondary') then round(price * 0.5, 2) when disposition = 'return_to_vendor' then round(price * 0.8, 2) end,
             case when resolution = 'keep_it' then 0 else 4 + i % 5 end, 2, case when resolution = 'keep_it' then null else 50 + (i * 37) % 400 end
      from returned`);
    await c.run('drop table returned; drop table seeded; drop table catalog');
  });
  const build = await engine.kpis.refresh();
  if (build.failures.length) throw new Error(`the seeded store breaks data tests: ${JSON.stringify(build.failures)}`);
}
