import { error } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { BadFilterError } from '$lib/dashboard/filters';
import { trend, trendQuery } from '$lib/features/trends/selectors';
import type { RequestHandler } from './$types';

const cell = (v: unknown) => (v == null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** The trends page's numbers as CSV: one row per period, then one per value of the dimension. */
export const GET: RequestHandler = async ({ locals, url }) => {
  let q;
  try {
    q = trendQuery(url);
  } catch (e) {
    if (e instanceof BadFilterError) throw error(400, e.message);
    throw e;
  }
  const { series, breakdown } = await trend(web().engine, locals.tenantId!, q);
  const rows = [['kind', 'key', q.metric], ...series.map((p) => ['period', p.period.slice(0, 10), p.value]), ...breakdown.map((b) => [q.by, b.value, b.kpi])];
  return new Response(rows.map((r) => r.map(cell).join(',')).join('\n') + '\n', {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${q.metric}-${q.grain}.csv"` },
  });
};
