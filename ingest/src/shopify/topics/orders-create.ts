import { DomainError, NotFoundError } from '@rebound/engine';
import { idString } from '../lossless-json';
import { cannotApply, SHOPIFY_ACTOR, type TopicContext } from './apply-context';

type Rec = Record<string, unknown>;

/**
 * What the customer paid per unit of a line item: Shopify's `price` is before discounts, and each discount
 * given on the line is in its `discount_allocations` (an amount for the whole line, in the shop's money).
 */
function pricePaid(li: Rec): number {
  const quantity = Number(li.quantity);
  const allocations = Array.isArray(li.discount_allocations) ? (li.discount_allocations as Rec[]) : [];
  const discount = allocations.reduce((sum, a) => sum + Number(((a.amount_set as Rec | undefined)?.shop_money as Rec | undefined)?.amount ?? a.amount ?? 0), 0);
  const price = Number(li.price);
  if (!(quantity > 0) || !(discount > 0)) return price;
  // Rounded to cents where every order is recorded (OrdersService), half away from zero as DuckDB rounds.
  return Math.max(0, (price * quantity - discount) / quantity);
}

/** orders/create and orders/paid: creates the order once (a later delivery of the same order changes nothing). */
export async function applyOrderCreate({ engine, tenantId, payload }: TopicContext): Promise<string> {
  const orderId = idString(payload.id) ?? cannotApply('the order has no id');
  try {
    await engine.orders.getOrder(tenantId, orderId);
    return `order ${orderId} already known`;
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  const items = Array.isArray(payload.line_items) ? (payload.line_items as Rec[]) : [];
  if (items.length === 0) cannotApply(`order ${orderId} carries no line items`);
  const customer = (payload.customer ?? {}) as Rec;
  const customerId = idString(customer.id) ?? idString(payload.email) ?? cannotApply(`order ${orderId} has no customer`);
  // orders/create and orders/paid of one order arrive together: the one that lost the race finds it created.
  const created = await engine.orders.createOrder(
    tenantId,
    {
      order_id: orderId,
      ordered_at: String(payload.created_at ?? payload.processed_at ?? ''),
      currency: typeof payload.currency === 'string' ? payload.currency : undefined,
      channel: typeof payload.source_name === 'string' ? payload.source_name : 'shopify',
      customer: { id: customerId, email: (customer.email as string) ?? (payload.email as string) ?? null },
      lines: items.map((li) => ({
        line_id: idString(li.id) ?? cannotApply(`a line of order ${orderId} has no id`),
        sku: idString(li.sku) ?? idString(li.variant_id) ?? idString(li.id)!,
        product_name: typeof li.title === 'string' ? li.title : null,
        category: typeof li.product_type === 'string' && li.product_type.trim() ? li.product_type : 'uncategorized',
        quantity: Number(li.quantity),
        unit_price: pricePaid(li),
        weight_kg: typeof li.grams === 'number' ? li.grams / 1000 : null,
      })),
    },
    SHOPIFY_ACTOR,
  ).then(
    () => true,
    (err: unknown) => {
      if (err instanceof DomainError && err.kind === 'conflict' && err.details?.order_id === orderId) return false;
      throw err;
    },
  );
  return created ? `order ${orderId} created` : `order ${orderId} already known`;
}
