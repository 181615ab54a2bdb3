import { error } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { BadFilterError } from '$lib/dashboard/filters';
import { trend, trendQuery, TREND_DIMENSIONS, TREND_GRAINS, TREND_METRICS } from '$lib/features/trends/selectors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  let q;
  try {
    q = trendQuery(url);
  } catch (e) {
    if (e instanceof BadFilterError) throw error(400, e.message);
    throw e;
  }
  const data = await trend(web().engine, locals.tenantId!, q);
  return {
    ...data,
    metric: q.metric,
    grain: q.grain,
    by: q.by,
    from: q.from.toISOString().slice(0, 10),
    to: q.to.toISOString().slice(0, 10),
    metrics: TREND_METRICS,
    grains: TREND_GRAINS,
    dimensions: TREND_DIMENSIONS,
    csv: `/trends.csv${url.search}`,
  };
};
