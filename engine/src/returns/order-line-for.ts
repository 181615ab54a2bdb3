import type { OrderLineRow } from '../orders/order.table';
import { PolicyRefusalError, UnprocessableError } from '../shared/errors';
import { assertReturnable, type PolicyException, type PolicyStrictness, type ReturnPolicy } from './policy';

/** What a return line asks for: a SKU of the order, how many units, and optionally which order line. */
export interface UnitsAsked {
  sku: string;
  quantity: number;
  line_id?: string;
}

/** The order, its lines (in line order) and the units of each line other returns already hold. */
export interface OrderUnits {
  orderId: string;
  lines: OrderLineRow[];
  held: Map<string, number>;
  windowStartsAt: Date;
}

/** An order line under the return policy: the units it has left, and the exceptions it lets through or its refusal. */
export interface JudgedLine {
  line: OrderLineRow;
  left: number;
  exceptions?: PolicyException[];
  refusal?: PolicyRefusalError;
}

/** Each given line of an order under the policy once, with the units other returns have not taken yet. */
export function judgeLines(
  lines: OrderLineRow[],
  order: Pick<OrderUnits, 'held' | 'windowStartsAt'>,
  policy: ReturnPolicy,
  at: Date,
  strictness: PolicyStrictness = {},
): JudgedLine[] {
  return lines.map((line) => {
    const left = Math.max(line.quantity - (order.held.get(line.line_id) ?? 0), 0);
    try {
      return { line, left, exceptions: assertReturnable(policy, { sku: line.sku, category: line.category, final_sale: line.final_sale, window_starts_at: order.windowStartsAt }, at, strictness) };
    } catch (error) {
      if (error instanceof PolicyRefusalError) return { line, left, refusal: error };
      throw error;
    }
  });
}

/**
 * The order line a return line takes its units from. An order may carry one SKU on several lines (a second one
 * at another price, a gift, an engraving); a return line holds units of one of them, so the first line (in line
 * order) the policy allows with enough units left is taken, or the line the caller names. Before, the first line
 * of the SKU was always taken, so the units of its other lines could never be returned. Refusals say what is
 * left on each line, so the customer can split the units over two returns.
 */
export function orderLineFor(
  asked: UnitsAsked,
  order: OrderUnits,
  policy: ReturnPolicy,
  at: Date,
  strictness: PolicyStrictness,
): { line: OrderLineRow; exceptions: PolicyException[] } {
  const ofSku = order.lines.filter((l) => l.sku === asked.sku);
  if (!ofSku.length) throw new UnprocessableError(`order ${order.orderId} has no line with sku '${asked.sku}'`);
  const candidates = asked.line_id === undefined ? ofSku : ofSku.filter((l) => l.line_id === asked.line_id);
  if (!candidates.length) {
    throw new UnprocessableError(`order ${order.orderId} has no line ${asked.line_id} with sku '${asked.sku}' (its lines of ${asked.sku}: ${ofSku.map((l) => l.line_id).join(', ')})`);
  }
  const judged = judgeLines(candidates, order, policy, at, strictness);
  const fits = judged.find((j) => j.exceptions && j.left >= asked.quantity);
  if (fits) return { line: fits.line, exceptions: fits.exceptions! };
  const allowed = judged.filter((j) => j.exceptions);
  // No line the policy allows at all: its refusal (of the first line) says why.
  if (!allowed.length) throw judged[0].refusal!;
  const bought = allowed.reduce((n, j) => n + j.line.quantity, 0);
  const already = allowed.reduce((n, j) => n + (order.held.get(j.line.line_id) ?? 0), 0);
  const most = Math.max(...allowed.map((j) => j.left));
  if (allowed.length === 1) {
    throw new PolicyRefusalError(
      `cannot return ${asked.quantity} x ${asked.sku}: ${bought} bought, ${already} already being returned, so at most ${most} can be returned`,
      { sku: asked.sku, bought, already_returned: already, returnable: most },
    );
  }
  const perLine = allowed.map((j) => `line ${j.line.line_id}: ${j.left} left`).join(', ');
  throw new PolicyRefusalError(
    most === 0
      ? `cannot return ${asked.quantity} x ${asked.sku}: ${bought} bought on ${allowed.length} lines, all already being returned`
      : `cannot return ${asked.quantity} x ${asked.sku} in one return: the order has it on ${allowed.length} lines (${perLine}) and a return line takes units of one of them; ` +
          `return at most ${most} now and the rest in another return`,
    {
      sku: asked.sku,
      bought,
      already_returned: already,
      returnable: most,
      lines: allowed.map((j) => ({ line_id: j.line.line_id, bought: j.line.quantity, returnable: j.left })),
    },
  );
}
