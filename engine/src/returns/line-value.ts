import type { OrderLineRow } from '../orders/order.table';
import { roundMoney } from '../shared/money';
import type { ReturnLineRow } from './return.table';

/** The units of a returned line that came back: what receipt counted when it counted fewer, else those asked for. */
export function unitsBack(line: ReturnLineRow): number {
  return line.received_quantity !== null && line.received_quantity < line.quantity ? line.received_quantity : line.quantity;
}

/** What the customer paid for `units` of a returned line (its order line's unit price), rounded to cents. */
export function paidFor(orderLines: OrderLineRow[], line: ReturnLineRow, units: number): number {
  return roundMoney(Number(orderLines.find((o) => o.line_id === line.line_id)?.unit_price ?? 0) * units);
}
