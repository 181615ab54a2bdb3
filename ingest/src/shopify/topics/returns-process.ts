import { cannotApply, returnOrFail, SHOPIFY_ACTOR, type TopicContext } from './apply-context';
import { applyDispositions, dispositionOf, type ReportedDisposition } from './return-dispositions';
import { findLink, lineOfOrderLine, linkLine } from './return-links';
import { returnIdOf } from './returns-request';
import { listOf, shopifyIdOf } from './shopify-refs';

type Rec = Record<string, unknown>;

/**
 * returns/process: Shopify processed return line items (returnProcess). Shopify documents this payload as `{}`;
 * we read the Return as its other returns topics send it: `id`, and per `return_line_items` entry its `id`,
 * `fulfillment_line_item.line_item.id`, `processed_quantity` (else `quantity`) and `dispositions`
 * (`type`, `quantity`, `reverse_fulfillment_order_line_item`), plus `exchange_line_items`. Items processed
 * receive the return (with the units processed) and, with every line's disposition known, inspect it; processed
 * exchange items then resolve it as an exchange. A refund arrives on its own as refunds/create.
 */
export async function applyReturnProcess({ engine, tenantId, payload }: TopicContext): Promise<string> {
  const returnId = returnIdOf(payload);
  const ret = await returnOrFail(engine, tenantId, returnId);
  const items = listOf(payload.return_line_items);
  if (!items.length) cannotApply(`return ${returnId}: returns/process carries no return_line_items, so there is nothing to process`);
  const reported: ReportedDisposition[] = [];
  const received = new Map<string, number>();
  for (const item of items) {
    const itemId = shopifyIdOf(item);
    const orderLineId = shopifyIdOf((item.fulfillment_line_item as Rec | undefined)?.line_item) ?? shopifyIdOf(item.line_item_id);
    const link = itemId ? await findLink(engine, tenantId, 'ReturnLineItem', itemId) : undefined;
    const line = (link?.return_id === returnId ? ret.lines.find((l) => l.sku === link.sku) : undefined) ?? lineOfOrderLine(ret, orderLineId);
    if (!line) cannotApply(`return ${returnId}: return line item ${itemId ?? '(no id)'} (order line ${orderLineId ?? 'not given'}) is not a line of this return`);
    if (itemId) await linkLine(engine, tenantId, 'ReturnLineItem', itemId, returnId, line.sku);
    const processed = Number(item.processed_quantity ?? item.quantity);
    if (!Number.isInteger(processed) || processed < 0 || processed > line.quantity) {
      cannotApply(`return ${returnId}: ${processed} units of ${line.sku} processed, but the return holds ${line.quantity}`);
    }
    received.set(line.sku, (received.get(line.sku) ?? 0) + processed);
    for (const d of listOf(item.dispositions)) {
      const rfoLineId = shopifyIdOf(d.reverse_fulfillment_order_line_item);
      // The reverse fulfillment order line named here is how reverse_fulfillment_orders/dispose will name this line.
      if (rfoLineId) await linkLine(engine, tenantId, 'ReverseFulfillmentOrderLineItem', rfoLineId, returnId, line.sku);
      reported.push({
        sku: line.sku,
        disposition: dispositionOf(d.type ?? d.disposition_type, `return ${returnId}, ${line.sku}`),
        quantity: Number(d.quantity ?? processed),
        via: rfoLineId ? { kind: 'ReverseFulfillmentOrderLineItem', id: rfoLineId } : { kind: 'ReturnLineItem', id: itemId ?? `${returnId}/${line.sku}` },
      });
    }
  }
  const overflow = [...received].find(([sku, n]) => n > ret.lines.find((l) => l.sku === sku)!.quantity);
  if (overflow) cannotApply(`return ${returnId}: ${overflow[1]} units of ${overflow[0]} processed, more than the return holds`);
  const { ret: after, note } = await applyDispositions(engine, tenantId, returnId, reported, received);
  const exchanged = listOf(payload.exchange_line_items).filter((x) => Number(x.processed_quantity ?? x.quantity ?? 0) > 0);
  if (!exchanged.length) return note;
  if (after.status === 'resolved' || after.status === 'closed') return `${note}; already resolved (${after.resolution})`;
  if (after.status !== 'inspected') return `${note}; the exchange is resolved once the return is inspected`;
  const sku = ((exchanged[0]!.line_item ?? {}) as Rec).sku;
  await engine.returns.transition(tenantId, returnId, 'resolve', { resolution: 'exchange', ...(typeof sku === 'string' && sku ? { exchange_sku: sku } : {}) }, SHOPIFY_ACTOR);
  return `${note}, resolved by exchange`;
}
