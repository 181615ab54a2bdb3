import { web } from '$lib/server/context';
import { returnsPage } from '$lib/features/returns/selectors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const status = url.searchParams.get('status') ?? '';
  const q = url.searchParams.get('q') ?? '';
  const page = await returnsPage(web().engine, locals.tenantId!, { status, q, cursor: url.searchParams.get('cursor') ?? undefined });
  return { status, q, page };
};
