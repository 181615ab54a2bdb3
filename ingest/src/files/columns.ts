/** What a column of an import file holds, for reading and for the error messages. */
export interface ImportColumn {
  name: string;
  required: boolean;
}

/** Columns of an orders file (one row per order line). */
export const ORDER_COLUMNS: ImportColumn[] = [
  { name: 'order_id', required: true },
  { name: 'line_id', required: false },
  { name: 'ordered_at', required: true },
  { name: 'customer_id', required: true },
  { name: 'customer_email', required: false },
  { name: 'sku', required: true },
  { name: 'product_name', required: false },
  { name: 'category', required: true },
  { name: 'quantity', required: true },
  { name: 'unit_price', required: true },
  { name: 'currency', required: false },
  { name: 'channel', required: false },
  { name: 'weight_kg', required: false },
  { name: 'co2e_kg', required: false },
  { name: 'delivered_at', required: false },
  { name: 'customer_phone', required: false },
  { name: 'customer_address', required: false },
];

/** Columns of a returns file (one row per returned line). */
export const RETURN_COLUMNS: ImportColumn[] = [
  { name: 'return_id', required: true },
  { name: 'order_id', required: true },
  { name: 'sku', required: true },
  { name: 'quantity', required: true },
  { name: 'requested_at', required: true },
  { name: 'reason_code', required: false },
  { name: 'reason_text', required: false },
  { name: 'received_at', required: false },
  { name: 'inspected_at', required: false },
  { name: 'restocked_at', required: false },
  { name: 'refunded_at', required: false },
  { name: 'condition', required: false },
  { name: 'disposition', required: false },
  { name: 'resolution', required: false },
  { name: 'refund_amount', required: false },
  { name: 'recovered_value', required: false },
  { name: 'shipping_cost', required: false },
  { name: 'processing_cost', required: false },
  { name: 'distance_km', required: false },
];
