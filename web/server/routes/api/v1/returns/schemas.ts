import { CONDITIONS, DISPOSITIONS, RESOLUTIONS, RETURN_STATUSES } from '@rebound/engine';
import { Type, type Static } from 'typebox';

const oneOf = (values: readonly string[], description?: string) => Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {});

/** POST /api/v1/returns */
export const CreateReturnBody = Type.Object(
  {
    order_id: Type.String({ minLength: 1, maxLength: 100 }),
    lines: Type.Array(
      Type.Object(
        {
          sku: Type.String({ minLength: 1, maxLength: 100 }),
          quantity: Type.Integer({ minimum: 1 }),
          line_id: Type.Optional(
            Type.String({ minLength: 1, maxLength: 100, description: 'which order line of the SKU, when the order has it on several (default: the first with enough units left)' }),
          ),
          reason_code: Type.Optional(Type.String({ maxLength: 60, description: 'a reason taxonomy code, or a Shopify ReturnReason' })),
          reason_text: Type.Optional(Type.String({ maxLength: 5000, description: "the customer's own words" })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
    resolution: Type.Optional(oneOf(RESOLUTIONS, 'what the customer wants')),
  },
  { additionalProperties: false },
);
export type CreateReturnBody = Static<typeof CreateReturnBody>;

/** Path of one return. */
export const ReturnParams = Type.Object({ id: Type.String({ minLength: 1 }) });
export type ReturnParams = Static<typeof ReturnParams>;

/** GET /api/v1/returns filters. */
export const ListReturnsQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ description: `comma-separated statuses: ${RETURN_STATUSES.join(', ')}` })),
    order_id: Type.Optional(Type.String()),
    customer_id: Type.Optional(Type.String()),
    q: Type.Optional(Type.String({ description: 'search RMA number, order id or customer id' })),
    min_fraud_score: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'only returns whose fraud score is at least this (0 to 1)' })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type ListReturnsQuery = Static<typeof ListReturnsQuery>;

/** Bodies of the lifecycle actions. */
export const ActionBodies = {
  approve: Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
  decline: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000, description: 'shown to the customer' }) }, { additionalProperties: false }),
  cancel: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
  ship: Type.Object(
    { carrier: Type.Optional(Type.String({ maxLength: 100 })), tracking_number: Type.Optional(Type.String({ maxLength: 100 })) },
    { additionalProperties: false },
  ),
  receive: Type.Object(
    {
      note: Type.Optional(Type.String({ maxLength: 2000 })),
      lines: Type.Optional(
        Type.Array(
          Type.Object(
            {
              sku: Type.String({ minLength: 1 }),
              quantity: Type.Optional(Type.Integer({ minimum: 0, description: 'units that actually came back' })),
              received_sku: Type.Optional(Type.String({ description: 'the SKU that actually came back' })),
              weight_kg: Type.Optional(Type.Number({ minimum: 0, description: 'weight of what came back' })),
            },
            { additionalProperties: false },
          ),
        ),
      ),
    },
    { additionalProperties: false },
  ),
  inspect: Type.Object(
    {
      lines: Type.Array(
        Type.Object(
          {
            sku: Type.String({ minLength: 1 }),
            condition: oneOf(CONDITIONS),
            disposition: oneOf(DISPOSITIONS),
            recovered_value: Type.Optional(Type.Number({ minimum: 0 })),
            processing_cost: Type.Optional(Type.Number({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        { minItems: 1 },
      ),
    },
    { additionalProperties: false },
  ),
  resolve: Type.Object(
    {
      resolution: Type.Optional(oneOf(RESOLUTIONS)),
      amounts: Type.Optional(Type.Array(Type.Object({ sku: Type.String(), amount: Type.Number({ minimum: 0 }) }, { additionalProperties: false }))),
      exchange_sku: Type.Optional(Type.String()),
    },
    { additionalProperties: false },
  ),
  close: Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
} as const;

/** POST /api/v1/returns/:id/reopen */
export const ReopenBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'why it is reopened (kept on the event)' })) },
  { additionalProperties: false },
);
export type ReopenBody = Static<typeof ReopenBody>;

/** POST /api/v1/returns/:id/remove-units */
export const RemoveUnitsBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        {
          sku: Type.String({ minLength: 1, maxLength: 100 }),
          quantity: Type.Integer({ minimum: 1, description: 'units to take off this line (at most what it holds)' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type RemoveUnitsBody = Static<typeof RemoveUnitsBody>;

const url = (what: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: `${what}: an http(s) address` }));

/** PUT /api/v1/returns/:id/tracking: fields given replace the stored ones, fields left out stay as they are. */
export const TrackingBody = Type.Object(
  {
    carrier: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    tracking_number: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    tracking_url: url("the carrier's tracking page"),
    label_url: url('the return label'),
  },
  { additionalProperties: false },
);
export type TrackingBody = Static<typeof TrackingBody>;
