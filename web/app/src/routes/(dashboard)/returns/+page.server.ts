import { web } from '$lib/server/context';
import { readListFilters } from '$lib/features/returns/list-filters';
import { returnsPage } from '$lib/features/returns/selectors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const filters = readListFilters(url);
  const page = await returnsPage(web().engine, locals.tenantId!, { ...filters, cursor: url.searchParams.get('cursor') ?? undefined });
  return { ...filters, page };
};
