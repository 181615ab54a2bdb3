import { web } from '$lib/server/context';
import { overviewCharts, overviewTiles } from '$lib/features/overview/selectors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const to = url.searchParams.get('to') ? new Date(url.searchParams.get('to')!) : new Date();
  const from = url.searchParams.get('from') ? new Date(url.searchParams.get('from')!) : new Date(to.getTime() - 90 * 86_400_000);
  const { engine } = web();
  const [tiles, charts] = await Promise.all([overviewTiles(engine, locals.tenantId!, from, to), overviewCharts(engine, locals.tenantId!, from, to)]);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10), tiles, charts };
};
