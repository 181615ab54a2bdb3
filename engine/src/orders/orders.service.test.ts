import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { InvalidInputError, NotFoundError, UnprocessableError } from '../shared/errors';
import { engineInTempDir, seedTenantWithOrder } from '../testing/temp-store';
import type { OrderInput } from './orders.service';

let engine: Engine;
let cleanup: () => Promise<void>;
let tenantId: string;

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-orders-'));
  tenantId = (await seedTenantWithOrder(engine)).tenant.id;
});
afterAll(() => cleanup());

const order = (changes: Partial<OrderInput>): OrderInput => ({
  order_id: 'N-1',
  ordered_at: '2026-05-03T09:00:00Z',
  customer: { id: 'C-9', email: 'ada@example.com' },
  lines: [{ sku: 'SCARF', category: 'apparel', quantity: 1, unit_price: 25 }],
  ...changes,
});

/** Every row an order touches, read without the query builder's cache. */
async function storedOf(orderId: string) {
  const rows = (table: string, where: string) => engine.store.query(`select * from ${table} where tenant_id = $1 and ${where} order by all`, [tenantId, orderId]);
  return {
    orders: await rows('orders', 'id = $2'),
    lines: await rows('order_lines', 'order_id = $2'),
    events: await rows('events', "entity_type = 'order' and entity_id = $2"),
    customers: await engine.store.query('select * from customers where tenant_id = $1 order by all', [tenantId]),
    products: await engine.store.query('select * from products where tenant_id = $1 order by all', [tenantId]),
  };
}

async function expectRefusedWithoutTrace(input: OrderInput, error: typeof InvalidInputError, message: RegExp) {
  const before = await storedOf(input.order_id);
  const attempt = engine.orders.createOrder(tenantId, input);
  await expect(attempt).rejects.toThrow(error);
  await expect(attempt).rejects.toThrow(message);
  expect(await storedOf(input.order_id)).toEqual(before);
}

describe('refusing a new order', () => {
  it('refuses a date that matches the format but does not exist, naming the field', async () => {
    await expectRefusedWithoutTrace(order({ ordered_at: '2026-13-01' }), InvalidInputError, /^ordered_at '2026-13-01' is not a valid date$/);
    await expectRefusedWithoutTrace(order({ ordered_at: '2026-02-30T10:00:00Z' }), InvalidInputError, /^ordered_at '2026-02-30T10:00:00Z' is not a valid date$/);
    await expectRefusedWithoutTrace(order({ delivered_at: '2026-05-04T25:00:00Z' }), InvalidInputError, /^delivered_at '2026-05-04T25:00:00Z' is not a valid date$/);
    await expectRefusedWithoutTrace(order({ ordered_at: new Date('not a date') }), InvalidInputError, /^ordered_at 'Invalid Date' is not a valid date$/);
    await expect(engine.orders.getOrder(tenantId, 'N-1')).rejects.toThrow(NotFoundError);
  });

  it('refuses an order with no lines', async () => {
    await expectRefusedWithoutTrace(order({ lines: [] }), UnprocessableError, /^order N-1 has no lines$/);
    await expect(engine.orders.getOrder(tenantId, 'N-1')).rejects.toThrow(NotFoundError);
  });

  it('refuses two lines with the same line id, whether given or taken from the sku', async () => {
    const twice = { sku: 'SCARF', category: 'apparel', quantity: 1, unit_price: 25 };
    await expectRefusedWithoutTrace(order({ lines: [twice, { ...twice, product_name: 'Scarf, red' }] }), UnprocessableError, /order N-1 has two lines with line id 'SCARF': give each line its own line_id/);
    await expectRefusedWithoutTrace(
      order({ lines: [{ ...twice, line_id: 'L1' }, { ...twice, sku: 'HAT', line_id: 'L1' }] }),
      UnprocessableError,
      /order N-1 has two lines with line id 'L1'/,
    );
    await expect(engine.orders.getOrder(tenantId, 'N-1')).rejects.toThrow(NotFoundError);
  });

  it('refuses a negative or missing unit price, naming the line', async () => {
    const line = { sku: 'SCARF', category: 'apparel', quantity: 1, unit_price: 25 };
    await expectRefusedWithoutTrace(order({ lines: [line, { ...line, sku: 'HAT', unit_price: -0.01 }] }), InvalidInputError, /^lines\[1\]\.unit_price must be >= 0, got -0\.01$/);
    await expectRefusedWithoutTrace(order({ lines: [{ ...line, unit_price: Number.NaN }] }), InvalidInputError, /^lines\[0\]\.unit_price must be >= 0, got NaN$/);
    await expect(engine.orders.getOrder(tenantId, 'N-1')).rejects.toThrow(NotFoundError);
  });

  it('refuses bad input for an order id already stored, leaving the stored order as it was', async () => {
    const stored = await engine.orders.getOrder(tenantId, 'A-1001');
    const line = { sku: 'HOOD-M', category: 'apparel', quantity: 1, unit_price: 60 };
    await expectRefusedWithoutTrace(order({ order_id: 'A-1001', ordered_at: '2026-05-03T09:00:00+25:00' }), InvalidInputError, /ordered_at .* is not a valid date/);
    await expectRefusedWithoutTrace(order({ order_id: 'A-1001', lines: [] }), UnprocessableError, /order A-1001 has no lines/);
    await expectRefusedWithoutTrace(order({ order_id: 'A-1001', lines: [line, line] }), UnprocessableError, /order A-1001 has two lines with line id 'HOOD-M'/);
    await expectRefusedWithoutTrace(order({ order_id: 'A-1001', lines: [{ ...line, unit_price: -60 }] }), InvalidInputError, /lines\[0\]\.unit_price must be >= 0/);
    expect(await engine.orders.getOrder(tenantId, 'A-1001')).toEqual(stored);
  });
});
