import { web } from '$lib/server/context';
import { overviewCharts, overviewTiles } from '$lib/features/overview/selectors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  // Default window: the 90 days up to the end of today (UTC), whole days, so the same view is the same question.
  const endOfToday = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z').getTime() + 86_400_000;
  const to = url.searchParams.get('to') ? new Date(url.searchParams.get('to')!) : new Date(endOfToday);
  const from = url.searchParams.get('from') ? new Date(url.searchParams.get('from')!) : new Date(to.getTime() - 90 * 86_400_000);
  const { engine } = web();
  const [tiles, charts] = await Promise.all([overviewTiles(engine, locals.tenantId!, from, to), overviewCharts(engine, locals.tenantId!, from, to)]);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10), tiles, charts };
};
