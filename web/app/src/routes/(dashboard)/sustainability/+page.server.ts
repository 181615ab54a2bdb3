import { error } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { BadFilterError, queryString } from '$lib/dashboard/filters';
import { GRAINS, sustainabilityQuery, sustainabilityReport } from '$lib/features/sustainability/selectors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  let q;
  try {
    q = sustainabilityQuery(url);
  } catch (e) {
    if (e instanceof BadFilterError) throw error(400, e.message);
    throw e;
  }
  const report = await sustainabilityReport(web().engine, locals.tenantId!, q);
  const { grain, ...filters } = q;
  const csv = (table: string) => `/sustainability.csv${queryString({ ...filters, grain, table })}`;
  return { ...report, filters, grain, grains: GRAINS, csv: { periods: csv('periods'), categories: csv('categories'), flows: csv('flows') } };
};
