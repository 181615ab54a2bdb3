import { error, fail } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { customersWords, REASON_CHOICES, reasonMix, relabel } from '$lib/features/reasons/selectors';
import type { Actions, PageServerLoad } from './$types';

function windowOf(url: URL) {
  const endOfToday = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z').getTime() + 86_400_000;
  const to = url.searchParams.get('to') ? new Date(url.searchParams.get('to')!) : new Date(endOfToday);
  const from = url.searchParams.get('from') ? new Date(url.searchParams.get('from')!) : new Date(to.getTime() - 90 * 86_400_000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw error(400, 'from and to must be dates such as 2026-05-01');
  return { from, to };
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const { from, to } = windowOf(url);
  const { engine } = web();
  const reason = url.searchParams.get('reason');
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
      return fail(400, { error: (e as Error).message });
    }
    return { relabeled: `${returnId} ${sku} is now ${code}` };
  },
};
