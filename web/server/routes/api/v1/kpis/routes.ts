import type { Engine } from '@rebound/engine';
import type { FastifyInstance } from 'fastify';
import { requireTenant } from '../../../../plugins/app/auth';
import { BreakdownQuery, KpiQuery, PeriodReportQuery, ProductsQuery, TimeseriesQuery } from './schemas';

/** Returns KPIs read from the dbt marts: the headline object, a time series, a breakdown, and the products, finance and sustainability reports. */
export async function kpiRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  const auth = requireTenant(engine);
  const filters = (q: KpiQuery) => ({ from: q.from, to: q.to, category: q.category, sku: q.sku, channel: q.channel, reason: q.reason });

  app.get<{ Querystring: KpiQuery }>(
    '/api/v1/kpis',
    { preHandler: auth, schema: { tags: ['kpis'], summary: 'Every returns KPI for a window and filters', querystring: KpiQuery } },
    async (request) => engine.kpis.kpis(request.tenantId, filters(request.query)),
  );

  app.get<{ Querystring: TimeseriesQuery }>(
    '/api/v1/kpis/timeseries',
    { preHandler: auth, schema: { tags: ['kpis'], summary: 'One KPI per day, week or month', querystring: TimeseriesQuery } },
    async (request) => ({
      metric: request.query.metric,
      grain: request.query.grain ?? 'month',
      points: await engine.kpis.timeseries(request.tenantId, request.query.metric, request.query.grain ?? 'month', filters(request.query)),
    }),
  );

  app.get<{ Querystring: BreakdownQuery }>(
    '/api/v1/kpis/breakdown',
    { preHandler: auth, schema: { tags: ['kpis'], summary: 'One KPI per reason, category, SKU, channel or disposition', querystring: BreakdownQuery } },
    async (request) => ({
      metric: request.query.metric,
      by: request.query.by,
      rows: await engine.kpis.breakdown(request.tenantId, request.query.metric, request.query.by, filters(request.query)),
    }),
  );

  app.get<{ Querystring: ProductsQuery }>(
    '/api/v1/kpis/products',
    { preHandler: auth, schema: { tags: ['kpis'], summary: 'SKUs ranked by return rate, cost or value lost, with their top reasons', querystring: ProductsQuery } },
    async (request) => engine.kpis.products(request.tenantId, filters(request.query), { sort: request.query.sort, limit: request.query.limit }),
  );

  app.get<{ Querystring: PeriodReportQuery }>(
    '/api/v1/kpis/finance',
    { preHandler: auth, schema: { tags: ['kpis'], summary: 'Refunds, exchanges, costs, value recovered and margin impact: total, per disposition, per period', querystring: PeriodReportQuery } },
    async (request) => ({ grain: request.query.grain ?? 'month', ...(await engine.kpis.finance(request.tenantId, request.query.grain ?? 'month', filters(request.query))) }),
  );

  app.get<{ Querystring: PeriodReportQuery }>(
    '/api/v1/kpis/sustainability',
    { preHandler: auth, schema: { tags: ['kpis'], summary: 'CO2 avoided and transport emitted, landfill rate, disposition flow', querystring: PeriodReportQuery } },
    async (request) => ({ grain: request.query.grain ?? 'month', ...(await engine.kpis.sustainability(request.tenantId, request.query.grain ?? 'month', filters(request.query))) }),
  );
}
