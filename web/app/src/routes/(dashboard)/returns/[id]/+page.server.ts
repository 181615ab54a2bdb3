import { error, fail } from '@sveltejs/kit';
import { domainErrorOf, refusalAsFailure } from '$lib/server/errors';
import { sign, web } from '$lib/server/context';
import { applyAction, attachTracking, removeUnits, returnDetail } from '$lib/features/returns/selectors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  let ret;
  try {
    ret = await returnDetail(web().engine, locals.tenantId!, params.id);
  } catch (e) {
    if (domainErrorOf(e)?.kind === 'not_found') throw error(404, `Return ${params.id} was not found`);
    throw e;
  }
  // The customer's own signed links, for staff to open or send on: the status page always, the label while
  // the parcel is to be sent (the label route refuses it otherwise).
  const sig = sign(`return:${locals.tenantId}:${params.id}`);
  const links = {
    status: `/portal/${locals.tenantId}/returns/${params.id}?sig=${sig}`,
    label: ['approved', 'in_transit'].includes(ret.status) ? `/labels/${locals.tenantId}/${params.id}.pdf?sig=${sig}` : null,
  };
  return { ret, links };
};

/** A form field a person must correct (answered as 400 with its message). */
class FormError extends Error {}

// Each form posts one change; a refusal (the engine's, or a field to correct) comes back as a message beside the
// form, nothing changed.
async function act(change: () => Promise<unknown>, done: string) {
  try {
    await change();
    return { done };
  } catch (e) {
    if (e instanceof FormError) return fail(400, { error: e.message });
    return refusalAsFailure(e);
  }
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const tracking = (form: FormData) => ({
  carrier: text(form, 'carrier'),
  tracking_number: text(form, 'tracking_number'),
  tracking_url: text(form, 'tracking_url'),
  label_url: text(form, 'label_url'),
});
/** An optional decimal field ("12.5" or "12,5"); undefined when empty. */
function decimal(form: FormData, name: string, label: string): number | undefined {
  const raw = text(form, name);
  if (!raw) return undefined;
  // Plain decimals only: Number() alone would read '0x10' as 16 and '1e3' as 1000.
  if (!/^-?\d+([.,]\d+)?$/.test(raw)) throw new FormError(`${label} must be a number, got '${raw}'`);
  return Number(raw.replace(',', '.'));
}

/** Applies a lifecycle action; its input may be read from the form inside, so a field to correct is answered too. */
const lifecycle = (locals: App.Locals, id: string, action: string, input: Record<string, unknown> | (() => Record<string, unknown>) = {}) =>
  act(() => applyAction(web().engine, locals.tenantId!, id, action, typeof input === 'function' ? input() : input), action);

export const actions: Actions = {
  approve: ({ locals, params }) => lifecycle(locals, params.id, 'approve'),
  decline: async ({ locals, params, request }) => lifecycle(locals, params.id, 'decline', { reason: text(await request.formData(), 'reason') }),
  cancel: async ({ locals, params, request }) => {
    const reason = text(await request.formData(), 'reason');
    return lifecycle(locals, params.id, 'cancel', reason ? { reason } : {});
  },
  ship: async ({ locals, params, request }) => lifecycle(locals, params.id, 'ship', tracking(await request.formData())),
  tracking: async ({ locals, params, request }) => {
    const form = await request.formData();
    return act(() => attachTracking(web().engine, locals.tenantId!, params.id, tracking(form)), 'tracking');
  },
  removeUnits: async ({ locals, params, request }) => {
    const form = await request.formData();
    const { engine } = web();
    const ret = await returnDetail(engine, locals.tenantId!, params.id);
    const lines = ret.lines.map((l) => ({ sku: l.sku, quantity: Number(form.get(`remove_${l.sku}`) ?? 0) }));
    return act(() => removeUnits(engine, locals.tenantId!, params.id, lines, text(form, 'reason') || undefined), 'removeUnits');
  },
  receive: async ({ locals, params, request }) => {
    const form = await request.formData();
    const ret = await returnDetail(web().engine, locals.tenantId!, params.id);
    return lifecycle(locals, params.id, 'receive', () => {
      // Only what the form says: a field left as it was (or empty) means "as requested".
      const lines = ret.lines.map((l) => {
        const sku = text(form, `received_sku_${l.sku}`);
        return {
          sku: l.sku,
          quantity: form.has(`received_qty_${l.sku}`) ? Number(form.get(`received_qty_${l.sku}`)) : undefined,
          received_sku: sku && sku !== l.sku ? sku : undefined,
          weight_kg: decimal(form, `received_weight_${l.sku}`, `weight (kg) of ${l.sku}`),
        };
      });
      const note = text(form, 'note');
      return { lines, ...(note ? { note } : {}) };
    });
  },
  inspect: async ({ locals, params, request }) => {
    const form = await request.formData();
    const ret = await returnDetail(web().engine, locals.tenantId!, params.id);
    return lifecycle(locals, params.id, 'inspect', () => ({
      lines: ret.lines.map((l) => ({
        sku: l.sku,
        condition: String(form.get(`condition_${l.sku}`)),
        disposition: String(form.get(`disposition_${l.sku}`)),
        recovered_value: decimal(form, `recovered_${l.sku}`, `value recovered for ${l.sku}`),
      })),
    }));
  },
  resolve: async ({ locals, params, request }) => {
    const form = await request.formData();
    const ret = await returnDetail(web().engine, locals.tenantId!, params.id);
    return lifecycle(locals, params.id, 'resolve', () => {
      const amounts = ret.lines.flatMap((l) => {
        const amount = decimal(form, `amount_${l.sku}`, `amount for ${l.sku}`);
        return amount === undefined ? [] : [{ sku: l.sku, amount }];
      });
      const exchangeSku = text(form, 'exchange_sku');
      return { resolution: text(form, 'resolution'), amounts, ...(exchangeSku ? { exchange_sku: exchangeSku } : {}) };
    });
  },
  keepIt: ({ locals, params }) => lifecycle(locals, params.id, 'resolve', { resolution: 'keep_it' }),
  close: ({ locals, params }) => lifecycle(locals, params.id, 'close'),
  reopen: ({ locals, params }) => lifecycle(locals, params.id, 'reopen'),
};
