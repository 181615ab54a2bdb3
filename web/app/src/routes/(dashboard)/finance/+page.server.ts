import { error } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { BadFilterError, queryString } from '$lib/dashboard/filters';
import { financeQuery, financeReport, GRAINS } from '$lib/features/finance/selectors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  let q;
  try {
    q = financeQuery(url);
  } catch (e) {
    if (e instanceof BadFilterError) throw error(400, e.message);
    throw e;
  }
  const report = await financeReport(web().engine, locals.tenantId!, q);
  const { grain, ...filters } = q;
  return {
    ...report,
    filters,
    grain,
    grains: GRAINS,
    csv: {
      periods: `/finance.csv${queryString({ ...filters, grain, table: 'periods' })}`,
      dispositions: `/finance.csv${queryString({ ...filters, grain, table: 'dispositions' })}`,
    },
  };
};
