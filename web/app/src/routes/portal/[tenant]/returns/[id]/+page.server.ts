import { error } from '@sveltejs/kit';
import { verify, web } from '$lib/server/context';
import { returnStatus, storeName } from '$lib/features/portal/selectors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
  const sig = url.searchParams.get('sig');
  if (!verify(`return:${params.tenant}:${params.id}`, sig)) throw error(403, 'This link is not valid.');
  const { engine } = web();
  const ret = await returnStatus(engine, params.tenant, params.id);
  return {
    name: await storeName(engine, params.tenant),
    tenant: params.tenant,
    sig,
    ret: { ...ret, timeline: (ret.timeline ?? []).filter((e) => !['return.fraud_scored', 'return.decided'].includes(e.type)) },
  };
};
