/**
 * KPIs at scale: N return lines (default 10M) generated in SQL, marts built, then all headline KPIs for one window
 * from the marts beside one hand-written query computing the same numbers straight from the raw tables; and an
 * incremental refresh after 100k new lines beside a full rebuild.
 */
import { engineInTempDir } from '@rebound/engine/testing';
import type { BenchRow } from './table';

const LINES = Number(process.env.BENCH_KPI_RETURN_LINES ?? 10_000_000);

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const result = await work();
  return [result, (performance.now() - t) / 1000];
}

// Orders twice as many as returned lines; every second order line comes back.
async function load(engine: Awaited<ReturnType<typeof engineInTempDir>>['engine'], tenantId: string, from: number, count: number) {
  await engine.store.withConnection(async (c) => {
    const t = `'${tenantId}'`;
    const cats = `['apparel','footwear','electronics','home','beauty']`;
    await c.run(`insert into orders select ${t}, 'O' || i, timestamptz '2025-01-01' + to_seconds((hash(i) % 31536000)::bigint), null, 'C' || (hash(i * 7) % 500000), 'USD', ['web','app','marketplace'][(1 + hash(i) % 3)::int], 'bench', now(), now() from range(${from * 2}, ${(from + count) * 2}) t(i)`);
    await c.run(`insert into order_lines select ${t}, 'O' || i, '1', 'SKU' || (hash(i * 3) % 5000), null, ${cats}[(1 + hash(i * 3) % 5000 % 5)::int], 1, 10 + hash(i) % 200, 0.5, null, false from range(${from * 2}, ${(from + count) * 2}) t(i)`);
    await c.run(`insert into returns (tenant_id, id, order_id, customer_id, status, resolution, source, requested_at, version, updated_at)
      select ${t}, 'R' || i, 'O' || (i * 2), 'C' || (hash(i * 14) % 500000), 'resolved', ['refund','exchange','store_credit','keep_it'][(1 + hash(i) % 4)::int], 'bench',
             timestamptz '2025-01-01' + to_seconds((hash(i * 2) % 31536000)::bigint) + interval 5 day, 1, now() from range(${from}, ${from + count}) t(i)`);
    await c.run(`insert into return_lines (tenant_id, return_id, order_id, line_id, sku, quantity, reason_code, disposition, received_at, restocked_at, refunded_at, refund_amount, recovered_value, shipping_cost, processing_cost, distance_km)
      select ${t}, 'R' || i, 'O' || (i * 2), '1', 'SKU' || (hash(i * 6) % 5000), 1, ['size_too_small','defective','style','quality'][(1 + hash(i) % 4)::int],
             ['restock','refurbish','resell_secondary','donate','recycle','dispose'][(1 + hash(i * 5) % 6)::int],
             timestamptz '2025-01-01' + to_seconds((hash(i * 2) % 31536000)::bigint) + interval 9 day, timestamptz '2025-01-01' + to_seconds((hash(i * 2) % 31536000)::bigint) + interval 11 day,
             timestamptz '2025-01-01' + to_seconds((hash(i * 2) % 31536000)::bigint) + interval 12 day, 50, null, 6, 2, 300 from range(${from}, ${from + count}) t(i)`);
  });
}

const RAW_BASELINE = (t: string, from: string, to: string) => `
  with rl as (
    select rl.*, ol.unit_price::double as price, ol.category, coalesce(ol.co2e_kg, 10) as co2, r.requested_at, r.resolution
    from return_lines rl join returns r on r.tenant_id = rl.tenant_id and r.id = rl.return_id
    join order_lines ol on ol.tenant_id = rl.tenant_id and ol.order_id = rl.order_id and ol.line_id = rl.line_id
    where rl.tenant_id = '${t}' and r.requested_at >= '${from}' and r.requested_at < '${to}' and r.status not in ('declined', 'canceled')
  )
  select count(distinct return_id), sum(quantity), sum(coalesce(shipping_cost,0)+coalesce(processing_cost,0)) / count(distinct return_id), sum(refund_amount),
         quantile_cont(epoch(refunded_at - requested_at) / 86400, 0.5), quantile_cont(case when disposition in ('restock','refurbish') then epoch(restocked_at - received_at)/3600 end, 0.5),
         sum(case when disposition in ('restock','refurbish','resell_secondary','return_to_vendor') then quantity else 0 end) / sum(quantity),
         sum(case when disposition in ('restock','refurbish','resell_secondary','return_to_vendor','donate') then quantity * co2 else 0 end)
  from rl`;

export default async function kpisBench(): Promise<BenchRow[]> {
  const { engine, cleanup } = await engineInTempDir('rebound-bench-kpis-');
  try {
    const { tenant } = await engine.tenants.createTenant({ name: 'Bench', currency: 'USD' });
    await load(engine, tenant.id, 0, LINES);
    const [, fullBuild] = await timed(() => engine.kpis.refresh({ fullRefresh: true, runTests: false }));
    const window = { from: '2025-04-01T00:00:00Z', to: '2025-07-01T00:00:00Z' };
    await engine.kpis.kpis(tenant.id, window); // warm
    const [, headline] = await timed(() => engine.kpis.kpis(tenant.id, window));
    const [, raw] = await timed(() => engine.store.query(RAW_BASELINE(tenant.id, window.from, window.to)));
    await load(engine, tenant.id, LINES, 100_000);
    const [, incremental] = await timed(() => engine.kpis.refresh({ runTests: false }));
    const [, rebuild] = await timed(() => engine.kpis.refresh({ fullRefresh: true, runTests: false }));
    const n = LINES.toLocaleString('en-US');
    return [
      { benchmark: 'kpis', metric: `all headline KPIs, one quarter, ${n} return lines`, unit: 's', value: headline, baseline: raw, baselineName: 'one hand-written query on raw tables', target: '< 1 s' },
      { benchmark: 'kpis', metric: 'refresh after 100k new return lines', unit: 's', value: incremental, baseline: rebuild, baselineName: 'full rebuild', target: 'a few s' },
      { benchmark: 'kpis', metric: `first build of the marts, ${n} lines`, unit: 's', value: fullBuild },
    ];
  } finally {
    await cleanup();
  }
}
