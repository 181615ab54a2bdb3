import { web } from '$lib/server/context';
import { csvResponse, toCsv } from '$lib/dashboard/table';
import { readListFilters } from '$lib/features/returns/list-filters';
import { returnsForExport } from '$lib/features/returns/selectors';
import type { RequestHandler } from './$types';

const COLUMNS = ['return_id', 'order_id', 'customer_id', 'status', 'resolution', 'requested_at', 'resolved_at', 'units', 'lines', 'fraud_score'] as const;

/** The returns list with its current filters (?status=&q=&risk=) as CSV, one row per return, newest first (up to 10,000). */
export const GET: RequestHandler = async ({ locals, url }) => {
  const { status, q, risk } = readListFilters(url);
  const { returns, truncated } = await returnsForExport(web().engine, locals.tenantId!, { status, q, risk });
  const rows = returns.map((r) => ({
    ...r,
    units: r.lines.reduce((n, l) => n + l.quantity, 0),
    lines: r.lines.map((l) => `${l.quantity} x ${l.sku}`).join('; '),
  }));
  const response = csvResponse(`returns${status ? `-${status}` : ''}.csv`, toCsv({ columns: COLUMNS.map((key) => ({ key, label: key })), rows }));
  if (truncated) response.headers.set('x-rebound-truncated', 'the first 10,000 returns; narrow the filters for the rest');
  return response;
};
