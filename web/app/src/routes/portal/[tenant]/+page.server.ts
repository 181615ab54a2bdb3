import { error, fail, redirect } from '@sveltejs/kit';
import { sign, web } from '$lib/server/context';
import { createLimiter } from '$lib/server/rate-limit';
import { orderMatchesEmail, storeName } from '$lib/features/portal/selectors';
import type { Actions, PageServerLoad } from './$types';

// Ten lookups a minute per address and store: enough for a person, too few to guess orders.
const allow = createLimiter(10, 60_000);

export const load: PageServerLoad = async ({ params }) => {
  const name = await storeName(web().engine, params.tenant);
  if (!name) throw error(404, 'This return portal does not exist');
  return { name };
};

export const actions: Actions = {
  default: async ({ params, request, getClientAddress }) => {
    const form = await request.formData();
    const orderId = String(form.get('order') ?? '').trim();
    const email = String(form.get('email') ?? '').trim();
    if (!allow(`${getClientAddress()}|${params.tenant}`)) return fail(429, { orderId, error: 'Too many attempts. Please wait a minute and try again.' });
    if (!orderId || !email || !(await orderMatchesEmail(web().engine, params.tenant, orderId, email))) {
      return fail(400, { orderId, error: 'We could not find an order with that number and e-mail address.' });
    }
    throw redirect(303, `/portal/${params.tenant}/order/${encodeURIComponent(orderId)}?t=${sign(`order:${params.tenant}:${orderId}`)}`);
  },
};
