import { cannotApply, returnOrFail, SHOPIFY_ACTOR, type TopicContext } from './apply-context';
import { shopifyIdOf } from './shopify-refs';

type Rec = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * reverse_deliveries/attach_deliverable: a label or tracking was attached to the return's reverse delivery. The
 * tracking (carrier, number, url) and the label are kept on the return; an approved return with a tracking number
 * is shipped (in_transit). Later changes replace the tracking without moving the return.
 */
export async function applyReverseDeliveryDeliverable({ engine, tenantId, payload }: TopicContext): Promise<string> {
  const deliveryId = shopifyIdOf(payload) ?? '(no id)';
  const returnId = shopifyIdOf(payload.return) ?? cannotApply(`reverse delivery ${deliveryId} names no return`);
  const ret = await returnOrFail(engine, tenantId, returnId);
  const deliverable = (payload.shipping_deliverable ?? payload.deliverable ?? {}) as Rec;
  const tracking = (deliverable.tracking ?? {}) as Rec;
  const label = (deliverable.label ?? {}) as Rec;
  const given = {
    carrier: text(tracking.carrier_name ?? tracking.company),
    tracking_number: text(tracking.tracking_number ?? tracking.number),
    tracking_url: text(tracking.tracking_url ?? tracking.url),
    label_url: text(label.public_file_url),
  };
  if (!Object.values(given).some(Boolean)) return `reverse delivery ${deliveryId} of return ${returnId} carries no tracking or label yet: nothing to attach`;
  if (ret.status === 'requested') {
    cannotApply(`return ${returnId} is still requested in Rebound: approve it (deliver its returns/approve, then replay) before its tracking can be attached`);
  }
  if (ret.status === 'approved' && given.tracking_number) {
    await engine.returns.transition(tenantId, returnId, 'ship', given, SHOPIFY_ACTOR);
    return `return ${returnId} shipped with ${given.carrier ?? 'tracking'} ${given.tracking_number}`;
  }
  const current = ret.tracking ?? { carrier: null, tracking_number: null, tracking_url: null, label_url: null };
  const changed = (Object.keys(given) as (keyof typeof given)[]).filter((k) => given[k] && given[k] !== current[k]);
  if (!changed.length) return `return ${returnId} already has this tracking`;
  await engine.returns.attachTracking(tenantId, returnId, given, SHOPIFY_ACTOR);
  return `return ${returnId} (${ret.status}): tracking attached (${changed.join(', ')})`;
}
