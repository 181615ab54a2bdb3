import { error } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { BadFilterError, readChoice } from '$lib/dashboard/filters';
import { csvResponse, toCsv } from '$lib/dashboard/table';
import { reasonTable, skuTable } from '$lib/features/products/charts';
import { productsQuery, productsReport } from '$lib/features/products/selectors';
import type { RequestHandler } from './$types';

/** The products page's numbers as CSV: ?table=skus (the ranking, default) or reasons (top reasons per SKU). */
export const GET: RequestHandler = async ({ locals, url }) => {
  let q, table;
  try {
    q = productsQuery(url);
    table = readChoice(url, 'table', ['skus', 'reasons'] as const, 'skus');
  } catch (e) {
    if (e instanceof BadFilterError) throw error(400, e.message);
    throw e;
  }
  const { skus } = await productsReport(web().engine, locals.tenantId!, q);
  const body = table === 'skus' ? toCsv(skuTable(skus)) : toCsv(reasonTable(skus));
  return csvResponse(`products-${table}-${q.from}-${q.to}.csv`, body);
};
