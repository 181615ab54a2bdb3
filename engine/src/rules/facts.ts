/** The type of a fact a rule can test. */
export type FactType = 'number' | 'string' | 'list';

/** Every fact a rule may use, with its type and meaning (computed in SQL by return-facts.ts). */
export const FACTS: Record<string, { type: FactType; description: string }> = {
  order_value: { type: 'number', description: 'value of the whole order' },
  line_value: { type: 'number', description: 'value of the returned units (quantity x unit price, all lines)' },
  quantity: { type: 'number', description: 'units returned' },
  days_since_order: { type: 'number', description: 'days from the order to the request' },
  days_since_delivery: { type: 'number', description: 'days from delivery (else the order) to the request' },
  return_window_days: { type: 'number', description: "the tenant's return window" },
  channel: { type: 'string', description: 'sales channel of the order' },
  category: { type: 'string', description: 'category of the most valuable returned line (of lines worth the same, the first SKU in order)' },
  sku: { type: 'string', description: 'SKU of the most valuable returned line (of lines worth the same, the first in order)' },
  reason_code: { type: 'string', description: "the given reason code, else the classifier's reading" },
  reason_confidence: { type: 'number', description: "the classifier's confidence (1 when the customer gave a code)" },
  fault_bucket: { type: 'string', description: 'merchant, carrier or customer, from the reason' },
  fraud_score: { type: 'number', description: 'fraud and abuse score in [0, 1] (0 until scored)' },
  customer_orders: { type: 'number', description: "the customer's number of orders placed by the request" },
  customer_return_rate: {
    type: 'number',
    description: "the customer's units in other returns / units ordered, as they stood at the request (a return declined or canceled after it still counts)",
  },
  customer_lifetime_value: { type: 'number', description: "the customer's ordered value minus refunds, both as of the request" },
  fraud_signals: { type: 'list', description: 'ids of the fraud signals that fired on the return (empty until scored); test with contains / doesNotContain' },
  ...Object.fromEntries(
    ['serial_returner', 'return_after_window', 'high_value', 'bracketing', 'wardrobing', 'item_mismatch', 'light_box', 'linked_accounts', 'refund_velocity'].map((signal) => [
      `fraud_signal_${signal}`,
      { type: 'number' as FactType, description: `1 when the fraud signal ${signal} fired on the return, else 0` },
    ]),
  ),
  sku_return_rate_90d: { type: 'number', description: 'return rate (units) of the SKU, trailing 90 days' },
  sku_recovery_rate_90d: { type: 'number', description: 'recovery rate (units) of the SKU, trailing 90 days' },
  sku_value_recovery_rate_90d: { type: 'number', description: 'value recovery rate of the SKU, trailing 90 days' },
  sku_cost_per_return_90d: { type: 'number', description: 'cost per return of the SKU, trailing 90 days' },
  category_return_rate_90d: { type: 'number', description: 'return rate (units) of the category, trailing 90 days' },
  category_landfill_rate_90d: { type: 'number', description: 'landfill rate of the category, trailing 90 days' },
};

/** The comparison operators a condition may use (json-rules-engine's built-in ones). */
export const OPERATORS = {
  equal: 'any',
  notEqual: 'any',
  lessThan: 'number',
  lessThanInclusive: 'number',
  greaterThan: 'number',
  greaterThanInclusive: 'number',
  in: 'list',
  notIn: 'list',
  contains: 'member',
  doesNotContain: 'member',
} as const;
export type Operator = keyof typeof OPERATORS;

/** Facts of one return, by name; null when unknown. */
export type Facts = Record<string, number | string | string[] | null>;
