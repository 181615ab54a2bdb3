import { fail } from '@sveltejs/kit';
import { web } from '$lib/server/context';
import { domainErrorOf } from '$lib/server/errors';
import { backtestRules, rulesPage, saveRules } from '$lib/features/rules/selectors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => rulesPage(web().engine, locals.tenantId!);

function parse(text: string): { json?: unknown; error?: string } {
  try {
    return { json: JSON.parse(text) };
  } catch (e) {
    return { error: `The rule set is not valid JSON: ${(e as Error).message}` };
  }
}

async function attempt<T>(text: string, work: (json: unknown) => Promise<T>) {
  const { json, error } = parse(text);
  if (error) return fail(400, { text, error });
  try {
    return await work(json);
  } catch (e) {
    const refused = domainErrorOf(e);
    if (refused) return fail(400, { text, error: refused.message });
    throw e;
  }
}

export const actions: Actions = {
  save: async ({ locals, request }) => {
    const text = String((await request.formData()).get('rules') ?? '');
    return attempt(text, async (json) => ({ text, saved: (await saveRules(web().engine, locals.tenantId!, json)).version }));
  },
  backtest: async ({ locals, request }) => {
    const text = String((await request.formData()).get('rules') ?? '');
    return attempt(text, async (json) => ({ text, backtest: await backtestRules(web().engine, locals.tenantId!, json) }));
  },
  accept: async ({ locals, request }) => {
    // Named, not numbered: the suggestions are worked out again from the KPIs, and may have changed since the page.
    const name = String((await request.formData()).get('suggestion') ?? '');
    const { engine } = web();
    const { active, suggestions } = await rulesPage(engine, locals.tenantId!);
    const pick = suggestions.find((s) => s.rule.name === name);
    if (!pick) return fail(400, { error: 'That suggestion is no longer offered; reload the page.' });
    const rules = [...(active?.rules ?? []).filter((r) => r.name !== pick.rule.name), pick.rule];
    const saved = await saveRules(engine, locals.tenantId!, { rules });
    return { saved: saved.version, text: JSON.stringify({ rules }, null, 2) };
  },
};
