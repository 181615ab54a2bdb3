import { error } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { BadFilterError, readChoice } from '$lib/dashboard/filters';
import { csvResponse, toCsv } from '$lib/dashboard/table';
import { dispositionTable, periodTable } from '$lib/features/finance/charts';
import { financeQuery, financeReport } from '$lib/features/finance/selectors';
import type { RequestHandler } from './$types';

/** The finance page's numbers as CSV: ?table=periods (default) or dispositions. */
export const GET: RequestHandler = async ({ locals, url }) => {
  let q, table;
  try {
    q = financeQuery(url);
    table = readChoice(url, 'table', ['periods', 'dispositions'] as const, 'periods');
  } catch (e) {
    if (e instanceof BadFilterError) throw error(400, e.message);
    throw e;
  }
  const report = await financeReport(web().engine, locals.tenantId!, q);
  const body = table === 'periods' ? toCsv(periodTable(report.by_period)) : toCsv(dispositionTable(report.by_disposition));
  return csvResponse(`finance-${table}-${q.from}-${q.to}.csv`, body);
};
