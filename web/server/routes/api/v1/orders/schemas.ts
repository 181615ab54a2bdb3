import { Type, type Static } from 'typebox';

const Money = Type.Number({ minimum: 0, description: 'in the tenant currency' });
const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601, e.g. 2026-05-03T09:00:00Z' });

/** One line of a new order. */
export const OrderLineBody = Type.Object(
  {
    line_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'unique within the order; defaults to the sku' })),
    sku: Type.String({ minLength: 1, maxLength: 100 }),
    product_name: Type.Optional(Type.String({ maxLength: 300 })),
    category: Type.String({ minLength: 1, maxLength: 100, description: 'apparel, footwear, electronics, home, beauty...' }),
    quantity: Type.Integer({ minimum: 1 }),
    unit_price: Money,
    weight_kg: Type.Optional(Type.Number({ minimum: 0 })),
    co2e_kg: Type.Optional(Type.Number({ minimum: 0 })),
    final_sale: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** POST /api/v1/orders */
export const CreateOrderBody = Type.Object(
  {
    order_id: Type.String({ minLength: 1, maxLength: 100 }),
    ordered_at: Timestamp,
    delivered_at: Type.Optional(Timestamp),
    currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$', description: 'ISO 4217; must be the tenant currency' })),
    channel: Type.Optional(Type.String({ maxLength: 50 })),
    customer: Type.Object(
      {
        id: Type.String({ minLength: 1, maxLength: 100 }),
        email: Type.Optional(Type.String({ format: 'email' })),
        phone: Type.Optional(Type.String({ maxLength: 50 })),
        address: Type.Optional(Type.String({ maxLength: 500, description: 'shipping address, one line' })),
      },
      { additionalProperties: false },
    ),
    lines: Type.Array(OrderLineBody, { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type CreateOrderBody = Static<typeof CreateOrderBody>;

/** Path of one order. */
export const OrderParams = Type.Object({ id: Type.String({ minLength: 1 }) });
export type OrderParams = Static<typeof OrderParams>;
