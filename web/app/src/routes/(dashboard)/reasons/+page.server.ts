import { error } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { refusalAsFailure } from '$lib/server/errors';
import { BadFilterError, readChoice, readFilters } from '$lib/dashboard/filters';
import { customersWords, REASON_CHOICES, reasonMix, relabel } from '$lib/features/reasons/selectors';
import type { Actions, PageServerLoad } from './$types';

/** The window and the reason drilled into (none: ''), refusing bad dates and unknown reason codes with 400. */
function questionOf(url: URL) {
  try {
    const { from, to } = readFilters(url, 90);
    const codes = REASON_CHOICES.map((c) => c.code);
    const reason = url.searchParams.get('reason') ? readChoice(url, 'reason', codes, codes[0]) : '';
    return { from: new Date(`${from}T00:00:00Z`), to: new Date(`${to}T00:00:00Z`), reason };
  } catch (e) {
    if (e instanceof BadFilterError) throw error(400, e.message);
    throw e;
  }
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const { from, to, reason } = questionOf(url);
  const { engine } = web();
  const mix = await reasonMix(engine, locals.tenantId!, from, to);
  const words = reason ? await customersWords(engine, locals.tenantId!, reason, from, to) : [];
  return { ...mix, words, reason, choices: REASON_CHOICES, from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
};

export const actions: Actions = {
  relabel: async ({ request, locals }) => {
    const form = await request.formData();
    const returnId = String(form.get('return_id') ?? '');
    const sku = String(form.get('sku') ?? '');
    const code = String(form.get('reason_code') ?? '');
    try {
      await relabel(web().engine, locals.tenantId!, returnId, sku, code, locals.actor ?? 'dashboard');
    } catch (e) {
      return refusalAsFailure(e);
    }
    return { relabeled: `${returnId} ${sku} is now ${code}` };
  },
};
