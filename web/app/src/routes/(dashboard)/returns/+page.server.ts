import { error } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { BadFilterError, readChoice } from '$lib/dashboard/filters';
import { LIST_STATUSES, RISK_LEVELS, returnsPage } from '$lib/features/returns/selectors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  let status, risk;
  try {
    status = readChoice<(typeof LIST_STATUSES)[number] | ''>(url, 'status', LIST_STATUSES, '');
    risk = readChoice<(typeof RISK_LEVELS)[number] | ''>(url, 'risk', RISK_LEVELS, '');
  } catch (e) {
    if (e instanceof BadFilterError) throw error(400, e.message);
    throw e;
  }
  const q = url.searchParams.get('q') ?? '';
  const page = await returnsPage(web().engine, locals.tenantId!, { status, q, risk, cursor: url.searchParams.get('cursor') ?? undefined });
  return { status, q, risk, page };
};
