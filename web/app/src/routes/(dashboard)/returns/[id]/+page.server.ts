import { error, fail } from '@sveltejs/kit';
import { domainErrorOf } from '$lib/server/errors';
import { web } from '$lib/server/context';
import { applyAction, returnDetail } from '$lib/features/returns/selectors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  try {
    return { ret: await returnDetail(web().engine, locals.tenantId!, params.id) };
  } catch (e) {
    if (domainErrorOf(e)?.kind === 'not_found') throw error(404, `Return ${params.id} was not found`);
    throw e;
  }
};

// Each form posts one lifecycle action; a refusal comes back as a message beside the form, nothing changed.
async function act(locals: App.Locals, id: string, action: string, input: Record<string, unknown>) {
  try {
    await applyAction(web().engine, locals.tenantId!, id, action, input);
    return { done: action };
  } catch (e) {
    const refused = domainErrorOf(e);
    if (refused) return fail(refused.kind === 'conflict' ? 409 : 400, { error: refused.message });
    throw e;
  }
}

export const actions: Actions = {
  approve: ({ locals, params }) => act(locals, params.id, 'approve', {}),
  decline: async ({ locals, params, request }) => act(locals, params.id, 'decline', { reason: String((await request.formData()).get('reason') ?? '') }),
  receive: ({ locals, params }) => act(locals, params.id, 'receive', {}),
  inspect: async ({ locals, params, request }) => {
    const form = await request.formData();
    const ret = await returnDetail(web().engine, locals.tenantId!, params.id);
    const lines = ret.lines.map((l) => ({ sku: l.sku, condition: String(form.get(`condition_${l.sku}`)), disposition: String(form.get(`disposition_${l.sku}`)) }));
    return act(locals, params.id, 'inspect', { lines });
  },
  resolve: async ({ locals, params, request }) => act(locals, params.id, 'resolve', { resolution: String((await request.formData()).get('resolution')) }),
  close: ({ locals, params }) => act(locals, params.id, 'close', {}),
};
