import { error } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { BadFilterError, readChoice } from '$lib/dashboard/filters';
import { csvResponse, toCsv } from '$lib/dashboard/table';
import { categoryTable, flowTable, periodTable } from '$lib/features/sustainability/charts';
import { sustainabilityQuery, sustainabilityReport } from '$lib/features/sustainability/selectors';
import type { RequestHandler } from './$types';

/** The sustainability page's numbers as CSV: ?table=periods (default), categories or flows. */
export const GET: RequestHandler = async ({ locals, url }) => {
  let q, table;
  try {
    q = sustainabilityQuery(url);
    table = readChoice(url, 'table', ['periods', 'categories', 'flows'] as const, 'periods');
  } catch (e) {
    if (e instanceof BadFilterError) throw error(400, e.message);
    throw e;
  }
  const report = await sustainabilityReport(web().engine, locals.tenantId!, q);
  const body =
    table === 'periods' ? toCsv(periodTable(report.by_period)) : table === 'categories' ? toCsv(categoryTable(report.by_category)) : toCsv(flowTable(report.flows));
  return csvResponse(`sustainability-${table}-${q.from}-${q.to}.csv`, body);
};
