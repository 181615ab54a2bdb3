import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { PolicyRefusalError, UnprocessableError } from '../shared/errors';
import { engineInTempDir } from '../testing/temp-store';

let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;
let seq = 0;
const who = { actor: 'test' };

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-split-lines-'));
  tenantId = (await engine.tenants.createTenant({ name: 'Split lines', currency: 'EUR' })).tenant.id;
});
afterAll(() => cleanup());

/** An order carrying one SKU on two lines: bought at full price, then a second one as a gift. */
async function orderWithScarfTwice(second: { final_sale?: boolean } = {}) {
  const orderId = `SPLIT-${++seq}`;
  await engine.orders.createOrder(tenantId, {
    order_id: orderId,
    ordered_at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    customer: { id: `c-${seq}` },
    lines: [
      { line_id: 'L1', sku: 'SCARF', category: 'apparel', quantity: 1, unit_price: 50 },
      { line_id: 'L2', sku: 'SCARF', category: 'apparel', quantity: 1, unit_price: 0, ...second },
    ],
  });
  return orderId;
}
const returnScarf = (orderId: string, quantity = 1, line_id?: string) =>
  engine.returns.requestReturn(tenantId, { order_id: orderId, lines: [{ sku: 'SCARF', quantity, line_id, reason_text: 'not needed' }] }, who);
const returnsOf = async (orderId: string) => (await engine.store.query<{ n: number }>('select count(*)::int as n from returns where order_id = $1', [orderId]))[0].n;

describe('an order carrying one SKU on several lines', () => {
  it('takes each return from a line with units left, so every unit bought can go back', async () => {
    const orderId = await orderWithScarfTwice();
    expect((await returnScarf(orderId)).lines.map((l) => l.line_id)).toEqual(['L1']);
    // The first line is taken: before, the second return was refused, and the gift could never go back.
    expect((await returnScarf(orderId)).lines.map((l) => l.line_id)).toEqual(['L2']);
    await expect(returnScarf(orderId)).rejects.toThrow('cannot return 1 x SCARF: 2 bought on 2 lines, all already being returned');
    expect(await returnsOf(orderId)).toBe(2);
  });

  it('refuses more units in one return than one line has left, saying what each line has, and stores nothing', async () => {
    const orderId = await orderWithScarfTwice();
    const refusal = await returnScarf(orderId, 2).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(PolicyRefusalError);
    expect((refusal as Error).message).toBe(
      'cannot return 2 x SCARF in one return: the order has it on 2 lines (line L1: 1 left, line L2: 1 left) and a return line takes units of one of them; return at most 1 now and the rest in another return',
    );
    expect(await returnsOf(orderId)).toBe(0);
  });

  it('takes the line the request names, and refuses a line the order does not have', async () => {
    const orderId = await orderWithScarfTwice();
    expect((await returnScarf(orderId, 1, 'L2')).lines.map((l) => [l.line_id, l.sku])).toEqual([['L2', 'SCARF']]);
    await expect(returnScarf(orderId, 1, 'L9')).rejects.toThrow(new UnprocessableError(`order ${orderId} has no line L9 with sku 'SCARF' (its lines of SCARF: L1, L2)`));
    await expect(returnScarf(orderId, 1, 'L2')).rejects.toThrow('cannot return 1 x SCARF: 1 bought, 1 already being returned, so at most 0 can be returned');
  });

  it('passes over a line sold as final sale, and refuses when every line of the SKU is', async () => {
    const orderId = await orderWithScarfTwice();
    await engine.store.query("update order_lines set final_sale = true where order_id = $1 and line_id = 'L1'", [orderId]);
    expect((await returnScarf(orderId)).lines.map((l) => l.line_id)).toEqual(['L2']);
    const allFinal = await orderWithScarfTwice({ final_sale: true });
    await engine.store.query("update order_lines set final_sale = true where order_id = $1", [allFinal]);
    await expect(returnScarf(allFinal)).rejects.toThrow('SCARF cannot be returned: it was sold as final sale');
  });

  it('offers the SKU once in the portal, with what one return can take', async () => {
    const orderId = await orderWithScarfTwice();
    expect(await engine.returns.returnableLines(tenantId, orderId)).toEqual([
      { sku: 'SCARF', product_name: null, category: 'apparel', unit_price: 50, bought: 2, already_returned: 0, returnable: 1, refusal: null },
    ]);
    await returnScarf(orderId);
    expect(await engine.returns.returnableLines(tenantId, orderId)).toMatchObject([{ sku: 'SCARF', unit_price: 0, bought: 2, already_returned: 1, returnable: 1 }]);
  });
});
