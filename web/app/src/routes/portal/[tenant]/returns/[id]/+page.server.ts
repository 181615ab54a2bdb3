import { error } from '@sveltejs/kit';
import { refusalAsFailure } from '$lib/server/errors';
import { verify, web } from '$lib/server/context';
import { cancelAsCustomer, returnStatus, storeName } from '$lib/features/portal/selectors';
import type { Actions, PageServerLoad } from './$types';

function checkLink(tenant: string, id: string, sig: string | null) {
  if (!verify(`return:${tenant}:${id}`, sig)) throw error(403, 'This link is not valid.');
}

export const load: PageServerLoad = async ({ params, url }) => {
  const sig = url.searchParams.get('sig');
  checkLink(params.tenant, params.id, sig);
  const { engine } = web();
  return { name: await storeName(engine, params.tenant), tenant: params.tenant, sig, ret: await returnStatus(engine, params.tenant, params.id) };
};

export const actions: Actions = {
  // Only the holder of the signed link may cancel; the engine decides whether it is still possible.
  cancel: async ({ params, request, url }) => {
    checkLink(params.tenant, params.id, url.searchParams.get('sig'));
    const reason = String((await request.formData()).get('reason') ?? '').trim().slice(0, 500);
    try {
      await cancelAsCustomer(web().engine, params.tenant, params.id, reason);
    } catch (e) {
      return refusalAsFailure(e);
    }
    return { canceled: true };
  },
};
