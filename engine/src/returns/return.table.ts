import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { Condition, Disposition, Resolution } from './dispositions';
import type { ReturnStatus } from './status';

type Timestamp = ColumnType<Date | null, string | Date | null | undefined, string | Date | null>;

/** A return (RMA): one request to send back lines of one order. */
export interface ReturnTable {
  tenant_id: string;
  id: string;
  order_id: string;
  customer_id: string;
  status: ReturnStatus;
  resolution: Resolution | null;
  /** Where the return came from: api, portal, import, shopify. */
  source: string;
  decline_reason: string | null;
  requested_at: ColumnType<Date, string | Date, string | Date>;
  approved_at: Timestamp;
  declined_at: Timestamp;
  shipped_at: Timestamp;
  received_at: Timestamp;
  inspected_at: Timestamp;
  resolved_at: Timestamp;
  closed_at: Timestamp;
  canceled_at: Timestamp;
  /** Fraud and abuse score in [0, 1] and the signals that made it (see fraud/). */
  fraud_score: ColumnType<number | null, number | null | undefined, number | null>;
  fraud_signals: ColumnType<unknown, string | null | undefined, string | null>;
  /** The parcel's tracking and the return label, as the carrier or the shop gave them (null until known). */
  tracking_carrier: ColumnType<string | null, string | null | undefined, string | null>;
  tracking_number: ColumnType<string | null, string | null | undefined, string | null>;
  tracking_url: ColumnType<string | null, string | null | undefined, string | null>;
  label_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** The import that created the return (its `import.completed` event), null for returns opened in Rebound. */
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Bumped on every transition; guards against lost updates. */
  version: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, string | Date, string | Date>;
}

/** One returned line of an RMA, with what happened to it. */
export interface ReturnLineTable {
  tenant_id: string;
  return_id: string;
  order_id: string;
  line_id: string;
  sku: string;
  quantity: number;
  /** The structured reason as the customer or the store gave it. */
  reason_code: string | null;
  reason_text: string | null;
  /** The classifier's reading of reason_text, stored beside the given code. */
  predicted_reason_code: string | null;
  predicted_confidence: number | null;
  condition: Condition | null;
  disposition: Disposition | null;
  received_at: Timestamp;
  inspected_at: Timestamp;
  restocked_at: Timestamp;
  refunded_at: Timestamp;
  refund_amount: number | null;
  recovered_value: number | null;
  shipping_cost: number | null;
  processing_cost: number | null;
  distance_km: number | null;
  /** What actually came back, as booked at receipt (null: as requested). */
  received_quantity: ColumnType<number | null, number | null | undefined, number | null>;
  received_sku: ColumnType<string | null, string | null | undefined, string | null>;
  received_weight_kg: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A refund paid for one return line. The primary key makes a second refund of a line impossible. */
export interface RefundTable {
  tenant_id: string;
  return_id: string;
  sku: string;
  amount: number;
  currency: string;
  kind: Resolution;
  refunded_at: ColumnType<Date, string | Date, never>;
}

export type ReturnRow = Selectable<ReturnTable>;
export type NewReturnRow = Insertable<ReturnTable>;
export type ReturnUpdate = Updateable<ReturnTable>;
export type ReturnLineRow = Selectable<ReturnLineTable>;
export type NewReturnLineRow = Insertable<ReturnLineTable>;
export type ReturnLineUpdate = Updateable<ReturnLineTable>;
export type RefundRow = Selectable<RefundTable>;
