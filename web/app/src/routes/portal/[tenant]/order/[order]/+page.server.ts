import { error, fail, redirect } from '@sveltejs/kit';
import { domainErrorOf } from '$lib/server/errors';
import { sign, verify, web } from '$lib/server/context';
import { randomUUID } from 'node:crypto';
import { CUSTOMER_RESOLUTION_CHOICES, CUSTOMER_RESOLUTIONS, fileReturnOnce, returnableLines, storeName } from '$lib/features/portal/selectors';
import type { Actions, PageServerLoad } from './$types';

function checkLink(tenant: string, order: string, token: string | null) {
  if (!verify(`order:${tenant}:${order}`, token)) throw error(403, 'This link is not valid; look your order up again.');
}

export const load: PageServerLoad = async ({ params, url }) => {
  checkLink(params.tenant, params.order, url.searchParams.get('t'));
  const { engine } = web();
  return {
    name: await storeName(engine, params.tenant),
    orderId: params.order,
    token: url.searchParams.get('t'),
    lines: await returnableLines(engine, params.tenant, params.order),
    resolutions: CUSTOMER_RESOLUTION_CHOICES,
    // One token per rendering of the form: pressing Send twice (or resending it) files the return once.
    submission: randomUUID(),
  };
};

export const actions: Actions = {
  default: async ({ params, request, url }) => {
    checkLink(params.tenant, params.order, url.searchParams.get('t'));
    const form = await request.formData();
    const asked = [...form.keys()]
      .filter((k) => k.startsWith('qty_'))
      .map((k) => ({ sku: k.slice(4), quantity: Number(form.get(k)), reason_text: String(form.get(`reason_${k.slice(4)}`) ?? '') }));
    const lines = asked.filter((l) => l.quantity > 0);
    const resolution = String(form.get('resolution') ?? 'refund');
    // A refused form comes back as the customer filled it in: retyping every reason on a phone is what makes people give up.
    const refuse = (error: string) =>
      fail(400, {
        error,
        values: { quantities: Object.fromEntries(asked.map((l) => [l.sku, l.quantity])), reasons: Object.fromEntries(asked.map((l) => [l.sku, l.reason_text])), resolution },
      });
    if (!lines.length) return refuse('Choose at least one item and how many to return.');
    if (lines.some((l) => !l.reason_text.trim())) return refuse('Tell us in a few words why each item goes back.');
    if (!CUSTOMER_RESOLUTIONS.includes(resolution)) return refuse('Choose a refund, an exchange or store credit.');
    let returnId: string;
    try {
      returnId = await fileReturnOnce(web().engine, params.tenant, params.order, lines, resolution, String(form.get('submission') ?? ''));
    } catch (e) {
      const refused = domainErrorOf(e);
      if (refused) return refuse(refused.message);
      throw e;
    }
    throw redirect(303, `/portal/${params.tenant}/returns/${returnId}?sig=${sign(`return:${params.tenant}:${returnId}`)}`);
  },
};
