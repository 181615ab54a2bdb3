import type { TopicContext } from './apply-context';
import { cannotApply } from './apply-context';
import { applyDispositions, dispositionOf, type ReportedDisposition } from './return-dispositions';
import { findLink, linkLine, openReturnLinesOf } from './return-links';
import { listOf, shopifyIdOf } from './shopify-refs';

type Rec = Record<string, unknown>;

/**
 * reverse_fulfillment_orders/dispose: per reverse fulfillment order line, what happened to the units (RESTOCKED,
 * PROCESSING_REQUIRED, NOT_RESTOCKED, MISSING). Shopify names neither the return nor the order here, so each line
 * is found through the link learned from returns/process, or through the order line the reverse fulfillment
 * order line carries (`fulfillment_line_item.line_item.id`) when exactly one open return holds it. Then the
 * dispositions go through the lifecycle like returns/process's: receive if needed, inspect once every line has one.
 */
export async function applyReverseFulfillmentOrderDispose({ engine, tenantId, payload }: TopicContext): Promise<string> {
  const rfoId = shopifyIdOf(payload) ?? cannotApply('the reverse fulfillment order has no id');
  const dispositions = listOf(payload.dispositions);
  if (!dispositions.length) cannotApply(`reverse fulfillment order ${rfoId} carries no dispositions`);
  const byReturn = new Map<string, ReportedDisposition[]>();
  for (const d of dispositions) {
    const rfoLine = (d.reverse_fulfillment_order_line_item ?? {}) as Rec;
    const rfoLineId = shopifyIdOf(rfoLine) ?? cannotApply(`reverse fulfillment order ${rfoId}: a disposition names no reverse_fulfillment_order_line_item`);
    let target: { return_id: string; sku: string } | undefined = await findLink(engine, tenantId, 'ReverseFulfillmentOrderLineItem', rfoLineId);
    if (!target) {
      const orderLineId = shopifyIdOf((rfoLine.fulfillment_line_item as Rec | undefined)?.line_item) ?? shopifyIdOf(rfoLine.line_item);
      const open = orderLineId ? await openReturnLinesOf(engine, tenantId, orderLineId) : [];
      if (open.length > 1) {
        cannotApply(`reverse fulfillment order ${rfoId}: order line ${orderLineId} is on several open returns (${open.map((o) => o.return_id).join(', ')}); deliver the right return's returns/process first, then replay`);
      }
      target = open[0];
      if (target) await linkLine(engine, tenantId, 'ReverseFulfillmentOrderLineItem', rfoLineId, target.return_id, target.sku);
    }
    if (!target) {
      cannotApply(
        `reverse fulfillment order ${rfoId}: its line ${rfoLineId} is not linked to any return line Rebound knows (this webhook names no return); ` +
          "deliver the return's returns/process first, which links its lines, then replay",
      );
    }
    const list = byReturn.get(target.return_id) ?? [];
    list.push({
      sku: target.sku,
      disposition: dispositionOf(d.type, `reverse fulfillment order ${rfoId}, line ${rfoLineId}`),
      quantity: Number(d.quantity ?? 1),
      via: { kind: 'ReverseFulfillmentOrderLineItem', id: rfoLineId },
    });
    byReturn.set(target.return_id, list);
  }
  const notes: string[] = [];
  for (const [returnId, reported] of byReturn) notes.push((await applyDispositions(engine, tenantId, returnId, reported)).note);
  return notes.join('; ');
}
