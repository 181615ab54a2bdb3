import { error } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { BadFilterError, queryString } from '$lib/dashboard/filters';
import { PRODUCT_SORTS, productsQuery, productsReport } from '$lib/features/products/selectors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  let q;
  try {
    q = productsQuery(url);
  } catch (e) {
    if (e instanceof BadFilterError) throw error(400, e.message);
    throw e;
  }
  const report = await productsReport(web().engine, locals.tenantId!, q);
  const { sort, ...filters } = q;
  return {
    ...report,
    filters,
    sort,
    sorts: PRODUCT_SORTS,
    csv: {
      skus: `/products.csv${queryString({ ...filters, sort, table: 'skus' })}`,
      reasons: `/products.csv${queryString({ ...filters, sort, table: 'reasons' })}`,
    },
  };
};
