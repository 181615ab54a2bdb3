import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { NewOrderLineRow, NewOrderRow, OrderLineRow, OrderRow } from './order.table';

type Db = Kysely<Database> | Transaction<Database>;

// Orders and their lines have no key index (migration 0010): a lookup scans the id column, and DuckDB's zone
// maps skip the row groups whose id range cannot hold it.

/** An order of a tenant, or undefined. */
export function findOrder(db: Db, tenantId: string, orderId: string): Promise<OrderRow | undefined> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', orderId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst() as Promise<OrderRow | undefined>;
}

/** The lines of an order of a tenant, in line id order. */
export function findOrderLines(db: Db, tenantId: string, orderId: string): Promise<OrderLineRow[]> {
  return db
    .selectFrom('order_lines')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('tenant_id', '=', tenantId)
    .orderBy('line_id')
    .execute() as Promise<OrderLineRow[]>;
}

/** Inserts an order and its lines. */
export async function insertOrder(db: Db, order: NewOrderRow, lines: NewOrderLineRow[]): Promise<void> {
  await db.insertInto('orders').values(order).execute();
  if (lines.length) await db.insertInto('order_lines').values(lines).execute();
}

/** Lower-cases and squeezes contact details so the same phone or address written twice compares equal. */
export function normaliseContact(value: string | null | undefined, kind: 'email' | 'phone' | 'address'): string | null {
  if (!value?.trim()) return null;
  if (kind === 'phone') return value.replace(/[^0-9+]/g, '') || null;
  if (kind === 'email') return value.trim().toLowerCase();
  return value.trim().toLowerCase().replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Inserts a customer unless the tenant already has one with that id; fills missing contact details. */
export async function upsertCustomer(
  db: Db,
  tenantId: string,
  customer: { id: string; email?: string | null; phone?: string | null; address?: string | null },
  at: Date,
): Promise<void> {
  await db
    .insertInto('customers')
    .values({
      tenant_id: tenantId,
      id: customer.id,
      email: normaliseContact(customer.email, 'email'),
      phone: normaliseContact(customer.phone, 'phone'),
      address: normaliseContact(customer.address, 'address'),
      created_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        email: eb.fn.coalesce('customers.email', eb.ref('excluded.email')),
        phone: eb.fn.coalesce('customers.phone', eb.ref('excluded.phone')),
        address: eb.fn.coalesce('customers.address', eb.ref('excluded.address')),
      })),
    )
    .execute();
}

/** Inserts or refreshes catalogue entries from order lines. */
export async function upsertProducts(
  db: Db,
  rows: { tenant_id: string; sku: string; name: string | null; category: string; price: number; weight_kg: number | null; co2e_kg: number | null }[],
): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('products')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'sku']).doUpdateSet((eb) => ({
          name: eb.fn.coalesce(eb.ref('excluded.name'), 'products.name'),
          category: eb.ref('excluded.category'),
          price: eb.ref('excluded.price'),
          weight_kg: eb.fn.coalesce(eb.ref('excluded.weight_kg'), 'products.weight_kg'),
          co2e_kg: eb.fn.coalesce(eb.ref('excluded.co2e_kg'), 'products.co2e_kg'),
        })),
      )
      .execute();
  }
}
