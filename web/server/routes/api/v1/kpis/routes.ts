import type { Engine } from '@rebound/engine';
import type { FastifyInstance } from 'fastify';
import { requireTenant } from '../../../../plugins/app/auth';
import { BreakdownQuery, KpiQuery, TimeseriesQuery } from './schemas';

/** Returns KPIs read from the dbt marts: the headline object, a time series, a breakdown. */
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
}
