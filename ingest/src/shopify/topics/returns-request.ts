import { NotFoundError, reasonCodeFrom, type Engine, type Return } from '@rebound/engine';
import { idString } from '../lossless-json';
import { cannotApply, SHOPIFY_ACTOR, type TopicContext } from './apply-context';
import { linkLine } from './return-links';
import { shopifyIdOf } from './shopify-refs';

type Rec = Record<string, unknown>;

/** Our return id for a Shopify return: its numeric id, exact, as a string (the gid's tail when only the gid is sent). */
export function returnIdOf(payload: Rec): string {
  const gid = typeof payload.admin_graphql_api_id === 'string' ? payload.admin_graphql_api_id : undefined;
  return idString(payload.id) ?? gid?.split('/').pop() ?? cannotApply('the return has no id');
}

/**
 * returns/request: requests the return on the order's lines, once (a known return id changes nothing), and
 * remembers which Shopify return line item is which line, for returns/update and returns/process.
 */
export async function applyReturnRequest({ engine, tenantId, payload }: TopicContext): Promise<string> {
  const returnId = returnIdOf(payload);
  try {
    const known = await engine.returns.getReturn(tenantId, returnId);
    await linkItems(engine, tenantId, known, payload);
    return `return ${returnId} already known`;
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  const orderId = idString((payload.order as Rec | undefined)?.id) ?? cannotApply(`return ${returnId} names no order`);
  const items = Array.isArray(payload.return_line_items) ? (payload.return_line_items as Rec[]) : [];
  if (items.length === 0) cannotApply(`return ${returnId} carries no return_line_items (Shopify says ${String(payload.total_return_line_items ?? 0)})`);
  let order;
  try {
    order = await engine.orders.getOrder(tenantId, orderId);
  } catch (err) {
    if (err instanceof NotFoundError) cannotApply(`order ${orderId} is unknown (deliver orders/create first, then replay)`);
    throw err;
  }
  const lines = items.map((item) => {
    const fli = (item.fulfillment_line_item ?? {}) as Rec;
    const lineId = idString((fli.line_item as Rec | undefined)?.id) ?? idString(item.line_item_id);
    const line = order.lines.find((l) => l.line_id === lineId);
    if (!line) cannotApply(`return ${returnId}: line item ${lineId ?? '(none)'} is not on order ${orderId}`);
    const reason = typeof item.return_reason === 'string' ? reasonCodeFrom(item.return_reason) : undefined;
    const text = [item.return_reason_note, item.customer_note].filter((t) => typeof t === 'string' && t.trim()).join(' ');
    // The exact line Shopify names: an order may carry one SKU on several lines.
    return { sku: line.sku, line_id: line.line_id, quantity: Number(item.quantity), reason_code: reason ?? null, reason_text: text || null };
  });
  const ret = await engine.returns.requestReturn(
    tenantId,
    { return_id: returnId, order_id: orderId, lines, requested_at: new Date().toISOString() },
    SHOPIFY_ACTOR,
  );
  await linkItems(engine, tenantId, ret, payload);
  return `return ${returnId} requested`;
}

/** Links each Shopify return line item of the payload to the line of our return holding its order line. */
async function linkItems(engine: Engine, tenantId: string, ret: Return, payload: Rec): Promise<void> {
  for (const item of Array.isArray(payload.return_line_items) ? (payload.return_line_items as Rec[]) : []) {
    const itemId = shopifyIdOf(item);
    const fli = (item.fulfillment_line_item ?? {}) as Rec;
    const lineId = shopifyIdOf(fli.line_item) ?? idString(item.line_item_id);
    const line = ret.lines.find((l) => l.line_id === lineId);
    if (itemId && line) await linkLine(engine, tenantId, 'ReturnLineItem', itemId, ret.return_id, line.sku);
  }
}
