import type { ColumnType, Insertable, Selectable } from 'kysely';

/** A shopper of a tenant. */
export interface CustomerTable {
  tenant_id: string;
  id: string;
  email: string | null;
  /** Normalised phone and postal address, used to find linked accounts. */
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  address: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: ColumnType<Date, string | Date, never>;
}

/** A product of a tenant's catalogue, keyed by SKU. */
export interface ProductTable {
  tenant_id: string;
  sku: string;
  name: string | null;
  category: string;
  price: number | null;
  weight_kg: number | null;
  /** Production footprint per unit in kg CO2e; null means "use the category default". */
  co2e_kg: number | null;
}

/** An order as the merchant's store recorded it. */
export interface OrderTable {
  tenant_id: string;
  id: string;
  ordered_at: ColumnType<Date, string | Date, string | Date>;
  delivered_at: ColumnType<Date | null, string | Date | null, string | Date | null>;
  customer_id: string;
  currency: string;
  channel: string | null;
  source: string;
  created_at: ColumnType<Date, string | Date, never>;
  /** When the order or one of its lines last changed (the KPI marts refresh on it). */
  updated_at: ColumnType<Date, string | Date, string | Date>;
}

/** One line of an order. */
export interface OrderLineTable {
  tenant_id: string;
  order_id: string;
  /** Unique within the order (defaults to the SKU). */
  line_id: string;
  sku: string;
  product_name: string | null;
  category: string;
  quantity: number;
  unit_price: number;
  weight_kg: number | null;
  co2e_kg: number | null;
  final_sale: ColumnType<boolean, boolean | undefined, boolean>;
}

export type CustomerRow = Selectable<CustomerTable>;
export type OrderRow = Selectable<OrderTable>;
export type OrderLineRow = Selectable<OrderLineTable>;
export type NewOrderRow = Insertable<OrderTable>;
export type NewOrderLineRow = Insertable<OrderLineTable>;
