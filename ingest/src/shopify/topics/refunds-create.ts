import type { Return } from '@rebound/engine';
import { cannotApply, returnOrFail, SHOPIFY_ACTOR, type TopicContext } from './apply-context';
import { amountOf, centsOf, listOf, shopifyIdOf } from './shopify-refs';

type Rec = Record<string, unknown>;

/** The shop-currency money of a Shopify MoneySet field, or of its plain decimal twin. */
function shopMoney(item: Rec, field: string): { amount: unknown; currency?: string } {
  const set = (item[`${field}_set`] as Rec | undefined)?.shop_money as Rec | undefined;
  if (set) return { amount: set.amount, currency: typeof set.currency_code === 'string' ? set.currency_code : undefined };
  return { amount: item[field] ?? '0' };
}

/** Refunded cents per SKU of the return: each refund line's subtotal plus its tax, exact, in the tenant's currency. */
function refundedBySku(refundId: string, ret: Return, items: Rec[], currency: string): Map<string, number> {
  const cents = new Map<string, number>();
  for (const item of items) {
    const li = (item.line_item ?? {}) as Rec;
    const candidates = [shopifyIdOf(item.line_item_id), shopifyIdOf(li)];
    const line = ret.lines.find((l) => candidates.includes(l.line_id));
    const label = `${candidates.find(Boolean) ?? '(no id)'}${typeof li.sku === 'string' ? ` (${li.sku})` : ''}`;
    if (!line) cannotApply(`refund ${refundId}: line item ${label} is not on return ${ret.return_id}`);
    let sum = 0;
    for (const field of ['subtotal', 'total_tax']) {
      const money = shopMoney(item, field);
      if (money.currency && money.currency !== currency) {
        cannotApply(`refund ${refundId} is in ${money.currency}, but this store keeps its money in ${currency}`);
      }
      sum += centsOf(money.amount, `refund ${refundId}, ${field} of ${line.sku}`);
    }
    if (sum < 0) cannotApply(`refund ${refundId}: the refund of ${line.sku} is negative`);
    cents.set(line.sku, (cents.get(line.sku) ?? 0) + sum);
  }
  return cents;
}

/**
 * refunds/create: Shopify refunded money. A refund of a return (`return.id`) is recorded on the return lines its
 * refund_line_items name (subtotal + tax, exact, in the tenant's currency) by resolving the inspected return as
 * a refund; lines of the return it leaves out get 0. The engine's refunds are one per line, so a repeat changes
 * nothing and a different second refund of a line is refused. A refund not tied to a return has no place in
 * Rebound (refunds belong to return lines) and is noted, kept in the raw webhook.
 */
export async function applyRefundCreate({ engine, tenantId, payload }: TopicContext): Promise<string> {
  const refundId = shopifyIdOf(payload) ?? cannotApply('the refund has no id');
  const items = listOf(payload.refund_line_items);
  const returnId = shopifyIdOf(payload.return);
  if (!returnId) {
    return `refund ${refundId} of order ${shopifyIdOf(payload.order_id) ?? '(unknown)'} is not tied to a return: Rebound records refunds per return line, so it is kept in the raw webhook only`;
  }
  const ret = await returnOrFail(engine, tenantId, returnId);
  if (!items.length) return `refund ${refundId} of return ${returnId} refunds no line items (shipping or adjustments only): nothing to record on its lines`;
  const { currency } = await engine.tenants.getTenant(tenantId);
  const cents = refundedBySku(refundId, ret, items, currency);
  const amounts = ret.lines.map((l) => ({ sku: l.sku, amount: amountOf(cents.get(l.sku) ?? 0) }));
  const listed = [...cents].map(([sku, c]) => `${sku} ${amountOf(c).toFixed(2)} ${currency}`).join(', ');
  switch (ret.status) {
    case 'inspected': {
      await engine.returns.transition(tenantId, returnId, 'resolve', { resolution: 'refund', amounts }, SHOPIFY_ACTOR);
      const left = ret.lines.filter((l) => !cents.has(l.sku)).map((l) => l.sku);
      return `return ${returnId} resolved by refund ${refundId}: ${listed}${left.length ? `; not refunded: ${left.join(', ')}` : ''}`;
    }
    case 'resolved':
    case 'closed': {
      const differing = [...cents].filter(([sku, c]) => {
        const line = ret.lines.find((l) => l.sku === sku)!;
        return line.refund_amount === null || Math.round(Number(line.refund_amount) * 100) !== c;
      });
      if (!differing.length) return `refund ${refundId} already recorded on return ${returnId}`;
      const [sku, c] = differing[0]!;
      const line = ret.lines.find((l) => l.sku === sku)!;
      cannotApply(
        `return ${returnId} is already ${ret.status} (${ret.resolution}) with ${sku} refunded ${line.refund_amount === null ? 'nothing' : Number(line.refund_amount).toFixed(2)}; ` +
          `refund ${refundId} says ${amountOf(c).toFixed(2)} ${currency}, and Rebound records one refund per return line`,
      );
    }
    case 'declined':
    case 'canceled':
      cannotApply(`return ${returnId} is ${ret.status}: refund ${refundId} (${listed}) has no returned items to pay for`);
    default:
      cannotApply(
        `return ${returnId} is ${ret.status}: Rebound records its refund once it is inspected (deliver its returns/process or ` +
          `reverse_fulfillment_orders/dispose, then replay refund ${refundId})`,
      );
  }
}
