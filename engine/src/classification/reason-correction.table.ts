import type { ColumnType } from 'kysely';

/** A merchant's correction of the reason of one returned line: what the KPIs count it under, and a training label. */
export interface ReasonCorrectionTable {
  tenant_id: string;
  return_id: string;
  sku: string;
  reason_code: string;
  corrected_by: string;
  corrected_at: ColumnType<Date, Date | string, Date | string>;
}
