import type { ReasonCorrectionTable } from '../classification/reason-correction.table';
import type { EventTable } from '../events/event.table';
import type { IdempotencyKeyTable } from '../idempotency/idempotency-key.table';
import type { OutboxJobTable } from '../jobs/outbox.table';
import type { CustomerTable, OrderLineTable, OrderTable, ProductTable } from '../orders/order.table';
import type { RefundTable, ReturnLineTable, ReturnTable } from '../returns/return.table';
import type { RuleSetTable } from '../rules/rule-set.table';
import type { ApiKeyTable, TenantTable } from '../tenants/tenant.table';

/** Every table Kysely may touch, by name. */
export interface Database {
  tenants: TenantTable;
  api_keys: ApiKeyTable;
  customers: CustomerTable;
  products: ProductTable;
  orders: OrderTable;
  order_lines: OrderLineTable;
  returns: ReturnTable;
  return_lines: ReturnLineTable;
  refunds: RefundTable;
  events: EventTable;
  rule_sets: RuleSetTable;
  reason_corrections: ReasonCorrectionTable;
  idempotency_keys: IdempotencyKeyTable;
  job_outbox: OutboxJobTable;
}
