import { cannotApply, returnOrFail, SHOPIFY_ACTOR, type TopicContext } from './apply-context';
import { findLink } from './return-links';
import { returnIdOf } from './returns-request';
import { listOf, shopifyIdOf } from './shopify-refs';

type Rec = Record<string, unknown>;

const OPEN = ['requested', 'approved', 'in_transit'];

/**
 * returns/update: Shopify changed a return's lines or fees. Each removal (`return_line_items.removals`: a return
 * line item and how many units left the return) is checked against our return, then applied: the lines shrink, and
 * a return left with no units is canceled. Restocking and return shipping fees have no place on our return and are
 * noted, kept in the raw webhook.
 */
export async function applyReturnUpdate({ engine, tenantId, payload }: TopicContext): Promise<string> {
  const returnId = returnIdOf(payload);
  const ret = await returnOrFail(engine, tenantId, returnId);
  const changes = (payload.return_line_items ?? {}) as Rec;
  const removals = listOf(changes.removals);
  const fees = ['restocking_fees', 'return_shipping_fees'].filter((k) => {
    const f = (payload[k] ?? {}) as Rec;
    return listOf(f.updates).length + listOf(f.removals).length > 0;
  });
  if (!removals.length && !fees.length) return `return ${returnId}: nothing Rebound keeps changed`;
  const notes: string[] = [];
  if (removals.length) {
    if (!OPEN.includes(ret.status)) cannotApply(`return ${returnId} is ${ret.status} in Rebound: Shopify's change to its lines comes after the items were handled and is not applied`);
    const units: { sku: string; quantity: number }[] = [];
    for (const r of removals) {
      const itemId = shopifyIdOf(r) ?? cannotApply(`return ${returnId}: a removal names no return line item`);
      const link = await findLink(engine, tenantId, 'ReturnLineItem', itemId);
      const line = link?.return_id === returnId ? ret.lines.find((l) => l.sku === link.sku) : undefined;
      if (!line) cannotApply(`return ${returnId}: return line item ${itemId} is not one of its lines in Rebound (it was not in the returns/request Rebound received)`);
      const delta = Number(r.delta ?? r.quantity);
      if (!Number.isInteger(delta) || delta < 1 || delta > line.quantity) {
        cannotApply(`return ${returnId}: Shopify removed ${JSON.stringify(r.delta ?? null)} units of ${line.sku}, but the return holds ${line.quantity}`);
      }
      units.push({ sku: line.sku, quantity: delta });
    }
    const after = await engine.returns.removeUnits(tenantId, returnId, units, { ...SHOPIFY_ACTOR, reason: 'removed in Shopify' });
    const named = units.map((u) => `${u.quantity} x ${u.sku}`).join(', ');
    notes.push(after.status === 'canceled' ? `took ${named} off, which left nothing: canceled` : `took ${named} off`);
  }
  if (fees.length) notes.push(`${fees.join(' and ').replace(/_/g, ' ')} changed in Shopify; Rebound keeps no fees on a return, so they stay in the raw webhook only`);
  return `return ${returnId}: ${notes.join('; ')}`;
}
